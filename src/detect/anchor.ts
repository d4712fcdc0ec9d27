// Does every match of a rule's regex contain one of its keywords? Only then may the engine run the rule on the
// lines around its keyword hits alone (a rule such as "a key shaped like X in a file that mentions poloniex" has
// its keyword elsewhere and must see the whole text). Decided from the rule's own regex source, conservatively:
// a keyword must appear as a literal that every match goes through (case-insensitively, `(?i:...)` included).

interface Parsed {
  /** True when every way through this part passes a literal holding a keyword. */
  sure: boolean;
}

/** Parses `src` from `i` up to a `)` or the end; returns whether every alternative is sure, and where it stopped. */
function alternatives(src: string, i: number, keywords: readonly string[]): { sure: boolean; end: number } | null {
  let allSure = true;
  for (;;) {
    const seq = sequence(src, i, keywords);
    if (!seq) return null;
    allSure &&= seq.sure;
    i = seq.end;
    if (src[i] === '|') {
      i += 1;
      continue;
    }
    return { sure: allSure, end: i };
  }
}

function quantifierAt(src: string, i: number): { min: number; len: number } {
  const c = src[i];
  if (c === '?' || c === '*') return { min: 0, len: src[i + 1] === '?' ? 2 : 1 };
  if (c === '+') return { min: 1, len: src[i + 1] === '?' ? 2 : 1 };
  const m = c === '{' ? /^\{(\d+)(?:,\d*)?\}\??/.exec(src.slice(i, i + 24)) : null;
  return m ? { min: Number(m[1]), len: m[0].length } : { min: 1, len: 0 };
}

function sequence(src: string, i: number, keywords: readonly string[]): (Parsed & { end: number }) | null {
  // The literal run so far, as every spelling it can take (small classes such as `[_-]?` fork it); a run is sure
  // when each spelling holds a keyword.
  let run: string[] = [''];
  let sure = false;
  const flush = (): void => {
    if (!sure && run.every((v) => keywords.some((k) => v.includes(k)))) sure = true;
    run = [''];
  };
  const extend = (chars: string[], optional: boolean): void => {
    const next = run.flatMap((v) => chars.map((ch) => v + ch.toLowerCase()));
    run = optional ? [...run, ...next] : next;
    if (run.length > 32) flush();
  };
  while (i < src.length && src[i] !== '|' && src[i] !== ')') {
    const c = src[i]!;
    if (c === '(') {
      // A plain capturing group `(` too: the `(?…)` part is optional.
      const head = /^\((?:\?(?:i:|<[A-Za-z_$][\w$]*>|[:=!]|<[=!]))?/.exec(src.slice(i, i + 64))![0];
      const inner = alternatives(src, i + head.length, keywords);
      if (!inner || src[inner.end] !== ')') return null;
      i = inner.end + 1;
      const q = quantifierAt(src, i);
      i += q.len;
      flush();
      const negative = head === '(?!' || head === '(?<!';
      if (!negative && q.min >= 1 && inner.sure) sure = true;
      continue;
    }
    let lit: string[] | null = null;
    let len = 1;
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      len = 2;
      lit = /[.\-/\\^$*+?()[\]{}|_:=@#&~%!'"`,;<> ]/.test(e) ? [e] : null;
      if (/[xuckpP]/.test(e)) return null; // rare escapes: give up (whole-text scan)
    } else if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      len = j + 1 - i;
      // A small class of plain characters, such as [_-] or [pous]: each one is a spelling.
      const body = src.slice(i + 1, j).replace(/\\-/g, '-');
      if (src[i + 1] !== '^' && body.length <= 4 && !/[\\\]]|.-./.test(body)) lit = [...body];
    } else if (c !== '.' && c !== '^' && c !== '$') lit = [c];
    i += len;
    const q = quantifierAt(src, i);
    i += q.len;
    const once = q.len === 0;
    const optional = src[i - q.len] === '?' && q.len > 0 && q.min === 0 && !src.slice(i - q.len, i).startsWith('{');
    if (lit !== null && (once || optional)) extend(lit, optional);
    else flush();
  }
  flush();
  return { sure, end: i };
}

