// What every reporter receives besides the findings.

import type { Finding, ScanStats, Severity } from '../model/types.js';
import type { Styles } from './styles.js';

/** What a reporter may say about a rule (SARIF's `tool.driver.rules`), taken from the compiled rule set. */
export interface RuleMeta {
  id: string;
  description: string;
  severity: Severity;
  family: string;
  tags: string[];
  /** Where the key format is documented; the first one is the rule's help link. */
  references: string[];
  /** How likely a finding is a real key: `very-high` with a validator, `low` for generic rules, else `high`. */
  precision: 'very-high' | 'high' | 'medium' | 'low';
}

export interface ReportMeta {
  tool: { name: string; version: string };
  stats: ScanStats;
  /** Terminal styles for the text reporter (chalk's, see src/cli/color.ts), or false for plain text; others ignore it. */
  color: Styles | false;
  /** Metadata of the rules in force (SARIF needs it); reporters that do not need it ignore it. */
  rules?: RuleMeta[];
  /** What to do about findings (text reporter); default: the generic fix hint. */
  hint?: string;
  /** In an audit of many repositories: how each one went, in list order. */
  repositories?: RepositoryStatus[];
}

/** How one repository of an audit went (`keyhound history --repos`, `keyhound merge`). */
export interface RepositoryStatus {
  name: string;
  /** The URL or path as listed, credentials masked. */
  url: string;
  /** `scanned` now, `resumed` from the state folder, or `failed` (see `error`). */
  status: 'scanned' | 'resumed' | 'failed';
  error?: string;
  /** Things to know that did not stop the scan: a stale mirror, a shallow or empty repository. */
  warnings?: string[];
  findings: number;
  stats?: ScanStats;
}

/** A reporter is a pure function: findings and metadata in, the whole report out. */
export type Reporter = (findings: readonly Finding[], meta: ReportMeta) => string;
