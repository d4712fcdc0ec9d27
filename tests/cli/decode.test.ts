// End to end: the built CLI reports keys found under encodings at the encoded span, with the chain in JSON, SARIF
// and text; --max-decode-depth and the config key maxDecodeDepth set the depth, 0 turns decoding off. Archives are
// opened in scan and history, with members at outer!/inner.

import { describe, expect, it } from 'vitest';
import { anthropicKey, githubToken } from '../../src/fakes/index.js';
import { gzipOf, tarOf, zipOf } from '../helpers/archives.js';
import { keyhound } from '../helpers/cli.js';
import { commitFiles, tempRepo } from '../helpers/git.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function secretTree(): { dir: string; ant: string; gh: string } {
  const ant = anthropicKey();
  const gh = githubToken();
  const dir = tempDir();
  writeTree(dir, {
    'k8s/secret.yaml': `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ndata:\n  ANTHROPIC: ${b64(ant)}\n  TWICE: ${b64(b64(gh))}\n`,
  });
  return { dir, ant, gh };
}

describe('keyhound scan with decoding', () => {
  it('reports decoded keys at the encoded value with their chain, in JSON', () => {
    const { dir } = secretTree();
    const r = keyhound(['scan', dir, '--format', 'json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: { ruleId: string; line: number; column: number; decoded?: string[] }[] };
    expect(doc.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'anthropic-api-key', line: 6, column: 14, decoded: ['base64'] }),
        expect.objectContaining({ ruleId: 'github-token', line: 7, column: 10, decoded: ['base64', 'base64'] }),
      ]),
    );
  });

  it('carries the chain in SARIF properties and as a note in the text report', () => {
    const { dir } = secretTree();
    const sarif = JSON.parse(keyhound(['scan', dir, '--format', 'sarif']).stdout) as {
      runs: { results: { ruleId: string; properties?: { decoded?: string[] } }[] }[];
    };
    const result = sarif.runs[0]!.results.find((x) => x.ruleId === 'anthropic-api-key');
    expect(result?.properties?.decoded).toEqual(['base64']);
    const text = keyhound(['scan', dir]).stdout;
    expect(text).toContain('decoded from base64 → base64');
  });

  it('--max-decode-depth 1 stops before the second level, 0 turns decoding off, and the config can set it', () => {
    const { dir } = secretTree();
    const ids = (args: string[]): string[] =>
      (JSON.parse(keyhound(['scan', dir, '--format', 'json', ...args]).stdout) as { findings: { ruleId: string; decoded?: string[] }[] }).findings
        .filter((f) => f.decoded)
        .map((f) => f.ruleId)
        .sort();
    expect(ids([])).toEqual(['anthropic-api-key', 'github-token']);
    expect(ids(['--max-decode-depth', '1'])).toEqual(['anthropic-api-key']);
    expect(ids(['--max-decode-depth', '0'])).toEqual([]);
    writeTree(dir, { '.keyhound.yaml': 'maxDecodeDepth: 0\n' });
    expect(ids([])).toEqual([]);
    expect(ids(['--max-decode-depth', '2'])).toEqual(['anthropic-api-key', 'github-token']);
  });

  it('rejects a bad --max-decode-depth with a clear error', () => {
    const { dir } = secretTree();
    const r = keyhound(['scan', dir, '--max-decode-depth', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('invalid --max-decode-depth "x"');
  });
});

// Issue 19: a file in UTF-16 without a byte-order mark (as Windows editors write them) was skipped as binary. The
// unit test (tests/sources/decode.test.ts) checks the decoding; this one checks a scan finds the key, at its line.
describe('keyhound scan reads UTF-16 without a byte-order mark', () => {
  it('finds a key in UTF-16 LE and BE files without a BOM, at its line and column', () => {
    const le = githubToken();
    const be = githubToken();
    const dir = tempDir();
    writeTree(dir, {
      'win/le.env': Buffer.from(`# settings\r\nNAME=app\r\nGITHUB_TOKEN=${le}\r\n`, 'utf16le'),
      'win/be.env': Buffer.from(`# settings\nGITHUB_TOKEN=${be}\n`, 'utf16le').swap16(),
    });
    const r = keyhound(['scan', dir, '--format', 'json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number; column: number }[] };
    const at = (file: string) => doc.findings.filter((f) => f.path.endsWith(file) && f.ruleId === 'github-token').map((f) => [f.line, f.column]);
    expect(at('le.env')).toEqual([[3, 14]]);
    expect(at('be.env')).toEqual([[2, 14]]);
    expect(r.stdout).not.toContain(le);
  });
});

describe('keyhound scan and history open archives', () => {
  it('finds keys in a jar, a tgz and a gz, at outer!/inner; a harmless archive raises nothing; a bomb is reported', () => {
    const gh = githubToken();
    const ant = anthropicKey();
    const dir = tempDir();
    writeTree(dir, {
      'lib/app.jar': zipOf({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\n', 'config/app.properties': `github.token=${gh}\n` }),
      'dist/pkg.tgz': gzipOf(tarOf({ 'package/.env': `ANTHROPIC_API_KEY=${ant}\n` })),
      'dump.sql.gz': gzipOf(`INSERT INTO keys VALUES ('${gh}');\n`),
      'docs.zip': zipOf({ 'README.md': '# Hello\n\nNothing to see.\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }),
      'bomb.zip': zipOf({ 'zeros.txt': Buffer.alloc(8 * 1024 * 1024, 0x30) }),
    });
    const r = keyhound(['scan', dir, '--format', 'json', '--verbose']);
    const doc = JSON.parse(r.stdout) as { findings: { ruleId: string; path: string; line: number }[] };
    expect(doc.findings.map((f) => [f.path, f.ruleId, f.line]).sort()).toEqual([
      ['dist/pkg.tgz!/package/.env', 'anthropic-api-key', 1],
      ['dump.sql.gz!/dump.sql', 'github-token', 1],
      ['lib/app.jar!/config/app.properties', 'github-token', 1],
    ]);
    expect(r.stderr).toContain('docs.zip!/logo.png: binary');
    expect(r.stderr).toMatch(/bomb\.zip!\/zeros\.txt: archive member refused: compression ratio \d+:1/);
    const off = JSON.parse(keyhound(['scan', dir, '--format', 'json', '--max-archive-depth', '0']).stdout) as { findings: unknown[] };
    expect(off.findings).toEqual([]);
  });

  it('history finds a key in a committed archive, at blob-path!/member', () => {
    const gh = githubToken();
    const repo = tempRepo();
    commitFiles(repo, { 'backup/site.zip': zipOf({ 'site/.env': `GITHUB_TOKEN=${gh}\n` }) });
    const doc = JSON.parse(keyhound(['history', repo, '--format', 'json']).stdout) as { findings: { ruleId: string; path: string }[] };
    expect(doc.findings.map((f) => [f.path, f.ruleId])).toEqual([['backup/site.zip!/site/.env', 'github-token']]);
  });
});
