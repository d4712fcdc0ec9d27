// `--verify` and `--only-verified` for scan, history, diff and staged: the scan keeps secrets whole, the credentials
// are checked at their providers (src/verify), then the findings are redacted as usual, and a note on stderr says
// what was sent where. Without either flag nothing here touches the network.

import { redact } from '../filters/redact.js';
import type { Finding, RuleSet } from '../model/types.js';
import { UsageError, type RunIO } from './common.js';

/** Whether the command line asks for verification (`--only-verified` implies it). */
export function wantsVerify(args: Record<string, unknown>): boolean {
  return Boolean(args.verify || args['only-verified']);
}

/**
 * Verifies raw `findings` when asked, keeps only live ones with --only-verified, and redacts unless --no-redact.
 * Returns the findings to report and the note for stderr. A bad KEYHOUND_VERIFY_ENDPOINTS is a usage error. The run's
 * `ruleSet` lets parts found by different rules pair up (an AWS key id and its secret).
 */
export async function verifyStep(findings: Finding[], args: Record<string, unknown>, io: RunIO, ruleSet?: RuleSet): Promise<{ findings: Finding[]; note: string }> {
  if (!wantsVerify(args)) return { findings, note: '' };
  // Loaded only when asked, so a run without --verify never even loads the network code.
  const { verifyFindings, sentNote, VerifyConfigError } = await import('../verify/index.js');
  let run;
  try {
    run = await verifyFindings(findings, { env: io.env ?? process.env, ...(ruleSet ? { ruleSet } : {}) });
  } catch (err) {
    if (err instanceof VerifyConfigError) throw new UsageError(err.message);
    throw err;
  }
  let out = run.findings;
  if (args['only-verified']) out = out.filter((f) => f.verification?.status === 'live');
  return { findings: args['no-redact'] ? out : redact(out), note: sentNote(run.sent) };
}
