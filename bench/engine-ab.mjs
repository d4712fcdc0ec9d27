// Engine A/B for work on src/detect: two builds of keyhound in one process, over the same files read once, in
// alternated rounds (A B, B A, …), each timed in CPU time (process.cpuUsage). On a shared machine whose speed drifts
// within minutes, this compares two builds better than two runs of bench/engine.mjs one after the other: both see
// the same drift. Compare the lowest and the median round, and how many rounds each wins.
//
//   npm run build && cp -r build build-b && git checkout OTHER && npm run build && cp -r build build-a
//   A=build-a B=build-b ROUNDS=12 node --max-old-space-size=12000 bench/engine-ab.mjs [TREE]
//
// A and B are copies of build/ inside this repository (their imports resolve its node_modules). TREE defaults to
// the bench corpus (.bench/tree, made by `npm run bench`). Each round prints the findings' count, which must agree.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(process.argv[2] ?? join(repo, '.bench', 'tree'));
const rounds = Number(process.env.ROUNDS ?? 8);
if (!process.env.A || !process.env.B) throw new Error('set A and B to two build folders (copies of build/)');
if (!existsSync(root)) throw new Error(`no tree at ${root}: run npm run bench once, or name a folder`);

async function engine(dir) {
  const load = (path) => import(pathToFileURL(join(resolve(dir), path)).href);
  const { loadRuleSet } = await load('src/scan.js');
  const { detect } = await load('src/detect/engine.js');
  return { ruleSet: loadRuleSet(root).ruleSet, detect };
}

const builds = { A: await engine(process.env.A), B: await engine(process.env.B) };
const { fsFiles, readFileFragment } = await import(pathToFileURL(join(resolve(process.env.A), 'src/sources/fs.js')).href);
const fragments = [];
for (const entry of fsFiles({ paths: [root], root, gitignore: false, maxFileSize: 64 << 20, onSkip() {} })) {
  const fragment = readFileFragment(entry, 64 << 20, () => {});
  if (fragment) fragments.push(fragment);
}
console.log(`${fragments.length} files; ${rounds} rounds of A and B, alternated`);

const times = { A: [], B: [] };
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ['B', 'A'] : ['A', 'B']) {
    const { ruleSet, detect } = builds[name];
    const start = process.cpuUsage();
    let findings = 0;
    for (const fragment of fragments) findings += detect(ruleSet, fragment).findings.length;
    const used = process.cpuUsage(start);
    times[name].push(Math.round((used.user + used.system) / 1000));
    console.log(`round ${r + 1} ${name}: ${times[name].at(-1)} ms CPU, ${findings} findings`);
  }
}
const median = (list) => [...list].sort((x, y) => x - y)[list.length >> 1];
const wins = times.B.filter((b, i) => b < times.A[i]).length;
for (const name of ['A', 'B']) console.log(`${name}: lowest ${Math.min(...times[name])} ms, median ${median(times[name])} ms (${times[name].join(' ')})`);
console.log(`B faster than A in ${wins} of ${rounds} rounds`);
