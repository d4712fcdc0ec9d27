// Candidate spans: the places in a text worth decoding, and what they decode to. Only runs long enough to hold a key
// and strings that contain escapes are tried — never a whole text — and a span is kept only when it decodes to
// readable text (see text.ts), so random base64 and hashes cost a failed decode and nothing more.

import { RUN_MIN, RunFinder } from './run-finder.js';
import { decodeBase64, decodeEscapes, decodeHex, decodeHtml, decodePercent } from './text.js';

/** The encodings this step undoes, as they appear in a finding's `decoded` chain. */
export type Encoding = 'base64' | 'hex' | 'percent' | 'escape' | 'html' | 'concat' | 'pem';

/** A span of the text that decodes: `start`..`end` (exclusive) in the text searched, and the decoded text. */
export interface Span {
  start: number;
  end: number;
  encoding: Encoding;
  text: string;
}

/** Shortest base64 run tried: 24 characters hold 18 bytes, less than the shortest key keyhound knows. */
export const MIN_BASE64 = 24;
/** Shortest hex run tried (16 bytes). */
export const MIN_HEX = 32;
/** Shortest percent-encoded, escaped or entity-encoded span tried. */
export const MIN_ESCAPED = 16;
/** A wrapped base64 line this long or longer may continue on the next line. */
const WRAP_MIN = 40;
/** Longest span a string concatenation is followed over. */
const MAX_STRING = 256 * 1024;
/** Farthest back an escape's opening quote is looked for (its closing quote: up to {@link MAX_STRING} on). */
const MAX_ESCAPED = 1024;

/** Character classes of the base64 alphabets, as bits: a run's classes tell cheaply what it could be. */
const UPPER = 1;
const LOWER = 2;
const DIGIT = 4;
const PLUS_SLASH = 8;
const DASH_UNDERSCORE = 16;
const CLASS = new Uint8Array(128);
for (const [chars, bit] of [
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZ', UPPER],
  ['abcdefghijklmnopqrstuvwxyz', LOWER],
  ['0123456789', DIGIT],
  ['+/', PLUS_SLASH],
  ['-_', DASH_UNDERSCORE],
] as const) {
  for (const c of chars) CLASS[c.charCodeAt(0)] = bit;
}
/** The alphabet over every UTF-16 code unit, so a lookup needs no range check. */
const IN_B64 = new Uint8Array(65536);
for (let c = 0; c < 128; c++) IN_B64[c] = CLASS[c]! === 0 ? 0 : 1;
const isB64 = (c: number): boolean => IN_B64[c] === 1;
/** The rest of a run, for runs longer than a key: irregexp's loop reads a long run several times faster than ours. */
const RUN_REST = /[A-Za-z0-9+/_-]*/y;
const HAS_UPPER = /[A-Z]/;
const HAS_LOWER = /[a-z]/;
const isHexRun = (s: string): boolean => /^[0-9a-fA-F]+$/.test(s);

/**
 * Every candidate span of `text`, each with its decoded text, in no particular order. `utf8`, when given, must be the
 * valid UTF-8 the text was decoded from (a source's Fragment.utf8): the base64 runs are then found in the bytes.
 */
export function spans(text: string, utf8?: Uint8Array): Span[] {
  const out: Span[] = [];
  base64Spans(text, out, utf8);
  percentSpans(text, out);
  escapeSpans(text, out);
  htmlSpans(text, out);
  // One search for a PEM header serves both of its span kinds; most texts have none.
  const pem = pemHeader(text);
  if (pem !== -1) {
    concatSpans(text, pem, out);
    longPemSpans(text, pem, out);
  }
  return out;
}

/**
 * The first `-----BEGIN` in `text`, or -1. V8 finds five dashes several times faster than the whole word, and a
 * `-----BEGIN` always ends a run of dashes: each run is checked once, at its end.
 */
