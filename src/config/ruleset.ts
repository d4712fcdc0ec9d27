// Builds the compiled rule set from parsed packs and the user's config. Kept apart from load.ts (YAML + schema) so
// the rule cache can use it without loading a YAML parser or a schema validator.

import { dirname } from 'node:path';
import type { AllowCommentTool, AllowlistSpec, CompiledAllowlist, CompiledRule, ProviderSpec, RuleSet, RuleSpec } from '../model/types.js';
import { buildRuleSet, compileAllowlist, compileRule } from './compile.js';
import { ConfigError } from './errors.js';
import { DEFAULT_RULES_DIR } from './paths.js';

/** A parsed, validated rule pack. */
export interface RulePack {
  file: string;
  family: string;
  rules: RuleSpec[];
  allowlist?: AllowlistSpec;
  /** The providers this pack declares (rule model v2). */
  providers?: ProviderSpec[];
}

/** The user's configuration (.keyhound.yaml), validated. */
export interface UserConfig {
  file: string | null;
  extends: 'default' | 'none';
  rules: RuleSpec[];
  disable: string[];
  allowlist: AllowlistSpec;
  /** Providers the user's own rules declare. */
  providers?: ProviderSpec[];
  baseline?: string;
  /** Levels of decoding to look through (`--max-decode-depth` overrides it); 0 turns decoding off. */
  maxDecodeDepth?: number;
  /** Levels of archives to open (`--max-archive-depth` overrides it); 0 turns archive scanning off. */
  maxArchiveDepth?: number;
  /** Other tools whose inline allow comments count (default none: only `keyhound:allow`). */
  allowComments?: AllowCommentTool[];
  /** Converted from a gitleaks config (RE2 regexes): the static backtracking check does not apply (compile.ts). */
  imported?: boolean;
  /** What loading had to report without failing (e.g. what a gitleaks import could not map). */
  warnings?: string[];
}

/** The configuration used when there is no `.keyhound.yaml`. */
export function defaultUserConfig(): UserConfig {
  return { file: null, extends: 'default', rules: [], disable: [], allowlist: {} };
}

/** Compiles `packs` (ignored when the config says `extends: none`) and the user's rules, allowlist and `disable`. */
export function buildRuleSetFromPacks(config: UserConfig, validatorNames: ReadonlySet<string>, packs: RulePack[], options: { vetted?: boolean } = {}): RuleSet {
  const compiled: CompiledRule[] = [];
  const allowlists: CompiledAllowlist[] = [];
  const used = config.extends === 'none' ? [] : packs;
  const providers = providerIndex([...used.map((p) => ({ file: p.file, providers: p.providers ?? [] })), { file: config.file ?? '.keyhound.yaml', providers: config.providers ?? [] }]);
  for (const pack of used) {
    // The packs shipped in rules/ are checked for catastrophic backtracking by the test suite, not on every run.
    const vetted = options.vetted ?? dirname(pack.file) === DEFAULT_RULES_DIR;
    for (const spec of pack.rules) compiled.push(compileRule(spec, { file: pack.file, family: pack.family }, validatorNames, { vetted, providers }));
    if (pack.allowlist) allowlists.push(compileAllowlist(pack.allowlist, { file: pack.file, field: 'allowlist' }, vetted));
  }
  const userFile = config.file ?? '.keyhound.yaml';
  const imported = config.imported ?? false;
  for (const spec of config.rules) compiled.push(compileRule(spec, { file: userFile, family: 'user' }, validatorNames, { providers, imported }));
  allowlists.push(compileAllowlist(config.allowlist, { file: userFile, field: 'allowlist' }, false, imported));
  const known = new Set(compiled.map((r) => r.id));
  for (const id of config.disable) {
    if (!known.has(id)) throw new ConfigError(`unknown rule id "${id}"`, userFile, undefined, 'disable');
  }
  const disabled = new Set(config.disable);
  const ruleSet = buildRuleSet(
    compiled.filter((r) => !disabled.has(r.id)),
    allowlists,
    providers,
  );
  return config.allowComments?.length ? { ...ruleSet, allowComments: [...new Set(config.allowComments)] } : ruleSet;
}

/** Every declared provider by id; a provider declared twice is an error naming both files. */
export function providerIndex(sources: readonly { file: string; providers: readonly ProviderSpec[] }[]): Map<string, ProviderSpec> {
  const index = new Map<string, ProviderSpec>();
  const where = new Map<string, string>();
  for (const { file, providers } of sources) {
    for (const p of providers) {
      if (index.has(p.id)) throw new ConfigError(`provider "${p.id}" is declared twice (also in ${where.get(p.id)})`, file, undefined, 'providers');
      index.set(p.id, p);
      where.set(p.id, file);
    }
  }
  return index;
}
