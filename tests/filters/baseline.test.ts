// The baseline filter step: salted content hashes, expiry, matching, updating and pruning.

import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  baselineHash,
  newBaseline,
  parseBaseline,
  serializeBaseline,
  updateBaseline,
  type Baseline,
} from '../../src/filters/baseline.js';
import { ALPHABETS, randChars as randomString } from '../../src/fakes/index.js';
import type { Finding } from '../../src/model/types.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function finding(secret: string, path = 'a.env', line = 1): Finding {
  return { ruleId: 'test-token', description: 'Test', severity: 'high', path, line, column: 1, endLine: line, endColumn: secret.length, secret, fingerprint: 'f'.repeat(32) };
}

const secret = () => `tok_${randomString(ALPHABETS.alnum, 24)}`;

describe('baseline', () => {
  it('matches a finding by rule, path and secret, wherever the line is', () => {
    const s = secret();
    const { baseline } = updateBaseline(newBaseline(), [finding(s, 'a.env', 3)], { prune: false, now: NOW });
    expect(applyBaseline([finding(s, 'a.env', 40)], baseline, NOW)).toMatchObject({ findings: [], suppressed: 1, unmatched: [] });
    expect(applyBaseline([finding(s, 'b.env', 3)], baseline, NOW).findings).toHaveLength(1);
    expect(applyBaseline([finding(secret(), 'a.env', 3)], baseline, NOW).findings).toHaveLength(1);
  });

  it('hashes with the file salt: same leak, different salts, different hashes', () => {
    const s = secret();
    expect(baselineHash('a'.repeat(32), 'r', 'p', s)).not.toBe(baselineHash('b'.repeat(32), 'r', 'p', s));
    expect(baselineHash('a'.repeat(32), 'r', 'p', s)).toMatch(/^[0-9a-f]{64}$/);
    expect(newBaseline().salt).not.toBe(newBaseline().salt);
  });

  it('lets an expired entry count again', () => {
    const s = secret();
    const b: Baseline = updateBaseline(newBaseline(), [finding(s)], { prune: false, now: NOW }).baseline;
    b.entries[0]!.expires = '2026-05-31';
    const out = applyBaseline([finding(s)], b, NOW);
    expect(out.findings).toHaveLength(1);
    expect(out.expired).toEqual([b.entries[0]]);
    b.entries[0]!.expires = '2026-06-02';
    expect(applyBaseline([finding(s)], b, NOW).findings).toHaveLength(0);
  });

  it('keeps unmatched entries unless pruning, and never duplicates or renews an entry', () => {
    const [a, b] = [secret(), secret()];
    const first = updateBaseline(newBaseline(), [finding(a), finding(b)], { prune: false, now: NOW }).baseline;
    first.entries[0]!.reason = 'accepted';
    first.entries[0]!.expires = '2000-01-01';
    const kept = updateBaseline(first, [finding(a), finding(b)], { prune: false, now: NOW });
    expect(kept.added).toBe(0);
    expect(kept.baseline.entries).toEqual(first.entries);
    expect(kept.expired).toHaveLength(1);
    const onlyA = updateBaseline(first, [finding(a)], { prune: false, now: NOW });
    expect(onlyA.baseline.entries).toHaveLength(2);
    const pruned = updateBaseline(first, [finding(a)], { prune: true, now: NOW });
    expect(pruned.baseline.entries).toHaveLength(1);
    expect(pruned.pruned).toHaveLength(1);
    expect(applyBaseline([finding(a)], first, NOW).unmatched).toHaveLength(1);
  });

  it('round-trips through its file format and rejects malformed files naming the entry', () => {
    const b = updateBaseline(newBaseline(), [finding(secret())], { prune: false, now: NOW }).baseline;
    expect(parseBaseline(serializeBaseline(b), 'b.json')).toEqual(b);
    expect(() => parseBaseline('{', 'b.json')).toThrow(/b\.json: invalid JSON/);
    expect(() => parseBaseline(JSON.stringify({ ...b, version: 9 }), 'b.json')).toThrow(/unsupported version 9/);
    const bad = { ...b, entries: [{ ...b.entries[0], expires: 'someday' }] };
    expect(() => parseBaseline(JSON.stringify(bad), 'b.json')).toThrow(/entries\[0\]: "expires" must be an ISO date/);
    const raw = { ...b, entries: [{ ...b.entries[0], fingerprint: 'tok_plain' }] };
    expect(() => parseBaseline(JSON.stringify(raw), 'b.json')).toThrow(/64 hex digits/);
  });
});
