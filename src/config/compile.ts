// Turns validated rule specs into compiled rules and a rule set, once, at load. Every error names the rule and field.

import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import type micromatchType from 'micromatch';
import type { AllowlistSpec, CompiledAllowlist, CompiledRule, ProviderSpec, RuleOrigin, RuleSet, RuleSpec } from '../model/types.js';
import { contextMatcher, prefixedRegex } from './v2.js';
import { gateNames } from '../detect/gates.js';
import { ConfigError } from './errors.js';
import { expandCaseInsensitiveGroups } from './regex-syntax.js';
import { dirname } from 'node:path';
import { LinearRegExp, LinearRegexError } from './linear-regex.js';
import { DEFAULT_RULES_DIR } from './paths.js';
import { findNestedQuantifier } from './regex-safety.js';
import { byCodePoint } from '../util/compare.js';

// picomatch is loaded on first use: most rule sets have no path globs, and the pre-commit path counts milliseconds.
// (A plain require through createRequire, which a bundler leaves alone, so the bundle needs no copy of it.)
let picomatch: typeof picomatchType | null = null;
// micromatch likewise, for path lists with `!` negations only.
let micromatch: typeof micromatchType | null = null;

/** A path pattern starting with this is a regex on the relative POSIX path (as gitleaks configs write paths). */
export const REGEX_PATH_PREFIX = 're:';

/**
 * Compiles a path pattern on relative POSIX paths: a glob (one without a slash matches the base name at any depth),
 * or `re:` and a regex in keyhound's syntax, searched for anywhere in the path.
 */
export function compileGlob(
  glob: string,
  where: { file?: string; ruleId?: string; field: string } = { field: 'path' },
  vetted = false,
  imported = false,
): (path: string) => boolean {
  if (glob.startsWith(REGEX_PATH_PREFIX)) {
    const re = compileRegex(glob.slice(REGEX_PATH_PREFIX.length), '', where, vetted, imported);
    return (p) => re.test(p);
  }
  // A plain name or path (no glob syntax) needs no picomatch, whose loading the pre-commit hook would feel: as
  // picomatch does, a name without a slash matches that base name at any depth, one with a slash the whole path.
  if (!/[*?[\]{}()!+@\\]/.test(glob) && !glob.startsWith('./')) {
    return glob.includes('/') ? (p) => p === glob : (p) => p === glob || p.endsWith(`/${glob}`);
  }
  picomatch ??= createRequire(import.meta.url)('picomatch') as typeof picomatchType;
  return picomatch(glob, { dot: true, basename: !glob.includes('/') });
}

function compileGlobs(globs: string[], where: { file?: string; ruleId?: string; field: string }, vetted: boolean, imported: boolean): ((path: string) => boolean) | null {
  if (globs.length === 0) return null;
  if (globs.some((g) => g.startsWith('!'))) return compileNegatedList(globs, where, vetted, imported);
  const matchers = globs.map((g, i) => compileGlob(g, { ...where, field: `${where.field}[${i}]` }, vetted, imported));
  return (p) => matchers.some((m) => m(p));
}

/**
 * A path list with `!` entries, read in order as micromatch reads a list (and git a .gitignore): a path is in the
 * list when the last entry that matches it is not negated, so `!vendor/keep/**` after `vendor/**` takes those
 * files back out. A negation only takes back what an earlier entry matched: a list of negations alone matches
 * nothing (micromatch would match every other path, which for an allowlist means allowing nearly everything).
 * Globs are micromatch's; `re:` entries (and `!re:`) are regexes, as elsewhere. Verdicts are kept per path, since
 * the engine asks once per candidate and a file can have thousands.
 */
