// What the Action scans, decided from the workflow event (pure: event name and payload in, a plan out).
// https://docs.github.com/en/webhooks/webhook-events-and-payloads

export type ActionMode = 'auto' | 'scan' | 'history' | 'diff';
export const ACTION_MODES: readonly ActionMode[] = ['auto', 'scan', 'history', 'diff'];

/** What to scan. */
export type Plan =
  | { kind: 'scan' }
  | { kind: 'history' }
  /** `base...head` (mergeBase) for a pull request, `base..head` for a push. */
  | { kind: 'diff'; base: string; head: string; mergeBase: boolean; why: string }
  /** A push that created a branch: what the branch adds over the default branch, else the whole tree of `head`. */
  | { kind: 'new-branch'; head: string; defaultBranch: string | null; why: string }
  | { kind: 'nothing'; why: string };

const ZERO = /^0+$/;

interface EventPayload {
  before?: string;
  after?: string;
  created?: boolean;
  deleted?: boolean;
  ref?: string;
  repository?: { default_branch?: string };
  pull_request?: { base?: { sha?: string; ref?: string }; head?: { sha?: string } };
}

/** The range an event names, or null when it names none (schedule, workflow_dispatch, …). */
function eventRange(eventName: string, event: EventPayload): Plan | null {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const base = event.pull_request?.base?.sha;
    const head = event.pull_request?.head?.sha;
    if (!base || !head) throw new Error(`the ${eventName} event has no pull_request.base.sha / head.sha`);
    return { kind: 'diff', base, head, mergeBase: true, why: `pull request: what ${head.slice(0, 12)} adds over its merge base with ${base.slice(0, 12)}` };
  }
  if (eventName === 'push') {
    const { before, after } = event;
    if (!after || ZERO.test(after) || event.deleted) return { kind: 'nothing', why: 'push deleted a branch or tag: nothing added' };
    if (!before || ZERO.test(before)) {
      return {
        kind: 'new-branch',
        head: after,
        defaultBranch: event.repository?.default_branch ?? null,
        why: `push created ${event.ref ?? 'a branch'}`,
      };
    }
    return { kind: 'diff', base: before, head: after, mergeBase: false, why: `push: what ${after.slice(0, 12)} adds over ${before.slice(0, 12)}` };
  }
  return null;
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
