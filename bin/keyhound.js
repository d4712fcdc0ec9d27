#!/usr/bin/env node
// Thin launcher: everything happens in run(); this file only wires the process to it. `keyhound staged` runs on
// every commit, so it first tries the fast path (build/staged.js, one bundled file without yargs; see
// src/cli/fast.ts), which hands back anything it does not understand; `keyhound history` likewise
// (build/history.js, src/cli/fast-history.ts). Everything else loads the bundled CLI
// (build/cli/index.js; the compiled modules in build/src/ if the bundle is missing).
const argv = process.argv.slice(2);
const io = {
  // A getter: touching process.stdin sets up a stream, which only `scan -` needs.
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY,
  progress: process.stderr.isTTY ? process.stderr : undefined,
};

let result = null;
let afterOutput = () => {};
if (argv[0] === 'staged') {
  const fast = await import('../build/staged.js').catch(() => import('../build/src/cli/fast.js'));
  result = await fast.runFast(argv, io);
  // The hook runs this plain command when it has no usable start-up snapshot (src/hooks/snapshot.ts), and says how
  // the snapshot exited: a new one is made, detached, for the next commit (one that crashes twice is retired).
  const fromHook = process.env.KEYHOUND_FROM_HOOK;
  if (fromHook) afterOutput = () => fast.refreshSnapshotInBackground(process.cwd(), fromHook);
} else if (argv[0] === 'history') {
  const fast = await import('../build/history.js').catch(() => import('../build/src/cli/fast-history.js'));
  result = await fast.runFast(argv, io);
}
if (!result) {
  const cli = await import('../build/cli/index.js').catch(() => import('../build/src/cli/index.js'));
  result = await cli.run(argv, io);
}
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
afterOutput();
