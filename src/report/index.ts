// Reporters by format name.

import { githubReport } from './github.js';
import { htmlReport } from './html.js';
import { jsonReport } from './json.js';
import { ndjsonReport } from './ndjson.js';
import { sarifReport } from './sarif.js';
import { textReport } from './text.js';
import type { Reporter } from './types.js';

export const reporters: Readonly<Record<string, Reporter>> = {
  text: textReport,
  json: jsonReport,
  ndjson: ndjsonReport,
  sarif: sarifReport,
  github: githubReport,
  html: htmlReport,
};

export const FORMATS = Object.keys(reporters);
