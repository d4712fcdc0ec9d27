// Runs a rule's own examples: every positive must yield a finding of that rule, every negative none.
// Used by the generic rule test and by `keyhound rules check FILE`.

import { buildRuleSet } from './config/compile.js';
import { detect } from './detect/engine.js';
import { expandTemplate, type Rng } from './fakes/index.js';
import { partGenerators } from './fakes/parts.js';
import type { CompiledAllowlist, CompiledRule, ProviderSpec } from './model/types.js';

export interface ExampleFailure {
  ruleId: string;
  kind: 'positive' | 'negative' | 'missing';
  /** The expanded example (fake values only). */
  example: string;
  message: string;
}

const PATH_LINE = /^# path: (\S+)\r?\n/;

/** Lines put around each positive example to check it is also found deep inside a big file (engine windowing). */
const PADDING = Array.from({ length: 400 }, (_, i) => `const value${i} = compute(${i});`).join('\n') + '\n';

/** Splits an optional first line `# path: some/file` from an example. */
export function examplePath(example: string): { path: string; text: string } {
  const m = PATH_LINE.exec(example);
  return m ? { path: m[1]!, text: example.slice(m[0].length) } : { path: 'example.txt', text: example };
}

/** Checks one rule's examples against that rule alone (plus the global allowlists). */
export function checkRuleExamples(
  rule: CompiledRule,
  globalAllowlists: CompiledAllowlist[] = [],
  /** The random source for the templates (a seeded one makes a test reproducible). Default: crypto-random. */
  rng?: Rng,
  /** Every declared provider: a binding named for another provider is not claimed by nearness. */
  providers: ReadonlyMap<string, ProviderSpec> = new Map(),
): ExampleFailure[] {
  const examples = rule.spec.examples;
  if (!examples || examples.positive.length === 0 || examples.negative.length === 0) {
    return [{ ruleId: rule.id, kind: 'missing', example: '', message: 'rule has no positive and negative examples' }];
  }
  const ruleSet = buildRuleSet([rule], globalAllowlists, providers);
  const failures: ExampleFailure[] = [];
  const own = partGenerators(rule.spec.parts);
  const run = (kind: 'positive' | 'negative', template: string): void => {
    let expanded: string;
    try {
      expanded = expandTemplate(template, rng, own);
    } catch (err) {
      failures.push({ ruleId: rule.id, kind, example: template, message: (err as Error).message });
      return;
    }
    const { path, text } = examplePath(expanded);
    const found = detect(ruleSet, { text, path }).findings.filter((f) => f.ruleId === rule.id);
    if (kind === 'positive' && found.length === 0) {
      failures.push({ ruleId: rule.id, kind, example: expanded, message: 'positive example not detected' });
    }
    if (kind === 'positive' && found.length > 0) {
      const padded = detect(ruleSet, { text: PADDING + text + '\n' + PADDING, path }).findings.filter((f) => f.ruleId === rule.id);
      const shifted = found.map((f) => `${f.line + 400}:${f.column}:${f.secret}`);
      if (padded.map((f) => `${f.line}:${f.column}:${f.secret}`).join() !== shifted.join()) {
        failures.push({ ruleId: rule.id, kind, example: expanded, message: 'positive example not detected at the same place inside a bigger file' });
      }
    }
    if (kind === 'negative' && found.length > 0) {
      failures.push({ ruleId: rule.id, kind, example: expanded, message: `negative example detected (${found.length} finding(s))` });
    }
  };
  for (const p of examples.positive) run('positive', p);
  for (const n of examples.negative) run('negative', n);
  return failures;
}
