// The keyword gate: one case-insensitive pass over the text (an Aho-Corasick automaton, see keywords.ts) finds
// which rules can possibly match, and where their keywords are, so most rules' regexes never run on most text
// and the others run only near their keywords (as gitleaks and TruffleHog do).

import type { CompiledRule, RuleSet } from '../model/types.js';
import { KeywordMatcher } from './keywords.js';

interface Gate {
  matcher: KeywordMatcher;
  /** keyword index → rules listing it */
  rules: CompiledRule[][];
  /** Rules with a non-ASCII keyword, which the automaton does not handle: always candidates, whole text. */
  loose: Set<CompiledRule>;
}

// Built once per rule set; a cache, so detect stays a pure function of its inputs.
const gates = new WeakMap<RuleSet, Gate>();

const isAscii = (k: string): boolean => [...k].every((ch) => ch.charCodeAt(0) < 128);

/** The keywords the automaton of a rule set holds, in its order (the build-time cache prebuilds it from this). */
export function matcherKeywords(ruleSet: RuleSet): string[] {
  return [...ruleSet.byKeyword.keys()].filter(isAscii);
}

function gateFor(ruleSet: RuleSet): Gate {
  let gate = gates.get(ruleSet);
  if (!gate) {
    const keywords = matcherKeywords(ruleSet);
    const loose = new Set([...ruleSet.byKeyword.keys()].filter((k) => !isAscii(k)).flatMap((k) => ruleSet.byKeyword.get(k)!));
    gate = { matcher: KeywordMatcher.for(keywords), rules: keywords.map((k) => ruleSet.byKeyword.get(k)!), loose };
    gates.set(ruleSet, gate);
  }
  return gate;
}

/**
 * Builds the gate of `ruleSet` now rather than at its first scan: for the pre-commit snapshot, whose builder keeps
 * the built-in rule set ready (src/cli/snapshot-main.ts).
 */
export function prepareGate(ruleSet: RuleSet): void {
  gateFor(ruleSet);
}

export interface Candidates {
  /** Rules whose keywords occur (plus the keyword-less ones), in rule-set order. */
  rules: CompiledRule[];
  /** rule → ascending start offsets of its keyword hits (absent for rules that must scan the whole text). */
  hits: Map<CompiledRule, number[]>;
  /** rule → length of its longest keyword. */
  keywordLength: Map<CompiledRule, number>;
}

/**
 * The rules that can match `text`, and where their keywords occur. `utf8`, when given, must be the valid UTF-8 the
 * text was decoded from (no BOM); the scan then reads the bytes instead of the string.
 */
export function prefilter(ruleSet: RuleSet, text: string, utf8?: Uint8Array): Candidates {
  const hits = new Map<CompiledRule, number[]>();
  const keywordLength = new Map<CompiledRule, number>();
  if (ruleSet.byKeyword.size === 0) return { rules: ruleSet.alwaysRun, hits, keywordLength };
  const gate = gateFor(ruleSet);
  const { positions } = utf8 ? gate.matcher.scanUtf8(utf8) : gate.matcher.scan(text);
  if (positions.size === 0 && gate.loose.size === 0) return { rules: ruleSet.alwaysRun, hits, keywordLength };
  for (const [k, starts] of positions) {
    const len = gate.matcher.keywords[k]!.length;
    for (const rule of gate.rules[k]!) {
      const list = hits.get(rule);
      if (list) {
        for (const s of starts) list.push(s);
        keywordLength.set(rule, Math.max(keywordLength.get(rule)!, len));
      } else {
        hits.set(rule, starts.slice());
        keywordLength.set(rule, len);
      }
    }
  }
  for (const [rule, list] of hits) if (rule.keywords.length > 1) list.sort((a, b) => a - b);
  for (const rule of gate.loose) hits.delete(rule);
  const rules = ruleSet.rules.filter((r) => hits.has(r) || r.keywords.length === 0 || gate.loose.has(r));
  return { rules, hits, keywordLength };
}

/** Rules whose keywords occur in `text` (plus the keyword-less ones), in rule-set order. */
export function candidateRules(ruleSet: RuleSet, text: string): CompiledRule[] {
  return prefilter(ruleSet, text).rules;
}
