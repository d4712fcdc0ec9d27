// `keyhound rules list` and `keyhound rules check FILE`.

import { buildRuleSet, compileAllowlist, compileRule } from '../config/compile.js';
import { loadRulePack, loadRulePacks } from '../config/load.js';
import { validatorNames } from '../detect/validators/index.js';
import { checkRuleExamples } from '../examples.js';
import { loadRuleSet } from '../scan.js';
import type { Args, RunResult } from './index.js';
import { EXIT_CLEAN, EXIT_FINDINGS, emit } from './index.js';

export function rulesList(args: Args): RunResult {
  const a = args as Args & Record<string, unknown>;
  const { ruleSet } = loadRuleSet(process.cwd(), a.config as string | undefined);
  const rows = ruleSet.rules.map((r) => ({
    id: r.id,
    family: r.family,
    severity: r.severity,
    validator: r.validate ?? '',
    description: r.description,
  }));
  if (a.format === 'json') return { exitCode: EXIT_CLEAN, stdout: emit(`${JSON.stringify(rows, null, 2)}\n`, a), stderr: '' };
  const widths = {
    id: Math.max(2, ...rows.map((r) => r.id.length)),
    family: Math.max(6, ...rows.map((r) => r.family.length)),
    validator: Math.max(9, ...rows.map((r) => r.validator.length)),
  };
  const line = (id: string, family: string, severity: string, validator: string, description: string): string =>
    `${id.padEnd(widths.id)}  ${family.padEnd(widths.family)}  ${severity.padEnd(8)}  ${validator.padEnd(widths.validator)}  ${description}`;
  const out = [line('ID', 'FAMILY', 'SEVERITY', 'VALIDATOR', 'DESCRIPTION')];
  for (const r of rows) out.push(line(r.id, r.family, r.severity, r.validator || '-', r.description));
  out.push('', `${rows.length} rules`);
  return { exitCode: EXIT_CLEAN, stdout: emit(`${out.join('\n')}\n`, a), stderr: '' };
}

export function rulesCheck(args: Args): RunResult {
  const a = args as Args & Record<string, unknown>;
  const file = String(a.file);
  const pack = loadRulePack(file);
  const rules = pack.rules.map((spec) => compileRule(spec, { file, family: pack.family }, validatorNames));
  buildRuleSet(rules); // duplicate ids are an error
  // Examples run with the global allowlists of the built-in packs and of the file itself, as a real scan would.
  const globals = [...loadRulePacks(), pack]
    .filter((p) => p.allowlist)
    .map((p) => compileAllowlist(p.allowlist!, { file: p.file, field: 'allowlist' }));
  const out: string[] = [];
  let failed = 0;
  for (const rule of rules) {
    const failures = checkRuleExamples(rule, globals);
    if (failures.length === 0) {
      out.push(`ok    ${rule.id} (${rule.spec.examples?.positive.length ?? 0} positive, ${rule.spec.examples?.negative.length ?? 0} negative)`);
      continue;
    }
    failed += 1;
    out.push(`FAIL  ${rule.id}`);
    for (const f of failures) out.push(`      ${f.kind}: ${f.message}`);
  }
  out.push('', `${rules.length - failed} of ${rules.length} rules pass their examples`);
  return { exitCode: failed ? EXIT_FINDINGS : EXIT_CLEAN, stdout: `${out.join('\n')}\n`, stderr: '' };
}
