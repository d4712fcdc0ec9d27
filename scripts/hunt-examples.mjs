// Hunts for random values a rule misses: runs every rule's examples ROUNDS times (default 200), each time with fresh
// crypto-random fake values, and lists the rules with a positive not found or a negative found, with a few of the
// expanded examples. The test suite runs each rule's examples on 3 seeded draws only, so it cannot flake; a value a
// rule misses once in 500 draws shows up here. Needs `npm run build`.
//
//   node scripts/hunt-examples.mjs [ROUNDS] [RULE_ID...]
//
// Exits 1 when a rule failed. Every value is a fake made here; the output shows them whole.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const built = join(ROOT, 'build', 'src');
if (!existsSync(join(built, 'examples.js'))) {
  console.error('hunt-examples: run `npm run build` first');
  process.exit(2);
}
const load = (file) => import(pathToFileURL(join(built, file)).href);
const { loadRuleSet } = await load('scan.js');
const { checkRuleExamples } = await load('examples.js');

const [roundsArg, ...only] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 200);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`hunt-examples: ROUNDS must be a whole number of at least 1 (got "${roundsArg}")`);
  process.exit(2);
}
// The built-in catalogue only: an empty folder has no config file to add rules or allowlists.
const empty = mkdtempSync(join(tmpdir(), 'keyhound-hunt-'));
let ruleSet;
try {
  ({ ruleSet } = loadRuleSet(empty));
} finally {
  rmSync(empty, { recursive: true, force: true });
}
const rules = only.length ? ruleSet.rules.filter((r) => only.includes(r.id)) : ruleSet.rules;
const unknown = only.filter((id) => !ruleSet.rules.some((r) => r.id === id));
if (unknown.length) {
  console.error(`hunt-examples: no such rule: ${unknown.join(', ')}`);
  process.exit(2);
}

const started = Date.now();
const failed = [];
for (const rule of rules) {
  let misses = 0;
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const failures = checkRuleExamples(rule, ruleSet.allowlists, undefined, ruleSet.providers).filter((f) => f.kind !== 'missing');
    if (failures.length === 0) continue;
    misses += 1;
    if (samples.length < 3) samples.push(failures[0]);
  }
  if (misses) failed.push({ id: rule.id, misses, samples });
}
failed.sort((a, b) => b.misses - a.misses);
console.log(`${rules.length} rules, ${rounds} rounds of fresh values each, ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const f of failed) {
  console.log(`${f.id}: ${f.misses} of ${rounds} rounds failed`);
  for (const s of f.samples) console.log(`  ${s.kind}: ${s.message}: ${JSON.stringify(s.example)}`);
}
if (failed.length === 0) console.log('every round of every rule passed');
process.exit(failed.length ? 1 : 0);
