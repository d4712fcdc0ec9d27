// Pre-commit start-up: the pre-commit hook `keyhound install-hook` writes, run as git runs it, on a 10-file staged
// commit, against bare `node -e 0`; alternated, medians. keyhound is installed in the repository as a project
// dependency (node_modules/keyhound links to this checkout), so the hook uses its start-up snapshot, as a user's
// would; the plain `keyhound staged` (what a hook without the snapshot runs) is measured beside it.
// Many more rounds than the other cases (BENCH_STAGED_ROUNDS, default 30): each run takes tens of milliseconds.

import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** Installs this checkout into `repo` as npm would a dev dependency, then its hook; returns the hook's path. */
function installHook(repo, ctx) {
  const root = join(ctx.keyhound.args[0], '..', '..');
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(root, join(repo, 'node_modules', 'keyhound'));
  symlinkSync(join('..', 'keyhound', 'bin', 'keyhound.js'), join(repo, 'node_modules', '.bin', 'keyhound'));
  writeFileSync(join(repo, '.git', 'info', 'exclude'), 'node_modules/\n');
  const out = exec(process.execPath, [...ctx.keyhound.args, 'install-hook'], { cwd: repo, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
  const cache = join(repo, 'node_modules', '.cache', 'keyhound');
  const blobs = existsSync(cache) ? readdirSync(cache).filter((f) => f.endsWith('.blob')) : [];
  if (!blobs.length) throw new Error(`install-hook made no start-up snapshot:\n${out}`);
  return join(repo, '.git', 'hooks', 'pre-commit');
}

export async function run(ctx) {
  const rounds = Number(process.env.BENCH_STAGED_ROUNDS ?? 30);
  const repo = stagedRepo();
  try {
    const hook = installHook(repo, ctx);
    const commands = {
      node: { bin: process.execPath, args: ['-e', '0'], cwd: repo, env: GIT_ENV },
      hook: { bin: hook, args: [], cwd: repo, env: GIT_ENV },
      staged: { ...ctx.keyhound, args: [...ctx.keyhound.args, 'staged', '--quiet'], cwd: repo, env: GIT_ENV },
    };
    const quiet = () => {};
    // Warm the disk cache, then measure.
    await alternate(ctx.gnuTime(), commands, 3, quiet);
    const results = await alternate(ctx.gnuTime(), commands, rounds, quiet, (name, res) => {
      if (res.status !== 0) throw new Error(`${name} exited ${res.status}: ${res.stderr}`);
    });
    const node = median(results.node.seconds);
    const label = {
      node: 'node -e 0',
      hook: 'pre-commit hook (10 files; start-up snapshot)',
      staged: 'keyhound staged --quiet (10 files; plain start)',
    };
    // Each round's own ratio (the command against the `node -e 0` run just before it) cancels drift between rounds;
    // its quartiles show how far one noisy machine moves the verdict.
    const quartile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
    const rows = Object.entries(results).map(([name, r]) => {
      const ratios = r.seconds.map((s, i) => s / results.node.seconds[i]);
      return {
        command: label[name],
        'median ms': (median(r.seconds) * 1000).toFixed(1),
        '× node -e 0': (median(r.seconds) / node).toFixed(2),
        'per round: median [quartiles]': `${median(ratios).toFixed(2)} [${quartile(ratios, 0.25).toFixed(2)}–${quartile(ratios, 0.75).toFixed(2)}]`,
        'peak RSS MB': (Math.max(...r.peakKiB) / 1024).toFixed(0),
      };
    });
    return {
      rows,
      notes: [
        `${rounds} alternated runs each (after 3 warm-up rounds); "per round" divides each run by the node -e 0 run of its round. Goal: ≤ 1.5 × node -e 0, for the hook.`,
        'The hook is the one `keyhound install-hook` writes, run as git runs it (its shell, `node --version` to name the snapshot, then `node --snapshot-blob … staged --quiet`); the plain start is what runs when there is no snapshot (keyhound installed globally, KEYHOUND_NO_SNAPSHOT or NODE_OPTIONS set).',
      ],
    };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
