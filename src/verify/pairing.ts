// Cross-rule pairing: a credential whose parts are reported by different rules (an AWS access key id and its secret
// access key, a Coinbase CDP key name and its private key, a MEXC mx0v key and its secret) is put back together here,
// from findings of the same provider in the same file (same repository, same commit, same path) within PAIR_LINES
// lines of each other. Never across files: two files of a repository are often unrelated (a test fixture and a
// deployment file), and a key sent with another file's secret would be a request the user cannot explain.
//
// Each finding gets a short list of combinations, the nearest first; the run checks each distinct combination once.
// For comparison: TruffleHog pairs every id with every secret of one chunk (10 KiB of a file plus a 3 KiB peek into
// the next); Kingfisher's `depends_on_rule` resolves a rule's dependency within the same blob. A line window is
// tighter than either and is what keys in .env files, YAML/JSON configs and ~/.aws/credentials profiles look like.

import type { CompiledRule, Finding, RuleSet } from '../model/types.js';
import { partMatchers } from '../config/v2.js';
import type { Verifier } from './types.js';

/** Findings at most this many lines apart (either way) may supply each other's missing parts. */
export const PAIR_LINES = 10;
/** Other findings tried per missing part, the nearest first. */
export const MAX_DONORS = 3;
/** Combinations tried per finding. */
export const MAX_COMBINATIONS = 4;

/** Which other finding supplied a part: by rule id and line, never by value. */
export interface PartSource {
  part: string;
  ruleId: string;
  line: number;
}

/** One way to make a whole credential for a finding: its parts, and where the borrowed ones came from. */
export interface Combination {
  parts: Record<string, string>;
  from: PartSource[];
  /** Lines between the finding and its farthest donor (0 for its own parts). */
  distance: number;
}

/** The part name a finding's one value stands for, or undefined when it cannot be told. */
export type PartOf = (f: Finding) => string | undefined;

/**
 * A provider's declared part shapes, from every rule of it that declares parts: each part name's anchored whole-value
 * tests (context rules' compiled matchers; prefixed rules' parts, compiled here, since the engine runs their regex).
 */
function shapesOf(rules: readonly CompiledRule[]): Map<string, RegExp[]> {
  const out = new Map<string, RegExp[]>();
  const add = (name: string, shape: RegExp): void => {
    const list = out.get(name);
    if (list) list.push(shape);
    else out.set(name, [shape]);
  };
  for (const rule of rules) {
    if (rule.context) {
      for (const p of rule.context.parts) add(p.name, p.shape);
    } else if (rule.spec.parts && Object.keys(rule.spec.parts).length) {
      try {
        for (const p of partMatchers(rule.spec, { ruleId: rule.id, field: 'parts' })) add(p.name, p.shape);
      } catch {
        // A part that does not compile was rejected at load already; it tells nothing here.
      }
    }
  }
  return out;
}

/**
 * Names a lone finding's value after its rule: the rule's only (or main) part for prefixed rules, the one part whose
 * shape fits for context rules (the main part when several fit). A raw-regex rule's value (its capture group is named
 * `secret`) takes the name of the one part of its provider whose declared shape it fits, from the provider's other
 * rules (a kraken.key file's first line is a Kraken `key`, its second a `secret`), and `secret` when none or several
 * fit. Without a rule set (or for a rule it does not hold) nothing can be told.
 */
export function partNamer(ruleSet: RuleSet | undefined): PartOf {
  const rules = ruleSet?.rules ?? [];
  const byId = new Map<string, CompiledRule>(rules.map((r) => [r.id, r]));
  const byProvider = new Map<string, Map<string, RegExp[]>>();
  const providerShapes = (provider: string): Map<string, RegExp[]> => {
    let shapes = byProvider.get(provider);
    if (!shapes) byProvider.set(provider, (shapes = shapesOf(rules.filter((r) => r.provider === provider))));
    return shapes;
  };
  const fits = (shape: RegExp, value: string): boolean => ((shape.lastIndex = 0), shape.test(value));
  return (f) => {
    const rule = byId.get(f.ruleId);
    if (!rule) return undefined;
    if (rule.context) {
      const fitting = rule.context.parts.filter((p) => !p.optional && fits(p.shape, f.secret));
      if (fitting.some((p) => p.name === rule.context!.main)) return rule.context.main;
      return fitting.length === 1 ? fitting[0]!.name : undefined;
    }
    const parts = rule.spec.parts;
    if (parts && Object.keys(parts).length) return rule.spec.main ?? Object.keys(parts)[0];
    const provider = rule.provider ?? f.provider;
    if (provider) {
      const named = [...providerShapes(provider)].filter(([, shapes]) => shapes.some((s) => fits(s, f.secret))).map(([name]) => name);
      if (named.length === 1) return named[0];
    }
    return 'secret';
  };
}