function pemHeader(text: string): number {
  for (let i = text.indexOf('-----'); i !== -1; i = text.indexOf('-----', i)) {
    i += 5;
    while (i < text.length && text.charCodeAt(i) === 0x2d) i++;
    if (text.startsWith('BEGIN', i)) return i - 5;
  }
  return -1;
}

/** Runs of the base64 alphabet (hex when they are all hex digits), with `=` padding, joined across line wrapping. */
function base64Spans(text: string, out: Span[], utf8?: Uint8Array): void {
  const n = text.length;
  const finder = utf8 && utf8.length >= FINDER_ABOVE ? runFinder() : null;
  const found = finder ? finder.starts(utf8!) : null;
  let at = 0;
  const following = (from: number): number => {
    if (!found) return nextRun(text, from);
    while (at < found.length && found[at]! < from) at++;
    return at < found.length ? found[at]! : -1;
  };
  for (let start = following(0); start !== -1; ) {
    let end = runEnd(text, start + MIN_BASE64);
    let mask = classes(text, start, end);
    // Line wrapping: a long line followed, after a line break and indentation (or a `\n` escape), by another run.
    let lineLen = end - start;
    while (lineLen >= WRAP_MIN) {
      const j = wrapped(text, end);
      if (j >= n || !isB64(text.charCodeAt(j))) break;
      const next = runEnd(text, j);
      // The next line must be nothing but the run, and no longer than the line before it.
      if (next - j > lineLen || !lineEnds(text, next)) break;
      mask |= classes(text, j, next);
      lineLen = next - j;
      end = next;
    }
    tryRun(text, start, end, mask, out);
    start = following(end);
  }
}

/** Texts shorter than this are searched in JavaScript: copying them into the module costs more than it saves. */
const FINDER_ABOVE = 4096;
let finderMade: RunFinder | null | undefined;
/** This thread's WebAssembly run finder, made at first use; null where WebAssembly is unavailable. */
function runFinder(): RunFinder | null {
  if (finderMade === undefined) finderMade = MIN_BASE64 === RUN_MIN ? RunFinder.of() : null;
  return finderMade;
}

/**
 * Makes this thread's run finder now rather than at the first text over {@link FINDER_ABOVE}: the pre-commit
 * snapshot does it while git works out the staged diff (a start-up snapshot cannot hold a WebAssembly instance).
 */
export function prepareRunFinder(): void {
  runFinder();
}

/** Where runs of at least {@link MIN_BASE64} alphabet characters start, searched in JavaScript (for the tests). */
export function runStarts(text: string): number[] {
  const found: number[] = [];
  for (let s = nextRun(text, 0); s !== -1; s = nextRun(text, runEnd(text, s + MIN_BASE64))) found.push(s);
  return found;
}

/**
 * Start of the next run of at least {@link MIN_BASE64} alphabet characters from `from` on, or -1. A run starting at
 * `from` holds `from + MIN_BASE64 - 1`: reading backwards from there, the first character outside the alphabet rules
 * out every start up to it, so most of a text is skipped MIN_BASE64 characters at a time after a few reads. Kept
 * small and free of out-of-range reads, so the optimiser compiles it once and early.
 */
function nextRun(text: string, from: number): number {
  const last = text.length - MIN_BASE64;
  while (from <= last) {
    let k = from + MIN_BASE64 - 1;
    while (k >= from && IN_B64[text.charCodeAt(k)] === 1) k--;
    if (k < from) return from;
    from = k + 1;
  }
  return -1;
}

/** Where the next line of a wrapped run would start after `end`: past a line break and indentation, or a `\n` escape. */
function wrapped(text: string, end: number): number {
  const n = text.length;
  let j = end;
  if (j + 1 < n && text.charCodeAt(j) === 0x5c && text.charCodeAt(j + 1) === 0x6e) return j + 2;
  if (j < n && text.charCodeAt(j) === 0x0d) j++;
  if (j >= n || text.charCodeAt(j) !== 0x0a) return n;
  j++;
  while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;
  return j;
}

