// The rule time budget: a second line of defence behind the static regex check. The clock is injected, so these
// tests are exact: no timing thresholds.

import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import { ruleSetOf } from '../helpers/rules.js';

/** A fake clock that advances `step` ms each time it is read. */
function tickingClock(step: number): { now: () => number; reads: () => number } {
  let t = 0;
  let n = 0;
  return {
    now: () => {
      n += 1;
      return (t += step);
    },
    reads: () => n,
  };
}

// Slow but accepted by the static check: a bounded lookahead per position, and a match at every `a`.
const slow = ruleSetOf([
  { id: 'slow-rule', description: 'slow', severity: 'low', regex: '(?=[a-z]{0,30}a)a' },
  { id: 'quick-rule', description: 'quick', severity: 'low', regex: 'zz[0-9]{4}' },
]);

describe('rule time budget', () => {
  const text = `${'a'.repeat(5000)}\nzz1234\n`;

  it('stops a rule over its budget on a fragment and reports it by id and path; other rules still run', () => {
    const clock = tickingClock(1);
    const r = detect(slow, { text, path: 'big.txt' }, { now: clock.now, ruleBudgetMs: 100 });
    expect(r.cutShort).toEqual([{ ruleId: 'slow-rule', path: 'big.txt' }]);
    // It stopped after about 100 reads of the clock: ~100 matches, not 5000.
    const slowFound = r.findings.filter((f) => f.ruleId === 'slow-rule').length;
    expect(slowFound).toBeGreaterThan(0);
    expect(slowFound).toBeLessThan(200);
    expect(r.findings.some((f) => f.ruleId === 'quick-rule')).toBe(true);
  });

  it('lets every rule finish when the budget is not exceeded, and without a clock there is no budget', () => {
    const frozen = detect(slow, { text, path: 'big.txt' }, { now: () => 0, ruleBudgetMs: 0 });
    expect(frozen.cutShort).toBeUndefined();
    expect(frozen.findings.filter((f) => f.ruleId === 'slow-rule')).toHaveLength(5000);
    const none = detect(slow, { text, path: 'big.txt' }, { ruleBudgetMs: 0 });
    expect(none.cutShort).toBeUndefined();
    expect(none.findings.filter((f) => f.ruleId === 'slow-rule')).toHaveLength(5000);
  });

  it('checks the budget between windows too, and names the commit for history fragments', () => {
    const windowed = ruleSetOf([{ id: 'kw-rule', description: 'kw', severity: 'low', keywords: ['token'], regex: 'token=(?<secret>[0-9]{6})' }]);
    const many = Array.from({ length: 50 }, (_, i) => `token=${String(100000 + i)}\n${'filler line\n'.repeat(20)}`).join('');
    const commit = { sha: 'a'.repeat(40), author: 'a', email: 'a@example.invalid', date: '2024-01-01', message: 'm' };
    const r = detect(windowed, { text: many, path: 'w.txt', commit }, { now: tickingClock(10).now, ruleBudgetMs: 25 });
    expect(r.cutShort).toEqual([{ ruleId: 'kw-rule', path: 'w.txt', commit: 'a'.repeat(40) }]);
    expect(r.findings.length).toBeLessThan(50);
  });
});
