// A repository with fake keys hidden in every place a history audit must look: a plain commit, a merge's conflict
// resolution only, a file later renamed, a file later deleted, a branch never merged, a commit reachable only from a
// tag, and a key that later edits carry along. Keys are generated at test time.

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expandTemplate } from '../../src/fakes/index.js';
import { GIT_ENV, tempRepo } from './git.js';
import { writeTree } from './tmp.js';

export interface Hidden {
  /** Where it hides, for messages. */
  place: string;
  secret: string;
  ruleId: string;
  /** The commit that introduced it and the path it had there. */
  sha: string;
  path: string;
  line: number;
}

let clock = Date.UTC(2024, 0, 1) / 1000;

/** Runs git with a fixed identity and a clock that moves one hour per call, so `--since` has dates to cut at. */
export function gitAt(repo: string, args: string[], date?: number): string {
  const when = `${date ?? (clock += 3600)} +0000`;
  return execFileSync('git', args, {
    cwd: repo,
    env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when },
    encoding: 'utf8',
  }).trim();
}

export function commitAll(repo: string, files: Record<string, string | Buffer>, message: string): string {
  writeTree(repo, files);
  gitAt(repo, ['add', '-A']);
  gitAt(repo, ['commit', '-q', '--allow-empty', '-m', message]);
  return gitAt(repo, ['rev-parse', 'HEAD']);
}

export const ghp = (): string => expandTemplate('{{github:ghp}}');

export interface HistoryRepo {
  repo: string;
  hidden: Hidden[];
  /** The first commit (clean) and the date of the commit after it, for narrowing tests. */
  first: string;
  /** Unix time of the commit that introduced the "edited" key. */
  editedAt: number;
}

export function historyRepo(): HistoryRepo {
  const repo = tempRepo();
  gitAt(repo, ['config', 'commit.gpgsign', 'false']);
  gitAt(repo, ['config', 'tag.gpgsign', 'false']);
  const hidden: Hidden[] = [];
  const hide = (place: string, secret: string, sha: string, path: string, line: number): void =>
    void hidden.push({ place, secret, ruleId: 'github-token', sha, path, line });

  const first = commitAll(repo, { 'README.md': '# demo\n', 'settings.py': 'MODE = "base"\nDEBUG = False\n' }, 'initial');

  // Plain: committed on main and still there.
  const plain = ghp();
  hide('plain', plain, commitAll(repo, { 'config/app.env': `PORT=8080\nGITHUB_TOKEN=${plain}\n` }, 'add app config'), 'config/app.env', 2);

  // Renamed later: reported where it was introduced.
  const renamed = ghp();
  hide('renamed', renamed, commitAll(repo, { 'deploy/old.sh': `#!/bin/sh\nexport GH_TOKEN=${renamed}\n` }, 'add deploy script'), 'deploy/old.sh', 2);
  gitAt(repo, ['mv', 'deploy/old.sh', 'deploy/new.sh']);
  gitAt(repo, ['commit', '-q', '-m', 'rename deploy script']);

  // Deleted the next day.
  const deleted = ghp();
  hide('deleted', deleted, commitAll(repo, { 'notes/todo.txt': `remember to rotate ${deleted}\n` }, 'notes'), 'notes/todo.txt', 1);
  rmSync(join(repo, 'notes/todo.txt'));
  commitAll(repo, {}, 'remove notes');

  // Edited around: later commits move it down and change other lines; it is reported once, for its first commit.
  const edited = ghp();
  const editedAt = clock + 3600;
  hide('edited', edited, commitAll(repo, { 'ci/env.yaml': `token: ${edited}\n` }, 'ci env'), 'ci/env.yaml', 1);
  commitAll(repo, { 'ci/env.yaml': `# ci\ntoken: ${edited}\n` }, 'comment ci env');
  commitAll(repo, { 'ci/env.yaml': `# ci settings\nregion: eu\ntoken: ${edited}\n` }, 'region');

  // Only in a merge: both sides change settings.py, and the conflict resolution adds a key neither parent had.
  gitAt(repo, ['checkout', '-q', '-b', 'feature']);
  commitAll(repo, { 'settings.py': 'MODE = "feature"\nDEBUG = False\n' }, 'feature mode');
  gitAt(repo, ['checkout', '-q', 'main']);
  commitAll(repo, { 'settings.py': 'MODE = "main"\nDEBUG = False\n' }, 'main mode');
  try {
    gitAt(repo, ['merge', '-q', '--no-edit', 'feature']);
  } catch {
    // The conflict is the point.
  }
  const merged = ghp();
  writeTree(repo, { 'settings.py': `MODE = "both"\nDEBUG = False\nGITHUB_TOKEN = "${merged}"\n` });
  gitAt(repo, ['add', 'settings.py']);
  gitAt(repo, ['commit', '-q', '--no-edit']);
  gitAt(repo, ['rev-parse', '--verify', '-q', 'HEAD^2']); // a real merge, or this throws
  hide('merge resolution', merged, gitAt(repo, ['rev-parse', 'HEAD']), 'settings.py', 3);

  // On a branch never merged.
  gitAt(repo, ['checkout', '-q', '-b', 'experiment']);
  const unmerged = ghp();
  hide('unmerged branch', unmerged, commitAll(repo, { 'lab/try.js': `const t = '${unmerged}';\n` }, 'try something'), 'lab/try.js', 1);
  gitAt(repo, ['checkout', '-q', 'main']);

  // Only reachable from a tag: the branch it was made on is deleted.
  gitAt(repo, ['checkout', '-q', '-b', 'release-tmp']);
  const tagged = ghp();
  hide('tag only', tagged, commitAll(repo, { 'release/notes.md': `token ${tagged}\n` }, 'release notes'), 'release/notes.md', 1);
  gitAt(repo, ['tag', '-a', '-m', 'lost release', 'v0.9-lost']);
  gitAt(repo, ['checkout', '-q', 'main']);
  gitAt(repo, ['branch', '-q', '-D', 'release-tmp']);

  return { repo, hidden, first, editedAt };
}
