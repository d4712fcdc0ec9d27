// The git history source: every unique blob reachable from the chosen revisions, read once, attributed to the commit
// that introduced it and the path it had there.
//
// Two git processes, streamed end to end:
//   git log --raw -m --no-renames --topo-order --reverse   oldest first: each commit's changed paths against each
//                                                          parent, so a merge's conflict resolutions show up too
//   git cat-file --batch --buffer                          fed the id of each blob the first time it is seen
// The log is read as it comes; each new blob id goes to cat-file at once, and cat-file's output is read back in
// the same order. Back-pressure runs the whole way: while the consumer is busy, cat-file's output waits, cat-file
// stops reading ids, and the log is paused. Memory holds the set of blob ids seen, not the history.
//
// A modified file's new blob is scanned only where it differs from the parent's version (plus context lines), when
// that version was scanned earlier and is still in a bounded cache: what the unchanged part holds was found then.

import type { CommitInfo, Fragment, Skip } from '../model/types.js';
import { git, gitSpawn, GitError } from '../util/git.js';
import { CatFileParser, type BatchObject } from './cat-file.js';
import { chunkable, chunkFragments, CHUNK_ABOVE } from './chunks.js';
import { archiveKind, archiveMembers, DEFAULT_ARCHIVE_LIMITS } from '../decode/archive.js';
import { decode, decodeUtf8 } from './decode.js';
import { LOG_FORMAT, LogRawParser } from './git-log-raw.js';
import { BlobCache, changedRegion } from './history-delta.js';

/** Which commits to read. Default: every ref (branches, tags, remote-tracking refs, stash) and HEAD. */
export interface HistoryRevisions {
  /** Only commits reachable from this ref (a branch, tag or commit). */
  branch?: string;
  /** Only commits in this range, e.g. `main..feature` or `v1.0..v2.0`. */
  range?: string;
  /** Only commits more recent than this date (anything `git log --since` accepts). */
  since?: string;
  /** At most this many commits (the most recent). */
  maxCommits?: number;
  /** Leave out these commits and everything they reach (`^id`): what a push or pull request's base already had. */
  exclude?: string[];
}

export interface HistoryProgress {
  /** Commits whose new blobs have all been handed over (approximately: by position in the log). */
  commits: number;
  /** Blobs handed over or skipped so far. */
  blobs: number;
  /** Bytes of blob content read so far. */
  bytes: number;
}

export interface HistorySourceOptions {
  /** Any folder inside the work tree, or a bare repository. */
  repo: string;
  revisions?: HistoryRevisions;
  /** Blobs larger than this many bytes are skipped (and reported). */
  maxFileSize: number;
  onSkip: (skip: Skip) => void;
  /** Bytes of recent blobs kept to scan a modified file's changes only. Default 64 MiB; 0 scans every blob whole. */
  deltaCacheBytes?: number;
  /** Called after each blob; cheap, but the caller should throttle any drawing. */
  onProgress?: (progress: HistoryProgress) => void;
  /**
   * Range mode (`keyhound diff`, the Action on a push or pull request): what each commit adds over its parents.
   * A merge is compared with all its parents at once (a path equal to one parent's brings nothing), renames are
   * followed, a blob that a parent outside the selection already had is not new, and each fragment carries its
   * parents' versions of the file (`previous`) so the caller can drop keys they already held. Those versions are
   * read from git for that, never scanned. Default false.
   */
  addedOnly?: boolean;
  /**
   * Levels of archives (zip, tar, gzip) to open inside blobs; 0 skips them as binary. Read at each archive met, so
   * the caller may settle it once its config is loaded. Default 0.
   */
  archives?: { maxDepth: number };
  /**
   * Scan each commit's whole message (subject and body) too, as a fragment at {@link COMMIT_MESSAGE_PATH} carrying
   * `message: true`. Default false.
   */
  messages?: boolean;
  /** Called once git log and git cat-file are started (the caller may then do its own work while git works). */
  onStarted?: () => void;
  /** Bytes of blob contents read from git ahead of the consumer, at most. Default {@link READ_AHEAD} (16 MiB). */
  readAheadBytes?: number;
}

/** A history fragment; in range mode, with the versions of the file in the commit's parents that git could give. */
export interface HistoryFragment extends Fragment {
  previous?: Buffer[];
  /** A commit's message, not a blob. */
  message?: true;
}

