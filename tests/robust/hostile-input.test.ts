// Issue 18: hostile configs, repositories and inputs, each case through the built CLI (or the bundled Action) in
// temporary folders and repositories. Each test names the case of the issue it pins. Memory tests are bounded
// (`head -c 200M`), never an endless stream.

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { githubToken } from '../../src/fakes/index.js';
import { BIN } from '../helpers/cli.js';
import { GIT_ENV, commitFiles, sh, tempRepo } from '../helpers/git.js';
import { installShim } from '../helpers/staged.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { runAction } from '../action/helpers.js';

/** Runs the built CLI with a kill timer and a memory ceiling: a hang or a runaway read fails the test. */
function cli(args: string[], options: { cwd?: string; input?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Pipes a bounded shell producer into the CLI. */
function piped(producer: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const quoted = [process.execPath, '--max-old-space-size=512', BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('bash', ['-c', `${producer} | NO_COLOR=1 ${quoted}; echo "exit=\${PIPESTATUS[1]}" >&2`], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const status = Number(/exit=(\d+)\s*$/.exec(r.stderr)?.[1] ?? -1);
  return { status: r.status === null ? null : status, stdout: r.stdout, stderr: r.stderr };
}

describe('issue 18 case 2: unbounded reads', () => {
  it('refuses a .keyhound.yaml that links to /dev/zero with a clear error', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': 'hello\n' });
    symlinkSync('/dev/zero', join(dir, '.keyhound.yaml'));
    const r = cli(['scan', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.keyhound\.yaml.*character device, not a regular file/);
  });

  it('refuses `baseline: /dev/zero` with a clear error', () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': 'hello\n', '.keyhound.yaml': 'baseline: /dev/zero\n' });
    const r = cli(['scan', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read baseline: a character device, not a regular file/);
  });

  it('refuses a FIFO as --config without waiting for a writer', () => {
    const dir = tempDir();
    spawnSync('mkfifo', [join(dir, 'c.yaml')]);
    const r = cli(['scan', dir, '--config', join(dir, 'c.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/a FIFO, not a regular file/);
  });

  it('refuses an import-config file that is a device', () => {
    const r = cli(['import-config', 'gitleaks', '/dev/zero']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a regular file/);
  });

  it('standard input honours --max-file-size: reads that much of 200 MB of zeros and reports the rest skipped', () => {
    const r = piped('head -c 200M /dev/zero', ['scan', '-', '--max-file-size', '1M', '--verbose']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/stdin: larger than --max-file-size: only the first 1048576 bytes were scanned/);
  });

  it('standard input over --max-file-size still scans what it read', () => {
    const key = githubToken();
    const r = piped(`{ printf 'TOKEN=${key}\\n'; head -c 3M /dev/zero | tr '\\0' 'a'; }`, ['scan', '-', '--max-file-size', '1M', '--format', 'json', '--verbose']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
    expect(r.stderr).toMatch(/skipped 1:\n {2}stdin: larger than --max-file-size/);
  });
});

describe('issue 18 cases 4 and 6: no write through a link', () => {
  it('case 6: `keyhound baseline` replaces a dangling .keyhound-baseline.json link instead of creating its target', () => {
    const repo = tempRepo();
    const outside = tempDir();
    commitFiles(repo, { 'a.txt': `TOKEN=${githubToken()}\n` });
    symlinkSync(join(outside, 'planted.json'), join(repo, '.keyhound-baseline.json'));
    const r = cli(['baseline', repo]);
    expect(r.status).toBe(0);
    expect(existsSync(join(outside, 'planted.json'))).toBe(false);
    expect(lstatSync(join(repo, '.keyhound-baseline.json')).isFile()).toBe(true);
  });

  it('--output replaces a link at the report path instead of writing through it', () => {
    const dir = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'victim'), 'precious\n');
    writeTree(dir, { 'a.txt': 'hello\n' });
    symlinkSync(join(outside, 'victim'), join(dir, 'report.json'));
    const r = cli(['scan', join(dir, 'a.txt'), '--format', 'json', '--output', join(dir, 'report.json')]);
    expect(r.status).toBe(0);
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, 'report.json')).isFile()).toBe(true);
  });

  it('case 4: the Action refuses to write its SARIF file through a keyhound.sarif link in the checkout', () => {
    const repo = tempRepo();
    const outside = tempDir();
    writeFileSync(join(outside, 'victim'), 'precious\n');
    symlinkSync(join(outside, 'victim'), join(repo, 'keyhound.sarif'));
    commitFiles(repo, { 'a.txt': 'hello\n' });
    const run = runAction(repo, { eventName: 'workflow_dispatch', event: {}, inputs: { mode: 'scan' } });
    expect(run.status).toBe(2);
    expect(run.log).toMatch(/keyhound\.sarif is a symbolic link/);
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('precious\n');
    sh(repo, 'status', '--short');
  });
});

describe('issue 18 cases 5, 7 and 8: install-hook keeps every hook its power and writes through no link', () => {
  function hookRepo(): string {
    const repo = tempRepo();
    commitFiles(repo, { 'README.md': 'hello\n', '.gitignore': 'node_modules/\n' });
    installShim(repo);
    return repo;
  }
  function commit(repo: string, file: string): { status: number | null; output: string } {
    writeTree(repo, { [file]: 'fine\n' });
    sh(repo, 'add', file);
    const r = spawnSync('git', ['commit', '-q', '-m', file], { cwd: repo, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8', timeout: 60_000 });
    return { status: r.status, output: r.stdout + r.stderr };
  }

  it('case 7: a hook whose last command fails still fails the commit once keyhound is installed', () => {
    const repo = hookRepo();
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    const previous = '#!/bin/sh\necho "team check failed" >&2\nfalse\n';
    writeFileSync(hook, previous, { mode: 0o755 });
    expect(commit(repo, 'a.txt').status).not.toBe(0);
    expect(cli(['install-hook'], { cwd: repo }).status).toBe(0);
    const r = commit(repo, 'b.txt');
    expect(r.output).toContain('team check failed');
    expect(r.status).not.toBe(0);
    expect(cli(['install-hook', '--uninstall'], { cwd: repo }).status).toBe(0);
    expect(readFileSync(hook, 'utf8')).toBe(previous);
  });

  it('case 8: refuses to edit a compiled hook, leaves its bytes alone, says how to chain it, and uninstall keeps it', () => {
    const repo = hookRepo();
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    copyFileSync('/bin/true', hook);
    chmodSync(hook, 0o755);
    const bytes = readFileSync(hook);
    const r = cli(['install-hook'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not a shell script/);
    expect(r.stderr).toMatch(/pre-commit\.local/);
    expect(readFileSync(hook).equals(bytes)).toBe(true);
    expect(cli(['install-hook', '--uninstall'], { cwd: repo }).status).toBe(0);
    expect(readFileSync(hook).equals(bytes)).toBe(true);
    expect(commit(repo, 'c.txt').status).toBe(0); // the compiled hook still runs
  });

  it('case 5: never writes through a committed .husky/pre-commit link, nor a linked .husky folder', () => {
    const outside = tempDir();
    const victim = join(outside, 'victim');
    writeFileSync(victim, 'precious\n');
    const repo = hookRepo();
    mkdirSync(join(repo, '.husky'));
    symlinkSync(victim, join(repo, '.husky', 'pre-commit'));
    const r = cli(['install-hook'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is a symbolic link/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');

    const repo2 = hookRepo();
    symlinkSync(outside, join(repo2, '.husky'));
    const r2 = cli(['install-hook'], { cwd: repo2 });
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/\.husky is a symbolic link/);
    expect(existsSync(join(outside, 'pre-commit'))).toBe(false);
  });
});

describe('issue 18 cases 1 and 17: no rule can hang a scan; gitleaks configs import', () => {
  const ruleYaml = (regex: string): string => `rules:\n  - id: evil\n    description: evil\n    severity: high\n    regex: '${regex}'\n`;

  it.each(['(a+){1,32}b', '(x?a|a)*b', '(?:[a-z0-9]+\\.?){1,20}@'])('case 1: a user rule %s finishes on a 70-byte file', (regex) => {
    const dir = tempDir();
    writeTree(dir, { '.keyhound.yaml': ruleYaml(regex), 'a.txt': `${'a'.repeat(69)}\n` });
    const r = cli(['scan', join(dir, 'a.txt'), '--config', join(dir, '.keyhound.yaml'), '--rule-budget', '100000']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/cut short/);
  });

  it('case 1: a nest of bounded repetitions too large for a linear-time program is refused at load', () => {
    const dir = tempDir();
    writeTree(dir, { '.keyhound.yaml': ruleYaml('((a{1,32}){1,32}){1,32}b'), 'a.txt': `${'a'.repeat(69)}\n` });
    const r = cli(['scan', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/evil: regex: invalid regex: .*repeat/);
  });

  it('case 1: the host-name rule in a gitleaks config (--config evil.toml) finishes, and finds what RE2 finds', () => {
    const dir = tempDir();
    writeTree(dir, {
      'evil.toml': "[[rules]]\nid = 'host'\nregex = '''(?:[a-z0-9]+\\.?){1,20}@'''\n",
      'a.txt': `${'a'.repeat(69)}\n`,
      'b.txt': 'mail me at ops.example@\n',
    });
    const r = cli(['scan', dir, '--config', join(dir, 'evil.toml'), '--format', 'json']);
    expect(r.status).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { path: string; ruleId: string }[];
    expect(findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['host b.txt']);
  });

  it('case 17: import-config accepts an RE2 regex the static check calls catastrophic, and it loads and scans', () => {
    const dir = tempDir();
    const toml = "[[rules]]\nid = 'dotted-name'\nregex = '''svc(?:\\.[A-Za-z]\\w+)+!'''\nkeywords = ['svc']\n";
    writeTree(dir, { 'gl.toml': toml, 'a.txt': `svc.alpha.beta!\n${'svc'.padEnd(60, '.a1')}\n` });
    const imported = cli(['import-config', 'gitleaks', join(dir, 'gl.toml')]);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('dotted-name');
    const r = cli(['scan', dir, '--config', join(dir, 'gl.toml'), '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
  });
});

describe('issue 18 case 3: a file larger than a JavaScript string', () => {
  it('a 600 MB file under --max-file-size 1G is scanned in chunks: keys at its start and end, at their exact lines', () => {
    const dir = tempDir();
    const file = join(dir, 'huge.log');
    const [first, last] = [githubToken(), githubToken()];
    // 600 MiB of 80-byte lines (`yes` writes them fast), a key on the first line and one on the last.
    const made = spawnSync('bash', ['-c', `{ printf 'TOKEN=%s\\n' "$1"; yes 'lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor in' | head -c 600M; printf '\\nTOKEN=%s\\n' "$2"; } > "$3"; wc -l < "$3"`, '_', first, last, file], { encoding: 'utf8' });
    const lines = Number(made.stdout.trim());
    expect(lines).toBeGreaterThan(7_000_000);
    try {
      const r = spawnSync(process.execPath, ['--max-old-space-size=1024', BIN, 'scan', file, '--max-file-size', '1G', '--format', 'json', '--no-redact'], {
        env: { ...process.env, NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 280_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(r.stderr).not.toMatch(/Cannot create a string/);
      expect(r.status).toBe(1);
      const found = (JSON.parse(r.stdout) as { findings: { secret: string; line: number; column: number }[] }).findings;
      expect(found.map((f) => [f.secret, f.line, f.column])).toEqual([
        [first, 1, 7],
        [last, lines, 7],
      ]);
    } finally {
      rmSync(file, { force: true });
    }
  }, 300_000);
});
