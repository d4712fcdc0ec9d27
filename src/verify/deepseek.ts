// DeepSeek: GET /user/balance with the key as a bearer token: whether the account can use the API (is_available);
// 401 means the key is not valid.
// https://api-docs.deepseek.com/api/get-user-balance
import { facts, field, bearer, tokenVerifier } from './token.js';

export const deepseek = tokenVerifier({
  provider: 'deepseek',
  name: 'DeepSeek',
  endpoints: { deepseek: 'https://api.deepseek.com' },
  sends: 'key as a bearer token',
  call: 'GET /user/balance',
  request: (t) => ['deepseek', { path: '/user/balance', headers: bearer(t) }],
  facts: (res) => ({ account: facts({ available: field(res, 'is_available') }) }),
});
