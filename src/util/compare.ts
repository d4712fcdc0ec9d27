// Ordering strings for stable output and lookups.

/**
 * Code-point order. Not localeCompare: its first call loads ICU's collation data (about 15 ms of start-up that the
 * pre-commit hook and `history` would pay), and each call is slow. Rule ids ([a-z0-9-]), keywords and commit ids sort
 * the same either way.
 */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
