// Fake values made from a rule's part shapes (rule model v2): `{{key}}` in a rule's examples, and the syntax corpus
// test, get a fresh value of the part's prefix, alphabet, length or segments — or of its `fake:` template where a
// checksum needs one. Nothing here is, or is derived from, a real secret.

import type { LengthSpec, PartSpec } from '../model/types.js';
import { ALPHABET_CLASSES, segmentClass } from '../config/v2.js';
import { defaultRng, expandTemplate, randChars, randInt, type Rng } from './index.js';

/** The characters of a regex character-class body such as `A-Za-z0-9_-`. */
export function classChars(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    let ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) ch = body[++i]!;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2] === '\\' ? body[i + 3]! : body[i + 2]!;
      for (let c = ch.charCodeAt(0); c <= to.charCodeAt(0); c++) out += String.fromCharCode(c);
      i += body[i + 2] === '\\' ? 3 : 2;
    } else out += ch;
  }
  return [...new Set(out)].join('');
}

function pickLength(length: LengthSpec | undefined, rng: Rng): number {
  if (length === undefined) return 32;
  if (typeof length === 'number') return length;
  if (Array.isArray(length)) return length[randInt(length.length, rng)]!;
  const [lo, hi] = length.split('-').map(Number) as [number, number];
  return lo + randInt(hi - lo + 1, rng);
}

function pick<T>(v: T | T[] | undefined, rng: Rng): T | undefined {
  return Array.isArray(v) ? v[randInt(v.length, rng)] : v;
}

/** A fresh fake value of a part's shape. */
export function fakePart(part: PartSpec, rng: Rng = defaultRng): string {
  if (part.fake !== undefined) return expandTemplate(part.fake, rng);
  let body = '';
  if (part.segments) {
    for (const seg of part.segments) {
      if (typeof seg === 'string') body += seg;
      else {
        const { cls, length } = segmentClass(seg, { field: 'segments' });
        body += randChars(classChars(cls), pickLength(length, rng), rng);
      }
    }
  } else {
    const chars = classChars(part.chars ?? ALPHABET_CLASSES[part.alphabet ?? 'alnum']!);
    body = randChars(chars, pickLength(part.length, rng), rng);
  }
  return `${pick(part.prefix, rng) ?? ''}${body}${part.suffix ?? ''}`;
}

/** Template generators for a rule's parts: `{{key}}`, `{{secret}}`, ... */
export function partGenerators(parts: Record<string, PartSpec> | undefined): Record<string, (rng: Rng) => string> {
  const out: Record<string, (rng: Rng) => string> = {};
  for (const [name, part] of Object.entries(parts ?? {})) out[name] = (rng) => fakePart(part, rng);
  return out;
}
