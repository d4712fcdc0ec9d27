// The package installed from its tarball into a fresh project, run as a user would run it.

import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installedProject, snapshotRepo } from '../helpers/pack.js';
import { tempDir } from '../helpers/tmp.js';

let project = '';
beforeAll(() => {
  project = installedProject();
}, 180_000);

function installed(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const bin = join(project, 'node_modules', 'keyhound', 'bin', 'keyhound.js');
  return spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('the installed package', () => {
  // Regression (issue 21): npm extracts rules/*.yaml a few milliseconds after build/rules.json; the cache was judged
  // by time, so every installed run re-parsed the YAML (about 570 ms).
  it('uses its rule cache although npm wrote the packs after it', () => {
    const pkg = join(project, 'node_modules', 'keyhound');
    const cacheTime = statSync(join(pkg, 'build', 'rules.json')).mtime;
    const later = new Date(cacheTime.getTime() + 50);
    for (const f of readdirSync(join(pkg, 'rules'))) utimesSync(join(pkg, 'rules', f), later, later);
    writeFileSync(join(project, 'a.txt'), 'nothing here\n');
    const r = installed(['scan', 'a.txt', '--verbose']);
    expect(r.stderr).toContain(`rules: from the rule cache ${join(pkg, 'build', 'rules.json')}`);
    expect(r.status).toBe(0);
    // The check is by content: an edited pack is read from the YAML.
    appendFileSync(join(pkg, 'rules', 'core.yaml'), '\n# edited\n');
    expect(installed(['scan', 'a.txt', '--verbose']).stderr).toContain('is older than core.yaml');
  });

  it('installs from a git URL: npm builds it in its clone (prepare), and it runs', () => {
    const src = snapshotRepo();
    const dir = tempDir('keyhound-from-git-');
    // npm 11 runs a git dependency's build only once it is approved (`npm install-scripts approve keyhound`).
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'adopter', version: '1.0.0', private: true, allowScripts: { keyhound: true } }));
    execFileSync('npm', ['install', '-D', '--prefer-offline', '--no-audit', '--no-fund', `git+file://${src.repo}#${src.rev}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    writeFileSync(join(dir, 'a.txt'), 'nothing here\n');
    const r = spawnSync(process.execPath, [join(dir, 'node_modules', 'keyhound', 'bin', 'keyhound.js'), 'scan', 'a.txt', '--verbose'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toContain('rules: from the rule cache');
    expect(r.status).toBe(0);
  }, 900_000);
});
