import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileAllowlist, compileGlob } from '../../src/config/compile.js';

const picomatch = createRequire(import.meta.url)('picomatch') as typeof picomatchType;

describe('compileGlob', () => {
  // Plain names and paths skip picomatch (the pre-commit hook would pay for loading it); they must decide exactly
  // as picomatch would.
  it('matches plain names and paths as picomatch does', () => {
    const paths = ['kraken.key', 'a/kraken.key', 'a/b/kraken.key', 'xkraken.key', 'kraken.key/x', 'kraken.keys', 'a/kraken.key.bak', 'config/secrets.txt', 'x/config/secrets.txt', 'config/secrets.txt.bak', '.env', 'a/.env', 'a.env'];
    for (const glob of ['kraken.key', 'config/secrets.txt', '.env', 'a-b_c.json']) {
      const ours = compileGlob(glob);
      const theirs = picomatch(glob, { dot: true, basename: !glob.includes('/') });
      for (const p of paths) expect(ours(p), `${glob} on ${p}`).toBe(theirs(p));
    }
  });

  it('still hands real globs to picomatch', () => {
    const m = compileGlob('*.pem');
    expect(m('a/b/key.pem')).toBe(true);
    expect(m('key.pem.txt')).toBe(false);
  });
});

describe('allowlist paths with "!" negations (issue 21)', () => {
  const micromatch = createRequire(import.meta.url)('micromatch') as (list: string[], patterns: string[], options?: object) => string[];
  const paths = ['src/app.js', 'vendor/x.js', 'vendor/keep/y.js', 'vendor/keep/deep/z.js', 'a/vendor/x.js', 'fixtures/.env', 'fixtures/live/.env', 'x.snap', 'a/b/x.snap'];
  const listed = (globs: string[]): string[] => paths.filter((p) => compileAllowlist({ paths: globs }, { field: 'allowlist' }).paths!(p));

  // Before: each entry was tested alone and any match allowed, and a lone "!x" matches every path but x, so adding a
  // negation allowed (nearly) the whole repository.
  it('a later negation takes paths back out; it never allows anything by itself', () => {
    expect(listed(['vendor/**', '!vendor/keep/**'])).toEqual(['vendor/x.js']);
    expect(listed(['fixtures/**', '!fixtures/live/**', '*.snap'])).toEqual(['fixtures/.env', 'x.snap', 'a/b/x.snap']);
    expect(listed(['!vendor/**'])).toEqual([]);
  });

  it('reads the list in order, as micromatch does: a later positive entry puts paths back', () => {
    // (Patterns with a slash: a bare name matching at any depth is keyhound's convention for every path pattern,
    // which micromatch's list function can only apply to all patterns at once.)
    for (const globs of [
      ['vendor/**', '!vendor/keep/**'],
      ['vendor/**', '!vendor/keep/**', 'vendor/keep/deep/**'],
      ['**/*.js', '!**/vendor/**', 'src/**'],
      ['**/*.snap', '!a/**'],
    ]) {
      expect(listed(globs), globs.join(' ')).toEqual(micromatch(paths, globs, { dot: true }));
    }
  });

  it('takes re: entries, negated or not, and rejects an empty "!"', () => {
    expect(listed(['re:^vendor/', '!re:/keep/'])).toEqual(['vendor/x.js']);
    expect(listed(['vendor/**', '!re:/keep/deep/'])).toEqual(['vendor/x.js', 'vendor/keep/y.js']);
    expect(() => compileAllowlist({ paths: ['vendor/**', '!'] }, { field: 'allowlist' })).toThrow(/allowlist\.paths\[1\].*empty path pattern|empty path pattern/);
  });
});
