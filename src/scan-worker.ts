// A scan worker thread (see scan-pool.ts): loads the rule set itself from the same root and config file as the main
// thread (compiled regexes cannot cross threads), then reads, decodes and scans the batches of files it is sent.

import { parentPort, workerData } from 'node:worker_threads';
import { detect } from './detect/engine.js';
import type { CutShort, DropReason, Finding, Skip } from './model/types.js';
import { poolDetectOptions, type BatchReply, type BatchRequest, type WorkerSetup } from './scan-pool.js';
import { wallClock } from './scan-fragments.js';
import { loadRuleSet } from './scan.js';
import { readFileFragment } from './sources/fs.js';

const setup = workerData as WorkerSetup;
const { ruleSet } = loadRuleSet(setup.root, setup.configPath);
const port = parentPort!;
const detectOptions = poolDetectOptions(setup, wallClock);

port.on('message', (req: BatchRequest) => {
  const findings: Finding[] = [];
  const dropped = new Map<DropReason, number>();
  const skips: [number, Skip][] = [];
  const cutShort: CutShort[] = [];
  let files = 0;
  let bytes = 0;
  for (const entry of req.files) {
    const fragment = readFileFragment(entry, setup.maxFileSize, (skip) => void skips.push([entry.seq, skip]));
    if (!fragment) continue;
    files += 1;
    bytes += fragment.bytes ?? fragment.text.length;
    const result = detect(ruleSet, fragment, detectOptions);
    for (const f of result.findings) findings.push(f);
    if (result.cutShort) cutShort.push(...result.cutShort);
    for (const [k, v] of result.dropped) dropped.set(k, (dropped.get(k) ?? 0) + v);
  }
  const reply: BatchReply = { id: req.id, findings, dropped: [...dropped], cutShort, skips, files, bytes };
  port.postMessage(reply);
});
port.postMessage({ ready: true });
