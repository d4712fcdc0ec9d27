// The built-in packs skip the static backtracking check at run time (compileRegex's `vetted`), so it runs here:
// every regex shipped in rules/ must pass it, as a user's rule would have to.

import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../../src/config/load.js';
import { expandCaseInsensitiveGroups } from '../../src/config/regex-syntax.js';
import { findNestedQuantifier } from '../../src/config/regex-safety.js';

const rules = loadRulePacks().flatMap((p) => p.rules).filter((r) => r.regex !== undefined);

describe('built-in rules', () => {
  it("are all checked", () => expect(rules.length).toBeGreaterThan(0));
  it.each(rules.map((r) => [r.id, r.regex!] as const))('%s passes the static backtracking check', (_id, regex) => {
    expect(findNestedQuantifier(expandCaseInsensitiveGroups(regex))).toBeNull();
  });
});
