// Builds rule sets from inline YAML-shaped specs for engine tests.

import { buildRuleSet, compileRule } from '../../src/config/compile.js';
import { validatorNames } from '../../src/detect/validators/index.js';
import type { AllowlistSpec, RuleSet, RuleSpec } from '../../src/model/types.js';
import { compileAllowlist } from '../../src/config/compile.js';

export function ruleSetOf(specs: RuleSpec[], globalAllowlist?: AllowlistSpec): RuleSet {
  // Compiled as built-in rules (V8): engine tests run built-in specs; user rules' engine is tested in tests/config.
  const rules = specs.map((s) => compileRule(s, { file: 'test.yaml', family: 'test' }, validatorNames, { vetted: true }));
  const allowlists = globalAllowlist ? [compileAllowlist(globalAllowlist, { field: 'allowlist' })] : [];
  return buildRuleSet(rules, allowlists);
}