function compileNegatedList(
  globs: string[],
  where: { file?: string; ruleId?: string; field: string },
  vetted: boolean,
  imported: boolean,
): (path: string) => boolean {
  micromatch ??= createRequire(import.meta.url)('micromatch') as typeof micromatchType;
  const mm = micromatch;
  const entries = globs.map((g, i) => {
    const negated = g.startsWith('!');
    const body = negated ? g.slice(1) : g;
    const at = { ...where, field: `${where.field}[${i}]` };
    if (body === '') throw new ConfigError('empty path pattern', at.file, at.ruleId, at.field);
    const test = body.startsWith(REGEX_PATH_PREFIX)
      ? compileGlob(body, at, vetted, imported)
      : mm.matcher(body.replace(/^\.\//, ''), { dot: true, basename: !body.includes('/') });
    return { negated, test };
  });
  let lastPath: string | null = null;
  let lastVerdict = false;
  return (p) => {
    if (p === lastPath) return lastVerdict;
    let verdict = false;
    for (const e of entries) if (e.test(p)) verdict = !e.negated;
    lastPath = p;
    lastVerdict = verdict;
    return verdict;
  };
}

/**
 * Compiles a regex written in keyhound's syntax, throwing a ConfigError naming `field`. `vetted`: a built-in pack's
 * regex, run by V8's backtracking engine at full speed (the test suite checks them for catastrophic backtracking,
 * tests/config/builtin-safety.test.ts). Every other regex (user rules, allowlists, `re:` paths, gitleaks imports)
 * runs on RE2's linear-time engine (linear-regex.ts), so none can hang a scan, whatever its shape. The static
 * backtracking check (regex-safety.ts) still runs on a user's own rules, as an early, friendly error; not on rules
 * imported from a gitleaks config (`imported`), which were written for RE2 and mean what they say there.
 */
export function compileRegex(
  source: string,
  flags: string,
  where: { file?: string; ruleId?: string; field: string },
  vetted = false,
  imported = false,
): RegExp {
  let expanded: string;
  try {
    expanded = expandCaseInsensitiveGroups(source);
  } catch (err) {
    throw new ConfigError(`invalid regex: ${(err as Error).message}`, where.file, where.ruleId, where.field);
  }
  const unsafe = vetted || imported ? null : findNestedQuantifier(expanded);
  if (unsafe) throw new ConfigError(`unsafe regex: ${unsafe}`, where.file, where.ruleId, where.field);
  try {
    return vetted ? new RegExp(expanded, flags) : new LinearRegExp(expanded, flags);
  } catch (err) {
    if (!(err instanceof LinearRegexError && err.backtracking)) {
      throw new ConfigError(`invalid regex: ${(err as Error).message}`, where.file, where.ruleId, where.field);
    }
  }
  // A lookaround or a back-reference: only V8 runs it, so only what passes the strict check may (regex-safety.ts).
  const strict = findNestedQuantifier(expanded, true);
  if (strict) {
    throw new ConfigError(
      `unsafe regex: ${strict} (it uses a lookaround or a back-reference, so it cannot run on the linear-time engine; without them it could)`,
      where.file,
      where.ruleId,
      where.field,
    );
  }
  return new RegExp(expanded, flags);
}

export function compileAllowlist(
  spec: AllowlistSpec,
  where: { file?: string; ruleId?: string; field: string },
  vetted = where.file !== undefined && dirname(where.file) === DEFAULT_RULES_DIR,
  imported = false,
): CompiledAllowlist {
  return {
    regexes: (spec.regexes ?? []).map((r, i) => compileRegex(r, '', { ...where, field: `${where.field}.regexes[${i}]` }, vetted, imported)),
    regexTarget: spec.regexTarget ?? 'secret',
    paths: compileGlobs(spec.paths ?? [], { ...where, field: `${where.field}.paths` }, vetted, imported),
    stopwords: (spec.stopwords ?? []).map((s) => s.toLowerCase()),
  };
}

/**
 * Compiles one rule (`vetted`: a built-in rule, see compileRegex). `knownValidators` is the set of validator names the engine has; an unknown name is an error
 * here rather than a silent no-op later.
 */
export function compileRule(
  spec: RuleSpec,
  origin: RuleOrigin,
  knownValidators: ReadonlySet<string>,
  options: { vetted?: boolean; imported?: boolean; providers?: ReadonlyMap<string, ProviderSpec> } = {},
): CompiledRule {
  const where = { file: origin.file, ruleId: spec.id };
  const flags = spec.flags ?? '';
  if (!/^[ims]*$/.test(flags)) throw new ConfigError(`flags may only contain i, m, s (got "${flags}")`, origin.file, spec.id, 'flags');
  const provider = spec.provider === undefined ? undefined : options.providers?.get(spec.provider);
  if (spec.provider !== undefined && options.providers && !provider) {
    throw new ConfigError(`unknown provider "${spec.provider}" (declare it under providers:)`, origin.file, spec.id, 'provider');
  }
  // v2 facts become matching here: a prefixed rule's regex is built from its part, a context rule gets a matcher
  // and a regex that never matches (the engine runs its matcher instead).
  let source: string;
  let keywords = (spec.keywords ?? []).map((k) => k.toLowerCase());
  let context: CompiledRule['context'] = null;
  // A rule from a pack shipped in rules/ is built in, whoever compiles it (the test suite checks those).
  const builtin = options.vetted ?? dirname(origin.file) === DEFAULT_RULES_DIR;
  let vetted = builtin;
  const imported = options.imported ?? false;
  if (spec.match === 'prefixed') {
    const built = prefixedRegex(spec, { ...where, field: 'parts' });
    source = built.regex;
    if (keywords.length === 0) keywords = built.keywords;
    vetted = true; // built from literals and bounded classes: no nested quantifier
  } else if (spec.match === 'context') {
    context = contextMatcher(spec, provider, { ...where, field: 'context' });
    source = '(?!)';
    if (keywords.length === 0) keywords = context.keywords;
    vetted = true;
  } else if (spec.regex === undefined) {
    throw new ConfigError('a rule needs a regex, or match: prefixed | context with parts', origin.file, spec.id, 'regex');
  } else source = spec.regex;
  const regex = compileRegex(source, `${flags}gd`, { ...where, field: 'regex' }, vetted, imported);
  const hasSecretGroup = /\(\?<secret>/.test(regex.source);
  const validate = spec.validate ?? (spec.match === 'prefixed' ? (Object.values(spec.parts ?? {})[0]?.validate ?? null) : null);
  const partValidators = Object.entries(spec.parts ?? {}).flatMap(([name, p]) => (p.validate ? [[`parts.${name}.validate`, p.validate] as const] : []));
  for (const [field, name] of [...(spec.validate !== undefined ? [['validate', spec.validate] as const] : []), ...partValidators]) {
    if (!knownValidators.has(name)) {
      throw new ConfigError(`unknown validator "${name}" (known: ${[...knownValidators].sort().join(', ')})`, origin.file, spec.id, field);
    }
  }
  if (spec.gate !== undefined && !gateNames.has(spec.gate)) {
    throw new ConfigError(`unknown gate "${spec.gate}" (known: ${[...gateNames].sort().join(', ')})`, origin.file, spec.id, 'gate');
  }
  const entropy = spec.entropy ?? (spec.match === 'prefixed' ? (Object.values(spec.parts ?? {})[0]?.entropy ?? 0) : 0);
  return {
    id: spec.id,
    description: spec.description,
    severity: spec.severity,
    tags: spec.tags ?? [],
    keywords,
    family: origin.family,
    regex,
    hasSecretGroup,
    entropy,
    validate,
    path: spec.path ? compileGlob(spec.path, { ...where, field: 'path' }, builtin, imported) : null,
    allowlists: (spec.allowlists ?? []).map((a, i) => compileAllowlist(a, { ...where, field: `allowlists[${i}]` }, builtin, imported)),
    globalAllowlists: spec.globalAllowlists ?? true,
    generic: (spec.tags ?? []).includes('generic'),
    provider: spec.provider ?? null,
    context,
    spec: { ...spec, regex: source, keywords },
    origin,
  };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the engine's rule set: the keyword index and one combined keyword scan. Duplicate ids are an error. */
export function buildRuleSet(rules: CompiledRule[], allowlists: CompiledAllowlist[] = [], providers: ReadonlyMap<string, ProviderSpec> = new Map()): RuleSet {
  const seen = new Map<string, CompiledRule>();
  for (const r of rules) {
    const prev = seen.get(r.id);
    if (prev) throw new ConfigError(`duplicate rule id (also in ${prev.origin.file})`, r.origin.file, r.id, 'id');
    seen.set(r.id, r);
  }
  const byKeyword = new Map<string, CompiledRule[]>();
  const alwaysRun: CompiledRule[] = [];
  for (const r of rules) {
    if (r.keywords.length === 0) alwaysRun.push(r);
    for (const k of new Set(r.keywords)) {
      const list = byKeyword.get(k) ?? [];
      list.push(r);
      byKeyword.set(k, list);
    }
  }
  const keywords = [...byKeyword.keys()].sort((a, b) => b.length - a.length || byCodePoint(a, b));
  const keywordScan = keywords.length ? new RegExp(keywords.map(escapeRegex).join('|'), 'gi') : null;
  return { rules, allowlists, alwaysRun, byKeyword, keywordScan, providers };
}
