// Candidate spans: the places in a text worth decoding, and what they decode to. Only runs long enough to hold a key
// and strings that contain escapes are tried — never a whole text — and a span is kept only when it decodes to
// readable text (see text.ts), so random base64 and hashes cost a failed decode and nothing more.

import { decodeBase64, decodeEscapes, decodeHex, decodeHtml, decodePercent } from './text.js';

/** The encodings this step undoes, as they appear in a finding's `decoded` chain. */
export type Encoding = 'base64' | 'hex' | 'percent' | 'escape' | 'html' | 'concat';

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
/** Longest span an escape or a string concatenation is followed over. */
const MAX_STRING = 256 * 1024;

const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') B64[c.charCodeAt(0)] = 1;
const isB64 = (c: number): boolean => c < 128 && B64[c] === 1;
const isHexRun = (s: string): boolean => /^[0-9a-fA-F]+$/.test(s);

/** Every candidate span of `text`, each with its decoded text, in no particular order. */
export function spans(text: string): Span[] {
  const out: Span[] = [];
  base64Spans(text, out);
  percentSpans(text, out);
  escapeSpans(text, out);
  htmlSpans(text, out);
  concatSpans(text, out);
  return out;
}

/** Runs of the base64 alphabet (hex when they are all hex digits), with `=` padding, joined across line wrapping. */
function base64Spans(text: string, out: Span[]): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isB64(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let end = runEnd(text, i);
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
      lineLen = next - j;
      end = next;
    }
    i = end;
    if (end - start < MIN_BASE64) continue;
    const run = text.slice(start, end);
    if (end - start >= MIN_HEX && isHexRun(run)) {
      const hex = decodeHex(run);
      if (hex !== null) {
        out.push({ start, end, encoding: 'hex', text: hex });
        continue;
      }
    }
    const decoded = decodeBase64(run);
    if (decoded !== null) {
      out.push({ start, end, encoding: 'base64', text: decoded });
      continue;
    }
    // A prefix glued on with `-` or `_` (`sha512-`, `token_`) before standard base64: try the pieces.
    if (/[+/]/.test(run) && /[-_]/.test(run)) {
      const re = /[A-Za-z0-9+/]+=*/g;
      for (let m = re.exec(run); m; m = re.exec(run)) {
        if (m[0].length < MIN_BASE64) continue;
        const piece = decodeBase64(m[0]);
        if (piece !== null) out.push({ start: start + m.index, end: start + m.index + m[0].length, encoding: 'base64', text: piece });
      }
    }
  }
}

/** Whether a wrapped run ending at `i` ends its line (or its string). */
function lineEnds(text: string, i: number): boolean {
  const c = text[i];
  return c === undefined || c === '\n' || c === '\r' || c === '"' || c === "'" || c === '\\';
}

/** End of the alphabet run starting at `i`, with up to two `=` of padding. */
function runEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n && isB64(text.charCodeAt(i))) i++;
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

/** An escape that can hide a key: a line break or tab escape before a letter or digit, `\/`, `\uXXXX`, `\xXX`, `\"`. */
const ESCAPE = /\\(?:[nrt](?=[A-Za-z0-9])|[/"']|u[0-9a-fA-F{]|x[0-9a-fA-F])/g;
const QUOTES = new Set(['"', "'", '`']);

/** Whether the quote at `i` is escaped (an odd number of backslashes before it). */
function escaped(text: string, i: number): boolean {
  let k = 0;
  while (i - 1 - k >= 0 && text[i - 1 - k] === '\\') k++;
  return k % 2 === 1;
}

/**
 * Strings (or, without a quote in sight, the rest of the line) holding an escape that can hide a key: from the
 * opening quote before the escape to the closing one, decoded.
 */
function escapeSpans(text: string, out: Span[]): void {
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m; m = ESCAPE.exec(text)) {
    const at = m.index;
    let s = at;
    let quote = '';
    while (s > 0 && text[s - 1] !== '\n' && at - s < MAX_STRING) {
      const c = text[s - 1]!;
      if (QUOTES.has(c) && !escaped(text, s - 1)) {
        quote = c;
        break;
      }
      s--;
    }
    let e = at + 1;
    while (e < text.length && text[e] !== '\n' && e - at < MAX_STRING) {
      const c = text[e]!;
      if ((quote ? c === quote : QUOTES.has(c)) && !escaped(text, e)) break;
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
