// The detection engine: a compiled rule set and a fragment in, findings out. Pure: no file system, git, clock or
// terminal, so it runs anywhere (worker threads, tests with plain strings).
//
// Per rule: keyword gate → regex → secret group → entropy → allowlists → validator → inline allow.
// A rule may be given a time budget per fragment (a clock injected by the caller, so detect stays pure): checked
// between matches and between windows, a rule over budget stops there and is reported in `cutShort`.

import type { CompiledRule, CutShort, DetectResult, DropReason, Finding, Fragment, RuleSet } from '../model/types.js';
import { allowlisted, InlineAllowIndex } from './allow.js';
import { shannonEntropy } from './entropy.js';
import { fingerprint } from './fingerprint.js';
import { LineIndex } from './lines.js';
import { keywordAnchored, ruleLeads } from './anchor.js';
import { gateBits, gatePasses, gateScan, gateWindows } from './gates.js';
import { prefilter } from './prefilter.js';
import { regexReach, type Reach } from './span.js';
import { ruleWindows } from './windows.js';
import { validators as builtinValidators } from './validators/index.js';
import { byCodePoint } from '../util/compare.js';
import type { Validator } from './validators/types.js';
import { Bindings, runContextRule, type AliasIndex, type PartHit } from './context.js';

export interface DetectOptions {
  /** Validators by name; defaults to the built-in registry. */
  validators?: Readonly<Record<string, Validator>>;
  /** Also treat `gitleaks:allow` comments as inline allows. Default false. */
  honorGitleaksAllow?: boolean;
  /**
   * A clock in milliseconds (such as `performance.now`), for the rule time budget. Without one there is no budget:
   * detect reads no clock of its own.
   */
  now?: () => number;
  /** Most milliseconds one rule may spend on one fragment before it is cut short there. Default {@link DEFAULT_RULE_BUDGET_MS}. */
  ruleBudgetMs?: number;
}

/** Default rule time budget per fragment: far above what any built-in rule needs on a 64 MiB file. */
export const DEFAULT_RULE_BUDGET_MS = 10_000;

function count(dropped: Map<DropReason, number>, reason: DropReason): void {
  dropped.set(reason, (dropped.get(reason) ?? 0) + 1);
}

// Per rule, how far its match reaches (span.ts), or null when it must scan the whole text because a match need not
// contain a keyword (anchor.ts). A cache keyed by the compiled rule, so detect stays pure.
const reaches = new WeakMap<CompiledRule, Reach | null>();

function reachOf(rule: CompiledRule): Reach | null {
  let reach = reaches.get(rule);
  if (reach === undefined) {
    reach = keywordAnchored(rule.spec.regex, rule.keywords) ? regexReach(rule.regex.source, rule.regex.flags) : null;
    reaches.set(rule, reach);
  }
  return reach;
}

// Per rule, when every match starts at one of its keywords or at one of a few literals (anchor.ts): a sticky copy
// of its regex and those literals; else null.
interface Led {
  re: RegExp;
  literals: string[];
}
const leads = new WeakMap<CompiledRule, Led | null>();
const stickies = new WeakMap<CompiledRule, RegExp>();

/** A sticky copy of the rule's regex: tried at one place of the whole text. */
function stickyOf(rule: CompiledRule): RegExp {
  let re = stickies.get(rule);
  // Through the regex's own constructor: a user rule's LinearRegExp (config/linear-regex.ts) stays linear when sticky.
  if (!re) stickies.set(rule, (re = new (rule.regex.constructor as RegExpConstructor)(rule.regex, rule.regex.flags.replace('y', '') + 'y')));
  return re;
}

function ledOf(rule: CompiledRule): Led | null {
  let led = leads.get(rule);
  if (led === undefined) {
    const found = ruleLeads(rule.spec.regex, rule.keywords, rule.spec.flags ?? '');
    led = found ? { re: stickyOf(rule), literals: found.literals } : null;
    leads.set(rule, led);
  }
  return led;
}

