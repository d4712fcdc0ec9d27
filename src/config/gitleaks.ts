// Imports a gitleaks config (.gitleaks.toml) as a keyhound config: rules, allowlists, `[extend]` and stopwords map
// onto keyhound's format; whatever has no exact equivalent is reported, never silently dropped or approximated.
// gitleaks config format: https://github.com/gitleaks/gitleaks#configuration

import { parse as parseToml } from 'smol-toml';
import { stringify as stringifyYaml } from 'yaml';
import type { AllowlistSpec, RuleSpec } from '../model/types.js';
import { compileAllowlist, compileRule, REGEX_PATH_PREFIX } from './compile.js';
import { ConfigError } from './errors.js';
import { translateRe2, UnsupportedRegexError } from './re2.js';

/** The keyhound config document an import produces (the shape of .keyhound.yaml). */
export interface ImportedConfig {
  extends: 'default' | 'none';
  disable?: string[];
  allowlist?: AllowlistSpec;
  rules?: RuleSpec[];
}

export interface GitleaksImport {
  config: ImportedConfig;
  /** What could not be mapped, one line each, naming the rule and field. */
  warnings: string[];
  title?: string;
}

interface GlAllowlist {
  description?: string;
  condition?: string;
  commits?: string[];
  paths?: string[];
  regexTarget?: string;
  regexes?: string[];
  stopwords?: string[];
  targetRules?: string[];
}

interface GlRule {
  id?: string;
  description?: string;
  regex?: string;
  secretGroup?: number;
  entropy?: number;
  path?: string;
  keywords?: string[];
  tags?: string[];
  skipReport?: boolean;
  allowlist?: GlAllowlist;
  allowlists?: GlAllowlist[];
  required?: unknown[];
}

interface GlConfig {
  title?: string;
  extend?: { useDefault?: boolean; path?: string; url?: string; disabledRules?: string[] };
  rules?: GlRule[];
  allowlist?: GlAllowlist;
  allowlists?: GlAllowlist[];
}

const KNOWN_TOP = new Set(['title', 'description', 'minVersion', 'extend', 'rules', 'allowlist', 'allowlists']);
const KNOWN_RULE = new Set(['id', 'description', 'regex', 'secretGroup', 'entropy', 'path', 'keywords', 'tags', 'skipReport', 'allowlist', 'allowlists', 'required']);
const KNOWN_ALLOWLIST = new Set(['description', 'condition', 'commits', 'paths', 'regexTarget', 'regexes', 'stopwords', 'targetRules']);

