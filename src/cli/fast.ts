// The fast path for `keyhound staged`, the command that runs on every commit: a tiny parser for its options, so
// neither yargs nor anything else `scan` needs is loaded. Anything it does not recognise (--help, a typo, an
// unusual spelling) returns null and bin/keyhound.js hands the arguments to the full yargs CLI, which also runs
// `staged` — so behaviour and messages stay those of one command, whichever path ran it.

import { unexpectedError, type RunIO, type RunResult } from './common.js';
import { stagedCommand } from './staged.js';

const VALUE_OPTIONS: Record<string, string> = {
  '-f': 'format',
  '--format': 'format',
  '-o': 'output',
  '--output': 'output',
  '-c': 'config',
  '--config': 'config',
  '--max-file-size': 'max-file-size',
  '--baseline': 'baseline',
  '--rule-budget': 'rule-budget',
};
const FLAG_OPTIONS: Record<string, string> = {
  '--no-redact': 'no-redact',
  '--no-color': 'no-color',
  '-v': 'verbose',
  '--verbose': 'verbose',
  '-q': 'quiet',
  '--quiet': 'quiet',
  '--honor-gitleaks-allow': 'honor-gitleaks-allow',
};

/** Parses `staged [options]`; null when the arguments need the full parser. */
export function parseStagedArgs(argv: readonly string[]): Record<string, unknown> | null {
  if (argv[0] !== 'staged') return null;
  const args: Record<string, unknown> = {};
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq === -1 ? token : token.slice(0, eq);
    const flag = FLAG_OPTIONS[name];
    if (flag && eq === -1) {
      args[flag] = true;
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (!key || key in args) return null;
    const value = eq === -1 ? argv[++i] : token.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('-'))) return null;
    args[key] = value;
  }
  if (args.format !== undefined && args.format !== 'text' && args.format !== 'json') return null;
  return args;
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
