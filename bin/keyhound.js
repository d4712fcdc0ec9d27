#!/usr/bin/env node
// Thin launcher: everything happens in run(); this file only wires the process to it.
import { run } from '../build/src/cli/index.js';

const result = await run(process.argv.slice(2), {
  stdin: process.stdin,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY,
  progress: process.stderr.isTTY ? process.stderr : undefined,
});
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
