// End to end: the built CLI with --verify against stand-ins. The CLI runs as a child process without blocking this
// one (spawn, not spawnSync), so the stand-in in this process can answer it.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { keyhoundAsync } from '../helpers/cli.js';
import { commitFiles, sh, tempRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { endpointsFor, startStandIn } from './stand-in.js';
import { awsStandIn, type AwsState } from './stand-ins/aws.js';
import { binanceStandIns, restrictions, type BinanceStandIn } from './stand-ins/binance.js';
import { fake } from './helpers.js';

/** The built CLI, with no KEYHOUND_VERIFY_ENDPOINTS from this machine unless the test sets one. */
const keyhound = (args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) =>
  keyhoundAsync(args, { ...options, env: { KEYHOUND_VERIFY_ENDPOINTS: '', ...options.env } });

const pair = (key: string, secret: string): string => `binance:\n  api_key: "${key}"\n  api_secret: "${secret}"\n`;

/** A tree with a live Binance pair (withdrawals on, no IP list) in live.yaml and an unknown pair in dead.yaml. */
async function setup() {
  const state: BinanceStandIn = { accounts: new Map(), clockOffsetMs: 0, alwaysSkewed: false };
  const s = await startStandIn(binanceStandIns(state));
  const live = { key: fake(64), secret: fake(64) };
  const dead = { key: fake(64), secret: fake(64) };
  state.accounts.set(live.key, { secret: live.secret, restrictions: restrictions({ enableWithdrawals: true, enableSpotAndMarginTrading: true, ipRestrict: false }) });
  const dir = tempDir();
  writeTree(dir, { 'live.yaml': pair(live.key, live.secret), 'dead.yaml': pair(dead.key, dead.secret) });
  return { s, dir, live, dead, env: { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, ['binance', 'binance-us']) } };
}

interface JsonFinding {
  path: string;
  secret: string;
  verification?: { status: string; permissions?: string[]; ipRestricted?: boolean; message: string };
}

