// Runs context rules (rule model v2) on one fragment: the grammar's bindings near a rule's keywords are matched
// against its parts' shapes and names, identified as the provider's (a name, a section, a header, an alias nearby,
// a URL), then paired into credentials. Pure, like the rest of detect.

import type { CallMatcher, CompiledRule, ContextMatcher, PartMatcher, Presence } from '../model/types.js';
import { compactName, DEFAULT_PART_NAMES, nameWords, trimTail } from '../config/v2.js';
import { type Binding, bindingsAt, continuedValueLine, denseBindings, indentOf, inlineSectionNames, lineBindings, sectionNames, userinfoAfter, userinfoBindings, xmlValueLine } from './grammar.js';
import type { LineIndex } from './lines.js';
import { manifestHits } from './manifest.js';

/** One part found: its value and where. */
export interface PartHit {
  part: string;
  value: string;
  /** Offset in the fragment's text. */
  start: number;
  /** 0-based line. */
  line: number;
}

/** What the engine does with a credential found: the main value and every part paired with it. */
export type Report = (rule: CompiledRule, hit: PartHit, parts: Record<string, string>) => void;

/** Values that say they are not a key: `your-passphrase`, `<API_KEY>`, `${KEY}`, `{{ key }}`, `xxxxxx`, `...`. */
const PLACEHOLDER =
  /^(?:your|my|enter|insert|put|add|replace|paste)[-_ ]|^<[^<>]*>$|^\$\{[^}]*\}$|^\$\(|^\{\{.*\}\}$|^%[A-Z_]+%$|^\$[A-Z_][A-Z0-9_]*$|x{6,}|X{6,}|\*{4,}|\.{3}|\u2026|changeme|change_me|placeholder|example|dummy|redacted|sample|insert_?here/i;

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Lines longer than this (minified code) are read only in windows around keywords. */
const LONG_LINE = 8192;
const WINDOW = 2048;

/** How far a section's children are looked for below a line holding a keyword. */
const CHILD_LINES = 200;
/** Most lines apart that two parts of one credential may be. */
const PAIR_LINES = 12;

/** A huge line, its dense bindings parsed by blocks of LONG_BLOCK characters as they are asked for. */
interface LongLine {
  text: string;
  start: number;
  blocks: (Binding[] | undefined)[];
}
const LONG_BLOCK = 4096;

/** Per-fragment memo of bindings and sections, shared by every context rule. */
export class Bindings {
  private readonly byLine = new Map<number, Binding[]>();
  private readonly sections = new Map<number, string[]>();
  private readonly presence = new Map<string, Int8Array>();
  private readonly longLines = new Map<number, LongLine>();
  private readonly byName = new Map<number, { start: number; bindings: Binding[] }>();
  private childrenEnds: Int32Array | null = null;
  private readonly lineCount: number;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {
    this.lineCount = lines.lineAt(text.length) + 1;
  }

  get count(): number {
    return this.lineCount;
  }

  line(n: number): string {
    return this.lines.lineText(n);
  }

  /**
   * The bindings of a huge line (minified code, a source map) whose values start in [from, to) (offsets in the line),
   * sorted by offset: the dense grammar's, parsed a block of the line at a time, as keyword hits ask for them, and
   * once per fragment however many rules and hits land there. (The hits of a line of megabytes ask for a quarter of
   * it, on the bench tree.)
   */
  long(n: number, from: number, to: number): { text: string; start: number; bindings: Binding[] } {
    let l = this.longLines.get(n);
    if (!l) {
      const text = this.line(n);
      this.longLines.set(n, (l = { text, start: this.lines.lineStart(n), blocks: new Array<Binding[] | undefined>(Math.ceil(text.length / LONG_BLOCK)) }));
    }
    const bindings: Binding[] = [];
    const first = Math.max(0, Math.floor(from / LONG_BLOCK));
    const last = Math.min(l.blocks.length - 1, Math.floor(to / LONG_BLOCK));
    for (let k = first; k <= last; k++) {
      const block = (l.blocks[k] ??= denseBindings(l.text, k * LONG_BLOCK, (k + 1) * LONG_BLOCK));
      for (const b of block) if (b.at >= from && b.at <= to) bindings.push(b);
    }
    return { text: l.text, start: l.start, bindings };
  }

  /**
   * Whether line `n` holds a run that `presence` finds: first whether the line has a run at least as long of the
   * narrowest family of characters that holds the presence's class (alphanumerics, base64's, or value characters: a
   * part needs a run of its family at least its length; {@link hasRun} reads few of the line's characters for it),
   * then by the regex itself. Memoised per line and presence.
   */
  holds(n: number, presence: Presence): boolean {
    let memo = this.presence.get(presence.source);
    if (!memo) this.presence.set(presence.source, (memo = new Int8Array(this.lineCount)));
    if (memo[n] === 0) {
      const test = compiledPresence(presence);
      const run = test.family < 0 || hasRun(this.text, this.lines.lineStart(n), this.lines.lineEnd(n), presence.min, 1 << test.family);
      memo[n] = run && test.re.test(this.line(n)) ? 1 : -1;
    }
    return memo[n] === 1;
  }

  /**
   * The last line of the section line `n` opens (its children: the lines below, down to the first one indented no
   * deeper, at most CHILD_LINES), or -1 when it opens none. Memoised per line for every rule.
   */
  childrenEnd(n: number): number {
    this.childrenEnds ??= new Int32Array(this.lineCount).fill(-2);
    let last = this.childrenEnds[n]!;
    if (last === -2) {
      last = -1;
      const line = this.line(n);
      if (opensSection(line)) {
        const indent = indentOf(line);
        last = n;
        for (let l = n + 1; l < this.lineCount && l <= n + CHILD_LINES; l++) {
          const text = this.line(l);
          if (text.trim() === '') continue;
          if (indentOf(text) <= indent) break;
          last = l;
        }
      }
      this.childrenEnds[n] = last;
    }
    return last;
  }

  at(n: number): Binding[] {
    let b = this.byLine.get(n);
    if (!b) this.byLine.set(n, (b = this.lineLength(n) > LONG_LINE ? [] : this.parse(n)));
    return b;
  }

  /** A line's bindings; a value alone between an element's tags on the lines around it is that element's. */
  private parse(n: number): Binding[] {
    const xml = n > 0 && n + 1 < this.lineCount ? xmlValueLine(this.line(n - 1), this.line(n), this.line(n + 1)) : null;
    if (xml) return [xml];
    const found = lineBindings(this.line(n));
    if (n === 0 || this.lineLength(n - 1) > LONG_LINE) return found;
    // Tried even when the line binds something: a value alone on its line can hold `name:` or `=` of its own
    // (`"ed25519:…"`, base64 padding), which the line's forms read as a binding of their own.
    const continued = continuedValueLine(this.line(n - 1), this.line(n));
    return continued ? [continued, ...found.filter((b) => b.at !== continued.at)] : found;
  }

  lineLength(n: number): number {
    return this.lines.lineEnd(n) - this.lines.lineStart(n);
  }

  /**
   * A piece of line `n` around offset `at` (of the whole text): the whole line when it is short, else a window of
   * WINDOW characters each side, so a minified file's one huge line is never copied per keyword.
   */
  around(n: number, at: number): { text: string; start: number } {
    const start = this.lines.lineStart(n);
    const end = this.lines.lineEnd(n);
    if (end - start <= LONG_LINE) return { text: this.line(n), start };
    const from = Math.max(start, at - WINDOW);
    return { text: this.text.slice(from, Math.min(end, at + WINDOW)), start: from };
  }

  /**
   * The bindings whose name starts at offset `from` of the text, on line `n` (see bindingsAt), with the offset of the
   * piece of the line they were read in: memoised, as the rules that go by names alone (the generic ones) share their
   * keywords.
   */
  named(n: number, from: number): { start: number; bindings: Binding[] } {
    let got = this.byName.get(from);
    if (!got) {
      const { text, start } = this.around(n, from);
      this.byName.set(from, (got = { start, bindings: bindingsAt(text, from - start) }));
    }
    return got;
  }

  /** Lower-case words of the sections line `n` sits in (block sections above it). */
  sectionWords(n: number): string[] {
    let s = this.sections.get(n);
    if (!s) this.sections.set(n, (s = sectionNames((l) => this.line(l), n).flatMap(nameWords)));
    return s;
  }
}

/** True when a provider alias names the words (`binance`, or a glued `binanceapikey` for aliases of 5+ letters). */
function hasAlias(words: readonly string[], aliases: readonly string[]): boolean {
  for (const alias of aliases) {
    const parts = alias.split(/[^a-z0-9]+/).filter(Boolean);
    const compact = parts.join('');
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w === compact || (compact.length >= 5 && w.includes(compact))) return true;
      if (parts.length > 1 && words.slice(i, i + parts.length).join('') === compact) return true;
    }
  }
  return false;
}

