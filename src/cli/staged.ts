// `keyhound staged`: scans what `git commit` will record (the index), only the lines it adds, and says how to get
// out when it blocks. Loads only what that needs — no yargs, YAML parser or schema validator when there is no user
// config — because it runs on every commit.

import { decodeDepth } from '../decode/layers.js';
import { baselineStep, gitleaksIgnoreStep, resolveBaseline } from '../baseline.js';
import { loadRuleSetCached } from '../config/cache.js';
import { ConfigError } from '../config/errors.js';
import { redact as redactFindings } from '../filters/redact.js';
import type { Skip } from '../model/types.js';
import { reporters } from '../report/index.js';
import { ruleMeta } from '../report/rules.js';
import { scanFragments } from '../scan-fragments.js';
import { repositoryTop, stagedSource } from '../sources/staged.js';
import { GitError } from '../util/git.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, UsageError, emit, parseSize, reportFormat, ruleBudget, decodeArgs, type RunIO, type RunResult } from './common.js';
import { reportColor } from './color.js';
import { baselineLines, cutShortLines, noRulesMessage, nothingScannedLine, verboseLines } from './output.js';
import { TOOL } from './tool.js';
import type { verifyStep } from './verify.js';

/** The ways out of a blocked commit, printed under the findings. */
export const STAGED_HINT = [
  'Commit blocked: the staged changes add the secrets above. Three ways out:',
  '  1. A real key: remove it from the file and stage the change again — and rotate the key at its provider,',
  '     because it may already have been copied elsewhere (other branches, logs, chat).',
  '  2. A test or example value: add a `keyhound:allow` comment on its line (or `keyhound:allow-next-line` above it).',
  '  3. A known, accepted value: run `keyhound baseline` at the top of the repository; it writes',
  '     .keyhound-baseline.json, which keyhound reads from there (commit it to share it).',
].join('\n');

/** Starts an async generator at once (up to its first item); `fragments` then yields everything in order. */
function eager<T>(gen: AsyncGenerator<T>): { fragments: AsyncIterable<T>; cancel(): Promise<void> } {
  const first = gen.next();
  first.catch(() => undefined); // a failure is rethrown when `fragments` is read; cancel() swallows it
  return {
    fragments: (async function* () {
      let r = await first;
      while (!r.done) {
        yield r.value;
        r = await gen.next();
      }
    })(),
    async cancel() {
      await first.catch(() => undefined);
      await gen.return(undefined);
    },
  };
}

/** Options as parsed by yargs or by the fast parser in fast.ts. */
export type StagedArgs = Record<string, unknown>;

/**
 * `verify` is handed in by the full command line (src/cli/index.ts) for `staged --verify`: the fast path and the
 * hook's start-up snapshot never carry the network code, and their parser sends `--verify` to the full one.
 */
export async function stagedCommand(args: StagedArgs, io: RunIO, verify?: typeof verifyStep): Promise<RunResult> {
  const started = performance.now();
  const cwd = io.cwd ?? process.cwd();
  try {
    const maxFileSize = parseSize(args['max-file-size'] ?? '64M');
    const skipped: Skip[] = [];
    // Start the source now: its git process runs while we find the repository top and compile the rules.
    const source = eager(stagedSource({ cwd, maxFileSize, onSkip: (s) => void skipped.push(s) }));
    let ruleSet;
    let baseline;
    let top: string;
    let config;
    try {
      top = await repositoryTop(cwd);
      ({ ruleSet, config } = await loadRuleSetCached(top, args.config as string | undefined));
      baseline = resolveBaseline(args.baseline as string | undefined, config, top);
    } catch (err) {
      await source.cancel();
      throw err;
    }
    const noRules = noRulesMessage(ruleSet, args);
    if (noRules) {
      await source.cancel();
      return { exitCode: EXIT_ERROR, stdout: '', stderr: noRules };
    }
    const result = await scanFragments(ruleSet, source.fragments, {
      honorGitleaksAllow: Boolean(args['honor-gitleaks-allow']),
      ...ruleBudget(args),
      maxDecodeDepth: decodeDepth(decodeArgs(args), config!),
    });
    const baselined = baselineStep(gitleaksIgnoreStep(result.findings, top), baseline);
    // --verify (never by default: a pre-commit hook must not wait on the network) checks the raw values, then redacts.
    const wanted = Boolean(args.verify || args['only-verified']);
    if (wanted && !verify) throw new UsageError('--verify needs the full command line');
    const verified = wanted && verify ? await verify(baselined.findings, args, io, ruleSet) : null;
    const findings = verified ? verified.findings : args['no-redact'] ? baselined.findings : redactFindings(baselined.findings);
    const format = reportFormat(args);
    const reporter = reporters[format];
    if (!reporter) throw new UsageError(`unknown format "${format}" (use ${Object.keys(reporters).join(', ')})`);
    const stats = { files: result.files, bytes: result.bytes, skipped: skipped.length, durationMs: Math.round(performance.now() - started) };
    const quiet = Boolean(args.quiet) && findings.length === 0;
    const report = reporter(findings, {
      tool: TOOL,
      stats,
      color: await reportColor(args, io, format, !quiet),
      hint: STAGED_HINT,
      rules: ruleSet.rules.map(ruleMeta),
    });
    return {
      exitCode: findings.length ? EXIT_FINDINGS : EXIT_CLEAN,
      stdout: quiet ? '' : emit(report, args as { output?: string }),
      stderr: (verified?.note ?? '') + cutShortLines(result.cutShort) + nothingScannedLine(stats) + (args.verbose ? verboseLines(skipped, result.dropped) + baselineLines(baselined.outcome) : ''),
    };
  } catch (err) {
    if (err instanceof GitError) {
      const why = /not a git repository/i.test(err.stderr) ? 'not inside a git repository' : err.message;
      return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound staged: ${why}\n` };
    }
    if (err instanceof ConfigError || err instanceof UsageError) {
      return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound: ${err.message}\n` };
    }
    throw err;
  }
}
