#!/usr/bin/env node
// The outside measure (issue 16): keyhound over the test cases gitleaks and TruffleHog publish for their own
// detectors. One file per case, one `keyhound scan` over the whole tree, then:
//   - recall: positives (a peer's true positive) with at least one finding in their file;
//   - false alarms: negatives (a peer's false positive / "invalid pattern") with at least one finding;
//   - own-rule share: of the found positives whose peer detector maps to a keyhound provider, those found by a rule
//     of that provider (not the generic rule, not another provider's rule).
// Per peer and in total, with the most-missed detectors and the rules behind most false alarms.
//
//   npm run bench:outside [-- --refresh] [--keep] [--json FILE] [--top N] [--peer gitleaks|trufflehog]
//     [--show DETECTOR] [--misses FILE] [--secretlint DIR] [--detect-secrets DIR]
//   --refresh   fetch and extract the peers' cases again (new random gitleaks values)
//   --keep      keep the case tree (printed on stderr) to rerun `keyhound scan` on single cases
//   --show D    print detector D's cases with what keyhound found in each
//   --misses F  write every missed positive, not-own hit and false alarm to F as JSON lines
//   --secretlint DIR, --detect-secrets DIR
//               also score the cases in a clone of that peer's git repository (see peers.mjs)
//
// The peers' cases are fetched from the Go module proxy at run time and cached under .bench/outside (peers.mjs);
// none of them is kept in the repository.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { causeJudge } from './causes.mjs';
import { loadPeerCases } from './peers.mjs';
import { keyhoundProviders, mapDetector } from './providers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BENCH = join(ROOT, '.bench', 'outside');

function args(argv) {
  const o = { refresh: false, top: 25, keep: false, json: null, peer: null, show: null, misses: null, clones: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--refresh') o.refresh = true;
    else if (a === '--keep') o.keep = true;
    else if (['--json', '--top', '--peer', '--show', '--misses'].includes(a)) o[a.slice(2)] = argv[++i];
    else if (a === '--secretlint' || a === '--detect-secrets') o.clones[a.slice(2)] = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  o.top = Number(o.top);
  return o;
}

const slug = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '_');
const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');
const log = (m) => process.stderr.write(`[outside] ${m}\n`);

