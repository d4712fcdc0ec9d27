// Issue 18 cases 15–16: forged output. What comes from files, commits or a repository's config (rule descriptions,
// paths, authors) is escaped before it is printed: it cannot clear a terminal, forge a report line or a GitHub
// workflow command, or make a link in the step summary.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../../src/action/summary.js';
import { githubToken } from '../../src/fakes/index.js';
import type { Finding } from '../../src/model/types.js';
import { githubReport } from '../../src/report/github.js';
import { textReport } from '../../src/report/text.js';
import { BIN } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

const ESC = '\u001b';
const META = { tool: { name: 'keyhound', version: '0' }, color: false as const, stats: { files: 1, bytes: 1, skipped: 0, durationMs: 1 } };

function cli(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Lines a GitHub runner would read as workflow commands (`::name …::` or the older `##[name]`), leading blanks allowed. */
const commands = (out: string): string[] => out.split('\n').filter((l) => /^\s*(::|##\[)/.test(l));

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'demo-token',
    description: 'Demo token',
    severity: 'high',
    path: 'a.txt',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 10,
    secret: 'abcd…',
    fingerprint: 'f'.repeat(16),
    ...over,
  } as Finding;
}

describe('issue 18 case 15: descriptions, paths and authors cannot forge output', () => {
  const description = `Token${ESC}[2J${ESC}[H\n::error file=src/app.ts,line=1::forged`;

  it('a config rule description with an escape sequence and `\\n::error` is printed escaped (text and github formats)', () => {
    const dir = tempDir();
    const key = githubToken();
    writeTree(dir, {
      '.keyhound.yaml': `rules:\n  - id: demo-token\n    description: ${JSON.stringify(description)}\n    severity: high\n    regex: 'demo_[a-z0-9]{12}'\n    keywords: [demo_]\n`,
      'a.txt': `x = demo_abcdefgh1234\ny = ${key}\n`,
    });
    const text = cli(['scan', '.'], dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('demo-token');
    expect(text.stdout).not.toContain(ESC);
    expect(commands(text.stdout)).toEqual([]);

    const github = cli(['scan', '.', '--format', 'github'], dir);
    expect(github.status).toBe(1);
    expect(github.stdout).not.toContain(ESC);
    // One annotation per finding, and nothing else that reads as a command.
    expect(commands(github.stdout)).toHaveLength(2);
    expect(commands(github.stdout).every((l) => /^::(error|warning) file=a\.txt,/.test(l))).toBe(true);
  });

  it('a file whose name starts with `::` does not start a line of the text report', () => {
    const out = textReport([finding({ path: '::error title=forged::boom.txt' }), finding({ path: '  ##[error]old-style.txt' })], META);
    expect(out).toContain('boom.txt');
    expect(commands(out)).toEqual([]);
  });

  it('the github format escapes control characters in the description, path and author', () => {
    const out = githubReport(
      [finding({ description: `x${ESC}]8;;https://evil.example${ESC}\\y`, path: `p${ESC}[31m.txt`, commit: { sha: 'a'.repeat(40), author: `A${ESC}[2J`, email: 'e', date: 'd', message: 'm' } })],
      META,
    );
    expect(out).not.toContain(ESC);
    expect(commands(out)).toHaveLength(1);
  });
});

/** The targets of the links a Markdown renderer would make: `](url)` whose `]` is not escaped, and raw `<a href`. */
function linkTargets(md: string): string[] {
  const out: string[] = [];
  for (const m of md.matchAll(/(\\*)\]\(([^)\s]*)/g)) if (m[1]!.length % 2 === 0) out.push(m[2]!);
  for (const m of md.matchAll(/<a\s[^>]*href="?([^">\s]*)/gi)) out.push(m[1]!);
  return out;
}

describe('issue 18 case 16: the step summary makes no link from a file name or an author', () => {
  it('a file named `Click here](https://evil.example/phish)[` links only to the repository', () => {
    const md = summaryMarkdown(
      [
        finding({ path: 'Click here](https://evil.example/phish)[', commit: { sha: 'b'.repeat(40), author: '[Support](https://evil.example/help)', email: 'e', date: 'd', message: 'm' } }),
        finding({ path: 'docs/x.md', ruleId: 'demo-token' }),
      ],
      { scope: 'the files of [the checkout](https://evil.example/scope)', files: 2, skipped: 0, failed: true, repoUrl: 'https://github.com/octo/demo', sha: 'c'.repeat(40), notes: ['see ![img](https://evil.example/x.png)'] },
    );
    expect(md).toContain('Click here');
    const targets = linkTargets(md);
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t.startsWith('https://github.com/octo/demo/blob/')).toBe(true);
  });
});
