// The message for arguments the command line does not know: each named once, in the spelling the user typed (yargs
// names each twice, "exit-code, exitCode"), with the nearest option of that command as a suggestion.

import type { Options } from 'yargs';

/** Optimal string alignment distance: edits, with a swap of two neighbours counted as one ("redcat" → "redact"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** `exitCode` → `exit-code`. */
const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every long spelling of `options` (names and long aliases), with `--help` and `--version`. */
export function longOptionNames(options: Readonly<Record<string, Options>>): string[] {
  const names = ['help', 'version'];
  for (const [name, o] of Object.entries(options)) {
    names.push(name);
    for (const alias of [o.alias ?? []].flat()) if (alias.length > 1) names.push(alias);
  }
  return names;
}

/** The known name nearest to `name`, if it is near enough to be a typo (or `name` is a prefix of it). */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const distance = editDistance(name, k);
    if (distance < bestDistance) [best, bestDistance] = [k, distance];
  }
  if (best !== undefined && bestDistance <= Math.max(1, Math.min(3, Math.floor(best.length / 3)))) return best;
  const prefixed = known.filter((k) => name.length >= 3 && k.startsWith(name));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/**
 * The message for yargs' "Unknown argument(s): a, b" error, or null for any other message. `argv` tells flags
 * (`--exitcode`) from stray words; `known` are the command's long option names, `commands` the command words that
 * could stand where a stray word is (a misspelt command).
 */
export function unknownArgumentsMessage(message: string, argv: readonly string[], known: readonly string[], commands: readonly string[] = []): string | null {
  const m = /^Unknown arguments?: (.*)$/s.exec(message);
  if (!m) return null;
  const listed = m[1]!.split(', ');
  // yargs lists `--exitcode-x` as "exitcode-x, exitcodeX": keep the spelling that was typed, once.
  const typed = (name: string): boolean => argv.some((a) => a === name || a.replace(/^--?/, '').split('=')[0] === name);
  const names = listed.filter((n) => typed(n) || !listed.some((o) => o !== n && typed(o) && (kebab(n) === o || kebab(o) === kebab(n))));
  const lines = [...new Set(names)].map((name) => {
    const flag = argv.some((a) => /^--?/.test(a) && a.replace(/^--?/, '').split('=')[0] === name);
    if (!flag) {
      const command = nearest(name, commands);
      return `unexpected argument "${name}"${command ? ` (did you mean ${command}?)` : ''}`;
    }
    const dashes = name.length === 1 ? '-' : '--';
    const guess = nearest(kebab(name), known);
    return `unknown option ${dashes}${name}${guess ? ` (did you mean --${guess}?)` : ''}`;
  });
  return lines.join('\n');
}
