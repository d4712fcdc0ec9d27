// Supply chain: the published package holds only what runs (bin, build, rules) and the docs — no tests, benchmarks,
// TypeScript sources or scripts.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/load.js';

describe('the published package', () => {
  it('lists only runtime files in npm pack', () => {
    // --ignore-scripts: the build already ran (pretest); prepack would only run it again.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/keyhound.js', 'build/src/cli/index.js', 'build/staged.js', 'build/history.js', 'build/snapshot.cjs', 'build/cli/index.js', 'build/cli/scan-worker.js', 'build/rules.json', 'rules/schema.json', 'README.md', 'package.json']));
    const allowed = /^(bin\/|build\/(src\/|chunks\/|cli\/|staged\.js$|history\.js$|snapshot\.cjs$|rules\.json$|rules\.keywords\.bin$)|rules\/[\w-]+\.(yaml|json)$|README\.md$|CHANGELOG\.md$|LICENSE|package\.json$)/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.filter((f) => /(^|\/)(tests?|bench|\.bench|scripts|fixtures)(\/|$)|\.test\.|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  // Regression: @scure/bip39 was a devDependency while build/src imported it, so `keyhound scan` from a fresh
  // `npm install keyhound` died with ERR_MODULE_NOT_FOUND (and exit 1, the "secrets found" code).
  it('imports at run time only Node built-ins and its own dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : n.endsWith('.js') ? [join(dir, n)] : []));
    const files = [...walk(join(PACKAGE_ROOT, 'build', 'src')), ...walk(join(PACKAGE_ROOT, 'build', 'chunks')), ...walk(join(PACKAGE_ROOT, 'build', 'cli')), join(PACKAGE_ROOT, 'build', 'staged.js'), join(PACKAGE_ROOT, 'build', 'history.js'), join(PACKAGE_ROOT, 'build', 'snapshot.cjs')];
    const specifiers = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      // A specifier starts as a package name does (simple-git's regex literal `from '([^']+)'` is not one).
      for (const m of text.matchAll(/(?:(?<!['"])\bfrom\s*|\bimport\s*\(\s*|^\s*import\s*|\brequire\s*\(\s*|createRequire\([^)]*\)\(\s*)['"]([@A-Za-z0-9_][^'"\s]*)['"]/gm)) specifiers.add(m[1]!);
    }
    const packageOf = (s: string): string => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
    const builtins = new Set(builtinModules);
    const missing = [...specifiers].filter((s) => !s.startsWith('node:') && !builtins.has(s) && !(packageOf(s) in pkg.dependencies));
    expect(specifiers.size).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });
});
