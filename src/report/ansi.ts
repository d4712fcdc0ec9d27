// The few terminal styles the text report uses, as ANSI SGR codes (the 16-colour codes chalk prints at its basic
// level), so the report needs no colour library: chalk's terminal detection loads node:tty, which the pre-commit
// hook would pay for at every commit, and the report decides about colour itself (see colorEnabled).

export type Style = (s: string) => string;

export interface Styles {
  red: Style;
  redBold: Style;
  yellow: Style;
  green: Style;
  gray: Style;
  bold: Style;
  dim: Style;
  underline: Style;
}

/** The styles, or identity functions when `on` is false. */
export function ansiStyles(on: boolean): Styles {
  const wrap =
    (open: number, close: number): Style =>
    (s) =>
      on ? `\u001b[${open}m${s}\u001b[${close}m` : s;
  const red = wrap(31, 39);
  const bold = wrap(1, 22);
  return {
    red,
    redBold: (s) => red(bold(s)),
    yellow: wrap(33, 39),
    green: wrap(32, 39),
    gray: wrap(90, 39),
    bold,
    dim: wrap(2, 22),
    underline: wrap(4, 24),
  };
}
