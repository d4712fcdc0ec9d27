#!/usr/bin/env node
// Start-up benchmark for the pre-commit path: `keyhound staged` on a 10-file staged commit against bare `node -e 0`,
// alternating the two in one run and comparing medians. Standalone: `node bench/staged.mjs [runs]` (default 30).
// The goal (issue 4) is a ratio of at most 1.5.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'keyhound.js');
const runs = Number(process.argv[2] ?? 30);
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@keyhound.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@keyhound.invalid',
  NO_COLOR: '1',
};

const repo = mkdtempSync(join(tmpdir(), 'keyhound-bench-staged-'));
const git = (...args) => execFileSync('git', args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
try {
  git('init', '-q', '-b', 'main');
  // Ten source files of a few hundred lines each, committed; then a typical edit to each, staged.
  for (let i = 1; i <= 10; i++) {
    const lines = Array.from({ length: 300 }, (_, n) => `export const value${n} = process.env.SETTING_${n} ?? 'default-${i}-${n}';`);
    writeFileSync(join(repo, `module${i}.js`), `${lines.join('\n')}\n`);
  }
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial');
  for (let i = 1; i <= 10; i++) {
    appendFileSync(join(repo, `module${i}.js`), `export function added${i}(x) {\n  return x * ${i};\n}\n`);
  }
  git('add', '-A');

  const cases = {
    node: [process.execPath, ['-e', '0']],
    staged: [process.execPath, [BIN, 'staged']],
  };
  const check = spawnSync(...cases.staged, { cwd: repo, env, encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`keyhound staged exited ${check.status}: ${check.stdout}${check.stderr}`);

  const times = { node: [], staged: [] };
  const once = (name) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(...cases[name], { cwd: repo, env, stdio: 'ignore' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
    return ms;
  };
  for (let w = 0; w < 3; w++) for (const name of Object.keys(cases)) once(name); // warm the disk cache
  for (let r = 0; r < runs; r++) {
    // Alternate the order so drift (other load on the machine) hits both cases alike.
    const order = r % 2 ? ['staged', 'node'] : ['node', 'staged'];
    for (const name of order) times[name].push(once(name));
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const node = median(times.node);
  const staged = median(times.staged);
  console.log(`staged start-up, 10-file commit, ${runs} alternating runs (median)`);
  console.log(`  node -e 0          ${node.toFixed(1)} ms`);
  console.log(`  keyhound staged    ${staged.toFixed(1)} ms`);
  console.log(`  ratio              ${(staged / node).toFixed(2)}  (goal: <= 1.5)`);
} finally {
  rmSync(repo, { recursive: true, force: true });
}
