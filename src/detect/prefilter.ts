// The keyword gate: one case-insensitive pass over the text finds which rules can possibly match, so most rules'
// regexes never run on most text (as gitleaks and TruffleHog do with Aho-Corasick).

import type { CompiledRule, RuleSet } from '../model/types.js';

/** Rules whose keywords occur in `text` (plus the keyword-less ones), in rule-set order. */
export function candidateRules(ruleSet: RuleSet, text: string): CompiledRule[] {
  const { keywordScan, byKeyword, alwaysRun } = ruleSet;
  if (!keywordScan) return alwaysRun;
  const hit = new Set<CompiledRule>(alwaysRun);
  const seen = new Set<string>();
  keywordScan.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = keywordScan.exec(text)) !== null) {
    const word = m[0].toLowerCase();
    // The alternation is longest-first, so shorter keywords starting here are prefixes of `word`.
    for (let len = word.length; len >= 1; len--) {
      const kw = word.slice(0, len);
      if (seen.has(kw)) continue;
      const rules = byKeyword.get(kw);
      if (!rules) continue;
      seen.add(kw);
      for (const r of rules) hit.add(r);
    }
    if (seen.size === byKeyword.size) break;
    // Overlapping keywords (e.g. "apikey" inside "x-mbx-apikey") must be found too: resume one character on.
    keywordScan.lastIndex = m.index + 1;
  }
  if (hit.size === alwaysRun.length) return alwaysRun;
  return ruleSet.rules.filter((r) => hit.has(r));
}
