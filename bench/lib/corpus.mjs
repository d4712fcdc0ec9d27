// The directory-scan corpus: real code copied out of a fresh `npm install` of popular packages (cached in
// .bench/corpus-src and .bench/tree/npm), plus files with planted fake keys, generated afresh on every run.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { plantKeys } from './planted.mjs';

/** Pinned, so that the corpus is the same from run to run (install scripts off, optional binaries left out). */
export const CORPUS_PACKAGES = [
  'typescript@5.6.3', 'lodash@4.17.21', 'react-dom@18.3.1', '@babel/core@7.26.0', 'webpack@5.96.1', 'eslint@9.14.0',
  'rxjs@7.8.1', 'moment@2.30.1', 'three@0.170.0', 'aws-sdk@2.1692.0', 'echarts@5.5.1', 'monaco-editor@0.52.0',
  '@angular/core@18.2.13', '@angular/compiler@18.2.13', 'firebase@10.14.1', '@mui/material@6.1.7',
];

function installPackages(src, log) {
  const marker = join(src, 'installed.json');
  const want = JSON.stringify(CORPUS_PACKAGES);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === want) return;
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'package.json'), '{"name":"bench-corpus","private":true}\n');
  log(`npm install ${CORPUS_PACKAGES.length} packages into ${src} (once; cached)`);
  execFileSync('npm', ['install', '--prefix', src, '--ignore-scripts', '--omit=optional', '--no-audit', '--no-fund', '--no-save', ...CORPUS_PACKAGES], {
    stdio: 'ignore',
  });
  writeFileSync(marker, want);
}

/** Every regular file under `dir`, depth-first in sorted order (symbolic links left out). */
function* walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name);
    const st = lstatSync(abs);
    if (st.isDirectory()) yield* walk(abs);
    else if (st.isFile()) yield { abs, size: st.size };
  }
}

function copyTree(src, dest, budget, log) {
  const marker = join(dest, '..', 'tree.json');
  if (existsSync(marker)) {
    const m = JSON.parse(readFileSync(marker, 'utf8'));
    if (m.budget === budget && m.packages === JSON.stringify(CORPUS_PACKAGES)) return m;
  }
  rmSync(dest, { recursive: true, force: true });
  log(`copying up to ${(budget / 1e6).toFixed(0)} MB of node_modules into ${dest}`);
  let files = 0;
  let bytes = 0;
  const from = join(src, 'node_modules');
  for (const f of walk(from)) {
    if (bytes + f.size > budget) break;
    const to = join(dest, f.abs.slice(from.length + 1));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(f.abs, to);
    files += 1;
    bytes += f.size;
  }
  const m = { budget, packages: JSON.stringify(CORPUS_PACKAGES), files, bytes };
  writeFileSync(marker, JSON.stringify(m));
  return m;
}

/**
 * Builds (or reuses) `<benchDir>/tree`: `npm/` holds real code up to `megabytes` MB, `planted/` fresh files with
 * fake keys. Returns { dir, files, bytes, planted: [{ kind, path, line }] } with paths relative to `dir`.
 */
export function buildCorpus(benchDir, megabytes, fakes, log) {
  const src = join(benchDir, 'corpus-src');
  const dir = join(benchDir, 'tree');
  installPackages(src, log);
  const real = copyTree(src, join(dir, 'npm'), Math.round(megabytes * 1e6), log);
  if (real.bytes < megabytes * 1e6 * 0.9) log(`note: the installed packages hold only ${(real.bytes / 1e6).toFixed(0)} MB`);
  rmSync(join(dir, 'planted'), { recursive: true, force: true });
  const planted = plantKeys(join(dir, 'planted'), fakes);
  return { dir, files: real.files + planted.files, bytes: real.bytes + planted.bytes, planted: planted.keys };
}
