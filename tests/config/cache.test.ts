// The build-time rule cache: used only while it matches rules/*.yaml, and equivalent to loading the YAML.

import { appendFileSync, copyFileSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleSetCached, makeRulesCache, readRulesCache, tableFile, writeRulesCache } from '../../src/config/cache.js';
import { KeywordMatcher } from '../../src/detect/keywords.js';
import { DEFAULT_RULES_DIR, loadRulePacks } from '../../src/config/load.js';
import { loadRuleSet } from '../../src/scan.js';
import { tempDir } from '../helpers/tmp.js';

function copyRules(): string {
  const dir = tempDir();
  for (const f of readdirSync(DEFAULT_RULES_DIR)) copyFileSync(join(DEFAULT_RULES_DIR, f), join(dir, f));
  return dir;
}

describe('rule cache', () => {
  it('round-trips the packs while the YAML is unchanged, and is stale after an edit or a new pack', () => {
    // An installed package has every file at one time (npm's fixed date): the cache must stay fresh there.
    const dir = copyRules();
    const cacheFile = join(tempDir(), 'rules.json');
    writeRulesCache(makeRulesCache(loadRulePacks(dir), dir), cacheFile);
    const epoch = new Date('1985-10-26T08:15:00Z');
    for (const f of [cacheFile, ...readdirSync(dir).map((n) => join(dir, n))]) utimesSync(f, epoch, epoch);
    const packs = readRulesCache(cacheFile, dir);
    expect(packs?.map((p) => [p.file, p.rules.length])).toEqual(loadRulePacks(dir).map((p) => [p.file, p.rules.length]));
    appendFileSync(join(dir, 'core.yaml'), '\n# edited\n');
    expect(readRulesCache(cacheFile, dir)).toBeNull();
    writeRulesCache(makeRulesCache(loadRulePacks(dir), dir), cacheFile);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'ai.yaml'), later, later); // same size, but edited after the build
    expect(readRulesCache(cacheFile, dir)).toBeNull();
    utimesSync(join(dir, 'ai.yaml'), epoch, epoch);
    writeRulesCache(makeRulesCache(loadRulePacks(dir), dir), cacheFile);
    expect(readRulesCache(cacheFile, dir)).not.toBeNull();
    writeFileSync(join(dir, 'extra.yaml'), 'rules: []\n');
    expect(readRulesCache(cacheFile, dir)).toBeNull();
    expect(readRulesCache(join(tempDir(), 'missing.json'), dir)).toBeNull();
  });

  it('uses the prebuilt keyword automaton only when its table is the one written with the cache', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'only.yaml'),
      "rules:\n  - id: only-rule\n    description: Test\n    severity: high\n    keywords: [zqxkeyhound]\n    regex: 'zqxkeyhound=(?<secret>[a-z]{8})'\n",
    );
    const cacheFile = join(tempDir(), 'rules.json');
    writeRulesCache(makeRulesCache(loadRulePacks(dir), dir), cacheFile);
    // A damaged table (zeroed: every transition back to the root) must not be used: the keyword would never be found.
    const table = readFileSync(tableFile(cacheFile));
    writeFileSync(tableFile(cacheFile), Buffer.alloc(table.length));
    expect(readRulesCache(cacheFile, dir)).not.toBeNull();
    const hits = KeywordMatcher.for(['zqxkeyhound']).scan('a zqxkeyhound=abcdefgh').positions;
    expect(hits.get(0)).toEqual([2]);
  });

  it('gives the same rule set as loading the YAML, with and without a user config', async () => {
    const plain = tempDir();
    const ids = (r: { ruleSet: { rules: { id: string }[] } }): string[] => r.ruleSet.rules.map((x) => x.id);
    expect(ids(await loadRuleSetCached(plain))).toEqual(ids(loadRuleSet(plain)));
    const configured = tempDir();
    writeFileSync(join(configured, '.keyhound.yaml'), 'disable: [github-token]\n');
    const cached = await loadRuleSetCached(configured);
    expect(ids(cached)).toEqual(ids(loadRuleSet(configured)));
    expect(ids(cached)).not.toContain('github-token');
  });
});
