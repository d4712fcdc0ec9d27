// Entry of the GitHub Action (bundled into dist/index.js by `npm run build:action`): runs it, sets the exit code.

import { runAction } from './main.js';

process.exitCode = await runAction();
