// GitHub: GET /user with the token as a bearer token; classic tokens' scopes come back in the X-OAuth-Scopes header.
// App installation tokens (ghs_) cannot read /user: GET /installation/repositories instead. 401 means not valid.
// KEYHOUND_VERIFY_ENDPOINTS may point `github` at a GitHub Enterprise Server's API (https://HOST/api/v3).
// https://docs.github.com/en/rest/users/users#get-the-authenticated-user
// https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps
import { facts, field, bearer, tokenVerifier } from './token.js';

export const github = tokenVerifier({
  provider: 'github',
  name: 'GitHub',
  endpoints: { github: 'https://api.github.com' },
  sends: 'token as a bearer token',
  call: 'GET /user (app installation tokens: GET /installation/repositories)',
  refuse: (t) => (/^(gh[pousr]_|github_pat_)/.test(t) ? null : 'keyhound checks GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_), not OAuth client secrets'),
  request: (t) => [
    'github',
    {
      path: t.startsWith('ghs_') ? '/installation/repositories?per_page=1' : '/user',
      headers: { ...bearer(t), accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
    },
  ],
  facts: (res) => {
    const scopes = res.headers.get('x-oauth-scopes');
    return {
      ...(scopes !== null ? { permissions: scopes.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
      account: facts({ login: field(res, 'login'), type: field(res, 'type'), repositories: field(res, 'total_count') }),
    };
  },
});