/**
 * True when the binding's name names the part: its last words (after trailing environment words, a number or an
 * alias) spell one of the part's names (`API_SECRET`, `apiSecret`, `binance.secret`, `BINANCE_SECRET_KEY_2`), or
 * its last word is an alias glued to one (`binancesecret`).
 */
export function namesPart(words: readonly string[], part: PartMatcher, aliases: readonly string[]): boolean {
  const trimmed = trimTail(words, aliasSet(aliases));
  // A name is spelled by the last words when it is one of their joined tails (`secret`, `apisecret`, …): the tails
  // are built once, not once per name (the generic rule has dozens, and this runs for every keyword hit).
  const { names, longest } = partNames(part);
  let tail = '';
  for (let i = trimmed.length - 1; i >= 0 && tail.length < longest; i--) {
    tail = trimmed[i] + tail;
    if (names.has(tail)) return true;
  }
  if (aliases.length === 0) return false;
  const last = trimmed[trimmed.length - 1] ?? '';
  for (const name of part.names) {
    if (last.length > name.length && last.endsWith(name) && aliases.some((a) => last.startsWith(compactName(a)))) return true;
  }
  return false;
}

const PART_NAMES = new WeakMap<PartMatcher, { names: ReadonlySet<string>; longest: number }>();

/** A part's names as a set, and the longest one's length. */
function partNames(part: PartMatcher): { names: ReadonlySet<string>; longest: number } {
  let p = PART_NAMES.get(part);
  if (!p) PART_NAMES.set(part, (p = { names: new Set(part.names), longest: Math.max(0, ...part.names.map((n) => n.length)) }));
  return p;
}

const ALIAS_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();

/** A rule's aliases as compact names, in a set (cached by the rule's list). */
function aliasSet(aliases: readonly string[]): ReadonlySet<string> {
  let set = ALIAS_SETS.get(aliases);
  if (!set) ALIAS_SETS.set(aliases, (set = new Set(aliases.map(compactName))));
  return set;
}