/** Decodes one run as hex or base64 when its characters allow, cheapest checks first. */
function tryRun(text: string, start: number, end: number, mask: number, out: Span[]): void {
  const mixed = (mask & PLUS_SLASH) !== 0 && (mask & DASH_UNDERSCORE) !== 0;
  if (mixed) {
    // A prefix glued on with `-` or `_` (`sha512-`, `token_`) before standard base64: try what follows the last one.
    let cut = end - 1;
    while (cut > start && CLASS[text.charCodeAt(cut)] !== DASH_UNDERSCORE) cut--;
    if (end - cut - 1 < MIN_BASE64) return;
    tryRun(text, cut + 1, end, classes(text, cut + 1, end), out);
    return;
  }
  if ((mask & (PLUS_SLASH | DASH_UNDERSCORE)) === 0 && end - start >= MIN_HEX && (mask & (UPPER | LOWER)) !== (UPPER | LOWER)) {
    const run = text.slice(start, end);
    if (isHexRun(run)) {
      const hex = decodeHex(run);
      if (hex !== null) out.push({ start, end, encoding: 'hex', text: hex });
      return;
    }
  }
  // Base64 of text has both cases (a byte of printable ASCII starts its group with I–Z or a–f), and its first
  // twelve bytes are printable: most runs of code fail one of these before anything is allocated.
  if ((mask & (UPPER | LOWER)) !== (UPPER | LOWER)) return;
  if (!printablePrefix(text, start)) return;
  // An inline source map is the compiled file's own sources again: decoding it would double the work, not the keys.
  if (text.startsWith('eyJ2ZXJzaW9uIjoz', start) || text.slice(Math.max(0, start - 80), start).includes('sourceMappingURL=data:')) return;
  const decoded = decodeBase64(text.slice(start, end));
  if (decoded !== null) out.push({ start, end, encoding: 'base64', text: decoded });
}

/** Characters of a run whose decoded prefix is checked before the whole run is decoded: 48 bytes. */
const PREFIX = 64;

/**
 * Whether the run at `start` begins with text: its first characters (up to {@link PREFIX}, and up to the first one
 * outside the alphabet) decode to bytes with no control characters that are valid UTF-8 as far as they go. This is
 * what decoding the whole run asks of its bytes (see `readable`), checked on a prefix without allocating; a run of
 * code or random bytes (hashes, keys of other files) fails it within a few bytes, most of it unread.
 */
function printablePrefix(text: string, start: number): boolean {
  const stop = Math.min(text.length, start + PREFIX);
  let need = 0; // continuation bytes the UTF-8 sequence being read still needs
  for (let g = start; g + 4 <= stop; g += 4) {
    const w = text.charCodeAt(g);
    const x = text.charCodeAt(g + 1);
    const y = text.charCodeAt(g + 2);
    const z = text.charCodeAt(g + 3);
    if (IN_B64[w] !== 1 || IN_B64[x] !== 1 || IN_B64[y] !== 1 || IN_B64[z] !== 1) return true;
    const a = SIXTETS[w]!;
    const b = SIXTETS[x]!;
    const c = SIXTETS[y]!;
    const d = SIXTETS[z]!;
    need = textStep(need, (a << 2) | (b >> 4));
    need = textStep(need, ((b & 15) << 4) | (c >> 2));
    need = textStep(need, ((c & 3) << 6) | d);
    if (need < 0) return false;
  }
  return true;
}

/**
 * One byte of text: the continuation bytes still needed after it, given those needed before it, or -1 (and -1 from
 * then on) when it is a control character or breaks UTF-8.
 */
