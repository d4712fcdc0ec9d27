// A static guard against catastrophic backtracking in rules: JavaScript regexes cannot be interrupted, so a
// pattern such as `(a+)+b` could hang a scan. At load we reject the two classic shapes:
//  1. a repeated group whose body itself repeats (`(a+)+`, `(?:x*y)*`), and
//  2. a repeated group whose alternatives can start with the same character (`(a|ab)+`, `(\w|_)*`).
// "Repeated" means `*`, `+`, `{n,}` or `{n,m}` with m above LARGE: `(a|a){0,1000}` is as bad as `(a|a)*`.
// Small bounded repetitions (`{1,8}`) stay allowed: their cost is bounded by a small constant power.
// The engine also checks each rule's time between matches (see detect/engine.ts) as a second line of defence.
//
// Most configured regexes now run on RE2 in linear time (config/linear-regex.ts); this check is the early, friendly
// error for a user's rules, and the only guard left for the few that RE2 cannot run (lookaheads, back-references),
// which stay on V8: for those it runs `strict`: any repetition counts (`(a+){1,32}`), and an alternative that may
// start with an optional atom (`x?a|a`) counts as overlapping every other.

const LARGE = 32;

interface Group {
  start: number;
  /** Does the body contain a large repetition? */
  repeats: boolean;
  /** First-character sets of each alternative so far (null = could be anything). */
  alternatives: (Set<string> | null)[];
  /** First-character set of the current alternative, once known (undefined = not yet seen). */
  current: Set<string> | null | undefined;
  /** Atoms seen in the current alternative. */
  atoms: number;
}

/** Length of the quantifier at `j` and whether it is large; 0 when there is none. */
function quantifierAt(source: string, j: number, limit = LARGE): { length: number; large: boolean; optional: boolean } {
  const c = source[j];
  let length = 0;
  let large = false;
  let optional = false;
  if (c === '*' || c === '+') {
    length = 1;
    large = true;
    optional = c === '*';
  } else if (c === '?') {
    length = 1;
    optional = true;
  } else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(j, j + 24));
    if (!m) return { length: 0, large: false, optional: false };
    length = m[0].length;
    const most = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    large = (m[2] !== undefined || limit < LARGE) && most > limit;
    optional = Number(m[1]) === 0;
  } else {
    return { length: 0, large: false, optional: false };
  }
  if (source[j + length] === '?') length += 1; // lazy
  return { length, large, optional };
}

const WORD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';

/** Characters of an escape inside a character class, or null when too broad to list (\D, \W, \S, \x, \u). */
function classEscape(e: string): string | null {
  if (e === 'd') return '0123456789';
  if (e === 'w') return WORD;
  if (e === 's') return ' \t\n\r\f\v';
  if (e === 'n') return '\n';
  if (e === 'r') return '\r';
  if (e === 't') return '\t';
  if ('DWSxuckpP'.includes(e)) return null;
  return e;
}

/** The first characters an atom can match, or null when it could be (almost) anything. */
function firstChars(atom: string): Set<string> | null {
  if (atom.startsWith('\\')) {
    const e = atom[1] ?? '';
    if ('dDwWsSbBpPuxck'.includes(e)) return e === 'd' ? new Set('0123456789') : null;
    return new Set([e]);
  }
  if (atom.startsWith('[')) {
    if (atom.startsWith('[^')) return null;
    const body = atom.slice(1, -1);
    const set = new Set<string>();
    for (let i = 0; i < body.length; i++) {
      const ch = body[i]!;
      if (ch === '\\') {
        const chars = classEscape(body[i + 1] ?? '');
        if (chars === null) return null;
        for (const x of chars) set.add(x);
        i += 1;
        continue;
      }
      if (body[i + 1] === '-' && body[i + 2] !== undefined) {
        for (let code = ch.charCodeAt(0); code <= body.charCodeAt(i + 2); code++) set.add(String.fromCharCode(code));
        i += 2;
      } else {
        set.add(ch);
      }
    }
    return set;
  }
  if (atom === '.') return null;
  return new Set([atom]);
}

function overlapping(sets: (Set<string> | null)[]): boolean {
  const seen = new Set<string>();
  for (const s of sets) {
    if (s === null) return sets.length > 1;
    for (const ch of s) {
      if (seen.has(ch)) return true;
      seen.add(ch);
    }
  }
  return false;
}

/**
 * Returns why `source` can backtrack catastrophically, or null when it passes the static check. `strict` for a regex
 * that V8 will run although it comes from a user (see the header).
 */
export function findNestedQuantifier(source: string, strict = false): string | null {
  const limit = strict ? 1 : LARGE;
  const stack: Group[] = [];
  let top: Group = { start: 0, repeats: false, alternatives: [], current: undefined, atoms: 0 };
  const noteAtom = (first: Set<string> | null): void => {
    top.atoms += 1;
    if (top.current === undefined) top.current = first;
  };
  // An optional first atom: the alternative may start with whatever follows it.
  const optionalFirst = (optional: boolean): void => {
    if (strict && optional && top.atoms === 1) top.current = null;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let atomEnd = i + 1;
    if (c === '\\') {
      atomEnd = i + 2;
      noteAtom(firstChars(source.slice(i, atomEnd)));
    } else if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      atomEnd = j + 1;
      noteAtom(firstChars(source.slice(i, atomEnd)));
    } else if (c === '(') {
      const prefix = /^\(\?(?:<[A-Za-z_$][\w$]*>|[:=!]|<[=!])/.exec(source.slice(i, i + 40))?.[0] ?? '(';
      const lookaround = /^\(\?<?[=!]/.test(prefix);
      stack.push(top);
      top = { start: i, repeats: false, alternatives: [], current: lookaround ? null : undefined, atoms: 0 };
      i += prefix.length;
      continue;
    } else if (c === ')') {
      const group = top;
      group.alternatives.push(group.current ?? null);
      top = stack.pop() ?? { start: 0, repeats: false, alternatives: [], current: undefined, atoms: 0 };
      const q = quantifierAt(source, i + 1, limit);
      const shown = source.slice(group.start, i + 1 + q.length);
      if (q.large && group.repeats) return `nested repetition at ${shown} can backtrack catastrophically`;
      if (q.large && group.alternatives.length > 1 && overlapping(group.alternatives)) {
        return `repeated alternatives that can match the same text at ${shown} can backtrack catastrophically`;
      }
      const first = group.alternatives.length === 1 ? group.alternatives[0]! : null;
      noteAtom(first);
      optionalFirst(q.optional);
      top.repeats ||= group.repeats || q.large;
      i += 1 + q.length;
      continue;
    } else if (c === '|') {
      top.alternatives.push(top.current ?? null);
      top.current = undefined;
      top.atoms = 0;
      i += 1;
      continue;
    } else if (c === '^' || c === '$') {
      i += 1;
      continue;
    } else {
      noteAtom(firstChars(c));
    }
    const q = quantifierAt(source, atomEnd, limit);
    optionalFirst(q.optional);
    if (q.large) top.repeats = true;
    i = atomEnd + q.length;
  }
  return null;
}
