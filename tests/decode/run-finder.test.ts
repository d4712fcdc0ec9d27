// The WebAssembly search for base64 runs against the JavaScript one it stands in for: the same run starts, in UTF-16
// offsets, on texts of every kind (non-ASCII, 4-byte characters, runs across 16-byte blocks and 1 MiB chunks), and
// the same spans from spans() either way.

import { describe, expect, it } from 'vitest';
import { RunFinder } from '../../src/decode/run-finder.js';
import { runStarts, spans } from '../../src/decode/spans.js';
import { anthropicKey, githubToken, randChars } from '../../src/fakes/index.js';

const finder = RunFinder.of()!;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_';
const OTHER = [' ', '.', '\n', '=', '"', 'é', '€', '😀', '\u0000', '\\', '~'];

/** Text of runs of the alphabet of every length around the shortest reported (24), between other characters. */
function mixed(pieces: number, seed: number): string {
  let x = seed;
  const rand = (n: number): number => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  let out = '';
  for (let i = 0; i < pieces; i++) {
    out += randChars(B64, [0, 3, 15, 16, 17, 23, 24, 25, 31, 32, 33, 40, 100][rand(13)]!);
    out += OTHER[rand(OTHER.length)]!.repeat(1 + rand(2));
  }
  return out;
}

describe('RunFinder', () => {
  it('is available here (Node has WebAssembly SIMD)', () => {
    expect(finder).not.toBeNull();
  });

  it('finds the run starts the JavaScript search finds, on mixed text', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const text = mixed(400, seed);
      expect(finder.starts(Buffer.from(text, 'utf8'))).toEqual(runStarts(text));
    }
  });

  it('finds runs at the very start and end, and across a 1 MiB chunk boundary', () => {
    const run = randChars(B64, 50);
    const pad = 'x.'.repeat(((1 << 20) - 20) / 2);
    const text = `${run} ${pad}${randChars(B64, 40)} ${'é'.repeat(100)}${run}`;
    expect(finder.starts(Buffer.from(text, 'utf8'))).toEqual(runStarts(text));
    expect(runStarts(text)).toHaveLength(3);
  });

  it('reports nothing for runs shorter than 24', () => {
    const text = `${randChars(B64, 23)} ${randChars(B64, 16)}.${randChars(B64, 23)}`;
    expect(finder.starts(Buffer.from(text))).toEqual([]);
  });
});

describe('spans() with the bytes', () => {
  it('gives the spans it gives without them, on a large file with encoded keys', () => {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const filler = mixed(2000, 7);
    const text = `${filler}\ndata:\n  a: ${b64(anthropicKey())}\n  g: ${b64(`user:${githubToken()}`)}\n${filler}\nx = "${b64(`TOKEN=${githubToken()}\nOTHER=é`)}"\n`;
    const key = (s: { start: number; end: number; encoding: string; text: string }): string => `${s.start} ${s.end} ${s.encoding} ${s.text}`;
    const plain = spans(text).map(key).sort();
    expect(spans(text, Buffer.from(text, 'utf8')).map(key).sort()).toEqual(plain);
    expect(plain.filter((s) => s.includes(' base64 '))).toHaveLength(3);
  });
});
