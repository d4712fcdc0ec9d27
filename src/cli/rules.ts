// `keyhound rules list` and `keyhound rules check FILE`.

import { checkRuleFile, formatProblem } from '../config/check.js';
import { compileAllowlist } from '../config/compile.js';
import { dirname, resolve } from 'node:path';
import { DEFAULT_RULES_DIR, loadRulePacks } from '../config/load.js';
import { validatorNames } from '../detect/validators/index.js';
import { checkRuleExamples } from '../examples.js';
import { loadRuleSet } from '../scan.js';
import type { Args, RunResult } from './index.js';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, emit } from './index.js';
import { byCodePoint } from '../util/compare.js';

export function rulesList(args: Args): RunResult {
  const a = args as Args & Record<string, unknown>;
  const { ruleSet } = loadRuleSet(process.cwd(), a.config as string | undefined);
  const wanted = a.provider as string | undefined;
  const rows = ruleSet.rules
    .map((r) => ({
      id: r.id,
      provider: r.provider ?? '',
      providerName: (r.provider && ruleSet.providers.get(r.provider)?.name) || '',
      family: r.family,
      severity: r.severity,
      match: r.spec.match ?? 'regex',
      parts: Object.keys(r.spec.parts ?? {}),
      validator: r.validate ?? [...new Set(Object.values(r.spec.parts ?? {}).flatMap((p) => (p.validate ? [p.validate] : [])))].join(','),
      description: r.description,
    }))
    .filter((r) => wanted === undefined || r.provider === wanted);
  if (wanted !== undefined && rows.length === 0) {
    return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound: no rule has provider "${wanted}" (see keyhound rules list)\n` };
  }
  if (a.format === 'json') {
    const json = rows.map(({ providerName: _name, match: _match, ...r }) => r);
    return { exitCode: EXIT_CLEAN, stdout: emit(`${JSON.stringify(json, null, 2)}\n`, a as { output?: string }), stderr: '' };
  }
  const widths = {
    id: Math.max(2, ...rows.map((r) => r.id.length)),
    severity: 8,
    parts: Math.max(5, ...rows.map((r) => r.parts.join(',').length)),
  };
  const byProvider = new Map<string, typeof rows>();
  for (const r of rows) byProvider.set(r.provider, [...(byProvider.get(r.provider) ?? []), r]);
  const out: string[] = [];
  for (const provider of [...byProvider.keys()].sort(byCodePoint)) {
    const list = byProvider.get(provider)!;
    out.push(provider ? `${list[0]!.providerName || provider} (${provider})` : '(no provider)');
    for (const r of list) {
      out.push(`  ${r.id.padEnd(widths.id)}  ${r.severity.padEnd(widths.severity)}  ${(r.parts.join(',') || '-').padEnd(widths.parts)}  ${r.validator || '-'}  ${r.description}`);
    }
  }
  out.push('', `${rows.length} rules, ${byProvider.size - (byProvider.has('') ? 1 : 0)} providers`);
  return { exitCode: EXIT_CLEAN, stdout: emit(`${out.join('\n')}\n`, a as { output?: string }), stderr: '' };
}

export function rulesCheck(args: Args): RunResult {
  const a = args as Args & Record<string, unknown>;
  const file = String(a.file);
  const builtin = loadRulePacks().filter((p) => resolve(p.file) !== resolve(file));
  // A pack in rules/ is a built-in pack (V8, checked for backtracking by the test suite); any other is a user's.
  const vetted = dirname(resolve(file)) === DEFAULT_RULES_DIR;
  const checked = checkRuleFile(file, builtin, validatorNames, vetted);
  if (checked.problems.length) {
    // Every problem at once, then exit 2: a file that does not load runs no example.
    const n = checked.problems.length;
    return { exitCode: EXIT_ERROR, stdout: '', stderr: `${checked.problems.map((p) => `keyhound: ${formatProblem(p)}\n`).join('')}keyhound: ${n} problem${n === 1 ? '' : 's'} in ${file}\n` };
  }
  const { pack, rules, providers } = checked as Required<typeof checked>;
  // Examples run with the global allowlists of the built-in packs and of the file itself, as a real scan would.
  const globals = [...builtin, pack]
    .filter((p) => p.allowlist)
    .map((p) => compileAllowlist(p.allowlist!, { file: p.file, field: 'allowlist' }));
  const out: string[] = [];
  let failed = 0;
  for (const rule of rules) {
    const failures = checkRuleExamples(rule, globals, undefined, providers);
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
