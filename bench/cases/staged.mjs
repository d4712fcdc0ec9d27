// Pre-commit start-up: the pre-commit hook `keyhound install-hook` writes, run as git runs it, on a 10-file staged
// commit, against bare `node -e 0`; alternated, medians. keyhound is installed twice, each in a repository with the
// same staged commit: as a project dependency linked to this checkout (node_modules/keyhound -> the built clone),
// and from its packed tarball with `npm install -D` (what a user gets: npm's file times, its own node_modules). Both
// hooks use their start-up snapshot, as a user's would; the plain `keyhound staged` (what a hook without the
// snapshot runs) is measured beside them. BENCH_STAGED_BEFORE=DIR adds the hook of another built checkout of
// keyhound (an earlier commit in a worktree) to the same rounds, so two versions meet the same machine state.
// Many more rounds than the other cases (BENCH_STAGED_ROUNDS, default 30): each run takes tens of milliseconds.

import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

const sh = (bin, args, cwd) => exec(bin, args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** A repository with ten committed source files of 300 lines, each then edited and staged. */
function stagedRepo(temps) {
  const repo = mkdtempSync(join(tmpdir(), 'keyhound-bench-staged-'));
  temps.push(repo);
  const git = (...args) => sh('git', args, repo);
  git('init', '-q', '-b', 'main');
  for (let i = 1; i <= 10; i++) {
    const lines = Array.from({ length: 300 }, (_, n) => `export const value${n} = process.env.SETTING_${n} ?? 'default-${i}-${n}';`);
    writeFileSync(join(repo, `module${i}.js`), `${lines.join('\n')}\n`);
  }
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'initial');
  for (let i = 1; i <= 10; i++) appendFileSync(join(repo, `module${i}.js`), `export function added${i}(x) {\n  return x * ${i};\n}\n`);
  git('add', '-A');
  // What the installs below add to the repository is not part of the commit (and never staged).
  writeFileSync(join(repo, '.git', 'info', 'exclude'), 'node_modules/\npackage.json\npackage-lock.json\n');
  return repo;
}

/** Runs the installed keyhound's `install-hook` in `repo`; returns the hook's path once it has a start-up snapshot. */
function installHook(repo) {
  const out = sh(process.execPath, [join(repo, 'node_modules', 'keyhound', 'bin', 'keyhound.js'), 'install-hook'], repo);
  const cache = join(repo, 'node_modules', '.cache', 'keyhound');
  const blobs = existsSync(cache) ? readdirSync(cache).filter((f) => f.endsWith('.blob')) : [];
  if (!blobs.length) throw new Error(`install-hook made no start-up snapshot in ${repo}:\n${out}`);
  return join(repo, '.git', 'hooks', 'pre-commit');
}

