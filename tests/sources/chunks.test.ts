// Issue 18 case 3: text larger than a JavaScript string is scanned in chunks of whole lines with overlap. The
// property: on random text made of real key examples and filler, with random chunk sizes, the chunked scan finds
// exactly what the whole scan finds, at the same line and column.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRulePacks } from '../../src/config/load.js';
import { detectDecoded } from '../../src/decode/detect.js';
import { expandTemplate, type Rng } from '../../src/fakes/index.js';
import { partGenerators } from '../../src/fakes/parts.js';
import { dedupe } from '../../src/filters/dedupe.js';
import type { Finding, Fragment, Skip } from '../../src/model/types.js';
import { loadRuleSet } from '../../src/scan.js';
import { chunkFragments, LineRange } from '../../src/sources/chunks.js';
import { decodeUtf8 } from '../../src/sources/decode.js';
import { tempDir } from '../helpers/tmp.js';

const SEED = 18;

function mulberry32(seed: number): Rng {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const { ruleSet } = loadRuleSet(tempDir());
const rng = mulberry32(SEED);
const examples = loadRulePacks()
  .flatMap((p) => p.rules)
  .flatMap((r) => (r.examples?.positive ?? []).map((t) => expandTemplate(t, rng, partGenerators(r.parts))));
const filler = ['', 'hello world', 'const x = 1;', '# notes: é 🔑 ünïcödé', '    }', 'a'.repeat(300), 'lorem ipsum dolor sit amet'];

const key = (f: Finding): string => [f.ruleId, f.line, f.column, f.endLine, f.endColumn, f.secret].join(' ');
const detectOptions = { honorGitleaksAllow: false };
const OVERLAP = 8192;

function whole(text: string): string[] {
  const fragment: Fragment = { ...decodeUtf8(Buffer.from(text)), path: 'app/settings.env' };
  return dedupe(detectDecoded(ruleSet, fragment, detectOptions, 2).findings).map(key).sort();
}

function chunked(text: string, chunkBytes: number, overlapBytes: number, maxChunkBytes = 1 << 30): { keys: string[]; skips: Skip[]; owned: number } {
  const skips: Skip[] = [];
  const found: Finding[] = [];
  let owned = 0;
  for (const fragment of chunkFragments(Buffer.from(text), 'app/settings.env', (s) => void skips.push(s), { chunkBytes, overlapBytes, maxChunkBytes })) {
    owned += fragment.bytes ?? 0;
    found.push(...detectDecoded(ruleSet, fragment, detectOptions, 2).findings);
  }
  return { keys: dedupe(found).map(key).sort(), skips, owned };
}

const line = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...examples) }, { weight: 3, arbitrary: fc.constantFrom(...filler) });
const text = fc.tuple(fc.array(line, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.boolean()).map(([lines, crlf, lastNewline]) => lines.join(crlf ? '\r\n' : '\n') + (lastNewline ? '\n' : ''));

describe('issue 18 case 3: chunked scan', () => {
  it('finds exactly what the whole scan finds, at the same place, whatever the chunk size (property, seed 18)', () => {
    let found = 0;
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 3000 }), (t, chunkBytes) => {
        const c = chunked(t, chunkBytes, OVERLAP);
        expect(c.skips).toEqual([]);
        expect(c.owned).toBe(Buffer.byteLength(t)); // every byte belongs to exactly one chunk
        const w = whole(t);
        expect(c.keys).toEqual(w);
        found += w.length;
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(found).toBeGreaterThan(300); // the inputs hold keys: the property is not about empty results
  });

  it('finds a key across every chunk boundary with a small overlap, as long as the key and its line fit in it', () => {
    const lines = examples.filter((e) => !e.includes('\n') && e.length < 200).slice(0, 60);
    const t = lines.join('\n');
    expect(whole(t).length).toBeGreaterThan(30);
    for (const chunkBytes of [1, 7, 64, 333]) expect(chunked(t, chunkBytes, 512).keys).toEqual(whole(t));
  });

  it('cuts a line longer than the largest chunk, and says how much of it was not scanned', () => {
    const c = chunked(`short\n${'x'.repeat(5000)}\nend\n`, 100, 50, 1000);
    expect(c.skips).toEqual([{ path: 'app/settings.env', reason: 'line 2 is longer than 1000 bytes: its last 4001 bytes were not scanned' }]);
  });

  it('LineRange is the set of its lines', () => {
    const r = new LineRange(3, 5);
    expect([...r]).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
    expect(r.has(2) || r.has(6)).toBe(false);
  });
});
