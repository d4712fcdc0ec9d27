// The keyword gate: one case-insensitive pass over the text (an Aho-Corasick automaton, see keywords.ts) finds
// which rules can possibly match, and where their keywords are, so most rules' regexes never run on most text
// and the others run only near their keywords (as gitleaks and TruffleHog do).

import type { CompiledRule, RuleSet } from '../model/types.js';
import { bodyStart, partLiterals, partPrefixes, TOKEN_LEFT } from '../config/v2.js';
import { KeywordMatcher } from './keywords.js';

/**
 * What a keyword hit must also be for a rule listing the keyword to match there: one of the rule's exact prefixes
 * (the automaton ignores case), at a token's left edge as TOKEN_LEFT has it (with `left`), followed by at least
 * `min` characters of the part's class (`body`; a character beyond ASCII counts as one). Only for the prefixes of
 * prefixed rules: `EAAG` of a Meta token is not `eaag` inside base64, nor `EAAE` in a source map's mappings, nor
 * `AAAA` inside `AAAAAAAA`. A hit no rule of its keyword can match at is dropped before any rule sees it; a match
 * of those rules starts at a hit that stays.
 */
interface Guard {
  spellings: string[];
  left: boolean;
  body: Uint8Array | null;
  min: number;
}

interface Gate {
  matcher: KeywordMatcher;
  /** keyword index → rules listing it */
  rules: CompiledRule[][];
  /** Rules with a non-ASCII keyword, which the automaton does not handle: always candidates, whole text. */
  loose: Set<CompiledRule>;
  /** keyword index → its guard, when it has one. */
  guards: (Guard[] | null)[];
  /** rule → its place in the rule set, to put the candidates back in rule-set order. */
  order: Map<CompiledRule, number>;
  /** Rules that are always candidates (no keyword, or a non-ASCII one), in rule-set order. */
  always: CompiledRule[];
  /** Context rules with {@link requiredLiterals}: rule → the keyword indexes of those literals, one list per part. */
  requires: Map<CompiledRule, number[][]>;
  /** keyword index → the rules for which it is only a locator (ContextMatcher.locators), when there are any. */
  locatorOf: (Set<CompiledRule> | null)[];
  /** Rules with locators among their keywords. */
  locating: Set<CompiledRule>;
}

const CLASS_CODES = new Map<string, Uint8Array | null>();

/** Membership of the ASCII characters in a regex character class body, by code (once per class and process). */
function classCodes(cls: string): Uint8Array | null {
  let table = CLASS_CODES.get(cls);
  if (table === undefined) {
    try {
      const one = new RegExp(`^[${cls}]$`);
      table = new Uint8Array(128);
      for (let c = 0; c < 128; c++) table[c] = one.test(String.fromCharCode(c)) ? 1 : 0;
    } catch {
      table = null;
    }
    CLASS_CODES.set(cls, table);
  }
  return table;
}

/**
 * The guards of keyword `k`, one per rule listing it (a hit stays when any passes), or null unless every such rule
 * is a case-sensitive prefixed rule of which `k` is a prefix, lower-cased.
 */
function guardsOf(k: string, rules: readonly CompiledRule[]): Guard[] | null {
  const out: Guard[] = [];
  for (const rule of rules) {
    const spec = rule.spec;
    if (spec.match !== 'prefixed' || (spec.flags ?? '').includes('i') || rule.context) return null;
    const part = Object.values(spec.parts ?? {})[0];
    if (!part) return null;
    const prefixes = partPrefixes(part);
    const source = rule.regex.source;
    // The regex starts with a prefix only when every prefix is there to stand for (see prefixedRegex).
    const left = source.startsWith(`${TOKEN_LEFT}(?<secret>`);
    if (prefixes.length === 0 || prefixes.some((p) => p.length < 2) || (!left && !source.startsWith('(?<secret>'))) return null;
    const spellings = prefixes.filter((p) => p.toLowerCase() === k);
    if (spellings.length === 0) return null;
    const run = bodyStart(part);
    const body = run ? classCodes(run.cls) : null;
    out.push({ spellings, left, body, min: body ? run!.min : 0 });
  }
  return out.length ? out : null;
}

