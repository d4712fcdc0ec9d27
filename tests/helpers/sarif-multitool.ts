// Runs Microsoft's SARIF multitool (`validate --rule-kind "Gh;Sarif"`: the SARIF spec rules plus GitHub's ingestion
// rules) and returns its error-level results. Fails loudly, never silently passes, when the tool cannot run.

import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { tempDir } from './tmp.js';

export interface MultitoolIssue {
  ruleId: string;
  level: string;
  message: string;
}

function multitoolBinary(): string {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`SARIF multitool: @microsoft/sarif-multitool-linux runs on linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('@microsoft/sarif-multitool-linux/package.json');
  } catch {
    throw new Error('SARIF multitool: @microsoft/sarif-multitool-linux is not installed (a devDependency: run npm ci)');
  }
  const bin = join(dirname(pkg), 'Sarif.Multitool');
  statSync(bin);
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    // Its postinstall only does `chmod u+x`; npm skips dependency install scripts that package.json's allowScripts
    // does not approve, so do it here rather than fail.
    chmodSync(bin, statSync(bin).mode | 0o100);
  }
  return bin;
}

/** Validates a SARIF file; returns every result at level `error` (an empty list means GitHub-ready). */
export function multitoolErrors(sarifFile: string): MultitoolIssue[] {
  return multitoolIssues(sarifFile).filter((x) => x.level === 'error');
}

/** Validates a SARIF file; returns every result the multitool reports, at any level. */
export function multitoolIssues(sarifFile: string): MultitoolIssue[] {
  const bin = multitoolBinary();
  const out = join(tempDir('keyhound-multitool-'), 'validation.sarif');
  const r = spawnSync(bin, ['validate', '--rule-kind', 'Gh;Sarif', '--log', 'ForceOverwrite', '-o', out, sarifFile], {
    encoding: 'utf8',
    // The self-contained .NET binary needs ICU unless globalization is invariant; invariant is enough here.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
  });
  if (r.error || r.status !== 0) {
    throw new Error(`SARIF multitool failed to run (status ${r.status}, ${r.error?.message ?? 'no spawn error'}):\n${r.stdout}\n${r.stderr}`);
  }
  let log: { runs?: { results?: { ruleId: string; level?: string; message: { text?: string } }[]; invocations?: { executionSuccessful?: boolean }[] }[] };
  try {
    log = JSON.parse(readFileSync(out, 'utf8'));
  } catch (err) {
    throw new Error(`SARIF multitool wrote no readable log (${(err as Error).message}):\n${r.stdout}\n${r.stderr}`);
  }
  const run = log.runs?.[0];
  if (!run || run.invocations?.[0]?.executionSuccessful === false) throw new Error(`SARIF multitool did not complete:\n${r.stdout}`);
  return (run.results ?? [])
    .map((x) => ({ ruleId: x.ruleId, level: x.level ?? 'warning', message: x.message.text ?? JSON.stringify(x.message) }));
}
