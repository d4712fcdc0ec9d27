// The staged source: what `git commit` will record — blobs in the index, not the working tree — with only the lines
// the commit adds or changes marked for reporting (`Fragment.onlyLines`). The whole blob is handed to the engine, so
// a multi-line secret (a PEM block) added as a whole is found whole; findings that touch no added line are dropped.
//
// One git process in the common case: `git diff --cached --raw -p` with unlimited context, so each file's patch holds
// its whole new content (context and added lines) as well as which lines are added. Files git calls binary are read
// with `git cat-file --batch`, and re-diffed as text when they decode as text (a `-diff` attribute). It only reads:
// the index and the working tree are never changed.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Fragment, Skip } from '../model/types.js';
import { GitError, git, gitSpawn } from '../util/git.js';
import { decode } from './decode.js';

export interface StagedSourceOptions {
  /** Any folder inside the repository (git runs there; reported paths are relative to the repository top). */
  cwd: string;
  /** Blobs larger than this many bytes are skipped (and reported). */
  maxFileSize: number;
  onSkip: (skip: Skip) => void;
}

/** One changed path as `git diff --raw -z` reports it. */
export interface RawEntry {
  srcMode: string;
  dstMode: string;
  dstSha: string;
  /** A, C, D, M, R, T, U or X (similarity digits removed). */
  status: string;
  /** Path in the index (the destination for renames and copies). */
  path: string;
  /** Source path of a rename or copy. */
  from?: string;
}

/** What the patch says about one entry: added line numbers in the new blob, and whether git saw it as binary. */
export interface PatchInfo {
  added: Set<number>;
  binary: boolean;
  /** The new blob rebuilt from a whole-file hunk (latin1, i.e. its bytes); null when the patch is not one. */
  content: string | null;
}

/** Context lines asked of git: enough that every changed file's patch holds the whole new file. */
const FULL_CONTEXT = 2147483647;

// Options that make the output independent of the user's diff configuration (colour, external drivers, textconv,
// relative paths, prefixes, rename detection off) and give full blob ids. What is compared comes after them: the
// index and HEAD (`--cached`, the staged source), or two commits (the diff source).
const DIFF_OPTIONS = [
  '-z',
  '--raw',
  '-p',
  `--unified=${FULL_CONTEXT}`,
  '--no-abbrev',
  '--find-renames',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--no-relative',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--ignore-submodules=none',
];

/** `git diff` arguments comparing `revs` (`['--cached']`, or two commits). */
function diffArgs(revs: readonly string[]): string[] {
  return ['diff', ...DIFF_OPTIONS, ...revs];
}

const SUBMODULE = '160000';
const SYMLINK = '120000';
const NULL_MODE = '000000';

/**
 * Parses `git diff -z --raw -p` output: raw records, then (after one NUL) the patch. Entries and patch blocks come
 * in the same order; a type change (file ↔ symlink) is two blocks (deletion, then creation) and an unmerged path
 * none, so blocks are assigned by walking the entries. Returns null when the blocks do not line up.
 */
export function parseDiff(out: Buffer): { entries: RawEntry[]; patches: (PatchInfo | null)[] } | null {
  const entries: RawEntry[] = [];
  let i = 0;
  const field = (): string => {
    const end = out.indexOf(0, i);
    const s = out.toString('utf8', i, end === -1 ? out.length : end);
    i = end === -1 ? out.length : end + 1;
    return s;
  };
  while (i < out.length && out[i] === 0x3a /* ':' */) {
    const head = field().slice(1).split(' ');
    const [srcMode = '', dstMode = '', , dstSha = '', rawStatus = ''] = head;
    const status = rawStatus.charAt(0);
    const first = field();
    const entry: RawEntry = { srcMode, dstMode, dstSha, status, path: first };
    if (status === 'R' || status === 'C') {
      entry.from = first;
      entry.path = field();
    }
    entries.push(entry);
  }
  if (i < out.length && out[i] === 0) i += 1;
  const blocks = parsePatchBlocks(out.toString('latin1', i));
  const patches: (PatchInfo | null)[] = [];
  let b = 0;
  for (const e of entries) {
    const n = e.status === 'U' ? 0 : e.status === 'T' && e.srcMode !== NULL_MODE && e.dstMode !== NULL_MODE ? 2 : 1;
    if (b + n > blocks.length) return null;
    patches.push(n === 0 ? null : blocks[b + n - 1]!);
    b += n;
  }
  return b === blocks.length ? { entries, patches } : null;
}

