#!/usr/bin/env node
// `npm run bench:staged`: the pre-commit case of `npm run bench` alone (see bench/cases/staged.mjs).
// `node bench/staged.mjs [runs]` (default 30). BENCH_STAGED_BEFORE=DIR adds the hook of another built checkout (an
// earlier commit: `git worktree add /tmp/before COMMIT && cd /tmp/before && npm ci`) to the same rounds.

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = { ...process.env, BENCH_CASES: 'staged', BENCH_STAGED_ROUNDS: process.argv[2] ?? process.env.BENCH_STAGED_ROUNDS ?? '30' };
const r = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'run.mjs')], { env, stdio: 'inherit' });
process.exitCode = r.status ?? 2;
