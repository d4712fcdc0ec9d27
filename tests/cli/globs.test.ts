// Glob operands and --include / --exclude on `scan` (issue 21: `keyhound scan "**/*.py"` failed with "path not found").

import { describe, expect, it } from 'vitest';
import { keyhound } from '../helpers/cli.js';
import { sh } from '../helpers/git.js';
import { ghToken } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

interface Report {
  findings: { path: string }[];
}

/** A folder with a key in each of several files, in and out of a gitignored node_modules. */
function tree(): string {
  const dir = tempDir();
  writeTree(dir, {
    '.gitignore': 'node_modules/\n*.log\n',
    'src/a/prod.env': `TOKEN=${ghToken()}\n`,
    'src/b/.env': `TOKEN=${ghToken()}\n`,
    'src/b/app.js': `const token = "${ghToken()}";\n`,
    'vendor/lib.env': `TOKEN=${ghToken()}\n`,
    'node_modules/pkg/x.env': `TOKEN=${ghToken()}\n`,
    'debug.log': `TOKEN=${ghToken()}\n`,
    'notes.txt': `TOKEN=${ghToken()}\n`,
  });
  sh(dir, 'init', '-q');
  return dir;
}

function paths(args: string[], cwd: string): { status: number; paths: string[]; stderr: string } {
  const r = keyhound(['scan', ...args, '--format', 'json'], { cwd });
  const found = r.stdout ? (JSON.parse(r.stdout) as Report).findings.map((f) => f.path).sort() : [];
  return { status: r.status, paths: found, stderr: r.stderr };
}

describe('glob operands', () => {
  it('scans the files a quoted glob matches, dotfiles included (was: "path not found")', () => {
    const r = paths(['src/**/*.env'], tree());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.paths).toEqual(['src/a/prod.env', 'src/b/.env']);
  });

  it('walks a glob as a folder: .gitignore holds below its base, and --no-gitignore lifts it', () => {
    const dir = tree();
    expect(paths(['**/*.env'], dir).paths).toEqual(['src/a/prod.env', 'src/b/.env', 'vendor/lib.env']);
    expect(paths(['**/*.env', '--no-gitignore'], dir).paths).toEqual(['node_modules/pkg/x.env', 'src/a/prod.env', 'src/b/.env', 'vendor/lib.env']);
    // The static base is named by the user, as `scan node_modules` would be.
    expect(paths(['node_modules/**/*.env'], dir).paths).toEqual(['node_modules/pkg/x.env']);
  });

  it('takes braces with several bases, and globs beside plain paths', () => {
    const dir = tree();
    expect(paths(['{src/a,vendor}/*.env', 'notes.txt'], dir).paths).toEqual(['notes.txt', 'src/a/prod.env', 'vendor/lib.env']);
  });

  it('is an error (exit 2) when a glob matches nothing, naming .gitignore when it took the matches', () => {
    const dir = tree();
    const none = keyhound(['scan', '**/*.nothing'], { cwd: dir });
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no file matches the glob "**/*.nothing"');
    const ignored = keyhound(['scan', '*.log'], { cwd: dir });
    expect(ignored.status).toBe(2);
    expect(ignored.stderr).toContain('matches only files that .gitignore excludes (--no-gitignore scans them)');
    expect(paths(['*.log', '--no-gitignore'], dir).paths).toEqual(['debug.log']);
    const missingBase = keyhound(['scan', 'nowhere/**/*.env'], { cwd: dir });
    expect(missingBase.status).toBe(2);
    expect(missingBase.stderr).toContain('no file matches the glob "nowhere/**/*.env"');
  });

  it('keeps an existing path that looks like a glob a path, and a missing plain path "path not found"', () => {
    const dir = tempDir();
    writeTree(dir, { 'pages/[id].tsx': `const token = "${ghToken()}";\n`, 'pages/i.tsx': `const token = "${ghToken()}";\n` });
    expect(paths(['pages/[id].tsx'], dir).paths).toEqual(['pages/[id].tsx']);
    const missing = keyhound(['scan', 'nosuch.txt'], { cwd: dir });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('path not found: nosuch.txt');
  });
});

describe('--include and --exclude', () => {
  it('--exclude skips (and reports) matching files and folders, at any depth for a bare name; repeatable', () => {
    const dir = tree();
    const r = keyhound(['scan', '.', '--exclude', 'vendor', '--exclude', '*.env', '--verbose', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as Report).findings.map((f) => f.path).sort()).toEqual(['notes.txt', 'src/b/app.js']);
    expect(r.stderr).toContain('vendor/: excluded by --exclude');
    expect(r.stderr).toContain('src/a/prod.env: excluded by --exclude');
  });

  it('--include keeps only matching files; a pattern with a slash is a path from the scan root', () => {
    const dir = tree();
    expect(paths(['.', '--include', '*.env'], dir).paths).toEqual(['src/a/prod.env', 'src/b/.env', 'vendor/lib.env']);
    expect(paths(['.', '--include', 'src/**', '--exclude', 'app.js'], dir).paths).toEqual(['src/a/prod.env', 'src/b/.env']);
    // Relative to the scan root: with one folder named, that folder.
    expect(paths(['src', '--include', 'a/*'], dir).paths).toEqual(['a/prod.env']);
  });

  it('applies to glob operands too, and leaves .gitignore as it is', () => {
    const dir = tree();
    expect(paths(['**/*.env', '--exclude', 'vendor'], dir).paths).toEqual(['src/a/prod.env', 'src/b/.env']);
    expect(paths(['.', '--include', '*.log'], dir).paths).toEqual([]);
  });

  it('rejects a "!" pattern (exit 2)', () => {
    const r = keyhound(['scan', '.', '--exclude', '!vendor'], { cwd: tree() });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot start with "!"');
  });
});

describe('.keyhound.yaml allowlist paths with "!" negations', () => {
  it('allows the listed paths but not those a later negation takes back (was: the negation allowed everything else)', () => {
    const dir = tempDir();
    writeTree(dir, {
      '.keyhound.yaml': "allowlist:\n  paths: ['fixtures/**', '!fixtures/live/**']\n",
      'fixtures/fake.env': `TOKEN=${ghToken()}\n`,
      'fixtures/live/real.env': `TOKEN=${ghToken()}\n`,
      'src/app.env': `TOKEN=${ghToken()}\n`,
    });
    expect(paths(['.'], dir).paths).toEqual(['fixtures/live/real.env', 'src/app.env']);
  });
});
