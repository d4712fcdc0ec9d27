// Build step: bundles the CLI into ES modules, so a run does not pay for resolving and compiling about a hundred
// files (and yargs') at every start.
//   build/staged.js   the `keyhound staged` fast path (src/cli/fast.ts and what it imports): the pre-commit hook
//                     runs it at every commit, so it stays one file; modules loaded on demand (the YAML/schema loader
//                     when the user has a .keyhound.yaml) become chunks beside it, in build/chunks/.
//   build/history.js  the `keyhound history` fast path (src/cli/fast-history.ts): no yargs, whose loading and help
//                     layout cost more than git needs to list a few thousand commits; built on its own, so that
//                     staged.js keeps its shape.
//   build/snapshot.cjs the entry of the pre-commit snapshot (src/cli/snapshot-main.ts, src/hooks/snapshot.ts), as
//                     CommonJS, which is what `node --build-snapshot` runs.
//   build/cli/        everything else (scan, history, diff, baseline, …) and the scan worker, which each worker
//                     thread of a directory scan loads; built separately, so the staged bundle keeps its shape.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('build/chunks', { recursive: true, force: true });
rmSync('build/cli', { recursive: true, force: true });
rmSync('build/history.js', { force: true });
rmSync('build/snapshot.cjs', { force: true });

const common = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (ajv, yaml, yargs' helpers) inside an ES bundle need a require().
  banner: { js: "import { createRequire as __keyhoundRequire } from 'node:module'; const require = __keyhoundRequire(import.meta.url);" },
  logLevel: 'warning',
};

await build({ ...common, entryPoints: { staged: 'src/cli/fast.ts' }, outdir: 'build' });
await build({ ...common, entryPoints: { history: 'src/cli/fast-history.ts' }, outdir: 'build' });
await build({ ...common, entryPoints: { index: 'src/cli/index.ts', 'scan-worker': 'src/scan-worker.ts' }, outdir: 'build/cli' });

// Node loads a snapshot builder's entry as one CommonJS script that may require built-in modules only. Two that
// keyhound uses are not yet certified for snapshots by Node (it warns): their functions are looked up at their first
// call, after the snapshot has started, instead of while it is built. A function not listed here fails the build.
const LATE = { child_process: ['spawn', 'execFileSync'], module: ['createRequire'] };
const lateBuiltins = {
  name: 'late-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(child_process|module)$/ }, (a) => ({ path: a.path.slice(5), namespace: 'late' }));
    b.onLoad({ filter: /.*/, namespace: 'late' }, (a) => ({
      contents: LATE[a.path].map((f) => `export function ${f}(...args) { return require('${a.path}').${f}(...args); }`).join('\n'),
      loader: 'js',
    }));
  },
};
await build({
  entryPoints: { snapshot: 'src/cli/snapshot-main.ts' },
  outExtension: { '.js': '.cjs' },
  outdir: 'build',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': '__keyhoundUrl' },
  banner: { js: "const __keyhoundUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lateBuiltins],
  // The snapshot keeps this bundle's source: without comments and indentation, and pure ASCII (a test checks), it is
  // a one-byte string of 0.8 MB rather than a two-byte one of 2.4 MB, which every commit deserialises. Names stay, so
  // a stack trace still reads.
  minifyWhitespace: true,
  logLevel: 'warning',
});
