// A static guard against catastrophic backtracking in user rules: JavaScript regexes cannot be interrupted, so a
// pattern such as `(a+)+b` could hang a scan. We reject, at load, any group that repeats without bound while
// its own body also repeats without bound (the classic nested-quantifier shape), and alternations of
// repeated groups that can match the same text in more than one way are left to the per-rule review.

/** Returns a reason when `source` has an unbounded quantifier applied to a group that itself contains one. */
export function findNestedQuantifier(source: string): string | null {
  // Stack of open groups: whether the group body holds an unbounded quantifier.
  const stack: { unbounded: boolean; start: number }[] = [];
  let bodyUnbounded = false;
  let i = 0;
  const isUnboundedQuantifierAt = (j: number): boolean => {
    const c = source[j];
    if (c === '*' || c === '+') return true;
    if (c === '{') return /^\{\d+,\}/.test(source.slice(j, j + 12));
    return false;
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      i += 2;
      if (isUnboundedQuantifierAt(i)) bodyUnbounded = true;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j + 1;
      if (isUnboundedQuantifierAt(i)) bodyUnbounded = true;
      continue;
    }
    if (c === '(') {
      stack.push({ unbounded: bodyUnbounded, start: i });
      bodyUnbounded = false;
      i += 1;
      continue;
    }
    if (c === ')') {
      const open = stack.pop();
      const inner: boolean = bodyUnbounded;
      i += 1;
      const outer = isUnboundedQuantifierAt(i);
      if (inner && outer && open) {
        return `nested unbounded quantifiers at ${source.slice(open.start, i + 1)} can backtrack catastrophically`;
      }
      bodyUnbounded = (open?.unbounded ?? false) || inner || outer;
      continue;
    }
    i += 1;
    if (isUnboundedQuantifierAt(i)) bodyUnbounded = true;
  }
  return null;
}
