// `keyhound install-hook [--uninstall]`: adds (or removes) keyhound's block in the pre-commit hook. Never replaces
// an existing hook: keyhound's block goes first in it; idempotent; uninstall removes only keyhound's lines, byte for
// byte. It never writes through a symbolic link (a committed `.husky/pre-commit` could name any file) and never edits
// a hook that is not a shell script (a compiled hook would be corrupted).

import { chmodSync, existsSync, lstatSync, mkdirSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { dirname, join, relative } from 'node:path';
import { HookEditError, SNAPSHOT_DIR, addBlock, chainByHand, removeBlock } from '../hooks/block.js';
import { assertNoLinkBelow, BoundedReadError, readBoundedFile, writeFileReplacing } from '../util/files.js';
import { buildSnapshot, snapshotPaths, snapshotWanted, withBuildLock } from '../hooks/snapshot.js';
import { repositoryTop } from '../sources/staged.js';
import { locateHook } from '../hooks/locate.js';
import { GitError } from '../util/git.js';
import { EXIT_CLEAN, EXIT_ERROR, type RunIO, type RunResult } from './common.js';

/**
 * The hook's bytes, or null when there is none. Refuses (HookEditError) a hook that is a symbolic link, or that lies
 * below a linked folder of the repository (`.husky` committed as a link), since keyhound would write through it.
 */
function readHook(file: string, top: string, shown: string): Buffer | null {
  let st;
  try {
    st = lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    st = null;
  }
  if (st?.isSymbolicLink()) {
    throw new HookEditError(
      `${shown} is a symbolic link (to ${readlinkSync(file)}), and keyhound never writes through a link: edit the file it names yourself, or replace the link with a file`,
    );
  }
  try {
    assertNoLinkBelow(top, file);
  } catch (err) {
    throw new HookEditError((err as Error).message);
  }
  if (st === null) return null;
  try {
    return readBoundedFile(file, 1024 * 1024);
  } catch (err) {
    if (err instanceof BoundedReadError) throw new HookEditError(`${shown}: ${err.message}`);
    throw err;
  }
}

/** A hook keyhound can edit as shell text: UTF-8 without NUL bytes. Anything else (a compiled program) is refused. */
function hookText(bytes: Buffer | null, shown: string, file: string): string | null {
  if (bytes === null) return null;
  if (bytes.includes(0) || !isUtf8(bytes)) {
    throw new HookEditError(`${shown} is not a shell script (a compiled program?), so keyhound leaves it untouched; ${chainByHand(file)}`);
  }
  return bytes.toString('utf8');
}

/** Writes the hook by renaming a new file over it, with the old file's permissions (0755 for a new hook). */
function writeHook(file: string, content: string): void {
  let mode = 0o755;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    // a new hook
  }
  writeFileReplacing(file, content, mode);
  chmodSync(file, mode);
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
    const bytes = readHook(where.file, where.top, shown);
    const lines: string[] = [];
    if (args.uninstall) {
      // A hook that is not text was never edited by keyhound: nothing to remove, and nothing is written.
      const before = bytes !== null && !bytes.includes(0) && isUtf8(bytes) ? bytes.toString('utf8') : null;
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
        writeHook(where.file, edit.content);
        lines.push(`removed keyhound's lines from ${shown}.`);
      }
      return { exitCode: EXIT_CLEAN, stdout: `${lines.join('\n')}\n`, stderr: '' };
    }
    const before = hookText(bytes, shown, relative(cwd, where.file) || where.file);
    let edit: ReturnType<typeof addBlock>;
    try {
      edit = addBlock(before);
    } catch (err) {
      if (err instanceof HookEditError) throw new HookEditError(`${shown}: ${err.message}; ${chainByHand(relative(cwd, where.file) || where.file)}`);
      throw err;
    }
    if (edit.edited) {
      lines.push(
        `keyhound's lines in ${shown} differ from what any version of keyhound wrote (edited by hand?), so they are left as they are; ` +
          '`keyhound install-hook --uninstall` and then `keyhound install-hook` put the current ones in their place.',
      );
    } else if (!edit.changed) {
      lines.push(`keyhound is already in ${shown}; nothing changed.`);
    } else if (edit.updated) {
      writeHook(where.file, edit.content);
      lines.push(`updated keyhound's lines in ${shown} (they came from an earlier version).`);
    } else {
      mkdirSync(dirname(where.file), { recursive: true });
      writeHook(where.file, edit.content);
      lines.push(
        before === null
          ? `created ${shown}: it runs \`keyhound staged\` before every commit.`
          : `added \`keyhound staged\` to ${shown}, first, so that the existing hook still runs after it and its exit status still counts.`,
      );
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
