// Translates Go RE2 regexes (as gitleaks configs write them) into keyhound's regex syntax (JavaScript plus `(?i:…)`
// groups). RE2 has no lookarounds or back-references, so the way back is never needed; the differences that matter
// are flag groups, `\z`/`\A`, `\Q…\E`, `(?P<name>…)`, POSIX classes and `\x{…}`. Anything else that JavaScript
// would read differently is refused with a reason rather than guessed at.
// RE2 syntax: https://github.com/google/re2/wiki/Syntax

export class UnsupportedRegexError extends Error {
  override name = 'UnsupportedRegexError';
}

const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export interface TranslatedRegex {
  source: string;
  /** Flags for the whole regex (from a leading `(?s)` or `(?m)`). */
  flags: string;
  /** How many capturing groups the regex has. */
  groups: number;
}

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Translates one escape sequence starting at `i` (a backslash). Returns the JavaScript text and the length consumed.
 * `inClass` is true inside `[...]`.
 */
function translateEscape(src: string, i: number, inClass: boolean, multiline = false): { out: string; len: number } {
  const c = src[i + 1];
  if (c === undefined) throw new UnsupportedRegexError('trailing backslash');
  // Without (?m), `$` and `^` mean the very end and start of the text in both syntaxes; a lookaround would do under
  // (?m), but imported rules run on RE2 (config/linear-regex.ts), which has none.
  if ((c === 'z' || c === 'A') && !inClass) {
    if (multiline) throw new UnsupportedRegexError(`\\${c} together with (?m)`);
    return { out: c === 'z' ? '$' : '^', len: 2 };
  }
  if (c === 'Q') {
    const end = src.indexOf('\\E', i + 2);
    const lit = src.slice(i + 2, end === -1 ? src.length : end);
    return { out: escapeLiteral(lit), len: (end === -1 ? src.length : end + 2) - i };
  }
  if (c === 'a') return { out: '\\x07', len: 2 };
  if (c === 'x' && src[i + 2] === '{') {
    const m = /^\\x\{([0-9A-Fa-f]{1,6})\}/.exec(src.slice(i));
    if (!m) throw new UnsupportedRegexError('bad \\x{...} escape');
    const code = parseInt(m[1]!, 16);
    if (code > 0xffff) throw new UnsupportedRegexError(`\\x{${m[1]}} above U+FFFF needs unicode mode`);
    return { out: `\\u${code.toString(16).padStart(4, '0')}`, len: m[0].length };
  }
  if (c === 'p' || c === 'P') throw new UnsupportedRegexError(`Unicode class \\${c} needs unicode mode`);
  if (c === 'C') throw new UnsupportedRegexError('\\C (any byte) has no JavaScript equivalent');
  if (/[1-9]/.test(c)) throw new UnsupportedRegexError(`\\${c} (octal in RE2) would be a back-reference in JavaScript`);
  if (c === '0') {
    const m = /^\\0([0-7]{0,2})/.exec(src.slice(i))!;
    return { out: `\\x${parseInt(m[1] || '0', 8).toString(16).padStart(2, '0')}`, len: m[0].length };
  }
  if (/[A-Za-z]/.test(c) && !/[dDwWsSbBfnrtvx]/.test(c)) throw new UnsupportedRegexError(`unknown escape \\${c}`);
  if (inClass && (c === 'b' || c === 'B')) throw new UnsupportedRegexError(`\\${c} inside a character class`);
  if (c === 'x') {
    const m = /^\\x[0-9A-Fa-f]{2}/.exec(src.slice(i));
    if (!m) throw new UnsupportedRegexError('bad \\x escape');
    return { out: m[0], len: 4 };
  }
  return { out: src.slice(i, i + 2), len: 2 };
}

