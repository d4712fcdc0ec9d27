// Keeps each leak once: for every fingerprint (rule + path + secret), only the findings of the earliest commit that
// has it. A key that stays in a file through a hundred later edits is reported once, with the commit that added it.

import type { Finding } from '../model/types.js';

export class FirstSeen {
  private readonly byFingerprint = new Map<string, { rank: number; findings: Finding[] }>();

  /** Offers a finding; `rank` orders commits (lower is earlier). Findings of a later rank are dropped. */
  add(finding: Finding, rank: number): void {
    const kept = this.byFingerprint.get(finding.fingerprint);
    if (!kept || rank < kept.rank) this.byFingerprint.set(finding.fingerprint, { rank, findings: [finding] });
    else if (rank === kept.rank) kept.findings.push(finding);
  }

  /** The kept findings, in no particular order. */
  findings(): Finding[] {
    return [...this.byFingerprint.values()].flatMap((k) => k.findings);
  }
}
