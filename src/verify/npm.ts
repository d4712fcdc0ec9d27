// npm: GET /-/whoami on the registry with the token as a bearer token: the user it belongs to; 401 means not valid.
// https://docs.npmjs.com/cli/commands/npm-whoami
import { facts, field, bearer, tokenVerifier } from './token.js';

export const npm = tokenVerifier({
  provider: 'npm',
  name: 'npm',
  endpoints: { npm: 'https://registry.npmjs.org' },
  sends: 'token as a bearer token',
  call: 'GET /-/whoami',
  request: (t) => ['npm', { path: '/-/whoami', headers: bearer(t) }],
  invalid: (res) => res.status === 401 || res.status === 403,
  facts: (res) => ({ account: facts({ user: field(res, 'username') }) }),
});
