// The few terminal styles the text report uses. The reporter stays pure and never loads a colour library itself:
// the CLI makes them from chalk, whose terminal detection (FORCE_COLOR, TERM, CI, a TTY) decides the colour level
// (src/cli/color.ts), and loads chalk only when a text report goes to the terminal.

import type { ChalkInstance } from 'chalk';

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

const same: Style = (s) => s;

/** No colour at all. */
export const PLAIN: Styles = { red: same, redBold: same, yellow: same, green: same, gray: same, bold: same, dim: same, underline: same };

/** The styles of a chalk instance (its level decides the escape codes; level 0 prints plain text). */
export function chalkStyles(chalk: ChalkInstance): Styles {
  return {
    red: (s) => chalk.red(s),
    redBold: (s) => chalk.red.bold(s),
    yellow: (s) => chalk.yellow(s),
    green: (s) => chalk.green(s),
    gray: (s) => chalk.gray(s),
    bold: (s) => chalk.bold(s),
    dim: (s) => chalk.dim(s),
    underline: (s) => chalk.underline(s),
  };
}
