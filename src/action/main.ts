// The GitHub Action: inputs → plan (from the event) → fetch what a shallow checkout lacks → scan → annotations,
// SARIF file, step summary, outputs → a failed step on findings. Secrets stay redacted in everything it prints
// unless the workflow sets `redact: false`. Returns the exit code; index.ts sets it.

import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { TOOL } from '../cli/tool.js';
import { redact as redactFindings } from '../filters/redact.js';
import type { Finding } from '../model/types.js';
import { githubReport } from '../report/github.js';
import { ruleMeta } from '../report/rules.js';
import { sarifReport } from '../report/sarif.js';
import type { RuleMeta } from '../report/types.js';
import { scan, type ScanResult } from '../scan.js';
import { scanDiff } from '../scan-diff.js';
import { scanHistory } from '../scan-history.js';
import { openRepository } from '../sources/repository.js';
import type { HistoryRevisions } from '../sources/history.js';
import { parseSize } from '../cli/common.js';
import { parseFlags, splitArgs } from './args.js';
import { ACTION_MODES, planFor, type ActionMode, type Plan } from './event.js';
import { defaultBranchTip, ensureCommits, ensureFullHistory, ensureMergeBase } from './fetch.js';
import { summaryMarkdown } from './summary.js';
import { assertNoLinkBelow, writeFileReplacing } from '../util/files.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

interface Inputs {
  path: string;
  mode: ActionMode;
  config: string;
  baseline: string;
  sarifFile: string;
  failOnFindings: boolean;
  redact: boolean;
  args: string;
}

function bool(name: string, fallback: boolean): boolean {
  const v = core.getInput(name).trim().toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new Error(`input ${name} must be true or false, not "${core.getInput(name)}"`);
}

function readInputs(): Inputs {
  const mode = (core.getInput('mode') || 'auto').toLowerCase() as ActionMode;
  if (!ACTION_MODES.includes(mode)) throw new Error(`input mode must be one of ${ACTION_MODES.join(', ')}, not "${mode}"`);
  return {
    path: core.getInput('path') || '.',
    mode,
    config: core.getInput('config'),
    baseline: core.getInput('baseline'),
    sarifFile: core.getInput('sarif-file') || 'keyhound.sarif',
    failOnFindings: bool('fail-on-findings', true),
    redact: bool('redact', true),
    args: core.getInput('args'),
  };
}

