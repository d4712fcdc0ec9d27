// Runs git as a child process: buffered for small answers, streamed for large ones. Sources use this; the engine
// never does.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export class GitError extends Error {
  constructor(
    message: string,
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  cwd: string;
  /** Written to git's stdin, then closed. */
  input?: string | Buffer;
  /** Extra environment variables. */
  env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success (default [0]). */
  okCodes?: number[];
}

/** Runs `git args` and returns its whole stdout as a Buffer. Throws GitError on a failing exit code. */
export function git(args: string[], options: GitOptions): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    // No input: git's stdin is /dev/null, which spares a pipe (the pre-commit hook spawns git once per commit).
    const stdin = options.input === undefined ? 'ignore' : 'pipe';
    const child = spawn('git', args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: [stdin, 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(new GitError(`cannot run git: ${e.message}`, args, null, '')));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if ((options.okCodes ?? [0]).includes(code ?? -1)) resolvePromise(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} failed (${code}): ${stderr.trim().split('\n')[0] ?? ''}`, args, code, stderr));
    });
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

/** Starts `git args` for streaming; the caller reads `stdout` and must handle `close`. */
export function gitSpawn(args: string[], options: Omit<GitOptions, 'input' | 'okCodes'>): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd: options.cwd, env: { ...process.env, ...options.env } });
}