/**
 * Options that keep git's output machine-readable whatever the repository's configuration says: UTF-8 whatever
 * `i18n.logOutputEncoding` asks for (UTF-16 output would hide every path from the parser).
 */
const GIT_CONFIG = [
  '-c',
  'core.quotePath=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'log.showRoot=true',
  '-c',
  'i18n.logOutputEncoding=UTF-8',
];

/**
 * The environment of every git process that reads history. Replace refs (`git replace`) would show a stand-in in
 * place of a commit, so the commit itself would never be read: they are ignored (the stand-ins are still scanned,
 * as commits that refs/replace/* reach). A partial clone must never fetch a blob per request (git >= 2.44 obeys
 * GIT_NO_LAZY_FETCH; older ones are kept off the network by `protocol.allow=never`, see {@link partialCloneArgs}).
 */
export const HISTORY_ENV: NodeJS.ProcessEnv = { GIT_NO_REPLACE_OBJECTS: '1', GIT_NO_LAZY_FETCH: '1' };

/** The path of a commit message's fragment: the message is scanned as its own text, located at its commit. */
export const COMMIT_MESSAGE_PATH = '(commit message)';

/** The reason a blob a partial clone lacks is reported skipped with (the history command counts them). */
export const PARTIAL_CLONE_SKIP = 'blob not in this partial clone: not fetched, not scanned';

const GITLINK_MODE = '160000';

const ZEROS = '0'.repeat(64);
/** The all-zero object id git prints for "no object" (40 digits for SHA-1, 64 for SHA-256). */
const zeros = (length: number): string => ZEROS.slice(0, length);

