// Runs context rules (rule model v2) on one fragment: the grammar's bindings near a rule's keywords are matched
// against its parts' shapes and names, identified as the provider's (a name, a section, a header, an alias nearby,
// a URL), then paired into credentials. Pure, like the rest of detect.

import type { CompiledRule, PartMatcher } from '../model/types.js';
import { compactName, nameWords, trimTail } from '../config/v2.js';
import { type Binding, indentOf, inlineSectionNames, lineBindings, sectionNames } from './grammar.js';
import type { LineIndex } from './lines.js';

/** One part found: its value and where. */
export interface PartHit {
  part: string;
  value: string;
  /** Offset in the fragment's text. */
  start: number;
  /** 0-based line. */
  line: number;
}

/** What the engine does with a credential found: the main value and every part paired with it. */
export type Report = (rule: CompiledRule, hit: PartHit, parts: Record<string, string>) => void;

/** How far a section's children are looked for below a line holding a keyword. */
const CHILD_LINES = 200;
/** Most lines apart that two parts of one credential may be. */
const PAIR_LINES = 12;

/** Per-fragment memo of bindings and sections, shared by every context rule. */
export class Bindings {
  private readonly byLine = new Map<number, Binding[]>();
  private readonly sections = new Map<number, string[]>();
  private readonly lineCount: number;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
  ) {
    this.lineCount = lines.lineAt(text.length) + 1;
  }

  get count(): number {
    return this.lineCount;
  }

  line(n: number): string {
    return this.lines.lineText(n);
  }

  at(n: number): Binding[] {
    let b = this.byLine.get(n);
    if (!b) this.byLine.set(n, (b = lineBindings(this.line(n))));
    return b;
  }

  /** Lower-case words of the sections line `n` sits in (block sections above it). */
  sectionWords(n: number): string[] {
    let s = this.sections.get(n);
    if (!s) this.sections.set(n, (s = sectionNames((l) => this.line(l), n).flatMap(nameWords)));
    return s;
  }
}

/** True when a provider alias names the words (`binance`, or a glued `binanceapikey` for aliases of 5+ letters). */
export function hasAlias(words: readonly string[], aliases: readonly string[]): boolean {
  for (const alias of aliases) {
    const parts = alias.split(/[^a-z0-9]+/).filter(Boolean);
    const compact = parts.join('');
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w === compact || (compact.length >= 5 && w.includes(compact))) return true;
      if (parts.length > 1 && words.slice(i, i + parts.length).join('') === compact) return true;
    }
  }
  return false;
}

/**
 * True when the binding's name names the part: its last words (after trailing environment words, a number or an
 * alias) spell one of the part's names (`API_SECRET`, `apiSecret`, `binance.secret`, `BINANCE_SECRET_KEY_2`), or
 * its last word is an alias glued to one (`binancesecret`).
 */
export function namesPart(words: readonly string[], part: PartMatcher, aliases: readonly string[]): boolean {
  const trimmed = trimTail(words, new Set(aliases.map(compactName)));
  for (const name of part.names) {
    let tail = '';
    for (let i = trimmed.length - 1; i >= 0 && tail.length < name.length; i--) tail = trimmed[i] + tail;
    if (tail === name) return true;
    const last = trimmed[trimmed.length - 1] ?? '';
    if (last.length > name.length && last.endsWith(name) && aliases.some((a) => last.startsWith(compactName(a)))) return true;
  }
  return false;
}

/** The lines worth parsing for a rule: its keyword hits' lines, a window around them, and a section's children. */
function candidateLines(rule: CompiledRule, hits: readonly number[], b: Bindings): number[] {
  const ctx = rule.context!;
  const window = ctx.anyName && ctx.aliases.length === 0 ? 0 : ctx.window;
  const set = new Set<number>();
  let lastLine = -1;
  for (const offset of hits) {
    const line = b.lines.lineAt(offset);
    if (line === lastLine) continue;
    lastLine = line;
    for (let l = Math.max(0, line - window); l <= Math.min(b.count - 1, line + window); l++) set.add(l);
    if (window > 0) {
      // A section opened on this line: its children, down to the first line indented no deeper.
      const indent = indentOf(b.line(line));
      for (let l = line + 1; l < b.count && l <= line + CHILD_LINES; l++) {
        const text = b.line(l);
        if (text.trim() === '') continue;
        if (indentOf(text) <= indent) break;
        set.add(l);
      }
    }
  }
  return [...set].sort((x, y) => x - y);
}

/** Runs one context rule on a fragment; `hits` are its keyword offsets, ascending. */
export function runContextRule(rule: CompiledRule, hits: readonly number[], b: Bindings, report: Report): void {
  const ctx = rule.context!;
  const found: PartHit[] = [];
  const aliasLines = ctx.aliases.length ? new Set(hits.map((h) => b.lines.lineAt(h))) : null;
  const nearAlias = (line: number): boolean => {
    if (!aliasLines) return false;
    for (let l = line - ctx.window; l <= line + ctx.window; l++) if (aliasLines.has(l)) return true;
    return false;
  };
  for (const line of candidateLines(rule, hits, b)) {
    const lineStart = b.lines.lineStart(line);
    for (const binding of b.at(line)) {
      const words = nameWords(binding.name);
      if (ctx.exclude.length && ctx.exclude.some((x) => words.join('').includes(x))) continue;
      for (const part of ctx.parts) {
        if (!part.shape.test(binding.value)) continue;
        const header = ctx.headers.get(binding.name.toLowerCase());
        let identified = header === part.name;
        if (!identified && namesPart(words, part, ctx.aliases)) {
          identified =
            ctx.anyName ||
            hasAlias(words, ctx.aliases) ||
            hasAlias(inlineSectionNames(b.line(line), binding.at).flatMap(nameWords), ctx.aliases) ||
            hasAlias(b.sectionWords(line), ctx.aliases) ||
            nearAlias(line);
        }
        if (identified) found.push({ part: part.name, value: binding.value, start: lineStart + binding.at, line });
      }
    }
  }
  for (const url of ctx.urls) {
    url.regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = url.regex.exec(b.text)) !== null) {
      for (const part of ctx.parts) {
        const value = m.groups?.[part.name];
        if (value === undefined) continue;
        const start = m.indices!.groups![part.name]![0];
        found.push({ part: part.name, value, start, line: b.lines.lineAt(start) });
      }
    }
  }
  pair(rule, dedupe(found), report);
}

function dedupe(found: PartHit[]): PartHit[] {
  const seen = new Set<string>();
  return found.filter((h) => {
    const key = `${h.start}:${h.part}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Pairs each part found with the nearest of every other part, and reports what the rule's pairing allows. */
function pair(rule: CompiledRule, found: PartHit[], report: Report): void {
  const ctx = rule.context!;
  if (found.length === 0) return;
  const required = ctx.parts.filter((p) => !p.optional).map((p) => p.name);
  for (const hit of found) {
    const parts: Record<string, string> = { [hit.part]: hit.value };
    for (const other of ctx.parts) {
      if (other.name === hit.part) continue;
      let best: PartHit | null = null;
      for (const h of found) {
        if (h.part !== other.name || h.value === hit.value || Math.abs(h.line - hit.line) > PAIR_LINES) continue;
        if (!best || Math.abs(h.line - hit.line) < Math.abs(best.line - hit.line)) best = h;
      }
      if (best) parts[other.name] = best.value;
    }
    if (ctx.pairing === 'required' && !required.every((n) => parts[n] !== undefined)) continue;
    report(rule, hit, parts);
  }
}