/** Translates a character class starting at `i` (`[`); returns the text and the length consumed. */
function translateClass(src: string, i: number): { out: string; len: number } {
  let j = i + 1;
  let out = '[';
  if (src[j] === '^') {
    out += '^';
    j++;
  }
  if (src[j] === ']') {
    out += '\\]';
    j++;
  }
  for (;;) {
    const c = src[j];
    if (c === undefined) throw new UnsupportedRegexError('unterminated character class');
    if (c === ']') return { out: `${out}]`, len: j + 1 - i };
    if (c === '\\') {
      const e = translateEscape(src, j, true);
      out += e.out;
      j += e.len;
      continue;
    }
    if (c === '[' && src[j + 1] === ':') {
      const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(j));
      if (!m) throw new UnsupportedRegexError('bad POSIX class');
      if (m[1]) throw new UnsupportedRegexError(`negated POSIX class [:^${m[2]}:]`);
      const body = POSIX[m[2]!];
      if (!body) throw new UnsupportedRegexError(`unknown POSIX class [:${m[2]}:]`);
      out += body;
      j += m[0].length;
      continue;
    }
    out += c === '[' ? '\\[' : c;
    j++;
  }
}

/**
 * Translates an RE2 regex. `secretGroup` (1-based, as gitleaks' `secretGroup`) names that capturing group `secret`.
 * Throws UnsupportedRegexError with the reason when the regex uses syntax that cannot be carried over exactly.
 */
export function translateRe2(src: string, secretGroup = 0): TranslatedRegex {
  let flags = '';
  let rest = src;
  let wrapAllI = false;
  // Leading flag groups apply to the whole regex.
  for (let m = /^\(\?([a-zA-Z-]+)\)/.exec(rest); m; m = /^\(\?([a-zA-Z-]+)\)/.exec(rest)) {
    for (const f of m[1]!) {
      if (f === 'i') wrapAllI = true;
      else if (f === 's' || f === 'm') flags += flags.includes(f) ? '' : f;
      else throw new UnsupportedRegexError(`flag group (?${m[1]})`);
    }
    rest = rest.slice(m[0].length);
  }
  // One entry per open group: whether a mid-group `(?i)` opened an implicit `(?i:` that must close with it.
  const stack: boolean[] = [false];
  let out = '';
  let groups = 0;
  let i = 0;
  while (i < rest.length) {
    const c = rest[i]!;
    if (c === '\\') {
      const e = translateEscape(rest, i, false, flags.includes('m'));
      out += e.out;
      i += e.len;
      continue;
    }
    if (c === '[') {
      const k = translateClass(rest, i);
      out += k.out;
      i += k.len;
      continue;
    }
    if (c === '(') {
      const tail = rest.slice(i, i + 80);
      const flagGroup = /^\(\?([a-zA-Z-]+)\)/.exec(tail);
      if (flagGroup) {
        if (flagGroup[1] !== 'i') throw new UnsupportedRegexError(`flag group (?${flagGroup[1]}) inside the regex`);
        if (!stack[stack.length - 1]) {
          out += '(?i:';
          stack[stack.length - 1] = true;
        }
        i += flagGroup[0].length;
        continue;
      }
      const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(tail);
      if (named || !tail.startsWith('(?')) {
        groups += 1;
        const name = groups === secretGroup ? 'secret' : named?.[1];
        out += name ? `(?<${name}>` : '(';
        i += named ? named[0].length : 1;
        stack.push(false);
        continue;
      }
      const nonCapturing = /^\(\?(i?):/.exec(tail);
      if (!nonCapturing) throw new UnsupportedRegexError(`group syntax ${tail.slice(0, 6)}…`);
      out += nonCapturing[0];
      i += nonCapturing[0].length;
      stack.push(false);
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) throw new UnsupportedRegexError('unbalanced )');
      if (stack.pop()) out += ')';
      out += ')';
      i++;
      continue;
    }
    if (c === '|' && stack[stack.length - 1]) {
      // `(?i)` lasts to the end of its group, across alternatives: close and reopen around each.
      out += ')|(?i:';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (stack.length !== 1) throw new UnsupportedRegexError('unbalanced (');
  if (stack[0]) out += ')';
  if (secretGroup > groups) throw new UnsupportedRegexError(`secretGroup ${secretGroup} but the regex has ${groups} capturing groups`);
  return { source: wrapAllI ? `(?i:${out})` : out, flags, groups };
}
