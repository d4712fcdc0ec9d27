// A change cannot weaken its own gate: for a pull request the configuration and the baseline are read from a commit
// (the base, by default), not from the checkout the pull request brought. The files are copied out of that commit
// into a temporary folder laid out like the repository, so relative paths in them (`baseline:`) resolve as usual.
// When the pull request changes them, `weakening()` lists what its version would have let through.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { loadRuleSetCached } from '../config/cache.js';
import type { UserConfig } from '../config/load.js';
import { baselinePath, loadBaseline, NO_BASELINE } from '../baseline.js';
import { DEFAULT_BASELINE_FILE } from '../filters/baseline.js';
import { GitError } from '../util/git.js';
import { gitCatFile, gitRaw } from '../util/simple-git.js';

export const CONFIG_SOURCES = ['base', 'head'] as const;
export type ConfigSource = (typeof CONFIG_SOURCES)[number];

/** The configuration and baseline of one commit, as files on disk. */
export interface CommitConfig {
  commit: string;
  /** The config file copied out of the commit; a default one when the commit has none. */
  configPath: string;
  /** The baseline copied out of the commit; false when the commit has none. */
  baseline: string | false;
  /** Repository-relative paths read (or looked for), to tell whether a change touched them. */
  files: string[];
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** A file's bytes at `commit`, or null when the commit has no such file. */
async function show(root: string, commit: string, rel: string): Promise<Buffer | null> {
  try {
    return await gitCatFile(['blob', `${commit}:${toPosix(rel)}`], root);
  } catch (err) {
    if (err instanceof GitError) return null;
    throw err;
  }
}

/** A path given to the Action (absolute, in the workspace) as a path inside the repository; throws when outside. */
function inRepo(root: string, abs: string, what: string): string {
  const rel = relative(root, abs);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new Error(`input ${what} must name a file inside the repository to be read from a commit: ${abs}`);
  return rel;
}

/** The folders {@link configAtCommit} made, until {@link removeCommitConfigs}. */
const copies = new Set<string>();

/**
 * Removes every copy {@link configAtCommit} made: the run calls it when it ends, since the scan reads the base's copy
 * until then (a self-hosted runner's temporary folder would otherwise keep two folders a pull request).
 */
export function removeCommitConfigs(): void {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies.clear();
}

/**
 * Copies the config (the `config` input, else `.keyhound.yaml`) and the baseline (the `baseline` input, else the
 * config's `baseline` key) out of `commit`.
 */
export async function configAtCommit(root: string, commit: string, input: { config?: string; baseline?: string }): Promise<CommitConfig> {
  const dir = mkdtempSync(join(tmpdir(), 'keyhound-config-'));
  copies.add(dir);
  const configRel = input.config ? inRepo(root, input.config, 'config') : '.keyhound.yaml';
  const files = [toPosix(configRel)];
  const text = await show(root, commit, configRel);
  const configPath = join(dir, configRel);
  mkdirSync(dirname(configPath), { recursive: true });
  // No config in the commit: the defaults, whatever the checkout has.
  writeFileSync(configPath, text ?? (/\.toml$/i.test(configRel) ? '' : 'extends: default\n'));
  let baselineRel: string | undefined;
  if (input.baseline === NO_BASELINE) baselineRel = undefined;
  else if (input.baseline) baselineRel = inRepo(root, input.baseline, 'baseline');
  else {
    const { config } = await loadRuleSetCached(dir, configPath);
    // The config's `baseline` key, else the standard file at the top (whether the commit has it is asked below).
    if (config.baseline === NO_BASELINE) baselineRel = undefined;
    else if (config.baseline) baselineRel = relative(dir, baselinePath(undefined, config, dir)!);
    else baselineRel = DEFAULT_BASELINE_FILE;
  }
  let baseline: string | false = false;
  if (baselineRel !== undefined && !baselineRel.startsWith('..')) {
    files.push(toPosix(baselineRel));
    const data = await show(root, commit, baselineRel);
    if (data) {
      baseline = join(dir, baselineRel);
      mkdirSync(dirname(baseline), { recursive: true });
      writeFileSync(baseline, data);
    }
  }
  return { commit, configPath, baseline, files };
}

/** Which of `files` the range `from..to` changes. */
export async function changedFiles(root: string, from: string, to: string, files: string[]): Promise<string[]> {
  const out = await gitRaw(['diff', '--name-only', '-z', '--no-renames', from, to, '--', ...files.map((f) => `:(literal)${f}`)], root);
  return out.split('\0').filter(Boolean);
}

/** What a pull request's own configuration would have let through that the base's does not. */
export interface Weakening {
  changed: string[];
  rulesDisabled: string[];
  allowlistsAdded: string[];
  baselineAdded: string[];
}

function allowlistEntries(config: UserConfig): Set<string> {
  const out = new Set<string>();
  const add = (where: string, a: UserConfig['allowlist'] | undefined): void => {
    for (const r of a?.regexes ?? []) out.add(`${where}regex ${JSON.stringify(r)}${a?.regexTarget ? ` (on ${a.regexTarget})` : ''}`);
    for (const p of a?.paths ?? []) out.add(`${where}path ${JSON.stringify(p)}`);
    for (const s of a?.stopwords ?? []) out.add(`${where}stopword ${JSON.stringify(s)}`);
  };
  add('', config.allowlist);
  for (const rule of config.rules) for (const a of rule.allowlists ?? []) add(`rule ${rule.id}: `, a);
  return out;
}

/** Compares the base's and the head's configuration and baseline. */
export async function weakening(base: CommitConfig, head: CommitConfig, changed: string[]): Promise<Weakening> {
  const [b, h] = await Promise.all([loadRuleSetCached(dirname(base.configPath), base.configPath), loadRuleSetCached(dirname(head.configPath), head.configPath)]);
  const headRules = new Set(h.ruleSet.rules.map((r) => r.id));
  const rulesDisabled = b.ruleSet.rules.map((r) => r.id).filter((id) => !headRules.has(id));
  const baseAllow = allowlistEntries(b.config);
  const allowlistsAdded = [...allowlistEntries(h.config)].filter((e) => !baseAllow.has(e));
  const entries = (file: string | false): Map<string, string> => {
    const out = new Map<string, string>();
    if (!file) return out;
    try {
      for (const e of loadBaseline(file).entries) out.set(e.fingerprint, `${e.ruleId} ${e.path}`);
    } catch {
      // An unreadable baseline adds nothing here; the scan itself reports it.
    }
    return out;
  };
  const baseEntries = entries(base.baseline);
  const baselineAdded = [...entries(head.baseline)].filter(([fp]) => !baseEntries.has(fp)).map(([, what]) => what);
  return { changed, rulesDisabled, allowlistsAdded, baselineAdded };
}
