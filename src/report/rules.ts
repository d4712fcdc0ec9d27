// Rule metadata for reporters, taken from compiled rules, so reporters never see regexes or validators.

import type { CompiledRule } from '../model/types.js';
import type { RuleMeta } from './types.js';

export function ruleMeta(rule: CompiledRule): RuleMeta {
  return {
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    family: rule.family,
    tags: rule.tags,
    references: rule.spec.references ?? [],
    precision: rule.validate ? 'very-high' : rule.generic ? 'low' : 'high',
  };
}
