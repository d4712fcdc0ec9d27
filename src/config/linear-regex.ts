// User and imported regexes (config rules, allowlists, `re:` paths, gitleaks imports) run on RE2's linear-time
// automaton (re2js, a pure-JavaScript port of RE2) instead of V8's backtracking engine, so that no regex a repository
// or a colleague writes can hang a scan: a V8 `exec` cannot be interrupted once it runs. Built-in rules stay on V8.
//
// LinearRegExp is a RegExp whose `exec` (and so `test`, `match`, `replace`, `matchAll`, `split`) runs on RE2: the
// engine, the allowlists and the analyses that read `source` and `flags` (keyword windows, leads) use it unchanged.
// V8 compiles the same source too, only to keep `source`, `flags` and `lastIndex` working; it never runs it.
// What RE2 cannot do in linear time (lookarounds, back-references) throws LinearRegexError with `backtracking` set;
// compile.ts then runs that regex on V8 behind the strict static check.

import { RE2JS, type Matcher } from 're2js';

/** Thrown when RE2 cannot compile a regex (the message says why); compile.ts turns it into a ConfigError. */
export class LinearRegexError extends Error {
  override name = 'LinearRegexError';
  constructor(
    message: string,
    /** The regex needs a backtracking engine (a lookaround or a back-reference), rather than being invalid. */
    readonly backtracking = false,
  ) {
    super(message);
  }
}

function re2Flags(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  return bits;
}

function refusal(err: unknown): LinearRegexError {
  const message = (err as Error).message ?? String(err);
  const backtracking = /\(\?[=!]|\(\?<[=!]/.test(message) || /invalid escape sequence: `\\[1-9k]/.test(message);
  return new LinearRegexError(message, backtracking);
}

/** A back-reference (`\\1`, `\\k<name>`) outside a character class: re2js' translation would read it as a literal. */
function backReference(source: string): string | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) return source.slice(i, i + 2);
      i += 1;
    } else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
  }
  return null;
}

export class LinearRegExp extends RegExp {
  readonly #re2: RE2JS;
  readonly #names: [string, number][];
  #input: string | null = null;
  #matcher: Matcher | null = null;
  // The last unanchored search on #input: from where, and where its match started (-1: none at or after #from).
  // No match starts in between, which lets a sticky regex tried at ascending places search each stretch once.
  #from = -1;
  #start = -1;

  /** `pattern` in JavaScript syntax, or another LinearRegExp (its RE2 program is reused with the new flags). */
  constructor(pattern: string | RegExp, flags?: string) {
    super(pattern, flags);
    const ref = backReference(this.source);
    if (ref) throw new LinearRegexError(`back-reference ${ref}`, true);
    let source: string;
    try {
      source = RE2JS.translateRegExp(this.source);
    } catch (err) {
      throw refusal(err);
    }
    try {
      this.#re2 = RE2JS.compile(source, re2Flags(this.flags));
    } catch (err) {
      throw refusal(err);
    }
    this.#names = Object.entries(this.#re2.namedGroups());
  }

  static override get [Symbol.species](): RegExpConstructor {
    return LinearRegExp as unknown as RegExpConstructor;
  }

  #matcherFor(input: string): Matcher {
    if (this.#input !== input || this.#matcher === null) {
      this.#matcher = this.#re2.matcher(input);
      this.#input = input;
      this.#from = -1;
    }
    return this.#matcher;
  }

  override exec(input: string): RegExpExecArray | null {
    const str = String(input);
    const keeps = this.global || this.sticky;
    const from = keeps ? this.lastIndex : 0;
    if (from > str.length) {
      this.lastIndex = 0;
      return null;
    }
    const m = this.#matcherFor(str);
    // RE2 anchors only at the start of the input, so a sticky match is the leftmost match from `from` when it starts
    // there: the same match, since where a match can start does not depend on where the search began.
    let found: boolean;
    if (this.sticky && this.#from !== -1 && this.#from <= from && (this.#start === -1 || from < this.#start)) found = false;
    else {
      found = m.find(from);
      this.#from = from;
      this.#start = found ? m.start() : -1;
      if (this.sticky && found && this.#start !== from) found = false;
    }
    if (!found) {
      if (keeps) this.lastIndex = 0;
      return null;
    }
    const groupCount = m.groupCount();
    const values: (string | undefined)[] = [];
    const spans: ([number, number] | undefined)[] = [];
    for (let g = 0; g <= groupCount; g++) {
      const start = m.start(g);
      if (start < 0) {
        values.push(undefined);
        spans.push(undefined);
      } else {
        const end = m.end(g);
        values.push(str.slice(start, end));
        spans.push([start, end]);
      }
    }
    const result = values as unknown as RegExpExecArray & { indices?: RegExpIndicesArray };
    result.index = spans[0]![0];
    result.input = str;
    if (this.#names.length) {
      const groups: Record<string, string | undefined> = Object.create(null) as Record<string, string | undefined>;
      for (const [name, g] of this.#names) groups[name] = values[g];
      result.groups = groups as Record<string, string>;
    } else {
      result.groups = undefined;
    }
    if (this.hasIndices) {
      const indices = spans as unknown as RegExpIndicesArray;
      if (this.#names.length) {
        const groups: Record<string, [number, number]> = Object.create(null) as Record<string, [number, number]>;
        for (const [name, g] of this.#names) groups[name] = spans[g]!;
        indices.groups = groups;
      } else {
        indices.groups = undefined;
      }
      result.indices = indices;
    }
    if (keeps) this.lastIndex = spans[0]![1];
    return result;
  }
}
