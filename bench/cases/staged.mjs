// Pre-commit start-up: `keyhound staged` on a 10-file staged commit against bare `node -e 0`, alternated, medians.
// Many more rounds than the other cases (BENCH_STAGED_ROUNDS, default 30): each run takes tens of milliseconds.

import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync as exec } from 'node:child_process';
import { alternate, median } from '../lib/measure.mjs';

export const title = 'Pre-commit (keyhound staged)';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@keyhound.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@keyhound.invalid',
  NO_COLOR: '1',
};

/** A repository with ten committed source files of 300 lines, each then edited and staged. */
function stagedRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'keyhound-bench-staged-'));
  const git = (...args) => exec('git', args, { cwd: repo, env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  for (let i = 1; i <= 10; i++) {
    const lines = Array.from({ length: 300 }, (_, n) => `export const value${n} = process.env.SETTING_${n} ?? 'default-${i}-${n}';`);
    writeFileSync(join(repo, `module${i}.js`), `${lines.join('\n')}\n`);
  }
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial');
  for (let i = 1; i <= 10; i++) appendFileSync(join(repo, `module${i}.js`), `export function added${i}(x) {\n  return x * ${i};\n}\n`);
  git('add', '-A');
  return repo;
}

export async function run(ctx) {
  const rounds = Number(process.env.BENCH_STAGED_ROUNDS ?? 30);
  const repo = stagedRepo();
  try {
    const commands = {
      node: { bin: process.execPath, args: ['-e', '0'], cwd: repo, env: GIT_ENV },
      staged: { ...ctx.keyhound, args: [...ctx.keyhound.args, 'staged'], cwd: repo, env: GIT_ENV },
    };
    const quiet = () => {};
    // Warm the disk cache, then measure.
    await alternate(ctx.gnuTime(), commands, 3, quiet);
    const results = await alternate(ctx.gnuTime(), commands, rounds, quiet, (name, res) => {
      if (res.status !== 0) throw new Error(`${name} exited ${res.status}: ${res.stderr}`);
    });
    const node = median(results.node.seconds);
    const rows = Object.entries(results).map(([name, r]) => ({
      command: name === 'node' ? 'node -e 0' : 'keyhound staged (10 files)',
      'median ms': (median(r.seconds) * 1000).toFixed(1),
      '× node -e 0': (median(r.seconds) / node).toFixed(2),
      'peak RSS MB': (Math.max(...r.peakKiB) / 1024).toFixed(0),
    }));
    return { rows, notes: [`${rounds} alternated runs each (after 3 warm-up rounds). Goal: ≤ 1.5 × node -e 0.`] };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
