// A hostile tree through the built CLI: every odd thing a real checkout (or an attacker) can put on disk. The scan
// must finish, find the keys it can read at the right place, count and list (with --verbose) everything it skips,
// and exit 0/1 as usual — never 2, which is kept for usage and configuration errors.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandTemplate } from '../../src/fakes/index.js';
import type { Fragment, Skip } from '../../src/model/types.js';
import { fsSource } from '../../src/sources/fs.js';
import { BIN } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const isRoot = process.getuid?.() === 0;

interface JsonFinding {
  ruleId: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
}

/** Runs the built CLI with a generous kill timer: a hang fails the test instead of wedging the suite. */
function cli(args: string[]): { status: number | null; signal: string | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

const token = (): string => expandTemplate('{{github:ghp}}');

describe('a hostile tree', () => {
  const dir = tempDir('keyhound-hostile-');
  const keys: Record<string, string> = {};
  let server: Server | null = null;
  let longChain: string | null = null;

  beforeAll(async () => {
    for (const k of ['utf8bad', 'crlf', 'le', 'be', 'deep', 'newline', 'space', 'quote', 'cyrillic', 'cjk', 'escape']) keys[k] = token();
    const utf16 = (text: string, bigEndian: boolean): Buffer => {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), bigEndian ? Buffer.from(le).swap16() : le]);
    };
    writeTree(dir, {
      'bin/image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...Buffer.from(`GITHUB_TOKEN=${token()}`)]),
      'bin/zeros.bin': Buffer.alloc(4096),
      // Invalid UTF-8 before the key and on the key's own line: the key is still found on line 3.
      'enc/latin1.env': Buffer.concat([
        Buffer.from('caf\xe9 = 1\n', 'latin1'),
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a]),
        Buffer.from([0xff, 0xfe, 0x80]),
        Buffer.from(` GITHUB_TOKEN=${keys.utf8bad} `),
        Buffer.from([0xed, 0xa0, 0x80, 0x0a]),
      ]),
      'enc/crlf.env': `one\r\ntwo\r\n\r\nGITHUB_TOKEN=${keys.crlf}\r\nfive\r\n`,
      'enc/utf16le.env': utf16(`first\nsecond\nGITHUB_TOKEN=${keys.le}\n`, false),
      'enc/utf16be.env': utf16(`first\r\nGITHUB_TOKEN=${keys.be}\r\n`, true),
      'empty.txt': '',
      [`${'d/'.repeat(60)}deep.env`]: `GITHUB_TOKEN=${keys.deep}\n`,
      'names/new\nline.env': `GITHUB_TOKEN=${keys.newline}\n`,
      'names/with space.env': `GITHUB_TOKEN=${keys.space}\n`,
      [`names/quo"te'.env`]: `GITHUB_TOKEN=${keys.quote}\n`,
      'names/ключ.env': `GITHUB_TOKEN=${keys.cyrillic}\n`,
      'names/鍵 ファイル.env': `GITHUB_TOKEN=${keys.cjk}\n`,
      'names/\u001b[31mred.env': `GITHUB_TOKEN=${keys.escape}\n`,
    });
    mkdirSync(join(dir, 'empty-dir'));
    // Links: a loop to itself, to the tree's root, to the parent of the root, dangling, and to a key file.
    mkdirSync(join(dir, 'links'));
    symlinkSync('.', join(dir, 'links/dot'));
    symlinkSync(dir, join(dir, 'links/root'));
    symlinkSync('../..', join(dir, 'links/parent'));
    symlinkSync('self', join(dir, 'links/self'));
    symlinkSync('missing', join(dir, 'links/dangling'));
    symlinkSync('../enc/crlf.env', join(dir, 'links/to-key.env'));
    // Special files: a FIFO (opening it would block), a Unix socket, and as root a character device.
    mkdirSync(join(dir, 'special'));
    execFileSync('mkfifo', [join(dir, 'special/pipe')]);
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(join(dir, 'special/socket'), resolve));
    if (isRoot) execFileSync('mknod', [join(dir, 'special/null-device'), 'c', '1', '3']);
    // Unreadable: by permissions (not as root, which reads anyway), and root-proof: entries whose absolute path is
    // longer than PATH_MAX (4096), so lstat fails with ENAMETOOLONG whoever runs the scan.
    writeTree(dir, { 'locked/file.env': 'x\n', 'locked-dir/inner.env': 'x\n' });
    chmodSync(join(dir, 'locked/file.env'), 0o000);
    chmodSync(join(dir, 'locked-dir'), 0o000);
    const seg = 'L'.repeat(250);
    longChain = join(dir, 'long');
    mkdirSync(longChain);
    // A child process walks down with relative chdir/mkdir calls, which have no length limit (the scan's absolute
    // paths do).
    const walkDown = `process.chdir(process.argv[1]); for (let i = 0; i < 17; i++) { fs.mkdirSync('${seg}'); process.chdir('${seg}'); } fs.writeFileSync('${'F'.repeat(200)}.env', 'x');`;
    execFileSync(process.execPath, ['-e', walkDown, longChain]);
  }, 60_000);

  afterAll(() => {
    server?.close();
    chmodSync(join(dir, 'locked-dir'), 0o755);
    // rm walks with relative paths, so it can remove what is deeper than PATH_MAX; rmSync cannot.
    if (longChain) execFileSync('rm', ['-rf', longChain]);
  });

  it('finishes, finds every readable key at the right line, and exits 1 (not 2)', () => {
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: JsonFinding[]; stats: { files: number; skipped: number } };
    const at = (path: string): JsonFinding[] => doc.findings.filter((f) => f.path === path);
    const expectOne = (path: string, line: number): void => {
      const found = at(path);
      expect(found, path).toHaveLength(1);
      expect(found[0]!.line, path).toBe(line);
      expect(found[0]!.ruleId).toBe('github-token');
    };
    expectOne('enc/latin1.env', 3);
    expectOne('enc/crlf.env', 4);
    expectOne('enc/utf16le.env', 3);
    expectOne('enc/utf16be.env', 2);
    expectOne(`${'d/'.repeat(60)}deep.env`, 1);
    for (const name of ['new\nline.env', 'with space.env', `quo"te'.env`, 'ключ.env', '鍵 ファイル.env', '\u001b[31mred.env']) expectOne(`names/${name}`, 1);
    // CRLF: the column is the key's, and the end column stops before the CR.
    const crlf = at('enc/crlf.env')[0]!;
    expect(crlf.column).toBe('GITHUB_TOKEN='.length + 1);
    expect(crlf.endColumn).toBe('GITHUB_TOKEN='.length + keys.crlf!.length);
    // Nothing through a link, nothing from the binaries, the special files or the unreadable entries.
    expect(doc.findings.map((f) => f.path).filter((p) => /^(links|bin|special|locked|long)/.test(p))).toEqual([]);
    expect(doc.findings).toHaveLength(11);
    // Scanned: the 11 key files and empty.txt (and, as root, the chmod-locked files, which root can read).
    expect(doc.stats.files).toBe(isRoot ? 14 : 12);
  });

  it('counts every skip and lists each, with its reason, under --verbose', () => {
    const r = cli(['scan', dir, '--verbose', '--format', 'json']);
    expect(r.status).toBe(1);
    const stats = JSON.parse(r.stdout).stats as { skipped: number };
    const listed = r.stderr.split('\n').filter((l) => /^ {2}\S/.test(l) && !/^ {2}[a-z:-]+: \d+$/.test(l));
    const reasons = new Map(listed.map((l) => [l.slice(2, l.lastIndexOf(': ')), l.slice(l.lastIndexOf(': ') + 2)]));
    expect(r.stderr).toContain(`skipped ${stats.skipped}:`);
    expect(listed).toHaveLength(stats.skipped);
    expect(reasons.get('bin/image.png')).toBe('binary');
    expect(reasons.get('bin/zeros.bin')).toBe('binary');
    for (const link of ['dot', 'root', 'parent', 'self', 'dangling', 'to-key.env']) expect(reasons.get(`links/${link}`)).toMatch(/symbolic link/);
    expect(reasons.get('special/pipe')).toMatch(/not a regular file/);
    expect(reasons.get('special/socket')).toMatch(/not a regular file/);
    if (isRoot) expect(reasons.get('special/null-device')).toMatch(/not a regular file/);
    const tooLong = [...reasons].filter(([p, why]) => p.startsWith('long/') && /ENAMETOOLONG/.test(why));
    expect(tooLong.length).toBeGreaterThanOrEqual(1);
  });

  // Permissions do not stop root: this part only runs as an ordinary user. The ENAMETOOLONG entries above are the
  // root-proof unreadable case.
  it.skipIf(isRoot)('reports files and folders it may not read, and goes on', () => {
    const r = cli(['scan', dir, '--verbose']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ {2}locked\/file\.env: unreadable: EACCES/);
    expect(r.stderr).toMatch(/ {2}locked-dir\/: unreadable directory: EACCES/);
  });

  it('keeps one finding per line in the text and github reports, whatever the file names hold', () => {
    const text = cli(['scan', join(dir, 'names')]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('\nnew\\nline.env\n');
    expect(text.stdout).toContain('\\x1b[31mred.env\n');
    expect(text.stdout).not.toContain('\u001b');
    expect(text.stdout.split('\n').filter((l) => l.startsWith('line.env'))).toEqual([]);
    const github = cli(['scan', join(dir, 'names'), '--format', 'github']);
    const lines = github.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7); // six annotations and the summary
    expect(lines.slice(0, 6).every((l) => l.startsWith('::error file='))).toBe(true);
    const sarif = cli(['scan', join(dir, 'names'), '--format', 'sarif']);
    const uris = JSON.parse(sarif.stdout).runs[0].results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('new%0Aline.env');
  });

  it('exits 0 on a tree of nothing but hostile non-text', () => {
    const r = cli(['scan', join(dir, 'special'), '--verbose']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/\n {2}pipe: not a regular file/);
  });
});

