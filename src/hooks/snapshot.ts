// The pre-commit snapshot: a V8 start-up snapshot of `keyhound staged` with the built-in rules already compiled and
// the hot path warmed up, which the installed hook runs as `node --snapshot-blob <file> staged --quiet`. A plain start
// spends about 30 ms loading the bundle and compiling the rules before it reads a byte; the snapshot has done that.
//
// A snapshot only loads in the very Node binary that wrote it, so it is built on the user's machine: by
// `keyhound install-hook`, and in the background after the hook had to run the plain command because the snapshot
// was missing or stale (the hook sets KEYHOUND_FROM_HOOK; bin/keyhound.js then calls refreshSnapshotInBackground).
// It lives in the project's node_modules/.cache/keyhound/ (the usual place for a tool's cache, which git ignores with
// node_modules), one file per Node version, which the hook names with `node --version`. Only a project-local install
// gets one (the hook's node_modules/.bin branch): that is the keyhound whose files the snapshot is made from.
//
// The project's config (.keyhound.yaml, --config) is read at every run, as by the plain command: only the built-in
// rule set is kept ready. Whatever goes wrong, the hook falls back to the plain command: a snapshot that finds
// keyhound's files changed since it was built (an upgrade, a rebuild) or arguments it does not know exits with
// SNAPSHOT_FALLBACK before printing anything, and the hook treats any exit code other than 0, 1 or 2 (a crash, a
// snapshot Node will not load) the same way. KEYHOUND_NO_SNAPSHOT=1 turns it all off.

import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../config/paths.js';
import { SNAPSHOT_DIR } from './block.js';

/** The snapshot's exit code for "run the plain command instead"; keyhound itself only exits 0, 1 or 2. */
export const SNAPSHOT_FALLBACK = 3;

/** The snapshot's entry script, bundled by `npm run build` (scripts/bundle.mjs). */
export const SNAPSHOT_ENTRY = join(PACKAGE_ROOT, 'build', 'snapshot.cjs');


/** A snapshot left half-built by a build that died is retried after this long. */
const STALE_LOCK_MS = 10 * 60_000;

export interface SnapshotPaths {
  /** The snapshot itself: what the hook passes to `node --snapshot-blob`. */
  blob: string;
  /** What it was built from ({@link packageSignature}), or that building it failed. */
  meta: string;
  /** Held while a build runs. */
  lock: string;
}

export function snapshotPaths(top: string, nodeVersion: string = process.version): SnapshotPaths {
  const base = join(top, SNAPSHOT_DIR, `staged-${nodeVersion}`);
  return { blob: `${base}.blob`, meta: `${base}.json`, lock: `${base}.lock` };
}

/**
 * Size and modification time of every file of the installed package that the snapshot holds a copy of: its entry
 * bundle, the rule cache and its automaton, the rule packs, and package.json (npm gives every installed file the
 * same time, so the version is what tells two installs apart). About twenty stat calls.
 */
export function packageSignature(root: string = PACKAGE_ROOT): string {
  const parts: string[] = [];
  const add = (rel: string): void => {
    try {
      const st = statSync(join(root, rel));
      parts.push(`${rel}:${st.size}:${st.mtimeMs}`);
    } catch {
      parts.push(`${rel}:-`);
    }
  };
  for (const rel of ['build/snapshot.cjs', 'build/rules.json', 'build/rules.keywords.bin']) add(rel);
  let packs: string[] = [];
  try {
    packs = readdirSync(join(root, 'rules')).sort();
  } catch {
    // no rules folder: recorded as such below
  }
  for (const name of packs) add(`rules/${name}`);
  try {
    parts.push(`version:${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '-'}`);
  } catch {
    parts.push('version:-');
  }
  return parts.join('\n');
}

interface Meta {
  signature: string;
  /** Set when building failed for this signature, so that it is not retried at every commit. */
  failed?: string;
}

function readMeta(file: string): Meta | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Meta;
  } catch {
    return null;
  }
}

/**
 * Whether this keyhound keeps a snapshot for the repository at `top`: not on Windows, not when KEYHOUND_NO_SNAPSHOT or
 * NODE_OPTIONS is set (the hook then does not use one either), and only when it is the repository's own install
 * (`<top>/node_modules/keyhound`), the one the hook runs.
 */
