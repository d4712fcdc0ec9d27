// Reporters by format name.

import { jsonReport } from './json.js';
import { textReport } from './text.js';
import type { Reporter } from './types.js';

export const reporters: Readonly<Record<string, Reporter>> = {
  text: textReport,
  json: jsonReport,
};

export const FORMATS = Object.keys(reporters);
