// The fast path for `keyhound history`: its start-up is part of every audit (and of the benchmark against
// `git log -p`), and yargs alone takes longer to load and run than git needs to list a few thousand commits. The
// options go through the small parser in fast-args.ts; anything it does not recognise returns null and
// bin/keyhound.js hands the arguments to the full yargs CLI, which runs the same command.

import { unexpectedError, type RunIO, type RunResult } from './common.js';
import { commandError } from './errors.js';
import { parseFastArgs } from './fast-args.js';
import { historyCommand } from './history.js';

/** Runs `keyhound history` when the fast parser understands the arguments; null otherwise. */
export async function runFast(argv: readonly string[], io: RunIO): Promise<RunResult | null> {
  const parsed = parseFastArgs(argv);
  if (parsed?.command !== 'history') return null;
  try {
    return await historyCommand(parsed.args, io);
  } catch (err) {
    return commandError(err) ?? unexpectedError(err);
  }
}
