import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keywordAnchored, keywordLed, ruleLeads } from '../../src/detect/anchor.js';
import { byteClasses } from '../../src/detect/dfa-wasm.js';
import { KeywordMatcher, useWasmScan } from '../../src/detect/keywords.js';
import { regexReach, UNBOUNDED } from '../../src/detect/span.js';

describe('KeywordMatcher', () => {
  it('finds every occurrence of every keyword, case-insensitively, overlapping ones included', () => {
    const m = new KeywordMatcher(['apikey', 'x-mbx-apikey', 'key']);
    const { positions } = m.scan('X-MBX-APIKEY: 1; apiKey=2; é KEY');
    expect(positions.get(1)).toEqual([0]);
    expect(positions.get(0)).toEqual([6, 17]);
    expect(positions.get(2)).toEqual([9, 20, 29]);
  });

  it('finds the same, at the same UTF-16 offsets, over a text\'s UTF-8 bytes as over the text (fuzzed)', () => {
    const m = new KeywordMatcher(['apikey', 'x-mbx-apikey', 'key', 't-', 'sk-ant-', 'pk']);
    // ASCII pieces, and characters of two (é), three (€, 中) and four (😀, a surrogate pair) UTF-8 bytes.
    const pieces = ['APIKEY', 'x-mbx-', 'Key', 't-', 'sk-ant-', 'pK', ' ', '\n', 'a', '-', 'k', '~', '\x7f', 'é', '€', '中', '😀', 'ké', '\u00ff'];
    let multiByte = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        if ([...text].some((ch) => ch.charCodeAt(0) > 127)) multiByte += 1;
        expect(m.scanUtf8(Buffer.from(text, 'utf8')).positions).toEqual(m.scan(text).positions);
      }),
      { numRuns: 500 },
    );
    expect(multiByte).toBeGreaterThan(100);
    const text = '😀é中 apikey=1';
    expect(m.scanUtf8(Buffer.from(text, 'utf8')).positions.get(0)).toEqual([text.indexOf('apikey')]);
  });

  /** The keywords both WebAssembly tests scan for. */
  const WASM_KEYWORDS = ['apikey', 'x-mbx-apikey', 'key', 't-', 'sk-ant-', 'pk'];
  /** Two chunks of the module's: `apikey` across its 1 MiB chunk boundary and at the very end. */
  const twoChunks = (): Buffer => {
    const big = Buffer.alloc((1 << 20) * 2 + 10, 'x');
    for (const at of [(1 << 20) - 3, (1 << 20) * 2 - 1]) big.write('apikey', at);
    return big;
  };

  /**
   * Hands `both` every input a WebAssembly loop must read as the JavaScript one does: fuzzed text (characters of one
   * to four UTF-8 bytes, DEL), more hits than the module's hit buffer holds (65,536), keywords across its 1 MiB chunk
   * boundary, and keywords across every edge of the four segments it reads a chunk as, in lockstep (lengths that do
   * and do not divide by four, a multi-byte character just before an edge).
   */
  const acrossEdges = (both: (bytes: Uint8Array) => void): void => {
    const pieces = ['APIKEY', 'x-mbx-', 'Key', 't-', 'sk-ant-', 'pK', ' ', '\n', 'a', '\x7f', 'é', '€', '😀', '\u00ff'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (parts) => both(Buffer.from(parts.join('')))), { numRuns: 300 });
    both(Buffer.from('key '.repeat(100_000)));
    both(twoChunks());
    for (const n of [64, 1001, 1002, 1003, 4096]) {
      for (let edge = 1; edge < 4; edge++) {
        const at = Math.ceil(n / 4) * edge;
        for (let shift = -12; shift <= 1; shift++) {
          const bytes = Buffer.alloc(n, 'z');
          bytes.write('x-mbx-apikey', Math.max(0, at + shift));
          if (at - 2 >= 0) bytes.write('é', Math.max(0, at + shift - 2));
          both(bytes.subarray(0, n));
        }
      }
    }
  };

  it('finds the same with the WebAssembly loop as with the JavaScript one, across chunks and full hit buffers', () => {
    const m = new KeywordMatcher(WASM_KEYWORDS);
    try {
      acrossEdges((bytes) => {
        useWasmScan(false);
        const js = m.scanUtf8(bytes).positions;
        useWasmScan(true, 0);
        expect(m.scanUtf8(bytes).positions).toEqual(js);
      });
      useWasmScan(true, 0);
      expect(m.scanUtf8(twoChunks()).positions.get(0)).toEqual([(1 << 20) - 3, (1 << 20) * 2 - 1]);
    } finally {
      useWasmScan(true);
    }
  });

  it('finds the same with the WebAssembly loop over the 16-bit table (the hook\'s) as with the JavaScript loop', () => {
    const js = new KeywordMatcher(WASM_KEYWORDS);
    const narrow = new KeywordMatcher(WASM_KEYWORDS);
    narrow.prepareNarrowWasm(); // used from the first byte on, whatever the input's size
    try {
      acrossEdges((bytes) => {
        useWasmScan(false);
        const want = js.scanUtf8(bytes).positions;
        useWasmScan(true);
        expect(narrow.scanUtf8(bytes).positions).toEqual(want);
      });
      expect(narrow.scanUtf8(twoChunks()).positions.get(0)).toEqual([(1 << 20) - 3, (1 << 20) * 2 - 1]);
    } finally {
      useWasmScan(true);
    }
  });

  it('gives the WebAssembly table a column per class of bytes that lead every state alike', () => {
    const data = new KeywordMatcher(['apikey', 'x-mbx-apikey', 'key']).toData();
    const table = new Uint16Array(data.table.buffer, data.table.byteOffset, data.table.byteLength / 2);
    const { of, count } = byteClasses(table, data.states);
    const column = (c: number): string => Array.from({ length: data.states }, (_, s) => table[s * 128 + c]).join(',');
    // The keywords' ten characters (either case: upper case follows lower case), the rest of ASCII, and the bytes
    // from 128 on.
    expect(count).toBe(12);
    for (let a = 0; a < 128; a++) for (let b = a + 1; b < 128; b++) expect([a, b, of[a] === of[b]]).toEqual([a, b, column(a) === column(b)]);
    expect(of[65]).toBe(of[97]);
    expect(of[48]).toBe(of[32]);
    expect(new Set(of.subarray(128)).size).toBe(1);
    expect(of[128]).toBe(count - 1);
  });

  it('restores a prebuilt automaton that finds the same', () => {
    const keywords = ['apikey', 'x-mbx-apikey', 'key', 't-'];
    const data = new KeywordMatcher(keywords).toData();
    const copy = new KeywordMatcher(keywords, { ...data, table: new Uint8Array(data.table) });
    const text = 'X-MBX-APIKEY: 1; é apiKey=2; t-3 😀 key';
    expect(copy.scan(text).positions).toEqual(new KeywordMatcher(keywords).scan(text).positions);
    expect(copy.scanUtf8(Buffer.from(text)).positions).toEqual(new KeywordMatcher(keywords).scan(text).positions);
  });

  it('does not match across non-ASCII characters', () => {
    const m = new KeywordMatcher(['ab']);
    expect(m.scan('aéb').positions.size).toBe(0);
    expect(m.scan('éab').positions.get(0)).toEqual([1]);
    expect(m.scan('a\u0161b').positions.size).toBe(0); // š: past 255, its low byte is not "a"
    expect(m.scanUtf8(Buffer.from('aéb', 'utf8')).positions.size).toBe(0);
  });
});

