// History audit: `keyhound history` (every unique blob on every ref, scanned) against `git log -p --all` (merely
// printing every diff, to /dev/null) on the same repository, alternated, medians and peak memory.
//
// Two repositories by default, 3,000 and 12,000 commits (.bench/history-repo and .bench/history-repo-12000, generated
// once each): keyhound's fixed cost (Node start-up, rules, five git processes; ~0.15 s) weighs on the small one, git's
// diffing of ever larger trees on the large one, so one size alone would tell half the story. Each is built with
// `git fast-import` from real source files found in node_modules (ESLint, TypeScript, ajv, yargs…): a few hundred
// files, commits that edit one to three files each (lines replaced, inserted, removed), new files now and then, files
// renamed and deleted, a side branch merged every 150 commits, one never-merged branch, a tag, and a handful of
// planted fake keys. The generator is seeded, so both are the same on every machine.
// Environment: BENCH_HISTORY_REPO (an existing repository instead), BENCH_HISTORY_COMMITS (comma-separated sizes,
// default 3000,12000).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { median } from '../lib/measure.mjs';

export const title = 'History audit';

// A small seeded generator, so the repository is the same on every machine.
const SEED = 0x9e3779b9;
let seed = SEED;
function rand() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
}
const pick = (list) => list[Math.floor(rand() * list.length)];

function sourcePool(ROOT) {
  const roots = ['typescript/lib', 'eslint/lib', 'ajv/lib', 'ajv/dist', 'yargs', 'chai', 'fast-check/lib', 'postcss/lib', 'js-yaml', 'espree', 'picomatch', 'ignore'];
  const files = [];
  const walk = (dir) => {
    let names;
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      const st = statSync(abs);
      if (st.isDirectory()) walk(abs);
      else if (/\.(js|cjs|mjs|ts|md|json)$/.test(name) && st.size > 1500 && st.size < 40_000) files.push(abs);
    }
  };
  for (const r of roots) walk(join(ROOT, 'node_modules', r));
  return files.map((abs) => ({ path: relative(join(ROOT, 'node_modules'), abs), lines: readFileSync(abs, 'utf8').split('\n') }));
}