function kebab(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

class Importer {
  readonly warnings: string[] = [];

  warn(where: string, message: string): void {
    this.warnings.push(`${where}: ${message}`);
  }

  unknownKeys(obj: object, known: Set<string>, where: string): void {
    for (const k of Object.keys(obj)) if (!known.has(k)) this.warn(where, `unknown field "${k}" ignored`);
  }

  regex(src: string, where: string, secretGroup = 0): { source: string; flags: string; groups: number } | null {
    try {
      return translateRe2(src, secretGroup);
    } catch (err) {
      if (err instanceof UnsupportedRegexError) {
        this.warn(where, `regex not imported: ${err.message}`);
        return null;
      }
      throw err;
    }
  }

  /** An RE2 regex usable without flags (allowlist regexes, path patterns); `s`/`m` flags cannot be carried. */
  plainRegex(src: string, where: string): string | null {
    const r = this.regex(src, where);
    if (r && r.flags) {
      this.warn(where, `regex not imported: flag (?${r.flags}) is not supported here`);
      return null;
    }
    return r?.source ?? null;
  }

  allowlist(gl: GlAllowlist, where: string): AllowlistSpec | null {
    this.unknownKeys(gl, KNOWN_ALLOWLIST, where);
    if (gl.commits?.length) this.warn(where, `commits (${gl.commits.length}) not imported: keyhound has no commit allowlist; use the baseline instead`);
    const spec: AllowlistSpec = {};
    if (gl.description) spec.description = gl.description;
    const regexes = (gl.regexes ?? []).map((r, i) => this.plainRegex(r, `${where}.regexes[${i}]`)).filter((r): r is string => r !== null);
    const paths = (gl.paths ?? []).map((p, i) => this.plainRegex(p, `${where}.paths[${i}]`)).filter((p): p is string => p !== null);
    if (regexes.length) spec.regexes = regexes;
    if (gl.regexTarget !== undefined) {
      if (gl.regexTarget === 'secret' || gl.regexTarget === 'match' || gl.regexTarget === 'line') spec.regexTarget = gl.regexTarget;
      else this.warn(where, `unknown regexTarget "${gl.regexTarget}": using secret`);
    }
    if (paths.length) spec.paths = paths.map((p) => REGEX_PATH_PREFIX + p);
    if (gl.stopwords?.length) spec.stopwords = gl.stopwords;
    const kinds = [regexes.length, paths.length, gl.stopwords?.length ?? 0].filter((n) => n > 0).length;
    if ((gl.condition ?? 'OR').toUpperCase() === 'AND' && kinds > 1) {
      // keyhound allowlists drop a finding when any condition holds; AND across kinds would allow more than gitleaks.
      this.warn(where, 'condition AND across regexes, paths and stopwords has no keyhound equivalent: allowlist not imported');
      return null;
    }
    if (!['OR', 'AND'].includes((gl.condition ?? 'OR').toUpperCase())) this.warn(where, `unknown condition "${gl.condition}": read as OR`);
    return kinds > 0 ? spec : null;
  }

  rule(gl: GlRule, index: number, defaultIds: ReadonlySet<string>, disable: Set<string>): RuleSpec | null {
    const rawId = gl.id ?? `rules[${index}]`;
    const where = `rule ${rawId}`;
    this.unknownKeys(gl, KNOWN_RULE, where);
    if (!gl.id) {
      this.warn(`rules[${index}]`, 'rule without an id not imported');
      return null;
    }
    if (gl.skipReport) {
      this.warn(where, 'skipReport rules exist only as parts of composite rules: not imported');
      return null;
    }
    if (!gl.regex) {
      this.warn(where, 'a rule without a regex (path-only) has no keyhound equivalent: not imported');
      return null;
    }
    const id = kebab(gl.id);
    if (id !== gl.id) this.warn(where, `id renamed to "${id}" (keyhound ids are kebab-case)`);
    if (gl.required?.length) {
      this.warn(where, `composite rule: [[rules.required]] (${gl.required.length}) not imported; the rule reports its own matches alone`);
    }
    const regex = this.regex(gl.regex, `${where}: regex`, gl.secretGroup ?? 0);
    if (!regex) return null;
    let source = regex.source;
    if (!gl.secretGroup && regex.groups > 0) {
      // gitleaks takes the first non-empty group when secretGroup is unset; keyhound takes group 1.
      source = translateRe2(gl.regex, 1).source;
      if (regex.groups > 1) this.warn(where, 'no secretGroup and several groups: keyhound uses group 1 (gitleaks uses the first non-empty one)');
    }
    const spec: RuleSpec = { id, description: gl.description || gl.id, severity: 'high', regex: source };
    if (gl.tags?.length) spec.tags = gl.tags;
    if (regex.flags) spec.flags = regex.flags;
    if (gl.keywords?.length) {
      const kw = gl.keywords.map((k) => k.toLowerCase());
      if (kw.some((k) => k.length < 2)) this.warn(where, 'a keyword shorter than 2 characters: keywords dropped, the rule runs on every file');
      else spec.keywords = [...new Set(kw)];
    }
    if (gl.entropy !== undefined) {
      if (gl.entropy > 8) this.warn(where, `entropy ${gl.entropy} above 8 bits per character: capped at 8`);
      spec.entropy = Math.min(gl.entropy, 8);
    }
    if (gl.path) {
      const p = this.plainRegex(gl.path, `${where}: path`);
      if (p === null) return null;
      spec.path = REGEX_PATH_PREFIX + p;
    }
    const lists = [...(gl.allowlist ? [gl.allowlist] : []), ...(gl.allowlists ?? [])];
    const allowlists = lists.map((a, i) => this.allowlist(a, `${where}: allowlists[${i}]`)).filter((a): a is AllowlistSpec => a !== null);
    if (allowlists.length) spec.allowlists = allowlists;
    if (defaultIds.has(id)) {
      this.warn(where, `replaces the built-in rule "${id}" (disabled)`);
      disable.add(id);
    }
    try {
      // RE2 regexes run on RE2 (linear time): the static backtracking check is for keyhound's own syntax only.
      compileRule(spec, { file: 'gitleaks import', family: 'user' }, new Set(), { imported: true });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.warn(where, `not imported: ${err.message.replace(/^gitleaks import: [^:]+: /, '')}`);
      return null;
    }
    return spec;
  }
}

/**
 * Converts the text of a gitleaks TOML config. `defaultRuleIds` are keyhound's built-in rule ids (for `disabledRules`
 * and id clashes). Throws ConfigError on TOML that does not parse.
 */
export function importGitleaks(text: string, file: string, defaultRuleIds: ReadonlySet<string>): GitleaksImport {
  let doc: GlConfig;
  try {
    doc = parseToml(text) as GlConfig;
  } catch (err) {
    throw new ConfigError(`invalid TOML: ${(err as Error).message.split('\n')[0]}`, file);
  }
  const im = new Importer();
  im.unknownKeys(doc, KNOWN_TOP, 'config');
  const useDefault = doc.extend?.useDefault ?? false;
  if (doc.extend?.path || doc.extend?.url) im.warn('[extend]', 'extending another file (path, url) is not imported: merge it by hand');
  const disable = new Set<string>();
  for (const id of doc.extend?.disabledRules ?? []) {
    if (!useDefault) im.warn('[extend] disabledRules', `"${id}" ignored: useDefault is not set`);
    else if (defaultRuleIds.has(id)) disable.add(id);
    else im.warn('[extend] disabledRules', `"${id}" is not a keyhound rule id (keyhound's rules differ from gitleaks'): see keyhound rules list`);
  }
  const rules: RuleSpec[] = [];
  (doc.rules ?? []).forEach((r, i) => {
    const spec = im.rule(r, i, useDefault ? defaultRuleIds : new Set(), disable);
    if (spec) {
      if (rules.some((x) => x.id === spec.id)) im.warn(`rule ${spec.id}`, 'duplicate id: not imported');
      else rules.push(spec);
    }
  });
  // Global allowlists: keyhound has one; those with targetRules go to the named rules instead.
  const global: AllowlistSpec = {};
  const globals = [...(doc.allowlist ? [doc.allowlist] : []), ...(doc.allowlists ?? [])];
  globals.forEach((gl, i) => {
    const where = `allowlists[${i}]`;
    const spec = im.allowlist(gl, where);
    if (!spec) return;
    if (gl.targetRules?.length) {
      for (const target of gl.targetRules) {
        const rule = rules.find((r) => r.id === kebab(target));
        if (rule) rule.allowlists = [...(rule.allowlists ?? []), spec];
        else im.warn(where, `targetRules: "${target}" is not an imported rule; not applied to it`);
      }
      return;
    }
    if (spec.regexes?.length) {
      const target = spec.regexTarget ?? 'secret';
      if (global.regexes?.length && (global.regexTarget ?? 'secret') !== target) {
        im.warn(where, `regexes with regexTarget ${target} cannot join the global allowlist's (${global.regexTarget ?? 'secret'}): not imported`);
      } else {
        global.regexes = [...(global.regexes ?? []), ...spec.regexes];
        if (target !== 'secret') global.regexTarget = target;
      }
    }
    if (spec.paths?.length) global.paths = [...(global.paths ?? []), ...spec.paths];
    if (spec.stopwords?.length) global.stopwords = [...(global.stopwords ?? []), ...spec.stopwords];
    if (spec.description && !global.description) global.description = spec.description;
  });
  compileAllowlist(global, { file, field: 'allowlist' }, false, true);
  const config: ImportedConfig = { extends: useDefault ? 'default' : 'none' };
  if (disable.size) config.disable = [...disable].sort();
  if (Object.keys(global).length) config.allowlist = global;
  if (rules.length) config.rules = rules;
  return { config, warnings: im.warnings, ...(doc.title ? { title: doc.title } : {}) };
}

/** The `.keyhound.yaml` text for an import, with a header saying where it came from. */
export function importedConfigYaml(result: GitleaksImport, source: string): string {
  const header = [
    `# Converted from the gitleaks config ${source} by \`keyhound import-config gitleaks\`.`,
    ...(result.title ? [`# gitleaks title: ${result.title}`] : []),
    '# gitleaks has no severities: every imported rule is `high`. Path patterns starting with `re:` are regexes.',
    ...(result.warnings.length ? [`# Not imported (${result.warnings.length}): see the warnings printed with this file.`] : []),
  ];
  return `${header.join('\n')}\n${stringifyYaml(result.config, { singleQuote: true, lineWidth: 0 })}`;
}