/** A finding's own parts by name: its `parts`, or its one value under the name its rule gives it. */
export function ownParts(f: Finding, partOf: PartOf): Record<string, string> | null {
  if (f.parts && Object.keys(f.parts).length) return f.parts;
  const name = partOf(f);
  return name ? { [name]: f.secret } : null;
}

/** Findings that may pair: one file of one commit of one repository. */
function fileOf(f: Finding): string {
  return JSON.stringify([f.repository?.url ?? '', f.commit?.sha ?? '', f.path, f.provider ?? '']);
}

/** Every combination of one choice per list. */
function product<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);
}

/**
 * The combinations to try for each finding, in finding order. A finding that is whole by itself, or whose verifier
 * checks single values, or that has no donor nearby, gets none (it is checked as it is).
 */
export function pairings(findings: readonly Finding[], verifierOf: (provider: string) => Verifier | undefined, partOf: PartOf): Combination[][] {
  const own = findings.map((f) => ownParts(f, partOf));
  // Per file, its findings' indices in line order, so that the ones within PAIR_LINES of a line are a slice found by
  // binary search (a generated file of thousands of keys stays linear-ish, not quadratic).
  const byFile = new Map<string, number[]>();
  findings.forEach((f, i) => {
    const k = fileOf(f);
    const list = byFile.get(k);
    if (list) list.push(i);
    else byFile.set(k, [i]);
  });
  for (const list of byFile.values()) list.sort((a, b) => findings[a]!.line - findings[b]!.line || a - b);
  const firstAtOrAfter = (list: readonly number[], line: number): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (findings[list[mid]!]!.line < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const near = (f: Finding): number[] => {
    const list = byFile.get(fileOf(f))!;
    const from = firstAtOrAfter(list, f.line - PAIR_LINES);
    const to = firstAtOrAfter(list, f.line + PAIR_LINES + 1);
    return list.slice(from, to);
  };
  return findings.map((f, i) => {
    const needs = verifierOf(f.provider ?? '')?.needs;
    const mine = own[i];
    if (!needs || !mine) return [];
    const names = Object.keys(mine);
    if (needs.some((set) => set.every((n) => mine[n]))) return [];
    const out: Combination[] = [];
    for (const set of needs) {
      if (!names.some((n) => set.includes(n))) continue;
      const missing = set.filter((n) => !mine[n]);
      const choices = missing.map((part) => {
        const donors = near(f)
          .filter((j) => {
            const theirs = own[j];
            // Near enough, holds the part, and agrees with this finding on every part of the set both hold.
            return (
              j !== i &&
              theirs?.[part] !== undefined &&
              theirs[part] !== f.secret &&
              set.every((n) => !(mine[n] && theirs[n] && mine[n] !== theirs[n]))
            );
          })
          // Nearest first; at equal distance the one above (a key is usually written before its secret).
          .sort((a, b) => Math.abs(findings[a]!.line - f.line) - Math.abs(findings[b]!.line - f.line) || findings[a]!.line - findings[b]!.line || a - b);
        // One candidate per distinct value (the same secret found twice is one candidate), the nearest finding of it.
        const byValue = new Map<string, number>();
        for (const j of donors) if (!byValue.has(own[j]![part]!)) byValue.set(own[j]![part]!, j);
        return [...byValue.values()].slice(0, MAX_DONORS).map((j) => ({ part, j }));
      });
      if (choices.some((c) => c.length === 0)) continue;
      for (const pick of product(choices)) {
        const parts = { ...mine };
        for (const { part, j } of pick) parts[part] = own[j]![part]!;
        out.push({
          parts,
          from: pick.map(({ part, j }) => ({ part, ruleId: findings[j]!.ruleId, line: findings[j]!.line })),
          distance: Math.max(...pick.map(({ j }) => Math.abs(findings[j]!.line - f.line))),
        });
      }
    }
    return out.sort((a, b) => a.distance - b.distance).slice(0, MAX_COMBINATIONS);
  });
}

/** " (with the secret from aws-secret-access-key, line 3)": what a paired finding's message adds. */
export function pairedNote(from: readonly PartSource[]): string {
  return ` (with ${from.map((s) => `the ${s.part} from ${s.ruleId}, line ${s.line}`).join(' and ')})`;
}