/** Characters around a gate's run searched with it (brackets, and what lookarounds look at), and confirmed. */
const GATE_MARGIN = 64;

/**
 * The keyword hits, and every occurrence of the lead literals, ascending. `found` keeps each literal's occurrences
 * for the fragment, since several rules lead with the same one (`Configuration(`, `getattr(`).
 */
function leadStarts(text: string, hits: readonly number[], literals: readonly string[], found: Map<string, number[]>): readonly number[] {
  if (literals.length === 0) return hits;
  const all = hits.slice();
  for (const literal of literals) {
    let at = found.get(literal);
    if (!at) {
      at = [];
      for (let p = text.indexOf(literal); p !== -1; p = text.indexOf(literal, p + 1)) at.push(p);
      found.set(literal, at);
    }
    for (const p of at) all.push(p);
  }
  return all.sort((a, b) => a - b);
}

const WHOLE: readonly [number, number][] = [[0, Number.POSITIVE_INFINITY]];

// Every provider alias word of a rule set's context rules → the providers it names (cached per rule set).
const aliasIndexes = new WeakMap<RuleSet, AliasIndex>();

function aliasIndexOf(ruleSet: RuleSet): AliasIndex {
  let index = aliasIndexes.get(ruleSet) as Map<string, Set<string>> | undefined;
  if (!index) {
    index = new Map();
    const add = (alias: string, provider: string): void => {
      const words = alias.split(/[^a-z0-9]+/).filter(Boolean);
      // A word of three letters or fewer in a longer alias (`new` of new-relic, `hub` of docker_hub) names no provider
      // by itself: it would mark every `new…` or `…hub…` binding as another provider's. The alias whole still does.
      const keep = words.length > 1 ? [words.join(''), ...words.filter((w) => w.length >= 4)] : words;
      for (const w of keep) {
        const set = index!.get(w) ?? new Set<string>();
        set.add(provider);
        index!.set(w, set);
      }
    };
    for (const p of ruleSet.providers.values()) for (const a of p.aliases ?? [p.id]) add(a.toLowerCase(), p.id);
    for (const r of ruleSet.rules) {
      if (!r.context) continue;
      for (const alias of r.context.aliases) add(alias, r.provider ?? r.id);
    }
    aliasIndexes.set(ruleSet, index);
  }
  return index;
}

interface RunContext {
  ruleSet: RuleSet;
  fragment: Fragment;
  lines: LineIndex;
  validators: Readonly<Record<string, Validator>>;
  honorGitleaksAllow: boolean;
  out: Finding[];
  dropped: Map<DropReason, number>;
  inlineAllows: InlineAllowIndex;
  /** 0-based line → verdicts of line-target allowlist regexes on it. */
  lineMemo: Map<number, Map<RegExp, boolean>>;
  now: (() => number) | null;
  budgetMs: number;
}

/** The rule time budget for one rule on one fragment, starting now: a check that is never over without a clock. */
function budget(c: RunContext): () => boolean {
  const { now } = c;
  if (!now) return () => false;
  const deadline = now() + c.budgetMs;
  return () => now() > deadline;
}

/**
 * Runs one rule's regex over its windows of the fragment (offsets in the windows map back to the whole text).
 * Returns false when the rule ran out of its time budget and stopped early.
 */
function runRule(rule: CompiledRule, windows: readonly (readonly [number, number])[], c: RunContext): boolean {
  const { fragment } = c;
  const re = rule.regex;
  const over = budget(c);
  for (const [from, to] of windows) {
    if (over()) return false;
    // A window is whole lines, so the regex sees a line boundary at its edges just as in the whole text.
    const text = from === 0 && to >= fragment.text.length ? fragment.text : fragment.text.slice(from, to);
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (over()) return false;
      if (m[0].length === 0) {
        re.lastIndex += 1;
        continue;
      }
      take(rule, m, from, c);
    }
  }
  return true;
}

/**
 * Runs a led rule: its sticky regex is tried only where a match can start (keyword hits and lead literals,
 * ascending), on the whole text. A start inside the previous match is passed over, as a global scan would, so the
 * matches are exactly the whole-text ones.
 */
