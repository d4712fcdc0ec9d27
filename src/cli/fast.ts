// The fast path for `keyhound staged`, the command that runs on every commit: its options are read by the small
// parser in fast-args.ts, so neither yargs nor anything else `scan` needs is loaded. Anything the parser does not
// recognise (--help, a typo, an unusual spelling) returns null and bin/keyhound.js hands the arguments to the full
// yargs CLI, which also runs `staged` — so behaviour and messages stay those of one command, whichever path ran it.
// `keyhound history` has its own entry (fast-history.ts), bundled apart so that this one stays a single file.

import { unexpectedError, type RunIO, type RunResult } from './common.js';
import { parseFastArgs } from './fast-args.js';
import { stagedCommand } from './staged.js';

export { parseFastArgs } from './fast-args.js';
// bin/keyhound.js refreshes the hook's start-up snapshot after a plain run; the detached process that builds it
// imports buildHoldingLock from the module it was started from, this bundle (see src/hooks/snapshot.ts).
export { buildHoldingLock, refreshSnapshotInBackground } from '../hooks/snapshot.js';

/** Parses `staged [options]`; null when the arguments need the full parser. */
export function parseStagedArgs(argv: readonly string[]): Record<string, unknown> | null {
  const parsed = parseFastArgs(argv);
  return parsed?.command === 'staged' ? parsed.args : null;
}

/** Runs `keyhound staged` when the fast parser understands the arguments; null otherwise. */
export async function runFast(argv: readonly string[], io: RunIO): Promise<RunResult | null> {
  const args = parseStagedArgs(argv);
  if (!args) return null;
  try {
    return await stagedCommand(args, io);
  } catch (err) {
    return unexpectedError(err);
  }
}
