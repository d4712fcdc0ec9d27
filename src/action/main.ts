// The GitHub Action: inputs → plan (from the event) → fetch what a shallow checkout lacks → scan → annotations,
// SARIF file, step summary, outputs → a failed step on findings. Secrets stay redacted in everything it prints
// unless the workflow sets `redact: false`. Returns the exit code; index.ts sets it.
// It fails closed: inputs are checked as the CLI checks them, a payload it cannot use means a full scan (never
// nothing), a pull request is judged under its base's configuration, and an error still leaves the SARIF file,
// the outputs and a summary that says why.

import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as core from '@actions/core';
import { TOOL } from '../cli/tool.js';
import { redact as redactFindings } from '../filters/redact.js';
import type { Finding, RuleSet } from '../model/types.js';
import { escapeControl } from '../report/escape.js';
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
import { historyRevisions } from '../cli/history.js';
import { parseFlags, splitArgs } from './args.js';
import { ACTION_MODES, planFor, type ActionMode, type Plan } from './event.js';
import { ensureCommits, ensureFullHistory, ensureMergeBase, ensureRangeHistory, otherBranchTips } from './fetch.js';
import { changedFiles, configAtCommit, CONFIG_SOURCES, removeCommitConfigs, weakening, type ConfigSource } from './gate-config.js';
import { errorMarkdown, summaryMarkdown, type GateChange } from './summary.js';
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
  /** Check each credential at its provider (network); default false. */
  verify: boolean;
  args: string;
  /** Where a pull request's configuration and baseline come from. */
  configFrom: ConfigSource;
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
    verify: bool('verify', false),
    args: core.getInput('args'),
    configFrom: configFrom(),
  };
}

function configFrom(): ConfigSource {
  const v = core.getInput('config-from').trim().toLowerCase();
  if (v === '') return 'base';
  if (!(CONFIG_SOURCES as readonly string[]).includes(v)) throw new Error(`input config-from must be base or head, not "${core.getInput('config-from')}"`);
  return v as ConfigSource;
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
  /** The scan's rule set (verification pairs parts found by different rules with it). */
  ruleSet?: RuleSet;
  scope: string;
  /** Warnings for the log and the summary. */
  notes: string[];
  gate?: GateChange;
}

export async function runAction(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const at = (p: string): string => (isAbsolute(p) ? p : resolve(workspace, p));
  // Known before anything can fail, so an error still leaves the SARIF file where the upload step looks for it.
  const sarifFile = at(core.getInput('sarif-file') || 'keyhound.sarif');
  try {
    const inputs = readInputs();
    const target = at(inputs.path);
    const plan = planFor(inputs.mode, env.GITHUB_EVENT_NAME ?? '', readEvent(env));
    const mode = plan.kind === 'history' ? 'history' : plan.kind === 'scan' || plan.kind === 'nothing' ? 'scan' : 'diff';
    const flags = parseFlags(splitArgs(inputs.args), mode);
    // The values are checked exactly as the CLI checks them (a bad one is an error, never a scan of nothing).
    const common = {
      configPath: inputs.config ? at(inputs.config) : undefined,
      baseline: inputs.baseline === 'none' || !inputs.baseline ? inputs.baseline || undefined : at(inputs.baseline),
      maxFileSize: parseSize(flags['max-file-size'] ?? '64M'),
      honorGitleaksAllow: flags['honor-gitleaks-allow'] === true,
    };
    const revisions = mode === 'history' ? historyRevisions(flags) : {};
    if (!inputs.redact) core.warning('redact is false: full secrets will be printed in this log and the step summary');
    const log = (line: string): void => core.info(line);

    const outcome = await execute(plan, target, workspace, common, flags, revisions, inputs, log);
    if (plan.kind !== 'nothing' && outcome.rules.length === 0 && flags['allow-no-rules'] !== true) {
      throw new Error(
        'no rule is active (the configuration says `extends: none` and defines no rule of its own, or disables every rule), ' +
          'so nothing could be found; fix the configuration, or add --allow-no-rules to args if that is what you want',
      );
    }
    if (plan.kind !== 'nothing' && outcome.files === 0 && outcome.skipped.length > 0) {
      outcome.notes.push(`nothing was scanned: ${outcome.skipped.length} path(s) skipped and no file read, so "no secrets found" rests on nothing (add --verbose to args to list them)`);
    }
    for (const note of outcome.notes) core.warning(escapeControl(note));
    if (inputs.verify) {
      // Loaded only when asked: the network code stays out of a run that does not verify.
      const { verifyFindings, sentNote, liveFirst } = await import('../verify/index.js');
      const run = await verifyFindings(outcome.findings, { env, ...(outcome.ruleSet ? { ruleSet: outcome.ruleSet } : {}) });
      outcome.findings = liveFirst(run.findings);
      core.info(sentNote(run.sent).trimEnd());
    }
    const findings = inputs.redact ? redactFindings(outcome.findings) : outcome.findings;

    // Annotations on the lines, and the counts, in the log.
    process.stdout.write(githubReport(findings, { tool: TOOL, color: false, stats: { files: outcome.files, bytes: 0, skipped: outcome.skipped.length, durationMs: 0 } }));
    if (flags.verbose) for (const s of outcome.skipped) core.info(`skipped ${JSON.stringify(s.path)}: ${escapeControl(s.reason)}`);
    else if (outcome.skipped.length) core.info(`${outcome.skipped.length} skipped (add --verbose to args to list them)`);

    writeSarif(workspace, sarifFile, sarifReport(findings, { tool: TOOL, color: false, rules: outcome.rules, stats: { files: outcome.files, bytes: 0, skipped: outcome.skipped.length, durationMs: 0 } }));
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
            notes: outcome.notes,
            ...(outcome.gate ? { gate: outcome.gate } : {}),
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
    return failRun(err, workspace, sarifFile, env);
  } finally {
    removeCommitConfigs();
  }
}

