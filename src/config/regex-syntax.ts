// keyhound's small extension of JavaScript regex syntax: `(?i:...)` groups whose ASCII letters match either case.
// Node 20's RegExp has no inline modifiers, and a whole-regex `i` flag would also loosen the secret's own shape
// (an upper-case-hex secret would match lower case), so rules write `(?i:binance)` and we expand it to `[bB][iI]…`.

const LETTER = /[A-Za-z]/;

// Expansions made so far, by source. The build-time rule cache carries those of the built-in rules
// (src/config/cache.ts), so a start-up from the cache does not redo them.
const expansions = new Map<string, string>();

/** Expansions made so far (for the rule cache). */
export function knownExpansions(): Record<string, string> {
  return Object.fromEntries(expansions);
}

/** Adds expansions made earlier (from the rule cache). */
export function rememberExpansions(known: Readonly<Record<string, string>>): void {
  for (const [source, expanded] of Object.entries(known)) expansions.set(source, expanded);
}

function swapCase(c: string): string {
  const u = c.toUpperCase();
  return u === c ? c.toLowerCase() : u;
}

/** Length of the escape sequence starting at `i` (which holds a backslash), so it is copied whole. */
function escapeLength(src: string, i: number): number {
  const c = src[i + 1];
  if (c === undefined) return 1;
  const rest = src.slice(i + 2);
  let m: RegExpMatchArray | null = null;
  if (c === 'x') m = /^[0-9A-Fa-f]{2}/.exec(rest);
  else if (c === 'u') m = /^(?:[0-9A-Fa-f]{4}|\{[0-9A-Fa-f]+\})/.exec(rest);
  else if (c === 'c') m = /^[A-Za-z]/.exec(rest);
  else if (c === 'p' || c === 'P') m = /^\{[^}]*\}/.exec(rest);
  else if (c === 'k') m = /^<[^>]*>/.exec(rest);
  return 2 + (m ? m[0].length : 0);
}

/** Rewrites a character class body (between `[` and `]`) so its letters match both cases. */
function caseFoldClass(body: string): string {
  let out = '';
  let extra = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c === '\\') {
      const n = escapeLength(body, i);
      out += body.slice(i, i + n);
      i += n;
      continue;
    }
    const lo = c;
    const dash = body[i + 1];
    const hi = body[i + 2];
    if (dash === '-' && hi !== undefined && hi !== '\\' && LETTER.test(lo) && LETTER.test(hi)) {
      out += `${lo}-${hi}`;
      if ((lo === lo.toLowerCase()) === (hi === hi.toLowerCase())) extra += `${swapCase(lo)}-${swapCase(hi)}`;
      i += 3;
      continue;
    }
    out += c;
    if (LETTER.test(c)) extra += swapCase(c);
    i += 1;
  }
  return out + extra;
}

/**
 * Expands every `(?i:...)` group in `source` into an ordinary `(?:...)` group whose letters match either case.
 * Escapes, named-group names and back-references are copied unchanged. Throws on an unterminated group.
 */
export function expandCaseInsensitiveGroups(source: string): string {
  if (!source.includes('(?i:')) return source;
  const known = expansions.get(source);
  if (known !== undefined) return known;
  let out = '';
  let depth = 0; // > 0 while inside a (?i:...) group; counts open parentheses
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const n = escapeLength(source, i);
      out += source.slice(i, i + n);
      i += n;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? escapeLength(source, j) : 1;
      if (j >= source.length) throw new Error('unterminated character class');
      const head = source[i + 1] === '^' ? '[^' : '[';
      const body = source.slice(i + head.length, j);
      out += depth > 0 ? head + caseFoldClass(body) + ']' : source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '(') {
      if (source.startsWith('(?i:', i)) {
        out += '(?:';
        depth += 1;
        i += 4;
        continue;
      }
      const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(source.slice(i, i + 64));
      const prefix = named ? named[0] : (/^\(\?(?:[:=!]|<[=!])/.exec(source.slice(i, i + 4))?.[0] ?? '(');
      out += prefix;
      if (depth > 0) depth += 1;
      i += prefix.length;
      continue;
    }
    if (c === ')') {
      out += c;
      if (depth > 0) depth -= 1;
      i += 1;
      continue;
    }
    out += depth > 0 && LETTER.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
    i += 1;
  }
  if (depth > 0) throw new Error('unterminated (?i:...) group');
  expansions.set(source, out);
  return out;
}
