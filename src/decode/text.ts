// The decoders: one encoded string in, its decoded text out, or null when it does not decode to readable text.
// Pure functions on strings. "Readable" is strict (valid UTF-8, no control characters but tab and line breaks), so
// random bytes — images, fonts, hashes, integrity digests — never reach the engine.

import { isUtf8 } from 'node:buffer';

/** Bytes as text when they are valid UTF-8 with no control characters other than tab, CR and LF; else null. */
export function readable(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d : b === 0x7f) return null;
  }
  if (!isUtf8(bytes)) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

/**
 * Standard or URL-safe base64, padded or not; whitespace (line wrapping, `\n` escapes between lines) is ignored.
 * Null when the alphabet is mixed, the length cannot be base64, or the bytes are not readable text.
 */
export function decodeBase64(encoded: string): string | null {
  const s = encoded.replace(/\\[nr]|\s+/g, '').replace(/=+$/, '');
  if (/[^A-Za-z0-9+/_-]/.test(s)) return null;
  if (/[+/]/.test(s) && /[_-]/.test(s)) return null;
  if (s.length % 4 === 1) return null;
  return readable(Buffer.from(s, /[_-]/.test(s) ? 'base64url' : 'base64'));
}

/** An even-length run of hex digits; null unless it decodes to readable text. */
export function decodeHex(encoded: string): string | null {
  if (encoded.length % 2 !== 0 || /[^0-9a-fA-F]/.test(encoded)) return null;
  return readable(Buffer.from(encoded, 'hex'));
}

const HEX = /^[0-9a-fA-F]{2}$/;

/** Percent-encoding (`%3D`, `%20`): each `%XX` is a byte, the rest is taken as UTF-8; null when nothing changed. */
export function decodePercent(encoded: string): string | null {
  const bytes: number[] = [];
  let changed = false;
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded.charCodeAt(i);
    if (c === 0x25 && HEX.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      changed = true;
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      for (const b of Buffer.from(encoded[i]!, 'utf8')) bytes.push(b);
    }
  }
  return changed ? readable(Uint8Array.from(bytes)) : null;
}

const SIMPLE: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '',
  f: '',
  v: '',
  '0': '',
  '"': '"',
  "'": "'",
  '`': '`',
  '/': '/',
  '\\': '\\',
};

/**
 * JSON and JavaScript string escapes: `\n`, `\"`, `\/`, `\\`, `\uXXXX`, `\u{X}`, `\xXX`. Control characters other
 * than line breaks and tab decode to nothing. Unknown escapes keep their letter. Null when nothing changed.
 */
export function decodeEscapes(encoded: string): string | null {
  let out = '';
  let last = 0;
  let changed = false;
  for (let i = encoded.indexOf('\\'); i !== -1 && i < encoded.length - 1; i = encoded.indexOf('\\', i)) {
    out += encoded.slice(last, i);
    const c = encoded[i + 1]!;
    let repl: string | undefined = SIMPLE[c];
    let len = 2;
    if (c === 'u') {
      const m = /^u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})/.exec(encoded.slice(i + 1, i + 10));
      if (m) {
        const cp = parseInt(m[1] ?? m[2]!, 16);
        repl = cp > 0x10ffff || (cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13) ? '' : String.fromCodePoint(cp);
        len = 1 + m[0].length;
      }
    } else if (c === 'x' && HEX.test(encoded.slice(i + 2, i + 4))) {
      const cp = parseInt(encoded.slice(i + 2, i + 4), 16);
      repl = cp < 0x20 && cp !== 9 && cp !== 10 && cp !== 13 ? '' : String.fromCharCode(cp);
      len = 4;
    }
    if (repl === undefined) repl = c;
    out += repl;
    changed = true;
    i += len;
    last = i;
  }
  if (!changed) return null;
  return out + encoded.slice(last);
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  sol: '/',
  equals: '=',
  colon: ':',
  plus: '+',
  newline: '\n',
};

/** HTML character references: `&quot;`, `&#61;`, `&#x2F;` and a few named ones. Null when nothing changed. */
export function decodeHtml(encoded: string): string | null {
  let changed = false;
  const out = encoded.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    let r: string | undefined;
    if (dec !== undefined || hex !== undefined) {
      const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16);
      if (cp <= 0x10ffff && (cp >= 0x20 || cp === 9 || cp === 10 || cp === 13)) r = String.fromCodePoint(cp);
    } else {
      r = ENTITIES[name!.toLowerCase()];
    }
    if (r === undefined) return whole;
    changed = true;
    return r;
  });
  return changed ? out : null;
}
