// The pure hook edits: idempotent install, exact uninstall, never a replaced hook.

import { describe, expect, it } from 'vitest';
import { BEGIN, END, HookEditError, addBlock, interpreter, removeBlock } from '../../src/hooks/block.js';

const install = (c: string | null): string => addBlock(c).content;

describe('addBlock / removeBlock', () => {
  it('creates a hook when there is none, and removing it deletes the file', () => {
    const created = install(null);
    expect(created.startsWith('#!/bin/sh\n')).toBe(true);
    expect(created).toContain(BEGIN);
    expect(created).toContain('staged --quiet');
    expect(removeBlock(created)).toEqual({ content: null, changed: true });
  });

  it('goes first in an existing hook (after its #! line), once, and uninstall restores it byte for byte', () => {
    for (const prev of ['#!/bin/sh\nnpm run lint\n', '#!/bin/sh\nnpm run lint', 'npx lint-staged\n', '#!/usr/bin/env bash\nset -e\n\n']) {
      const once = install(prev);
      const shebang = prev.startsWith('#!') ? prev.slice(0, prev.indexOf('\n') + 1) : '';
      expect(once.indexOf(BEGIN)).toBe(shebang.length);
      expect(once.endsWith(prev.slice(shebang.length))).toBe(true);
      expect(install(once)).toBe(once);
      expect(addBlock(once).changed).toBe(false);
      expect(removeBlock(once).content).toBe(prev);
    }
  });

  it('goes right after the #! line when the hook may exit before its end', () => {
    const prev = '#!/bin/sh\n. "$(dirname "$0")/lib.sh"\nrun_checks\nexit 0\n';
    const once = install(prev);
    expect(once.indexOf(BEGIN)).toBe('#!/bin/sh\n'.length);
    expect(once.endsWith('exit 0\n')).toBe(true);
    expect(removeBlock(once).content).toBe(prev);
    const framework = '#!/usr/bin/env bash\n# pre-commit framework\nexec python -m pre_commit hook-impl "$@"\n';
    expect(removeBlock(install(framework)).content).toBe(framework);
  });

  it('brings lines written by an earlier keyhound up to date, in place and with their flags', () => {
    // The body keyhound 0.1.0 wrote: node_modules/.bin/keyhound on one line, no start-up snapshot.
    const older = (c: string): string =>
      c.replace(/ {2}elif \[ -x node_modules\/\.bin\/keyhound \]; then\n[\s\S]*?node_modules\/\.bin\/keyhound staged --quiet\n/, '  elif [ -x node_modules/.bin/keyhound ]; then node_modules/.bin/keyhound staged --quiet\n');
    for (const prev of [null, '#!/bin/sh\nnpm run lint', '#!/bin/sh\nrun_checks\nexit 0\n', '#!/bin/sh\necho one\n']) {
      const current = install(prev);
      const old = older(current);
      expect(old).not.toBe(current);
      expect(addBlock(old)).toEqual({ content: current, changed: true, updated: true });
      expect(removeBlock(addBlock(old).content).content).toBe(prev);
    }
    // Lines the user added after the block stay where they are.
    const withMore = `${older(install('#!/bin/sh\necho one\n'))}echo two\n`;
    expect(addBlock(withMore).content).toBe(`${install('#!/bin/sh\necho one\n')}echo two\n`);
  });

  it('leaves lines edited by hand alone, and says so', () => {
    const edited = install('#!/bin/sh\necho one\n').replace('staged --quiet', 'staged --quiet --baseline team.json');
    expect(addBlock(edited)).toEqual({ content: edited, changed: false, edited: true });
  });

  it('keeps lines the user added after the block on their own lines when uninstalling', () => {
    const once = install('#!/bin/sh'); // no final newline: keyhound adds one before its block
    expect(removeBlock(once).content).toBe('#!/bin/sh');
    expect(removeBlock(`${once}echo user\n`).content).toBe('#!/bin/sh\necho user\n');
  });

  it('keeps lines the user added after the block when uninstalling', () => {
    const once = install('#!/bin/sh\necho one\n');
    expect(removeBlock(`${once}echo two\n`).content).toBe('#!/bin/sh\necho one\necho two\n');
  });

  it('refuses a hook written in another language', () => {
    expect(() => addBlock('#!/usr/bin/env python3\nprint(1)\n')).toThrow(HookEditError);
    expect(interpreter('#!/usr/bin/env node\n')).toBe('node');
    expect(interpreter('#!/bin/bash -e\n')).toBe('bash');
    expect(interpreter('npm test\n')).toBeNull();
  });

  it('leaves a hook without keyhound alone', () => {
    expect(removeBlock('#!/bin/sh\necho hi\n')).toEqual({ content: '#!/bin/sh\necho hi\n', changed: false });
    expect(removeBlock(`#!/bin/sh\n${BEGIN} >>>\n(no end marker)\n`).changed).toBe(false);
    expect(END).toContain('keyhound');
  });
});
