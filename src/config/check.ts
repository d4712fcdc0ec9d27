// `keyhound rules check`: every problem of a rule file at once (the loader stops at the first), each with the file,
// the rule id, the field and the line and column where it is known: YAML syntax errors, schema errors (all of them),
// then the compiler's checks of each rule that passed the schema (regexes, providers, parts, duplicate ids).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { isCollection, isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { CompiledRule, ProviderSpec, RuleSpec } from '../model/types.js';
import { buildRuleSet, compileAllowlist, compileRule } from './compile.js';
import { ConfigError } from './errors.js';
import { DEFAULT_RULES_DIR } from './paths.js';
import { providerIndex } from './ruleset.js';
import type { RulePack } from './ruleset.js';
import { readBoundedText } from '../util/files.js';

/** One problem of a rule file. */
export interface RuleFileProblem {
  file: string;
  ruleId?: string;
  /** The field inside the rule (or the file), dotted: `parts.key.length`. */
  field?: string;
  /** 1-based, where known. */
  line?: number;
  column?: number;
  message: string;
}

/** `file:line:col: rule: field: message`, as compilers print. */
export function formatProblem(p: RuleFileProblem): string {
  const at = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((x) => x !== undefined).join(':');
  return [at, p.ruleId, p.field, p.message].filter(Boolean).join(': ');
}

let validatePack: ReturnType<Ajv['getSchema']> | undefined;

/** The schema validator that collects every error (the loader's stops at the first, which is faster). */
function allErrorsValidator() {
  if (validatePack) return validatePack;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
  const schema = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'schema.json'), 'utf8')) as { $id: string };
  ajv.addSchema(schema);
  validatePack = ajv.getSchema(schema.$id)!;
  return validatePack;
}

type Located = { line?: number; column?: number };

/** Where the node at `path` starts (or, for a key that is not allowed, where that key is). */
function locate(doc: Document, lines: LineCounter, path: readonly (string | number)[], key?: string): Located {
  let node: unknown = doc.contents;
  let found = node;
  for (const step of path) {
    if (!isCollection(node)) break;
    const next: unknown = node.get(step, true);
    if (next === undefined) break;
    node = next;
    found = next;
  }
  if (key !== undefined && isMap(found)) {
    const pair = found.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key)) found = pair.key;
  }
  const range = (found as { range?: [number, number, number] } | null)?.range;
  if (!range) return {};
  const pos = lines.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

