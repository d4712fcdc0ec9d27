// The lines keyhound adds to a pre-commit hook, and the pure text edits that add and remove them. The block sits
// between two marker comments, so installing twice changes nothing and uninstalling removes exactly what was added:
// flags on the opening marker record how it was added (file created, newline added, put at the top), so the
// previous content comes back byte for byte.

export const BEGIN = '# >>> keyhound pre-commit';
export const END = '# <<< keyhound pre-commit <<<';
const SHEBANG = '#!/bin/sh\n';

/** Where the hook looks for keyhound's start-up snapshot (src/hooks/snapshot.ts), relative to the repository top. */
export const SNAPSHOT_DIR = 'node_modules/.cache/keyhound';

type Flag = 'created' | 'newline' | 'top';
const FLAGS: ReadonlySet<string> = new Set<Flag>(['created', 'newline', 'top']);

// The lines every version of the hook body shares (see hookBody).
const BODY_HEAD = [
  '# Blocks commits that add secrets. Managed by `keyhound install-hook`; `keyhound install-hook --uninstall` removes it.',
  'keyhound_staged() {',
  '  if [ -n "${KEYHOUND_BIN:-}" ]; then "$KEYHOUND_BIN" staged --quiet',
];
const BODY_TAIL = [
  '  elif command -v keyhound >/dev/null 2>&1; then keyhound staged --quiet',
  '  elif command -v npx >/dev/null 2>&1 && npx --no-install keyhound --version >/dev/null 2>&1; then npx --no-install keyhound staged --quiet',
  '  else',
  '    echo "keyhound: not found (looked at \\$KEYHOUND_BIN, node_modules/.bin, PATH and npx --no-install); commit refused." >&2',
  '    echo "keyhound: install it (npm install --save-dev keyhound) or set KEYHOUND_BIN to its path, then commit again." >&2',
  '    return 2',
  '  fi',
  '}',
  'keyhound_staged || exit $?',
];

/**
 * The hook body. It finds keyhound in KEYHOUND_BIN, then node_modules/.bin (git runs hooks at the repository top),
 * then PATH, then `npx --no-install`. When none is found it fails closed: the commit is refused with instructions,
 * because a hook that silently lets everything through is the failure nobody notices.
 *
 * A project-local keyhound first tries its start-up snapshot for the running Node (src/hooks/snapshot.ts), unless
 * KEYHOUND_NO_SNAPSHOT or NODE_OPTIONS is set (V8 options other than those it was built with stop Node loading
 * it). Exit codes 0, 1 and 2 are keyhound's answer; any other (the snapshot is out of date, the arguments need the
 * full parser, Node could not load it) means the plain command runs, so a commit is never let through unscanned;
 * KEYHOUND_FROM_HOOK tells that command how the snapshot exited ("none": there was none), so that it can make a new
 * one in the background or retire one that keeps crashing.
 */
export function hookBody(): string {
  return [
    ...BODY_HEAD,
    '  elif [ -x node_modules/.bin/keyhound ]; then',
    '    keyhound_rc=none',
    `    keyhound_snapshot="${SNAPSHOT_DIR}/staged-$(node --version 2>/dev/null).blob"`,
    '    if [ -z "${KEYHOUND_NO_SNAPSHOT:-}${NODE_OPTIONS:-}" ] && [ -f "$keyhound_snapshot" ]; then',
    '      node --snapshot-blob "$keyhound_snapshot" staged --quiet',
    '      keyhound_rc=$?',
    '      case $keyhound_rc in 0|1|2) return $keyhound_rc ;; esac',
    '    fi',
    '    KEYHOUND_FROM_HOOK="$keyhound_rc" node_modules/.bin/keyhound staged --quiet',
    ...BODY_TAIL,
  ].join('\n');
}

/**
 * Bodies that earlier versions of keyhound wrote, word for word. `install-hook` replaces these, and only these, with
 * the current body: a block whose lines were edited by hand is left alone (and the user told).
 */
const EARLIER_BODIES: readonly string[] = [
  [...BODY_HEAD, '  elif [ -x node_modules/.bin/keyhound ]; then node_modules/.bin/keyhound staged --quiet', ...BODY_TAIL].join('\n'),
];

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
 * How to chain keyhound with a hook keyhound will not edit (a compiled program, a script in another language): the
 * hook moves aside and keyhound's own hook runs it after the scan, keeping its exit status.
 */
export function chainByHand(file: string): string {
  return [
    'to chain it by hand, keep your hook under another name and let keyhound create the hook that runs both:',
    `  mv ${file} ${file}.local`,
    '  keyhound install-hook',
    `  printf 'exec "$(dirname "$0")/pre-commit.local" "$@"\\n' >> ${file}`,
    '(keyhound runs first; your hook then runs and its exit status decides the commit)',
  ].join('\n');
}

/**
 * Adds the block to a hook's content (null: no hook yet), right after the `#!` line (at the very top of a hook
 * without one): keyhound runs first and stops the commit on a finding, then the hook's own commands run and the last
 * of them decides the exit status as before. Appended at the end, the block would become the last command and hide a
 * failure of the hook's own last command. Throws HookEditError for a hook that is not a shell script.
 */
export function addBlock(content: string | null): { content: string; changed: boolean; updated?: boolean; edited?: boolean } {
  if (content === null || content === '') return { content: `${SHEBANG}${block(['created'])}`, changed: true };
  const found = findBlock(content);
  if (found) {
    const installed = content.slice(found.start, found.end);
    const body = installed.slice(installed.indexOf('\n') + 1, installed.lastIndexOf(`\n${END}`));
    if (body === hookBody()) return { content, changed: false };
    if (!EARLIER_BODIES.includes(body)) return { content, changed: false, edited: true };
    // Written by an earlier keyhound: brought up to date in place, with the same flags and line ending.
    const current = block([...found.flags].filter((f): f is Flag => FLAGS.has(f)));
    const ending = installed.endsWith('\n') ? current : current.slice(0, -1);
    return { content: content.slice(0, found.start) + ending + content.slice(found.end), changed: true, updated: true };
  }
  const interp = interpreter(content);
  if (interp !== null && !SHELLS.has(interp)) {
    throw new HookEditError(
      `the existing hook is a ${interp} script, so keyhound leaves it untouched rather than add shell lines to it; ` +
        'add a call to `keyhound staged` to it yourself (exit code 1 or 2 must stop the commit), or chain it',
    );
  }
  const nl = content.startsWith('#!') ? content.indexOf('\n') : -1;
  if (content.startsWith('#!') && nl === -1) return { content: `${content}\n${block(['newline'])}`, changed: true };
  const at = nl + 1;
  return { content: `${content.slice(0, at)}${block(['top'])}${content.slice(at)}`, changed: true };
}

/** Removes the block. `content` null means the file should be deleted (keyhound created it and nothing else is left). */
export function removeBlock(content: string): { content: string | null; changed: boolean } {
  const found = findBlock(content);
  if (!found) return { content, changed: false };
  let before = content.slice(0, found.start);
  const after = content.slice(found.end);
  // The newline keyhound added before its block goes only when nothing follows the block: lines the user added after
  // it must stay on lines of their own.
  if (found.flags.has('newline') && before.endsWith('\n') && after === '') before = before.slice(0, -1);
  const rest = before + after;
  if (found.flags.has('created') && (rest === SHEBANG || rest === '')) return { content: null, changed: true };
  return { content: rest, changed: true };
}
