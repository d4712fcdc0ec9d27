// The Action's `args` input: extra CLI flags, split like a shell would split them (quotes and backslashes) but never
// evaluated — no variables, globs or command substitution — then checked against the flags each mode understands.

/** Splits `--since "2 weeks ago" --max-file-size=1M` into words. Throws on an unterminated quote. */
export function splitArgs(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`args: unterminated ${quote} quote`);
  if (inWord) words.push(word);
  return words;
}

/** Flags the Action passes on, by mode: name → whether it takes a value. */
export const ACTION_FLAGS: Readonly<Record<'scan' | 'history' | 'diff', Readonly<Record<string, boolean>>>> = {
  scan: { 'max-file-size': true, 'no-gitignore': false, 'honor-gitleaks-allow': false, verbose: false, 'allow-no-rules': false },
  history: { 'max-file-size': true, branch: true, range: true, since: true, 'max-commits': true, verbose: false, 'allow-no-rules': false },
  diff: { 'max-file-size': true, 'honor-gitleaks-allow': false, 'no-attribution': false, verbose: false, 'allow-no-rules': false },
};

/** Parses split words into flag → value (`true` for switches). Throws naming an unknown or incomplete flag. */
export function parseFlags(words: readonly string[], mode: keyof typeof ACTION_FLAGS): Record<string, string | true> {
  const known = ACTION_FLAGS[mode];
  const out: Record<string, string | true> = {};
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = /^--([a-z][a-z-]*)(?:=(.*))?$/s.exec(w === '-v' ? '--verbose' : w);
    const name = m?.[1];
    if (!m || !name || !(name in known)) {
      const allowed = Object.keys(known).map((k) => `--${k}`).join(', ');
      throw new Error(`args: "${w}" is not a flag the ${mode} mode takes (use the inputs for config, baseline, redact and the report; flags: ${allowed})`);
    }
    if (known[name]) {
      const value = m[2] ?? words[++i];
      if (value === undefined || value === '') throw new Error(`args: --${name} needs a value`);
      out[name] = value;
    } else {
      if (m[2] !== undefined) throw new Error(`args: --${name} takes no value`);
      out[name] = true;
    }
  }
  return out;
}