function readEvent(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const file = env.GITHUB_EVENT_PATH;
  if (!file || !existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** What the scan produced, in the shape every report needs. */
interface Outcome {
  findings: Finding[];
  files: number;
  skipped: ScanResult['skipped'];
  suppressed: number;
  rules: RuleMeta[];
  scope: string;
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const inputs = readInputs();
    const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
    const at = (p: string): string => (isAbsolute(p) ? p : resolve(workspace, p));
    const target = at(inputs.path);
    const plan = planFor(inputs.mode, env.GITHUB_EVENT_NAME ?? '', readEvent(env));
    const mode = plan.kind === 'history' ? 'history' : plan.kind === 'scan' || plan.kind === 'nothing' ? 'scan' : 'diff';
    const flags = parseFlags(splitArgs(inputs.args), mode);
    const common = {
      configPath: inputs.config ? at(inputs.config) : undefined,
      baseline: inputs.baseline === 'none' || !inputs.baseline ? inputs.baseline || undefined : at(inputs.baseline),
      maxFileSize: parseSize(flags['max-file-size'] ?? '64M'),
      honorGitleaksAllow: flags['honor-gitleaks-allow'] === true,
    };
    if (!inputs.redact) core.warning('redact is false: full secrets will be printed in this log and the step summary');
    const log = (line: string): void => core.info(line);

    const outcome = await execute(plan, target, workspace, common, flags, log);
    const findings = inputs.redact ? redactFindings(outcome.findings) : outcome.findings;

    // Annotations on the lines, and the counts, in the log.
    process.stdout.write(githubReport(findings, { tool: TOOL, color: false, stats: { files: outcome.files, bytes: 0, skipped: outcome.skipped.length, durationMs: 0 } }));
    if (flags.verbose) for (const s of outcome.skipped) core.info(`skipped ${JSON.stringify(s.path)}: ${s.reason}`);
    else if (outcome.skipped.length) core.info(`${outcome.skipped.length} skipped (add --verbose to args to list them)`);

    const sarifFile = at(inputs.sarifFile);
    // The checkout is the pull request's: a committed keyhound.sarif (or folder) link must not redirect the write.
    assertNoLinkBelow(workspace, sarifFile);
    mkdirSync(dirname(sarifFile), { recursive: true });
    writeFileReplacing(sarifFile, sarifReport(findings, { tool: TOOL, color: false, rules: outcome.rules, stats: { files: outcome.files, bytes: 0, skipped: outcome.skipped.length, durationMs: 0 } }));
    core.info(`SARIF written to ${relative(workspace, sarifFile) || sarifFile}`);

    const failed = findings.length > 0 && inputs.failOnFindings;
    if (env.GITHUB_STEP_SUMMARY) {
      const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
      await core.summary
        .addRaw(
          summaryMarkdown(findings, {
            scope: outcome.scope,
            files: outcome.files,
            skipped: outcome.skipped.length,
            suppressed: outcome.suppressed,
            failed,
            ...(env.GITHUB_REPOSITORY ? { repoUrl: `${server}/${env.GITHUB_REPOSITORY}` } : {}),
            ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
          }),
        )
        .write();
    }
    core.setOutput('findings', String(findings.length));
    core.setOutput('sarif-file', sarifFile);

    if (failed) {
      core.setFailed(`keyhound found ${findings.length} secret${findings.length === 1 ? '' : 's'} (set fail-on-findings: false to report without failing)`);
      return EXIT_FINDINGS;
    }
    return EXIT_CLEAN;
  } catch (err) {
    core.setFailed(`keyhound: ${(err as Error).message}`);
    return EXIT_ERROR;
  }
}

/** What every mode reports, from any scan's result (secrets still raw: redaction happens when printing). */
function outcomeOf(r: ScanResult, scope: string): Outcome {
  return {
    findings: r.findings,
    files: r.stats.files,
    skipped: r.skipped,
    suppressed: r.baseline?.suppressed ?? 0,
    rules: r.ruleSet.rules.map(ruleMeta),
    scope,
  };
}

interface Common {
  configPath: string | undefined;
  baseline: string | undefined;
  maxFileSize: number;
  honorGitleaksAllow: boolean;
}

async function execute(
  plan: Plan,
  target: string,
  workspace: string,
  common: Common,
  flags: Record<string, string | true>,
  log: (line: string) => void,
): Promise<Outcome> {
  if (plan.kind === 'nothing') return { findings: [], files: 0, skipped: [], suppressed: 0, rules: [], scope: plan.why };
  if (plan.kind === 'scan') return fullScan(target, workspace, common, flags, 'the files of the checkout');
  if (plan.kind === 'history') {
    const repo = await openRepository(target);
    await ensureFullHistory(repo.root, log);
    const revisions: HistoryRevisions = {};
    if (typeof flags.branch === 'string') revisions.branch = flags.branch;
    if (typeof flags.range === 'string') revisions.range = flags.range;
    if (typeof flags.since === 'string') revisions.since = flags.since;
    if (typeof flags['max-commits'] === 'string') revisions.maxCommits = Number(flags['max-commits']);
    // scanHistory applies the baseline (the input, else the config key) as scan and scanDiff do.
    const r = await scanHistory({ repo: target, revisions, ...common, redact: false });
    return outcomeOf(r, 'the whole history (every ref)');
  }
  const repo = await openRepository(target);
  let range: { base: string; head: string; mergeBase: boolean };
  let scope = plan.why;
  if (plan.kind === 'new-branch') {
    const tip = plan.defaultBranch ? await defaultBranchTip(repo.root, plan.defaultBranch, log) : null;
    if (!tip || tip === plan.head) {
      // The first push of a repository, or the default branch cannot be had: the whole checked-out tree (= head's).
      return fullScan(target, workspace, common, flags, `${plan.why}: no other branch to compare with, so the whole checkout`);
    }
    range = { base: tip, head: plan.head, mergeBase: true };
    scope = `${plan.why}: the commits not on ${plan.defaultBranch}`;
  } else {
    range = { base: plan.base, head: plan.head, mergeBase: plan.mergeBase };
  }
  if (range.mergeBase) await ensureMergeBase(repo.root, range.base, range.head, log);
  else await ensureCommits(repo.root, [range.base, range.head], log);
  const r = await scanDiff({
    repo: repo.root,
    range,
    ...common,
    attribute: flags['no-attribution'] !== true,
    redact: false,
  });
  return outcomeOf(r, scope);
}

async function fullScan(target: string, workspace: string, common: Common, flags: Record<string, string | true>, scope: string): Promise<Outcome> {
  // Paths relative to the workspace (the repository top), so annotations and SARIF point at the right files.
  const inside = !relative(workspace, target).startsWith('..');
  const r = await scan({
    paths: [target],
    root: inside ? workspace : target,
    ...common,
    gitignore: flags['no-gitignore'] !== true,
    redact: false,
  });
  return outcomeOf(r, scope);
}
