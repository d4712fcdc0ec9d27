import { createRequire } from 'node:module';
import type picomatchType from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/config/compile.js';

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
