// What every reporter receives besides the findings.

import type { Finding, ScanStats } from '../model/types.js';

export interface ReportMeta {
  tool: { name: string; version: string };
  stats: ScanStats;
  /** Use ANSI colours (text reporter only). */
  color: boolean;
  /** What to do about findings (text reporter); default: the generic fix hint. */
  hint?: string;
}

/** A reporter is a pure function: findings and metadata in, the whole report out. */
export type Reporter = (findings: readonly Finding[], meta: ReportMeta) => string;
