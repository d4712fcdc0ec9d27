// The entry of the pre-commit snapshot (see src/hooks/snapshot.ts), bundled as CommonJS to build/snapshot.cjs and run
// only by `node --build-snapshot`. At build time it loads the `staged` fast path, compiles the built-in rules, builds
// their keyword gate and runs the hot path once (warmUp); Node then saves the heap. A hook's `node --snapshot-blob
// <file> staged --quiet` starts from that heap and runs main() below, which checks that keyhound's files are still
// those it was built from. (A failure here fails the build: install-hook reports it and the hook runs the plain
// command.)

import { startupSnapshot } from 'node:v8';
import { primeDefaultRuleSet } from '../config/cache.js';
import { prepareRunFinder } from '../decode/spans.js';
import { prepareWasm, wasmBytes } from '../detect/dfa-wasm.js';
import { useWasmScan } from '../detect/keywords.js';
import { prepareGate, prepareKeywordWasm } from '../detect/prefilter.js';
import { redact } from '../filters/redact.js';
import type { RuleSet } from '../model/types.js';
import { reporters } from '../report/index.js';
import { scanFragments } from '../scan-fragments.js';
import { decode } from '../sources/decode.js';
import { parseDiff } from '../sources/staged.js';
import { SNAPSHOT_FALLBACK, packageSignature, projectInstall, realPackageRoot } from '../hooks/snapshot.js';
import { runFast } from './fast.js';
import { TOOL } from './tool.js';

const builtFrom = packageSignature();
const builtRoot = realPackageRoot();

/**
 * Whether the snapshot is still the installed keyhound: the package files it was made from are unchanged, and the
 * project's node_modules/keyhound (the hook runs at the repository top) is still that package (not repointed by an
 * upgrade, `npm link` or a copied project).
 */
function current(): boolean {
  return packageSignature() === builtFrom && projectInstall(process.cwd()) === builtRoot;
}

// Without a fresh rule cache there is no rule set to keep ready: the snapshot then only saves loading the bundle.
const ruleSet = primeDefaultRuleSet();
if (ruleSet) prepareGate(ruleSet);
wasmBytes();

/**
 * Runs the hot path once on a made-up staged change (no secret in it), so that its functions are compiled when the
 * heap is saved: a function V8 has not compiled yet is compiled at its first call, at every commit. The keyword
 * scan runs its JavaScript loop here, because a snapshot cannot hold WebAssembly; every result is thrown away.
 */
async function warmUp(rules: RuleSet): Promise<void> {
  const file = 'config/settings.js';
  const lines = ['export const settings = {', "  apiKey: process.env.API_KEY, // the key comes from the environment", "  secret: '<set me>',", '  region: "us-east-1",', '};'];
  const patch = [`diff --git a/${file} b/${file}`, `--- a/${file}`, `+++ b/${file}`, `@@ -1,4 +1,5 @@`, ...lines.map((l, i) => (i === 2 ? `+${l}` : ` ${l}`))].join('\n');
  const diff = Buffer.from(`:100644 100644 ${'0'.repeat(40)} ${'1'.repeat(40)} M\0${file}\0\0${patch}\n`);
  const parsed = parseDiff(diff);
  const content = parsed?.patches[0]?.content;
  if (!content) throw new Error('keyhound snapshot: the warm-up diff did not parse');
  const decoded = decode(Buffer.from(content));
  if ('binary' in decoded) throw new Error('keyhound snapshot: the warm-up file decoded as binary');
  useWasmScan(false);
  try {
    const result = await scanFragments(rules, (async function* () { yield { path: file, ...decoded, onlyLines: parsed.patches[0]!.added }; })());
    reporters.text!(redact(result.findings), { tool: TOOL, stats: { files: 1, bytes: content.length, skipped: 0, durationMs: 0 }, color: false, rules: [] });
  } finally {
    useWasmScan(true);
  }
}
if (ruleSet) void warmUp(ruleSet);

async function main(): Promise<void> {
  const io = {
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY,
    progress: process.stderr.isTTY ? process.stderr : undefined,
  };
  // runFast starts git before its first await, so what follows here runs while git works. process.argv is
  // [node, ...arguments]: a snapshot has no script name.
  const running = runFast(process.argv.slice(1), io);
  // An upgrade, a rebuild or another package since the snapshot was made: the plain command runs instead (and makes a
  // new one). Nothing has been written yet (runFast writes no file and main prints only at the end); git is left to
  // finish alone.
  if (!current()) process.exit(SNAPSHOT_FALLBACK);
  prepareWasm();
  prepareRunFinder();
  if (ruleSet) prepareKeywordWasm(ruleSet);
  const result = await running;
  if (!result) {
    process.exitCode = SNAPSHOT_FALLBACK; // arguments only the full parser knows
    return;
  }
  await written(process.stdout, result.stdout);
  await written(process.stderr, result.stderr);
  // Everything is said and git has exited: leave now rather than tear the heap down (several milliseconds of a
  // hook's run, for memory the system takes back anyway).
  process.exit(result.exitCode);
}

/** Resolves once `text` is handed to the system (at once when there is none). */
function written(stream: NodeJS.WriteStream, text: string | undefined): Promise<void> {
  return new Promise((resolve) => (text ? stream.write(text, () => resolve()) : resolve()));
}

startupSnapshot.setDeserializeMainFunction(() => void main());
