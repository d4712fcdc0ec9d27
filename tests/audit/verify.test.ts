// `keyhound history --repos --verify`: each repository's credentials are checked (here against a Binance stand-in on
// 127.0.0.1) as it finishes, the report carries each one's verification, and neither the report nor the state
// folder ever holds a whole secret.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyhoundAsync } from '../helpers/cli.js';
import { commitFiles, tempRepo } from '../helpers/git.js';
import { tempDir } from '../helpers/tmp.js';
import { endpointsFor, startStandIn } from '../verify/stand-in.js';
import { binanceStandIns, restrictions, type BinanceStandIn } from '../verify/stand-ins/binance.js';
import { fake } from '../verify/helpers.js';

const run = (args: string[], env: NodeJS.ProcessEnv) => keyhoundAsync(args, { env, timeoutMs: 90_000 });

const pair = (key: string, secret: string): string => `binance:\n  api_key: "${key}"\n  api_secret: "${secret}"\n`;

describe('keyhound history --repos --verify', () => {
  it('verifies each repository’s keys, and keeps no whole secret in the report or the state folder', async () => {
    const state: BinanceStandIn = { accounts: new Map(), clockOffsetMs: 0, alwaysSkewed: false };
    const s = await startStandIn(binanceStandIns(state));
    const live = { key: fake(64), secret: fake(64) };
    const dead = { key: fake(64), secret: fake(64) };
    state.accounts.set(live.key, { secret: live.secret, restrictions: restrictions({ enableWithdrawals: false, enableSpotAndMarginTrading: true, ipRestrict: true }) });
    const a = tempRepo();
    commitFiles(a, { 'deploy/exchange.yaml': pair(live.key, live.secret) });
    const b = tempRepo();
    commitFiles(b, { 'old/exchange.yaml': pair(dead.key, dead.secret) });
    const list = join(tempDir('keyhound-list-'), 'repos.txt');
    writeFileSync(list, `${a}\nfile://${b}\n`);
    const stateDir = tempDir('keyhound-state-');
    const env = { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, ['binance', 'binance-us']) };
    const r = await run(['history', '--repos', list, '--cache', tempDir('keyhound-cache-'), '--state', stateDir, '--verify', '--format', 'json'], env);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('keyhound: --verify: sent');
    const report = JSON.parse(r.stdout) as { findings: { path: string; verification?: { status: string }; repository: { url: string } }[] };
    const statusIn = (url: string): string[] => [...new Set(report.findings.filter((f) => f.repository.url === url).map((f) => f.verification?.status ?? 'none'))];
    expect(statusIn(a)).toEqual(['live']);
    expect(statusIn(`file://${b}`)).toEqual(['invalid']);
    const state1 = readdirSync(stateDir).map((f) => readFileSync(join(stateDir, f), 'utf8')).join('\n');
    expect(state1).toContain('"status":"live"');
    for (const v of [live.key, live.secret, dead.key, dead.secret]) {
      expect(r.stdout + r.stderr).not.toContain(v);
      expect(state1).not.toContain(v);
    }
    await s.close();
  }, 120_000);
});
