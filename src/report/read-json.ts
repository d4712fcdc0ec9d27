// Reads a JSON report (version 1, as jsonReport writes it) back into findings, statistics and repositories, for
// `keyhound merge`. A report is input like any other: each field is checked for its type, and a bad one is named.

import type { CommitInfo, Finding, ScanStats, Severity } from '../model/types.js';
import { SEVERITIES } from '../model/types.js';
import type { RepositoryStatus } from './types.js';

export interface ReadReport {
  findings: Finding[];
  stats: ScanStats;
  repositories?: RepositoryStatus[];
}

export class ReportFormatError extends Error {
  override name = 'ReportFormatError';
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function str(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new ReportFormatError(`${where}: "${key}" must be a string`);
  return v;
}

function num(o: Obj, key: string, where: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ReportFormatError(`${where}: "${key}" must be a number`);
  return v;
}

function strings(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ReportFormatError(`${where} must be a list of strings`);
  return v as string[];
}

function stringMap(v: unknown, where: string): Record<string, string> {
  if (!isObj(v) || !Object.values(v).every((x) => typeof x === 'string')) throw new ReportFormatError(`${where} must map names to strings`);
  return v as Record<string, string>;
}

function finding(v: unknown, where: string): Finding {
  if (!isObj(v)) throw new ReportFormatError(`${where} is not an object`);
  const severity = str(v, 'severity', where);
  if (!SEVERITIES.includes(severity as Severity)) throw new ReportFormatError(`${where}: unknown severity "${severity}"`);
  const f: Finding = {
    ruleId: str(v, 'ruleId', where),
    description: str(v, 'description', where),
    severity: severity as Severity,
    path: str(v, 'path', where),
    line: num(v, 'line', where),
    column: num(v, 'column', where),
    endLine: num(v, 'endLine', where),
    endColumn: num(v, 'endColumn', where),
    secret: str(v, 'secret', where),
    fingerprint: str(v, 'fingerprint', where),
  };
  if (v.provider !== undefined) f.provider = str(v, 'provider', where);
  if (v.parts !== undefined) f.parts = stringMap(v.parts, `${where}.parts`);
  if (v.decoded !== undefined) f.decoded = strings(v.decoded, `${where}.decoded`);
  if (v.commit !== undefined) {
    const c = v.commit;
    if (!isObj(c)) throw new ReportFormatError(`${where}.commit is not an object`);
    const w = `${where}.commit`;
    f.commit = { sha: str(c, 'sha', w), author: str(c, 'author', w), email: str(c, 'email', w), date: str(c, 'date', w), message: str(c, 'message', w) } satisfies CommitInfo;
  }
  if (v.repository !== undefined) {
    const r = v.repository;
    if (!isObj(r)) throw new ReportFormatError(`${where}.repository is not an object`);
    f.repository = { name: str(r, 'name', `${where}.repository`), url: str(r, 'url', `${where}.repository`) };
  }
  if (v.verification !== undefined) {
    if (!isObj(v.verification)) throw new ReportFormatError(`${where}.verification is not an object`);
    const status = str(v.verification, 'status', `${where}.verification`);
    if (!['live', 'invalid', 'unknown'].includes(status)) throw new ReportFormatError(`${where}.verification: unknown status "${status}"`);
    f.verification = v.verification as unknown as Finding['verification'];
  }
  return f;
}

function stats(v: unknown): ScanStats {
  if (!isObj(v)) return { files: 0, bytes: 0, skipped: 0, durationMs: 0 };
  const n = (k: string): number => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : 0);
  return { files: n('files'), bytes: n('bytes'), skipped: n('skipped'), durationMs: n('durationMs') };
}

function repository(v: unknown, where: string): RepositoryStatus {
  if (!isObj(v)) throw new ReportFormatError(`${where} is not an object`);
  const status = str(v, 'status', where);
  if (status !== 'scanned' && status !== 'resumed' && status !== 'failed') throw new ReportFormatError(`${where}: unknown status "${status}"`);
  return {
    name: str(v, 'name', where),
    url: str(v, 'url', where),
    status,
    ...(typeof v.error === 'string' ? { error: v.error } : {}),
    ...(v.warnings !== undefined ? { warnings: strings(v.warnings, `${where}.warnings`) } : {}),
    findings: typeof v.findings === 'number' ? v.findings : 0,
    ...(v.stats !== undefined ? { stats: stats(v.stats) } : {}),
  };
}

/** Parses a JSON report's text; throws ReportFormatError naming what is wrong. */
export function readJsonReport(text: string): ReadReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ReportFormatError(`not JSON (${(err as Error).message})`);
  }
  if (!isObj(doc) || doc.version !== 1 || !Array.isArray(doc.findings)) {
    throw new ReportFormatError('not a keyhound JSON report (version 1 with a findings list; write one with --format json)');
  }
  const out: ReadReport = { findings: doc.findings.map((f, i) => finding(f, `finding ${i + 1}`)), stats: stats(doc.stats) };
  if (doc.repositories !== undefined) {
    if (!Array.isArray(doc.repositories)) throw new ReportFormatError('"repositories" must be a list');
    out.repositories = doc.repositories.map((r, i) => repository(r, `repository ${i + 1}`));
  }
  return out;
}
