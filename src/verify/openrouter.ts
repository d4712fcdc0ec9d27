// OpenRouter: GET /api/v1/key, the key's own record (label, usage, limit, free tier), with the key as a bearer token;
// 401 means it is not valid.
// https://openrouter.ai/docs/api-reference/api-keys/get-current-key
import { facts, field, bearer, tokenVerifier } from './token.js';

export const openrouter = tokenVerifier({
  provider: 'openrouter',
  name: 'OpenRouter',
  endpoints: { openrouter: 'https://openrouter.ai' },
  sends: 'key as a bearer token',
  call: 'GET /api/v1/key',
  request: (t) => ['openrouter', { path: '/api/v1/key', headers: bearer(t) }],
  facts: (res) => ({ account: facts({ usage: field(res, 'data', 'usage'), limit: field(res, 'data', 'limit'), freeTier: field(res, 'data', 'is_free_tier') }) }),
});