function runLed(rule: CompiledRule, re: RegExp, starts: readonly number[], c: RunContext): boolean {
  const text = c.fragment.text;
  const over = budget(c);
  let next = 0;
  let tried = -1;
  for (const p of starts) {
    if (p < next || p === tried) continue;
    if (over()) return false;
    tried = p;
    re.lastIndex = p;
    const m = re.exec(text);
    if (m === null || m[0].length === 0) continue;
    next = p + m[0].length;
    take(rule, m, 0, c);
  }
  return true;
}

/**
 * Runs a gated rule on the places where its gate holds (gates.ts: every match lies in one of those runs, give or
 * take a character) instead of the whole text. Each window is searched with a margin; every match found there is
 * then tried again, sticky, at the same place of the whole text, and only that whole-text match counts, so what a
 * window's edges hide or invent cannot change the result: a failed try resumes the search one character on.
 */
function runGateWindows(rule: CompiledRule, windows: readonly (readonly [number, number])[], c: RunContext): boolean {
  const text = c.fragment.text;
  const re = rule.regex;
  const sticky = stickyOf(rule);
  const over = budget(c);
  let next = 0; // where the last whole-text match ended
  let w = 0;
  while (w < windows.length) {
    // Merge windows whose margins overlap.
    const from = Math.max(0, windows[w]![0] - GATE_MARGIN);
    let to = Math.min(text.length, windows[w]![1] + GATE_MARGIN);
    for (w++; w < windows.length && windows[w]![0] - GATE_MARGIN <= to; w++) to = Math.min(text.length, windows[w]![1] + GATE_MARGIN);
    if (over()) return false;
    const slice = text.slice(from, to);
    re.lastIndex = Math.max(0, next - from);
    let m: RegExpExecArray | null;
    while (re.lastIndex <= slice.length && (m = re.exec(slice)) !== null) {
      if (over()) return false;
      const at = from + m.index;
      sticky.lastIndex = at;
      const whole = sticky.exec(text);
      if (whole === null || whole[0].length === 0) {
        re.lastIndex = m.index + 1;
        continue;
      }
      take(rule, whole, 0, c);
      next = at + whole[0].length;
      re.lastIndex = next - from;
    }
  }
  return true;
}

/** The secret of one match (offsets in the window starting at `from`), on to {@link accept}. */
function take(rule: CompiledRule, m: RegExpExecArray, from: number, c: RunContext): void {
  let secret: string;
  let start: number;
  if (rule.hasSecretGroup) {
    const s = m.groups?.secret;
    const at = m.indices?.groups?.secret;
    if (s === undefined || at === undefined || s.length === 0) return;
    secret = s;
    start = at[0] + from;
  } else {
    secret = m[0];
    start = m.index + from;
  }
  accept(rule, c, m[0], secret, start);
}

/** A context rule's part: its own entropy and validator, and the parts paired with it. */
interface PartExtra {
  entropy: number;
  validate: string | null;
  parts: Record<string, string>;
}

