// The Action's pure parts: splitting `args`, the plan an event gives, and the step summary.

import { describe, expect, it } from 'vitest';
import { parseFlags, splitArgs } from '../../src/action/args.js';
import { planFor } from '../../src/action/event.js';
import { cell, summaryMarkdown } from '../../src/action/summary.js';
import type { Finding } from '../../src/model/types.js';
import { inputVar } from './helpers.js';

describe('splitArgs', () => {
  it('splits like a shell without evaluating anything', () => {
    expect(splitArgs(`--since "2 weeks ago" --max-file-size=1M 'a b' $HOME \`x\` a\\ b ""`)).toEqual([
      '--since',
      '2 weeks ago',
      '--max-file-size=1M',
      'a b',
      '$HOME',
      '`x`',
      'a b',
      '',
    ]);
    expect(splitArgs('   ')).toEqual([]);
    expect(() => splitArgs('--since "oops')).toThrow(/unterminated " quote/);
  });
});

describe('parseFlags', () => {
  it('takes the flags a mode knows, in both spellings', () => {
    expect(parseFlags(['--max-file-size', '1M', '--no-gitignore', '-v'], 'scan')).toEqual({ 'max-file-size': '1M', 'no-gitignore': true, verbose: true });
    expect(parseFlags(['--since=2 weeks ago', '--max-commits', '5'], 'history')).toEqual({ since: '2 weeks ago', 'max-commits': '5' });
  });
  it('rejects what the inputs own, unknown flags and missing values', () => {
    expect(() => parseFlags(['--no-redact'], 'diff')).toThrow(/"--no-redact" is not a flag the diff mode takes/);
    expect(() => parseFlags(['--branch', 'x'], 'scan')).toThrow(/not a flag the scan mode takes/);
    expect(() => parseFlags(['--since'], 'history')).toThrow(/--since needs a value/);
    expect(() => parseFlags(['--verbose=yes'], 'scan')).toThrow(/takes no value/);
  });
});

describe('planFor', () => {
  const a = 'a'.repeat(40);
  const b = 'b'.repeat(40);
  it('diffs a pull request from the merge base and a push from its old tip', () => {
    const pr = { pull_request: { base: { sha: a }, head: { sha: b } } };
    expect(planFor('auto', 'pull_request', pr)).toMatchObject({ kind: 'diff', base: a, head: b, mergeBase: true });
    expect(planFor('diff', 'pull_request_target', pr)).toMatchObject({ kind: 'diff', mergeBase: true });
    expect(planFor('auto', 'push', { before: a, after: b })).toMatchObject({ kind: 'diff', base: a, head: b, mergeBase: false });
  });
  it('handles new and deleted branches', () => {
    expect(planFor('auto', 'push', { before: '0'.repeat(40), after: b, repository: { default_branch: 'main' } })).toMatchObject({
      kind: 'new-branch',
      head: b,
      defaultBranch: 'main',
    });
    expect(planFor('auto', 'push', { before: a, after: '0'.repeat(40), deleted: true })).toMatchObject({ kind: 'nothing' });
  });
  it('scans in full on other events, and obeys explicit modes', () => {
    expect(planFor('auto', 'schedule', {})).toEqual({ kind: 'scan' });
    expect(planFor('history', 'pull_request', {})).toEqual({ kind: 'history' });
    expect(planFor('scan', 'push', { before: a, after: b })).toEqual({ kind: 'scan' });
    expect(() => planFor('diff', 'workflow_dispatch', {})).toThrow(/mode diff needs/);
    // A payload it cannot use: a full scan of the checkout, never nothing (issue 17, case 9).
    expect(planFor('auto', 'pull_request', {})).toMatchObject({ kind: 'scan', why: expect.stringMatching(/no usable pull_request.base.sha/) });
    expect(planFor('auto', 'push', { before: a })).toMatchObject({ kind: 'scan', why: expect.stringMatching(/no usable `after`/) });
    expect(planFor('auto', 'push', { before: a, after: 'main' })).toMatchObject({ kind: 'scan' });
  });
});

describe('summaryMarkdown', () => {
  const finding: Finding = {
    ruleId: 'github-token',
    description: 'GitHub token',
    severity: 'critical',
    path: 'dir/a|b.ts',
    line: 3,
    column: 1,
    endLine: 3,
    endColumn: 40,
    secret: 'ghp_…',
    fingerprint: 'x',
    commit: { sha: 'c'.repeat(40), author: 'Ann <script>', email: 'a@b', date: '2024-01-01T00:00:00Z', message: 'm' },
  };
  it('tabulates findings with escaped cells and links', () => {
    const md = summaryMarkdown([finding], { scope: 'push', files: 2, skipped: 0, failed: true, repoUrl: 'https://github.com/o/r' });
    expect(md).toContain('| `github-token` (critical) | [dir/a\\|b.ts:3](https://github.com/o/r/blob/' + 'c'.repeat(40) + '/dir/a%7Cb.ts#L3) | cccccccccccc (Ann &lt;script&gt;) | `ghp_…` |');
    expect(md).toContain(':x: **1 secret found.**');
  });
  it('says when nothing is found', () => {
    expect(summaryMarkdown([], { scope: 'pull request', files: 1, skipped: 0, failed: false })).toContain(':white_check_mark: No secrets found.');
    expect(cell('a\nb|c')).toBe('a b\\|c');
  });
});

describe('inputVar', () => {
  it('names inputs as the runner does: upper case, spaces to underscores, hyphens kept', () => {
    expect(inputVar('fail-on-findings')).toBe('INPUT_FAIL-ON-FINDINGS');
    expect(inputVar('sarif file')).toBe('INPUT_SARIF_FILE');
  });
});