const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isHexCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Whether a hit at `at` passes a guard. */
function passes(text: string, at: number, guard: Guard): boolean {
  let end = -1;
  const spellings = guard.spellings;
  for (let i = 0; i < spellings.length; i++) if (text.startsWith(spellings[i]!, at)) end = at + spellings[i]!.length;
  if (end < 0) return false;
  if (guard.left && at > 0 && isWordCode(text.charCodeAt(at - 1))) {
    // A word character right before: allowed only where it ends an escape (`\n`, `%3D`).
    const escaped = (at >= 2 && text.charCodeAt(at - 2) === 92) || (at >= 3 && text.charCodeAt(at - 3) === 37 && isHexCode(text.charCodeAt(at - 2)));
    if (!escaped) return false;
  }
  if (guard.body) {
    if (end + guard.min > text.length) return false;
    for (let i = end; i < end + guard.min; i++) {
      const c = text.charCodeAt(i);
      if (c < 128 && guard.body[c] === 0) return false;
    }
  }
  return true;
}

/**
 * The hits that pass one of the guards. Plain loops rather than filter() and some() with a closure per keyword: in the
 * pre-commit hook this code runs before V8 optimises it, and a common keyword (`t-` of Tatum keys, in every
 * `default-`) has thousands of hits a commit.
 */
function guarded(text: string, found: readonly number[], guards: readonly Guard[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < found.length; i++) {
    const at = found[i]!;
    for (let g = 0; g < guards.length; g++) {
      if (passes(text, at, guards[g]!)) {
        out.push(at);
        break;
      }
    }
  }
  return out;
}

// Built once per rule set; a cache, so detect stays a pure function of its inputs.
const gates = new WeakMap<RuleSet, Gate>();

const isAscii = (k: string): boolean => [...k].every((ch) => ch.charCodeAt(0) < 128);

/** Shorter literals are not required (see requiredLiterals): common ones would cost more automaton hits than they save. */
const REQUIRED_MIN = 6;

/**
 * What every value of a context rule must contain, when each of its parts has such a literal of REQUIRED_MIN
 * characters or more: per part, its longest literal segment or suffix, else its prefixes (it holds one of them),
 * lower-cased. A text holding none of them gives the rule nothing to report (every value it reports has its part's
 * shape, by whatever way it was found), however often its names and aliases occur there: `JQQJ99` of an Azure AI
 * services key, against `azure`, `openai`, `speech` and `vision`, which cost that rule a fifth of a second a scan of
 * the bench tree. Null for any other rule. Exported for the tests.
 */
export function requiredLiterals(rule: CompiledRule): string[][] | null {
  if (!rule.context || rule.context.manifest) return null;
  const parts = Object.values(rule.spec.parts ?? {});
  if (parts.length === 0) return null;
  const out: string[][] = [];
  for (const part of parts) {
    // The literal segments and suffix, which every value holds (see prefixedRegex).
    const longest = partLiterals({ ...part, prefix: undefined }).sort((a, b) => b.length - a.length)[0];
    const prefixes = partPrefixes(part);
    if (longest !== undefined && longest.length >= REQUIRED_MIN && isAscii(longest)) out.push([longest.toLowerCase()]);
    else if (prefixes.length > 0 && prefixes.every((p) => p.length >= REQUIRED_MIN && isAscii(p))) out.push(prefixes.map((p) => p.toLowerCase()));
    else return null;
  }
  return out;
}

/**
 * The keywords the automaton of a rule set holds, in its order (the build-time cache prebuilds it from this): the rule
 * set's, then the required literals that are not among them.
 */
export function matcherKeywords(ruleSet: RuleSet): string[] {
  const keywords = [...ruleSet.byKeyword.keys()].filter(isAscii);
  const have = new Set(keywords);
  for (const rule of ruleSet.rules) {
    for (const k of requiredLiterals(rule)?.flat() ?? []) {
      if (!have.has(k)) {
        have.add(k);
        keywords.push(k);
      }
    }
  }
  return keywords;
}

