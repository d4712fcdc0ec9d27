// A scan worker thread (see scan-pool.ts): loads the rule set itself from the same root and config file as the main
// thread (compiled regexes cannot cross threads), then reads, decodes and scans the batches of files it is sent.

import { parentPort, workerData } from 'node:worker_threads';
import { poolDetectOptions, scanBatch, type BatchProgress, type BatchRequest, type WorkerSetup } from './scan-pool.js';
import { wallClock } from './scan-fragments.js';
import { loadRuleSet } from './scan.js';

const setup = workerData as WorkerSetup;
const { ruleSet } = loadRuleSet(setup.root, setup.configPath);
const port = parentPort!;
/** Replies go on the port the main thread reads between its own files (scan-pool.ts). */
const out = setup.replies;
const detectOptions = poolDetectOptions(setup, wallClock);

/** How often a worker tells the main thread how far it has got inside one batch, when a progress line is shown. */
const PROGRESS_MS = 250;

port.on('message', (req: BatchRequest) => {
  // One batch may take long (a large archive is one file with thousands of members): send the files scanned so far
  // every PROGRESS_MS, as counts since the last such message; the reply still carries the batch's whole counts.
  let files = 0;
  let bytes = 0;
  let last = Date.now();
  const scanned = setup.progress
    ? (f: number, b: number): void => {
        files += f;
        bytes += b;
        const now = Date.now();
        if (now - last < PROGRESS_MS) return;
        last = now;
        out.postMessage({ progress: { id: req.id, files, bytes } } satisfies BatchProgress);
        files = 0;
        bytes = 0;
      }
    : undefined;
  out.postMessage(scanBatch(ruleSet, req, setup.maxFileSize, detectOptions, scanned));
});
out.postMessage({ ready: true });
