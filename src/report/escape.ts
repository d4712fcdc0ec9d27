// Making untrusted text (file names, commit authors) safe to print on one line of a terminal or a CI log: control
// characters are shown as escapes, so a file name with a newline or an escape sequence cannot forge report lines
// or recolour a terminal.

// C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `s` with each control character replaced by `\n`, `\r`, `\t`, `\xNN` or `\uNNNN`; other characters unchanged. */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// A line a GitHub runner reads as a workflow command: `::name …::` or the older `##[name]`, after leading blanks.
const COMMAND_START = /^(\s*)([:#])(?=:|#\[)/;

/**
 * `s` made safe to start a line of a log that a CI runner reads (GitHub Actions): control characters escaped as by
 * {@link escapeControl}, and a leading `::` or `##[` (a workflow command) broken by escaping its first character.
 */
export function escapeLine(s: string): string {
  return escapeControl(s).replace(COMMAND_START, (_m, blank: string, ch: string) => `${blank}\\x${ch.charCodeAt(0).toString(16)}`);
}

// Lone surrogates (from arbitrary bytes decoded as UTF-16) cannot be encoded in a URI or printed faithfully.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` with each unpaired surrogate replaced by U+FFFD, so `encodeURIComponent` cannot throw on it. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}
