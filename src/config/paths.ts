// Where keyhound's own files are: the package root (found from this module, so it works from src/, build/ and a
// bundle) and the built-in rules folder. No dependencies, so the fast `staged` path can load it.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: the nearest folder above this module holding rules/schema.json and package.json. */
export const PACKAGE_ROOT: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'rules', 'schema.json')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('keyhound: cannot find its rules/ folder');
    dir = up;
  }
})();

export const DEFAULT_RULES_DIR = join(PACKAGE_ROOT, 'rules');

/** The rule cache written at build time (`npm run build`): the built-in packs, parsed and schema-validated. */
export const RULES_CACHE = join(PACKAGE_ROOT, 'build', 'rules.json');
