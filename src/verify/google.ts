// Google API keys, checked against the Gemini API: GET /v1beta/models with the key in the x-goog-api-key header.
// 400 with API_KEY_INVALID: not a valid key. 403: a valid key that may not call the Gemini API (it is live for the
// Google APIs it is enabled for).
// https://ai.google.dev/gemini-api/docs/api-key  https://ai.google.dev/api/models#method:-models.list
import { tokenVerifier } from './token.js';

export const google = tokenVerifier({
  provider: 'google',
  name: 'Google',
  endpoints: { google: 'https://generativelanguage.googleapis.com' },
  sends: 'key in the x-goog-api-key header',
  call: 'GET /v1beta/models (Gemini API)',
  request: (t) => ['google', { path: '/v1beta/models?pageSize=1', headers: { 'x-goog-api-key': t } }],
  invalid: (res) => res.status === 401 || (res.status === 400 && /API_KEY_INVALID|API key not valid/.test(res.text)),
  live: (res) => res.status === 200 || res.status === 403,
  facts: (res) =>
    res.status === 403
      ? { message: 'live Google API key, not enabled for the Gemini API (it works for the APIs it is enabled for)', account: { gemini: false } }
      : { message: 'live Google API key, enabled for the Gemini API', permissions: ['generative-language'], account: { gemini: true } },
});
