// The state folder of an audit (`--state DIR`): one file per repository whose scan finished, holding its findings
// and statistics. A run killed halfway leaves the finished ones behind; the next run with the same folder takes them
// from there instead of scanning them again, and each repository is in the report once. A file is written whole
// (to a temporary name, then renamed), so a kill mid-write leaves no half file to be trusted.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, ScanStats } from '../model/types.js';
import { keyId, type RepoEntry } from './repos.js';

const STATE_VERSION = 1;

/** What the state keeps of one finished repository. */
export interface RepoState {
  version: number;
  key: string;
  name: string;
  url: string;
  finishedAt: string;
  findings: Finding[];
  stats: ScanStats;
  /** Warnings of its scan (a stale mirror, a shallow clone), shown again when it is resumed. */
  warnings: string[];
}

function stateFile(dir: string, entry: RepoEntry): string {
  return join(dir, `${keyId(entry.key)}.json`);
}

/** The repository's finished state, or null when it has none (or an unreadable one: then it is scanned again). */
export function readState(dir: string, entry: RepoEntry): RepoState | null {
  let state: RepoState;
  try {
    state = JSON.parse(readFileSync(stateFile(dir, entry), 'utf8')) as RepoState;
  } catch {
    return null;
  }
  if (state?.version !== STATE_VERSION || state.key !== entry.key || !Array.isArray(state.findings) || !state.stats) return null;
  return state;
}

/** Records a finished repository. */
export function writeState(dir: string, entry: RepoEntry, data: Omit<RepoState, 'version' | 'key' | 'name' | 'url' | 'finishedAt'>): void {
  mkdirSync(dir, { recursive: true });
  const file = stateFile(dir, entry);
  const partial = `${file}.partial-${process.pid}`;
  const state: RepoState = { version: STATE_VERSION, key: entry.key, name: entry.name, url: entry.url, finishedAt: new Date().toISOString(), ...data };
  writeFileSync(partial, JSON.stringify(state), { mode: 0o600 });
  renameSync(partial, file);
}
