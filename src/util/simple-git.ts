// simple-git for the git plumbing whose answer is small: repository discovery, merge-base, commit ids, blame. It is
// imported on first use, so a command that never asks (the pre-commit hook, `keyhound staged`) never loads it (about
// 30 ms of start-up). Streams (cat-file, log, the index's diff) and calls that must stay on the hook's path keep the
// raw runner in git.ts.
//
// simple-git runs fixed argument lists here, never text from a repository as an option; its own guards stay on: the
// unsafe-option checks, and its environment guard, which drops inherited variables that make git run programs
// (GIT_EXTERNAL_DIFF, GIT_PAGER, EDITOR…). The GIT_* variables that say where the repository is and which config
// to read (GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_GLOBAL, GIT_CEILING_DIRECTORIES…) are passed on as the raw runner did.

import type { SimpleGit } from 'simple-git';
import { GitError } from './git.js';

/** Inherited variables git is still given: where the repository is, which config and objects it reads. */
const PASSED_ON = /^GIT_(DIR|WORK_TREE|COMMON_DIR|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|CONFIG_NOSYSTEM|CONFIG_GLOBAL|CONFIG_SYSTEM|NO_REPLACE_OBJECTS|NO_LAZY_FETCH|TERMINAL_PROMPT|NAMESPACE|QUARANTINE_PATH)$/;

let loading: Promise<typeof import('simple-git')> | undefined;

/** A simple-git instance for `cwd`, and what its last task exited with. */
async function client(cwd: string): Promise<{ git: SimpleGit; last: { code: number | null; stderr: string } }> {
  const { simpleGit } = await (loading ??= import('simple-git'));
  const last = { code: null as number | null, stderr: '' };
  const git = simpleGit({
    baseDir: cwd,
    allowEnvironment: Object.keys(process.env).filter((k) => PASSED_ON.test(k)),
    // Every failing exit is an error that keeps its code (callers read `git merge-base`'s 1 as "no merge base").
    errors: (error, result) => {
      last.code = result.exitCode;
      last.stderr = Buffer.concat(result.stdErr).toString('utf8');
      if (result.exitCode !== 0) return new Error(last.stderr || `exit code ${result.exitCode}`);
      return error;
    },
  });
  return { git, last };
}

/**
 * `git args` in `cwd` through simple-git: stdout as text. Throws this package's GitError, with git's exit code, unless
 * the code is one of `okCodes` (then stdout, often empty, is the answer: `git config --get` of an unset key exits 1).
 */
export async function gitRaw(args: string[], cwd: string, okCodes: readonly number[] = [0]): Promise<string> {
  const { git, last } = await client(cwd);
  try {
    return await git.raw(args);
  } catch (err) {
    if (last.code !== null && okCodes.includes(last.code)) return '';
    const stderr = last.stderr || (err as Error).message;
    throw new GitError(`git ${args[0]} failed (${last.code}): ${stderr.trim().split('\n')[0] ?? ''}`, args, last.code, stderr);
  }
}
