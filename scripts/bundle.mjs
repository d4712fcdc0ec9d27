// Build step: bundles the `keyhound staged` fast path (src/cli/fast.ts and what it imports) into build/staged.js,
// one ES module, so the pre-commit hook does not pay for resolving and compiling dozens of files at every commit.
// Modules loaded on demand (the YAML/schema loader when the user has a .keyhound.yaml) become chunks beside it.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('build/chunks', { recursive: true, force: true });

await build({
  entryPoints: { staged: 'src/cli/fast.ts' },
  outdir: 'build',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (ajv, yaml) inside an ES bundle need a require().
  banner: { js: "import { createRequire as __keyhoundRequire } from 'node:module'; const require = __keyhoundRequire(import.meta.url);" },
  logLevel: 'warning',
});
