// Standard input as one fragment (`keyhound scan -`), reported under `--stdin-filename` or "stdin". At most
// `maxBytes` are read (--max-file-size): the rest is left unread and reported as skipped, so an endless stream
// (`< /dev/zero`) cannot grow memory without bound.

import type { Readable } from 'node:stream';
import type { Fragment, Skip } from '../model/types.js';
import { chunkable, chunkFragments, CHUNK_ABOVE } from './chunks.js';
import { decode } from './decode.js';

export async function* stdinSource(input: Readable, path: string, onSkip: (skip: Skip) => void, maxBytes = Number.POSITIVE_INFINITY): AsyncGenerator<Fragment> {
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (total + buf.length > maxBytes) {
      chunks.push(buf.subarray(0, maxBytes - total));
      total = maxBytes;
      truncated = true;
      break; // leaving the loop stops reading (the stream is destroyed)
    }
    chunks.push(buf);
    total += buf.length;
  }
  if (truncated) {
    input.destroy();
    onSkip({ path, reason: `larger than --max-file-size: only the first ${maxBytes} bytes were scanned, the rest was not read` });
  }
  const buf = Buffer.concat(chunks);
  if (buf.length > CHUNK_ABOVE && chunkable(buf)) {
    yield* chunkFragments(buf, path, onSkip); // too large for one string: scanned a chunk at a time
    return;
  }
  const decoded = decode(buf);
  if ('binary' in decoded) {
    onSkip({ path, reason: 'binary' });
    return;
  }
  yield { ...decoded, path, bytes: buf.length };
}
