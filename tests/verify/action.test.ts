// The bundled Action with `verify: true` against a stand-in: live keys first in the step summary, the verification
// in SARIF, and nothing sent with the default `verify: false`. Run without blocking this process (spawn), so the
// stand-in here can answer.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitFiles, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';
import { ACTION_YML, DIST, inputVar } from '../action/helpers.js';
import { endpointsFor, startStandIn } from './stand-in.js';
import { binanceStandIns, restrictions, type BinanceStandIn } from './stand-ins/binance.js';
import { fake } from './helpers.js';

async function runAction(workspace: string, inputs: Record<string, string>, extraEnv: Record<string, string>): Promise<{ status: number; log: string; summary: string }> {
  const dir = tempDir('keyhound-runner-');
  const summaryFile = join(dir, 'summary.md');
  writeFileSync(join(dir, 'event.json'), '{}');
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(summaryFile, '');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(INPUT_|GITHUB_|RUNNER_|KEYHOUND_)/.test(k)) env[k] = v;
  for (const [name, spec] of Object.entries(ACTION_YML.inputs)) env[inputVar(name)] = spec.default ?? '';
  for (const [name, value] of Object.entries(inputs)) env[inputVar(name)] = value;
  Object.assign(env, extraEnv, {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: summaryFile,
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DIST], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, log, summary: readFileSync(summaryFile, 'utf8') });
    });
  });
}

describe('the Action with verify', () => {
  it('lists live keys first in the step summary, with their rights; nothing is sent without the input', async () => {
    const state: BinanceStandIn = { accounts: new Map(), clockOffsetMs: 0, alwaysSkewed: false };
    const s = await startStandIn(binanceStandIns(state));
    const live = { key: fake(64), secret: fake(64) };
    const dead = { key: fake(64), secret: fake(64) };
    state.accounts.set(live.key, { secret: live.secret, restrictions: restrictions({ enableWithdrawals: true, ipRestrict: false }) });
    const repo = tempRepo();
    // The dead pair sorts first by path; the live one must come first in the summary all the same.
    commitFiles(repo, {
      'a-dead.yaml': `binance:\n  api_key: "${dead.key}"\n  api_secret: "${dead.secret}"\n`,
      'z-live.yaml': `binance:\n  api_key: "${live.key}"\n  api_secret: "${live.secret}"\n`,
    });
    const env = { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, ['binance', 'binance-us']) };

    const plain = await runAction(repo, { mode: 'scan' }, env);
    expect(plain.status).toBe(1);
    expect(s.requests).toHaveLength(0);
    expect(plain.summary).not.toContain('Verified');

    const r = await runAction(repo, { mode: 'scan', verify: 'true' }, env);
    expect(r.status).toBe(1);
    expect(r.log).toContain('keyhound: --verify: sent 2 credentials to: binance (2)');
    expect(r.summary).toContain('| Rule | File:line | Commit | Secret | Verified | How to fix |');
    const rows = r.summary.split('\n').filter((l) => l.startsWith('| `binance'));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('z-live.yaml');
    expect(rows[0]).toContain('**LIVE**: withdraw, read; no IP allow-list');
    expect(rows[3]).toContain('a-dead.yaml');
    expect(rows[3]).toContain('| invalid |');
    const sarif = JSON.parse(readFileSync(join(repo, 'keyhound.sarif'), 'utf8')) as { runs: { results: { properties?: { verification?: { status: string } } }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.properties?.verification?.status)).toContain('live');
    for (const v of Object.values(live)) expect(r.log + r.summary).not.toContain(v);
  });
});
