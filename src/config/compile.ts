// Turns validated rule specs into compiled rules and a rule set, once, at load. Every error names the rule and field.

import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import type { AllowlistSpec, CompiledAllowlist, CompiledRule, RuleOrigin, RuleSet, RuleSpec } from '../model/types.js';
import { gateNames } from '../detect/gates.js';
import { ConfigError } from './errors.js';
import { expandCaseInsensitiveGroups } from './regex-syntax.js';
import { findNestedQuantifier } from './regex-safety.js';
import { byCodePoint } from '../util/compare.js';

// picomatch is loaded on first use: most rule sets have no path globs, and the pre-commit path counts milliseconds.
// (A plain require through createRequire, which a bundler leaves alone, so the bundle needs no copy of it.)
let picomatch: typeof picomatchType | null = null;

/** A path pattern starting with this is a regex on the relative POSIX path (as gitleaks configs write paths). */
export const REGEX_PATH_PREFIX = 're:';

/**
 * Compiles a path pattern on relative POSIX paths: a glob (one without a slash matches the base name at any depth),
 * or `re:` and a regex in keyhound's syntax, searched for anywhere in the path.
 */
export function compileGlob(glob: string, where: { file?: string; ruleId?: string; field: string } = { field: 'path' }): (path: string) => boolean {
  if (glob.startsWith(REGEX_PATH_PREFIX)) {
    const re = compileRegex(glob.slice(REGEX_PATH_PREFIX.length), '', where);
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

function compileGlobs(globs: string[], where: { file?: string; ruleId?: string; field: string }): ((path: string) => boolean) | null {
  if (globs.length === 0) return null;
  const matchers = globs.map((g, i) => compileGlob(g, { ...where, field: `${where.field}[${i}]` }));
  return (p) => matchers.some((m) => m(p));
}

/**
 * Compiles a regex written in keyhound's syntax, throwing a ConfigError naming `field`. `vetted` skips the static
 * backtracking check: only for the built-in packs, which the test suite checks (tests/config/builtin-safety.test.ts),
 * so the pre-commit path does not redo it on every run.
 */
export function compileRegex(
  source: string,
  flags: string,
  where: { file?: string; ruleId?: string; field: string },
  vetted = false,
): RegExp {
  let expanded: string;
  try {
    expanded = expandCaseInsensitiveGroups(source);
  } catch (err) {
    throw new ConfigError(`invalid regex: ${(err as Error).message}`, where.file, where.ruleId, where.field);
  }
  const unsafe = vetted ? null : findNestedQuantifier(expanded);
  if (unsafe) throw new ConfigError(`unsafe regex: ${unsafe}`, where.file, where.ruleId, where.field);
  try {
    return new RegExp(expanded, flags);
  } catch (err) {
    throw new ConfigError(`invalid regex: ${(err as Error).message}`, where.file, where.ruleId, where.field);
  }
}

export function compileAllowlist(spec: AllowlistSpec, where: { file?: string; ruleId?: string; field: string }): CompiledAllowlist {
  return {
    regexes: (spec.regexes ?? []).map((r, i) => compileRegex(r, '', { ...where, field: `${where.field}.regexes[${i}]` })),
    regexTarget: spec.regexTarget ?? 'secret',
    paths: compileGlobs(spec.paths ?? [], { ...where, field: `${where.field}.paths` }),
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
  options: { vetted?: boolean } = {},
): CompiledRule {
  const where = { file: origin.file, ruleId: spec.id };
  const flags = spec.flags ?? '';
  if (!/^[ims]*$/.test(flags)) throw new ConfigError(`flags may only contain i, m, s (got "${flags}")`, origin.file, spec.id, 'flags');
  const regex = compileRegex(spec.regex, `${flags}gd`, { ...where, field: 'regex' }, options.vetted ?? false);
  const hasSecretGroup = /\(\?<secret>/.test(regex.source);
  if (spec.validate !== undefined && !knownValidators.has(spec.validate)) {
    throw new ConfigError(
      `unknown validator "${spec.validate}" (known: ${[...knownValidators].sort().join(', ')})`,
      origin.file,
      spec.id,
      'validate',
    );
  }
  if (spec.gate !== undefined && !gateNames.has(spec.gate)) {
    throw new ConfigError(`unknown gate "${spec.gate}" (known: ${[...gateNames].sort().join(', ')})`, origin.file, spec.id, 'gate');
  }
  const keywords = (spec.keywords ?? []).map((k) => k.toLowerCase());
  return {
    id: spec.id,
    description: spec.description,
    severity: spec.severity,
    tags: spec.tags ?? [],
    keywords,
    family: origin.family,
    regex,
    hasSecretGroup,
    entropy: spec.entropy ?? 0,
    validate: spec.validate ?? null,
    path: spec.path ? compileGlob(spec.path, { ...where, field: 'path' }) : null,
    allowlists: (spec.allowlists ?? []).map((a, i) => compileAllowlist(a, { ...where, field: `allowlists[${i}]` })),
    globalAllowlists: spec.globalAllowlists ?? true,
    generic: (spec.tags ?? []).includes('generic'),
    spec,
    origin,
  };
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Builds the engine's rule set: the keyword index and one combined keyword scan. Duplicate ids are an error. */
export function buildRuleSet(rules: CompiledRule[], allowlists: CompiledAllowlist[] = []): RuleSet {
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
  return { rules, allowlists, alwaysRun, byKeyword, keywordScan };
}
