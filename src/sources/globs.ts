// Glob operands (`keyhound scan "src/**/*.env"`) and `--include` / `--exclude` patterns. Loaded only when a run has
// one of them (scan.ts imports it on demand), so neither fast-glob nor micromatch is on any start-up path.
//
// fast-glob reads a glob operand: whether it is a pattern at all, its static base folder(s) (`src` for
// `src/**/*.env`; braces can give several) and the pattern for each base. The walking stays fs.ts's, so a glob
// operand honours .gitignore exactly as a walked folder does (ignored folders pruned, tracked files kept, every skip
// reported), which fast-glob's own walk cannot. micromatch (fast-glob's own matcher) decides which walked files match.

import { isAbsolute, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import micromatch from 'micromatch';
import { PathPatternError, type GlobWalk, type PathFilter } from './fs.js';

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Whether fast-glob reads `operand` as a pattern (`*`, `?`, `[…]`, `{a,b}`, extglobs) rather than a plain path. */
export function isGlob(operand: string): boolean {
  return fg.isDynamicPattern(operand);
}

/**
 * A glob operand as a walk: its static base folders, resolved from `cwd`, and a test on absolute paths. Matching is
 * against the path relative to `cwd` (or the absolute path, for an absolute pattern), as a shell would; dotfiles
 * match (`**\/*.env` finds `.env`): a secret scanner must not pass over them.
 */
export function globWalk(pattern: string, cwd: string): GlobWalk {
  const tasks = fg.generateTasks([pattern], { cwd, dot: true });
  const bases = [...new Set(tasks.map((t) => resolve(cwd, t.base)))];
  const patterns = tasks.flatMap((t) => t.positive).map((p) => p.replace(/^\.\//, ''));
  const absolute = isAbsolute(pattern);
  const test = micromatch.matcher(patterns.length === 1 ? patterns[0]! : `{${patterns.join(',')}}`, { dot: true });
  return {
    glob: pattern,
    bases,
    matches: (abs) => test(toPosix(absolute ? abs : relative(cwd, abs))),
  };
}

/**
 * `--include` / `--exclude` as a filter on paths relative to the scan root (as reported). A pattern without a slash
 * matches a file or folder name at any depth (`*.min.js`, `node_modules`), one with a slash the whole relative path
 * (`src/**`), as the config's allowlist `paths` do. null when both lists are empty.
 */
export function pathFilter(include: readonly string[], exclude: readonly string[]): PathFilter | null {
  if (include.length === 0 && exclude.length === 0) return null;
  const compile = (flag: string, patterns: readonly string[]): ((path: string) => boolean) | null => {
    if (patterns.length === 0) return null;
    const tests = patterns.map((p) => {
      if (p.trim() === '') throw new PathPatternError(`${flag} needs a pattern`);
      if (p.startsWith('!')) throw new PathPatternError(`${flag} "${p}": a pattern cannot start with "!" (use --include and --exclude)`);
      const glob = p.replace(/^\.\//, '').replace(/\/+$/, '');
      return micromatch.matcher(glob, { dot: true, basename: !glob.includes('/') });
    });
    return (path) => tests.some((t) => t(path));
  };
  return { include: compile('--include', include), exclude: compile('--exclude', exclude) };
}
