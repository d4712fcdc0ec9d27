// The rule cache: the built-in packs as written by `npm run build` (scripts/build-rules-cache.mjs) to
// build/rules.json — parsed and validated against the schema at build time — so a run without a user config needs
// neither a YAML parser nor a schema validator. The cache records each pack's SHA-256; a pack whose content differs,
// or a pack added or removed since the build makes the cache stale, and the caller falls back to reading the YAML.
// By content, not by time: npm extracts rules/*.yaml a few milliseconds after build/rules.json, so a timestamp check
// found every installed cache stale and every installed run re-parsed the YAML (issue 21). Hashing the packs costs
// about a millisecond.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validatorNames } from '../detect/validators/index.js';
import { KeywordMatcher, registerPrebuiltMatcher, type KeywordMatcherData } from '../detect/keywords.js';
import { matcherKeywords } from '../detect/prefilter.js';
import type { RuleSet } from '../model/types.js';
import { knownExpansions, rememberExpansions } from './regex-syntax.js';
import { DEFAULT_RULES_DIR, RULES_CACHE } from './paths.js';
import { buildRuleSetFromPacks, defaultUserConfig, type RulePack, type UserConfig } from './ruleset.js';

export const RULES_CACHE_VERSION = 5;

/** The file format of build/rules.json. `file` in each pack is the name inside rules/. */
export interface RulesCache {
  version: number;
  /** SHA-256 (hex) of each pack file's bytes, by name. */
  hashes: Record<string, string>;
  packs: RulePack[];
  /**
   * The keyword automaton of the built-in rule set (see KeywordMatcher.for). Its transition table is written to a
   * file of its own beside the cache ({@link tableFile}), raw: as JSON it would be most of the cache's parsing time.
   */
  matcher: KeywordMatcherData & { tableSha256?: string };
  /** `(?i:…)` expansions of the built-in rules' regexes, by source. */
  expansions: Record<string, string>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function packNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** Builds the cache content from packs already loaded and validated (by `loadRulePacks`). */
export function makeRulesCache(packs: RulePack[], dir: string = DEFAULT_RULES_DIR): RulesCache {
  const hashes: Record<string, string> = {};
  for (const name of packNames(dir)) hashes[name] = sha256(readFileSync(join(dir, name)));
  // Build the default rule set once, as a run would: its automaton and expansions go into the cache.
  // A cache is built from the shipped packs (scripts/build-rules-cache.mjs): compiled as the built-in rules they are.
  const ruleSet = buildRuleSetFromPacks(defaultUserConfig(), validatorNames, packs, { vetted: true });
  const matcher = new KeywordMatcher(matcherKeywords(ruleSet)).toData();
  return {
    version: RULES_CACHE_VERSION,
    hashes,
    packs: packs.map((p) => ({ ...p, file: basename(p.file) })),
    matcher,
    expansions: knownExpansions(),
  };
}

/** The automaton table's file beside the cache file. */
export function tableFile(file: string): string {
  return file.replace(/\.json$/, '') + '.keywords.bin';
}

/** Writes the cache: the JSON file, and the automaton's table beside it. */
export function writeRulesCache(cache: RulesCache, file: string = RULES_CACHE): void {
  const { table, ...matcher } = cache.matcher;
  writeFileSync(tableFile(file), table);
  writeFileSync(file, JSON.stringify({ ...cache, matcher: { ...matcher, tableSha256: sha256(table) } }));
}

let lastRead: string | null = null;

/** Where the built-in rules of this process's last {@link readRulesCache} came from, for --verbose; null before any. */
export function rulesCacheNote(): string | null {
  return lastRead;
}

/** The cached built-in packs, or null when the cache is missing, unreadable or stale. */
export function readRulesCache(file: string = RULES_CACHE, dir: string = DEFAULT_RULES_DIR): RulePack[] | null {
  const stale = (why: string): null => {
    lastRead = `rules: read from ${dir} (the rule cache ${file} ${why})`;
    return null;
  };
  let cache: RulesCache;
  try {
    cache = JSON.parse(readFileSync(file, 'utf8')) as RulesCache;
    if (cache.version !== RULES_CACHE_VERSION) return stale(`is of version ${String(cache.version)}, not ${RULES_CACHE_VERSION}`);
    const names = packNames(dir);
    const cached = Object.keys(cache.hashes).sort();
    if (names.join('\n') !== cached.join('\n')) return stale('lists other packs');
    for (const name of names) {
      if (cache.hashes[name] !== sha256(readFileSync(join(dir, name)))) return stale(`is older than ${name}`);
    }
  } catch (err) {
    return stale(`cannot be read: ${(err as Error).message}`);
  }
  lastRead = `rules: from the rule cache ${file}`;
  try {
    // Only the very table the cache was written with: a wrong automaton would miss keys without a sound.
    const table = readFileSync(tableFile(file));
    if (sha256(table) === cache.matcher.tableSha256) registerPrebuiltMatcher({ ...cache.matcher, table });
  } catch {
    // No table: the automaton is built at run time, as for a user's rule set.
  }
  rememberExpansions(cache.expansions);
  return cache.packs.map((p) => ({ ...p, file: join(dir, p.file) }));
}

let primed: RuleSet | null = null;

/**
 * Builds the default rule set (no user config) now and keeps it for every later {@link loadRuleSetCached} of this
 * process that finds no user config. Only the pre-commit snapshot's builder calls it (src/cli/snapshot-main.ts),
 * which checks at every start that the rule files are still those it was built from; elsewhere the cache's
 * freshness is checked at each load.
 * Returns it, or null when the cache is missing or stale (then nothing is kept).
 */
export function primeDefaultRuleSet(): RuleSet | null {
  const packs = readRulesCache();
  primed = packs && buildRuleSetFromPacks(defaultUserConfig(), validatorNames, packs);
  return primed;
}

/**
 * Like `loadRuleSet` in scan.ts, for start-up-sensitive commands: with no user config and a fresh cache, neither
 * the YAML parser nor the schema validator is loaded. Otherwise load.ts is imported on demand.
 */
export async function loadRuleSetCached(root: string, configPath?: string): Promise<{ ruleSet: RuleSet; config: UserConfig }> {
  const noConfig = !configPath && !existsSync(join(root, '.keyhound.yaml'));
  if (noConfig && primed) return { ruleSet: primed, config: defaultUserConfig() };
  const packs = readRulesCache();
  if (noConfig && packs) {
    const config = defaultUserConfig();
    return { ruleSet: buildRuleSetFromPacks(config, validatorNames, packs), config };
  }
  const { buildConfiguredRuleSet, loadRulePacks, loadUserConfig } = await import('./load.js');
  const config = loadUserConfig(root, configPath);
  return { ruleSet: buildConfiguredRuleSet(config, validatorNames, config.extends === 'none' ? [] : (packs ?? loadRulePacks())), config };
}