export const DEFAULT_DELTA_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Blob contents read from git ahead of the scan, at most (plus what one read brings). Node reads a pipe only when
 * the event loop comes round, and a caller that scans each fragment as it is handed out runs in promise jobs, which
 * never let it: without a turn of the loop now and then, git filled the pipe and waited while a chunk's blobs were
 * scanned, then keyhound waited for git (on 12,000 commits, git cat-file spent most of its run blocked in write(2)
 * and keyhound's thread 0.85 s idle). With a turn every IO_TURN_MS, git works while keyhound scans.
 */
const READ_AHEAD = 16 * 1024 * 1024;
/** Milliseconds of scanning between two turns of the event loop (see READ_AHEAD). */
const IO_TURN_MS = 1;

/**
 * Drops list[0, at), the entries already handed on, once they are most of the list (and past 4,096): the lists of a
 * long history would otherwise only grow. Returns where `at` is then.
 */
function dropHandedOn<T>(list: T[], at: number): number {
  if (at <= 4096 || at * 2 <= list.length) return at;
  list.splice(0, at);
  return 0;
}

/** Resolves after one turn of the event loop, in which Node reads whatever git's pipes hold. */
function yieldToIo(): Promise<void> {
  return new Promise((resolveTurn) => setImmediate(resolveTurn));
}

/** The revision arguments for `git log` / `git rev-list`. A revision can never be read as an option. */
export function revisionArgs(revisions: HistoryRevisions = {}): string[] {
  const args: string[] = [];
  if (revisions.since) args.push(`--since=${revisions.since}`);
  if (revisions.maxCommits !== undefined) args.push(`--max-count=${revisions.maxCommits}`);
  const revs = [revisions.branch, revisions.range].filter((r): r is string => Boolean(r));
  const not = (revisions.exclude ?? []).map((id) => `^${id}`);
  if (!revs.length) args.push('--all');
  if (revs.length || not.length) args.push('--end-of-options', ...revs, ...not);
  return args;
}

/**
 * Every stash entry (`stash@{0}`, `stash@{1}`, …), when the revisions are the whole repository: `--all` reaches
 * only the newest, through refs/stash; the older ones live in its reflog.
 */
export async function stashEntries(repo: string, revisions: HistoryRevisions = {}): Promise<string[]> {
  if (revisions.branch || revisions.range) return [];
  const out = await git(['log', '--walk-reflogs', '--format=%H', 'refs/stash', '--'], { cwd: repo, env: HISTORY_ENV, okCodes: [0, 128] });
  return out.toString('utf8').split('\n').filter((l) => /^[0-9a-f]{40,64}$/.test(l));
}

/**
 * Whether the repository is a partial clone (`git clone --filter`): then objects it lacks would be fetched one
 * request at a time, so every git process gets `protocol.allow=never` (a fetch fails at once, offline).
 */
export async function partialCloneArgs(repo: string): Promise<string[]> {
  const out = await git(['config', '--get-regexp', '^(extensions\\.partialclone|remote\\..*\\.promisor)$'], { cwd: repo, okCodes: [0, 1] });
  const partial = out
    .toString('utf8')
    .split('\n')
    .some((l) => /^extensions\.partialclone \S/i.test(l) || /\.promisor true$/i.test(l));
  return partial ? ['-c', 'protocol.allow=never'] : [];
}

/** The objects a partial clone lacks among those the revisions reach (`rev-list --missing=print` fetches nothing). */
async function missingObjects(repo: string, revisions: HistoryRevisions, stash: string[], offline: string[]): Promise<Set<string>> {
  const out = await git([...offline, 'rev-list', '--objects', '--missing=print', '--stdin', ...revisionArgs(revisions)], {
    cwd: repo,
    env: HISTORY_ENV,
    input: stash.length ? `${stash.join('\n')}\n` : '',
  });
  const missing = new Set<string>();
  for (const line of out.toString('utf8').split('\n')) if (line.startsWith('?')) missing.add(line.slice(1).trim());
  return missing;
}

/** How many commits the revisions select (for a progress bar's total). */
export async function countCommits(repo: string, revisions: HistoryRevisions = {}): Promise<number> {
  const args = revisionArgs(revisions);
  const stash = await stashEntries(repo, revisions);
  // rev-list takes `--count` before the revisions; `--end-of-options` must stay just before them.
  const out = await git([...GIT_CONFIG, 'rev-list', '--count', '--stdin', ...args], { cwd: repo, env: HISTORY_ENV, input: stash.length ? `${stash.join('\n')}\n` : '' });
  return Number(out.toString('utf8').trim()) || 0;
}

interface Wanted {
  blob: string;
  /** The parent's version of this path, when this blob modifies one. */
  base: string | null;
  /** Range mode: every parent's version of this path. */
  bases?: string[];
  /** Range mode: a parent's version from outside the selection, read only to compare with (never scanned). */
  prime?: true;
  /** The commit object itself, read for its message. */
  message?: true;
  path: string;
  commit: CommitInfo;
  ordinal: number;
}

/** Yields each unique blob of the selected history once, as a fragment carrying its introducing commit and path. */
export async function* historySource(options: HistorySourceOptions): AsyncGenerator<HistoryFragment> {
  const { repo, maxFileSize, onSkip } = options;
  const added = options.addedOnly === true;
  const [stash, offline] = await Promise.all([stashEntries(repo, options.revisions), partialCloneArgs(repo)]);
  const missing = offline.length ? await missingObjects(repo, options.revisions ?? {}, stash, offline) : new Set<string>();
  const logArgs = [
    ...GIT_CONFIG,
    ...offline,
    'log',
    '--no-color',
    '--no-decorate',
    '--raw',
    '-z',
    '--no-abbrev',
    ...(added ? ['-c', '--find-renames'] : ['-m', '--no-renames']),
    '--topo-order',
    '--reverse',
    `--format=${LOG_FORMAT}`,
    '--stdin', // the older stash entries
    ...revisionArgs(options.revisions),
  ];
  const log = gitSpawn(logArgs, { cwd: repo, env: HISTORY_ENV });
  log.stdin.on('error', () => undefined); // git log died early: its exit status tells the story below
  log.stdin.end(stash.length ? `${stash.join('\n')}\n` : '');
  const cat = gitSpawn([...offline, 'cat-file', '--batch', '--buffer'], { cwd: repo, env: HISTORY_ENV });
  options.onStarted?.();

  const seen = new Set<string>();
  /** Range mode: blobs a parent outside the selection had (asked of cat-file to compare with, never scanned). */
  const known = new Set<string>();
  const submodules = new Set<string>();
  // FIFO of blobs asked of cat-file, in the order it answers.
  const queue: Wanted[] = [];
  let head = 0;
  let ordinal = 0;
  let lastSha = '';
  let ids: string[] = []; // new blob ids from the current log chunk, written to cat-file in one go

  const parser = new LogRawParser({
    commit(info) {
      if (info.sha === lastSha) return; // a merge's header repeats once per parent with -m
      ordinal += 1;
      lastSha = info.sha;
      if (options.messages) {
        queue.push({ blob: info.sha, base: null, path: COMMIT_MESSAGE_PATH, commit: info, ordinal, message: true });
        ids.push(info.sha);
      }
    },
    wants: (blob, status) => status !== 'D' && !seen.has(blob) && !known.has(blob),
    change(commit, change) {
      if (change.status === 'D' || change.blob === zeros(change.blob.length)) return;
      if (change.mode === GITLINK_MODE) {
        if (!submodules.has(change.path)) {
          submodules.add(change.path);
          onSkip({ path: change.path, reason: 'submodule (a commit of another repository, not a blob): scan that repository on its own' });
        }
        return;
      }
      if (seen.has(change.blob) || known.has(change.blob)) return;
      if (missing.has(change.blob)) {
        seen.add(change.blob);
        onSkip({ path: change.path, reason: `${PARTIAL_CLONE_SKIP} (commit ${commit.sha.slice(0, 12)}, blob ${change.blob.slice(0, 12)})` });
        return;
      }
      if (added) {
        const bases = (change.bases ?? [change.base]).filter((b) => b !== zeros(b.length));
        if (bases.includes(change.blob)) return; // a pure rename or mode change: nothing new
        seen.add(change.blob);
        for (const b of bases) {
          if (seen.has(b) || known.has(b)) continue;
          known.add(b);
          queue.push({ blob: b, base: null, path: change.path, commit, ordinal, prime: true });
          ids.push(b);
        }
        queue.push({ blob: change.blob, base: bases[0] ?? null, bases, path: change.path, commit, ordinal });
        ids.push(change.blob);
        return;
      }
      seen.add(change.blob);
      const base = (change.status === 'M' || change.status === 'T') && change.base !== zeros(change.base.length) ? change.base : null;
      queue.push({ blob: change.blob, base, path: change.path, commit, ordinal });
      ids.push(change.blob);
    },
  });

  const logErr: Buffer[] = [];
  const catErr: Buffer[] = [];
  log.stderr.on('data', (d: Buffer) => logErr.push(d));
  cat.stderr.on('data', (d: Buffer) => catErr.push(d));
  // `git log` ends before or while cat-file still answers; its exit status is checked once cat-file is done.
  const logDone = new Promise<number | null>((resolveDone) => {
    log.on('error', () => resolveDone(-1));
    log.on('close', (code) => resolveDone(code));
  });
  const catDone = new Promise<number | null>((resolveDone) => {
    cat.on('error', () => resolveDone(-1));
    cat.on('close', (code) => resolveDone(code));
  });
  cat.stdin.on('error', () => {
    // cat-file died early: its exit status tells the story below.
  });

  log.stdout.on('data', (chunk: Buffer) => {
    parser.push(chunk);
    if (!ids.length) return;
    const ok = cat.stdin.write(`${ids.join('\n')}\n`);
    ids = [];
    if (!ok) {
      log.stdout.pause();
      cat.stdin.once('drain', () => log.stdout.resume());
    }
  });
  log.stdout.on('end', () => {
    parser.end();
    if (ids.length) cat.stdin.write(`${ids.join('\n')}\n`);
    ids = [];
    cat.stdin.end();
  });

  const cache = new BlobCache(options.deltaCacheBytes ?? DEFAULT_DELTA_CACHE_BYTES);
  const ready: BatchObject[] = [];
  const readAhead = options.readAheadBytes ?? READ_AHEAD;
  let pending = 0; // bytes of the contents in `ready` from `next` on
  const catParser = new CatFileParser(maxFileSize, (o) => {
    ready.push(o);
    if ('content' in o && o.content) pending += o.content.length;
  });
  // cat-file's output is read as it comes, up to `readAhead` bytes ahead of the scan (see READ_AHEAD).
  let catEnded = false;
  let catFailed: Error | null = null;
  let wake: (() => void) | null = null;
  const wakeUp = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  cat.stdout.on('data', (chunk: Buffer) => {
    catParser.push(chunk);
    if (pending >= readAhead) cat.stdout.pause();
    wakeUp();
  });
  cat.stdout.on('end', () => {
    catEnded = true;
    wakeUp();
  });
  cat.stdout.on('error', (err: Error) => {
    catFailed = err;
    wakeUp();
  });
  let next = 0;
  let lastTurn = performance.now();
  let blobs = 0;
  let bytes = 0;
  let finished = false;
  try {
    for (;;) {
      if (catFailed) throw catFailed;
      if (next === ready.length) {
        ready.length = 0;
        next = 0;
        head = dropHandedOn(queue, head);
        if (catEnded) break;
        cat.stdout.resume();
        await new Promise<void>((resolveWait) => (wake = resolveWait));
        lastTurn = performance.now();
        continue;
      }
      next = dropHandedOn(ready, next); // git may keep ahead all along, so `ready` may never run empty
      const object = ready[next]!;
      ready[next++] = undefined as unknown as BatchObject; // let it be collected
      if ('content' in object && object.content) pending -= object.content.length;
      if (pending < readAhead / 2 && cat.stdout.isPaused()) cat.stdout.resume();
      if (performance.now() - lastTurn >= IO_TURN_MS) {
        await yieldToIo();
        lastTurn = performance.now();
      }
      const wanted = queue[head];
      if (!wanted) throw new Error(`git cat-file answered more objects than were asked (${object.id})`);
      queue[head++] = undefined as unknown as Wanted; // let the entry be collected
      if (wanted.prime) {
        if (object.id === wanted.blob && 'content' in object && object.content) cache.set(wanted.blob, object.content);
        continue;
      }
      if (wanted.message) {
        const fragment = messageFragment(object, wanted, onSkip);
        if (fragment) yield fragment;
        continue;
      }
      blobs += 1;
      if ('content' in object && object.content && object.type === 'blob' && object.id === wanted.blob && object.content.length > CHUNK_ABOVE && chunkable(object.content)) {
        // Too large for one string: scanned a chunk of whole lines at a time, whole (no delta against a parent).
        for (const c of chunkFragments(object.content, wanted.path, onSkip)) {
          bytes += c.bytes ?? 0;
          yield { ...c, commit: wanted.commit };
        }
        options.onProgress?.({ commits: wanted.ordinal, blobs, bytes });
        continue;
      }
      const fragment = toFragment(object, wanted, onSkip, cache, options.archives?.maxDepth ?? 0);
      if (fragment && 'archive' in fragment) {
        for (const m of archiveFragments(fragment.archive, wanted, options, onSkip)) {
          bytes += m.bytes ?? 0;
          yield m;
        }
      } else if (fragment) {
        bytes += fragment.bytes ?? 0;
        yield fragment;
      }
      options.onProgress?.({ commits: wanted.ordinal, blobs, bytes });
    }
    const [logCode, catCode] = await Promise.all([logDone, catDone]);
    if (logCode !== 0 && offline.length) {
      // A partial clone that lacks trees (or commits) too: git cannot list the history without fetching.
      const e = gitFailure('log', logArgs, logCode, logErr);
      throw new GitError(`partial clone: git needs objects this clone lacks to list the history, and keyhound fetches nothing (clone without --filter for an audit; ${e.message})`, e.args, e.code, e.stderr);
    }
    if (logCode !== 0) throw gitFailure('log', logArgs, logCode, logErr);
    if (catCode !== 0) throw gitFailure('cat-file', ['cat-file', '--batch'], catCode, catErr);
    if (head !== queue.length) throw new Error(`git cat-file answered ${head} of ${queue.length} objects`);
    options.onProgress?.({ commits: ordinal, blobs, bytes });
    finished = true;
  } finally {
    if (!finished) {
      // The consumer stopped early or something failed: do not leave git processes behind.
      log.kill();
      cat.kill();
    }
  }
}

function gitFailure(command: string, args: string[], code: number | null, stderr: Buffer[]): GitError {
  const text = Buffer.concat(stderr).toString('utf8');
  const first = text.trim().split('\n')[0]?.replace(/^fatal: /, '') ?? '';
  return new GitError(`git ${command} failed (${code}): ${first}`, args, code, text);
}

/** A commit object's message (subject and body) as a fragment, decoded in the encoding its header names. */
function messageFragment(object: BatchObject, wanted: Wanted, onSkip: (skip: Skip) => void): HistoryFragment | null {
  const where = `commit ${wanted.commit.sha.slice(0, 12)}`;
  if (object.id !== wanted.blob) throw new Error(`git cat-file answered ${object.id} for ${wanted.blob}`);
  if (!('content' in object) || !object.content || object.type !== 'commit') {
    const why = 'missing' in object ? 'missing' : object.type !== 'commit' ? `a ${object.type}` : `larger than --max-file-size (${object.size} bytes)`;
    onSkip({ path: COMMIT_MESSAGE_PATH, reason: `commit object ${why}: its message was not scanned (${where})` });
    return null;
  }
  const raw = object.content;
  const end = raw.indexOf('\n\n');
  if (end === -1) return null; // no message at all
  const header = raw.toString('latin1', 0, end);
  const label = /^encoding (.+)$/m.exec(header)?.[1]?.trim();
  const body = raw.subarray(end + 2);
  let text: string;
  try {
    text = label && !/^utf-?8$/i.test(label) ? new TextDecoder(label).decode(body) : decodeUtf8(body).text;
  } catch {
    text = decodeUtf8(body).text; // an encoding Node does not know: read as UTF-8 (invalid bytes become U+FFFD)
  }
  if (!text.trim()) return null;
  return { text, path: COMMIT_MESSAGE_PATH, commit: wanted.commit, bytes: body.length, message: true };
}

/** Plain 8-bit text (no UTF-16 byte-order mark, no NUL near the start): safe to decode any line range alone. */
function plainText(buf: Buffer): boolean {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) return false;
  const nul = buf.indexOf(0);
  return nul === -1 || nul >= 8000 + 3;
}

