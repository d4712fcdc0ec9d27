// Runs the bundled Action (dist/index.js) the way the runner does: `node dist/index.js` in the workspace, inputs as
// INPUT_<NAME> variables filled with action.yml's defaults, the event as a JSON file, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY as files.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { tempDir } from '../helpers/tmp.js';

export const DIST = join(PACKAGE_ROOT, 'dist', 'index.js');

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; main: string };
}

export const ACTION_YML = parse(readFileSync(join(PACKAGE_ROOT, 'action.yml'), 'utf8')) as ActionYml;

/** The runner's name for an input's variable: upper case, spaces to underscores, hyphens kept. */
export function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface ActionRun {
  status: number;
  /** stdout and stderr together: what the job log shows. */
  log: string;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses a GITHUB_OUTPUT file: `name<<DELIM` … `DELIM` blocks, or `name=value` lines. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(l);
    if (heredoc) {
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i]!);
      out[heredoc[1]!] = body.join('\n');
    } else if (l.includes('=')) {
      out[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
    }
  }
  return out;
}

export function runAction(
  workspace: string,
  options: { eventName: string; event: unknown; inputs?: Record<string, string>; env?: NodeJS.ProcessEnv },
): ActionRun {
  const dir = tempDir('keyhound-runner-');
  const eventPath = join(dir, 'event.json');
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(eventPath, JSON.stringify(options.event));
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  // A clean environment for the child: nothing from a runner this test itself may be running on.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(INPUT_|GITHUB_|RUNNER_)/.test(k)) env[k] = v;
  for (const [name, spec] of Object.entries(ACTION_YML.inputs)) env[inputVar(name)] = spec.default ?? '';
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVar(name)] = value;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo/demo',
    GITHUB_SERVER_URL: 'https://github.com',
  });
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [DIST], { cwd: workspace, env, encoding: 'utf8' });
  return {
    status: r.status ?? -1,
    log: r.stdout + r.stderr,
    stdout: r.stdout,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

export interface SarifDoc {
  runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
}

export function readSarif(file: string): SarifDoc {
  return JSON.parse(readFileSync(file, 'utf8')) as SarifDoc;
}
