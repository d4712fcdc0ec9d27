// Candidate spans: the places in a text worth decoding, and what they decode to. Only runs long enough to hold a key
// and strings that contain escapes are tried — never a whole text — and a span is kept only when it decodes to
// readable text (see text.ts), so random base64 and hashes cost a failed decode and nothing more.

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
const isB64 = (c: number): boolean => c < 128 && CLASS[c] !== 0;
/** The classes of the last run {@link runEnd} read. */
let runMask = 0;
const isHexRun = (s: string): boolean => /^[0-9a-fA-F]+$/.test(s);

/** Every candidate span of `text`, each with its decoded text, in no particular order. */
export function spans(text: string): Span[] {
  const out: Span[] = [];
  base64Spans(text, out);
  percentSpans(text, out);
  escapeSpans(text, out);
  htmlSpans(text, out);
  concatSpans(text, out);
  longPemSpans(text, out);
  return out;
}

/** Runs of the base64 alphabet (hex when they are all hex digits), with `=` padding, joined across line wrapping. */
function base64Spans(text: string, out: Span[]): void {
  const n = text.length;
  // A run of 24 or more characters holds a position p that is a multiple of 12, and p - 12 or p + 12 as well: probe
  // only those, and widen a probe that passes to its whole run. Most of a text is never looked at.
  const step = MIN_BASE64 / 2;
  let floor = 0;
  for (let probe = step; probe < n; probe += step) {
    if (probe < floor || !isB64(text.charCodeAt(probe))) continue;
    if (!isB64(text.charCodeAt(probe + step)) && (probe - step < floor || !isB64(text.charCodeAt(probe - step)))) continue;
    let start = probe;
    while (start > floor && isB64(text.charCodeAt(start - 1))) start--;
    let end = runEnd(text, start);
    let mask = runMask;
    // Line wrapping: a long line followed, after a line break and indentation (or a `\n` escape), by another run.
    let lineLen = end - start;
    for (;;) {
      if (lineLen < WRAP_MIN) break;
      let j = end;
      if (text.startsWith('\\n', j)) j += 2;
      else {
        if (text[j] === '\r') j++;
        if (text[j] !== '\n') break;
        j++;
        while (text[j] === ' ' || text[j] === '\t') j++;
      }
      if (j >= n || !isB64(text.charCodeAt(j))) break;
      const next = runEnd(text, j);
      // The next line must be nothing but the run, and no longer than the line before it.
      if (next - j > lineLen || !lineEnds(text, next)) break;
      mask |= runMask;
      lineLen = next - j;
      end = next;
    }
    floor = end;
    if (end - start >= MIN_BASE64) tryRun(text, start, end, mask, out);
  }
}

/** Decodes one run as hex or base64 when its characters allow, cheapest checks first. */
function tryRun(text: string, start: number, end: number, mask: number, out: Span[]): void {
  const mixed = (mask & PLUS_SLASH) !== 0 && (mask & DASH_UNDERSCORE) !== 0;
  if (mixed) {
    // A prefix glued on with `-` or `_` (`sha512-`, `token_`) before standard base64: try what follows the last one.
    let cut = end - 1;
    while (cut > start && CLASS[text.charCodeAt(cut)] !== DASH_UNDERSCORE) cut--;
    if (end - cut - 1 < MIN_BASE64) return;
    let tail = 0;
    for (let k = cut + 1; k < end; k++) tail |= CLASS[text.charCodeAt(k)] ?? 0;
    tryRun(text, cut + 1, end, tail, out);
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

/** Whether the first 16 characters of the run at `start` decode to 12 bytes of text (no control characters). */
function printablePrefix(text: string, start: number): boolean {
  for (let g = start; g + 4 <= start + 16 && g + 4 <= text.length; g += 4) {
    const a = SIXTETS[text.charCodeAt(g)]!;
    const b = SIXTETS[text.charCodeAt(g + 1)]!;
    const c = SIXTETS[text.charCodeAt(g + 2)]!;
    const d = SIXTETS[text.charCodeAt(g + 3)]!;
    if (!textByte((a << 2) | (b >> 4)) || !textByte(((b & 15) << 4) | (c >> 2)) || !textByte(((c & 3) << 6) | d)) return false;
  }
  return true;
}

const textByte = (b: number): boolean => (b < 0x20 ? b === 0x09 || b === 0x0a || b === 0x0d : b !== 0x7f);

/** Each base64 character's six bits, for both alphabets (`+` and `-` are 62, `/` and `_` 63). */
const SIXTETS = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('').forEach((ch, v) => (SIXTETS[ch.charCodeAt(0)] = v));
SIXTETS['+'.charCodeAt(0)] = SIXTETS['-'.charCodeAt(0)] = 62;
SIXTETS['/'.charCodeAt(0)] = SIXTETS['_'.charCodeAt(0)] = 63;

/** Whether a wrapped run ending at `i` ends its line (or its string). */
function lineEnds(text: string, i: number): boolean {
  const c = text[i];
  return c === undefined || c === '\n' || c === '\r' || c === '"' || c === "'" || c === '\\';
}

/** End of the alphabet run starting at `i`, with up to two `=` of padding. */
function runEnd(text: string, i: number): number {
  const n = text.length;
  let mask = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) break;
    const k = CLASS[c]!;
    if (k === 0) break;
    mask |= k;
  }
  runMask = mask;
  if (text[i] === '=') i++;
  if (text[i] === '=') i++;
  return i;
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

const PCT = /%[0-9a-fA-F]{2}/g;

/** Tokens (up to whitespace or a quote) with percent-encoded bytes in them. */
function percentSpans(text: string, out: Span[]): void {
  PCT.lastIndex = 0;
  for (let m = PCT.exec(text); m; m = PCT.exec(text)) {
    const [s, e] = tokenAround(text, m.index);
    PCT.lastIndex = e;
    if (e - s < MIN_ESCAPED) continue;
    const decoded = decodePercent(text.slice(s, e));
    if (decoded !== null) out.push({ start: s, end: e, encoding: 'percent', text: decoded });
  }
}

const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;

/** Tokens (up to whitespace, a quote or a tag) with HTML character references in them. */
function htmlSpans(text: string, out: Span[]): void {
  ENTITY.lastIndex = 0;
  for (let m = ENTITY.exec(text); m; m = ENTITY.exec(text)) {
    const [s, e] = tokenAround(text, m.index);
    ENTITY.lastIndex = Math.max(e, m.index + m[0].length);
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
const ESCAPE = /\\(?:[nrt/"]|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})(?=[A-Za-z0-9_+/=-]{16})(?:(?=[A-Za-z_+/=-]{0,31}[0-9])|(?=[A-Z0-9]{16}))/g;
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
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m; m = ESCAPE.exec(text)) {
    const at = m.index;
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
      ESCAPE.lastIndex = at + 2;
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
    ESCAPE.lastIndex = e + 1;
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
function concatSpans(text: string, out: Span[]): void {
  for (let b = text.indexOf('-----BEGIN'); b !== -1; b = text.indexOf('-----BEGIN', b + 10)) {
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
function longPemSpans(text: string, out: Span[]): void {
  for (let b = text.indexOf('-----BEGIN '); b !== -1; b = text.indexOf('-----BEGIN ', b + 11)) {
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