function writeSarif(workspace: string, file: string, text: string): void {
  // The checkout is the pull request's: a committed keyhound.sarif (or folder) link must not redirect the write.
  assertNoLinkBelow(workspace, file);
  mkdirSync(dirname(file), { recursive: true });
  writeFileReplacing(file, text);
}

/**
 * An error: the step fails with the reason, and still leaves its artefacts — an empty SARIF file that says the run
 * did not succeed, the outputs (`findings` empty) and a summary saying why — so `if: always()` steps work.
 */
async function failRun(err: unknown, workspace: string, sarifFile: string, env: NodeJS.ProcessEnv): Promise<number> {
  const message = (err as Error).message ?? String(err);
  try {
    const doc = JSON.parse(sarifReport([], { tool: TOOL, color: false, rules: [], stats: { files: 0, bytes: 0, skipped: 0, durationMs: 0 } })) as {
      runs: Record<string, unknown>[];
    };
    doc.runs[0]!.invocations = [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: `keyhound: ${message}` } }] }];
    writeSarif(workspace, sarifFile, `${JSON.stringify(doc, null, 2)}\n`);
  } catch (writeErr) {
    core.warning(`could not write the SARIF file ${sarifFile}: ${(writeErr as Error).message}`);
  }
  core.setOutput('findings', '');
  core.setOutput('sarif-file', sarifFile);
  if (env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(errorMarkdown(message)).write();
    } catch {
      // The summary is a courtesy; the failed step below carries the message.
    }
  }
  core.setFailed(`keyhound: ${message}`);
  return EXIT_ERROR;
}

/** What every mode reports, from any scan's result (secrets still raw: redaction happens when printing). */
function outcomeOf(r: ScanResult, scope: string): Outcome {
  return {
    findings: r.findings,
    files: r.stats.files,
    skipped: r.skipped,
    suppressed: r.baseline?.suppressed ?? 0,
    rules: r.ruleSet.rules.map(ruleMeta),
    ruleSet: r.ruleSet,
    scope,
    notes: [],
  };
}

interface Common {
  configPath: string | undefined;
  baseline: string | false | undefined;
  maxFileSize: number;
  honorGitleaksAllow: boolean;
}

