// Engine-only timing, for work on src/detect: reads every file of a tree into memory first, then runs detect() (or
// only the keyword prefilter) over all of them, several rounds, on one thread. No reading, decoding, walking or
// workers in the measured part, so a change to the engine shows without the noise of the rest. CPU time (user),
// which other processes on a shared machine disturb less than wall time; the lowest round is the one to compare.
//
//   npm run build && node --max-old-space-size=8000 bench/engine.mjs [TREE] [detect|prefilter]
//
// TREE defaults to the bench corpus (.bench/tree, made by `npm run bench`). ROUNDS=n sets the rounds (default 4);
// BUILD=dir runs another build of keyhound (a copy of build/ inside this repository, e.g. one made at an older
// commit), for before/after comparisons in one sitting.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const build = resolve(process.env.BUILD ?? join(repo, 'build'));
const load = (path) => import(pathToFileURL(join(build, path)).href);
const { loadRuleSet } = await load('src/scan.js');
const { fsFiles, readFileFragment } = await load('src/sources/fs.js');
const { detect } = await load('src/detect/engine.js');
const { prefilter } = await load('src/detect/prefilter.js');

const root = resolve(process.argv[2] ?? join(repo, '.bench', 'tree'));
const mode = process.argv[3] ?? 'detect';
const rounds = Number(process.env.ROUNDS ?? 4);
if (!existsSync(root)) throw new Error(`no tree at ${root}: run npm run bench once, or name a folder`);
if (mode !== 'detect' && mode !== 'prefilter') throw new Error(`mode is detect or prefilter, not ${mode}`);

const { ruleSet } = loadRuleSet(root);
const fragments = [];
let chars = 0;
for (const entry of fsFiles({ paths: [root], root, gitignore: false, maxFileSize: 64 << 20, onSkip() {} })) {
  const fragment = readFileFragment(entry, 64 << 20, () => {});
  if (fragment) {
    fragments.push(fragment);
    chars += fragment.text.length;
  }
}
console.log(`${fragments.length} files, ${(chars / 1e6).toFixed(0)} M characters, ${ruleSet.rules.length} rules`);

const times = [];
let result = 0;
for (let round = 0; round < rounds; round++) {
  const start = process.cpuUsage().user;
  result = 0;
  if (mode === 'prefilter') for (const f of fragments) result += prefilter(ruleSet, f.text, f.utf8).rules.length;
  else for (const f of fragments) result += detect(ruleSet, f).findings.length;
  times.push((process.cpuUsage().user - start) / 1000);
}
const what = mode === 'prefilter' ? 'candidate rules' : 'findings';
console.log(`${mode}: lowest ${Math.min(...times).toFixed(0)} ms CPU (rounds ${times.map((t) => t.toFixed(0)).join(', ')}); ${result} ${what}`);
