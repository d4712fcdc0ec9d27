// Help and usage errors (issue 21): an unknown option is named once, as typed, with the nearest option of the command
// as a suggestion; each command's --help lists only the options that command takes.

import { describe, expect, it } from 'vitest';
import { editDistance, nearest, unknownArgumentsMessage } from '../../src/cli/suggest.js';
import { keyhound } from '../helpers/cli.js';

/** The long options a command's --help lists. */
function helpOptions(...command: string[]): string[] {
  const r = keyhound([...command, '--help']);
  expect(r.status).toBe(0);
  return [...r.stdout.matchAll(/^\s+(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]!);
}

describe('unknown options', () => {
  it('suggests the nearest option of the command, and names a camelCase typo once', () => {
    const typo = keyhound(['scan', '.', '--no-redcat']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('keyhound: unknown option --no-redcat (did you mean --no-redact?)\nRun "keyhound scan --help" for usage.\n');
    const camel = keyhound(['scan', '.', '--exit-cod', '3']);
    expect(camel.stderr).toContain('unknown option --exit-cod (did you mean --exit-code?)');
    expect(camel.stderr).not.toContain('exitCod');
    const spelled = keyhound(['history', '--maxCommit', '3']);
    expect(spelled.stderr).toContain('unknown option --maxCommit (did you mean --max-commits?)');
    expect(spelled.stderr).not.toMatch(/max-commit[^s]/);
  });

  it('says so when an option belongs to another command, and suggests a misspelt command', () => {
    expect(keyhound(['rules', 'list', '--verbose']).stderr).toBe('keyhound: unknown option --verbose\nRun "keyhound rules list --help" for usage.\n');
    expect(keyhound(['scna', '.']).stderr).toContain('unexpected argument "scna" (did you mean scan?)');
  });

  it('reads yargs messages and keeps the spelling typed', () => {
    expect(unknownArgumentsMessage('Unknown arguments: exit-cod, exitCod', ['scan', '--exit-cod'], ['exit-code', 'format'])).toBe(
      'unknown option --exit-cod (did you mean --exit-code?)',
    );
    expect(unknownArgumentsMessage('Unknown argument: zz', ['scan', '--zz'], ['exit-code'])).toBe('unknown option --zz');
    expect(unknownArgumentsMessage('Not enough arguments', [], [])).toBeNull();
    expect(editDistance('redcat', 'redact')).toBe(1);
    expect(nearest('form', ['format', 'output'])).toBe('format');
    expect(nearest('xyz', ['format', 'output'])).toBeUndefined();
  });
});

describe('--help of each command', () => {
  it('lists no scan options under rules, rules list, baseline or install-hook', () => {
    for (const cmd of [['rules'], ['rules', 'check'], ['install-hook'], ['import-config']]) {
      const listed = helpOptions(...cmd);
      for (const o of ['format', 'no-redact', 'baseline', 'verbose', 'max-decode-depth', 'exit-code']) expect(listed, `${cmd.join(' ')} --${o}`).not.toContain(o);
    }
    expect(helpOptions('rules', 'list')).toEqual(expect.arrayContaining(['provider', 'format', 'config']));
    expect(helpOptions('rules', 'list')).not.toContain('no-redact');
    const baseline = helpOptions('baseline');
    expect(baseline).toEqual(expect.arrayContaining(['output', 'prune', 'history', 'config', 'baseline']));
    for (const o of ['format', 'no-redact', 'no-color', 'exit-code', 'threads', 'verify']) expect(baseline).not.toContain(o);
  });

  it('keeps every option of the scanning commands', () => {
    for (const cmd of ['scan', 'history', 'diff', 'staged']) {
      expect(helpOptions(cmd)).toEqual(expect.arrayContaining(['format', 'output', 'no-redact', 'config', 'baseline', 'verbose', 'quiet', 'exit-code', 'verify']));
    }
  });
});
