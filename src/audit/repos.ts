// The repository list of an audit (`keyhound history --repos FILE`): one local path or clone URL a line, each with a
// display name, a normalised key (its identity: for duplicates, shards, the state folder and mirror names) and its
// shard. Pure: it reads no file system and runs no git.

import { createHash } from 'node:crypto';
import { basename, posix, resolve } from 'node:path';

/** One listed repository. */
export interface RepoEntry {
  /** As written in the list (trimmed): what is cloned or read. */
  spec: string;
  /** The spec with any password or token in it masked: what reports show as the repository's `url`. */
  url: string;
  /** `url`: cloned as a bare mirror into the cache; `path`: read where it is. */
  kind: 'url' | 'path';
  /** `owner/name` for a URL with an owner, else the last path segment; `.git` dropped. */
  name: string;
  /** The normalised URL or path: the same repository written two ways has one key. */
  key: string;
  /** 1-based line in the list file, for messages. */
  line: number;
}

/** A line of the list that is not a repository keyhound can read. */
export interface RepoListError {
  line: number;
  spec: string;
  message: string;
}

// Clone URL schemes git fetches over. Others (ext::, fd::, transport helpers) are refused: a list is input.
const SCHEMES = new Set(['https:', 'http:', 'ssh:', 'git:', 'file:']);
// scp-like syntax: user@host:path (git@github.com:org/repo.git); not a Windows drive (C:\...).
const SCP_LIKE = /^([A-Za-z0-9._~-]+)@([A-Za-z0-9.-]+):(?!\/\/)(.+)$/;
const SCHEME_LIKE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

function trimRepoPath(path: string): string {
  return path.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+$/, '');
}

function nameFromPath(path: string): string {
  const segments = trimRepoPath(path).split('/').filter(Boolean);
  return segments.slice(-2).join('/') || path;
}

/** `https://user:token@host/…` → `https://user:***@host/…` (and a lone token in the user part likewise). */
export function maskCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*)(:[^/@\s]*)?@/gi, (_m, scheme: string, user: string, pass?: string) =>
    pass ? `${scheme}${user}:***@` : user.length >= 20 ? `${scheme}***@` : `${scheme}${user}@`,
  );
}

/** Parses one list entry; throws an Error with a short message when it is not a readable repository spec. */
export function parseRepoSpec(spec: string, line = 0): RepoEntry {
  return { ...parseSpec(spec, line), url: maskCredentials(spec) } as RepoEntry;
}

function parseSpec(spec: string, line: number): Omit<RepoEntry, 'url'> {
  const scp = SCP_LIKE.exec(spec);
  if (scp) {
    const host = scp[2]!.toLowerCase();
    const path = trimRepoPath(scp[3]!.replace(/^\/+/, ''));
    if (!path) throw new Error('no repository path after the host');
    return { spec, kind: 'url', name: nameFromPath(path), key: `${host}/${path}`.toLowerCase(), line };
  }
  const scheme = SCHEME_LIKE.exec(spec)?.[1];
  if (scheme !== undefined) {
    let url: URL;
    try {
      url = new URL(spec);
    } catch {
      throw new Error('not a valid URL');
    }
    if (!SCHEMES.has(url.protocol)) throw new Error(`unsupported URL scheme "${scheme}:" (use https, http, ssh, git, file or user@host:path)`);
    if (url.protocol === 'file:') {
      const path = posix.normalize(decodeURIComponent(url.pathname));
      return { spec, kind: 'url', name: basename(trimRepoPath(path)) || path, key: `file://${trimRepoPath(path)}`, line };
    }
    const path = trimRepoPath(decodeURIComponent(url.pathname).replace(/^\/+/, ''));
    if (!url.hostname || !path) throw new Error('a clone URL needs a host and a repository path');
    const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
    return { spec, kind: 'url', name: nameFromPath(path), key: `${host}/${path}`.toLowerCase(), line };
  }
  // A local path, as written (relative to the current directory): the key stays machine-independent, so a matrix
  // of jobs with their own checkouts shards it alike.
  const normal = trimRepoPath(posix.normalize(spec.replace(/\\/g, '/'))) || '/';
  return { spec, kind: 'path', name: basename(trimRepoPath(resolve(spec))) || normal, key: normal, line };
}

/** The entries of a list file's text: blank lines and `#` comments skipped, duplicates (same key) kept once. */
export function parseRepoList(text: string): { entries: RepoEntry[]; errors: RepoListError[]; duplicates: RepoEntry[] } {
  const entries: RepoEntry[] = [];
  const errors: RepoListError[] = [];
  const duplicates: RepoEntry[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const spec = raw.trim();
    if (!spec || spec.startsWith('#')) return;
    try {
      const entry = parseRepoSpec(spec, i + 1);
      if (seen.has(entry.key)) duplicates.push(entry);
      else {
        seen.add(entry.key);
        entries.push(entry);
      }
    } catch (err) {
      errors.push({ line: i + 1, spec, message: (err as Error).message });
    }
  });
  return { entries, errors, duplicates };
}

/** A short stable id of a key (hex), for file names in the cache and the state folder. */
export function keyId(key: string): string {
  return createHash('sha256').update(`keyhound:repo:v1\0${key}`).digest('hex').slice(0, 16);
}

/** The 1-based shard of N that a repository belongs to: a stable hash of its key, so every machine agrees. */
export function shardOf(key: string, count: number): number {
  const h = createHash('sha256').update(`keyhound:shard:v1\0${key}`).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

/** `--shard I/N` → { index, count }, 1 ≤ I ≤ N; throws an Error with the reason otherwise. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/8 (got "${value}")`);
  }
  return { index, count };
}
