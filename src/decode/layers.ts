// Decoding repeated: the spans of a text, then the spans of what they decoded to, down to a maximum depth. Every
// piece remembers the span of the original text it came from (the outermost encoded span) and its chain of encodings.

import { spans, type Encoding } from './spans.js';

/** Default for `--max-decode-depth`: a key encoded twice (base64 of base64, an escaped string in base64) is found. */
export const DEFAULT_MAX_DECODE_DEPTH = 2;

/** The decoding depth in force: the command line's, else the config's `maxDecodeDepth`, else the default. */
export function decodeDepth(options: { maxDecodeDepth?: number | undefined }, config: { maxDecodeDepth?: number | undefined }): number {
  return options.maxDecodeDepth ?? config.maxDecodeDepth ?? DEFAULT_MAX_DECODE_DEPTH;
}

/** Decoded text, and where its encoded form lies in the original text. */
export interface Piece {
  /** Start of the outermost encoded span in the original text. */
  start: number;
  /** End (exclusive) of that span. */
  end: number;
  /** The encodings undone, outermost first. */
  chain: Encoding[];
  text: string;
}

/**
 * Every decoded piece of `text`, level by level, up to `maxDepth` levels (0: none). `utf8`: the bytes `text` was
 * decoded from, when valid UTF-8 (see {@link spans}).
 */
export function decodeLayers(text: string, maxDepth: number, utf8?: Uint8Array): Piece[] {
  const out: Piece[] = [];
  let frontier: Piece[] = [{ start: 0, end: text.length, chain: [], text }];
  for (let depth = 1; depth <= maxDepth && frontier.length; depth++) {
    const next: Piece[] = [];
    for (const p of frontier) {
      for (const s of spans(p.text, depth === 1 ? utf8 : undefined)) {
        // A piece that decodes to itself again (an escape span inside what an escape span gave) is not new.
        if (s.text === p.text) continue;
        const top = p.chain.length ? p : { start: s.start, end: s.end };
        next.push({ start: top.start, end: top.end, chain: [...p.chain, s.encoding], text: s.text });
      }
    }
    for (const p of next) out.push(p);
    frontier = next;
  }
  return out;
}