/** Words that name a whole credential rather than one part: `acme_credentials`, `creds`. */
const CREDENTIAL_WORDS = new Set(['credentials', 'credential', 'creds', 'cred']);

/**
 * True when the binding's name names the credential as a whole: the provider alone (`assemblyai: …`, `mixpanel '…'`,
 * `FLICKR=…`), or `credentials` (`acme credentials: …`), with environment words or a number after it. Such a value
 * is the rule's main part when it has that part's exact shape.
 */
export function namesCredential(words: readonly string[], aliases: readonly string[]): boolean {
  const rest = trimTail(words, new Set()).filter((w) => !CREDENTIAL_WORDS.has(w)).join('');
  if (rest === '') return words.length > 0;
  return aliases.some((a) => compactName(a) === rest);
}

/** Words that name a provider's token without saying which part it is: `KUCOIN_TOKEN`, `kucoinAccessToken`. */
const TOKEN_NAMES = new Set(['token', 'apitoken', 'accesstoken', 'authtoken']);
/** Words that, in a rule of one part, can only mean that part: `finnhub_secret`, `acme_api_key`. */
const SECRET_NAMES = new Set(['key', 'apikey', 'secret', 'secretkey', 'apisecret', 'accesskey']);
/** Parts such a word may stand for; never a passphrase, a password, an id or a user name. */
const SECRET_PARTS = new Set(['key', 'secret', 'token', 'apikey', 'secretkey', 'accesskey', 'apitoken', 'accesstoken']);

/** True when a part goes by its default names: its rule did not say which names it goes by. */
function defaultNames(part: PartMatcher): boolean {
  const d = DEFAULT_PART_NAMES[part.name];
  return d !== undefined && d.length === part.names.length && d.every((n) => part.names.includes(compactName(n)));
}

/**
 * The one part a binding named for a provider's secret in general stands for: `kucoinToken` (a token of a rule whose
 * parts are a key, a secret and a passphrase), `finnhub_secret` (a rule of one part). It is the only key, secret or
 * token part whose exact shape the value has, among parts whose rule did not list the names they go by (a rule that
 * lists them has said what a `token` is: Mixpanel's is public). Null when none or several fit.
 */
export function partByShape(words: readonly string[], aliases: readonly string[], parts: readonly PartMatcher[], value: string): PartMatcher | null {
  const own = aliasSet(aliases);
  const rest = trimTail(words, own).filter((w) => !own.has(w)).join('');
  const required = parts.filter((p) => !p.optional);
  if (!TOKEN_NAMES.has(rest) && !(SECRET_NAMES.has(rest) && required.length === 1)) return null;
  let only: PartMatcher | null = null;
  for (const p of required) {
    if (!SECRET_PARTS.has(p.name) || !defaultNames(p) || !p.shape.test(value)) continue;
    if (only) return null;
    only = p;
  }
  return only;
}

/** Characters of an identifier as a binding's name may be written: `[A-Za-z0-9_$@.-]`. */
const IDENT_CODES = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$@.-') IDENT_CODES[ch.charCodeAt(0)] = 1;
const isIdent = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c < 128 && IDENT_CODES[c] === 1;
};

/** The identifier around offset `h` (at most 100 characters each side), without leading `-` or `.`: [from, to). */
function identifierAround(text: string, h: number): [number, number] {
  let from = h;
  let to = h;
  while (from > 0 && h - from < 100 && isIdent(text, from - 1)) from--;
  while (from < h && (text[from] === '-' || text[from] === '.')) from++;
  while (to < text.length && to - h < 100 && isIdent(text, to)) to++;
  return [from, to];
}

/** True when the identifier text[from, to) names one of the rule's parts, is not excluded, and can be a binding's name. */
function namedHit(text: string, from: number, to: number, ctx: NonNullable<CompiledRule['context']>): boolean {
  if (!bindsAfter(text, from, to)) return false;
  const words = nameWords(text.slice(from, to));
  if (ctx.exclude.length && excluded(words, ctx.exclude)) return false;
  return ctx.parts.some((p) => namesPart(words, p, ctx.aliases));
}

/**
 * The first characters any of the patterns below can start with: `\`, quotes, `]`, blanks, `:`, `=`, `?`, `+`, `|`, `!`,
 * `{`, and a line break.
 */
const AFTER_CODES = new Uint8Array(128);
for (const ch of '\\"\'`] \t:=?+|!{\r\n') AFTER_CODES[ch.charCodeAt(0)] = 1;