function schemaMessage(err: ErrorObject): string {
  if (err.keyword === 'additionalProperties') return `unknown field "${(err.params as { additionalProperty?: string }).additionalProperty}"`;
  if (err.keyword === 'enum') return `must be one of ${((err.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
  if (err.keyword === 'required') return `missing required field "${(err.params as { missingProperty?: string }).missingProperty}"`;
  const not = err.keyword === 'not' ? (err.schema as { required?: string[] } | undefined)?.required : undefined;
  if (not?.length) return `must not have ${not.map((f) => `"${f}"`).join(' and ')}`;
  return err.message ?? 'is invalid';
}

/**
 * Schema errors as problems. A `oneOf` that no form matched is one problem, saying what each form wanted, rather than
 * one per failed form.
 */
function schemaProblems(file: string, doc: Document, lines: LineCounter, data: unknown, errors: readonly ErrorObject[]): RuleFileProblem[] {
  const branches = errors.filter((e) => /\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath));
  const problems: RuleFileProblem[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    if (branches.includes(err)) continue;
    let message = schemaMessage(err);
    if (err.keyword === 'oneOf' || err.keyword === 'anyOf') {
      const prefix = err.schemaPath.slice(0, err.schemaPath.length - err.keyword.length);
      const wanted = [...new Set(branches.filter((b) => b.schemaPath.startsWith(`${prefix}${err.keyword}/`) && b.instancePath.startsWith(err.instancePath)).map(schemaMessage))];
      message = wanted.length ? `matches none of its allowed forms (${wanted.join('; or ')})` : message;
    }
    const path = err.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    let ruleId: string | undefined;
    let fieldPath = path;
    if (path[0] === 'rules' && path[1] !== undefined) {
      const rule = (data as { rules?: { id?: unknown }[] }).rules?.[Number(path[1])];
      ruleId = typeof rule?.id === 'string' ? rule.id : `rules[${path[1]}]`;
      fieldPath = path.slice(2);
    }
    const extra = err.keyword === 'additionalProperties' ? (err.params as { additionalProperty?: string }).additionalProperty : undefined;
    const yamlPath = path.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const field = [...fieldPath, ...(extra ? [extra] : [])].join('.') || undefined;
    const problem = { file, ...(ruleId ? { ruleId } : {}), ...(field ? { field } : {}), ...locate(doc, lines, yamlPath, extra), message };
    const key = formatProblem(problem);
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  return problems;
}

/** What `rules check` needs: every problem, and the pack and its compiled rules when there is none. */
export interface RuleFileCheck {
  problems: RuleFileProblem[];
  pack?: RulePack;
  rules?: CompiledRule[];
  providers?: ReadonlyMap<string, ProviderSpec>;
}

/**
 * Checks `file` against the schema and compiles each rule with `builtin`'s providers, collecting every problem.
 * `vetted`: a pack of rules/ (its regexes are checked for backtracking by the test suite, not here).
 */
export function checkRuleFile(file: string, builtin: readonly RulePack[], knownValidators: ReadonlySet<string>, vetted: boolean): RuleFileCheck {
  let text: string;
  try {
    text = readBoundedText(file);
  } catch (err) {
    return { problems: [{ file, message: (err as Error).message }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return { file, ...(pos ? { line: pos.line, column: pos.col } : {}), message: `invalid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}` };
      }),
    };
  }
  const data = (doc.toJS() as unknown) ?? {};
  const validate = allErrorsValidator();
  const problems = validate(data) ? [] : schemaProblems(file, doc, lines, data, validate.errors ?? []);
  const d = data as { family?: string; rules?: unknown; allowlist?: unknown; providers?: unknown };
  const specs = Array.isArray(d.rules) ? (d.rules as RuleSpec[]) : [];
  // Rules the schema found wrong are not compiled (the compiler expects valid ones); every other one is.
  const badRules = new Set(problems.filter((p) => p.ruleId).map((p) => p.ruleId));
  const family = typeof d.family === 'string' ? d.family : file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  const asProblem = (err: unknown, index?: number): RuleFileProblem => {
    if (!(err instanceof ConfigError)) return { file, message: (err as Error).message };
    const path: (string | number)[] = index !== undefined ? ['rules', index, ...(err.field?.split('.') ?? [])] : [];
    const where = [err.file, err.ruleId, err.field].filter(Boolean).join(': ');
    const message = where && err.message.startsWith(`${where}: `) ? err.message.slice(where.length + 2) : err.message;
    return { file: err.file ?? file, ...(err.ruleId ? { ruleId: err.ruleId } : {}), ...(err.field ? { field: err.field } : {}), ...locate(doc, lines, path), message };
  };
  let providers: ReadonlyMap<string, ProviderSpec> | undefined;
  try {
    const own = Array.isArray(d.providers) && !problems.some((p) => !p.ruleId && p.field?.startsWith('providers')) ? (d.providers as ProviderSpec[]) : [];
    providers = providerIndex([...builtin.map((p) => ({ file: p.file, providers: p.providers ?? [] })), { file, providers: own }]);
  } catch (err) {
    problems.push(asProblem(err));
  }
  const rules: CompiledRule[] = [];
  specs.forEach((spec, index) => {
    const id = typeof spec?.id === 'string' ? spec.id : `rules[${index}]`;
    if (badRules.has(id) || typeof spec !== 'object' || spec === null) return;
    try {
      rules.push(compileRule(spec, { file, family }, knownValidators, { ...(providers ? { providers } : {}), vetted }));
    } catch (err) {
      problems.push(asProblem(err, index));
    }
  });
  const ids = new Map<string, number>();
  specs.forEach((spec, index) => {
    if (typeof spec?.id !== 'string') return;
    if (ids.has(spec.id)) problems.push({ file, ruleId: spec.id, field: 'id', ...locate(doc, lines, ['rules', index, 'id']), message: `duplicate rule id (first at rule ${ids.get(spec.id)! + 1})` });
    else ids.set(spec.id, index);
  });
  if (d.allowlist && !problems.some((p) => !p.ruleId && p.field?.startsWith('allowlist'))) {
    try {
      compileAllowlist(d.allowlist as never, { file, field: 'allowlist' });
    } catch (err) {
      problems.push(asProblem(err));
    }
  }
  if (problems.length) return { problems };
  buildRuleSet(rules);
  const pack: RulePack = { file, family, rules: specs, ...(d.allowlist ? { allowlist: d.allowlist as RulePack['allowlist'] } : {}), ...(d.providers ? { providers: d.providers as ProviderSpec[] } : {}) };
  return { problems, pack, rules, ...(providers ? { providers } : {}) };
}