/**
 * Splits a unified patch (as latin1 text) into blocks at `diff --git ` and collects each block's added lines. When a
 * block has a single hunk starting at new line 1 (what unlimited context gives), it also rebuilds the new file from
 * the context and added lines.
 */
export function parsePatchBlocks(patch: string): PatchInfo[] {
  const blocks: PatchInfo[] = [];
  let current: PatchInfo | null = null;
  let lines: string[] = [];
  let hunks = 0;
  let newLine = 0;
  let lastNewSide = false; // whether the previous content line belongs to the new file
  let noFinalNewline = false;
  const finish = (): void => {
    if (!current) return;
    current.content = hunks === 1 && !current.binary ? lines.join('\n') + (lines.length && !noFinalNewline ? '\n' : '') : null;
  };
  let pos = 0;
  while (pos < patch.length) {
    let nl = patch.indexOf('\n', pos);
    if (nl === -1) nl = patch.length;
    const c = patch.charCodeAt(pos);
    if (c === 0x64 /* d */ && patch.startsWith('diff --git ', pos)) {
      finish();
      current = { added: new Set(), binary: false, content: null };
      blocks.push(current);
      lines = [];
      hunks = 0;
      noFinalNewline = false;
    } else if (current && hunks === 0) {
      if (c === 0x40 /* @ */ && patch.startsWith('@@ ', pos)) {
        const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(patch.slice(pos, Math.min(nl, pos + 80)));
        hunks = 1;
        newLine = m ? Number(m[1]) : 0;
        if (newLine > 1) hunks = 2; // not a whole-file hunk: lines still counted, content not rebuilt
      } else if (patch.startsWith('Binary files ', pos) || patch.startsWith('GIT binary patch', pos)) {
        current.binary = true;
      }
    } else if (current) {
      // Inside hunks: ' ' context, '+' added, '-' removed, '\' "no newline" marker; an empty line is empty context
      // (diff.suppressBlankEmpty). Any other '@@ ' line starts another hunk.
      if (c === 0x2b /* + */) {
        current.added.add(newLine++);
        lines.push(patch.slice(pos + 1, nl));
        lastNewSide = true;
      } else if (c === 0x20 /* space */ || pos === nl) {
        newLine++;
        lines.push(patch.slice(pos + 1, nl));
        lastNewSide = true;
      } else if (c === 0x2d /* - */) {
        lastNewSide = false;
      } else if (c === 0x5c /* \ */) {
        if (lastNewSide) noFinalNewline = true;
      } else if (c === 0x40 && patch.startsWith('@@ ', pos)) {
        const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(patch.slice(pos, Math.min(nl, pos + 80)));
        hunks += 1;
        newLine = m ? Number(m[1]) : newLine;
      }
    }
    pos = nl + 1;
  }
  finish();
  return blocks;
}

