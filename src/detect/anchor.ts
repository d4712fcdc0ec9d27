// Does every match of a rule's regex contain one of its keywords? Only then may the engine run the rule on the
// lines around its keyword hits alone (a rule such as "a key shaped like X in a file that mentions poloniex" has
// its keyword elsewhere and must see the whole text). Decided from the rule's own regex source, conservatively:
// a keyword must appear as a literal that every match goes through (case-insensitively, `(?i:...)` included).

interface Parsed {
  /** True when every way through this part passes a literal holding a keyword. */
  sure: boolean;
}

/** Parses `src` from `i` up to a `)` or the end; returns whether every alternative is sure, and where it stopped. */
function alternatives(src: string, i: number, keywords: readonly string[]): { sure: boolean; end: number } | null {
  let allSure = true;
  for (;;) {
    const seq = sequence(src, i, keywords);
    if (!seq) return null;
    allSure &&= seq.sure;
    i = seq.end;
    if (src[i] === '|') {
      i += 1;
      continue;
    }
    return { sure: allSure, end: i };
  }
}

function quantifierAt(src: string, i: number): { min: number; len: number } {
  const c = src[i];
  if (c === '?' || c === '*') return { min: 0, len: src[i + 1] === '?' ? 2 : 1 };
  if (c === '+') return { min: 1, len: src[i + 1] === '?' ? 2 : 1 };
  const m = c === '{' ? /^\{(\d+)(?:,\d*)?\}\??/.exec(src.slice(i, i + 24)) : null;
  return m ? { min: Number(m[1]), len: m[0].length } : { min: 1, len: 0 };
}

function sequence(src: string, i: number, keywords: readonly string[]): (Parsed & { end: number }) | null {
  // The literal run so far, as every spelling it can take (small classes such as `[_-]?` fork it); a run is sure
  // when each spelling holds a keyword.
  let run: string[] = [''];
  let sure = false;
  const flush = (): void => {
    if (!sure && run.every((v) => keywords.some((k) => v.includes(k)))) sure = true;
    run = [''];
  };
  const extend = (chars: string[], optional: boolean): void => {
    const next = run.flatMap((v) => chars.map((ch) => v + ch.toLowerCase()));
    run = optional ? [...run, ...next] : next;
    if (run.length > 32) flush();
  };
  while (i < src.length && src[i] !== '|' && src[i] !== ')') {
    const c = src[i]!;
    if (c === '(') {
      // A plain capturing group `(` too: the `(?…)` part is optional.
      const head = /^\((?:\?(?:i:|<[A-Za-z_$][\w$]*>|[:=!]|<[=!]))?/.exec(src.slice(i, i + 64))![0];
      const inner = alternatives(src, i + head.length, keywords);
      if (!inner || src[inner.end] !== ')') return null;
      i = inner.end + 1;
      const q = quantifierAt(src, i);
      i += q.len;
      flush();
      const negative = head === '(?!' || head === '(?<!';
      if (!negative && q.min >= 1 && inner.sure) sure = true;
      continue;
    }
    let lit: string[] | null = null;
    let len = 1;
    if (c === '\\') {
      const e = src[i + 1] ?? '';
      len = 2;
      lit = /[.\-/\\^$*+?()[\]{}|_:=@#&~%!'"`,;<> ]/.test(e) ? [e] : null;
      if (/[xuckpP]/.test(e)) return null; // rare escapes: give up (whole-text scan)
    } else if (c === '[') {
      let j = i + 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
      len = j + 1 - i;
      // A small class of plain characters, such as [_-] or [pous]: each one is a spelling.
      const body = src.slice(i + 1, j).replace(/\\-/g, '-');
      if (src[i + 1] !== '^' && body.length <= 4 && !/[\\\]]|.-./.test(body)) lit = [...body];
    } else if (c !== '.' && c !== '^' && c !== '$') lit = [c];
    i += len;
    const q = quantifierAt(src, i);
    i += q.len;
    const once = q.len === 0;
    const optional = src[i - q.len] === '?' && q.len > 0 && q.min === 0 && !src.slice(i - q.len, i).startsWith('{');
    if (lit !== null && (once || optional)) extend(lit, optional);
    else flush();
  }
  flush();
  return { sure, end: i };
}

/** True when every match of `source` (keyhound regex syntax, before expansion) contains one of `keywords`. */
export function keywordAnchored(source: string, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return false;
  const top = alternatives(source, 0, keywords.map((k) => k.toLowerCase()));
  return top !== null && top.end === source.length && top.sure;
}