describe('a 40 MB single-line minified file', () => {
  const dir = tempDir('keyhound-minified-');
  const key = token();
  let keyColumn = 0;

  beforeAll(() => {
    // Minified-looking code with a keyword every ~2 KB (so rules do run over the one huge line), the key mid-file.
    const chunk = Array.from({ length: 40 }, (_, i) => `function a${i}(b,c){return b.map(d=>d*c+${i})}`).join(';');
    const keyed = `${chunk};var apiKey=e.token||"";`;
    const half = keyed.repeat(Math.ceil(20_000_000 / keyed.length));
    keyColumn = half.length + 'const GITHUB_TOKEN="'.length + 1;
    writeFileSync(join(dir, 'bundle.min.js'), `${half}const GITHUB_TOKEN="${key}";${half}`);
  });

  it('is scanned within the default --max-file-size (64M): the key is found on line 1 at its column', () => {
    const r = cli(['scan', dir, '--format', 'json']);
    expect(r.signal).toBeNull();
    expect(r.status, r.stderr).toBe(1);
    const found = (JSON.parse(r.stdout).findings as JsonFinding[]).filter((f) => f.ruleId === 'github-token');
    expect(found).toEqual([expect.objectContaining({ path: 'bundle.min.js', line: 1, column: keyColumn })]);
    expect(r.stderr).not.toMatch(/cut short/);
  }, 120_000);

  it('is skipped and reported, not silently dropped, above a smaller --max-file-size', () => {
    const r = cli(['scan', dir, '--max-file-size', '25M', '--verbose']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 skipped/);
    expect(r.stderr).toMatch(/bundle\.min\.js: larger than --max-file-size \(\d+ > 26214400 bytes\)/);
  });
});

