// Cohere: GET /v1/models with the key as a bearer token; 401 means the key is not valid.
// https://docs.cohere.com/reference/list-models
import { bearer, tokenVerifier } from './token.js';

export const cohere = tokenVerifier({
  provider: 'cohere',
  name: 'Cohere',
  endpoints: { cohere: 'https://api.cohere.com' },
  sends: 'key as a bearer token',
  call: 'GET /v1/models',
  request: (t) => ['cohere', { path: '/v1/models', headers: bearer(t) }],
});