function gateFor(ruleSet: RuleSet): Gate {
  let gate = gates.get(ruleSet);
  if (!gate) {
    const keywords = matcherKeywords(ruleSet);
    const loose = new Set([...ruleSet.byKeyword.keys()].filter((k) => !isAscii(k)).flatMap((k) => ruleSet.byKeyword.get(k)!));
    // A required literal that is no rule's keyword is looked for, but leads to no rule.
    const rules = keywords.map((k) => ruleSet.byKeyword.get(k) ?? []);
    const order = new Map(ruleSet.rules.map((r, i) => [r, i]));
    const always = ruleSet.rules.filter((r) => r.keywords.length === 0 || loose.has(r));
    const index = new Map(keywords.map((k, i) => [k, i]));
    const requires = new Map<CompiledRule, number[][]>();
    for (const rule of ruleSet.rules) {
      const literals = requiredLiterals(rule);
      if (literals && !loose.has(rule)) requires.set(rule, literals.map((alternatives) => alternatives.map((k) => index.get(k)!)));
    }
    // A locator is the rule's keyword only when it is one of the rule's keywords (a rule may list its own).
    const locating = new Set(ruleSet.rules.filter((r) => r.context?.locators.some((k) => r.keywords.includes(k)) && !loose.has(r)));
    const locatorOf = keywords.map((k, i) => {
      const set = new Set(rules[i]!.filter((r) => locating.has(r) && r.context!.locators.includes(k)));
      return set.size ? set : null;
    });
    gate = { matcher: KeywordMatcher.for(keywords), rules, loose, guards: keywords.map((k, i) => guardsOf(k, rules[i]!)), order, always, requires, locatorOf, locating };
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

/** Sets up `ruleSet`'s WebAssembly keyword loop now, for a process that scans little (see prepareNarrowWasm). */
export function prepareKeywordWasm(ruleSet: RuleSet): void {
  if (ruleSet.byKeyword.size > 0) gateFor(ruleSet).matcher.prepareNarrowWasm();
}

export interface Candidates {
  /** Rules whose keywords occur (plus the keyword-less ones), in rule-set order. */
  rules: CompiledRule[];
  /**
   * rule → ascending start offsets of its keyword hits (absent for rules that must scan the whole text). Read-only:
   * rules holding the same keyword share one list.
   */
  hits: Map<CompiledRule, readonly number[]>;
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
  // A keyword's list of hits is shared by every rule holding it (on a large file, a common keyword's hits would
  // otherwise be copied once per rule); a rule hit by a second keyword gets its own list, merged and sorted below.
  const merged = new Set<number[]>();
  // Rules with locators that some other keyword of theirs hit: the rest are dropped below.
  let located: Set<CompiledRule> | null = null;
  for (const [k, found] of positions) {
    const guard = gate.guards[k];
    const starts = guard ? guarded(text, found, guard) : found;
    if (starts.length === 0) continue;
    const len = gate.matcher.keywords[k]!.length;
    const locators = gate.locatorOf[k];
    for (const rule of gate.rules[k]!) {
      if (gate.locating.has(rule) && !locators?.has(rule)) (located ??= new Set()).add(rule);
      let list = hits.get(rule);
      if (list) {
        if (!merged.has(list)) {
          hits.set(rule, (list = list.slice()));
          merged.add(list);
        }
        for (const s of starts) list.push(s);
        keywordLength.set(rule, Math.max(keywordLength.get(rule)!, len));
      } else {
        hits.set(rule, starts);
        keywordLength.set(rule, len);
      }
    }
  }
  for (const list of merged) list.sort((a, b) => a - b);
  for (const rule of gate.loose) hits.delete(rule);
  // A rule whose only hits are its locators (`Client(` in a file that names no provider) has nothing to report here.
  for (const rule of gate.locating) {
    if (hits.has(rule) && !located?.has(rule)) {
      hits.delete(rule);
      keywordLength.delete(rule);
    }
  }
  // A context rule none of whose parts' required literals occurs has nothing to report here.
  for (const [rule, parts] of gate.requires) {
    if (hits.has(rule) && !parts.some((alternatives) => alternatives.some((k) => positions.has(k)))) {
      hits.delete(rule);
      keywordLength.delete(rule);
    }
  }
  // The candidates in rule-set order: a few dozen of several hundred rules on most files, so they are put in order
  // rather than the whole rule set filtered for them.
  const rules = [...hits.keys(), ...gate.always];
  const { order } = gate;
  rules.sort((a, b) => order.get(a)! - order.get(b)!);
  return { rules, hits, keywordLength };
}

/** Rules whose keywords occur in `text` (plus the keyword-less ones), in rule-set order. */
export function candidateRules(ruleSet: RuleSet, text: string): CompiledRule[] {
  return prefilter(ruleSet, text).rules;
}
