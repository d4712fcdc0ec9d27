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
// keyhound's files changed since it was built (an upgrade, a rebuild), a node_modules/keyhound that is another
// package now, or arguments it does not know exits with SNAPSHOT_FALLBACK before printing anything, and the hook
// treats any exit code other than 0, 1 or 2 (a crash, a snapshot Node will not load) the same way. The plain run then
// rebuilds it; one that crashes twice is retired. Builds hold a lock file. KEYHOUND_NO_SNAPSHOT=1 turns it all off.

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

/** The package's real path (symbolic links resolved), or the path itself when it cannot be resolved. */
export function realPackageRoot(root: string = PACKAGE_ROOT): string {
  try {
    return realpathSync(root);
  } catch {
    return root;
  }
}

/**
 * The real path of the repository's own keyhound (`<top>/node_modules/keyhound`, what the hook's node_modules/.bin
 * branch runs), or null when it has none.
 */
export function projectInstall(top: string): string | null {
  try {
    return realpathSync(join(top, 'node_modules', 'keyhound'));
  } catch {
    return null;
  }
}

/**
 * Where the installed package is, and the size and modification time of every file of it that the snapshot holds a
 * copy of: its entry bundle, the rule cache and its automaton, the rule packs, and package.json's version (npm may
 * give every installed file the same time). About twenty stat calls.
 */
export function packageSignature(root: string = PACKAGE_ROOT): string {
  const parts: string[] = [`root:${realPackageRoot(root)}`];
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
  /** Set when building failed for this signature, or its snapshot crashed twice: not retried at every commit. */
  failed?: string;
  /** Set when a snapshot of this signature crashed once: rebuilt once; a second crash sets `failed`. */
  crashed?: string;
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
  return projectInstall(top) === realPackageRoot() && existsSync(SNAPSHOT_ENTRY);
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
 * background refreshes do not retry it at every commit (install-hook always tries). The caller holds the build lock
 * ({@link withBuildLock}), so no other build writes the snapshot and its record meanwhile.
 */
export function buildSnapshot(top: string): string | null {
  const paths = snapshotPaths(top);
  const signature = packageSignature();
  const tmp = `${paths.blob}.${process.pid}.tmp`;
  try {
    mkdirSync(join(top, SNAPSHOT_DIR), { recursive: true });
    // The builder runs with the repository as its working folder: nothing of it ends up in the snapshot.
    execFileSync(process.execPath, ['--snapshot-blob', tmp, '--build-snapshot', SNAPSHOT_ENTRY], { cwd: top, stdio: ['ignore', 'ignore', 'pipe'] });
    // A crash of an earlier snapshot of these files is remembered: a second one retires the snapshot.
    const crashed = readMeta(paths.meta)?.crashed === signature ? { crashed: signature } : {};
    renameSync(tmp, paths.blob);
    writeFileSync(paths.meta, JSON.stringify({ signature, ...crashed } satisfies Meta));
    return null;
  } catch (err) {
    rmSync(tmp, { force: true });
    // A snapshot of other package files would only send every commit through it to the plain command: it goes too.
    if (snapshotState(top, signature) !== 'fresh') rmSync(paths.blob, { force: true });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString('utf8').trim();
    try {
      if (!existsSync(paths.blob)) writeFileSync(paths.meta, JSON.stringify({ signature: '', failed: signature } satisfies Meta));
    } catch {
      // an unwritable cache: nothing to record; the caller reports the error message
    }
    const lines = stderr ? stderr.split('\n').filter((l) => l.trim()) : [];
    return lines.find((l) => /error/i.test(l)) ?? lines.pop() ?? (err as Error).message;
  }
}

/**
 * Runs `build` holding the build lock of `top`, waiting up to `waitMs` for a build in progress to finish; returns
 * false without running it when the lock stays taken. Only the holder removes the lock.
 */
export async function withBuildLock(top: string, waitMs: number, build: () => void): Promise<boolean> {
  const { lock } = snapshotPaths(top);
  mkdirSync(join(top, SNAPSHOT_DIR), { recursive: true });
  for (let waited = 0; !takeLock(lock); waited += 100) {
    if (waited >= waitMs) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    build();
  } finally {
    rmSync(lock, { force: true });
  }
  return true;
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
 * none). SNAPSHOT_FALLBACK means the snapshot found itself out of date (the hook passes no arguments it would not
 * know): it is rebuilt, whatever its record says. Any other code means it crashed or Node refused it: it is removed
 * and rebuilt once; a second crash for the same package files records it as failed, so later commits neither print
 * a crash nor rebuild (an upgrade or `keyhound install-hook` tries again). A missing or stale snapshot is built too.
 * Builds run in a detached process (the commit does not wait), one at a time. Never throws: the snapshot is an
 * optimisation.
 */
export function refreshSnapshotInBackground(top: string, snapshotExit: string, env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    if (!snapshotWanted(top, env)) return false;
    const paths = snapshotPaths(top);
    const signature = packageSignature();
    if (snapshotExit !== 'none' && snapshotExit !== String(SNAPSHOT_FALLBACK)) {
      const crashedBefore = readMeta(paths.meta)?.crashed === signature;
      rmSync(paths.blob, { force: true });
      writeFileSync(paths.meta, JSON.stringify((crashedBefore ? { signature: '', failed: signature } : { signature: '', crashed: signature }) satisfies Meta));
      if (crashedBefore) return false;
    } else {
      const state = snapshotState(top, signature);
      if (state === 'failed' || (state === 'fresh' && snapshotExit === 'none')) return false;
    }
    mkdirSync(join(top, SNAPSHOT_DIR), { recursive: true });
    if (!takeLock(paths.lock)) return false;
    // This very module, imported by a fresh Node process, builds it and drops the lock it was handed.
    const code = `import(${JSON.stringify(import.meta.url)}).then((m) => m.buildHoldingLock(${JSON.stringify(top)}))`;
    spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: top, detached: true, stdio: 'ignore' }).unref();
    return true;
  } catch {
    return false;
  }
}

/** The detached build of {@link refreshSnapshotInBackground}: the lock was taken for it; it removes it. */
export function buildHoldingLock(top: string): void {
  try {
    buildSnapshot(top);
  } finally {
    rmSync(snapshotPaths(top).lock, { force: true });
  }
}
