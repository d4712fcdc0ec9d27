#!/usr/bin/env node
// `npm run bench`: builds keyhound, installs the tools it is compared with, runs every case in bench/cases/*.mjs
// and writes bench/RESULTS.md. A case exports `title` and `async function run(ctx)` returning rows (objects with
// the same keys, one table row each) or { rows, notes }. Cases pick what they need from `ctx` lazily, so a case
// that needs no corpus never builds one.
//
// Cases: scan (directory scan vs ripgrep, secretlint, gitleaks and Betterleaks), history (keyhound history vs
// git log -p --all), staged (keyhound staged vs node -e 0). bench/history.mjs and bench/staged.mjs run one case each.
//
// Environment: BENCH_TREE_MB (corpus size, default 500), BENCH_ROUNDS (alternated rounds, default 3),
// BENCH_CASES (comma-separated case names, e.g. `scan,history`; default all), BENCH_DIR (cache, default .bench),
// BENCH_SKIP (tools to leave out of the scan case, e.g. `secretlint,gitleaks,betterleaks`), BENCH_PEER_ROUNDS (rounds
// for gitleaks and Betterleaks, default 1: they are the slow ones), BENCH_HISTORY_REPO, BENCH_HISTORY_COMMITS
// (comma-separated sizes, default 3000,12000), BENCH_STAGED_ROUNDS (default 30), BENCH_STAGED_BEFORE (a built
// checkout of an earlier commit whose hook the staged case times beside this one's). RESULTS.md is written when every
// case ran; a partial run writes .bench/RESULTS.partial.md.

import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCorpus } from './lib/corpus.mjs';
import { alternate } from './lib/measure.mjs';
import { ensureGnuTime, ensureGoPeer, ensureRipgrep, ensureSecretlint } from './lib/tools.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const benchDir = resolve(ROOT, env.BENCH_DIR ?? '.bench');
const treeMB = Number(env.BENCH_TREE_MB ?? 500);
const rounds = Number(env.BENCH_ROUNDS ?? 3);
const only = env.BENCH_CASES ? new Set(env.BENCH_CASES.split(',').map((s) => s.trim())) : null;
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

function once(fn) {
  let v;
  let done = false;
  return () => (done ? v : ((done = true), (v = fn())));
}

// Every case sends output nobody reads to /dev/null. Once it was a regular file (keyhound --output /dev/null, run as
// root before f6f2f29, renamed a report over it): git log -p then wrote its output to disk, and git gc read old output
// back as its input and failed. Measure only on a machine whose /dev/null is the device.
if (process.platform === 'linux' && !lstatSync('/dev/null').isCharacterDevice()) {
  throw new Error('bench: /dev/null is not a character device on this machine; restore it first (as root: rm /dev/null && mknod -m 666 /dev/null c 1 3)');
}

log('building keyhound');
execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
const fakes = await import(pathToFileURL(join(ROOT, 'build/src/fakes/index.js')).href);

const gnuTime = once(() => ensureGnuTime(log).bin);
const ctx = {
  root: ROOT,
  benchDir,
  rounds,
  log,
  keyhound: { bin: process.execPath, args: [join(ROOT, 'bin', 'keyhound.js')] },
  ripgrep: once(() => ensureRipgrep(log)),
  secretlint: once(() => ensureSecretlint(benchDir, log)),
  /** gitleaks and Betterleaks, built with `go install` into .bench/go: { bin, version, note? } or { skipped }. */
  goPeer: Object.fromEntries(['gitleaks', 'betterleaks'].map((n) => [n, once(() => ensureGoPeer(n, benchDir, log))])),
  gnuTime,
  fakes,
  /** The directory-scan corpus (built once per run). */
  corpus: once(() => buildCorpus(benchDir, treeMB, fakes, log)),
  /** Alternated timed runs of { name: { bin, args, cwd?, stdout? } }; see lib/measure.mjs. */
  measure: (commands, check) => alternate(gnuTime(), commands, rounds, log, check),
  /** Rule count of the rule set keyhound loads for `dir`. */
  ruleCount: async (dir) => (await import(pathToFileURL(join(ROOT, 'build/src/scan.js')).href)).loadRuleSet(dir).ruleSet.rules.length,
};

const casesDir = join(ROOT, 'bench', 'cases');
const ORDER = ['scan', 'history', 'staged'];
const rank = (f) => (ORDER.indexOf(f.replace(/\.mjs$/, '')) + ORDER.length + 1) % (ORDER.length + 1);
const files = readdirSync(casesDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const sections = [];
for (const file of files) {
  const name = file.replace(/\.mjs$/, '');
  if (only && !only.has(name)) continue;
  const mod = await import(pathToFileURL(join(casesDir, file)).href);
  log(`case ${name}: ${mod.title ?? ''}`);
  const out = await mod.run(ctx);
  const { rows, notes = [] } = Array.isArray(out) ? { rows: out, notes: [] } : out;
  sections.push({ name, title: mod.title ?? name, rows, notes });
}

function table(rows) {
  if (!rows.length) return '_no rows_\n';
  const cols = Object.keys(rows[0]);
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(cols), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => String(r[c] ?? ''))))].join('\n') + '\n';
}

const cpu = cpus();
const head = [
  '# Benchmark results',
  '',
  `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${rounds} alternated rounds per case (medians).`,
  '',
];
const body = sections.flatMap((s) => [`## ${s.title}`, '', table(s.rows), ...s.notes.map((n) => `- ${n}`), s.notes.length ? '' : null].filter((x) => x !== null));
const md = [...head, ...body].join('\n').replace(/\n+$/, '\n');
const all = files.every((f) => !only || only.has(f.replace(/\.mjs$/, '')));
if (all) writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), md);
else {
  // A case that needs no corpus or tool (staged) never made the cache folder.
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(join(benchDir, 'RESULTS.partial.md'), md);
}
process.stdout.write(md);
