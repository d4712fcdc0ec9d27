// The rule cache: the built-in packs as written by `npm run build` (scripts/build-rules-cache.mjs) to
// build/rules.json — parsed and validated against the schema at build time — so a run without a user config needs
// neither a YAML parser nor a schema validator. The cache records each pack's content hash; a pack edited since
// the build makes the cache stale and the caller falls back to reading the YAML.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validatorNames } from '../detect/validators/index.js';
import type { RuleSet } from '../model/types.js';
import { DEFAULT_RULES_DIR, RULES_CACHE } from './paths.js';
import { buildRuleSetFromPacks, defaultUserConfig, type RulePack, type UserConfig } from './ruleset.js';

export const RULES_CACHE_VERSION = 1;

/** The file format of build/rules.json. `file` in each pack is the name inside rules/. */
export interface RulesCache {
  version: number;
  hashes: Record<string, string>;
  packs: RulePack[];
}

/** A content hash for staleness checks (FNV-1a, 32 bits, plus the length): node:crypto costs more to load than this. */
export function hashPack(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

function packNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** Builds the cache content from packs already loaded and validated (by `loadRulePacks`). */
export function makeRulesCache(packs: RulePack[], dir: string = DEFAULT_RULES_DIR): RulesCache {
  const hashes: Record<string, string> = {};
  for (const name of packNames(dir)) hashes[name] = hashPack(readFileSync(join(dir, name), 'utf8'));
  return { version: RULES_CACHE_VERSION, hashes, packs: packs.map((p) => ({ ...p, file: basename(p.file) })) };
}

/** The cached built-in packs, or null when the cache is missing, unreadable or stale. */
export function readRulesCache(file: string = RULES_CACHE, dir: string = DEFAULT_RULES_DIR): RulePack[] | null {
  let cache: RulesCache;
  try {
    cache = JSON.parse(readFileSync(file, 'utf8')) as RulesCache;
    if (cache.version !== RULES_CACHE_VERSION) return null;
    const names = packNames(dir);
    if (names.length !== Object.keys(cache.hashes).length) return null;
    for (const name of names) if (cache.hashes[name] !== hashPack(readFileSync(join(dir, name), 'utf8'))) return null;
  } catch {
    return null;
  }
  return cache.packs.map((p) => ({ ...p, file: join(dir, p.file) }));
}

/**
 * Like `loadRuleSet` in scan.ts, for start-up-sensitive commands: with no user config and a fresh cache, neither
 * the YAML parser nor the schema validator is loaded. Otherwise load.ts is imported on demand.
 */
export async function loadRuleSetCached(root: string, configPath?: string): Promise<{ ruleSet: RuleSet; config: UserConfig }> {
  const packs = readRulesCache();
  if (!configPath && !existsSync(join(root, '.keyhound.yaml')) && packs) {
    const config = defaultUserConfig();
    return { ruleSet: buildRuleSetFromPacks(config, validatorNames, packs), config };
  }
  const { buildConfiguredRuleSet, loadRulePacks, loadUserConfig } = await import('./load.js');
  const config = loadUserConfig(root, configPath);
  return { ruleSet: buildConfiguredRuleSet(config, validatorNames, config.extends === 'none' ? [] : (packs ?? loadRulePacks())), config };
}
