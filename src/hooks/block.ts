// The lines keyhound adds to a pre-commit hook, and the pure text edits that add and remove them. The block sits
// between two marker comments, so installing twice changes nothing and uninstalling removes exactly what was added:
// flags on the opening marker record how it was added (file created, newline added, put at the top), so the
// previous content comes back byte for byte.

export const BEGIN = '# >>> keyhound pre-commit';
export const END = '# <<< keyhound pre-commit <<<';
const SHEBANG = '#!/bin/sh\n';

type Flag = 'created' | 'newline' | 'top';

/**
 * The hook body. It finds keyhound in KEYHOUND_BIN, then node_modules/.bin (git runs hooks at the repository top),
 * then PATH, then `npx --no-install`. When none is found it fails closed: the commit is refused with instructions,
 * because a hook that silently lets everything through is the failure nobody notices.
 */
export function hookBody(): string {
  return [
    '# Blocks commits that add secrets. Managed by `keyhound install-hook`; `keyhound install-hook --uninstall` removes it.',
    'keyhound_staged() {',
    '  if [ -n "${KEYHOUND_BIN:-}" ]; then "$KEYHOUND_BIN" staged --quiet',
    '  elif [ -x node_modules/.bin/keyhound ]; then node_modules/.bin/keyhound staged --quiet',
    '  elif command -v keyhound >/dev/null 2>&1; then keyhound staged --quiet',
    '  elif command -v npx >/dev/null 2>&1 && npx --no-install keyhound --version >/dev/null 2>&1; then npx --no-install keyhound staged --quiet',
    '  else',
    '    echo "keyhound: not found (looked at \\$KEYHOUND_BIN, node_modules/.bin, PATH and npx --no-install); commit refused." >&2',
    '    echo "keyhound: install it (npm install --save-dev keyhound) or set KEYHOUND_BIN to its path, then commit again." >&2',
    '    return 2',
    '  fi',
    '}',
    'keyhound_staged || exit $?',
  ].join('\n');
}

function block(flags: Flag[]): string {
  return `${BEGIN}${flags.length ? ` [${flags.join(' ')}]` : ''} >>>\n${hookBody()}\n${END}\n`;
}

/** The interpreter named on a `#!` line, or null when there is none. */
export function interpreter(content: string): string | null {
  const m = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(content);
  if (!m) return null;
  const prog = m[1]!.split('/').pop()!;
  return prog === 'env' && m[2] ? m[2] : prog;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ksh', 'zsh', 'ash', 'busybox']);

export class HookEditError extends Error {
  override name = 'HookEditError';
}

export function isInstalled(content: string | null): boolean {
  return content !== null && findBlock(content) !== null;
}

function findBlock(content: string): { start: number; end: number; flags: Set<string> } | null {
  const start = content.startsWith(BEGIN) ? 0 : content.indexOf(`\n${BEGIN}`) + 1;
  if (start === 0 && !content.startsWith(BEGIN)) return null;
  const endAt = content.indexOf(`\n${END}`, start);
  if (endAt === -1) return null;
  let end = endAt + 1 + END.length;
  if (content[end] === '\n') end += 1;
  const head = content.slice(start, content.indexOf('\n', start));
  const flags = new Set(/\[([^\]]*)\]/.exec(head)?.[1]?.split(' ') ?? []);
  return { start, end, flags };
}

/**
 * Adds the block to a hook's content (null: no hook yet). Appends at the end, unless the hook may stop before
 * reaching the end (a top-level `exit` or `exec`), in which case the block goes right after the `#!` line.
 * Throws HookEditError for a hook that is not a shell script.
 */
export function addBlock(content: string | null): { content: string; changed: boolean } {
  if (content === null || content === '') return { content: `${SHEBANG}${block(['created'])}`, changed: true };
  if (isInstalled(content)) return { content, changed: false };
  const interp = interpreter(content);
  if (interp !== null && !SHELLS.has(interp)) {
    throw new HookEditError(
      `the existing hook is a ${interp} script, so keyhound cannot add shell lines to it; add a call to \`keyhound staged\` to it yourself (exit code 1 or 2 must stop the commit)`,
    );
  }
  if (/^\s*(?:exit|exec)\b/m.test(content)) {
    const nl = content.startsWith('#!') ? content.indexOf('\n') : -1;
    if (content.startsWith('#!') && nl === -1) return { content: `${content}\n${block(['newline'])}`, changed: true };
    const at = nl + 1;
    return { content: `${content.slice(0, at)}${block(['top'])}${content.slice(at)}`, changed: true };
  }
  if (!content.endsWith('\n')) return { content: `${content}\n${block(['newline'])}`, changed: true };
  return { content: `${content}${block([])}`, changed: true };
}

/** Removes the block. `content` null means the file should be deleted (keyhound created it and nothing else is left). */
export function removeBlock(content: string): { content: string | null; changed: boolean } {
  const found = findBlock(content);
  if (!found) return { content, changed: false };
  let before = content.slice(0, found.start);
  const after = content.slice(found.end);
  if (found.flags.has('newline') && before.endsWith('\n')) before = before.slice(0, -1);
  const rest = before + after;
  if (found.flags.has('created') && (rest === SHEBANG || rest === '')) return { content: null, changed: true };
  return { content: rest, changed: true };
}
