// Scores the real engine on a generated corpus: realistic files per provider family with planted fake keys, and a
// set of look-alikes (chain hashes, lockfiles, placeholders, public test values) that must stay quiet. Prints the
// recall/precision table and requires 100 % of both. KEYHOUND_CORPUS_SEED replays another seed;
// KEYHOUND_CORPUS_KEEP=<dir> also writes the tree there, to rerun the CLI on single files.

import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { buildCorpus, CORPUS_SEED } from '../corpus/index.js';
import { formatScore, score } from '../corpus/score.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('scoring corpus', () => {
  it(`finds every planted key and nothing else (seed ${CORPUS_SEED})`, async () => {
    const corpus = buildCorpus();
    const dir = tempDir('keyhound-corpus-');
    writeTree(dir, corpus.files);
    if (process.env.KEYHOUND_CORPUS_KEEP) writeTree(process.env.KEYHOUND_CORPUS_KEEP, corpus.files);
    const result = await scan({ paths: [dir], root: dir, redact: false, baseline: false, gitignore: false });
    const familyOf = new Map(result.ruleSet.rules.map((r) => [r.id, r.family]));
    const s = score(corpus.planted, result.findings, (id) => familyOf.get(id) ?? 'unknown');
    console.log(`keyhound corpus (seed ${CORPUS_SEED}, ${Object.keys(corpus.files).length} files, ${corpus.negatives.size} look-alike files)\n${formatScore(s)}`);
    expect(result.skipped.filter((k) => !corpus.negatives.has(k.path))).toEqual([]);
    expect(s.misses.map((m) => `${m.path}:${m.line}`)).toEqual([]);
    expect(s.falseAlarms.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([]);
  });
});