async function execute(
  plan: Plan,
  target: string,
  workspace: string,
  common: Common,
  flags: Record<string, string | true>,
  revisions: HistoryRevisions,
  inputs: Inputs,
  log: (line: string) => void,
): Promise<Outcome> {
  if (plan.kind === 'nothing') return { findings: [], files: 0, skipped: [], suppressed: 0, rules: [], scope: plan.why, notes: [] };
  if (plan.kind === 'scan') {
    const outcome = await fullScan(target, workspace, common, flags, 'the files of the checkout');
    if (plan.why) outcome.notes.push(plan.why);
    return outcome;
  }
  if (plan.kind === 'history') {
    const repo = await openRepository(target);
    await ensureFullHistory(repo.root, log);
    // scanHistory applies the baseline (the input, else the config key) as scan and scanDiff do.
    const r = await scanHistory({ repo: target, revisions, ...common, redact: false });
    const outcome = outcomeOf(r, 'the whole history (every ref)');
    if (r.missingBlobs) outcome.notes.push(`partial clone: ${r.missingBlobs} blob(s) are not in the checkout and were not scanned (keyhound fetches nothing; check out without filter for a full audit)`);
    return outcome;
  }
  const repo = await openRepository(target);
  const attribute = flags['no-attribution'] !== true;
  if (plan.kind === 'new-branch') {
    // What the remote already had: its other branches. The commits of `head` reachable from none of them.
    const others = await otherBranchTips(repo.root, plan.ref, log);
    const r = await scanDiff({ repo: repo.root, commits: { head: plan.head, exclude: others }, ...common, attribute, redact: false });
    const scope = others.length
      ? `${plan.why}: its ${r.commits} commit(s) that no other branch has`
      : `${plan.why}, the first of the repository: the whole history of ${plan.head.slice(0, 12)} (${r.commits} commits)`;
    return withUnattributed(outcomeOf(r, scope), r.unattributed);
  }
  const range = { base: plan.base, head: plan.head, mergeBase: plan.mergeBase };
  // A pull request: from the merge base; a push: from its old tip (a force push too: what the new tip alone has).
  const from = range.mergeBase ? await ensureMergeBase(repo.root, range.base, range.head, log) : (await ensureCommits(repo.root, [range.base, range.head], log), range.base);
  // Every commit of the range needs its parents, to be compared with them and to be named.
  await ensureRangeHistory(repo.root, range.head, [from], log);
  let options = common;
  let gate: GateChange | undefined;
  if (plan.pullRequest) {
    ({ options, gate } = await pullRequestConfig(repo.root, plan.base, from, plan.head, common, inputs, log));
  }
  const r = await scanDiff({ repo: repo.root, range, ...options, attribute, redact: false });
  const outcome = withUnattributed(outcomeOf(r, `${plan.why} (${r.commits} commit${r.commits === 1 ? '' : 's'}, each against its parents)`), r.unattributed);
  if (gate) outcome.gate = gate;
  return outcome;
}

function withUnattributed(outcome: Outcome, unattributed: readonly string[]): Outcome {
  if (unattributed.length) {
    const shown = unattributed.slice(0, 10).map((c) => c.slice(0, 12)).join(', ');
    outcome.notes.push(
      `${unattributed.length} commit(s) of the range could not be compared with their parents, which the clone lacks and origin did not give ` +
        `(${shown}${unattributed.length > 10 ? ', …' : ''}): what they hold is reported as theirs. Set fetch-depth: 0 on actions/checkout.`,
    );
  }
  return outcome;
}

/**
 * A pull request's configuration and baseline: read from its base commit (`config-from: base`, the default), so the
 * change cannot switch its own gate off; or from the checkout (`config-from: head`). When the pull request changes
 * them, what its version would weaken is listed either way.
 */
async function pullRequestConfig(
  root: string,
  base: string,
  mergeBase: string,
  head: string,
  common: Common,
  inputs: Inputs,
  log: (line: string) => void,
): Promise<{ options: Common & { baseline?: string | false }; gate?: GateChange }> {
  const input = { ...(common.configPath ? { config: common.configPath } : {}), ...(common.baseline ? { baseline: common.baseline } : {}) };
  const atBase = await configAtCommit(root, base, input);
  // The pull request's own files may not even load: that is reported, and judged by the base's all the same.
  let atHead: Awaited<ReturnType<typeof configAtCommit>> | null = null;
  let headError: string | undefined;
  try {
    atHead = await configAtCommit(root, head, input);
  } catch (err) {
    headError = (err as Error).message;
  }
  const changed = await changedFiles(root, mergeBase, head, [...new Set([...atBase.files, ...(atHead?.files ?? [])])]);
  let gate: GateChange | undefined;
  if (changed.length) {
    let w = { changed, rulesDisabled: [] as string[], allowlistsAdded: [] as string[], baselineAdded: [] as string[] };
    if (atHead) {
      try {
        w = await weakening(atBase, atHead, changed);
      } catch (err) {
        headError = (err as Error).message;
      }
    }
    gate = { judgedBy: inputs.configFrom, ...w, ...(headError ? { headError } : {}) };
    log(`this pull request changes ${changed.join(', ')}; judged under the ${inputs.configFrom === 'base' ? 'base' : 'head'}'s configuration`);
  }
  if (inputs.configFrom === 'head') return { options: common, ...(gate ? { gate } : {}) };
  log(`configuration and baseline read from the base commit ${base.slice(0, 12)} (config-from: base)`);
  return { options: { ...common, configPath: atBase.configPath, baseline: atBase.baseline }, ...(gate ? { gate } : {}) };
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