describe('keyhound scan --verify', () => {
  it('tells live from dead: a live key with withdrawals and no IP list reports withdraw and ipRestricted false', async () => {
    const { s, dir, live, env } = await setup();
    const r = await keyhound(['scan', dir, '--verify', '--format', 'json'], { env });
    expect(r.status).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    const byPath = (p: string) => findings.filter((f) => f.path === p).map((f) => f.verification);
    expect(byPath('live.yaml').length).toBe(2); // the key and the secret, one credential
    for (const v of byPath('live.yaml')) {
      expect(v).toMatchObject({ status: 'live', ipRestricted: false });
      expect(v!.permissions).toContain('withdraw');
    }
    for (const v of byPath('dead.yaml')) expect(v).toMatchObject({ status: 'invalid' });
    // Each credential once: the live one on binance.com; the dead one on binance.com, then binance.us.
    expect(s.requests.map((q) => q.prefix).sort()).toEqual(['binance', 'binance', 'binance-us']);
    expect(r.stderr).toContain('keyhound: --verify: sent 2 credentials to: binance (2)');
    // Redacted as ever: no whole key or secret in the report or on stderr.
    for (const v of [live.key, live.secret]) expect(r.stdout + r.stderr).not.toContain(v);
  });

  it('pairs an AWS access key id and its secret found by two rules: both live, one request, the text says where the part came from', async () => {
    const state: AwsState = { keys: new Map(), clockOffsetMs: 0 };
    const s = await startStandIn({ aws: awsStandIn(state) });
    const key = `AKIA${fake(16, 'upper')}`;
    const secret = fake(40, 'alnum');
    state.keys.set(key, secret);
    const dir = tempDir();
    writeTree(dir, { '.env': `AWS_ACCESS_KEY_ID=${key}\nAWS_DEFAULT_REGION=us-east-1\nAWS_SECRET_ACCESS_KEY=${secret}\n` });
    const env = { KEYHOUND_VERIFY_ENDPOINTS: endpointsFor(s, ['aws']) };
    const r = await keyhound(['scan', dir, '--verify', '--format', 'json'], { env });
    expect(r.status, r.stderr).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: (JsonFinding & { ruleId: string; verification: { pairedWith?: unknown } })[] }).findings;
    expect(findings.map((f) => [f.ruleId, f.verification.status, f.verification.pairedWith])).toEqual([
      ['aws-access-key-id', 'live', [{ part: 'secret', ruleId: 'aws-secret-access-key', line: 3 }]],
      ['aws-secret-access-key', 'live', [{ part: 'key', ruleId: 'aws-access-key-id', line: 1 }]],
    ]);
    expect(s.requests).toHaveLength(1);
    expect(r.stderr).toContain('sent 1 credential to: aws (1)');
    const text = await keyhound(['scan', dir, '--verify'], { env });
    expect(text.stdout).toMatch(/LIVE \(aws\): .* live AWS access key \(with the secret from aws-secret-access-key, line 3\)/);
    expect(text.stdout).toMatch(/LIVE \(aws\): .* \(with the key from aws-access-key-id, line 1\)/);
    for (const v of [key, secret]) expect(r.stdout + r.stderr + text.stdout + text.stderr).not.toContain(v);
  });

  it('the text report shows LIVE with the rights, withdrawal first', async () => {
    const { dir, env } = await setup();
    const r = await keyhound(['scan', dir, '--verify'], { env });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/LIVE \(binance\): can withdraw, trade, read; no IP allow-list/);
    expect(r.stdout).toMatch(/invalid \(binance\): Binance refused the key \(-2015/);
    expect(r.stdout).toMatch(/4 secrets found in 2 files, 2 LIVE/);
  });

  it('SARIF carries the verification in the result properties', async () => {
    const { dir, env } = await setup();
    const r = await keyhound(['scan', dir, '--verify', '--format', 'sarif'], { env });
    const results = (JSON.parse(r.stdout) as { runs: { results: { properties?: { verification?: { status: string } } }[] }[] }).runs[0]!.results;
    expect(results.map((x) => x.properties?.verification?.status).sort()).toEqual(['invalid', 'invalid', 'live', 'live']);
  });

  it('--only-verified reports only live credentials (exit 1), and exit 0 when none is live', async () => {
    const { dir, env } = await setup();
    const r = await keyhound(['scan', dir, '--only-verified', '--format', 'json'], { env });
    expect(r.status).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => f.path)).toEqual(['live.yaml', 'live.yaml']);
    const none = await keyhound(['scan', `${dir}/dead.yaml`, '--only-verified', '--format', 'json'], { env });
    expect(none.status).toBe(0);
  });

  it('without --verify, no request at all', async () => {
    const { s, dir, env } = await setup();
    const r = await keyhound(['scan', dir, '--format', 'json'], { env });
    expect(r.status).toBe(1);
    expect(s.requests).toHaveLength(0);
    expect(r.stdout).not.toContain('verification');
    expect(r.stderr).not.toContain('--verify');
  });

  it('an unreachable provider: unknown with the reason, and the usual exit code', async () => {
    const { dir } = await setup();
    const srv = createServer();
    await new Promise<void>((res) => srv.listen(0, '127.0.0.1', () => res()));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((res) => srv.close(() => res()));
    const env = { KEYHOUND_VERIFY_ENDPOINTS: JSON.stringify({ binance: `http://127.0.0.1:${port}`, 'binance-us': `http://127.0.0.1:${port}` }) };
    const r = await keyhound(['scan', dir, '--verify', '--format', 'json'], { env });
    expect(r.status).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings).toHaveLength(4);
    for (const f of findings) {
      expect(f.verification!.status).toBe('unknown');
      expect(f.verification!.message).toMatch(/^network: could not reach 127\.0\.0\.1/);
    }
  });

  it('a bad KEYHOUND_VERIFY_ENDPOINTS is a usage error (exit 2), and nothing is sent', async () => {
    const { s, dir } = await setup();
    const r = await keyhound(['scan', dir, '--verify'], { env: { KEYHOUND_VERIFY_ENDPOINTS: JSON.stringify({ binance: 'http://example.com' }) } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/KEYHOUND_VERIFY_ENDPOINTS: "binance" must be an https URL/);
    expect(s.requests).toHaveLength(0);
  });
});

