#!/usr/bin/env node
// `node bench/audit.mjs [--repos 100] [--jobs 4]`: an organisation audit in one run against one run per repository.
// Makes N small repositories (a few commits each, two fake keys in history) in a temporary folder, then measures
// with /usr/bin/time -v:
//   one run:     keyhound history --repos list.txt --jobs J          (the repositories as file:// URLs: cloned)
//   one run:     the same, every mirror already in the cache          (fetched only)
//   N runs:      keyhound history REPO, once per repository           (summed; peak = the largest single peak)
// and prints wall time and peak RSS of each. Needs git and GNU time. Fake keys only, made here.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const option = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const N = Number(option('repos', '100'));
const JOBS = option('jobs', '4');
const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'keyhound.js');
const root = mkdtempSync(join(tmpdir(), 'keyhound-bench-audit-'));
const env = { ...process.env, GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'b@x.invalid', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'b@x.invalid', GIT_CONFIG_NOSYSTEM: '1' };
// The test generators (run `npm run build` first): fake keys of the right shape and checksum.
const { expandTemplate } = await import('../build/src/fakes/index.js');

const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
const repos = [];
for (let i = 0; i < N; i++) {
  const dir = join(root, 'repos', `svc-${i}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (let c = 0; c < 5; c++) {
    const files = { [`src/mod${c}.js`]: `export const n${c} = ${c};\n`.repeat(20) };
    if (c === 1) files['.env'] = `PORT=80\nGITHUB_TOKEN=${expandTemplate('{{github:ghp}}')}\n`;
    if (c === 3) files['config.py'] = `OPENAI_API_KEY = "${expandTemplate('{{openai:proj}}')}"\n`;
    for (const [p, t] of Object.entries(files)) writeFileSync(join(dir, p), t);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `change ${c}`);
  }
  repos.push(dir);
}
const list = join(root, 'repos.txt');
writeFileSync(list, repos.map((d) => `file://${d}`).join('\n'));

/** Runs keyhound under /usr/bin/time -v; returns wall seconds, peak RSS in MiB and the exit code. */
function timed(args) {
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const field = (name) => r.stderr.match(new RegExp(`${name}: (.*)`))?.[1]?.trim() ?? '';
  const [h, m, s] = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').map(Number).reverse().concat([0, 0]).slice(0, 3).reverse();
  const wall = s === undefined ? NaN : h * 3600 + m * 60 + s;
  return { wall, rssMiB: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024, status: r.status, stdout: r.stdout };
}

const cache = join(root, 'cache');
const cold = timed(['history', '--repos', list, '--cache', cache, '--jobs', JOBS, '--format', 'json', '--quiet']);
const warm = timed(['history', '--repos', list, '--cache', cache, '--jobs', JOBS, '--format', 'json', '--quiet']);
const one = timed(['history', '--repos', list, '--cache', cache, '--jobs', '1', '--format', 'json', '--quiet']);
const findings = JSON.parse(warm.stdout).findings.length;
let sumWall = 0;
let peak = 0;
let singleFindings = 0;
for (const dir of repos) {
  const r = timed(['history', dir, '--format', 'json']);
  sumWall += r.wall;
  peak = Math.max(peak, r.rssMiB);
  singleFindings += JSON.parse(r.stdout).findings.length;
}
const row = (what, wall, rss, f) => `| ${what} | ${wall.toFixed(2)} s | ${rss.toFixed(0)} MiB | ${f} |`;
console.log(`${N} repositories, 5 commits and 2 keys each; keyhound under /usr/bin/time -v\n`);
console.log('| run | wall time | peak RSS | findings |\n| --- | --- | --- | --- |');
console.log(row(`history --repos, --jobs ${JOBS}, cold cache (clones)`, cold.wall, cold.rssMiB, JSON.parse(cold.stdout).findings.length));
console.log(row(`history --repos, --jobs ${JOBS}, warm cache (fetches)`, warm.wall, warm.rssMiB, findings));
console.log(row('history --repos, --jobs 1, warm cache', one.wall, one.rssMiB, JSON.parse(one.stdout).findings.length));
console.log(row(`${N} × history REPO (sum of walls; largest peak)`, sumWall, peak, singleFindings));
rmSync(root, { recursive: true, force: true });