async function main() {
  const opt = args(process.argv.slice(2));
  const causeOf = await causeJudge(ROOT);
  mkdirSync(BENCH, { recursive: true });
  const { peers, leftOut } = loadPeerCases(BENCH, { refresh: opt.refresh, log, clones: opt.clones });
  const providers = keyhoundProviders(ROOT);

  // One file per case: <peer>/<detector>/<p|n>NNNN.txt, or <p|n>NNNN/<path> when the peer's case names a path.
  const tree = mkdtempSync(join(tmpdir(), 'keyhound-outside-'));
  const byFile = new Map(); // relative path (or its directory for path cases) -> case
  const all = [];
  for (const [peer, { cases }] of Object.entries(peers)) {
    if (opt.peer && opt.peer !== peer) continue;
    const count = new Map();
    for (const c of cases) {
      const n = (count.get(c.detector) ?? 0) + 1;
      count.set(c.detector, n);
      const id = `${c.positive ? 'p' : 'n'}${String(n).padStart(4, '0')}`;
      const dir = join(peer, slug(c.detector));
      const rel = c.path ? join(dir, id, c.path) : join(dir, `${id}.txt`);
      mkdirSync(join(tree, dirname(rel)), { recursive: true });
      writeFileSync(join(tree, rel), c.input);
      const k = { ...c, peer, rel, key: c.path ? join(dir, id) : rel, provider: mapDetector(peer, c.detector, providers), findings: [] };
      byFile.set(k.key, k);
      all.push(k);
    }
  }

  log(`scanning ${all.length} cases with keyhound (${tree})`);
  const out = join(tree, '..', `${relative(tmpdir(), tree).replace(/[\\/]/g, '_')}.json`);
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'keyhound.js'), 'scan', tree, '--format', 'json', '--baseline', 'none', '--no-gitignore', '--no-redact', '-o', out],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`keyhound scan exited ${r.status}: ${r.stderr}`);
  const scanMs = Date.now() - t0;
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  for (const f of report.findings) {
    const p = f.path.split(/[!]/)[0].split(sep).join('/');
    const parts = p.split('/');
    // a plain case is <peer>/<detector>/<id>.txt; a path case is <peer>/<detector>/<id>/<path...>
    const k = byFile.get(parts.slice(0, 3).join(sep)) ?? byFile.get(p.split('/').join(sep));
    if (k) k.findings.push(f);
  }
  if (opt.keep) log(`case tree kept in ${tree}`);
  else rmSync(tree, { recursive: true, force: true });

  // Negatives that are secrets after all, by the peer's own word (classified without looking at keyhound's output):
  // 'peer-valid': TruffleHog names the case a valid pattern (a key out of its keyword range, without its keyword);
  // 'other-tp': the same text is a true positive of another detector of the same peer;
  // 'allowlisted': a value the peer allowlists literally (a published sample key), which keyhound may not copy.
  const positives = new Map();
  for (const c of all) if (c.positive) positives.set(`${c.peer}\0${c.input}`, c.detector);
  const literals = (peer, detector) => (peers[peer].allow?.[detector] ?? []).filter((r) => /^[A-Za-z0-9_-]{16,}$/.test(r));
  for (const c of all) {
    if (c.positive) continue;
    const other = positives.get(`${c.peer}\0${c.input}`);
    if (c.peer === 'trufflehog' && /^valid\b/i.test(c.name ?? '')) c.secretAfterAll = 'peer-valid';
    else if (other !== undefined && other !== c.detector) c.secretAfterAll = 'other-tp';
    else if (literals(c.peer, c.detector).some((v) => c.input.includes(v))) c.secretAfterAll = 'allowlisted';
  }

  // Score.
  const zero = () => ({ pos: 0, hit: 0, neg: 0, alarm: 0, covPos: 0, covHit: 0, ownHit: 0, negOwn: 0, negGeneric: 0, netNeg: 0, netAlarm: 0, after: {}, notOwn: {}, missed: {} });
  const total = zero();
  const per = {};
  const missed = new Map();
  const alarmRules = new Map();
  const misses = [];
  for (const c of all) {
    const s = (per[c.peer] ??= zero());
    const found = c.findings.length > 0;
    const own = c.provider && c.findings.some((f) => f.provider === c.provider);
    if (c.positive && c.provider && !own) c.cause = causeOf(c.provider, c.input);
    for (const t of [s, total]) {
      if (c.positive) {
        t.pos++;
        if (found) t.hit++;
        if (c.provider) {
          t.covPos++;
          if (found) t.covHit++;
          if (own) t.ownHit++;
          if (c.cause) (found ? t.notOwn : t.missed)[c.cause] = ((found ? t.notOwn : t.missed)[c.cause] ?? 0) + 1;
        }
      } else {
        t.neg++;
        if (!c.secretAfterAll) t.netNeg++;
        if (found && !c.secretAfterAll) t.netAlarm++;
        if (found && c.secretAfterAll) t.after[c.secretAfterAll] = (t.after[c.secretAfterAll] ?? 0) + 1;
        if (found) {
          t.alarm++;
          if (own) t.negOwn++;
          if (c.findings.every((f) => f.provider === 'generic')) t.negGeneric++;
        }
      }
    }
    const label = `${c.peer}:${c.detector}`;
    if (c.positive && (!found || (c.provider && !own))) {
      const m = missed.get(label) ?? { label, provider: c.provider, cases: 0, missed: 0, notOwn: 0 };
      missed.set(label, m);
      if (!found) m.missed++;
      else m.notOwn++;
      misses.push({ kind: found ? 'not-own' : 'miss', cause: c.cause, peer: c.peer, detector: c.detector, provider: c.provider, input: c.input, findings: c.findings.map((f) => f.ruleId) });
    }
    if (!c.positive && found) {
      for (const id of new Set(c.findings.map((f) => f.ruleId))) alarmRules.set(id, (alarmRules.get(id) ?? 0) + 1);
      misses.push({ kind: 'alarm', class: c.secretAfterAll ?? 'false-alarm', name: c.name, peer: c.peer, detector: c.detector, provider: c.provider, input: c.input, findings: c.findings.map((f) => f.ruleId) });
    }
  }
  const positivesBy = new Map();
  for (const c of all) if (c.positive) positivesBy.set(`${c.peer}:${c.detector}`, (positivesBy.get(`${c.peer}:${c.detector}`) ?? 0) + 1);
  for (const m of missed.values()) m.cases = positivesBy.get(m.label);

  if (opt.show) {
    for (const c of all.filter((x) => x.detector === opt.show)) {
      console.log(`--- ${c.peer} ${c.positive ? 'TP' : 'FP'} ${c.rel} -> ${c.findings.map((f) => `${f.ruleId}(${f.provider})`).join(', ') || 'nothing'}`);
      console.log(c.input.length > 600 ? `${c.input.slice(0, 600)}…` : c.input);
    }
  }
  if (opt.misses) writeFileSync(opt.misses, misses.map((m) => JSON.stringify(m)).join('\n') + '\n');

  const row = (name, t) =>
    `${name.padEnd(12)} ${String(t.pos).padStart(6)} ${pct(t.hit, t.pos).padStart(8)} ${String(t.neg).padStart(6)} ${pct(t.alarm, t.neg).padStart(8)}` +
    ` ${String(t.covPos).padStart(7)} ${pct(t.covHit, t.covPos).padStart(8)} ${pct(t.ownHit, t.covHit).padStart(8)}`;
  console.log(`keyhound outside measure — ${all.length} cases, scan ${(scanMs / 1000).toFixed(1)} s`);
  for (const [peer, v] of Object.entries(peers)) {
    console.log(`  ${peer} ${v.version}: ${v.cases.length} cases (${v.cases.filter((c) => c.positive).length} positive), ${v.skipped.length} not evaluable`);
  }
  for (const n of leftOut) console.log(`  left out: ${n}`);
  console.log('');
  console.log(`${'peer'.padEnd(12)} ${'TPs'.padStart(6)} ${'recall'.padStart(8)} ${'FPs'.padStart(6)} ${'alarmed'.padStart(8)} ${'covered'.padStart(7)} ${'cov.rec'.padStart(8)} ${'own'.padStart(8)}`);
  for (const [peer, t] of Object.entries(per)) console.log(row(peer, t));
  console.log(row('total', total));
  const causes = (o) => ['shape', 'validator', 'binding'].map((k) => `${k} ${o[k] ?? 0}`).join(', ');
  console.log(`\nwhere keyhound has the provider, why its own rule did not report a positive (causes.mjs):`);
  for (const [peer, t] of [...Object.entries(per), ['total', total]]) {
    const fits = t.covHit - (t.notOwn.shape ?? 0) - (t.notOwn.validator ?? 0);
    console.log(
      `  ${peer.padEnd(10)} found by another rule: ${causes(t.notOwn)}; missed: ${causes(t.missed)};` +
        ` own-rule share on hits whose value fits the provider's rule (shape and validator): ${pct(t.ownHit, fits)}`,
    );
  }
  console.log(`\nalarmed negatives: ${total.alarm} (${total.negOwn} by the detector's own provider, ${total.negGeneric} by the generic rule only)`);
  console.log(
    `  of which secrets by the peer's own word: ${Object.entries(total.after).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}` +
      ` (peer-valid: TruffleHog calls it a valid pattern; other-tp: another detector's true positive; allowlisted: a sample value the peer allowlists by value)`,
  );
  for (const [peer, t] of [...Object.entries(per), ['total', total]]) {
    console.log(`  net false alarms, ${peer}: ${t.netAlarm} of ${t.netNeg} negatives that are not secrets by the peer's own word (${pct(t.netAlarm, t.netNeg)})`);
  }
  const worst = [...missed.values()].sort((a, b) => b.missed + b.notOwn - (a.missed + a.notOwn)).slice(0, opt.top);
  console.log(`\nmost-missed detectors (missed / found by another rule / positives; -> keyhound provider):`);
  for (const m of worst) console.log(`  ${m.label.padEnd(44)} ${String(m.missed).padStart(4)} ${String(m.notOwn).padStart(4)} / ${String(m.cases).padStart(4)}  -> ${m.provider ?? '(none)'}`);
  console.log(`\nrules behind most false alarms (alarmed negatives):`);
  for (const [id, n] of [...alarmRules].sort((a, b) => b[1] - a[1]).slice(0, opt.top)) console.log(`  ${id.padEnd(44)} ${n}`);
  const uncovered = new Set(all.filter((c) => c.positive && !c.provider).map((c) => `${c.peer}:${c.detector}`));
  console.log(`\ndetectors without a keyhound provider: ${uncovered.size} (of ${positivesBy.size} with positives)`);

  if (opt.json) {
    writeFileSync(opt.json, JSON.stringify({ total, per, versions: Object.fromEntries(Object.entries(peers).map(([k, v]) => [k, v.version])), worst, alarmRules: [...alarmRules] }, null, 2));
  }
}

await main();
