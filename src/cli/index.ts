// The command line: yargs parses and prints help; `run()` dispatches and returns what to print and the exit code.
// Nothing here calls process.exit: bin/keyhound.js sets the exit code from the result.

import yargs from 'yargs';
import { FORMATS } from '../report/index.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, unexpectedError, type RunIO, type RunResult } from './common.js';
import { baselineCommand } from './baseline.js';
import { importConfigCommand } from './import-config.js';
import { commandError } from './errors.js';
import { historyCommand } from './history.js';
import { rulesCheck, rulesList } from './rules.js';
import { scanCommand } from './scan.js';
import { longOptionNames, unknownArgumentsMessage } from './suggest.js';
import { TOOL } from './tool.js';

export { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, emit, parseSize, type RunIO, type RunResult } from './common.js';

type Options = Record<string, import('yargs').Options>;

/** `--verify` and `--only-verified`, on the commands that report findings. */
const VERIFY: Options = {
  verify: { type: 'boolean', describe: "Check each credential found at its provider (network; read-only calls; see README \"Verification\"); findings say live, invalid or unknown" },
  'only-verified': { type: 'boolean', describe: 'Report only credentials verified live (implies --verify)' },
};

/** Where and how the report is written: the commands that report findings (and `merge`). */
const REPORT: Options = {
  format: {
    alias: ['f', 'report-format'],
    choices: FORMATS,
    describe: 'Report format (github: workflow-command annotations; ndjson: one finding per line); default: what the --output name ends in (.json, .sarif, .ndjson, .html), else text',
  },
  output: { alias: ['o', 'report-path'], type: 'string', describe: 'Write the report to this file' },
  redact: { type: 'boolean', describe: 'Mask secrets in every output (the default; as gitleaks --redact)' },
  'no-redact': { type: 'boolean', describe: 'Show full secrets in the report (never in CI logs!)' },
  'no-color': { type: 'boolean', describe: 'Plain text output (also when NO_COLOR is set; FORCE_COLOR forces colour)' },
  'exit-code': { type: 'string', describe: 'Exit code when secrets are found (default 1; as gitleaks --exit-code)' },
  quiet: { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing when nothing is found' },
};

/** What the scan reads besides the files: rules, config, baseline, and the engine's limits. */
const SCANNING: Options = {
  config: { alias: 'c', type: 'string', describe: 'Config file (default: .keyhound.yaml in the scan root); a .toml file is read as a gitleaks config' },
  baseline: { type: 'string', describe: 'Baseline file: suppress the findings it lists; none: no baseline (default: the config key baseline, else .keyhound-baseline.json when present)' },
  'honor-gitleaks-allow': { type: 'boolean', default: false, describe: 'Also treat gitleaks:allow comments as inline allows' },
  'allow-no-rules': { type: 'boolean', default: false, describe: 'Let a run with no active rule pass (without it, that is an error: exit 2)' },
  'rule-budget': { type: 'string', describe: 'Most milliseconds one rule may spend on one file; a rule over it is cut short and named on stderr (default 10000)' },
  'max-decode-depth': { type: 'string', describe: 'Levels of base64, hex, percent, string-escape, HTML-entity and string-concatenation decoding to look through for keys; 0: none (default 2, or the config key maxDecodeDepth)' },
  'max-archive-depth': { type: 'string', describe: 'Levels of archives (zip, jar, apk, whl, tar, tar.gz, gz…) to open and scan inside, reported as file.zip!/member; 0: none (default 2, or the config key maxArchiveDepth)' },
  verbose: { alias: 'v', type: 'boolean', default: false, describe: 'List skipped files and dropped candidates on stderr' },
};

const maxFileSize = (what: string): Options => ({
  'max-file-size': { type: 'string', default: '64M', describe: `Skip (and report) larger ${what}; bytes or K/M/G` },
});

/** Each command's options (besides --help and --version), which its --help lists and the parser accepts. */
export const COMMAND_OPTIONS: Readonly<Record<string, Options>> = {
  scan: {
    ...REPORT,
    ...SCANNING,
    ...VERIFY,
    include: { type: 'string', array: true, describe: 'Scan only files matching this glob (repeatable; relative to the scan root; no slash: a name at any depth)' },
    exclude: { type: 'string', array: true, describe: 'Skip files and folders matching this glob (repeatable; as --include)' },
    'no-gitignore': { type: 'boolean', describe: 'Scan files that .gitignore excludes' },
    ...maxFileSize('files'),
    'stdin-filename': { type: 'string', describe: 'Path to report for standard input' },
    threads: { type: 'string', describe: 'Threads for large scans: the main one and N-1 workers (default: one per core, at most 8; 1: no workers)' },
  },
  baseline: {
    output: { alias: ['o'], type: 'string', describe: 'The baseline file to write (default: --baseline, the config key baseline, else .keyhound-baseline.json at the scan root)' },
    ...Object.fromEntries(Object.entries(SCANNING).filter(([k]) => k !== 'allow-no-rules')),
    prune: { type: 'boolean', default: false, describe: 'Also drop entries that match nothing any more' },
    history: { type: 'boolean', default: false, describe: 'Baseline every finding in the git history of the repository named (as keyhound history sees them)' },
    'no-gitignore': { type: 'boolean', describe: 'Scan files that .gitignore excludes' },
    ...maxFileSize('files'),
    quiet: REPORT.quiet!,
  },
  'import-config': { output: { alias: ['o'], type: 'string', describe: 'Write the config to this file' } },
  history: {
    ...REPORT,
    ...SCANNING,
    ...VERIFY,
    branch: { type: 'string', describe: 'Only commits reachable from this ref (default: every ref)' },
    range: { type: 'string', describe: 'Only commits in this range, e.g. main..feature' },
    since: { type: 'string', describe: 'Only commits after this date (as git log --since)' },
    'max-commits': { type: 'number', describe: 'Only the N most recent commits' },
    ...maxFileSize('blobs'),
    repos: { type: 'string', describe: 'Audit many repositories: a file listing one local path or clone URL (https, ssh, git@host:path, file://) a line' },
    cache: { type: 'string', describe: 'With --repos: where clone URLs are kept as bare mirrors, updated on the next run (default: keyhound/mirrors in the user cache folder)' },
    jobs: { type: 'string', describe: 'With --repos: repositories scanned at a time (default: cores, at most 4)' },
    shard: { type: 'string', describe: 'With --repos: only shard I of N (I/N, e.g. 2/8), by a stable hash of each repository, so N jobs cover the list once' },
    state: { type: 'string', describe: 'With --repos: keep finished repositories here, so a killed run resumes without scanning them again' },
  },
  merge: { ...REPORT, config: SCANNING.config! },
  diff: {
    ...REPORT,
    ...SCANNING,
    ...VERIFY,
    'no-attribution': { type: 'boolean', describe: 'Do not name the commit that added each finding' },
    ...maxFileSize('blobs'),
  },
  staged: { ...REPORT, ...SCANNING, ...VERIFY, ...maxFileSize('files') },
  'install-hook': { uninstall: { type: 'boolean', default: false, describe: "Remove keyhound's lines from the hook" } },
  'rules list': {
    provider: { type: 'string', describe: 'Only the rules of this provider id (binance, openai, ...)' },
    format: { alias: ['f'], choices: ['text', 'json'], default: 'text', describe: 'List format' },
    output: { alias: ['o'], type: 'string', describe: 'Write the list to this file' },
    config: { alias: 'c', type: 'string', describe: 'Config file whose rules are listed too (default: .keyhound.yaml here)' },
  },
  'rules check': {},
};

const EPILOGUE = `Exit codes: 0 no secrets found, 1 secrets found, 2 usage, configuration or runtime error.
Secrets are redacted in every output unless --no-redact is given.`;

function parser(argv: string[]) {
  return yargs(argv)
    .scriptName('keyhound')
    .usage('$0 <command> [options]\n\nFinds leaked API keys — crypto exchanges, wallets, AI and cloud tokens.')
    .command('scan [paths..]', 'Scan files and folders (use - for standard input)', (y) =>
      y.positional('paths', { type: 'string', array: true, default: ['.'], describe: 'Files, folders or quoted globs ("src/**/*.env"); - reads stdin' }).options(COMMAND_OPTIONS.scan!),
    )
    .command('baseline [paths..]', 'Accept what is found now: write it to the baseline file (default .keyhound-baseline.json)', (y) =>
      y.positional('paths', { type: 'string', array: true, default: ['.'], describe: 'Files or folders' }).options(COMMAND_OPTIONS.baseline!),
    )
    .command('import-config <from> <file>', 'Print the .keyhound.yaml equivalent of another tool\'s config (gitleaks)', (y) =>
      y
        .positional('from', { choices: ['gitleaks'], demandOption: true, describe: 'The tool the config is for' })
        .positional('file', { type: 'string', demandOption: true, describe: 'Its config file, e.g. .gitleaks.toml' })
        .options(COMMAND_OPTIONS['import-config']!),
    )
    .command('history [repo]', "Scan a repository's whole history: every unique blob on every ref, once", (y) =>
      y.positional('repo', { type: 'string', default: '.', describe: 'Repository (any folder in a work tree, or a bare repository)' }).options(COMMAND_OPTIONS.history!),
    )
    .command('merge <reports..>', 'Merge JSON reports (e.g. the shards of an audit) into one report, each finding once per repository', (y) =>
      y.positional('reports', { type: 'string', array: true, demandOption: true, describe: 'JSON reports written by --format json' }).options(COMMAND_OPTIONS.merge!),
    )
    .command('diff <range> [repo]', 'Scan what each commit of a range adds: BASE...HEAD (a pull request), OLD..NEW (a push), or BASE', (y) =>
      y
        .positional('range', { type: 'string', demandOption: true, describe: 'BASE...HEAD: the commits of HEAD not in BASE; OLD..NEW: the commits of NEW not in OLD; BASE alone: BASE...HEAD. Every commit is scanned against its parents, so a key added and removed again is found' })
        .positional('repo', { type: 'string', default: '.', describe: 'Repository (any folder in its work tree)' })
        .options(COMMAND_OPTIONS.diff!),
    )
    .command('staged', 'Scan what is staged for commit (the index): only the lines the commit adds', (y) => y.options(COMMAND_OPTIONS.staged!))
    .command('install-hook', 'Install (or with --uninstall remove) the git pre-commit hook that runs keyhound staged', (y) => y.options(COMMAND_OPTIONS['install-hook']!))
    .command('rules', 'List the rules or check a rule file', (y) =>
      y
        .command('list', 'List every rule by provider, with family, severity, parts and validator', (yy) => yy.options(COMMAND_OPTIONS['rules list']!))
        .command('check <file>', "Validate a rule file (every error at once) and run each rule's examples", (yy) =>
          yy.positional('file', { type: 'string', demandOption: true }).options(COMMAND_OPTIONS['rules check']!),
        )
        .demandCommand(1, 'Name a rules command: list or check'),
    )
    .parserConfiguration({ 'boolean-negation': false })
    .demandCommand(1, 'Name a command: scan, staged, history, merge, diff, install-hook, baseline, import-config or rules')
    .strict()
    .epilogue(EPILOGUE)
    .version(TOOL.version)
    .help()
    .alias('help', 'h')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false);
}

