// Anthropic: GET /v1/models with the key in x-api-key and the documented anthropic-version header; 401
// (authentication_error) means the key is not valid. OAuth tokens (Claude Code) are not API keys: not checked.
// https://docs.anthropic.com/en/api/overview  https://docs.anthropic.com/en/api/models-list
import { tokenVerifier } from './token.js';

export const anthropic = tokenVerifier({
  provider: 'anthropic',
  name: 'Anthropic',
  endpoints: { anthropic: 'https://api.anthropic.com' },
  sends: 'key in the x-api-key header',
  call: 'GET /v1/models',
  refuse: (t) => (t.startsWith('sk-ant-api') || t.startsWith('sk-ant-admin') ? null : 'keyhound checks Anthropic API keys (sk-ant-api…), not OAuth tokens'),
  request: (t) => [
    'anthropic',
    t.startsWith('sk-ant-admin')
      ? { path: '/v1/organizations/me', headers: { 'x-api-key': t, 'anthropic-version': '2023-06-01' } }
      : { path: '/v1/models', headers: { 'x-api-key': t, 'anthropic-version': '2023-06-01' } },
  ],
  facts: (res) => ({ account: { ...(typeof (res.json as { name?: unknown })?.name === 'string' ? { organization: (res.json as { name: string }).name } : {}) } }),
});
