// The JSON report: a stable contract (version 1) that other tools parse.

import type { Finding } from '../model/types.js';
import type { ReportMeta } from './types.js';

/** One finding as the JSON report (and the NDJSON report, one per line) writes it. */
export function jsonFinding(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    description: f.description,
    severity: f.severity,
    path: f.path,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    secret: f.secret,
    fingerprint: f.fingerprint,
    ...(f.provider ? { provider: f.provider } : {}),
    ...(f.parts ? { parts: f.parts } : {}),
    ...(f.decoded ? { decoded: f.decoded } : {}),
    ...(f.verification ? { verification: f.verification } : {}),
    ...(f.commit ? { commit: f.commit } : {}),
    ...(f.repository ? { repository: f.repository } : {}),
  };
}

export function jsonReport(findings: readonly Finding[], meta: ReportMeta): string {
  const doc = {
    version: 1,
    tool: meta.tool,
    findings: findings.map(jsonFinding),
    stats: meta.stats,
    ...(meta.repositories ? { repositories: meta.repositories } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
