// Telegram bots: GET /bot<token>/getMe (the Bot API puts the token in the path, as documented): the bot's name and
// what it may do; 401 (or 404 for a malformed token) means not valid.
// https://core.telegram.org/bots/api#getme
import { facts, field, tokenVerifier } from './token.js';

export const telegram = tokenVerifier({
  provider: 'telegram',
  name: 'Telegram',
  endpoints: { telegram: 'https://api.telegram.org' },
  sends: 'bot token in the URL path, as the Bot API requires',
  call: 'GET /bot<token>/getMe',
  request: (t) => ['telegram', { path: `/bot${t}/getMe` }],
  invalid: (res) => res.status === 401 || res.status === 404,
  live: (res) => res.status === 200 && field(res, 'ok') === true,
  facts: (res) => ({
    account: facts({
      bot: field(res, 'result', 'username'),
      joinsGroups: field(res, 'result', 'can_join_groups'),
      readsAllGroupMessages: field(res, 'result', 'can_read_all_group_messages'),
    }),
  }),
});
