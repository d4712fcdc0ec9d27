import { describe, expect, it } from 'vitest';
import { ansiStyles } from '../../src/report/ansi.js';

describe('ansiStyles', () => {
  it('prints the basic 16-colour SGR codes (what chalk printed at level 1), and nothing when off', () => {
    const on = ansiStyles(true);
    expect(on.redBold('x')).toBe('\u001b[31m\u001b[1mx\u001b[22m\u001b[39m');
    expect(on.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(on.yellow('x')).toBe('\u001b[33mx\u001b[39m');
    expect(on.green('x')).toBe('\u001b[32mx\u001b[39m');
    expect(on.gray('x')).toBe('\u001b[90mx\u001b[39m');
    expect(on.bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(on.dim('x')).toBe('\u001b[2mx\u001b[22m');
    expect(on.underline('x')).toBe('\u001b[4mx\u001b[24m');
    const off = ansiStyles(false);
    for (const style of Object.values(off)) expect(style('plain')).toBe('plain');
  });
});
