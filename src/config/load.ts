// Loads rule packs (rules/*.yaml) and the user's .keyhound.yaml: parse → validate against rules/schema.json → compile.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readBoundedText } from '../util/files.js';
import { basename, join, resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { AllowlistSpec, ProviderSpec, RuleSet, RuleSpec } from '../model/types.js';
import { ConfigError } from './errors.js';
import { importGitleaks } from './gitleaks.js';
import { DEFAULT_RULES_DIR } from './paths.js';
import { buildRuleSetFromPacks, defaultUserConfig, type RulePack, type UserConfig } from './ruleset.js';

export { DEFAULT_RULES_DIR, PACKAGE_ROOT } from './paths.js';
export type { RulePack, UserConfig } from './ruleset.js';

type Validators = { pack: ValidateFunction; config: ValidateFunction };
let validators: Validators | null = null;

function schemaValidators(): Validators {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: false, strict: false });
  const schema = JSON.parse(readFileSync(join(DEFAULT_RULES_DIR, 'schema.json'), 'utf8')) as { $id: string };
  ajv.addSchema(schema);
  validators = {
    pack: ajv.getSchema(schema.$id)!,
    config: ajv.getSchema(`${schema.$id}#/$defs/config`)!,
  };
  return validators;
}

/** Turns the first schema error into a ConfigError naming the rule id (when inside `rules[n]`) and the field. */
function schemaError(file: string, doc: unknown, errors: ErrorObject[] | null | undefined): ConfigError {
  const err = errors?.[0];
  if (!err) return new ConfigError('does not match the schema', file);
  const parts = err.instancePath.split('/').filter(Boolean);
  let ruleId: string | undefined;
  let fieldParts = parts;
  if (parts[0] === 'rules' && parts[1] !== undefined) {
    const rule = (doc as { rules?: { id?: unknown }[] }).rules?.[Number(parts[1])];
    ruleId = typeof rule?.id === 'string' ? rule.id : `rules[${parts[1]}]`;
    fieldParts = parts.slice(2);
  }
  let message = err.message ?? 'is invalid';
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty?: string }).additionalProperty;
    message = `unknown field "${extra}"`;
  } else if (err.keyword === 'enum') {
    message = `must be one of ${((err.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')}`;
  } else if (err.keyword === 'required') {
    message = `missing required field "${(err.params as { missingProperty?: string }).missingProperty}"`;
  }
  return new ConfigError(message, file, ruleId, fieldParts.join('.') || undefined);
}

function readText(file: string): string {
  try {
    // A repository may make its config a link to /dev/zero or a FIFO: only a regular file under a size cap is read.
    return readBoundedText(file);
  } catch (err) {
    throw new ConfigError((err as Error).message, file);
  }
}

function readYaml(file: string): unknown {
  const text = readText(file);
  try {
    return parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigError(`invalid YAML: ${(err as Error).message.split('\n')[0]}`, file);
  }
}

/** Reads and validates one rule pack file. */
export function loadRulePack(file: string): RulePack {
  const doc = readYaml(file);
  const { pack } = schemaValidators();
  if (!pack(doc)) throw schemaError(file, doc, pack.errors);
  const d = doc as { family?: string; rules: RuleSpec[]; allowlist?: AllowlistSpec; providers?: ProviderSpec[] };
  return {
    file,
    family: d.family ?? basename(file).replace(/\.ya?ml$/, ''),
    rules: d.rules,
    allowlist: d.allowlist,
    ...(d.providers ? { providers: d.providers } : {}),
  };
}

/** Every `*.yaml` pack in `dir`, sorted by file name. */
export function loadRulePacks(dir: string = DEFAULT_RULES_DIR): RulePack[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => loadRulePack(join(dir, f)));
}

/** Loads `configPath`, or `<root>/.keyhound.yaml` when it exists, or returns the defaults. */
export function loadUserConfig(root: string, configPath?: string): UserConfig {
  const file = configPath ? resolve(configPath) : join(root, '.keyhound.yaml');
  if (!configPath && !existsSync(file)) return defaultUserConfig();
  if (configPath && !existsSync(file)) throw new ConfigError('config file not found', configPath);
  let warnings: string[] | undefined;
  let doc: unknown;
  if (/\.toml$/i.test(file)) {
    // A gitleaks config, converted on the fly; what cannot be mapped is reported as warnings.
    const imported = importGitleaks(readText(file), file, new Set(loadRulePacks().flatMap((p) => p.rules.map((r) => r.id))));
    doc = imported.config;
    warnings = imported.warnings.map((w) => `${file}: ${w}`);
  } else {
    doc = readYaml(file);
  }
  const { config } = schemaValidators();
  if (!config(doc)) throw schemaError(file, doc, config.errors);
  const d = doc as Partial<UserConfig>;
  return {
    file,
    extends: d.extends ?? 'default',
    rules: d.rules ?? [],
    disable: d.disable ?? [],
    allowlist: d.allowlist ?? {},
    ...(d.providers ? { providers: d.providers } : {}),
    baseline: d.baseline,
    ...(d.maxDecodeDepth !== undefined ? { maxDecodeDepth: d.maxDecodeDepth } : {}),
    ...(d.maxArchiveDepth !== undefined ? { maxArchiveDepth: d.maxArchiveDepth } : {}),
    ...(d.allowComments?.length ? { allowComments: d.allowComments } : {}),
    ...(/\.toml$/i.test(file) ? { imported: true } : {}),
    ...(warnings?.length ? { warnings } : {}),
  };
}

/** Builds the compiled rule set from the default packs (unless `extends: none`) and the user's config. */
export function buildConfiguredRuleSet(
  config: UserConfig,
  validatorNames: ReadonlySet<string>,
  packs: RulePack[] = config.extends === 'none' ? [] : loadRulePacks(),
): RuleSet {
  return buildRuleSetFromPacks(config, validatorNames, packs);
}
