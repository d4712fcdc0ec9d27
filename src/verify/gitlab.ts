// GitLab: GET /api/v4/personal_access_tokens/self with the token in PRIVATE-TOKEN: the token's scopes, expiry and
// whether it is active; 401 means not valid. KEYHOUND_VERIFY_ENDPOINTS may point `gitlab` at a self-managed host.
// https://docs.gitlab.com/api/personal_access_tokens/#get-details-on-a-personal-access-token
import { facts, field, tokenVerifier } from './token.js';

export const gitlab = tokenVerifier({
  provider: 'gitlab',
  name: 'GitLab',
  endpoints: { gitlab: 'https://gitlab.com' },
  sends: 'token in the PRIVATE-TOKEN header',
  call: 'GET /api/v4/personal_access_tokens/self',
  refuse: (t) => (/^gl(pat|oas)-/.test(t) ? null : 'keyhound checks GitLab personal, project and group access tokens (glpat-), not this kind of token'),
  request: (t) => ['gitlab', { path: '/api/v4/personal_access_tokens/self', headers: { 'private-token': t } }],
  facts: (res) => {
    const scopes = field(res, 'scopes');
    return {
      ...(Array.isArray(scopes) ? { permissions: scopes.map(String) } : {}),
      account: facts({ name: field(res, 'name'), expires: field(res, 'expires_at'), active: field(res, 'active') }),
    };
  },
});
