// How far can a rule's match (with whatever its lookarounds inspect) reach, in characters and in line breaks? Upper
// bounds, computed once per regex from its source: the engine may then run the rule only on the lines around its
// keyword hits instead of the whole text. Anything the analysis does not understand counts as unbounded.

export const UNBOUNDED = Number.POSITIVE_INFINITY;

/** Maximum repetitions of the quantifier at `src[i]`, and its length (0 when there is none). */
function quantifier(src: string, i: number): { max: number; len: number } {
  const c = src[i];
  let max: number;
  let len: number;
  if (c === '?') [max, len] = [1, 1];
  else if (c === '*' || c === '+') [max, len] = [UNBOUNDED, 1];
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
    if (!m) return { max: 1, len: 0 };
    max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : UNBOUNDED;
    len = m[0].length;
  } else return { max: 1, len: 0 };
  if (src[i + len] === '?') len += 1; // lazy
  return { max, len };
}

/** Can the character class body (between the brackets) match a line feed? Errs towards yes. */
function classMatchesNewline(body: string, negated: boolean): boolean {
  const excludes = /\\[sn]/.test(body);
  if (negated) return !excludes;
  return excludes || /\\[WDSxuc0]|\n/.test(body) || /[\0-\t]-/.test(body);
}

export interface Reach {
  /** Most characters a match plus its lookarounds can cover. */
  chars: number;
  /** Most line feeds among them. */
  lines: number;
}

const UNKNOWN: Reach = { chars: UNBOUNDED, lines: UNBOUNDED };

/**
 * Upper bounds on what a match of `source` (with `flags`) and its lookarounds can cover; UNBOUNDED when unknown.
 * `^`/`$` without the `m` flag anchor at the text's ends, so they make a rule unbounded too.
 */
export function regexReach(source: string, flags: string): Reach {
  const dotAll = flags.includes('s');
  const multiline = flags.includes('m');
  // Each open group: the best (max) of its finished alternatives, and the running sum of the current one.
  type Acc = { bestC: number; bestL: number; c: number; l: number };
  const open = (): Acc => ({ bestC: 0, bestL: 0, c: 0, l: 0 });
  const stack: Acc[] = [open()];
  let i = 0;
  const add = (chars: number, lines: number): void => {
    const q = quantifier(source, i);
    i += q.len;
    const top = stack[stack.length - 1]!;
    top.c += chars === 0 ? 0 : chars * q.max;
    top.l += lines === 0 ? 0 : lines * q.max;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const e = source[i + 1];
      if (e === undefined) return UNKNOWN;
      if (e === 'k' || /[1-9]/.test(e)) return UNKNOWN; // back-references: whatever the group matched
      let len = 2;
      if (e === 'x') len = 4;
      else if (e === 'u') len = source[i + 2] === '{' ? source.indexOf('}', i) - i + 1 : 6;
      else if (e === 'c') len = 3;
      else if (e === 'p' || e === 'P') len = source.indexOf('}', i) - i + 1;
      const esc = source.slice(i, i + len);
      const newline = /^\\[sWDn]$/.test(esc) || /^\\(?:x0[aA]|u000[aA]|cJ)$/.test(esc) || e === 'p' || e === 'P';
      const assertion = e === 'b' || e === 'B';
      i += len;
      add(assertion ? 0 : 1, newline ? 1 : 0);
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      const negated = source[j] === '^';
      if (negated) j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      if (j >= source.length) return UNKNOWN;
      const body = source.slice(i + (negated ? 2 : 1), j);
      i = j + 1;
      add(1, classMatchesNewline(body, negated) ? 1 : 0);
      continue;
    }
    if (c === '(') {
      stack.push(open());
      const head = /^\(\?(?:<[A-Za-z_$][\w$]*>|[:=!]|<[=!])?/.exec(source.slice(i, i + 64));
      i += head ? head[0].length : 1;
      continue;
    }
    if (c === '|') {
      const top = stack[stack.length - 1]!;
      top.bestC = Math.max(top.bestC, top.c);
      top.bestL = Math.max(top.bestL, top.l);
      top.c = 0;
      top.l = 0;
      i += 1;
      continue;
    }
    if (c === ')') {
      const group = stack.pop();
      if (!group || stack.length === 0) return UNKNOWN;
      i += 1;
      add(Math.max(group.bestC, group.c), Math.max(group.bestL, group.l));
      continue;
    }
    if (c === '^' || c === '$') {
      if (!multiline) return UNKNOWN;
      i += 1;
      continue;
    }
    i += 1;
    add(1, c === '\n' || (c === '.' && dotAll) ? 1 : 0);
  }
  if (stack.length !== 1) return UNKNOWN;
  const top = stack[0]!;
  return { chars: Math.max(top.bestC, top.c), lines: Math.max(top.bestL, top.l) };
}
