// Standard input as one fragment (`keyhound scan -`), reported under `--stdin-filename` or "stdin".

import type { Readable } from 'node:stream';
import type { Fragment, Skip } from '../model/types.js';
import { decode } from './decode.js';

export async function* stdinSource(input: Readable, path: string, onSkip: (skip: Skip) => void): AsyncGenerator<Fragment> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const buf = Buffer.concat(chunks);
  const decoded = decode(buf);
  if ('binary' in decoded) {
    onSkip({ path, reason: 'binary' });
    return;
  }
  yield { ...decoded, path, bytes: buf.length };
}