/** The command named in `argv` (`rules list` for a rules subcommand), if any: the first word that names one. */
function commandOf(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const first = words.find((w) => Object.hasOwn(COMMAND_OPTIONS, w) || w === 'rules');
  if (first !== 'rules') return first;
  const sub = words[words.indexOf(first) + 1];
  return sub === 'list' || sub === 'check' ? `rules ${sub}` : undefined;
}

export type Args = Awaited<ReturnType<ReturnType<typeof parser>['parseAsync']>>;

/** yargs drops a lone `-`, so it travels through parsing under this name and is turned back in `scan`. */
export const STDIN_ARG = '\u0000stdin';

export async function run(rawArgv: string[], io: RunIO = {}): Promise<RunResult> {
  const argv = rawArgv.map((a) => (a === '-' ? STDIN_ARG : a));
  let output = '';
  let parseError: Error | null = null;
  let args: Args;
  try {
    args = await parser(argv).parseAsync(argv, {}, (err: Error | null | undefined, _argv: unknown, out: string) => {
      if (err) parseError = err;
      output = out;
    });
  } catch (err) {
    parseError = err as Error;
    args = {} as Args;
  }
  if (parseError) {
    const command = commandOf(rawArgv);
    const words = command ? [] : rawArgv.includes('rules') ? ['list', 'check'] : [...new Set(Object.keys(COMMAND_OPTIONS).map((c) => c.split(' ')[0]!))];
    const unknown = unknownArgumentsMessage((parseError as Error).message, rawArgv, longOptionNames(command ? COMMAND_OPTIONS[command]! : {}), words);
    const message = unknown ?? (parseError as Error).message;
    const help = command ? `keyhound ${command} --help` : 'keyhound --help';
    return { exitCode: EXIT_ERROR, stdout: '', stderr: `${message.split('\n').map((l) => `keyhound: ${l}`).join('\n')}\nRun "${help}" for usage.\n` };
  }
  if (output) return { exitCode: EXIT_CLEAN, stdout: `${output.trimEnd()}\n`, stderr: '' };

  const [command, sub] = args._.map(String);
  try {
    const findingsExit = exitCodeOption(args['exit-code']);
    const result = await dispatch(command, sub, args, io);
    return result.exitCode === EXIT_FINDINGS && findingsExit !== undefined ? { ...result, exitCode: findingsExit } : result;
  } catch (err) {
    return commandError(err) ?? unexpectedError(err);
  }
}

