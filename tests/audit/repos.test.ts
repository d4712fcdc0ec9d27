// The repository list: names, normalised keys (one repository written several ways is one key), shards, and
// credentials kept out of reports.

import { describe, expect, it } from 'vitest';
import { maskCredentials, parseRepoList, parseRepoSpec, parseShard, shardOf } from '../../src/audit/repos.js';

describe('parseRepoSpec', () => {
  it('gives one key to the https, ssh and scp-like spellings of a repository', () => {
    const specs = [
      'https://github.com/Acme/Payments.git',
      'https://github.com/acme/payments',
      'ssh://git@github.com/acme/payments.git',
      'git@github.com:Acme/payments.git',
      'https://github.com/acme/payments/',
    ];
    const parsed = specs.map((s) => parseRepoSpec(s));
    expect(new Set(parsed.map((p) => p.key))).toEqual(new Set(['github.com/acme/payments']));
    expect(parsed.every((p) => p.kind === 'url')).toBe(true);
    expect(parsed[0]!.name).toBe('Acme/Payments');
  });

  it('reads file:// URLs as URLs and anything else as a local path', () => {
    expect(parseRepoSpec('file:///srv/git/tools.git')).toMatchObject({ kind: 'url', name: 'tools', key: 'file:///srv/git/tools' });
    expect(parseRepoSpec('./checkouts/api/')).toMatchObject({ kind: 'path', name: 'api', key: 'checkouts/api' });
  });

  it('refuses schemes git would run a helper for', () => {
    expect(() => parseRepoSpec('ext::sh -c touch% /tmp/pwned')).not.toThrow(); // a local path named so: never run
    expect(parseRepoSpec('ext::sh -c touch% /tmp/pwned').kind).toBe('path');
    expect(() => parseRepoSpec('ftp://example.invalid/x.git')).toThrow(/unsupported URL scheme "ftp:"/);
  });

  it('masks a password or token in the URL that reports show', () => {
    const token = 'x'.repeat(8) + 'TOKEN' + '1'.repeat(30);
    expect(parseRepoSpec(`https://bot:${token}@github.com/acme/api.git`).url).toBe('https://bot:***@github.com/acme/api.git');
    expect(maskCredentials(`https://${token}@github.com/acme/api.git`)).toBe('https://***@github.com/acme/api.git');
    expect(maskCredentials('ssh://git@github.com/acme/api.git')).toBe('ssh://git@github.com/acme/api.git');
  });
});

describe('parseRepoList', () => {
  it('skips blank lines and comments, keeps a repository once, and names bad lines', () => {
    const list = parseRepoList('# org\n\nhttps://github.com/a/b\ngit@github.com:a/b.git\nftp://x/y\n ./local \n');
    expect(list.entries.map((e) => [e.spec, e.line])).toEqual([
      ['https://github.com/a/b', 3],
      ['./local', 6],
    ]);
    expect(list.duplicates.map((e) => e.line)).toEqual([4]);
    expect(list.errors).toEqual([{ line: 5, spec: 'ftp://x/y', message: expect.stringContaining('unsupported URL scheme') }]);
  });
});

describe('shards', () => {
  it('puts each key in exactly one shard, the same one every time, and spreads keys over all shards', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `github.com/acme/repo-${i}`);
    const counts = [0, 0, 0, 0, 0];
    for (const k of keys) {
      const s = shardOf(k, 5);
      expect(s).toBe(shardOf(k, 5));
      counts[s - 1]! += 1;
    }
    expect(counts.every((c) => c > 30)).toBe(true);
  });

  it('parses I/N and refuses the rest', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '-1/3']) expect(() => parseShard(bad), bad).toThrow(/--shard must be I\/N/);
  });
});
