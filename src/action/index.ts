// Entry of the GitHub Action (bundled into dist/index.js by `npm run build:action`): runs it, sets the exit code.

import { runAction } from './main.js';

// git never waits on a password prompt in a workflow: a fetch it cannot make fails at once, with the Action's hint.
// Every git the Action starts inherits this (simple-git passes it on).
process.env.GIT_TERMINAL_PROMPT = '0';

process.exitCode = await runAction();
