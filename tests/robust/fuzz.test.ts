// Property tests with fast-check, fixed seed: the engine never throws and always points at the secret it reports;
// the JSON and SARIF reports always parse; redaction never reveals more than its prefix; the regex front end
// ((?i:…) expansion, the catastrophic-backtracking check) throws only its documented errors.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRegex } from '../../src/config/compile.js';
import { ConfigError } from '../../src/config/errors.js';
import { loadRulePacks } from '../../src/config/load.js';
import { findNestedQuantifier } from '../../src/config/regex-safety.js';
import { expandCaseInsensitiveGroups } from '../../src/config/regex-syntax.js';
import { keywordAnchored } from '../../src/detect/anchor.js';
import { detect } from '../../src/detect/engine.js';
import { regexReach } from '../../src/detect/span.js';
import { partGenerators } from '../../src/fakes/parts.js';
import { expandTemplate, type Rng } from '../../src/fakes/index.js';
import { REDACTED_PREFIX_MAX, redact, redactSecret, scrubText } from '../../src/filters/redact.js';
import type { Finding, Severity } from '../../src/model/types.js';
import { githubReport } from '../../src/report/github.js';
import { jsonReport } from '../../src/report/json.js';
import { ruleMeta } from '../../src/report/rules.js';
import { sarifReport } from '../../src/report/sarif.js';
import { textReport } from '../../src/report/text.js';
import type { ReportMeta } from '../../src/report/types.js';
import { loadRuleSet } from '../../src/scan.js';
import { tempDir } from '../helpers/tmp.js';

const SEED = 20240917;
const RUNS = 2000;
const params = (numRuns = RUNS) => ({ seed: SEED, numRuns });

/** A seeded generator, so the pool of key-shaped pieces is the same on every run. */
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
const specs = loadRulePacks().flatMap((p) => p.rules);
// Real key shapes (every rule's positive and negative examples, expanded) and every keyword: text made of these
// reaches the deep paths (windows, secret groups, validators, allowlists), which random text never does.
const examples = specs.flatMap((r) =>
  [...(r.examples?.positive ?? []), ...(r.examples?.negative ?? [])].map((t) => expandTemplate(t, rng, partGenerators(r.parts))),
);
const keywords = [...new Set(specs.flatMap((r) => r.keywords ?? []))];
const glue = ['\n', '\r\n', '\r', ' ', '\t', '=', ': ', '"', "'", '`', ',', ';', '{', '}', '(', ')', '[', ']', '/', '\\', '#', '//', 'keyhound:allow', 'keyhound:allow-next-line', 'gitleaks:allow', '\u0000', '\ufffd', '\u2028', 'é', '🔑', '\ud800'];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...examples) },
  // A slice of a real example: half a key, a key with its head cut off.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...examples), fc.nat(), fc.nat()).map(([e, a, b]) => e.slice(a % (e.length + 1), (a % (e.length + 1)) + (b % 120))) },
  { weight: 3, arbitrary: fc.constantFrom(...keywords) },
  { weight: 2, arbitrary: fc.constantFrom(...keywords).map((k) => k.toUpperCase()) },
  { weight: 4, arbitrary: fc.constantFrom(...glue) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);
const hostileText = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));

/** Offset of 1-based `line`, `column` in `text` (lines end at `\n`, as the engine counts them). */
function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) return -1;
    start = nl + 1;
  }
  return start + column - 1;
}

function checkFindings(text: string, path: string): void {
  const { findings } = detect(ruleSet, { text, path });
  const lineCount = text.split('\n').length;
  for (const f of findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.endLine).toBeGreaterThanOrEqual(f.line);
    expect(f.endLine).toBeLessThanOrEqual(lineCount);
    expect(f.column).toBeGreaterThanOrEqual(1);
    expect(f.endColumn).toBeGreaterThanOrEqual(1);
    const start = offsetOf(text, f.line, f.column);
    const end = offsetOf(text, f.endLine, f.endColumn);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeLessThan(text.length);
    // The position is on the line it names (not past its end), and the text there is the secret.
    expect(text.slice(start, end + 1)).toBe(f.secret);
    expect(f.path).toBe(path);
  }
}

describe('fuzz: the engine', () => {
  it('never throws on arbitrary text, and every finding points inside the input at exactly its secret', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
        checkFindings(text, 'fuzz.txt');
      }),
      params(),
    );
  });

  it('finds the real keys that the pieces carry often enough for the positions check to matter', () => {
    // Guards the property above against passing vacuously: the generated texts do yield findings.
    let withFindings = 0;
    fc.assert(
      fc.property(hostileText, (text) => {
        if (detect(ruleSet, { text, path: 'x' }).findings.length) withFindings += 1;
      }),
      params(500),
    );
    expect(withFindings).toBeGreaterThan(100);
  });

  it('copes with very long lines built from the same pieces', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1_000, max: 20_000 }), (parts, times) => {
        const body = parts.join('').replace(/[\r\n]/g, ' ');
        const text = `${'x'.repeat(times)}${body}${'y'.repeat(times)}\n${body}`;
        checkFindings(text, 'long.min.js');
      }),
      params(100),
    );
  });
});

const severity = fc.constantFrom<Severity>('critical', 'high', 'medium', 'low');
const anyString = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '\n', '::error::x', '%0A', 'a,b:c', '\u001b[2J'));
const finding: fc.Arbitrary<Finding> = fc.record(
  {
    ruleId: fc.constantFrom(...specs.map((s) => s.id)),
    description: anyString,
    severity,
    path: anyString,
    line: fc.integer({ min: 1, max: 1e6 }),
    column: fc.integer({ min: 1, max: 1e6 }),
    endLine: fc.integer({ min: 1, max: 1e6 }),
    endColumn: fc.integer({ min: 1, max: 1e6 }),
    secret: anyString,
    fingerprint: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }),
    commit: fc.record({ sha: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 }), author: anyString, email: anyString, date: anyString, message: anyString }),
  },
  { requiredKeys: ['ruleId', 'description', 'severity', 'path', 'line', 'column', 'endLine', 'endColumn', 'secret', 'fingerprint'] },
);
const meta: ReportMeta = {
  tool: { name: 'keyhound', version: '0.0.0' },
  stats: { files: 1, bytes: 1, skipped: 0, durationMs: 1 },
  color: false,
  rules: ruleSet.rules.map(ruleMeta),
};