export function snapshotWanted(top: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform === 'win32' || env.KEYHOUND_NO_SNAPSHOT || env.NODE_OPTIONS) return false;
  try {
    return realpathSync(join(top, 'node_modules', 'keyhound')) === realpathSync(PACKAGE_ROOT) && existsSync(SNAPSHOT_ENTRY);
  } catch {
    return false;
  }
}

export type SnapshotState = 'fresh' | 'missing' | 'stale' | 'failed';

/** What the cache holds for this Node version and these package files. */
export function snapshotState(top: string, signature: string = packageSignature()): SnapshotState {
  const paths = snapshotPaths(top);
  const meta = readMeta(paths.meta);
  if (meta?.failed === signature) return 'failed';
  if (!existsSync(paths.blob) || !meta) return 'missing';
  return meta.signature === signature ? 'fresh' : 'stale';
}

/**
 * Builds the snapshot now (a second Node process, about half a second): into a temporary file renamed into place, so
 * the hook never sees half a file. Returns an error message instead of throwing; a failure is recorded so that
 * background refreshes do not retry it at every commit (install-hook always tries).
 */
export function buildSnapshot(top: string): string | null {
  const paths = snapshotPaths(top);
  const signature = packageSignature();
  const tmp = `${paths.blob}.${process.pid}.tmp`;
  try {
    mkdirSync(join(top, SNAPSHOT_DIR), { recursive: true });
    // The builder runs with the repository as its working folder: nothing of it ends up in the snapshot.
    execFileSync(process.execPath, ['--snapshot-blob', tmp, '--build-snapshot', SNAPSHOT_ENTRY], { cwd: top, stdio: ['ignore', 'ignore', 'pipe'] });
    renameSync(tmp, paths.blob);
    writeFileSync(paths.meta, JSON.stringify({ signature } satisfies Meta));
    return null;
  } catch (err) {
    rmSync(tmp, { force: true });
    // An older snapshot would only send every commit through it to the plain command: it goes too.
    rmSync(paths.blob, { force: true });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString('utf8').trim();
    try {
      writeFileSync(paths.meta, JSON.stringify({ signature: '', failed: signature } satisfies Meta));
    } catch {
      // an unwritable cache: nothing to record; snapshotWanted's callers see the error message
    }
    const lines = stderr ? stderr.split('\n').filter((l) => l.trim()) : [];
    return lines.find((l) => /error/i.test(l)) ?? lines.pop() ?? (err as Error).message;
  } finally {
    rmSync(paths.lock, { force: true });
  }
}

/** Takes the build lock; false when another build holds it (and is not older than STALE_LOCK_MS). */
function takeLock(lock: string): boolean {
  try {
    closeSync(openSync(lock, 'wx'));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    try {
      if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS) return false;
      rmSync(lock, { force: true });
      closeSync(openSync(lock, 'wx'));
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * After the hook ran the plain `keyhound staged`. `snapshotExit` is how the snapshot exited ("none": the hook found
 * none). A snapshot that did not answer with SNAPSHOT_FALLBACK crashed or was refused by Node: it is removed and
 * recorded as failed for these package files, so later commits neither print its crash nor rebuild it (an upgrade
 * or `keyhound install-hook` tries again). Otherwise, when the snapshot is missing or stale, it is built in a detached
 * process (the commit does not wait), one build at a time. Never throws: the snapshot is an optimisation.
 */
export function refreshSnapshotInBackground(top: string, snapshotExit: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    if (!snapshotWanted(top, env)) return false;
    if (snapshotExit !== 'none' && snapshotExit !== String(SNAPSHOT_FALLBACK)) {
      const paths = snapshotPaths(top);
      rmSync(paths.blob, { force: true });
      writeFileSync(paths.meta, JSON.stringify({ signature: '', failed: packageSignature() } satisfies Meta));
      return false;
    }
    const state = snapshotState(top);
    if (state === 'fresh' || state === 'failed') return false;
    mkdirSync(join(top, SNAPSHOT_DIR), { recursive: true });
    if (!takeLock(snapshotPaths(top).lock)) return false;
    // This very module, imported by a fresh Node process, builds it (and drops the lock).
    const code = `import(${JSON.stringify(import.meta.url)}).then((m) => m.buildSnapshot(${JSON.stringify(top)}))`;
    spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: top, detached: true, stdio: 'ignore' }).unref();
    return true;
  } catch {
    return false;
  }
}
