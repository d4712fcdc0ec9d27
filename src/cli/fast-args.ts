// The small option parser of the fast paths (fast.ts for `keyhound staged`, fast-history.ts for `keyhound history`):
// the common spellings of their options, nothing else. Whatever it does not recognise (--help, a typo, an unusual
// spelling such as -vq, `--`, a second positional) makes it return null, and the full yargs command line takes over.

import { reportFormat } from './common.js';

/** Options every scanning command takes, by spelling → name. */
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
  '--max-decode-depth': 'max-decode-depth',
  '--max-archive-depth': 'max-archive-depth',
};
const FLAG_OPTIONS: Record<string, string> = {
  '--no-redact': 'no-redact',
  '--no-color': 'no-color',
  '-v': 'verbose',
  '--verbose': 'verbose',
  '-q': 'quiet',
  '--quiet': 'quiet',
  '--honor-gitleaks-allow': 'honor-gitleaks-allow',
  '--allow-no-rules': 'allow-no-rules',
};

interface FastCommand {
  /** The name of its one optional positional argument, if it takes one. */
  positional?: string;
  /** Its own value options, by spelling → name. */
  values: Record<string, string>;
}

const COMMANDS: Record<string, FastCommand> = {
  staged: { values: {} },
  history: {
    positional: 'repo',
    values: { '--branch': 'branch', '--range': 'range', '--since': 'since', '--max-commits': 'max-commits' },
  },
};

/** The report formats the fast path takes (the others go through yargs, which checks the choice). */
const FAST_FORMATS = new Set(['text', 'json', 'sarif', 'github']);

/** Parses `staged [options]` or `history [repo] [options]`; null when the arguments need the full parser. */
export function parseFastArgs(argv: readonly string[]): { command: string; args: Record<string, unknown> } | null {
  const command = argv[0] ?? '';
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command]! : null;
  if (!spec) return null;
  const args: Record<string, unknown> = {};
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    if (!token.startsWith('-')) {
      // A positional: the command's one, once.
      if (!spec.positional || spec.positional in args) return null;
      args[spec.positional] = token;
      continue;
    }
    const eq = token.startsWith('--') ? token.indexOf('=') : -1;
    const name = eq === -1 ? token : token.slice(0, eq);
    const flag = FLAG_OPTIONS[name];
    if (flag && eq === -1) {
      if (flag in args) return null;
      args[flag] = true;
      continue;
    }
    const key = (Object.hasOwn(VALUE_OPTIONS, name) && VALUE_OPTIONS[name]) || (Object.hasOwn(spec.values, name) && spec.values[name]);
    if (!key || key in args) return null;
    const value = eq === -1 ? argv[++i] : token.slice(eq + 1);
    if (value === undefined || (eq === -1 && value.startsWith('-'))) return null;
    args[key] = value;
  }
  if (!FAST_FORMATS.has(reportFormat(args))) return null;
  return { command, args };
}