describe('files that vanish or change during the scan', () => {
  it('reports a file deleted after the walk listed it, scans a rewritten one as it is now, and goes on', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a-dir/x.txt': 'listed, then gone\n', 'a.txt': 'first\n', 'b.txt': 'doomed\n', 'c.txt': 'old\n', 'd/e.txt': 'later\n' });
    const skipped: Skip[] = [];
    const seen: Fragment[] = [];
    for await (const f of fsSource({ root: dir, paths: [dir], maxFileSize: 1e6, onSkip: (s) => skipped.push(s) })) {
      seen.push(f);
      if (f.path === 'a.txt') {
        // The folder was listed before a.txt was yielded; now pull the ground from under the rest.
        unlinkSync(join(dir, 'b.txt'));
        writeFileSync(join(dir, 'c.txt'), 'new and longer\n');
        rmSync(join(dir, 'd'), { recursive: true });
        rmSync(join(dir, 'a-dir'), { recursive: true }); // already lstat-ed as a folder: its readdir fails
      }
    }
    expect(seen.map((f) => [f.path, f.text])).toEqual([
      ['a.txt', 'first\n'],
      ['c.txt', 'new and longer\n'],
    ]);
    expect(skipped).toEqual([
      { path: 'b.txt', reason: 'vanished or unreadable: ENOENT' },
      { path: 'd', reason: 'vanished or unreadable: ENOENT' },
      { path: 'a-dir/', reason: 'unreadable directory: ENOENT' },
    ]);
  });
});
