// Content-derived finding identity. It hashes rule, path and secret — never the position — so a finding keeps its
// fingerprint when lines move, and the same leak in a rebased or squashed commit is recognised as the same leak.

import { createHash } from 'node:crypto';

const DOMAIN = 'keyhound:fingerprint:v1';

export function fingerprint(ruleId: string, path: string, secret: string): string {
  return createHash('sha256').update(`${DOMAIN}\0${ruleId}\0${path}\0${secret}`).digest('hex').slice(0, 32);
}