/** Takes one regex match through entropy → allowlists → validator → inline allow, into `out` or `dropped`. */
function accept(rule: CompiledRule, c: RunContext, match: string, secret: string, start: number, extra?: PartExtra): void {
  const { ruleSet, fragment, lines, validators, dropped } = c;
  const { path } = fragment;
  const minEntropy = extra ? extra.entropy : rule.entropy;
  if (minEntropy > 0 && shannonEntropy(secret) < minEntropy) {
    count(dropped, 'entropy');
    return;
  }
  const end = start + secret.length - 1;
  const startLine = lines.lineAt(start);
  const endLine = lines.lineAt(end);
  const candidate = { secret, match, line: lines.lineText(startLine), path };
  let memo = c.lineMemo.get(startLine);
  if (!memo) c.lineMemo.set(startLine, (memo = new Map()));
  if (
    rule.allowlists.some((a) => allowlisted(a, candidate, memo)) ||
    (rule.globalAllowlists && ruleSet.allowlists.some((a) => allowlisted(a, candidate, memo)))
  ) {
    count(dropped, 'allowlist');
    return;
  }
  const validate = extra ? extra.validate : rule.validate;
  if (validate) {
    const validator = validators[validate];
    const result = validator ? validator(secret) : { ok: false as const, reason: 'validator missing' };
    if (!result.ok) {
      count(dropped, `validator:${validate}`);
      return;
    }
  }
  if (c.inlineAllows.allowed(startLine, endLine, { gitleaks: c.honorGitleaksAllow, tools: ruleSet.allowComments })) {
    count(dropped, 'inline-allow');
    return;
  }
  const offset = fragment.lineOffset ?? 0;
  const from = lines.position(start);
  const to = lines.position(end);
  if (fragment.onlyLines) {
    let touches = false;
    for (let l = from.line + offset; l <= to.line + offset && !touches; l++) touches = fragment.onlyLines.has(l);
    if (!touches) return;
  }
  c.out.push({
    ruleId: rule.id,
    description: rule.description,
    severity: rule.severity,
    path,
    line: from.line + offset,
    column: from.column,
    endLine: to.line + offset,
    endColumn: to.column,
    secret,
    fingerprint: fingerprint(rule.id, path, secret),
    ...(fragment.commit ? { commit: fragment.commit } : {}),
    ...(rule.provider ? { provider: rule.provider } : {}),
    ...(extra && Object.keys(extra.parts).length > 1 ? { parts: extra.parts } : {}),
  });
}

/** Reports a context rule's part through the same checks as a regex match. */
function acceptPart(c: RunContext, rule: CompiledRule, hit: PartHit, parts: Record<string, string>): void {
  // In C, C++, C# and Objective-C, `'…'` is a character literal: a longer value in single quotes is no string there
  // (it does not compile), so a generic rule, which knows the value only by where it sits, leaves it alone.
  if (rule.generic && c.fragment.text[hit.start - 1] === "'" && C_FAMILY.test(c.fragment.path)) return;
  const part = rule.context!.parts.find((p) => p.name === hit.part)!;
  accept(rule, c, hit.value, hit.value, hit.start, { entropy: part.entropy, validate: part.validate, parts });
}

/** Sources of the languages where single quotes make a character literal, not a string. */
const C_FAMILY = /\.(?:c|h|cc|cpp|cxx|hh|hpp|hxx|m|mm|cs)$/i;

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/**
 * Settles what one fragment reports: exact duplicates go; when several rules report the very same secret at the
 * same place (an Infura key matched by its URL rule and its variable-name rule), the most severe wins, then the
 * first in rule order; and generic findings yield to any specific finding that overlaps them.
 */
function settle(findings: Finding[], genericIds: ReadonlySet<string>, contextIds: ReadonlySet<string>): Finding[] {
  const bySpan = new Map<string, Finding>();
  for (const f of findings) {
    const key = `${f.line}:${f.column}:${f.endLine}:${f.endColumn}`;
    const prev = bySpan.get(key);
    if (!prev) {
      bySpan.set(key, f);
      continue;
    }
    const prevGeneric = genericIds.has(prev.ruleId);
    const curGeneric = genericIds.has(f.ruleId);
    // A provider named by its context (a Paystack `sk_live_` key under PAYSTACK_SECRET) is more specific than a
    // prefix another provider shares.
    const prevContext = contextIds.has(prev.ruleId);
    const curContext = contextIds.has(f.ruleId);
    if (prevGeneric !== curGeneric) {
      if (prevGeneric) bySpan.set(key, f);
    } else if (prevContext !== curContext) {
      if (curContext) bySpan.set(key, f);
    } else if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[prev.severity]) bySpan.set(key, f);
  }
  const unique = [...bySpan.values()];
  const specific = unique.filter((f) => !genericIds.has(f.ruleId));
  if (specific.length === unique.length) return unique;
  const overlaps = (a: Finding, b: Finding): boolean =>
    !(a.endLine < b.line || (a.endLine === b.line && a.endColumn < b.column) || b.endLine < a.line || (b.endLine === a.line && b.endColumn < a.column));
  return unique.filter((f) => !genericIds.has(f.ruleId) || !specific.some((s) => overlaps(s, f)));
}

