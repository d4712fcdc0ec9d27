// Where `--output` may point besides a file: a character device, a FIFO, the process's own descriptors. A report is
// written there as a shell's `>` would; it never replaces the device or the pipe with a regular file (which, run as
// root, made /dev/null a regular file for the whole machine). A directory, a socket or a missing folder is a plain
// error with exit 2, and a baseline is never written over a special file.

import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../../src/fakes/index.js';
import { descriptorOf } from '../../src/util/files.js';
import { BIN, keyhound } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

/** A folder with one file holding one fake GitHub token. */
function leaky(): string {
  const dir = tempDir();
  writeTree(dir, { 'app.env': `GITHUB_TOKEN=${githubToken()}\n` });
  return dir;
}

/** Runs keyhound with `--output` at a FIFO in `dir`, with `cat` reading it into got.txt; returns its exit status. */
function throughFifo(dir: string, args: string[]): number {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `mkfifo out.fifo && { cat out.fifo > got.txt & } && NO_COLOR=1 ${quoted} -o out.fifo; status=$?; wait; exit $status`;
  const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return r.status ?? -1;
}

describe('--output to a device, a pipe or a descriptor', () => {
  it('writes into a FIFO and leaves it a FIFO; then -o /dev/null leaves /dev/null a character device', () => {
    const dir = leaky();
    expect(throughFifo(dir, ['scan', 'app.env', '--format', 'json'])).toBe(1);
    expect(lstatSync(join(dir, 'out.fifo')).isFIFO()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'got.txt'), 'utf8')).findings).toHaveLength(1);
    // Only once the FIFO case held: a build that renames over special files would replace the machine's /dev/null.
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    const r = keyhound(['scan', 'app.env', '-o', '/dev/null'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/1 secret found .*report written to \/dev\/null/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a path naming a descriptor of the process writes there: /dev/fd/1 prints on stdout, /proc/self/fd/2 on stderr', () => {
    // /dev/stdout and /dev/stderr go the same way (descriptorOf, below); they are not run here, since a build that
    // replaced a link at the output path would, as root, make /dev/stdout a regular file for the whole machine.
    const dir = leaky();
    const out = keyhound(['scan', 'app.env', '--format', 'json', '-o', '/dev/fd/1'], { cwd: dir });
    expect(out.status).toBe(1);
    expect(JSON.parse(out.stdout).findings).toHaveLength(1);
    const err = keyhound(['scan', 'app.env', '--format', 'json', '--report-path', '/proc/self/fd/2'], { cwd: dir });
    expect(err.status).toBe(1);
    expect(err.stdout).toBe('');
    expect(err.stderr).toContain('"findings"');
    expect(err.stderr).toMatch(/json report written to \/proc\/self\/fd\/2/);
  });

  it('descriptorOf names /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N, and nothing else', () => {
    expect(descriptorOf('/dev/stdout')).toBe(1);
    expect(descriptorOf('/dev/stderr')).toBe(2);
    expect(descriptorOf('/dev/fd/63')).toBe(63);
    expect(descriptorOf('/proc/self/fd/1')).toBe(1);
    expect(descriptorOf('/dev/null')).toBeNull();
    expect(descriptorOf('report.json')).toBeNull();
    expect(descriptorOf('/dev/fd/x')).toBeNull();
  });

  it('a directory or a missing folder at the output path is a plain error (exit 2), not a crash', () => {
    const dir = leaky();
    mkdirSync(join(dir, 'reports'));
    const onDir = keyhound(['scan', 'app.env', '-o', 'reports'], { cwd: dir });
    expect(onDir.status).toBe(2);
    expect(onDir.stderr).toMatch(/^keyhound: cannot write reports: it is a directory, which keyhound does not replace\n$/);
    const missing = keyhound(['scan', 'app.env', '-o', join('no', 'such', 'report.json')], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^keyhound: cannot write no\/such\/report\.json: its folder does not exist\n$/);
    expect(missing.stderr).not.toMatch(/\.tmp|at /);
  });

  it('a baseline is never written over a FIFO: exit 2, the FIFO stays', () => {
    const dir = leaky();
    const made = spawnSync('mkfifo', ['base.fifo'], { cwd: dir });
    expect(made.status).toBe(0);
    const r = keyhound(['baseline', '.', '-o', 'base.fifo'], { cwd: dir });
    expect(r.status).toBe(2);
    // The existing baseline is read first, and a FIFO is refused there already (a bounded read takes regular files).
    expect(r.stderr).toMatch(/^keyhound: base\.fifo: .*a FIFO, not a regular file\n$/);
    expect(lstatSync(join(dir, 'base.fifo')).isFIFO()).toBe(true);
    expect(existsSync(join(dir, '.keyhound-baseline.json'))).toBe(false);
  });
});
