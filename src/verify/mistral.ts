// Mistral: GET /v1/models with the key as a bearer token; 401 means the key is not valid.
// https://docs.mistral.ai/api/#tag/models
import { bearer, tokenVerifier } from './token.js';

export const mistral = tokenVerifier({
  provider: 'mistral',
  name: 'Mistral',
  endpoints: { mistral: 'https://api.mistral.ai' },
  sends: 'key as a bearer token',
  call: 'GET /v1/models',
  request: (t) => ['mistral', { path: '/v1/models', headers: bearer(t) }],
});
