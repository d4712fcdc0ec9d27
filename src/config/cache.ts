// The rule cache: the built-in packs as written by `npm run build` (scripts/build-rules-cache.mjs) to
// build/rules.json — parsed and validated against the schema at build time — so a run without a user config needs
// neither a YAML parser nor a schema validator. The cache records each pack's size; a pack whose size differs, or
// that is newer than the cache, or a pack added or removed since the build makes the cache stale, and the caller
// falls back to reading the YAML. (Sizes and times, not a content hash: hashing costs milliseconds at start-up, and
// npm gives every file of an installed package the same time, so an installed cache stays fresh.)

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validatorNames } from '../detect/validators/index.js';
import type { RuleSet } from '../model/types.js';
import { DEFAULT_RULES_DIR, RULES_CACHE } from './paths.js';
import { buildRuleSetFromPacks, defaultUserConfig, type RulePack, type UserConfig } from './ruleset.js';

export const RULES_CACHE_VERSION = 2;

/** The file format of build/rules.json. `file` in each pack is the name inside rules/. */
export interface RulesCache {
  version: number;
  /** Size in bytes of each pack file, by name. */
  sizes: Record<string, number>;
  packs: RulePack[];
}

function packNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
}

/** Builds the cache content from packs already loaded and validated (by `loadRulePacks`). */
export function makeRulesCache(packs: RulePack[], dir: string = DEFAULT_RULES_DIR): RulesCache {
  const sizes: Record<string, number> = {};
  for (const name of packNames(dir)) sizes[name] = statSync(join(dir, name)).size;
  return { version: RULES_CACHE_VERSION, sizes, packs: packs.map((p) => ({ ...p, file: basename(p.file) })) };
}

/** The cached built-in packs, or null when the cache is missing, unreadable or stale. */
export function readRulesCache(file: string = RULES_CACHE, dir: string = DEFAULT_RULES_DIR): RulePack[] | null {
  let cache: RulesCache;
  try {
    const built = statSync(file).mtimeMs;
    cache = JSON.parse(readFileSync(file, 'utf8')) as RulesCache;
    if (cache.version !== RULES_CACHE_VERSION) return null;
    const names = packNames(dir);
    if (names.length !== Object.keys(cache.sizes).length) return null;
    for (const name of names) {
      const st = statSync(join(dir, name));
      if (cache.sizes[name] !== st.size || st.mtimeMs > built) return null;
    }
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
