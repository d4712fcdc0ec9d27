// Providers keyhound finds keys of but does not check, and why: each is a verifier that sends nothing and answers
// `unknown: no verifier: <why>`, so a scan says the reason rather than only "no verifier".

import type { Verifier } from './types.js';
import { VerifyUnknown } from './types.js';

function refused(provider: string, why: string): Verifier {
  return {
    provider,
    endpoints: {},
    sends: 'nothing',
    call: `none: ${why}`,
    async verify() {
      throw new VerifyUnknown('no verifier', why);
    },
  };
}

/**
 * QuickNode endpoint tokens work only at their own endpoint's host (`<name>.quiknode.pro`), which the rule does not
 * capture and which is not a fixed, documented host; QuickNode's fixed host (api.quicknode.com) takes Admin API keys,
 * a different credential.
 */
export const quicknode = refused(
  'quicknode',
  'a QuickNode endpoint token is only accepted at its own endpoint host (<name>.quiknode.pro), not at a fixed documented host, so keyhound does not send it anywhere',
);