/** An archive blob's text members as fragments of the blob's commit, at `blob/path.zip!/member`. */
function* archiveFragments(content: Buffer, wanted: Wanted, options: HistorySourceOptions, onSkip: (skip: Skip) => void): Generator<Fragment> {
  const where = `commit ${wanted.commit.sha.slice(0, 12)}, blob ${wanted.blob.slice(0, 12)}`;
  const limits = { ...DEFAULT_ARCHIVE_LIMITS, maxDepth: options.archives!.maxDepth, maxMemberBytes: options.maxFileSize };
  const tagged = (s: Skip): void => onSkip({ path: s.path, reason: `${s.reason} (${where})` });
  for (const m of archiveMembers(content, wanted.path, limits, tagged)) yield { ...m, commit: wanted.commit };
}

/** A blob as a fragment; or, for an archive to open, its bytes; or null when skipped (and reported). */
function toFragment(
  object: BatchObject,
  wanted: Wanted,
  onSkip: (skip: Skip) => void,
  cache: BlobCache,
  archiveDepth = 0,
): HistoryFragment | { archive: Buffer } | null {
  const where = `commit ${wanted.commit.sha.slice(0, 12)}, blob ${wanted.blob.slice(0, 12)}`;
  if (object.id !== wanted.blob) throw new Error(`git cat-file answered ${object.id} for ${wanted.blob}`);
  if ('missing' in object) {
    onSkip({ path: wanted.path, reason: `blob missing from the repository (${where}; a partial clone?)` });
    return null;
  }
  if (object.type !== 'blob') {
    onSkip({ path: wanted.path, reason: `not a blob but a ${object.type} (${where})` });
    return null;
  }
  const content = object.content;
  if (!content) {
    onSkip({ path: wanted.path, reason: `larger than --max-file-size (${object.size} bytes; ${where})` });
    return null;
  }
  const base = wanted.base ? cache.get(wanted.base) : undefined;
  // Range mode: the parents' versions, to tell a key this commit adds from one a parent already held.
  const previous = wanted.bases?.map((b) => (b === wanted.base ? base : cache.get(b))).filter((b): b is Buffer => b !== undefined);
  if (plainText(content)) {
    cache.set(wanted.blob, content);
    if (base) {
      const region = changedRegion(base, content);
      if (!region) return null; // same bytes under another id cannot happen; nothing new either way
      const start = region.start === 0 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : region.start;
      const { text, utf8 } = decodeUtf8(content.subarray(start, region.end));
      // Every fragment of this kind gets its properties in the same order (one hidden class for the engine's reads).
      const fragment: HistoryFragment = { text, utf8, path: wanted.path, commit: wanted.commit, lineOffset: region.lineOffset, bytes: object.size };
      if (previous?.length) fragment.previous = previous;
      return fragment;
    }
  }
  const decoded = decode(content);
  if ('binary' in decoded) {
    const kind = archiveKind(content);
    if (kind && archiveDepth > 0) return { archive: content };
    onSkip({ path: wanted.path, reason: kind ? `${kind} archive, not opened (--max-archive-depth 0; ${where})` : `binary (${where})` });
    return null;
  }
  const fragment: HistoryFragment = { text: decoded.text, utf8: decoded.utf8, path: wanted.path, commit: wanted.commit, bytes: object.size };
  if (previous?.length) fragment.previous = previous;
  return fragment;
}
