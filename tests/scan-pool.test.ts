// The worker pool must give exactly what a single-threaded scan gives: findings, skips (in order), counts and drops.
// vitest runs src/ but workers need JavaScript: the pool starts build/src/scan-worker.js (built by `pretest`), and
// the CLI test below runs the built CLI end to end.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandTemplate } from '../src/fakes/index.js';
import type { Skip } from '../src/model/types.js';
import { POOL_MIN_FILES, scanFiles } from '../src/scan-pool.js';
import { loadRuleSet } from '../src/scan.js';
import { keyhound } from './helpers/cli.js';
import { tempDir, writeTree } from './helpers/tmp.js';

function tree(): string {
  const root = tempDir('keyhound-pool-');
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 120; i++) {
    const dir = `pkg${i % 7}/lib${i % 3}`;
    const body = Array.from({ length: 30 }, (_, n) => `export const v${n} = ${n * i};`).join('\n');
    files[`${dir}/file${i}.js`] = i % 10 === 0 ? `${body}\nconst token = "${expandTemplate('{{github:ghp}}')}";\n` : `${body}\n`;
  }
  files['keys/.env'] = `AWS_ACCESS_KEY_ID=AKIA${expandTemplate('{{upper:16}}').replace(/[018-9]/g, 'A')}\nGITLAB=glpat-${expandTemplate('{{alnum:20}}')}\n`;
  files['bin/blob.bin'] = Buffer.from([0, 1, 2, 3, 0, 5]);
  files['big/huge.txt'] = 'x'.repeat(5000);
  files['.gitignore'] = 'ignored/\n';
  files['ignored/secret.js'] = `const t = "${expandTemplate('{{github:ghp}}')}";\n`;
  writeTree(root, files);
  return root;
}

async function run(root: string, threads: number, largeFile?: number) {
  const { ruleSet } = loadRuleSet(root);
  const skipped: Skip[] = [];
  const result = await scanFiles(ruleSet, {
    root,
    paths: [root],
    maxFileSize: 4096,
    onSkip: (s) => void skipped.push(s),
    threads,
    minFiles: 1,
    minBytes: 1,
    ...(largeFile !== undefined ? { largeFile } : {}),
  });
  return { ...result, skipped };
}

describe('scan pool', () => {
  it('gives the same findings, skips, counts and drops on two workers as on the main thread', async () => {
    const root = tree();
    const one = await run(root, 1);
    const two = await run(root, 2);
    expect(one.findings.length).toBeGreaterThanOrEqual(13);
    expect(one.skipped.map((s) => s.reason)).toEqual(expect.arrayContaining(['binary', 'gitignored']));
    expect(two).toEqual(one);
  });

  it('scans large files one at a time, on either thread, and loses none of them, however many there are', async () => {
    const root = tree();
    const one = await run(root, 1);
    expect(one.files).toBe(122);
    // Every file large; then the median size, so large and small files alternate along the walk.
    const sizes = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(join(e.parentPath, e.name)).size)
      .sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1]!;
    expect(sizes.filter((s) => s > median).length).toBeGreaterThan(40);
    for (const largeFile of [0, median]) expect(await run(root, 2, largeFile)).toEqual(one);
  });

  it('scans below the thresholds on the main thread, with the same result', async () => {
    const root = tree();
    const { ruleSet } = loadRuleSet(root);
    const result = await scanFiles(ruleSet, { root, paths: [root], maxFileSize: 4096, onSkip: () => {}, threads: 4 });
    expect(result.files).toBe(122);
    expect(result.findings).toEqual((await run(root, 1)).findings);
  });

  it('reports a missing path the same way with workers', async () => {
    const root = tree();
    const { ruleSet } = loadRuleSet(root);
    await expect(scanFiles(ruleSet, { root, paths: [join(root, 'nope')], maxFileSize: 1, onSkip: () => {}, threads: 2, minFiles: 1 })).rejects.toThrow(
      'path not found',
    );
  });

  it('--threads: the built CLI reports the same with 1 and 2 threads, and rejects a bad value', () => {
    const root = tree();
    // Past the pool's threshold of files, so that --threads 2 really starts workers.
    writeTree(root, Object.fromEntries(Array.from({ length: POOL_MIN_FILES }, (_, i) => [`many/m${i}.js`, `const a${i} = ${i};\n`])));
    const a = keyhound(['scan', '.', '--format', 'json', '--threads', '1'], { cwd: root });
    const b = keyhound(['scan', '.', '--format', 'json', '--threads', '2'], { cwd: root });
    expect(a.status).toBe(1);
    const strip = (s: string) => ({ ...JSON.parse(s), stats: { ...JSON.parse(s).stats, durationMs: 0 } });
    expect(strip(b.stdout)).toEqual(strip(a.stdout));
    const bad = keyhound(['scan', '.', '--threads', '0'], { cwd: root });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--threads');
  });
});
