// OpenAI: GET /v1/models with the key as a bearer token; 401 means the key is not valid.
// https://platform.openai.com/docs/api-reference/authentication  https://platform.openai.com/docs/api-reference/models/list
import { bearer, tokenVerifier } from './token.js';

export const openai = tokenVerifier({
  provider: 'openai',
  name: 'OpenAI',
  endpoints: { openai: 'https://api.openai.com' },
  sends: 'key as a bearer token',
  call: 'GET /v1/models',
  request: (t) => ['openai', { path: '/v1/models', headers: bearer(t) }],
  facts: (res) => ({ account: { ...(res.headers.get('openai-organization') ? { organization: res.headers.get('openai-organization')! } : {}) } }),
});
