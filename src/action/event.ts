// What the Action scans, decided from the workflow event (pure: event name and payload in, a plan out).
// https://docs.github.com/en/webhooks/webhook-events-and-payloads

export type ActionMode = 'auto' | 'scan' | 'history' | 'diff';
export const ACTION_MODES: readonly ActionMode[] = ['auto', 'scan', 'history', 'diff'];

/** What to scan. */
export type Plan =
  /** The checked-out files; `why` when an event's payload could not be used (never: nothing at all). */
  | { kind: 'scan'; why?: string }
  | { kind: 'history' }
  /** `base...head` (mergeBase) for a pull request, `base..head` for a push. Every commit of it, against its parents. */
  | { kind: 'diff'; base: string; head: string; mergeBase: boolean; why: string; pullRequest: boolean }
  /**
   * A push that created a branch (or a repository's first push): the commits reachable from `head` and from no
   * other branch of the remote; with no other branch, the whole history of `head`.
   */
  | { kind: 'new-branch'; head: string; ref: string | null; defaultBranch: string | null; why: string }
  | { kind: 'nothing'; why: string };

const ZERO = /^0+$/;
/** A full commit id (SHA-1 or SHA-256). */
const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

interface EventPayload {
  before?: string;
  after?: string;
  created?: boolean;
  deleted?: boolean;
  ref?: string;
  repository?: { default_branch?: string };
  pull_request?: { base?: { sha?: string; ref?: string }; head?: { sha?: string } };
}

const unusable = (what: string): Plan => ({ kind: 'scan', why: `${what}, so the whole checkout is scanned instead` });

/** The range an event names, or null when it names none (schedule, workflow_dispatch, …). */
function eventRange(eventName: string, event: EventPayload): Plan | null {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const base = event.pull_request?.base?.sha;
    const head = event.pull_request?.head?.sha;
    if (!isCommit(base) || !isCommit(head)) return unusable(`the ${eventName} event has no usable pull_request.base.sha and head.sha`);
    return {
      kind: 'diff',
      base,
      head,
      mergeBase: true,
      pullRequest: true,
      why: `pull request: every commit of ${head.slice(0, 12)} not in ${base.slice(0, 12)}`,
    };
  }
  if (eventName === 'push') {
    const { before, after } = event;
    // A deletion says so (`deleted`, and `after` all zeros); a payload without a usable `after` is not one.
    if (event.deleted === true || (typeof after === 'string' && ZERO.test(after))) {
      return { kind: 'nothing', why: 'push deleted a branch or tag: nothing added' };
    }
    if (!isCommit(after)) return unusable('the push event has no usable `after` commit');
    if (!isCommit(before)) {
      return {
        kind: 'new-branch',
        head: after,
        ref: typeof event.ref === 'string' ? event.ref : null,
        defaultBranch: event.repository?.default_branch ?? null,
        why: `push created ${event.ref ?? 'a branch'}`,
      };
    }
    return { kind: 'diff', base: before, head: after, mergeBase: false, pullRequest: false, why: `push: every commit of ${after.slice(0, 12)} not in ${before.slice(0, 12)}` };
  }
  return null;
}

function isCommit(value: unknown): value is string {
  return typeof value === 'string' && COMMIT_ID.test(value) && !ZERO.test(value);
}

/** The plan for a mode and an event. Throws when `diff` is asked for an event without a range. */
export function planFor(mode: ActionMode, eventName: string, event: EventPayload): Plan {
  if (mode === 'scan') return { kind: 'scan' };
  if (mode === 'history') return { kind: 'history' };
  const range = eventRange(eventName, event);
  if (range) return range;
  if (mode === 'diff') throw new Error(`mode diff needs a pull_request, pull_request_target or push event, not "${eventName || 'none'}"`);
  return { kind: 'scan' };
}