describe('regexReach', () => {
  it('bounds characters and line feeds', () => {
    expect(regexReach('abc\\s{0,3}d', '')).toEqual({ chars: 7, lines: 3 });
    expect(regexReach('(?:a|bb)[^x]{0,10}', '')).toEqual({ chars: 12, lines: 10 });
    expect(regexReach('a[^\\s]{2}', '')).toEqual({ chars: 3, lines: 0 });
  });

  it('is unbounded for back-references, unbounded repeats of line feeds and ^ without the m flag', () => {
    expect(regexReach('(a)\\1', '').chars).toBe(UNBOUNDED);
    expect(regexReach('a[\\s\\S]*b', '').lines).toBe(UNBOUNDED);
    expect(regexReach('^a', '').chars).toBe(UNBOUNDED);
    expect(regexReach('^a', 'm')).toEqual({ chars: 1, lines: 0 });
  });
});

describe('keywordAnchored', () => {
  it('is true only when every match goes through a keyword', () => {
    expect(keywordAnchored('(?i:binance)[\\w.\\-]{0,30}?(?i:secret)=(?<secret>[a-z]{64})', ['binance'])).toBe(true);
    expect(keywordAnchored('(?:AKIA|ASIA)[A-Z2-7]{16}', ['akia', 'asia'])).toBe(true);
    expect(keywordAnchored('gh[pous]_[A-Za-z0-9]{36}', ['ghp_', 'gho_', 'ghu_', 'ghs_'])).toBe(true);
    expect(keywordAnchored('(?i:api[_-]?key)=x', ['api_key', 'api-key', 'apikey'])).toBe(true);
    // The keyword gates the file but need not be in the match (poloniex keys are bare): whole-text scan.
    expect(keywordAnchored('[0-9A-Z]{8}-[0-9A-Z]{8}', ['poloniex'])).toBe(false);
    expect(keywordAnchored('(?i:api[_-]?key)=x', ['api_key'])).toBe(false);
    expect(keywordAnchored('(?:binance)?key=x', ['binance'])).toBe(false);
    expect(keywordAnchored('(?!binance)x', ['binance'])).toBe(false);
  });
});

