// dist/index.js is committed (the runner has no node_modules): it must be exactly what `npm run build:action`
// makes from the sources now. Fails when a change to src/ was committed without rebuilding the bundle.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/load.js';
import { tempDir } from '../helpers/tmp.js';

describe('dist/index.js', () => {
  it('is up to date with src/ (run `npm run build:action` and commit dist/ when this fails)', () => {
    const out = join(tempDir('keyhound-dist-'), 'index.js');
    execFileSync(process.execPath, [join(PACKAGE_ROOT, 'scripts', 'build-action.mjs'), out], { cwd: PACKAGE_ROOT });
    const fresh = readFileSync(out);
    const committed = readFileSync(join(PACKAGE_ROOT, 'dist', 'index.js'));
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.equals(committed), 'dist/index.js is stale: run npm run build:action and commit dist/').toBe(true);
  });

  it('is not ignored by git, so it is committed', () => {
    expect(() => execFileSync('git', ['check-ignore', '-q', 'dist/index.js'], { cwd: PACKAGE_ROOT })).toThrow();
  });
});
