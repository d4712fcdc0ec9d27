// The core of the orchestrator: the engine over fragments from any source, then dedupe and sort. Kept apart from
// scan.ts (which wires config loading and the file-system and stdin sources) so that a start-up-sensitive command
// (`keyhound staged`) loads only what it uses.

import { DEFAULT_MAX_DECODE_DEPTH } from './decode/layers.js';
import { detectDecoded } from './decode/detect.js';
import type { DetectOptions } from './detect/engine.js';
import { dedupe } from './filters/dedupe.js';
import { withSnippets } from './filters/snippet.js';
import { sortFindings } from './filters/sort.js';
import type { CutShort, DropReason, Finding, Fragment, RuleSet } from './model/types.js';

/**
 * Default for `--max-file-size`: 64 MiB, so that big minified bundles (where keys do get pasted) are scanned rather
 * than skipped. Larger files (or blobs) are skipped and reported, never silently.
 */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

export interface FragmentScanResult {
  findings: Finding[];
  files: number;
  bytes: number;
  dropped: Record<string, number>;
  /** Rules that ran out of their time budget, and where. Always reported on stderr by the commands. */
  cutShort: CutShort[];
}

/** The engine's options, and how many levels of encoding to look through (see src/decode). */
export interface FragmentScanOptions extends DetectOptions {
  /** Levels of base64, hex, percent, escape, HTML-entity and concatenation decoding; 0 turns decoding off. Default {@link DEFAULT_MAX_DECODE_DEPTH}. */
  maxDecodeDepth?: number;
}

/** The clock for the rule time budget: the orchestrator may read the clock; the engine only gets it injected. */
export const wallClock = (): number => performance.now();

/**
 * Runs the engine over fragments from any source (and over what decodes in them), then dedupes and sorts. Secrets are left unmasked. Each rule has
 * a time budget per fragment on the wall clock unless `detectOptions.now` says otherwise.
 */
export async function scanFragments(
  ruleSet: RuleSet,
  fragments: AsyncIterable<Fragment>,
  detectOptions: FragmentScanOptions = {},
): Promise<FragmentScanResult> {
  const found: Finding[] = [];
  const dropped = new Map<DropReason, number>();
  let files = 0;
  let bytes = 0;
  const cutShort: CutShort[] = [];
  const { maxDecodeDepth = DEFAULT_MAX_DECODE_DEPTH, ...rest } = detectOptions;
  const options: DetectOptions = { now: wallClock, ...rest };
  for await (const fragment of fragments) {
    files += 1;
    bytes += fragment.bytes ?? fragment.text.length;
    const result = detectDecoded(ruleSet, fragment, options, maxDecodeDepth);
    if (result.cutShort) cutShort.push(...result.cutShort);
    for (const f of withSnippets(result.findings, fragment)) found.push(f);
    for (const [k, v] of result.dropped) dropped.set(k, (dropped.get(k) ?? 0) + v);
  }
  return { findings: sortFindings(dedupe(found)), files, bytes, dropped: Object.fromEntries(dropped), cutShort };
}
