// The changed region of a new file version: whole lines, with context, positioned in the whole file.

import { describe, expect, it } from 'vitest';
import { BlobCache, changedRegion } from '../../src/sources/history-delta.js';

const lines = (n: number, tag = 'line') => Array.from({ length: n }, (_, i) => `${tag} ${i + 1}`);
const text = (ls: string[]) => Buffer.from(`${ls.join('\n')}\n`);
function region(base: string[], next: string[], context = 2) {
  const buf = text(next);
  const r = changedRegion(text(base), buf, context);
  return r && { firstLine: r.lineOffset + 1, text: buf.toString('utf8', r.start, r.end) };
}

describe('changedRegion', () => {
  it('is null for identical content', () => {
    expect(region(lines(5), lines(5))).toBeNull();
  });

  it('covers a changed line with context lines around it', () => {
    const next = lines(20);
    next[9] = 'changed';
    expect(region(lines(20), next)).toEqual({ firstLine: 8, text: 'line 8\nline 9\nchanged\nline 11\nline 12\n' });
  });

  it('covers insertions, deletions and both ends of the file', () => {
    const inserted = [...lines(3), 'new', ...lines(10).slice(3)];
    expect(region(lines(10), inserted, 1)).toEqual({ firstLine: 3, text: 'line 3\nnew\nline 4\n' });
    const removed = lines(10).filter((l) => l !== 'line 5');
    expect(region(lines(10), removed, 1)).toEqual({ firstLine: 4, text: 'line 4\nline 6\nline 7\n' });
    expect(region(lines(5), ['first', ...lines(5)], 0)).toEqual({ firstLine: 1, text: 'first\n' });
    expect(region(lines(5), [...lines(5), 'last'], 0)).toEqual({ firstLine: 6, text: 'last\n' });
    expect(region([], ['only'], 3)).toEqual({ firstLine: 1, text: 'only\n' });
  });

  it('widens to a whole PEM block when a change falls inside one', () => {
    const pem = ['-----BEGIN PRIVATE KEY-----', ...lines(30, 'AAAA'), '-----END PRIVATE KEY-----'];
    const base = [...lines(5), ...pem, ...lines(5, 'tail')];
    const next = base.slice();
    next[20] = 'BBBB changed';
    const r = region(base, next, 1)!;
    expect(r.firstLine).toBe(6);
    expect(r.text.startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(true);
    expect(r.text.endsWith('-----END PRIVATE KEY-----\n')).toBe(true);
  });
});

describe('BlobCache', () => {
  it('keeps views into a chunk uncopied, counts the chunk once, and drops the least recently used first', () => {
    const cache = new BlobCache(16_000); // keeps contents (and buffers behind them) of up to 2,000 bytes
    const chunk = Buffer.alloc(1500, 'a'); // a buffer of its own, as each chunk Node reads from a pipe is
    const a = chunk.subarray(0, 500);
    const b = chunk.subarray(500, 1000);
    cache.set('a', a);
    cache.set('b', b);
    expect(cache.get('a')).toBe(a); // the very view, not a copy; and now the most recently used
    expect(cache.heldBytes).toBe(1500); // the whole chunk, once
    for (const id of 'cdefghi') cache.set(id, Buffer.alloc(2000, id));
    expect(cache.heldBytes).toBe(15_500);
    // One more is over the budget: 'b' goes first, but the chunk stays while 'a' is in it, so 'a' goes next.
    cache.set('j', Buffer.alloc(2000, 'j'));
    expect([cache.get('b'), cache.get('a')]).toEqual([undefined, undefined]);
    expect(cache.heldBytes).toBe(16_000);
    expect(cache.get('c')?.[0]).toBe(0x63);
  });

  it('copies a small content out of a buffer too large to keep alive for it, and keeps no content that large', () => {
    const big = Buffer.alloc(10_000, 'x');
    const cache = new BlobCache(8000);
    cache.set('small', big.subarray(0, 100));
    expect(cache.get('small')?.buffer).not.toBe(big.buffer);
    expect(cache.heldBytes).toBe(100);
    cache.set('whole', big);
    expect(cache.get('whole')).toBeUndefined();
  });
});

describe('changedRegion around PEM markers', () => {
  it('goes by the nearest marker, past dashes that are none', () => {
    const key = ['-----BEGIN EC PRIVATE KEY-----', ...lines(12, 'MHcC'), '-----END EC PRIVATE KEY-----'];
    const ruler = ['// ---------- settings ----------', 'a-----b'];
    // A change inside the block, with rulers before it and inside it: the whole block, from its BEGIN line.
    const inside = [...ruler, ...lines(3), ...key.slice(0, 6), ...ruler, ...key.slice(6), ...lines(3, 'tail')];
    const changed = [...inside];
    changed[12] = 'MHcC changed';
    const r = region(inside, changed, 1);
    expect(r!.text.startsWith('-----BEGIN EC PRIVATE KEY-----\n')).toBe(true);
    expect(r!.text.trimEnd().endsWith('-----END EC PRIVATE KEY-----')).toBe(true);
    // A change after a closed block, rulers between: not widened back into it.
    const after = [...key, ...ruler, ...lines(6, 'after')];
    const edited = [...after];
    edited[after.length - 3] = 'after changed';
    expect(region(after, edited, 1)!.text).not.toContain('BEGIN');
    // Six dashes are five dashes and one more: still a marker.
    const six = ['------BEGIN RSA PRIVATE KEY-----', ...lines(8, 'MIIE'), '------END RSA PRIVATE KEY-----'];
    const sixEdited = [...six];
    sixEdited[4] = 'MIIE changed';
    expect(region(six, sixEdited, 0)!.text.startsWith('------BEGIN')).toBe(true);
  });
});
