// Build step: bundles the CLI into ES modules, so a run does not pay for resolving and compiling about a hundred
// files (and yargs') at every start.
//   build/staged.js   the `keyhound staged` fast path (src/cli/fast.ts and what it imports): the pre-commit hook
//                     runs it at every commit, so it stays one file; modules loaded on demand (the YAML/schema loader
//                     when the user has a .keyhound.yaml) become chunks beside it, in build/chunks/.
//   build/history.js  the `keyhound history` fast path (src/cli/fast-history.ts): no yargs, whose loading and help
//                     layout cost more than git needs to list a few thousand commits; built on its own, so that
//                     staged.js keeps its shape.
//   build/cli/        everything else (scan, history, diff, baseline, …) and the scan worker, which each worker
//                     thread of a directory scan loads; built separately, so the staged bundle keeps its shape.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('build/chunks', { recursive: true, force: true });
rmSync('build/cli', { recursive: true, force: true });
rmSync('build/history.js', { force: true });

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
