// Stands in for `node:module` inside the Action's bundle (see scripts/build-action.mjs): a createRequire whose require
// serves picomatch and micromatch from the bundle, since the Action's checkout has no node_modules to load them from.

import { createRequire as nodeCreateRequire } from 'node:module';
import micromatch from 'micromatch';
import picomatch from 'picomatch';

export function createRequire(url: string | URL): (id: string) => unknown {
  const real = nodeCreateRequire(url);
  return (id: string) => (id === 'picomatch' ? picomatch : id === 'micromatch' ? micromatch : real(id));
}
