// .gitignore semantics for the walker, via the `ignore` package: one matcher per .gitignore file, each applied to
// paths relative to its own folder, as git does for nested ignore files.

import { existsSync } from 'node:fs';
import { readBoundedText } from '../util/files.js';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface IgnoreLayer {
  /** Absolute folder the patterns are relative to. */
  base: string;
  ig: Ignore;
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/**
 * Reads `dir/.gitignore` (and `.git/info/exclude` at a repository top) as a layer, or null when there is none.
 * `names`: the folder's entries when the caller has listed them, which spares a failed lookup per folder of a walk.
 */
export function readLayer(dir: string, names?: ReadonlySet<string>): IgnoreLayer | null {
  const has = (name: string): boolean => (names ? names.has(name) : existsSync(join(dir, name)));
  const exclude = join(dir, '.git', 'info', 'exclude');
  const files = [...(has('.gitignore') ? [join(dir, '.gitignore')] : []), ...(has('.git') && existsSync(exclude) ? [exclude] : [])];
  if (files.length === 0) return null;
  const ig = ignore();
  for (const f of files) {
    try {
      ig.add(readBoundedText(f));
    } catch {
      // An unreadable ignore file (or a link to a device, or a huge one) ignores nothing: the safe direction for a secret scanner.
    }
  }
  return { base: dir, ig };
}

/** Layers from the enclosing repository's top down to (not including) `dir`, so `scan src/` honours the root .gitignore. */
export function ancestorLayers(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let cur = dirname(dir);
  let top: string | null = existsSync(join(dir, '.git')) ? dir : null;
  while (!top) {
    chain.push(cur);
    if (existsSync(join(cur, '.git'))) top = cur;
    const up = dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  if (!top || top === dir) return [];
  return chain
    .reverse()
    .map((d) => readLayer(d))
    .filter((l): l is IgnoreLayer => l !== null);
}

/**
 * True when `abs` (a directory when `isDir`) is ignored. Layers are ordered outermost first; as in git, the deepest
 * .gitignore with a verdict on the path wins, so a nested `!pattern` can re-include what a parent ignored.
 */
export function isIgnored(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const { base, ig } = layers[i]!;
    const rel = toPosix(relative(base, abs));
    if (!rel || rel.startsWith('..')) continue;
    const verdict = ig.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
