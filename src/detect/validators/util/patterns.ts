/** Structural "not random" checks shared by validators. */

/** True when `s` repeats with a period of at most `maxPeriod` chars (e.g. "aaaa…", "deadbeef…", "0123456789…"). */
export function isShortPeriodic(s: string, maxPeriod = 16): boolean {
  for (let p = 1; p <= maxPeriod && p < s.length; p++) {
    let periodic = true;
    for (let i = p; i < s.length; i++) {
      if (s[i] !== s[i - p]) {
        periodic = false;
        break;
      }
    }
    if (periodic) return true;
  }
  return false;
}

export function distinctCount<T>(items: Iterable<T>): number {
  return new Set(items).size;
}
