// SendGrid: GET /v3/scopes with the key as a bearer token: the key's scopes (mail.send, ...); 401 or 403 means not valid.
// https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access
import { field, bearer, tokenVerifier } from './token.js';

export const sendgrid = tokenVerifier({
  provider: 'sendgrid',
  name: 'SendGrid',
  endpoints: { sendgrid: 'https://api.sendgrid.com' },
  sends: 'key as a bearer token',
  call: 'GET /v3/scopes',
  request: (t) => ['sendgrid', { path: '/v3/scopes', headers: bearer(t) }],
  invalid: (res) => res.status === 401 || res.status === 403,
  facts: (res) => {
    const scopes = field(res, 'scopes');
    return Array.isArray(scopes) ? { permissions: scopes.map(String), account: { scopes: scopes.length } } : {};
  },
});
