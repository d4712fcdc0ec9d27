#!/usr/bin/env node
// `npm run bench:history`: the history case of `npm run bench` alone (see bench/cases/history.mjs).
//
//   node bench/history.mjs                    generate (once) the 3000- and 12000-commit repositories, then time
//   node bench/history.mjs --repo PATH        time an existing repository instead
//   node bench/history.mjs --commits 5000 --runs 7      (--commits: one size or several, comma-separated)

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const env = { ...process.env, BENCH_CASES: 'history' };
if (option('repo')) env.BENCH_HISTORY_REPO = option('repo');
if (option('commits')) env.BENCH_HISTORY_COMMITS = option('commits');
env.BENCH_ROUNDS = option('runs') ?? process.env.BENCH_ROUNDS ?? '5';
const r = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'run.mjs')], { env, stdio: 'inherit' });
process.exitCode = r.status ?? 2;
