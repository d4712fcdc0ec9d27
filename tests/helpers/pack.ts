// The package as a user gets it: `npm pack` of this checkout (already built by pretest), installed into a fresh
// project with npm, as `npm install -D keyhound` would.

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/paths.js';
import { sh } from './git.js';
import { tempDir } from './tmp.js';

let tarball: string | null = null;

/** Packs this checkout once per test file; returns the tarball's path. */
export function packTarball(): string {
  if (tarball) return tarball;
  const dir = tempDir('keyhound-pack-');
  // --ignore-scripts: the build already ran (pretest).
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
  return tarball;
}

/**
 * A fresh project (`npm init`-like package.json and a git repository) with the packed keyhound installed as a dev
 * dependency. Dependencies come from npm's cache when it has them (`npm ci` just filled it), else the registry.
 */
export function installedProject(): string {
  const dir = tempDir('keyhound-installed-');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'adopter', version: '1.0.0', private: true }));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  execFileSync('npm', ['install', '-D', '--prefer-offline', '--no-audit', '--no-fund', packTarball()], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  return dir;
}

/** This checkout as a git repository of its own (tracked and new files, committed), which pre-commit clones. */
export function snapshotRepo(): { repo: string; rev: string } {
  const repo = tempDir('keyhound-src-');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(repo, f)), { recursive: true });
    try {
      cpSync(join(PACKAGE_ROOT, f), join(repo, f));
    } catch {
      // deleted in the work tree but still tracked
    }
  }
  sh(repo, 'init', '-q', '-b', 'main');
  sh(repo, 'add', '-A');
  sh(repo, 'commit', '-q', '--no-verify', '-m', 'snapshot');
  return { repo, rev: sh(repo, 'rev-parse', 'HEAD') };
}
