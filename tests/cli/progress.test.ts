// The progress line: counts, rate and ETA, fitted to the terminal width; and the bar erases itself.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyhound } from '../helpers/cli.js';
import { ghToken } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { ProgressBar, progressLine } from '../../src/cli/progress.js';
import { scan } from '../../src/scan.js';
import { POOL_MIN_FILES } from '../../src/scan-pool.js';

const state = { done: 250, total: 1000, unit: 'commits', detail: '900 blobs', bytes: 4 * 1024 * 1024 };

describe('progress', () => {
  it('shows done/total, MB/s and ETA', () => {
    const line = progressLine(state, 2000, 120);
    expect(line).toMatch(/^\[#+-+\] 250\/1,000 commits · 900 blobs · 2\.0 MB\/s · ETA 6s$/);
    expect(line.length).toBeLessThan(120);
  });

  it('fits a narrow terminal and has no ETA before anything is done', () => {
    expect(progressLine({ ...state, done: 0 }, 0, 200)).toContain('ETA --');
    expect(progressLine(state, 2000, 40).length).toBeLessThanOrEqual(39);
  });

  it('shows files, MB and rate, without bar or ETA, when the total is not known (a directory scan)', () => {
    const line = progressLine({ done: 12345, total: 0, unit: 'files', detail: '4.0 MB', bytes: 4 * 1024 * 1024 }, 2000, 120);
    expect(line).toBe('12,345 files · 4.0 MB · 2.0 MB/s');
  });

  it('draws at most every 100 ms and clears its line when done', () => {
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s), columns: 0 }, { delayMs: 0 }); // 0: a pty that reports no width
    bar.update(state);
    bar.update(state);
    bar.done();
    expect(out).toHaveLength(2);
    expect(out[0]!.startsWith('\r\x1b[K[')).toBe(true);
    expect(out[0]).toContain('250/1,000 commits');
    expect(out[1]).toBe('\r\x1b[K');
  });

  it('draws nothing for a run shorter than a second', () => {
    const out: string[] = [];
    let t = 0;
    const bar = new ProgressBar({ write: (s: string) => out.push(s), columns: 100 }, { now: () => t });
    for (t = 0; t < 1000; t += 150) bar.update(state);
    bar.done();
    expect(out).toEqual([]);
  });

  // Regression (issue 21): the first ETA of a 3-second history read "18m28s": the first commit also carried the
  // start-up, and the ETA extrapolated from it.
  it('takes the ETA from the pace after the first unit, and shows none before a second of it', () => {
    const out: string[] = [];
    let t = 0;
    const bar = new ProgressBar({ write: (s: string) => out.push(s), columns: 120 }, { now: () => t });
    const at = (ms: number, done: number): void => {
      t = ms;
      bar.update({ ...state, done, total: 3000 });
    };
    at(0, 0);
    at(1100, 1); // a slow first commit: start-up
    expect(out.at(-1)).toContain('ETA --');
    at(1600, 500);
    expect(out.at(-1)).toContain('ETA --');
    at(2100, 1000); // 999 commits in 1 s: 2,000 left take 2 s
    expect(out.at(-1)).toMatch(/ETA 2s$/);
  });
});

// Regression (issue 21): `keyhound scan /usr` ran for 35 s with no output: the scan had no progress to show. It now
// reports running totals, on this thread per file and from workers per batch, ending at the result's own counts.
describe('progress of a directory scan', () => {
  for (const threads of [1, 2]) {
    it(`reports running totals of files and bytes that end at the scan's counts (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const dir = tempDir();
      // More files than a scan needs to start workers (POOL_MIN_FILES), so two threads really share them.
      const n = POOL_MIN_FILES + 50;
      writeTree(dir, Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${i % 7}/f${i}.txt`, `line ${i}\n`.repeat((i % 40) + 1)])));
      const seen: { files: number; bytes: number }[] = [];
      const r = await scan({ paths: [dir], threads, onProgress: (p) => seen.push(p) });
      expect(r.stats.files).toBe(n);
      expect(seen.length).toBeGreaterThan(threads > 1 ? 1 : n - 1);
      for (let i = 1; i < seen.length; i++) {
        expect(seen[i]!.files).toBeGreaterThan(seen[i - 1]!.files);
        expect(seen[i]!.bytes).toBeGreaterThanOrEqual(seen[i - 1]!.bytes);
      }
      expect(seen.at(-1)).toEqual({ files: r.stats.files, bytes: r.stats.bytes });
    });
  }
});

// Regression (issue 21): with -o, nothing at all appeared on the terminal at the end of a run.
describe('closure with -o', () => {
  it('says on stderr, in one line, what was found and where the report went', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.env': `TOKEN=${ghToken()}\n` });
    const out = join(tempDir(), 'r.sarif');
    const r = keyhound(['scan', dir, '-f', 'sarif', '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^keyhound: 1 secret found \(scanned 1 file, \d+ B, in \d+ ms\); sarif report written to .*r\.sarif\n$/);
    const clean = keyhound(['scan', tempDir(), '-o', out]);
    // an empty folder: nothing was there to look at, and the line says so rather than "no secrets found"
    expect(clean.stderr).toMatch(/^keyhound: nothing to scan \(scanned 0 files/);
    expect(clean.status).toBe(0);
    expect(keyhound(['scan', tempDir(), '-o', out, '--quiet']).stderr).toBe('');
  });
});
