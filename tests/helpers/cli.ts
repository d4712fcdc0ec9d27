// Runs the built CLI (bin/keyhound.js) as a user would, in a child process.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/config/load.js';

export const BIN = join(PACKAGE_ROOT, 'bin', 'keyhound.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function keyhound(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    // A SARIF report of every rule's planted examples passes 1 MB (spawnSync's default) as the catalogue grows.
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
