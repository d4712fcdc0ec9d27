// Groq: GET /openai/v1/models (its OpenAI-compatible API) with the key as a bearer token; 401 means not valid.
// https://console.groq.com/docs/api-reference#models-list
import { bearer, tokenVerifier } from './token.js';

export const groq = tokenVerifier({
  provider: 'groq',
  name: 'Groq',
  endpoints: { groq: 'https://api.groq.com' },
  sends: 'key as a bearer token',
  call: 'GET /openai/v1/models',
  request: (t) => ['groq', { path: '/openai/v1/models', headers: bearer(t) }],
});
