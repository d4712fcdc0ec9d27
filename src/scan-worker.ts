// A scan worker thread (see scan-pool.ts): loads the rule set itself from the same root and config file as the main
// thread (compiled regexes cannot cross threads), then reads, decodes and scans the batches of files it is sent.

import { parentPort, workerData } from 'node:worker_threads';
import { poolDetectOptions, scanBatch, type BatchRequest, type WorkerSetup } from './scan-pool.js';
import { wallClock } from './scan-fragments.js';
import { loadRuleSet } from './scan.js';

const setup = workerData as WorkerSetup;
const { ruleSet } = loadRuleSet(setup.root, setup.configPath);
const port = parentPort!;
const detectOptions = poolDetectOptions(setup, wallClock);

port.on('message', (req: BatchRequest) => port.postMessage(scanBatch(ruleSet, req, setup.maxFileSize, detectOptions)));
port.postMessage({ ready: true });