/** Links the built checkout `root` into `repo` as npm links a dev dependency (node_modules/keyhound, .bin/keyhound). */
function linkCheckout(repo, root) {
  mkdirSync(join(repo, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(root, join(repo, 'node_modules', 'keyhound'));
  symlinkSync(join('..', 'keyhound', 'bin', 'keyhound.js'), join(repo, 'node_modules', '.bin', 'keyhound'));
}

/**
 * `npm pack` of this checkout into a temporary folder; returns the tarball. Scripts are off because run.mjs built
 * the checkout a moment ago (with them, prepare builds again and, as issue 21 asked, prints nothing on stdout).
 */
function packTarball(root, temps) {
  const dir = mkdtempSync(join(tmpdir(), 'keyhound-bench-pack-'));
  temps.push(dir);
  const name = sh('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], root).trim().split('\n').pop();
  const tarball = join(dir, name);
  if (!existsSync(tarball)) throw new Error(`npm pack printed ${JSON.stringify(name)}, which is not a tarball in ${dir}`);
  return tarball;
}

/** Installs `tarball` into `repo` as `npm install -D keyhound` would, dependencies from npm's cache when it has them. */
function installTarball(repo, tarball) {
  writeFileSync(join(repo, 'package.json'), `${JSON.stringify({ name: 'adopter', version: '1.0.0', private: true })}\n`);
  sh('npm', ['install', '-D', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball], repo);
}

export async function run(ctx) {
  const rounds = Number(process.env.BENCH_STAGED_ROUNDS ?? 30);
  const root = resolve(ctx.keyhound.args[0], '..', '..');
  const before = process.env.BENCH_STAGED_BEFORE ? resolve(process.env.BENCH_STAGED_BEFORE) : null;
  const temps = [];
  let commit = '';
  try {
    const cloneRepo = stagedRepo(temps);
    linkCheckout(cloneRepo, root);
    const hook = installHook(cloneRepo);
    ctx.log('staged: npm pack, then npm install -D of the tarball into a fresh project');
    const packedRepo = stagedRepo(temps);
    installTarball(packedRepo, packTarball(root, temps));
    const packedHook = installHook(packedRepo);
    const label = {
      node: 'node -e 0',
      hook: 'pre-commit hook (10 files; start-up snapshot; built clone)',
      packed: 'pre-commit hook (10 files; start-up snapshot; installed from the tarball)',
      staged: 'keyhound staged --quiet (10 files; plain start)',
    };
    const commands = {
      node: { bin: process.execPath, args: ['-e', '0'], cwd: cloneRepo, env: GIT_ENV },
      hook: { bin: hook, args: [], cwd: cloneRepo, env: GIT_ENV },
      packed: { bin: packedHook, args: [], cwd: packedRepo, env: GIT_ENV },
      staged: { ...ctx.keyhound, args: [...ctx.keyhound.args, 'staged', '--quiet'], cwd: cloneRepo, env: GIT_ENV },
    };
    if (before) {
      const beforeRepo = stagedRepo(temps);
      linkCheckout(beforeRepo, before);
      commit = sh('git', ['log', '-1', '--format=%h %cs'], before).trim();
      label.before = `pre-commit hook (10 files; start-up snapshot; built clone of ${commit})`;
      commands.before = { bin: installHook(beforeRepo), args: [], cwd: beforeRepo, env: GIT_ENV };
    }
    const quiet = () => {};
    // Warm the disk cache, then measure.
    await alternate(ctx.gnuTime(), commands, 3, quiet);
    const results = await alternate(ctx.gnuTime(), commands, rounds, quiet, (name, res) => {
      if (res.status !== 0) throw new Error(`${name} exited ${res.status}: ${res.stderr}`);
    });
    const med = Object.fromEntries(Object.entries(results).map(([name, r]) => [name, median(r.seconds)]));
    // Each round's own ratio (the command against the `node -e 0` run just before it) cancels drift between rounds;
    // its quartiles show how far one noisy machine moves the verdict.
    const quartile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
    const perRound = (name, base) => results[name].seconds.map((s, i) => s / results[base].seconds[i]);
    const spread = (xs) => `${median(xs).toFixed(2)} [${quartile(xs, 0.25).toFixed(2)}–${quartile(xs, 0.75).toFixed(2)}]`;
    const rows = Object.entries(results).map(([name, r]) => ({
      command: label[name],
      'median ms': (med[name] * 1000).toFixed(1),
      '× node -e 0': (med[name] / med.node).toFixed(2),
      'per round: median [quartiles]': spread(perRound(name, 'node')),
      'peak RSS MB': (Math.max(...r.peakKiB) / 1024).toFixed(0),
    }));
    const packedVsClone = med.packed / med.hook;
    const notes = [
      `${rounds} alternated runs each (after 3 warm-up rounds); "per round" divides each run by the node -e 0 run of its round. Goal: ≤ 1.5 × node -e 0, for the hook.`,
      `Installed from the tarball against the built clone: ${packedVsClone.toFixed(3)} × its median (per round ${spread(perRound('packed', 'hook'))}), ` +
        `${packedVsClone <= 1.1 ? 'within' : 'NOT within'} 10 % of the clone's hook.`,
      'Each hook is the one `keyhound install-hook` writes, run as git runs it (its shell, `node --version` to name the snapshot, then `node --snapshot-blob … staged --quiet`); the plain start is what runs when there is no snapshot (keyhound installed globally, KEYHOUND_NO_SNAPSHOT or NODE_OPTIONS set).',
    ];
    if (before) {
      notes.push(
        `Before and after: the hook of ${commit} is ${(med.before / med.node).toFixed(2)} × node -e 0 (per round ${spread(perRound('before', 'node'))}); ` +
          `this checkout's ${(med.hook / med.node).toFixed(2)} × (per round ${spread(perRound('hook', 'node'))}); after / before ${(med.hook / med.before).toFixed(3)} (per round ${spread(perRound('hook', 'before'))}).`,
      );
    }
    return { rows, notes };
  } finally {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  }
}