async function generate(ROOT, dir, COMMITS, fakes) {
  const { expandTemplate } = fakes;
  const pool = sourcePool(ROOT);
  if (pool.length < 100) throw new Error(`bench: only ${pool.length} source files found in node_modules`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);

  const out = [];
  let mark = 0;
  let time = 1_600_000_000;
  const data = (text) => {
    const buf = Buffer.from(text);
    out.push(`data ${buf.length}\n`, buf, '\n');
  };
  // Working state per branch: path → lines.
  const main = new Map();
  for (const f of pool.slice(0, 300)) main.set(`src/${f.path}`, f.lines.slice());
  const commit = (ref, state, changed, message, parents = []) => {
    mark += 1;
    time += 600 + Math.floor(rand() * 3600);
    const who = pick(['Ada Lovelace <ada@example.invalid>', 'Alan Turing <alan@example.invalid>', 'Grace Hopper <grace@example.invalid>']);
    out.push(`commit ${ref}\nmark :${mark}\nauthor ${who} ${time} +0000\ncommitter ${who} ${time} +0000\n`);
    data(message);
    for (const [i, p] of parents.entries()) out.push(`${i === 0 ? 'from' : 'merge'} ${p}\n`);
    for (const p of changed) {
      const lines = state.get(p);
      if (lines === undefined) out.push(`D ${p}\n`);
      else {
        out.push(`M 100644 inline ${p}\n`);
        data(lines.join('\n'));
      }
    }
    return `:${mark}`;
  };
  const edit = (state) => {
    const paths = [...state.keys()];
    const p = pick(paths);
    const lines = state.get(p);
    const donor = pick(pool).lines;
    const at = Math.floor(rand() * lines.length);
    const take = 1 + Math.floor(rand() * 12);
    const from = Math.floor(rand() * Math.max(1, donor.length - take));
    const r = rand();
    if (r < 0.5) lines.splice(at, take, ...donor.slice(from, from + take));
    else if (r < 0.8) lines.splice(at, 0, ...donor.slice(from, from + take));
    else lines.splice(at, take);
    return p;
  };
  const keys = [
    (k) => `GITHUB_TOKEN=${k}`,
    (k) => `const token = '${k}';`,
    (k) => `  apiKey: "${k}",`,
  ];
  const plant = (state, label) => {
    const p = pick([...state.keys()]);
    const key = expandTemplate('{{github:ghp}}');
    state.get(p).splice(5, 0, `${pick(keys)(key)} // planted by bench (${label})`);
    return p;
  };

  let head = commit('refs/heads/main', main, [...main.keys()], 'initial import');
  let done = 1;
  const plantAt = [0.1, 0.35, 0.6, 0.9].map((x) => Math.floor(COMMITS * x));
  while (done < COMMITS) {
    if (done % 150 === 0 && done + 6 < COMMITS) {
      // A side branch of five commits, then a merge of it into main.
      const side = new Map([...main].map(([p, l]) => [p, l.slice()]));
      let tip = head;
      const touched = new Set();
      for (let i = 0; i < 5; i++) {
        const p = edit(side);
        touched.add(p);
        tip = commit('refs/heads/side', side, [p], `side work ${i}`, [tip]);
        done += 1;
      }
      for (const p of touched) main.set(p, side.get(p).slice());
      head = commit('refs/heads/main', main, [...touched], 'Merge branch side', [head, tip]);
      done += 1;
      continue;
    }
    const changed = new Set();
    const n = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < n; i++) changed.add(edit(main));
    const r = rand();
    if (r < 0.03) {
      const f = pick(pool);
      const p = `lib/${done}/${f.path.split('/').pop()}`;
      main.set(p, f.lines.slice());
      changed.add(p);
    } else if (r < 0.04 && main.size > 200) {
      const p = pick([...main.keys()]);
      main.set(p.replace(/^src\//, 'moved/'), main.get(p));
      main.delete(p);
      changed.add(p);
      changed.add(p.replace(/^src\//, 'moved/'));
    } else if (r < 0.05 && main.size > 200) {
      const p = pick([...main.keys()]);
      main.delete(p);
      changed.add(p);
    }
    if (plantAt.length && done >= plantAt[0]) changed.add(plant(main, `commit ${plantAt.shift()}`));
    head = commit('refs/heads/main', main, [...changed], `change ${done}: ${pick(['fix', 'refactor', 'feat', 'docs', 'test'])}`, [head]);
    done += 1;
  }
  // A branch never merged, with a key; and a tag.
  const lost = new Map([...main].map(([p, l]) => [p, l.slice()]));
  commit('refs/heads/experiment', lost, [plant(lost, 'unmerged')], 'experiment', [head]);
  out.push(`reset refs/tags/v1.0\nfrom ${head}\n\n`);

  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, input: Buffer.concat(out.map((x) => (Buffer.isBuffer(x) ? x : Buffer.from(x)))) });
  if (r.status !== 0) throw new Error(`git fast-import failed: ${r.stderr}`);
  execFileSync('git', ['gc', '-q'], { cwd: dir });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  writeFileSync(join(dir, '.git', 'bench-commits'), `${COMMITS} v2`);
}


export async function run(ctx) {
  const given = process.env.BENCH_HISTORY_REPO;
  const sizes = (process.env.BENCH_HISTORY_COMMITS ?? '3000,12000').split(',').map(Number);
  if (!sizes.every((n) => Number.isInteger(n) && n >= 10)) {
    const got = process.env.BENCH_HISTORY_COMMITS;
    throw new Error(`bench: BENCH_HISTORY_COMMITS must list commit counts of at least 10, e.g. 3000,12000 (got "${got}")`);
  }
  const repos = given ? [given] : sizes.map((n, i) => join(ctx.benchDir, i === 0 && n === 3000 ? 'history-repo' : `history-repo-${n}`));
  const rows = [];
  const notes = [];
  for (const [i, repo] of repos.entries()) {
    if (!given) {
      const marker = join(repo, '.git', 'bench-commits');
      if (!existsSync(marker) || readFileSync(marker, 'utf8') !== `${sizes[i]} v2`) {
        const t = Date.now();
        ctx.log(`generating ${repo} (${sizes[i]} commits)`);
        seed = SEED; // the same repository whatever was generated before it
        await generate(ctx.root, repo, sizes[i], ctx.fakes);
        ctx.log(`generated in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    }
    const out = await measureRepo(ctx, repo);
    rows.push(...out.rows);
    notes.push(out.note);
  }
  notes.push('Goal: ≤ 1.0 × git log -p.');
  return { rows, notes };
}

async function measureRepo(ctx, repo) {
  const count = execFileSync('git', ['rev-list', '--count', '--all'], { cwd: repo, encoding: 'utf8' }).trim();
  const pack = execFileSync('git', ['count-objects', '-v'], { cwd: repo, encoding: 'utf8' }).match(/size-pack: (\d+)/)?.[1];
  const check = JSON.parse(
    spawnSync(ctx.keyhound.bin, [...ctx.keyhound.args, 'history', repo, '--format', 'json'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout,
  );
  const results = await ctx.measure(
    {
      keyhound: { ...ctx.keyhound, args: [...ctx.keyhound.args, 'history', repo, '--format', 'json', '--output', '/dev/null'], cwd: repo },
      git: { bin: 'git', args: ['log', '-p', '--all'], cwd: repo },
    },
    (name, res) => {
      if (res.status === null || res.status > 1) throw new Error(`${name} failed (exit ${res.status}): ${res.stderr}`);
    },
  );
  const g = median(results.git.seconds);
  const rows = Object.entries(results).map(([name, r]) => ({
    repository: `${count} commits`,
    tool: name === 'keyhound' ? 'keyhound history' : 'git log -p --all > /dev/null',
    'median s': median(r.seconds).toFixed(2),
    '× git log -p': (median(r.seconds) / g).toFixed(2),
    'peak RSS MB': (Math.max(...r.peakKiB) / 1024).toFixed(0),
  }));
  const note =
    `Repository of ${count} commits: pack ${(Number(pack) / 1024).toFixed(1)} MiB; keyhound read ${check.stats.files} unique blobs ` +
    `(${(check.stats.bytes / 1048576).toFixed(1)} MiB), ${check.stats.skipped} skipped, ${check.findings.length} findings (the planted keys).`;
  return { rows, note };
}
