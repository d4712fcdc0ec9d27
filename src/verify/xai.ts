// xAI: GET /v1/api-key, the key's own record (name, ACLs, whether it is blocked or disabled), with the key as a bearer
// token; 401 (or 400 "Incorrect API key") means it is not valid.
// https://docs.x.ai/docs/api-reference#get-api-key-info
import { facts, field, bearer, tokenVerifier } from './token.js';

export const xai = tokenVerifier({
  provider: 'xai',
  name: 'xAI',
  endpoints: { xai: 'https://api.x.ai' },
  sends: 'key as a bearer token',
  call: 'GET /v1/api-key',
  request: (t) => ['xai', { path: '/v1/api-key', headers: bearer(t) }],
  invalid: (res) => res.status === 401 || (res.status === 400 && /incorrect api key/i.test(res.text)),
  facts: (res) => {
    const acls = field(res, 'acls');
    const blocked = field(res, 'api_key_blocked') === true || field(res, 'api_key_disabled') === true || field(res, 'team_blocked') === true;
    return {
      ...(Array.isArray(acls) ? { permissions: acls.map(String) } : {}),
      ...(blocked ? { message: 'xAI knows the key, but it is blocked or disabled' } : {}),
      account: facts({ name: field(res, 'name'), blocked, created: field(res, 'create_time') }),
    };
  },
});
