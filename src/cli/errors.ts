// The errors a command reports as a plain message with exit code 2 (bad usage, configuration, paths, repositories,
// git, a report or baseline that cannot be written): shared by the full command line and the fast path, so both
// answer alike.

import { ConfigError } from '../config/errors.js';
import { NotARepositoryError } from '../sources/repository.js';
import { PathNotFoundError, PathPatternError } from '../sources/fs.js';
import { WriteError } from '../util/files.js';
import { GitError } from '../util/git.js';
import { EXIT_ERROR, UsageError, type RunResult } from './common.js';

/** The result for an expected error, or null for anything else (a bug: see unexpectedError). */
export function commandError(err: unknown): RunResult | null {
  if (err instanceof ConfigError || err instanceof UsageError || err instanceof PathNotFoundError || err instanceof PathPatternError || err instanceof NotARepositoryError || err instanceof GitError || err instanceof WriteError) {
    return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound: ${err.message}\n` };
  }
  return null;
}
