// The build-time rule cache: used only while it matches rules/*.yaml, and equivalent to loading the YAML.

import { appendFileSync, copyFileSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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
    const dir = copyRules();
    const cacheFile = join(tempDir(), 'rules.json');
    writeRulesCache(makeRulesCache(loadRulePacks(dir), dir), cacheFile);
    const packs = readRulesCache(cacheFile, dir);
    expect(packs?.map((p) => [p.file, p.rules.length])).toEqual(loadRulePacks(dir).map((p) => [p.file, p.rules.length]));
    appendFileSync(join(dir, 'core.yaml'), '\n# edited\n');
    expect(readRulesCache(cacheFile, dir)).toBeNull();
    writeRulesCache(makeRulesCache(loadRulePacks(dir), dir), cacheFile);
    expect(readRulesCache(cacheFile, dir)).not.toBeNull();
    // An edit that keeps the size and the time is still an edit.
    const ai = join(dir, 'ai.yaml');
    const { mtime } = statSync(ai);
    const text = readFileSync(ai, 'utf8');
    writeFileSync(ai, text.replace('description', 'descriptioN'));
    utimesSync(ai, mtime, mtime);
    expect(readRulesCache(cacheFile, dir)).toBeNull();
    writeFileSync(ai, text);
    expect(readRulesCache(cacheFile, dir)).not.toBeNull();
    writeFileSync(join(dir, 'extra.yaml'), 'rules: []\n');
    expect(readRulesCache(cacheFile, dir)).toBeNull();
    expect(readRulesCache(join(tempDir(), 'missing.json'), dir)).toBeNull();
  });

  // Regression (issue 21): npm extracts rules/*.yaml a few milliseconds after build/rules.json, and the cache was
  // judged by time, so every installed run re-parsed the YAML.
  it('stays fresh when the packs are newer than the cache but unchanged', () => {
    const dir = copyRules();
    const cacheFile = join(tempDir(), 'rules.json');
    writeRulesCache(makeRulesCache(loadRulePacks(dir), dir), cacheFile);
    const built = new Date('2026-01-01T00:00:00Z');
    const later = new Date('2026-01-01T00:00:00.050Z');
    utimesSync(cacheFile, built, built);
    for (const n of readdirSync(dir)) utimesSync(join(dir, n), later, later);
    expect(readRulesCache(cacheFile, dir)).not.toBeNull();
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