/** Finds every secret in one fragment. */
export function detect(ruleSet: RuleSet, fragment: Fragment, options: DetectOptions = {}): DetectResult {
  const dropped = new Map<DropReason, number>();
  const { rules, hits, keywordLength } = prefilter(ruleSet, fragment.text, fragment.utf8);
  if (rules.length === 0) return { findings: [], dropped };
  const lines = new LineIndex(fragment.text);
  const validators = options.validators ?? builtinValidators;
  const found: Finding[] = [];
  const c: RunContext = {
    ruleSet,
    fragment,
    lines,
    validators,
    honorGitleaksAllow: options.honorGitleaksAllow ?? false,
    out: found,
    dropped,
    inlineAllows: new InlineAllowIndex(fragment.text, (offset) => lines.lineAt(offset)),
    lineMemo: new Map(),
    now: options.now ?? null,
    budgetMs: options.ruleBudgetMs ?? DEFAULT_RULE_BUDGET_MS,
  };
  const cutShort: CutShort[] = [];
  const genericIds = new Set<string>();
  // Structural gates (gates.ts): one shared pass, only when a candidate rule has a gate; then, for a rule found
  // through its gate alone, the places where the gate holds (by gate name, once per fragment).
  let verdict = -1;
  const gatePlaces = new Map<string, [number, number][]>();
  const literalPlaces = new Map<string, number[]>();
  let bindings: Bindings | null = null;
  const contextIds = new Set<string>();
  for (const rule of rules) {
    if (rule.path && !rule.path(fragment.path)) continue;
    if (rule.context) {
      // A manifest rule knows where a value sits, not what it is: a rule that knows (a private key in a Secret's
      // tls.key) is as specific, and severity decides between them.
      if (!rule.generic && !rule.context.manifest) contextIds.add(rule.id);
      // A context rule runs on the grammar's bindings near its keywords, shared by every context rule.
      if (rule.generic) genericIds.add(rule.id);
      bindings ??= new Bindings(fragment.text, lines);
      runContextRule(rule, hits.get(rule) ?? [], bindings, (r, hit, parts) => acceptPart(c, r, hit, parts), aliasIndexOf(ruleSet));
      continue;
    }
    const gate = rule.spec.gate;
    if (gate !== undefined) {
      if (verdict === -1) verdict = gateScan(fragment.text, gateBits(rules.flatMap((r) => (r.spec.gate ? [r.spec.gate] : []))), fragment.utf8);
      if (!gatePasses(gate, verdict)) continue;
    }
    if (rule.generic) genericIds.add(rule.id);
    const starts = hits.get(rule);
    const led = starts ? ledOf(rule) : null;
    let finished: boolean;
    if (starts && led) finished = runLed(rule, led.re, leadStarts(fragment.text, starts, led.literals, literalPlaces), c);
    else {
      const reach = starts ? reachOf(rule) : null;
      const windows = starts && reach ? ruleWindows(fragment.text, lines, starts, keywordLength.get(rule)!, reach) : null;
      if (!windows && gate !== undefined) {
        let places = gatePlaces.get(gate);
        if (!places) gatePlaces.set(gate, (places = gateWindows(fragment.text, gate)));
        finished = places.length > 0 ? runGateWindows(rule, places, c) : runRule(rule, WHOLE, c);
      } else finished = runRule(rule, windows ?? WHOLE, c);
    }
    if (!finished) cutShort.push({ ruleId: rule.id, path: fragment.path, ...(fragment.commit ? { commit: fragment.commit.sha } : {}) });
  }
  const findings = settle(found, genericIds, contextIds);
  findings.sort((a, b) => a.line - b.line || a.column - b.column || byCodePoint(a.ruleId, b.ruleId));
  return cutShort.length ? { findings, dropped, cutShort } : { findings, dropped };
}