/** Reads blobs through one `git cat-file --batch`, streaming, so an oversized blob is skipped without being kept. */
async function readBlobs(cwd: string, shas: string[], maxFileSize: number): Promise<Map<string, Buffer | { size: number }>> {
  const result = new Map<string, Buffer | { size: number }>();
  if (shas.length === 0) return result;
  const child = gitSpawn(['cat-file', '--batch'], { cwd });
  const errChunks: Buffer[] = [];
  child.stderr.on('data', (d: Buffer) => errChunks.push(d));
  const closed = new Promise<number | null>((res, rej) => {
    child.on('error', rej);
    child.on('close', res);
  });
  child.stdin.end(`${shas.join('\n')}\n`);
  let pending: Buffer = Buffer.alloc(0);
  let current: { sha: string; size: number; parts: Buffer[] | null; got: number } | null = null;
  for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (!current) {
        const nl = pending.indexOf(0x0a);
        if (nl === -1) break;
        const [sha = '', type = '', size = ''] = pending.toString('utf8', 0, nl).split(' ');
        pending = pending.subarray(nl + 1);
        if (type === 'missing' || size === '') {
          result.set(sha, { size: -1 });
          continue;
        }
        const n = Number(size);
        current = { sha, size: n, parts: n > maxFileSize ? null : [], got: 0 };
      }
      const want = current.size + 1 - current.got; // content, then one LF
      const take = Math.min(want, pending.length);
      if (current.parts) current.parts.push(pending.subarray(0, take));
      current.got += take;
      pending = pending.subarray(take);
      if (current.got < current.size + 1) break;
      result.set(current.sha, current.parts ? Buffer.concat(current.parts).subarray(0, current.size) : { size: current.size });
      current = null;
    }
  }
  const code = await closed;
  if (code !== 0) throw new GitError(`git cat-file failed (${code}): ${Buffer.concat(errChunks).toString('utf8').trim()}`, ['cat-file'], code, '');
  return result;
}

/** A pathspec naming exactly this top-relative path, whatever the current folder and whatever its characters. */
function pathspec(path: string): string {
  return `:(top,literal)${path}`;
}

/** Re-diffs the given paths as text (`-a`): for files git calls binary (a `-diff` attribute, UTF-16) that decode as text. */
async function textPatches(cwd: string, entries: RawEntry[], revs: readonly string[]): Promise<Map<string, PatchInfo>> {
  const paths = entries.flatMap((e) => (e.from ? [e.from, e.path] : [e.path])).map(pathspec);
  const out = await git(['diff', ...DIFF_OPTIONS, '-a', ...revs, '--', ...paths], { cwd });
  const parsed = parseDiff(out);
  const map = new Map<string, PatchInfo>();
  if (!parsed) return map;
  parsed.entries.forEach((e, k) => {
    const p = parsed.patches[k];
    if (p) map.set(e.path, p);
  });
  return map;
}

/**
 * The repository top (absolute), for config lookup. Throws GitError outside a work tree. Git runs hooks at the top,
 * so when `cwd` holds `.git` (a folder, or a file in worktrees and submodules) and no GIT_DIR / GIT_WORK_TREE
 * overrides discovery, `cwd` is the top and no git process is needed.
 */
export async function repositoryTop(cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (!env.GIT_DIR && !env.GIT_WORK_TREE && existsSync(join(cwd, '.git'))) return resolve(cwd);
  return (await git(['rev-parse', '--show-toplevel'], { cwd })).toString('utf8').replace(/\n$/, '');
}

/**
 * Yields one fragment per staged file that adds lines, with `onlyLines` set to the added line numbers. Deletions
 * add nothing; binary files, submodules, symbolic links, unmerged paths and oversized blobs are reported through
 * `onSkip`. Works on the first commit too (git diffs the index against the empty tree when there is no HEAD).
 */
export function stagedSource(options: StagedSourceOptions): AsyncGenerator<Fragment> {
  return changesSource(options, ['--cached']);
}

export interface DiffSourceOptions extends StagedSourceOptions {
  /** The old side: a commit (or tree) id. */
  from: string;
  /** The new side: a commit (or tree) id. */
  to: string;
}

/**
 * Yields what `to` adds over `from` (`git diff from to`), like the staged source: one fragment per file that adds
 * lines, the whole new blob, `onlyLines` set to the added line numbers. For a pull request pass the merge base as
 * `from` (what `git diff base...head` compares). Paths are relative to the repository top.
 */
export function diffSource(options: DiffSourceOptions): AsyncGenerator<Fragment> {
  return changesSource(options, [options.from, options.to]);
}