describe('fuzz: reporters', () => {
  const findings = fc.array(finding, { maxLength: 8 });

  it('JSON output always parses, and round-trips paths and secrets exactly', () => {
    fc.assert(
      fc.property(findings, (fs) => {
        const doc = JSON.parse(jsonReport(fs, meta)) as { findings: { path: string; secret: string }[] };
        expect(doc.findings.map((f) => [f.path, f.secret])).toEqual(fs.map((f) => [f.path, f.secret]));
      }),
      params(),
    );
  });

  it('SARIF output always parses and has one result per finding', () => {
    fc.assert(
      fc.property(findings, (fs) => {
        const doc = JSON.parse(sarifReport(fs, meta)) as { runs: { results: unknown[] }[] };
        expect(doc.runs[0]!.results).toHaveLength(fs.length);
      }),
      params(),
    );
  });

  it('text and github reports put nothing from a finding on a line of its own', () => {
    fc.assert(
      fc.property(findings, (fs) => {
        const masked = redact(fs);
        // github: exactly one line per finding, plus the summary.
        expect(githubReport(masked, meta).trimEnd().split('\n')).toHaveLength(fs.length + 1);
        // text: no control characters from paths or authors reach the terminal.
        const text = textReport(masked.map((f) => ({ ...f, description: 'd' })), meta);
        // eslint-disable-next-line no-control-regex
        expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      }),
      params(),
    );
  });
});

describe('fuzz: redaction', () => {
  it('never reveals more than its prefix: at most four characters and at most a quarter of the secret', () => {
    fc.assert(
      fc.property(anyString, (secret) => {
        const shown = redactSecret(secret);
        expect(shown.endsWith('…')).toBe(true);
        const kept = shown.slice(0, -1);
        expect(secret.startsWith(kept)).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(REDACTED_PREFIX_MAX);
        expect(kept.length).toBeLessThanOrEqual(secret.length / 4);
      }),
      params(5000),
    );
  });

  it('leaves no finding secret in its own masked finding or in the commit subject that travels with it', () => {
    fc.assert(
      fc.property(fc.array(finding, { minLength: 1, maxLength: 5 }), anyString, (fs, noise) => {
        const withSubjects = fs.map((f) => ({ ...f, commit: { sha: 'a'.repeat(40), author: 'a', email: 'e', date: 'd', message: `${noise}${f.secret}${noise}` } }));
        for (const m of redact(withSubjects)) {
          for (const f of withSubjects) {
            if (f.secret.length < 4 || f.secret.includes('…')) continue;
            expect(m.secret).not.toContain(f.secret);
            expect(m.commit!.message).not.toContain(f.secret);
          }
        }
      }),
      params(),
    );
  });

  it('scrubText masks every random key in free text', () => {
    const templates = ['{{alnum:24}}', '{{alnum:40}}', '{{hex:32}}', '{{hex:64}}', '{{base64:40}}', '{{github:ghp}}', 'sk_live_{{alnum:24}}'];
    fc.assert(
      fc.property(fc.constantFrom(...templates), fc.integer(), anyString, (template, seed, noise) => {
        const key = expandTemplate(template, mulberry32(seed));
        fc.pre(/[0-9]/.test(key) && /[A-Za-z]/.test(key));
        expect(scrubText(`${noise} rotated ${key} today ${noise}`)).not.toContain(key);
      }),
      params(),
    );
  });
});

describe('fuzz: the regex front end', () => {
  const regexish = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'()[]{}|?*+\\^$.-:<>=!iakdwsb0123,'.split('')), maxLength: 30 }),
    fc.array(fc.constantFrom('(?i:', '(?:', '(?<secret>', '(?=', '(?<!', ')', '[', ']', '[^', '\\', '\\d', '\\w', '\\u{1F511}', '\\x4', 'a', 'b', '|', '+', '*', '?', '{2,}', '{1,8}', '{', '}'), { maxLength: 20 }).map((a) => a.join('')),
    fc.string({ unit: 'binary', maxLength: 30 }),
  );

  it('(?i:…) expansion throws only its documented "unterminated" errors', () => {
    fc.assert(
      fc.property(regexish, (source) => {
        try {
          expandCaseInsensitiveGroups(source);
        } catch (err) {
          expect((err as Error).message).toMatch(/^unterminated (character class|\(\?i:\.\.\.\) group)$/);
        }
      }),
      params(),
    );
  });

  it('the static safety check never throws, and compiling throws nothing but ConfigError', () => {
    fc.assert(
      fc.property(regexish, (source) => {
        const verdict = findNestedQuantifier(source);
        expect(verdict === null || typeof verdict === 'string').toBe(true);
        let compiled: RegExp | null = null;
        try {
          compiled = compileRegex(source, 'gd', { file: 'f.yaml', ruleId: 'r', field: 'regex' });
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          expect((err as Error).message).toMatch(/^f\.yaml: r: regex: (invalid|unsafe) regex: /);
        }
        if (compiled) {
          // What compiles is what the engine analyses: those analyses must not throw either.
          regexReach(compiled.source, compiled.flags);
          keywordAnchored(source, ['key']);
        }
      }),
      params(),
    );
  });
});
