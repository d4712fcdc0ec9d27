// `keyhound import-config gitleaks FILE`: prints the equivalent .keyhound.yaml; what cannot be mapped goes to stderr.

import { readBoundedText } from '../util/files.js';
import { ConfigError } from '../config/errors.js';
import { importedConfigYaml, importGitleaks } from '../config/gitleaks.js';
import { loadRulePacks } from '../config/load.js';
import type { Args, RunResult } from './index.js';
import { EXIT_CLEAN, emit } from './index.js';

export function importConfigCommand(args: Args): RunResult {
  const a = args as Args & Record<string, unknown>;
  const file = String(a.file);
  let text: string;
  try {
    text = readBoundedText(file);
  } catch (err) {
    throw new ConfigError((err as Error).message, file);
  }
  const defaults = new Set(loadRulePacks().flatMap((p) => p.rules.map((r) => r.id)));
  const result = importGitleaks(text, file, defaults);
  const stderr = result.warnings.map((w) => `keyhound: warning: ${w}\n`).join('');
  return { exitCode: EXIT_CLEAN, stdout: emit(importedConfigYaml(result, file), a as { output?: string }), stderr };
}