/** After a name: an operator (assignments, key: value, headers) or a quoted name's comma (pairs). */
const OPERATOR_AFTER = /^(?:\\?["'`]?\]?[ \t]*(?:[:=]|[?.+|!]=|\|\|=)|["'`][ \t]*,)/;
/** After a name: a quoted value after a space, or after a prose separator (`token - '…'`). */
const QUOTED_AFTER = /^[ \t]+(?:(?:-|\u2013|:|=|is|was|of)[ \t]+)?["'`]/;
/** After a name: Go's `var name Type =`. */
const TYPED_AFTER = /^[ \t]+[\w.*[\]]+[ \t]*=/;
/** After a name: a brace initialiser (`apiSecret{"…"}`), or the operator and a quoted value on the next line. */
const BRACE_OR_NEXT_LINE_AFTER = /^(?:[ \t]*\{[ \t]*\\?["'`]|[ \t]*\r?\n[ \t]*:?=[ \t]*["'`])/;

/**
 * Whether the identifier at [from, to) can be the name of a binding, judged from the characters around it: an
 * operator after it, a comma after its closing quote (pairs), `<` before it (XML), `-` before it (flags), a quoted
 * value and `==` before it (a comparison written value first), a quoted value after a space (flags, prose), Go's
 * `var x T =`, or a bare value after `ENV`/`ARG`. A name followed by `(`, `)`, `;` or `.` is code, not a binding.
 */
function bindsAfter(text: string, from: number, to: number): boolean {
  const before = text[from - 1];
  if (before === '<' || before === '-') return true;
  if (before === '"' && /\b(?:key|name)[ \t]*=[ \t]*"$/i.test(text.slice(Math.max(0, from - 12), from))) return true;
  // A comparison written value first: `"value" == name`.
  if ((before === ' ' || before === '=') && /["'`][ \t]*[=!]==?[ \t]*$/.test(text.slice(Math.max(0, from - 8), from))) return true;
  const next = text.charCodeAt(to);
  if (!(next < 128 && AFTER_CODES[next] === 1)) return false;
  const after = text.slice(to, to + 48);
  if (OPERATOR_AFTER.test(after) || QUOTED_AFTER.test(after) || TYPED_AFTER.test(after) || BRACE_OR_NEXT_LINE_AFTER.test(after)) return true;
  return /^[ \t]+\S/.test(after) && /(?:^|\n)[ \t]*(?:ENV|ARG)[ \t]+$/.test(text.slice(Math.max(0, from - 12), from));
}

/**
 * A rule that goes by names alone (the generic rule): only the identifier around each keyword hit is looked at, and
 * only where it names a part and can be a binding's name (`token` in tokenizer or getTokenPos costs nothing); the
 * grammar is then tried at that name alone.
 */
function byNameAlone(rule: CompiledRule, hits: readonly number[], b: Bindings, report: Report): void {
  const ctx = rule.context!;
  const found: PartHit[] = [];
  const seen = new Set<number>();
  for (const h of hits) {
    const [from, to] = identifierAround(b.text, h);
    if (seen.has(from)) continue;
    seen.add(from);
    if (!namedHit(b.text, from, to, ctx)) continue;
    const line = b.lines.lineAt(from);
    const { start: lineStart, bindings: atName } = b.named(line, from);
    let bindings = atName.map((binding) => ({ binding, line, start: lineStart }));
    if (bindings.length === 0 && line + 1 < b.count && b.lineLength(line) <= LONG_LINE) {
      // `<name>` or `name =` ending its line, the value alone on the next one.
      const next =
        b.text[from - 1] === '<' ? (line + 2 < b.count ? xmlValueLine(b.line(line), b.line(line + 1), b.line(line + 2)) : null) : continuedValueLine(b.line(line), b.line(line + 1));
      if (next) bindings = [{ binding: next, line: line + 1, start: b.lines.lineStart(line + 1) }];
    }
    for (const { binding, line: at, start } of bindings) {
      if (isPlaceholder(binding.value) || (ctx.bindings && !ctx.bindings.has(binding.kind))) continue;
      const words = nameWords(binding.name);
      for (const part of ctx.parts) {
        if (part.shape.test(binding.value) && namesPart(words, part, ctx.aliases)) {
          found.push({ part: part.name, value: binding.value, start: start + binding.at, line: at });
        }
      }
    }
  }
  pair(rule, dedupe(found), report);
}

/** True when a run of the name's words spells one of the excluded names (`public`+`token`; not `count` in account). */
export function excluded(words: readonly string[], exclude: readonly string[]): boolean {
  let set = EXCLUDE_SETS.get(exclude);
  if (!set) EXCLUDE_SETS.set(exclude, (set = new Set(exclude)));
  for (let i = 0; i < words.length; i++) {
    let run = '';
    for (let j = i; j < words.length && run.length < 40; j++) {
      run += words[j];
      if (set.has(run)) return true;
    }
  }
  return false;
}

/** A rule's excluded names as a set (the generic rule has dozens), by its list. */
const EXCLUDE_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The lines worth parsing for a rule: its keyword hits' lines, a window around them, and a section's children. */
function candidateLines(rule: CompiledRule, hits: readonly number[], b: Bindings): number[] {
  const ctx = rule.context!;
  const window = ctx.anyName && ctx.aliases.length === 0 ? 0 : ctx.window;
  // Hits ascend, so the ranges below start in ascending order: each adds only the lines past the last one added.
  const out: number[] = [];
  let next = 0;
  const add = (from: number, to: number): void => {
    for (let l = Math.max(from, next); l <= to; l++) out.push(l);
    if (to + 1 > next) next = to + 1;
  };
  let lastLine = -1;
  for (const offset of hits) {
    const line = b.lines.lineAt(offset);
    if (line === lastLine) continue;
    lastLine = line;
    add(Math.max(0, line - window), Math.min(b.count - 1, line + window));
    // An XML element or an assignment ending this line may have its value alone on the next one, and a name ending
    // it its operator and value (`String API_KEY` ⏎ `    = "…";`).
    if (window === 0 && line + 1 < b.count && b.lineLength(line) <= LONG_LINE && continuesOnNext(b.line(line).trimEnd(), b, line + 1)) add(line + 1, line + 1);
    if (window > 0) {
      // A section opened on this line: its children, down to the first line indented no deeper.
      const last = b.childrenEnd(line);
      if (last > line) add(line + 1, last);
    }
  }
  return out;
}

/** Whether line `next` can hold the value of a binding that `last` (the line before it, trimmed) begins. */
function continuesOnNext(last: string, b: Bindings, next: number): boolean {
  if (/[>=:]$/.test(last)) return true;
  return /[\w$]$/.test(last) && b.lineLength(next) <= LONG_LINE && /^[ \t]*:?=[ \t]*["'`]/.test(b.line(next));
}

/**
 * Whether a line can open a section whose children follow it: it ends (before a comment) with `:` (YAML), `{`, `[`
 * or `(` (JSON, HCL, a call), `]` (an INI or TOML header), `>` (an XML element) or `=` (a value on the next lines).
 */
function opensSection(line: string): boolean {
  // A huge line (minified code) has no children: it is all there is. Only a line's end is read.
  if (line.length > LONG_LINE) return false;
  const t = line.slice(-256).replace(/[ \t]+(?:#|\/\/)[^\n]*$/, '').trimEnd();
  return /[:{[(\]>=]$/.test(t);
}

/** True when a character continues a word across `at` (a letter or digit on both sides, not a camelCase hump). */
function insideWord(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (!isAlnum(before)) return false;
  const here = text.charCodeAt(at);
  const hump = before >= 97 && before <= 122 && here >= 65 && here <= 90;
  return !hump;
}

/**
 * The keyword hits that start a word: an alias of fewer than 5 letters inside a longer word (`lob` in global, `box`
 * in sandbox) is no mention of the provider, and would only cost a parse.
 */
function wordHits(rule: CompiledRule, text: string, hits: readonly number[]): number[] {
  const short = rule.keywords.filter((k) => k.length < 5 && /^[a-z0-9]/.test(k));
  if (short.length === 0) return hits.slice();
  return hits.filter((h) => {
    const kw = short.find((k) => wordAt(text, h, k));
    if (kw === undefined || !insideWord(text, h)) return true;
    return false;
  });
}

/** Characters that never occur in a value run: white space, quotes, brackets and separators. */
const NOT_VALUE = ' \t\r\n"\'`,;()[]{}<>|&#^';
const ALNUM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Families of characters a line's runs are tested against (see {@link hasRun}), narrowest first: alphanumerics,
 * base64's (standard and URL-safe, with `=`, `%` and a JSON-escaping `\`), and value characters (all but
 * {@link NOT_VALUE}; any non-ASCII character too). A part's presence class inside a family needs a run of that family
 * at least as long.
 */
const RUN_FAMILIES = [ALNUM_CHARS, `${ALNUM_CHARS}+/=_-\\%`, null] as const;
const FAMILIES = RUN_FAMILIES.length;
const VALUE_FAMILY = FAMILIES - 1;
/** Per ASCII code, a bit per family it belongs to. */
const FAMILY_BITS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  RUN_FAMILIES.forEach((chars, f) => {
    if (chars === null ? !NOT_VALUE.includes(ch) : chars.includes(ch)) FAMILY_BITS[c]! |= 1 << f;
  });
}

/**
 * Whether text[from, to) (a line) holds a run of at least `min` characters of the family with bit `bit`. It looks at
 * every min-th character only: from one in the family it reads backwards to where its run starts, at most `min - 1`
 * back; a run starting there that is long enough ends at least `min - 1` on, the next place to look (or `min` on from
 * a character outside the family). Every run at least `min` long is met. (Reading every character, as this once did
 * to record each family's longest run, cost about 0.3 CPU-seconds per scan of the bench tree, most of it on the
 * comment lines of the AWS SDK that mention aws.) Exported for tests.
 */
export function hasRun(text: string, from: number, to: number, min: number, bit: number): boolean {
  if (min <= 0) return true;
  for (let i = from + min - 1; i < to; ) {
    if (!(familyBits(text.charCodeAt(i)) & bit)) {
      i += min;
      continue;
    }
    const stop = i - min + 1;
    let a = i;
    while (a > stop && familyBits(text.charCodeAt(a - 1)) & bit) a -= 1;
    if (a === stop) return true; // text[stop, i] is in the family: `min` characters
    i = a + min - 1;
  }
  return false;
}

/** The family bits of a UTF-16 code unit: any beyond ASCII is a value character only. */
function familyBits(c: number): number {
  return c < 128 ? FAMILY_BITS[c]! : 1 << VALUE_FAMILY;
}

/**
 * Whether `text` holds the lower-case ASCII word `k` at offset `at`, in any case: `text.slice(at, at + k.length)
 * .toLowerCase() === k` without the copies (this runs for every keyword hit of every context rule).
 */
export function wordAt(text: string, at: number, k: string): boolean {
  if (at + k.length > text.length) return false;
  for (let i = 0; i < k.length; i++) {
    let c = text.charCodeAt(at + i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== k.charCodeAt(i)) return false;
  }
  return true;
}

/** Index of the first element of an ascending list at or after `v`. */
function lowerBound(list: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const PRESENCE_TESTS = new Map<string, { re: RegExp; family: number }>();
/** The same, by the presence object: this runs for every line a context rule looks at, so it skips the string key. */
const PRESENCE_BY_OBJECT = new WeakMap<Presence, { re: RegExp; family: number }>();

/**
 * A presence test's regex, and whether its class holds only value characters (so the line's longest run of value
 * characters bounds it): compiled on first use, once per process, so rules that never run cost nothing at start-up.
 */
function compiledPresence(presence: Presence): { re: RegExp; family: number } {
  let t = PRESENCE_BY_OBJECT.get(presence);
  if (t) return t;
  t = PRESENCE_TESTS.get(presence.source);
  if (!t) {
    const one = new RegExp(`^[${presence.cls}]$`);
    const members = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).filter((ch) => one.test(ch));
    // A class written with only literal ASCII characters and ranges holds nothing beyond ASCII; one with a negation
    // or a shorthand (\s, \w) may, and is bounded by value characters only when it holds none of NOT_VALUE.
    const literal = !/^\^|\\[A-Za-z]|[^\x20-\x7e]/.test(presence.cls.replace(/\\\\/g, ''));
    let family = -1;
    if (literal) family = RUN_FAMILIES.findIndex((chars) => members.every((ch) => (chars === null ? !NOT_VALUE.includes(ch) : chars.includes(ch))));
    else if (![...NOT_VALUE].some((ch) => one.test(ch))) family = VALUE_FAMILY;
    t = { re: new RegExp(presence.source), family };
    PRESENCE_TESTS.set(presence.source, t);
  }
  PRESENCE_BY_OBJECT.set(presence, t);
  return t;
}

/** Every alias of every context rule, by rule set: a binding named for another provider is not claimed by nearness. */
export type AliasIndex = ReadonlyMap<string, ReadonlySet<string>>;

/** Runs one context rule on a fragment; `hits` are its keyword offsets, ascending; `aliases` every provider's. */
export function runContextRule(rule: CompiledRule, rawHits: readonly number[], b: Bindings, report: Report, aliases: AliasIndex = new Map()): void {
  const ctx = rule.context!;
  if (ctx.manifest) {
    // A manifest rule reads the sections of its manifests (manifest.ts), whatever their entries are named.
    const shaped = manifestHits(ctx.manifest, rawHits, b).filter((h) => {
      const part = ctx.parts.find((p) => p.name === h.part)!;
      return part.shape.test(h.value) && !isPlaceholder(h.value);
    });
    pair(rule, dedupe(shaped), report);
    return;
  }
  const hits = wordHits(rule, b.text, rawHits);
  if (hits.length === 0) return;
  if (ctx.anyName && ctx.aliases.length === 0) {
    byNameAlone(rule, hits, b, report);
    return;
  }
  // A callee's name (`Client`, `API`, `HTTP`) only locates a call: a rule whose every hit is one names nothing of
  // its provider (the prefilter does not pick it), and the lines of those hits are read through the call's arguments
  // alone (callHits below).
  const locators = ctx.locators;
  const at = (h: number, k: string): boolean => wordAt(b.text, h, k);
  // A rule that reads URL user-info alone looks only at the hits of its schemes that open a URL with a password.
  const userinfoOnly = ctx.bindings !== null && ctx.bindings.size === 1 && ctx.bindings.has('userinfo');
  const named = userinfoOnly
    ? hits.filter((h) => userinfoAfter(b.text, h))
    : locators.length
      ? hits.filter((h) => !locators.some((k) => at(h, k)) || rule.keywords.some((k) => !locators.includes(k) && at(h, k)))
      : hits;
  if (named.length === 0) return;
  const found: PartHit[] = [];
  const own = new Set(ctx.aliases.flatMap((a) => a.split(/[^a-z0-9]+/)).filter(Boolean));
  /** The binding's name holds another provider's alias (and none of this one's). */
  const othersName = (words: readonly string[]): boolean => !words.some((w) => own.has(w)) && words.some((w) => aliases.has(w) && !own.has(w));
  const aliasHits = hits.filter((h) => ctx.aliases.some((a) => wordAt(b.text, h, a)));
  const aliasLines = aliasHits.length ? new Set(aliasHits.map((h) => b.lines.lineAt(h))) : null;
  const nearAlias = (line: number): boolean => {
    if (!aliasLines) return false;
    for (let l = line - ctx.window; l <= line + ctx.window; l++) if (aliasLines.has(l)) return true;
    return false;
  };
  const presences = ctx.parts.every((p) => p.presence) ? ctx.parts.map((p) => p.presence!) : null;
  // Bindings named for a part but not (yet) identified: pairing may claim them below.
  const unclaimed: PartHit[] = [];
  const visit = (line: number, pairOnly: boolean): void => {
    // A rule that reads URL user-info alone parses nothing else on its lines.
    if (userinfoOnly) {
      const text = b.line(line);
      const bindings = userinfoBindings(text);
      if (bindings.length) visitPiece({ text, start: b.lines.lineStart(line), bindings }, line, pairOnly);
      return;
    }
    if (b.lineLength(line) > LONG_LINE) {
      // A huge line: its dense bindings within WINDOW characters of this rule's keywords on it.
      const start = b.lines.lineStart(line);
      const end = b.lines.lineEnd(line);
      const picked = new Set<Binding>();
      let text = '';
      for (let k = lowerBound(named, start); k < named.length && named[k]! <= end; k++) {
        const at = named[k]! - start;
        const long = b.long(line, at - WINDOW, at + WINDOW);
        text = long.text;
        for (const binding of long.bindings) picked.add(binding);
      }
      if (picked.size) visitPiece({ text, start, bindings: [...picked].sort((x, y) => x.at - y.at) }, line, pairOnly);
      return;
    }
    // No run of any part's characters as long as the part: no value of this rule here, and no parse needed.
    if (presences && !presences.some((p) => b.holds(line, p))) return;
    visitPiece({ text: b.line(line), start: b.lines.lineStart(line), bindings: b.at(line) }, line, pairOnly);
  };
  const visitPiece = (piece: { text: string; start: number; bindings?: Binding[] }, line: number, pairOnly: boolean): void => {
    const lineStart = piece.start;
    for (const binding of piece.bindings ?? lineBindings(piece.text)) {
      if (ctx.bindings && !ctx.bindings.has(binding.kind)) continue;
      // Most values have no part's shape: that is the cheapest test, so it comes first.
      let shaped = false;
      for (const part of ctx.parts) if (part.shape.test(binding.value)) shaped = true;
      if (!shaped || isPlaceholder(binding.value)) continue;
      const words = nameWords(binding.name);
      if (ctx.exclude.length && excluded(words, ctx.exclude)) continue;
      const byShape = partByShape(words, ctx.aliases, ctx.parts, binding.value);
      for (const part of ctx.parts) {
        if (!part.shape.test(binding.value)) continue;
        const hit = { part: part.name, value: binding.value, start: lineStart + binding.at, line };
        const header = ctx.headers.get(compactName(binding.name));
        let identified = !pairOnly && (header === part.name || part.prefixes.some((p) => binding.value.startsWith(p)));
        const named =
          !identified &&
          (namesPart(words, part, ctx.aliases) || (part.name === ctx.main && part.presence !== null && namesCredential(words, ctx.aliases)) || byShape === part);
        if (named && !pairOnly) {
          identified =
            ctx.anyName ||
            hasAlias(words, ctx.aliases) ||
            (!othersName(words) &&
              (hasAlias(inlineSectionNames(piece.text, binding.at).flatMap(nameWords), ctx.aliases) ||
                hasAlias(b.sectionWords(line), ctx.aliases) ||
                nearAlias(line)));
        }
        if (identified) found.push(hit);
        else if (named && !othersName(words) && ctx.parts.length > 1) unclaimed.push(hit);
      }
    }
  };
  const lines = candidateLines(rule, named, b);
  for (const line of lines) visit(line, false);
  for (const call of ctx.calls) callHits(call, rule, hits, aliasHits.length > 0, b, found);
  // A part named as such beside a part already identified (an `api_secret` two lines under `BINANCE_API_KEY`, a
  // `secret_key` below `import okx`) belongs to the same credential.
  if (found.length > 0 && ctx.parts.length > 1) {
    const seen = new Set(lines);
    const near = new Set<number>();
    for (const h of found) for (let l = Math.max(0, h.line - PAIR_LINES); l <= Math.min(b.count - 1, h.line + PAIR_LINES); l++) if (!seen.has(l)) near.add(l);
    for (const line of near) visit(line, true);
    for (const u of unclaimed) {
      if (found.some((h) => h.part !== u.part && Math.abs(h.line - u.line) <= PAIR_LINES)) found.push(u);
    }
  }
  for (const url of ctx.urls) urlHits(url, ctx.parts, rawHits, b, found);
  pair(rule, dedupe(found), report);
}

/** How far either side of its host a URL template is looked for on a huge line. */
const URL_MARGIN = 2048;

/**
 * The parts a URL template's matches hold. A match holds the template's host, a keyword of the rule, so a template
 * that cannot cross a line break is looked for only on the lines holding a hit of its host: whole on a short line,
 * within URL_MARGIN of each hit on a huge one (a match touching a piece's cut edge is left out: it may be cut short).
 * Other templates are looked for over the whole text.
 */
function urlHits(url: ContextMatcher['urls'][number], parts: readonly PartMatcher[], rawHits: readonly number[], b: Bindings, found: PartHit[]): void {
  const take = (m: RegExpExecArray, offset: number): void => {
    for (const part of parts) {
      const value = m.groups?.[part.name];
      if (value === undefined) continue;
      const start = offset + m.indices!.groups![part.name]![0];
      found.push({ part: part.name, value, start, line: b.lines.lineAt(start) });
    }
  };
  const search = (text: string, offset: number, cutLeft: boolean, cutRight: boolean): void => {
    url.regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = url.regex.exec(text)) !== null) {
      if (m[0].length === 0) url.regex.lastIndex += 1;
      else if ((cutLeft && m.index === 0) || (cutRight && m.index + m[0].length === text.length)) continue;
      take(m, offset);
    }
  };
  if (!url.lineBound) {
    search(b.text, 0, false, false);
    return;
  }
  let done = -1; // the last short line searched whole
  let pieceEnd = -1; // where the last piece of a huge line ended
  for (const h of rawHits) {
    if (h < pieceEnd || !wordAt(b.text, h, url.keyword)) continue;
    const line = b.lines.lineAt(h);
    const start = b.lines.lineStart(line);
    const end = b.lines.lineEnd(line);
    if (end - start <= LONG_LINE) {
      if (line === done) continue;
      done = line;
      search(b.text.slice(start, end), start, false, false);
    } else {
      // One piece for a run of hits each within URL_MARGIN of the one before. Pieces may overlap (a match found
      // twice is one part hit after dedupe), so no match is cut at the edge two pieces share.
      const from = Math.max(start, h - URL_MARGIN);
      let to = Math.min(end, h + url.keyword.length + URL_MARGIN);
      for (let k = lowerBound(rawHits, h + 1); k < rawHits.length && rawHits[k]! < to && rawHits[k]! < end; k++) to = Math.min(end, rawHits[k]! + url.keyword.length + URL_MARGIN);
      pieceEnd = to;
      search(b.text.slice(from, to), from, from > start, to < end);
    }
  }
}

/** The text of a call's arguments, from after `(` to its closing `)` (at most 4,000 characters). */
function argumentsText(text: string, open: number): string {
  let depth = 0;
  let quote = '';
  const end = Math.min(text.length, open + 4000);
  for (let i = open; i < end; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) return text.slice(open, i);
      depth--;
    }
  }
  return text.slice(open, end);
}

/** Splits arguments at top-level commas, with each one's offset. */
function splitArguments(args: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let depth = 0;
  let quote = '';
  let from = 0;
  for (let i = 0; i <= args.length; i++) {
    const ch = args[i];
    if (i === args.length || (!quote && depth === 0 && ch === ',')) {
      out.push({ text: args.slice(from, i), at: from });
      from = i + 1;
    } else if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return out;
}

const STRING_ARG = /^\s*(["'`])((?:(?!\1)[^\\\n]|\\.)*)\1\s*$/;

const CALLEE_SITES = new WeakMap<CallMatcher, RegExp>();

/** Offsets of the callee's name (case aside, not inside a longer name) followed by `(`, ascending. */
function calleeOffsets(call: CallMatcher, text: string): number[] {
  let re = CALLEE_SITES.get(call);
  if (!re) CALLEE_SITES.set(call, (re = new RegExp(String.raw`(?<![\w$])${call.callee.replace(/[.$]/g, '\\$&')} *\(`, 'gi')));
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/**
 * The parts a call's arguments hold: quoted positional arguments, and keyword or object-field arguments by name.
 * A callee that does not name the provider counts only where the provider is named elsewhere in the fragment.
 */
function callHits(call: CallMatcher, rule: CompiledRule, hits: readonly number[], aliasSeen: boolean, b: Bindings, found: PartHit[]): void {
  const ctx = rule.context!;
  if (!aliasSeen && !hasAlias(nameWords(call.callee), ctx.aliases)) return;
  const needle = call.callee.toLowerCase();
  // A callee that is one of the rule's keywords (every built-in rule's callees are) has its hits; any other (a rule
  // that lists keywords of its own) is looked for here.
  for (const h of rule.keywords.includes(needle) ? hits : calleeOffsets(call, b.text)) {
    if (!wordAt(b.text, h, needle)) continue;
    if (/[\w$]/.test(b.text[h - 1] ?? '')) continue;
    let open = h + needle.length;
    while (b.text[open] === ' ') open++;
    if (b.text[open] !== '(') continue;
    const args = argumentsText(b.text, open + 1);
    const base = open + 1;
    const list = splitArguments(args);
    list.forEach((arg, i) => {
      const want = call.positional[i];
      const m = STRING_ARG.exec(arg.text);
      if (want && m) {
        const part = ctx.parts.find((p) => p.name === want)!;
        const value = m[2]!;
        if (part.shape.test(value) && !isPlaceholder(value)) {
          const start = base + arg.at + arg.text.indexOf(m[1]!) + 1;
          found.push({ part: want, value, start, line: b.lines.lineAt(start) });
        }
      }
    });
    if (call.named.size === 0) continue;
    // Keyword and object-field arguments: the grammar's bindings on the argument lines, by name.
    const first = b.lines.lineAt(base);
    const last = b.lines.lineAt(base + args.length);
    for (let line = first; line <= last; line++) {
      const lineStart = b.lines.lineStart(line);
      for (const binding of b.at(line)) {
        const at = lineStart + binding.at;
        if (at < base || at > base + args.length) continue;
        const want = call.named.get(compactName(binding.name));
        const part = want && ctx.parts.find((p) => p.name === want);
        if (part && part.shape.test(binding.value) && !isPlaceholder(binding.value)) found.push({ part: part.name, value: binding.value, start: at, line });
      }
    }
  }
}

function dedupe(found: PartHit[]): PartHit[] {
  const seen = new Set<string>();
  return found.filter((h) => {
    const key = `${h.start}:${h.part}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Pairs each part found with the nearest of every other part, and reports what the rule's pairing allows. */
function pair(rule: CompiledRule, found: PartHit[], report: Report): void {
  const ctx = rule.context!;
  if (found.length === 0) return;
  const required = ctx.parts.filter((p) => !p.optional).map((p) => p.name);
  const attached = new Set(ctx.parts.filter((p) => p.optional).map((p) => p.name));
  for (const hit of found) {
    if (attached.has(hit.part)) continue; // travels with the secret it belongs to, never alone
    const parts: Record<string, string> = { [hit.part]: hit.value };
    for (const other of ctx.parts) {
      if (other.name === hit.part) continue;
      let best: PartHit | null = null;
      for (const h of found) {
        if (h.part !== other.name || h.value === hit.value || Math.abs(h.line - hit.line) > PAIR_LINES) continue;
        if (!best || Math.abs(h.line - hit.line) < Math.abs(best.line - hit.line)) best = h;
      }
      if (best) parts[other.name] = best.value;
    }
    if (ctx.pairing === 'required' && !required.every((n) => parts[n] !== undefined)) continue;
    report(rule, hit, parts);
  }
}
