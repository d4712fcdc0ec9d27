// `keyhound install-hook [--uninstall]`: adds (or removes) keyhound's block in the pre-commit hook. Never replaces
// an existing hook: it appends to it; idempotent; uninstall removes only keyhound's lines.

import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { HookEditError, SNAPSHOT_DIR, addBlock, removeBlock } from '../hooks/block.js';
import { buildSnapshot, snapshotPaths, snapshotWanted, withBuildLock } from '../hooks/snapshot.js';
import { repositoryTop } from '../sources/staged.js';
import { locateHook } from '../hooks/locate.js';
import { GitError } from '../util/git.js';
import { EXIT_CLEAN, EXIT_ERROR, type RunIO, type RunResult } from './common.js';

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Builds the start-up snapshot the hook uses when keyhound is installed in the project (see src/hooks/snapshot.ts),
 * so the first commit is already fast; a background build in progress is waited for (it holds the build lock). A
 * failure is a note, not an error: the hook then runs the plain command.
 */
async function snapshotLines(top: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (!snapshotWanted(top, env)) return [];
  let failure: string | null = 'another keyhound kept building it for more than 30 s';
  await withBuildLock(top, 30_000, () => (failure = buildSnapshot(top)));
  const where = relative(top, snapshotPaths(top).blob);
  return failure
    ? [`note: keyhound could not build its start-up snapshot (${failure}); the hook runs the plain command, which takes longer.`]
    : [`built a start-up snapshot for Node ${process.version} (${where}): the hook no longer loads and compiles keyhound at every commit.`];
}

export async function installHookCommand(args: Record<string, unknown>, io: RunIO): Promise<RunResult> {
  const cwd = io.cwd ?? process.cwd();
  try {
    const where = await locateHook(cwd);
    const shown = relative(cwd, where.file) || where.file;
    const before = readOrNull(where.file);
    const lines: string[] = [];
    if (args.uninstall) {
      const edit = before === null ? { content: before, changed: false } : removeBlock(before);
      const top = await repositoryTop(cwd);
      if (existsSync(join(top, SNAPSHOT_DIR))) {
        rmSync(join(top, SNAPSHOT_DIR), { recursive: true, force: true });
        lines.push(`removed keyhound's start-up snapshots (${SNAPSHOT_DIR}).`);
      }
      if (!edit.changed) lines.push(`keyhound is not in ${shown}; nothing to remove.`);
      else if (edit.content === null) {
        rmSync(where.file);
        lines.push(`removed ${shown} (keyhound had created it and nothing else was in it).`);
      } else {
        writeFileSync(where.file, edit.content);
        lines.push(`removed keyhound's lines from ${shown}.`);
      }
      return { exitCode: EXIT_CLEAN, stdout: `${lines.join('\n')}\n`, stderr: '' };
    }
    const edit = addBlock(before);
    if (edit.edited) {
      lines.push(
        `keyhound's lines in ${shown} differ from what any version of keyhound wrote (edited by hand?), so they are left as they are; ` +
          '`keyhound install-hook --uninstall` and then `keyhound install-hook` put the current ones in their place.',
      );
    } else if (!edit.changed) {
      lines.push(`keyhound is already in ${shown}; nothing changed.`);
    } else if (edit.updated) {
      writeFileSync(where.file, edit.content);
      lines.push(`updated keyhound's lines in ${shown} (they came from an earlier version).`);
    } else {
      mkdirSync(dirname(where.file), { recursive: true });
      writeFileSync(where.file, edit.content);
      if (before === null) chmodSync(where.file, 0o755);
      lines.push(before === null ? `created ${shown}: it runs \`keyhound staged\` before every commit.` : `added \`keyhound staged\` to ${shown} (the existing hook is kept).`);
    }
    if (where.kind === 'git' && process.platform !== 'win32' && (statSync(where.file).mode & 0o111) === 0) {
      lines.push(`warning: ${shown} is not executable, so git will not run it (chmod +x ${shown}).`);
    }
    if (where.kind === 'husky') lines.push('commit .husky/pre-commit so that everyone on the project gets the hook.');
    lines.push(...(await snapshotLines(await repositoryTop(cwd), io.env ?? process.env)));
    if (where.note) lines.push(`note: ${where.note}`);
    return { exitCode: EXIT_CLEAN, stdout: `${lines.join('\n')}\n`, stderr: '' };
  } catch (err) {
    if (err instanceof HookEditError) return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound install-hook: ${err.message}\n` };
    if (err instanceof GitError) {
      const why = /not a git repository/i.test(err.stderr) ? 'not inside a git repository' : err.message;
      return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound install-hook: ${why}\n` };
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code) return { exitCode: EXIT_ERROR, stdout: '', stderr: `keyhound install-hook: ${e.message}\n` };
    throw err;
  }
}
