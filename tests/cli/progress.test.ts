// The progress line: counts, rate and ETA, fitted to the terminal width; and the bar erases itself.

import { describe, expect, it } from 'vitest';
import { ProgressBar, progressLine } from '../../src/cli/progress.js';

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

  it('draws at most every 100 ms and clears its line when done', () => {
    const out: string[] = [];
    const bar = new ProgressBar({ write: (s: string) => out.push(s), columns: 0 }); // 0: a pty that reports no width
    bar.update(state);
    bar.update(state);
    bar.done();
    expect(out).toHaveLength(2);
    expect(out[0]!.startsWith('\r\x1b[K[')).toBe(true);
    expect(out[0]).toContain('250/1,000 commits');
    expect(out[1]).toBe('\r\x1b[K');
  });
});