describe('keywordLed', () => {
  it('is true only when every match starts where a keyword starts', () => {
    expect(keywordLed('(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA)[A-Z2-7]{16})', ['akia', 'asia'])).toBe(true);
    expect(keywordLed('gh[pous]_[A-Za-z0-9]{36}', ['ghp_', 'gho_', 'ghu_', 'ghs_'])).toBe(true);
    expect(keywordLed('(?i:api[_-]?key)=x', ['api_key', 'api-key', 'apikey'])).toBe(true);
    expect(keywordLed('\\b(?i:secret|token)[\\w.]{0,20}=x', ['secret', 'token'])).toBe(true);
    expect(keywordLed('(?:(?i:priv)(?:ate)?_key|(?<![A-Za-z])(?i:eth)_pk)=x', ['priv', 'eth'])).toBe(true);
    expect(keywordLed('(?i:secret)+=x', ['secret'])).toBe(true);
    // A keyword inside or after the match's start: the match begins before the hit.
    expect(keywordLed('[A-Za-z]{3}(?i:binance)', ['binance'])).toBe(false);
    expect(keywordLed('access_?key', ['key'])).toBe(false);
    expect(keywordLed('sk-[A-Za-z0-9]{20}T3BlbkFJ', ['t3blbkfj'])).toBe(false);
    // One alternative not led by a keyword is enough to make the rule scan.
    expect(keywordLed('(?:binance|new Client\\()key=x', ['binance'])).toBe(false);
    expect(keywordLed('binance=x|[a-z]+=y', ['binance'])).toBe(false);
    // Optional or lazily skipped leads, and a spelling shorter than the keyword.
    expect(keywordLed('(?:binance)?key=x', ['binance'])).toBe(false);
    expect(keywordLed('(?:binance)*key=x', ['binance'])).toBe(false);
    expect(keywordLed('[_-]?apikey=x', ['apikey'])).toBe(false);
    expect(keywordLed('api=x', ['apikey'])).toBe(false);
    expect(keywordLed('x', [])).toBe(false);
  });
});

describe('ruleLeads', () => {
  it('accepts case-sensitive literals (long enough) as leads besides keywords', () => {
    expect(ruleLeads('(?:(?<![A-Za-z])(?i:gate)_key=|Configuration\\([^)]{0,300}?key=)(?<secret>[0-9a-f]{32})', ['gate'])).toEqual({ literals: ['Configuration('] });
    expect(ruleLeads('(?:binance=|(?:API-Key)["\']?\\]?:)x', ['binance'])).toEqual({ literals: ['API-Key'] });
    // Too short, inside a case-insensitive group, or with the i flag: not searchable as written.
    expect(ruleLeads('(?:binance=|AC[0-9a-f]{32})x', ['binance'])).toBeNull();
    expect(ruleLeads('(?:binance=|(?i:configuration)\\()x', ['binance'])).toBeNull();
    expect(ruleLeads('(?:binance=|Configuration\\()x', ['binance'], 'i')).toBeNull();
    expect(ruleLeads('(?:binance=|[a-z]+=)x', ['binance'])).toBeNull();
  });

  it('looks past a group that may match nothing (an assertion-only alternative, or an optional group)', () => {
    expect(ruleLeads('(?:(?i:binance)=|(?<![\\w-])(?=x))(?<secret>(?:account|master)-\\d+)', ['binance'])).toEqual({ literals: ['account', 'master'] });
    expect(ruleLeads('(?:(?i:binance)_)?Configuration\\(', ['binance'])).toEqual({ literals: ['Configuration('] });
    expect(ruleLeads('(?:(?i:binance)_)*(?i:binance)=', ['binance'])).toEqual({ literals: [] });
    expect(ruleLeads('(?:(?i:binance)=|(?=x))[a-z]+', ['binance'])).toBeNull();
    expect(ruleLeads('(?:(?i:binance)_)?[a-z]+=', ['binance'])).toBeNull();
  });
});