/** The staged and diff sources: `git diff revs` → whole new blobs with their added lines. */
async function* changesSource(options: StagedSourceOptions, revs: readonly string[]): AsyncGenerator<Fragment> {
  const { cwd, onSkip, maxFileSize } = options;
  const args = diffArgs(revs);
  const out = await git(args, { cwd });
  let parsed = parseDiff(out);
  if (!parsed) {
    // Should not happen; rather than guess which hunks belong to which file, diff each file on its own.
    const entries = parseDiff(await git(args.filter((a) => a !== '-p' && !a.startsWith('--unified')), { cwd }))?.entries ?? [];
    const patches: (PatchInfo | null)[] = [];
    for (const e of entries) patches.push(await patchOf(cwd, e, revs));
    parsed = { entries, patches };
  }
  const wanted: { entry: RawEntry; patch: PatchInfo }[] = [];
  parsed.entries.forEach((entry, k) => {
    const patch = parsed.patches[k] ?? null;
    if (entry.status === 'D') return;
    if (entry.status === 'U') return onSkip({ path: entry.path, reason: 'unmerged (resolve the conflict first)' });
    if (entry.dstMode === SUBMODULE) return onSkip({ path: entry.path, reason: 'submodule (scan it in its own repository)' });
    if (entry.dstMode === SYMLINK) return onSkip({ path: entry.path, reason: 'symbolic link (not followed)' });
    if (!patch) return onSkip({ path: entry.path, reason: 'no patch from git (not scanned)' });
    if (!patch.binary && patch.added.size === 0) return; // mode change or pure rename: nothing added
    wanted.push({ entry, patch });
  });

  // Blobs the patch could not give whole (binary to git, or not one whole-file hunk) come from the object store.
  const missing = wanted.filter((w) => w.patch.content === null).map((w) => w.entry.dstSha);
  const blobs = await readBlobs(cwd, [...new Set(missing)], maxFileSize);
  const texts = new Map<RawEntry, { text: string; bytes: number; utf8?: Uint8Array }>();
  const retext: RawEntry[] = [];
  for (const { entry, patch } of wanted) {
    let blob: Buffer | { size: number } | undefined;
    if (patch.content !== null) {
      const bytes = Buffer.byteLength(patch.content, 'latin1');
      blob = bytes > maxFileSize ? { size: bytes } : Buffer.from(patch.content, 'latin1');
    } else {
      blob = blobs.get(entry.dstSha);
    }
    if (!blob || !Buffer.isBuffer(blob)) {
      const size = blob ? blob.size : -1;
      onSkip({
        path: entry.path,
        reason: size < 0 ? 'blob missing from the object store' : `larger than --max-file-size (${size} > ${maxFileSize} bytes)`,
      });
      continue;
    }
    const d = decode(blob);
    if ('binary' in d) {
      onSkip({ path: entry.path, reason: 'binary' });
      continue;
    }
    texts.set(entry, { ...d, bytes: blob.length });
    if (patch.binary) retext.push(entry);
  }
  const again = retext.length ? await textPatches(cwd, retext, revs) : new Map<string, PatchInfo>();
  for (const { entry, patch } of wanted) {
    const t = texts.get(entry);
    if (!t) continue;
    let added = patch.added;
    if (patch.binary) {
      const p = again.get(entry.path);
      if (!p) {
        // git would not give lines: scan the whole blob rather than miss a key.
        yield { ...t, path: entry.path };
        continue;
      }
      added = p.added;
    }
    if (added.size === 0) continue;
    yield { ...t, path: entry.path, onlyLines: added };
  }
}

/** Fallback for one entry: its own patch, or null. */
async function patchOf(cwd: string, e: RawEntry, revs: readonly string[]): Promise<PatchInfo | null> {
  const paths = (e.from ? [e.from, e.path] : [e.path]).map(pathspec);
  const parsed = parseDiff(await git([...diffArgs(revs), '--', ...paths], { cwd }));
  if (!parsed) return null;
  const k = parsed.entries.findIndex((x) => x.path === e.path);
  return k === -1 ? null : (parsed.patches[k] ?? null);
}
