// Other scanners' inline allow comments, honoured when the config's `allowComments` names the tool (issue 21: a
// team coming from secretlint found `secretlint-disable-line` ignored). Each comment allows where its tool's
// documentation says (its own line, or the next one) and nowhere else; none counts unless asked for.

import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/engine.js';
import type { AllowCommentTool, RuleSet } from '../../src/model/types.js';
import { ruleSetOf } from '../helpers/rules.js';

const KEY = 'acme_0123abcd';
const base = ruleSetOf([{ id: 'acme', description: 'ACME', severity: 'high', regex: 'acme_[a-f0-9]{8}' }]);
const honouring = (...tools: AllowCommentTool[]): RuleSet => ({ ...base, allowComments: tools });

/** Lines (1-based) of the findings in `text` under `ruleSet`. */
function found(ruleSet: RuleSet, text: string): number[] {
  return detect(ruleSet, { path: 'a.txt', text }).findings.map((f) => f.line);
}

/** A text with the key on line 2, `before` on line 1 and `after` on line 3, and the key with `same` on its line. */
function around(before: string, same: string, after: string): string {
  return `${before}\nk = ${KEY} ${same}\n${after}\nk = ${KEY}\n`;
}

interface Case {
  tool: AllowCommentTool;
  /** Allows the finding on its own line. */
  here?: string;
  /** Allows the finding on the next line. */
  next?: string;
  /** Look alike, and allow nothing. */
  not: string[];
}

const CASES: Case[] = [
  { tool: 'gitleaks', here: '# gitleaks:allow', not: ['# gitleaks allow'] },
  { tool: 'trufflehog', here: '// trufflehog:ignore', not: ['// trufflehog ignore'] },
  { tool: 'secretlint', here: '// secretlint-disable-line', next: '// secretlint-disable-next-line', not: ['// secretlint-disable', '// secretlint-enable'] },
  {
    tool: 'detect-secrets',
    here: '# pragma: allowlist secret',
    next: '# pragma: allowlist nextline secret',
    not: ['pragma: allowlist secret', '// pragma allowlist secret', '# pragma: denylist secret'],
  },
];

describe('other tools\' inline allow comments', () => {
  for (const c of CASES) {
    describe(c.tool, () => {
      if (c.here) {
        it(`"${c.here}" allows its own line only, and only when allowComments names ${c.tool}`, () => {
          const text = around('', c.here!, '');
          expect(found(base, text)).toEqual([2, 4]); // default: off
          expect(found(honouring(c.tool), text)).toEqual([4]);
          // Not the line after it, nor the line before it.
          expect(found(honouring(c.tool), `k = ${KEY}\n${c.here!}\nk = ${KEY}\n`)).toEqual([1, 3]);
          // Another tool's name does not turn it on.
          const other = CASES.find((o) => o.tool !== c.tool && o.here && !o.here.includes(c.tool))!.tool;
          expect(found(honouring(other), text)).toEqual([2, 4]);
        });
      }
      if (c.next) {
        it(`"${c.next}" allows the next line only`, () => {
          const text = `${c.next!}\nk = ${KEY}\nk = ${KEY}\n`;
          expect(found(base, text)).toEqual([2, 3]);
          expect(found(honouring(c.tool), text)).toEqual([3]);
          // Not its own line.
          expect(found(honouring(c.tool), `k = ${KEY} ${c.next!}\nx\n`)).toEqual([1]);
        });
      }
      it('look-alikes allow nothing', () => {
        for (const text of c.not) {
          expect(found(honouring(c.tool), around(text, text, text)), text).toEqual([2, 4]);
        }
      });
    });
  }

  it('detect-secrets: a nextline pragma after code on its line allows nothing (as detect-secrets documents)', () => {
    expect(found(honouring('detect-secrets'), `x = 1 # pragma: allowlist nextline secret\nk = ${KEY}\n`)).toEqual([2]);
    expect(found(honouring('detect-secrets'), `  // pragma: allowlist nextline secret\nk = ${KEY}\n`)).toEqual([]);
    expect(found(honouring('detect-secrets'), `k = "${KEY}" <!-- pragma: allowlist secret -->\n`)).toEqual([]);
  });

  it('secretlint: a comment naming secretlint rules still allows the line (its rule ids are not keyhound\'s)', () => {
    expect(found(honouring('secretlint'), `k = ${KEY} // secretlint-disable-line @secretlint/secretlint-rule-pattern\n`)).toEqual([]);
  });

  it('several tools at once; keyhound:allow always counts', () => {
    const text = `a = ${KEY} # trufflehog:ignore\nb = ${KEY} # pragma: allowlist secret\nc = ${KEY} # keyhound:allow\nd = ${KEY}\n`;
    expect(found(base, text)).toEqual([1, 2, 4]);
    expect(found(honouring('trufflehog', 'detect-secrets'), text)).toEqual([4]);
  });
});
