// `--state DIR`: a run killed halfway resumes without scanning the finished repositories again and without
// duplicates. The run is held in the middle by a clone URL whose server (on 127.0.0.1) accepts and never answers.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, keyhound } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { makeOrg } from './org.js';

interface Report {
  findings: { fingerprint: string; repository: { url: string } }[];
  repositories: { url: string; status: string }[];
}

const sockets = new Set<Socket>();
const server = createServer((s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  server.close();
});

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('keyhound history --repos --state', () => {
  it('resumes a killed run without scanning finished repositories again, and without duplicates', async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const org = makeOrg(6);
    const hang = `http://127.0.0.1:${port}/acme/hangs.git`;
    const specs = org.repos.map((r) => r.spec);
    const list = join(tempDir('keyhound-list-'), 'repos.txt');
    writeFileSync(list, [...specs.slice(0, 3), hang, ...specs.slice(3)].join('\n'));
    const state = tempDir('keyhound-state-');
    const cache = tempDir('keyhound-cache-');
    const out = tempDir('keyhound-out-');
    const args = ['history', '--repos', list, '--cache', cache, '--state', state, '--jobs', '1', '--format', 'json'];

    // First run: three repositories finish, then the clone of the fourth hangs; kill it there.
    const child = spawn(process.execPath, [BIN, ...args, '--output', join(out, 'killed.json')], { stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    const stateFiles = (): string[] => readdirSync(state).filter((f) => f.endsWith('.json'));
    await until(() => stateFiles().length >= 3 && sockets.size > 0, 60_000);
    expect(stateFiles()).toHaveLength(3);
    child.kill('SIGKILL');
    await exited;
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
    const written = new Map(stateFiles().map((f) => [f, statSync(join(state, f)).mtimeMs]));

    // Second run, same list and state: the three come from the state, the rest are scanned, the dead URL fails.
    const r = keyhound([...args, '--output', join(out, 'resumed.json')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('7 repositories: 6 scanned (3 from the state folder), 1 failed');
    const resumed = JSON.parse(readFileSync(join(out, 'resumed.json'), 'utf8')) as Report;
    const statuses = Object.fromEntries(resumed.repositories.map((x) => [x.url, x.status]));
    expect(specs.slice(0, 3).map((s) => statuses[s])).toEqual(['resumed', 'resumed', 'resumed']);
    expect(specs.slice(3).map((s) => statuses[s])).toEqual(['scanned', 'scanned', 'scanned']);
    expect(statuses[hang]).toBe('failed');
    for (const [f, mtime] of written) expect(statSync(join(state, f)).mtimeMs, f).toBe(mtime); // not rescanned

    // No duplicates, and the same findings as one uninterrupted run.
    const ids = (rep: Report): string[] => rep.findings.map((f) => `${f.repository.url}\t${f.fingerprint}`).sort();
    expect(new Set(ids(resumed)).size).toBe(ids(resumed).length);
    const whole = keyhound(['history', '--repos', org.list, '--cache', cache, '--format', 'json']);
    expect(ids(resumed)).toEqual(ids(JSON.parse(whole.stdout) as Report));
    expect(resumed.findings).toHaveLength(18);
  }, 180_000);
});
