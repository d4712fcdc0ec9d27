// Colour in the text report comes from chalk's own detection (issue 21): FORCE_COLOR turns it on where stdout is not a
// terminal, FORCE_COLOR=0 and NO_COLOR (which chalk does not read; keyhound does) turn it off, as does --no-color.
// Without any of them a pipe gets plain text.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../../src/fakes/index.js';
import { BIN } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const ESC = '\u001b[';

function run(args: string[], env: Record<string, string>): { status: number | null; stdout: string } {
  const base = { ...process.env };
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'CI', 'GITHUB_ACTIONS', 'TF_BUILD']) delete base[k];
  const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...base, ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

describe('text report colour', () => {
  const dir = tempDir();
  const token = expandTemplate('{{github:ghp}}');
  writeTree(dir, { 'app.env': `GITHUB_TOKEN=${token}\n` });

  it('is plain in a pipe, coloured with FORCE_COLOR, and off again with NO_COLOR, FORCE_COLOR=0 or --no-color', () => {
    const plain = run(['scan', dir], {});
    expect(plain.status).toBe(1);
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.stdout).toContain(`│ GITHUB_TOKEN=${token.slice(0, 4)}…`);

    const forced = run(['scan', dir], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${ESC}31m${ESC}1mcritical`);
    // The masked line, with the redacted match highlighted; never the secret.
    expect(forced.stdout).toContain(`GITHUB_TOKEN=${ESC}31m${ESC}1m${token.slice(0, 4)}…`);
    expect(forced.stdout).not.toContain(token);

    expect(run(['scan', dir], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain(ESC);
    expect(run(['scan', dir], { FORCE_COLOR: '0' }).stdout).not.toContain(ESC);
    // chalk's reading of FORCE_COLOR, not a hand-written one (which took any value but 0 as "on").
    expect(run(['scan', dir], { FORCE_COLOR: 'false' }).stdout).not.toContain(ESC);
    expect(run(['scan', dir, '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
    // Only the text report has colour.
    expect(run(['scan', dir, '--format', 'json'], { FORCE_COLOR: '1' }).stdout).not.toContain(ESC);
  });

  it('reaches the pre-commit path too (keyhound staged)', () => {
    const repo = tempDir();
    const git = (...a: string[]) => spawnSync('git', a, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    writeTree(repo, { 'app.env': `GITHUB_TOKEN=${token}\n` });
    git('add', 'app.env');
    const r = spawnSync(process.execPath, [BIN, 'staged'], { cwd: repo, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${ESC}31m${ESC}1mcritical`);
    expect(r.stdout).not.toContain(token);
  });
});
