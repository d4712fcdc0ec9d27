// The NDJSON report: one finding per line, each the JSON report's finding object (as TruffleHog's --json prints one
// result per line), for tools that stream; nothing else, so an empty scan is an empty output.

import type { Finding } from '../model/types.js';
import { jsonFinding } from './json.js';
import type { ReportMeta } from './types.js';

export function ndjsonReport(findings: readonly Finding[], _meta: ReportMeta): string {
  return findings.map((f) => `${JSON.stringify(jsonFinding(f))}\n`).join('');
}
