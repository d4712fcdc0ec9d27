// Colour for the text report on the terminal. chalk's own detection decides (FORCE_COLOR and its levels, a TTY on
// stdout, TERM=dumb, CI services); keyhound adds only what chalk does not read: --no-color and NO_COLOR
// (https://no-color.org). chalk is loaded here, on demand, and only when a text report is printed to stdout, so that
// a clean `keyhound staged --quiet` (the pre-commit hook) never loads it.

import type { Styles } from '../report/styles.js';
import type { RunIO } from './common.js';

/** Whether the user turned colour off: --no-color, or NO_COLOR set to anything but the empty string. */
export function colorRefused(args: Record<string, unknown>, io: RunIO): boolean {
  const env = io.env ?? process.env;
  return Boolean(args['no-color']) || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

/**
 * The text report's styles when it goes to stdout and colour is wanted and supported, else false. `printed` is false
 * when nothing will be printed (a quiet clean run), which loads nothing.
 */
export async function reportColor(args: Record<string, unknown>, io: RunIO, format: string, printed = true): Promise<Styles | false> {
  if (format !== 'text' || args.output || !printed || colorRefused(args, io)) return false;
  const [{ default: chalk }, { chalkStyles }] = await Promise.all([import('chalk'), import('../report/styles.js')]);
  return chalk.level > 0 ? chalkStyles(chalk) : false;
}
