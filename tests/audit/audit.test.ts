// `keyhound history --repos`, `--shard`, and `keyhound merge`, on a temporary organisation of six repositories
// listed as paths and file:// URLs.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyhound } from '../helpers/cli.js';
import { multitoolErrors } from '../helpers/sarif-multitool.js';
import { tempDir } from '../helpers/tmp.js';
import { makeOrg, type OrgRepo } from './org.js';

interface JsonFinding {
  secret: string;
  fingerprint: string;
  path: string;
  repository?: { name: string; url: string };
}
interface JsonRepo {
  name: string;
  url: string;
  status: string;
  error?: string;
}
interface Report {
  findings: JsonFinding[];
  repositories?: JsonRepo[];
}

let org: { repos: OrgRepo[]; list: string };
let cache: string;

beforeAll(() => {
  org = makeOrg(6);
  cache = tempDir('keyhound-cache-');
});

function auditJson(args: string[]): { status: number; stderr: string; report: Report } {
  const out = join(tempDir('keyhound-out-'), 'report.json');
  const r = keyhound(['history', '--repos', org.list, '--cache', cache, '--no-redact', '--format', 'json', '--output', out, ...args]);
  return { status: r.status, stderr: r.stderr, report: JSON.parse(readFileSync(out, 'utf8')) as Report };
}

let singleRun: Report | undefined;
/** The whole list in one run (made once). */
const single = (): Report => (singleRun ??= auditJson([]).report);

const ids = (report: Report): string[] => report.findings.map((f) => `${f.repository?.url}\t${f.fingerprint}`).sort();

describe('keyhound history --repos', () => {
  it('finds every key of every repository, each with its repository', () => {
    const { status, stderr, report } = auditJson([]);
    singleRun = report;
    expect(stderr).toContain('6 repositories: 6 scanned, 0 failed');
    expect(status).toBe(1);
    for (const repo of org.repos) {
      const mine = report.findings.filter((f) => f.repository?.url === repo.spec);
      expect(mine.map((f) => f.secret).sort(), repo.spec).toEqual([...repo.secrets].sort());
      expect(mine.every((f) => f.repository?.name === repo.name)).toBe(true);
    }
    expect(report.findings).toHaveLength(org.repos.length * 3);
    expect(report.repositories?.map((r) => r.status)).toEqual(Array(6).fill('scanned'));
  });

  it('groups the text report by repository and redacts secrets', () => {
    const r = keyhound(['history', '--repos', org.list, '--cache', cache, '--jobs', '3']);
    expect(r.status).toBe(1);
    for (const repo of org.repos) {
      expect(r.stdout).toContain(`■ ${repo.name}`);
      for (const s of repo.secrets) expect(r.stdout + r.stderr).not.toContain(s);
    }
    // Each repository's heading comes before its files: one heading per repository, in list order.
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('■ '));
    expect(headings).toHaveLength(6);
  });

  it('puts every repository in exactly one of three shards, and the shards cover the single run', () => {
    const shards = [1, 2, 3].map((i) => auditJson(['--shard', `${i}/3`]));
    const repoSets = shards.map((s) => new Set(s.report.repositories!.map((r) => r.url)));
    const all = repoSets.flatMap((s) => [...s]);
    expect(all.sort()).toEqual(org.repos.map((r) => r.spec).sort()); // covering, and disjoint (no repeats)
    expect(shards.flatMap((s) => ids(s.report)).sort()).toEqual(ids(single()));
    // Stable: the same shard again lists the same repositories.
    expect(new Set(auditJson(['--shard', '2/3']).report.repositories!.map((r) => r.url))).toEqual(repoSets[1]);
  });

  it('merges the shards into the single run, by fingerprint and repository', () => {
    const dir = tempDir('keyhound-shards-');
    const files = [1, 2, 3].map((i) => {
      const file = join(dir, `shard-${i}.json`);
      writeFileSync(file, JSON.stringify(auditJson(['--shard', `${i}/3`]).report));
      return file;
    });
    // A shard given twice adds nothing.
    const r = keyhound(['merge', ...files, files[0]!, '--format', 'json']);
    expect(r.status).toBe(1);
    const merged = JSON.parse(r.stdout) as Report;
    expect(ids(merged)).toEqual(ids(single()));
    expect(merged.repositories).toHaveLength(6);
  });

  it('merges the shards into one SARIF file that the SARIF multitool passes with GitHub rules', () => {
    const dir = tempDir('keyhound-shards-');
    const files = [1, 2].map((i) => {
      const file = join(dir, `shard-${i}.json`);
      writeFileSync(file, JSON.stringify(auditJson(['--shard', `${i}/2`]).report));
      return file;
    });
    const sarif = join(dir, 'org.sarif');
    const r = keyhound(['merge', ...files, '--format', 'sarif', '--output', sarif]);
    expect(r.status).toBe(1);
    const log = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(log.runs).toHaveLength(1);
    const results = log.runs[0].results as { properties: { repository: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    expect(results).toHaveLength(18);
    expect(new Set(results.map((x) => x.properties.repository))).toEqual(new Set(org.repos.map((x) => x.name)));
    for (const x of results) expect(x.locations[0]!.physicalLocation.artifactLocation.uri.startsWith(`${x.properties.repository}/`)).toBe(true);
    for (const repo of org.repos) for (const s of repo.secrets) expect(readFileSync(sarif, 'utf8')).not.toContain(s);
    expect(multitoolErrors(sarif)).toEqual([]);
  }, 600_000);

  it('reports an unreachable repository, scans the others, and says so in the exit code', () => {
    const list = join(tempDir('keyhound-list-'), 'repos.txt');
    const missing = `file://${tempDir('keyhound-gone-')}/nothing-here.git`;
    writeFileSync(list, `${readFileSync(org.list, 'utf8')}${missing}\n`);
    const out = join(tempDir('keyhound-out-'), 'report.json');
    const r = keyhound(['history', '--repos', list, '--cache', cache, '--format', 'json', '--output', out]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/keyhound: error: nothing-here \(file:\/\/.*nothing-here\.git\): cannot clone: /);
    expect(r.stderr).toContain('7 repositories: 6 scanned, 1 failed');
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.findings).toHaveLength(18);
    expect(report.repositories!.find((x) => x.url === missing)).toMatchObject({ status: 'failed', error: expect.stringMatching(/cannot clone/) });
  });

  it('exits 2 when no repository could be scanned', () => {
    const list = join(tempDir('keyhound-list-'), 'repos.txt');
    writeFileSync(list, `file://${tempDir('keyhound-gone-')}/a.git\n./not/a/repo\nftp://example.invalid/x\n`);
    const r = keyhound(['history', '--repos', list, '--cache', cache]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('3 repositories: 0 scanned, 3 failed');
    expect(r.stderr).toContain('unsupported URL scheme "ftp:"');
  });

  it('refuses a bad --shard and a repository named together with --repos', () => {
    expect(keyhound(['history', '--repos', org.list, '--shard', '4/3']).stderr).toContain('--shard must be I/N');
    expect(keyhound(['history', '--shard', '1/3']).stderr).toContain('--shard goes with --repos');
  });
});
