// The generic rule test: every rule in rules/*.yaml carries positive and negative examples, expanded to fresh fake
// values here; each positive must be found by its rule and each negative must not.

import { describe, expect, it } from 'vitest';
import { compileAllowlist, compileRule } from '../../src/config/compile.js';
import { loadRulePacks } from '../../src/config/load.js';
import { validatorNames } from '../../src/detect/validators/index.js';
import { checkRuleExamples } from '../../src/examples.js';

const packs = loadRulePacks();
const globals = packs
  .filter((p) => p.allowlist)
  .map((p) => compileAllowlist(p.allowlist!, { file: p.file, field: 'allowlist' }));
const rules = packs.flatMap((p) => p.rules.map((spec) => compileRule(spec, { file: p.file, family: p.family }, validatorNames)));

describe('rule catalogue', () => {
  it('has rules, with unique ids', () => {
    expect(rules.length).toBeGreaterThan(10);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: examples behave (run 3 times with fresh values)', (_id, rule) => {
    for (let round = 0; round < 3; round++) {
      const failures = checkRuleExamples(rule, globals);
      expect(failures.map((f) => `${f.kind}: ${f.message}\n${f.example}`)).toEqual([]);
    }
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s: has references and a description', (_id, rule) => {
    expect(rule.spec.references?.length ?? 0).toBeGreaterThan(0);
    expect(rule.description.length).toBeGreaterThan(5);
  });
});
