// simple-git for the git plumbing whose answer is small: repository discovery, merge-base, commit ids, blame, and the
// Action's fetches and ref listings. It is imported on first use, so a command that never asks (the pre-commit hook,
// `keyhound staged`) never loads it (about 30 ms of start-up). Streams (cat-file --batch, log, the index's diff) and
// calls that must stay on the hook's path keep the raw runner in git.ts.
//
// simple-git runs fixed argument lists here, never text from a repository as an option; its own guards stay on: the
// unsafe-option checks, and its environment guard, which drops inherited variables that make git run programs
// (GIT_EXTERNAL_DIFF, GIT_PAGER, EDITOR…). The GIT_* variables that say where the repository is and which config
// to read (GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_GLOBAL, GIT_CEILING_DIRECTORIES…) are passed on as the raw runner did;
// a fetch also gets those that say how to reach the remote (ssh command, askpass helper, proxy, certificates), which a
// self-hosted runner may set for its checkout.

import type { SimpleGit } from 'simple-git';
import { GitError } from './git.js';

/** Inherited variables git is still given: where the repository is, which config and objects it reads. */
const PASSED_ON = /^GIT_(DIR|WORK_TREE|COMMON_DIR|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|CEILING_DIRECTORIES|DISCOVERY_ACROSS_FILESYSTEM|CONFIG_NOSYSTEM|CONFIG_GLOBAL|CONFIG_SYSTEM|NO_REPLACE_OBJECTS|NO_LAZY_FETCH|TERMINAL_PROMPT|NAMESPACE|QUARANTINE_PATH)$/;

/**
 * Inherited variables a fetch is also given: how git reaches the remote. Each is what the workflow or the runner set
 * for its own checkout (a repository's content never sets the environment); the raw runner passed them all.
 */
const TRANSPORT = /^(GIT_(SSH|SSH_COMMAND|SSH_VARIANT|ASKPASS|PROXY_COMMAND|PROXY_SSL_[A-Z_]+|SSL_[A-Z_]+|HTTP_[A-Z_]+|CURL_VERBOSE|TRACE[A-Z_0-9]*|ALLOW_PROTOCOL|PROTOCOL_FROM_USER)|SSH_ASKPASS)$/;

let loading: Promise<typeof import('simple-git')> | undefined;

/** How a task is run. */
export interface SimpleGitOptions {
  /** The task talks to a remote (a fetch): the transport variables above reach git too. Default false. */
  remote?: boolean;
}

/** A simple-git instance for `cwd`, and what its last task exited with. */
async function client(cwd: string, remote: boolean): Promise<{ git: SimpleGit; last: { code: number | null; stderr: string } }> {
  const { simpleGit } = await (loading ??= import('simple-git'));
  const last = { code: null as number | null, stderr: '' };
  const git = simpleGit({
    baseDir: cwd,
    allowEnvironment: Object.keys(process.env).filter((k) => PASSED_ON.test(k) || (remote && TRANSPORT.test(k))),
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

/** Runs one simple-git task; a failing exit is this package's GitError with git's code, unless it is in `okCodes`. */
async function run<T>(args: string[], cwd: string, okCodes: readonly number[], options: SimpleGitOptions, empty: T, task: (git: SimpleGit) => Promise<T>): Promise<T> {
  const { git, last } = await client(cwd, options.remote ?? false);
  try {
    return await task(git);
  } catch (err) {
    if (last.code !== null && okCodes.includes(last.code)) return empty;
    const stderr = last.stderr || (err as Error).message;
    throw new GitError(`git ${args[0]} failed (${last.code}): ${stderr.trim().split('\n')[0] ?? ''}`, args, last.code, stderr);
  }
}

/**
 * `git args` in `cwd` through simple-git: stdout as text. Throws this package's GitError, with git's exit code, unless
 * the code is one of `okCodes` (then stdout, often empty, is the answer: `git config --get` of an unset key exits 1).
 */
export function gitRaw(args: string[], cwd: string, okCodes: readonly number[] = [0], options: SimpleGitOptions = {}): Promise<string> {
  return run(args, cwd, okCodes, options, '', (git) => git.raw(args));
}

/** `git cat-file <args>` in `cwd` through simple-git, as bytes (one object, such as a config file at a commit). */
export function gitCatFile(args: string[], cwd: string): Promise<Buffer> {
  return run(['cat-file', ...args], cwd, [0], {}, Buffer.alloc(0), (git) => git.binaryCatFile(args));
}