/** True when every match of `source` (keyhound regex syntax, before expansion) contains one of `keywords`. */
export function keywordAnchored(source: string, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return false;
  const top = alternatives(source, 0, keywords.map((k) => k.toLowerCase()));
  return top !== null && top.end === source.length && top.sure;
}

// ---------------------------------------------------------------------------------------------------------------
// Keyword-led rules: every match *starts* where one of the rule's keywords starts (after zero-width assertions such
// as `(?<![A-Za-z])`). The engine then tries such a rule only at its keyword hits, as a sticky regex on the whole
// text, instead of scanning any text for a place to start: the same matches, found without a search. Decided from
// the rule's own source, conservatively: anything not understood makes a rule "not led", which only costs speed.

/** Index of the `)` or `|` that ends the sequence starting at `i` (or the end of `src`), skipping nested groups. */
function sequenceEnd(src: string, i: number): number {
  let depth = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '[') {
      i = classEnd(src, i);
      continue;
    }
    if (c === '(') depth += 1;
    else if (c === ')') {
      if (depth === 0) return i;
      depth -= 1;
    } else if (c === '|' && depth === 0) return i;
    i += 1;
  }
  return i;
}

/** Index just past the character class opening at `src[i]`. */
function classEnd(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  if (src[j] === ']') j++;
  while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** One literal element at `i`: its spellings (as written), or null when it is not a plain literal. */
function literalAt(src: string, i: number): { chars: string[] | null; len: number } {
  const c = src[i]!;
  if (c === '\\') {
    const e = src[i + 1] ?? '';
    return { chars: /[.\-/\\^$*+?()[\]{}|_:=@#&~%!'"`,;<> ]/.test(e) ? [e] : null, len: 2 };
  }
  if (c === '[') {
    const end = classEnd(src, i);
    const body = src.slice(i + 1, end - 1).replace(/\\-/g, '-');
    const small = src[i + 1] !== '^' && body.length <= 4 && !/[\\\]]|.-./.test(body);
    return { chars: small ? [...body] : null, len: end - i };
  }
  if (c === '.' || c === '^' || c === '$' || c === '(' || c === ')' || c === '|') return { chars: null, len: 1 };
  return { chars: [c], len: 1 };
}

/** A literal that leads a match without being a keyword must be at least this long (it is searched for). */
const MIN_LEAD_LITERAL = 4;
/** Lead literals are taken up to this long (longer is more selective; the spelling may end sooner). */
const LEAD_LITERAL_LENGTH = 16;
/** At most this many such literals per rule. */
const MAX_LEAD_LITERALS = 8;

interface LeadScan {
  keywords: readonly string[];
  /** Case-sensitive literals that lead some alternative (found in the text with indexOf). */
  literals: Set<string>;
}

/** What the analysis says of a sequence or alternation: led; or consuming nothing at all (zero-width only). */
interface Lead {
  led: boolean;
  /** True when it matches nothing but assertions (an empty alternative): then what follows it leads. */
  empty: boolean;
  end: number;
}

function ledAlternatives(src: string, i: number, ctx: LeadScan, ci: boolean): Lead {
  let led = true;
  let empty = false;
  for (;;) {
    const seq = ledSequence(src, i, ctx, ci);
    if (seq.empty) empty = true;
    else led &&= seq.led;
    i = seq.end;
    if (src[i] === '|') {
      i += 1;
      continue;
    }
    return { led, empty, end: i };
  }
}

function ledSequence(src: string, i: number, ctx: LeadScan, ci: boolean): Lead {
  const not = (): Lead => ({ led: false, empty: false, end: sequenceEnd(src, i) });
  // Zero-width assertions first: they consume nothing, so the match still starts after them.
  for (;;) {
    const look = /^\(\?<?[=!]/.exec(src.slice(i, i + 4));
    if (look) {
      const close = sequenceEndOfGroup(src, i + look[0].length);
      if (close === -1) return not();
      i = close + 1;
      if (quantifierAt(src, i).len > 0) return not();
      continue;
    }
    if (src.startsWith('\\b', i) || src.startsWith('\\B', i)) {
      i += 2;
      continue;
    }
    if (src[i] === '^') {
      i += 1;
      continue;
    }
    break;
  }
  if (i >= src.length || src[i] === '|' || src[i] === ')') return { led: false, empty: true, end: i };
  if (src[i] === '(') {
    // A group: led when each of its alternatives is led. When it may also match nothing (an alternative of
    // assertions only, or a quantifier allowing zero times), what comes after it must lead as well.
    const head = /^\((?:\?(?:i:|:|<[A-Za-z_$][\w$]*>))?/.exec(src.slice(i, i + 64))![0];
    if (head === '(' && src[i + 1] === '?') return not(); // a group kind not understood
    const inner = ledAlternatives(src, i + head.length, ctx, ci || head === '(?i:');
    if (src[inner.end] !== ')') return not();
    const q = quantifierAt(src, inner.end + 1);
    const after = inner.end + 1 + q.len;
    if (!inner.empty && q.min >= 1) return { led: inner.led, empty: false, end: sequenceEnd(src, after) };
    // The match starts either inside the group (at one of its non-empty alternatives) or with what follows it.
    const rest = ledSequence(src, after, ctx, ci);
    return { led: inner.led && rest.led, empty: inner.empty && !inner.led ? rest.empty : false, end: rest.end };
  }
  // A literal run: every spelling it can take must begin with a keyword, or (outside a case-insensitive part) be a
  // literal long enough to search for.
  let run: string[] = [''];
  const longest = Math.max(LEAD_LITERAL_LENGTH, ...ctx.keywords.map((k) => k.length));
  while (i < src.length && run.some((v) => v.length < longest)) {
    const lit = literalAt(src, i);
    if (lit.chars === null) break;
    const q = quantifierAt(src, i + lit.len);
    const optional = q.len > 0 && q.min === 0;
    if (q.len > 0 && !optional && !src.startsWith('?', i + lit.len)) {
      // `x+` or `x{n,m}` with n ≥ 1: one x is certain, what follows is not a fixed spelling.
      if (q.min >= 1) run = run.flatMap((v) => lit.chars!.map((ch) => v + ch));
      i += lit.len + q.len;
      break;
    }
    const next = run.flatMap((v) => lit.chars!.map((ch) => v + ch));
    run = optional ? [...run, ...next] : next;
    i += lit.len + q.len;
    if (run.length > 64) break;
  }
  let led = true;
  for (const v of run) {
    if (ctx.keywords.some((k) => v.toLowerCase().startsWith(k))) continue;
    if (ci || v.length < MIN_LEAD_LITERAL) led = false;
    else if (![...ctx.literals].some((l) => v.startsWith(l))) {
      // Keep the shortest of literals that begin alike: its occurrences include the others'.
      for (const l of ctx.literals) if (l.startsWith(v)) ctx.literals.delete(l);
      if (ctx.literals.size >= MAX_LEAD_LITERALS) led = false;
      else ctx.literals.add(v);
    }
  }
  return { led, empty: false, end: sequenceEnd(src, i) };
}

/** Index of the `)` closing the group whose body starts at `i`, or -1. */
function sequenceEndOfGroup(src: string, i: number): number {
  for (;;) {
    const end = sequenceEnd(src, i);
    if (end >= src.length) return -1;
    if (src[end] === ')') return end;
    i = end + 1;
  }
}

/**
 * Where every match of a rule can start: null when that is unknown; else at the start of one of `keywords` (case
 * insensitively) or of one of the returned literals (case-sensitive, as written in the rule), after any leading
 * zero-width assertions. `source` is in keyhound regex syntax, before expansion; `flags` the rule's flags.
 */
export function ruleLeads(source: string, keywords: readonly string[], flags = ''): { literals: string[] } | null {
  if (keywords.length === 0) return null;
  const ctx: LeadScan = { keywords: keywords.map((k) => k.toLowerCase()), literals: new Set() };
  const top = ledAlternatives(source, 0, ctx, flags.includes('i'));
  return top.end === source.length && top.led ? { literals: [...ctx.literals] } : null;
}

/** True when every match of `source` begins exactly where one of `keywords` begins (see {@link ruleLeads}). */
export function keywordLed(source: string, keywords: readonly string[]): boolean {
  return ruleLeads(source, keywords)?.literals.length === 0;
}