/** `--exit-code N` (gitleaks' spelling): the exit code for "secrets found", a whole number from 0 to 125. */
function exitCodeOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < 0 || n > 125) {
    throw new UsageError(`--exit-code must be a whole number from 0 to 125 (got "${String(value)}")`);
  }
  return n;
}

async function dispatch(command: string | undefined, sub: string | undefined, args: Args, io: RunIO): Promise<RunResult> {
  {
    if (command === 'scan') return await scanCommand(args, io);
    if (command === 'baseline') return await baselineCommand(args);
    if (command === 'import-config') return importConfigCommand(args);
    if (command === 'history') return await historyCommand(args, io);
    if (command === 'merge') return await (await import('./merge.js')).mergeCommand(args as Record<string, unknown>);
    if (command === 'diff') return await (await import('./diff.js')).diffCommand(args, io);
    if (command === 'staged') return await (await import('./staged.js')).stagedCommand(args as Record<string, unknown>, io, (await import('./verify.js')).verifyStep);
    if (command === 'install-hook') return await (await import('./install-hook.js')).installHookCommand(args as Record<string, unknown>, io);
    if (command === 'rules' && sub === 'list') return rulesList(args);
    if (command === 'rules' && sub === 'check') return rulesCheck(args);
    throw new UsageError(`unknown command: ${args._.join(' ')}`);
  }
}