function textStep(need: number, byte: number): number {
  if (need < 0) return -1;
  if (need > 0) return (byte & 0xc0) === 0x80 ? need - 1 : -1;
  if (byte < 0x20) return byte === 0x09 || byte === 0x0a || byte === 0x0d ? 0 : -1;
  if (byte < 0x7f) return 0;
  if (byte >= 0xc2 && byte <= 0xdf) return 1;
  if (byte >= 0xe0 && byte <= 0xef) return 2;
  if (byte >= 0xf0 && byte <= 0xf4) return 3;
  return -1;
}

/** Each base64 character's six bits, for both alphabets (`+` and `-` are 62, `/` and `_` 63). */
const SIXTETS = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('').forEach((ch, v) => (SIXTETS[ch.charCodeAt(0)] = v));
SIXTETS['+'.charCodeAt(0)] = SIXTETS['-'.charCodeAt(0)] = 62;
SIXTETS['/'.charCodeAt(0)] = SIXTETS['_'.charCodeAt(0)] = 63;

/** Whether a wrapped run ending at `i` ends its line (or its string). */
function lineEnds(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 0x0a || c === 0x0d || c === 0x22 || c === 0x27 || c === 0x5c;
}

/** End of the alphabet run going on at `i`, with up to two `=` of padding. */
function runEnd(text: string, i: number): number {
  const n = text.length;
  // Most runs end within a few characters; a long one (a data URI, a bundled binary) is left to the regex.
  const near = Math.min(n, i + 32);
  while (i < near && IN_B64[text.charCodeAt(i)] === 1) i++;
  if (i === near && i < n) {
    RUN_REST.lastIndex = i;
    RUN_REST.test(text);
    i = RUN_REST.lastIndex;
  }
  if (i < n && text.charCodeAt(i) === 0x3d) i++;
  if (i < n && text.charCodeAt(i) === 0x3d) i++;
  return i;
}

/**
 * The character classes present in `text[s..e)` (an alphabet run, padding and line breaks aside). A long run is
 * searched with `indexOf` and regexes, which stop at the first hit and outrun a loop of ours.
 */
function classes(text: string, s: number, e: number): number {
  if (e - s <= 64) {
    let mask = 0;
    for (let k = s; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c < 128) mask |= CLASS[c]!;
    }
    return mask;
  }
  const run = text.slice(s, e);
  let mask = 0;
  if (run.includes('+') || run.includes('/')) mask |= PLUS_SLASH;
  if (run.includes('-') || run.includes('_')) mask |= DASH_UNDERSCORE;
  if (HAS_UPPER.test(run)) mask |= UPPER;
  if (HAS_LOWER.test(run)) mask |= LOWER;
  return mask;
}

