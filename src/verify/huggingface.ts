// Hugging Face: GET /api/whoami-v2 with the token as a bearer token: the account and the token's role (read, write,
// fineGrained); 401 means it is not valid.
// https://huggingface.co/docs/hub/api#get-apiwhoami-v2
import { facts, field, bearer, tokenVerifier } from './token.js';

export const huggingface = tokenVerifier({
  provider: 'huggingface',
  name: 'Hugging Face',
  endpoints: { huggingface: 'https://huggingface.co' },
  sends: 'token as a bearer token',
  call: 'GET /api/whoami-v2',
  request: (t) => ['huggingface', { path: '/api/whoami-v2', headers: bearer(t) }],
  facts: (res) => {
    const role = field(res, 'auth', 'accessToken', 'role');
    return {
      ...(typeof role === 'string' ? { permissions: [role === 'write' ? 'write' : role] } : {}),
      account: facts({ name: field(res, 'name'), type: field(res, 'type') }),
    };
  },
});
