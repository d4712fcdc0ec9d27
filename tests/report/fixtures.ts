// Fixed findings for the reporters' golden files. The "secrets" are already-redacted stand-ins: no key-shaped value.

import type { Finding } from '../../src/model/types.js';
import type { ReportMeta } from '../../src/report/types.js';

export const FINDINGS: Finding[] = [
  {
    ruleId: 'aws-access-key-id',
    description: 'AWS access key ID',
    severity: 'high',
    path: 'config/.env',
    line: 3,
    column: 19,
    endLine: 3,
    endColumn: 38,
    secret: 'AKIA…',
    fingerprint: '0123456789abcdef0123456789abcdef',
    snippet: { text: 'AWS_ACCESS_KEY_ID=AKIA…  # ci', start: 18, end: 23 },
  },
  {
    ruleId: 'private-key',
    description: 'Private key block (PEM, OpenSSH or PGP)',
    severity: 'critical',
    path: 'config/.env',
    line: 10,
    column: 1,
    endLine: 14,
    endColumn: 29,
    secret: '----…',
    fingerprint: 'fedcba9876543210fedcba9876543210',
  },
  {
    ruleId: 'generic-secret-assignment',
    description: 'High-entropy value assigned to a secret-looking name',
    severity: 'medium',
    path: 'src/app "main".py',
    line: 7,
    column: 12,
    endLine: 7,
    endColumn: 43,
    secret: 'q9Zk…',
    fingerprint: '00112233445566778899aabbccddeeff',
    commit: { sha: '1234567890abcdef1234567890abcdef12345678', author: 'Ada', email: 'ada@example.com', date: '2026-01-02T03:04:05Z', message: 'add app' },
  },
];

export const META: ReportMeta = {
  tool: { name: 'keyhound', version: '0.0.0-test' },
  stats: { files: 12, bytes: 34567, skipped: 2, durationMs: 89 },
  color: false,
};
