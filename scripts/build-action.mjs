// Build step for the GitHub Action: bundles src/action/index.ts and everything it imports (keyhound's sources,
// @actions/core, yaml, ajv, picomatch) into one ES module, dist/index.js, which is committed: the runner runs it from
// the action's checkout, where there is no node_modules. The rules are not bundled: they are read from rules/ beside
// dist/ at run time. esbuild's output is deterministic for the same inputs and version, so a test rebuilds the bundle
// into a temporary folder and compares it byte for byte with the committed one (tests/action/dist.test.ts).
//
// Usage: node scripts/build-action.mjs [outfile]   (default dist/index.js)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = resolve(process.argv[2] ?? join(root, 'dist', 'index.js'));

// src/config/compile.ts loads picomatch with a runtime require (so the staged bundle stays small); the Action has no
// node_modules to require it from, so its `node:module` is swapped for a shim whose require serves the bundled copy.
const bundledRequire = {
  name: 'bundled-require',
  setup(b) {
    b.onResolve({ filter: /^node:module$/ }, (args) =>
      args.importer.endsWith(join('src', 'config', 'compile.ts')) ? { path: join(root, 'src', 'action', 'module-shim.ts') } : undefined,
    );
  },
};

// @actions/core imports its HTTP client (and undici, ~800 kB) only for getIDToken (OIDC), which keyhound never calls:
// a stub that throws keeps the committed bundle a third of the size.
const noHttpClient = {
  name: 'no-http-client',
  setup(b) {
    b.onResolve({ filter: /^@actions\/http-client(\/.*)?$/ }, () => ({ path: join(root, 'src', 'action', 'http-client-stub.ts') }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src/action/index.ts'],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [bundledRequire, noHttpClient],
  // CommonJS dependencies inside an ES bundle need a require() for Node's built-in modules.
  banner: { js: "import { createRequire as __keyhoundRequire } from 'node:module'; const require = __keyhoundRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