describe('a repository cannot redirect verification', () => {
  it('a .keyhound.yaml that names endpoints is refused, and the second server receives nothing', async () => {
    const { dir, env } = await setup();
    const second = await startStandIn({ binance: () => ({ status: 200, body: restrictions() }) });
    writeTree(dir, { '.keyhound.yaml': `verify:\n  endpoints:\n    binance: ${second.base('binance')}\n` });
    const r = await keyhound(['scan', dir, '--verify'], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown field "verify"/);
    expect(second.requests).toHaveLength(0);
  });

  it('whatever the repository holds (config, .env, files naming the variable), keys go where the environment says', async () => {
    const { s, dir, env } = await setup();
    const second = await startStandIn({ binance: () => ({ status: 200, body: restrictions() }), 'binance-us': () => ({ status: 200, body: {} }) });
    const redirect = endpointsFor(second, ['binance', 'binance-us']);
    writeTree(dir, {
      '.keyhound.yaml': '# a valid configuration of the repository\ndisable: []\n',
      '.env': `KEYHOUND_VERIFY_ENDPOINTS='${redirect}'\n`,
      'notes.md': `Run with KEYHOUND_VERIFY_ENDPOINTS=${redirect}\n`,
    });
    const r = await keyhound(['scan', dir, '--verify', '--format', 'json'], { env, cwd: dir });
    expect(r.status).toBe(1);
    expect(second.requests).toHaveLength(0);
    expect(s.requests.length).toBeGreaterThan(0);
  });
});

describe('the other commands', () => {
  it('staged verifies only with the flag', async () => {
    const { s, live, env } = await setup();
    const repo = tempDir();
    const git = (args: string[]) => new Promise<void>((res, rej) => spawn('git', args, { cwd: repo, stdio: 'ignore' }).on('close', (c) => (c === 0 ? res() : rej(new Error(`git ${args.join(' ')}: ${c}`)))));
    await git(['init', '-q']);
    writeTree(repo, { 'app.yaml': pair(live.key, live.secret) });
    await git(['add', 'app.yaml']);
    const plain = await keyhound(['staged', '--format', 'json'], { cwd: repo, env });
    expect(plain.status).toBe(1);
    expect(s.requests).toHaveLength(0);
    const verified = await keyhound(['staged', '--verify', '--format', 'json'], { cwd: repo, env });
    expect(verified.status).toBe(1);
    const findings = (JSON.parse(verified.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.every((f) => f.verification?.status === 'live')).toBe(true);
    expect(s.requests).toHaveLength(1);
    expect(verified.stderr).toContain('sent 1 credential to: binance (1)');
  });

  it('history and diff verify with the flag, each credential once', async () => {
    const { s, live, dead, env } = await setup();
    const repo = tempRepo();
    const base = commitFiles(repo, { 'README.md': 'demo\n' }, 'start');
    commitFiles(repo, { 'live.yaml': pair(live.key, live.secret) }, 'add live');
    commitFiles(repo, { 'dead.yaml': pair(dead.key, dead.secret), 'live.yaml': `# moved\n${pair(live.key, live.secret)}` }, 'add dead');
    const head = sh(repo, 'rev-parse', 'HEAD');
    for (const args of [['history', repo], ['diff', `${base}..${head}`, repo]]) {
      s.requests.length = 0;
      const r = await keyhound([...args, '--verify', '--format', 'json'], { env, cwd: repo });
      expect(r.status, r.stderr).toBe(1);
      const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
      expect(findings.filter((f) => f.path === 'live.yaml').every((f) => f.verification?.status === 'live'), args[0]).toBe(true);
      expect(findings.filter((f) => f.path === 'dead.yaml').every((f) => f.verification?.status === 'invalid'), args[0]).toBe(true);
      expect(r.stderr, args[0]).toContain('sent 2 credentials to: binance (2)');
      expect(s.requests.filter((q) => q.prefix === 'binance')).toHaveLength(2);
    }
  });
});