/** Characters that end a URL-ish token around a `%XX` or an entity. */
const TOKEN_STOP = /[\s"'<>`\\]/;

function tokenAround(text: string, at: number): [number, number] {
  let s = at;
  while (s > 0 && !TOKEN_STOP.test(text[s - 1]!) && at - s < MAX_STRING) s--;
  let e = at + 1;
  while (e < text.length && !TOKEN_STOP.test(text[e]!) && e - at < MAX_STRING) e++;
  return [s, e];
}

const isHexDigit = (c: number): boolean => c < 128 && (CLASS[c] === DIGIT || ((c | 32) >= 97 && (c | 32) <= 102));

/** Tokens (up to whitespace or a quote) with percent-encoded bytes in them. */
function percentSpans(text: string, out: Span[]): void {
  // `indexOf` finds the next `%` far faster than a regular expression walks to it.
  for (let at = text.indexOf('%'); at !== -1; at = text.indexOf('%', at + 1)) {
    if (!isHexDigit(text.charCodeAt(at + 1)) || !isHexDigit(text.charCodeAt(at + 2))) continue;
    const [s, e] = tokenAround(text, at);
    at = e - 1;
    if (e - s < MIN_ESCAPED) continue;
    const decoded = decodePercent(text.slice(s, e));
    if (decoded !== null) out.push({ start: s, end: e, encoding: 'percent', text: decoded });
  }
}

/** A character reference, tried (sticky) at each `&`. */
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/y;

/** Tokens (up to whitespace, a quote or a tag) with HTML character references in them. */
function htmlSpans(text: string, out: Span[]): void {
  for (let at = text.indexOf('&'); at !== -1; at = text.indexOf('&', at + 1)) {
    const c = text.charCodeAt(at + 1);
    if (c !== 0x23 && !(IN_B64[c] === 1 && CLASS[c]! & (UPPER | LOWER))) continue; // `&#` or `&` and a letter
    ENTITY.lastIndex = at;
    const m = ENTITY.exec(text);
    if (!m) continue;
    const [s, e] = tokenAround(text, at);
    at = Math.max(e, at + m[0].length) - 1;
    if (e - s < MIN_ESCAPED) continue;
    const decoded = decodeHtml(text.slice(s, e));
    if (decoded !== null) out.push({ start: s, end: e, encoding: 'html', text: decoded });
  }
}

/**
 * An escape that can hide a key: `\n`, `\r`, `\t`, `\/`, `\"`, `\uXXXX` or `\xXX` right before a token long enough
 * to be one: 16 or more key characters, with a digit among the first 32 or 16 capitals and digits in a row. Escaped
 * source code (`\n\treturnValue`) is not a candidate.
 */
const ESCAPE = /\\(?:[nrt/"]|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})(?=[A-Za-z0-9_+/=-]{16})(?:(?=[A-Za-z_+/=-]{0,31}[0-9])|(?=[A-Z0-9]{16}))/y;
/** The letters after a backslash that {@link ESCAPE} takes: `n r t / " u x`. */
const ESCAPE_LETTER = new Uint8Array(65536);
for (const c of 'nrt/"ux') ESCAPE_LETTER[c.charCodeAt(0)] = 1;
/** Context kept each side of an escape in a long string: a key and what names it. */
const ESCAPE_BEFORE = 256;
const ESCAPE_AFTER = 1024;
const QUOTES = new Set(['"', "'", '`']);

/** Whether the quote at `i` is escaped (an odd number of backslashes before it). */
function escaped(text: string, i: number): boolean {
  let k = 0;
  while (i - 1 - k >= 0 && text[i - 1 - k] === '\\') k++;
  return k % 2 === 1;
}

/**
 * Quoted strings holding an escape that can hide a key: from the opening quote before the escape to the closing one
 * (on the same line; the opening one at most 1 KiB back), decoded.
 */
function escapeSpans(text: string, out: Span[]): void {
  // At each backslash `indexOf` finds, the pattern is tried there only (sticky).
  let next = 0;
  for (let at = text.indexOf('\\'); at !== -1; at = text.indexOf('\\', next)) {
    next = at + 1;
    // What the pattern asks first, without it: an escape letter, then a key character after the escape.
    const letter = text.charCodeAt(at + 1);
    const after = letter === 0x75 ? at + 6 : letter === 0x78 ? at + 4 : at + 2; // \uXXXX, \xXX, else \n and the like
    if (!(ESCAPE_LETTER[letter] === 1 && (IN_B64[text.charCodeAt(after)] === 1 || text.charCodeAt(after) === 0x3d))) continue;
    ESCAPE.lastIndex = at;
    if (!ESCAPE.test(text)) continue;
    let q = at;
    let quote = '';
    while (q > 0 && text[q - 1] !== '\n' && at - q < MAX_ESCAPED) {
      const c = text[q - 1]!;
      if (QUOTES.has(c) && !escaped(text, q - 1)) {
        quote = c;
        break;
      }
      q--;
    }
    if (!quote) {
      next = at + 2;
      continue;
    }
    // A PEM block is decoded whole; any other string only around the escape.
    const pemBlock = text.startsWith('-----BEGIN', q);
    const s = pemBlock ? q : Math.max(q, at - ESCAPE_BEFORE);
    const limit = pemBlock ? MAX_STRING : ESCAPE_AFTER;
    let e = at + 1;
    while (e < text.length && text[e] !== '\n' && e - at < limit) {
      if (text[e] === quote && !escaped(text, e)) break;
      e++;
    }
    next = e + 1;
    if (e - s < MIN_ESCAPED) continue;
    const decoded = decodeEscapes(text.slice(s, e));
    if (decoded !== null) out.push({ start: s, end: e, encoding: 'escape', text: decoded });
  }
}

/** Between two string literals of one concatenation: whitespace, `+` (JS, Java, Go, C#), `,` (arrays, notebooks), `\`. */
const JOINER = /^[\s+,\\]*/;
/** A string literal's opening: an optional prefix (Python r/b/f, C# @ and $), then the quote. */
const OPENING = /^(?:[rbfuRBFU]{1,2}|@|\$|\$@|@\$)?(["'`])/;

/**
 * A PEM block split into string literals: notebook cells (one JSON string per line), Python implicit concatenation,
 * `+` in JS/TS, Java, Go and C#, and arrays joined at run time. The literals from the one holding `-----BEGIN` on,
 * decoded and joined (with a line break where a literal has none), up to the one holding `-----END`.
 */
function concatSpans(text: string, first: number, out: Span[]): void {
  for (let b = first; b !== -1; b = text.indexOf('-----BEGIN', b + 10)) {
    const q = b - 1;
    if (q < 0 || !QUOTES.has(text[q]!)) continue;
    const parts: string[] = [];
    let pos = q;
    let end = q;
    let ended = false;
    while (parts.length < 4096 && pos - q < MAX_STRING) {
      const open = OPENING.exec(text.slice(pos, pos + 4));
      if (!open) break;
      const quote = open[1]!;
      const from = pos + open[0].length;
      let e = from;
      while (e < text.length && !(text[e] === quote && !escaped(text, e)) && (quote === '`' || text[e] !== '\n')) e++;
      if (e >= text.length || text[e] !== quote) break;
      const raw = text.slice(from, e);
      const part = quote === '`' ? raw : (decodeEscapes(raw) ?? raw);
      parts.push(part.endsWith('\n') ? part : part + '\n');
      end = e + 1;
      if (part.includes('-----END')) {
        ended = true;
        break;
      }
      pos = end + JOINER.exec(text.slice(end, end + 256))![0].length;
    }
    if (parts.length < 2 || !ended) continue;
    out.push({ start: q, end, encoding: 'concat', text: parts.join('') });
    b = end - 10;
  }
}

/** Longest private-key body the built-in rule reads (its `{64,16384}`); longer blocks get a cut copy. */
const LONG_PEM = 16_000;
/** How much of a long body the cut copy keeps. */
const PEM_KEEP = 4096;
const PEM_HEAD = /^-----BEGIN ((?:[A-Z0-9]{1,10} ){0,3}PRIVATE KEY(?: BLOCK)?)-----/;

/**
 * Private-key blocks (PGP armor is the usual case) whose body is longer than the rule reads: the header, the first
 * few KiB of the body and the footer, so the block is found at any length.
 */
function longPemSpans(text: string, first: number, out: Span[]): void {
  for (let b = text.indexOf('-----BEGIN ', first); b !== -1; b = text.indexOf('-----BEGIN ', b + 11)) {
    const head = PEM_HEAD.exec(text.slice(b, b + 80));
    if (!head) continue;
    const footer = `-----END ${head[1]!}-----`;
    const bodyStart = b + head[0].length;
    const end = text.indexOf(footer, bodyStart);
    if (end === -1 || end - bodyStart <= LONG_PEM) continue;
    const body = text.slice(bodyStart, bodyStart + PEM_KEEP).replace(/\\$/, '');
    out.push({ start: b, end: end + footer.length, encoding: 'pem', text: `${head[0]}${body}\n${footer}\n` });
    b = end;
  }
}
