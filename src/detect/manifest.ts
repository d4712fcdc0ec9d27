// YAML manifests of one kind (a Kubernetes `Secret`): where a rule's values are the entries of top-level sections
// (`data:`, `stringData:`) of a document that declares `kind: Secret`, whatever the entries are named. Read from the
// rule's keyword hits (the kind, lower case), each a candidate `kind:` line; the document around it is bounded by
// `---` lines, and `kind:` counts only at the document's top level (inside no section), so the `kind:` of a reference
// inside a spec (`secretStoreRef:` ⏎ `kind: Secret`) declares nothing.

import type { ContextMatcher } from '../model/types.js';
import type { Bindings, PartHit } from './context.js';
import { indentOf, sectionNames } from './grammar.js';

/** How far from a `kind:` line its document's bounds are looked for, each way. */
const DOC_LINES = 5000;

const KIND_LINE = /^[ \t]*kind[ \t]*:[ \t]*(["']?)([A-Za-z][A-Za-z0-9]*)\1[ \t]*(?:#.*)?$/;
const KIND_BEFORE = /kind[ \t]*:[ \t]*["']?$/;
const DOC_SEPARATOR = /^(?:---|\.\.\.)(?:[ \t]|$)/;
const BLANK_OR_COMMENT = /^[ \t]*(?:#|$)/;
/** A section's opening line: `data:` alone (an inline `data: {}` holds nothing to read). */
const SECTION_LINE = /^[ \t]*(["']?)([A-Za-z][A-Za-z0-9]*)\1[ \t]*:[ \t]*(?:#.*)?$/;
/** An entry: `name: value` (names as Kubernetes allows them: `password`, `.dockercfg`, `tls.crt`, `ca.pem`). */
const ENTRY_LINE = /^([ \t]*)(["']?)([\w.-]+)\2[ \t]*:[ \t]*(.*)$/;
const BLOCK_SCALAR = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/** The value of an entry as written after its colon: unquoted, without a trailing comment; offset within `rest`. */
function entryValue(rest: string): { value: string; at: number } | null {
  const q = rest[0];
  if (q === '"' || q === "'") {
    const end = rest.indexOf(q, 1);
    return end > 1 ? { value: rest.slice(1, end), at: 1 } : null;
  }
  const value = rest.replace(/[ \t]+#.*$/, '').trimEnd();
  return value ? { value, at: 0 } : null;
}

/**
 * The entries of the manifest sections around the rule's keyword hits, as part hits. `hits` ascend; each document
 * is read once however many hits it holds.
 */
export function manifestHits(manifest: NonNullable<ContextMatcher['manifest']>, hits: readonly number[], b: Bindings): PartHit[] {
  const found: PartHit[] = [];
  let readTo = -1; // last line of the last document read
  for (const h of hits) {
    // Most hits of a kind's name (`secret`) are not a `kind:` line's value: a look at what precedes turns them away.
    if (!KIND_BEFORE.test(b.text.slice(Math.max(0, h - 16), h))) continue;
    const kindLine = b.lines.lineAt(h);
    if (kindLine <= readTo) continue;
    const m = KIND_LINE.exec(b.line(kindLine));
    if (!m || m[2]!.toLowerCase() !== manifest.kind) continue;
    // The document: between the separators around the kind line.
    let first = kindLine;
    while (first > 0 && kindLine - first < DOC_LINES && !DOC_SEPARATOR.test(b.line(first - 1))) first--;
    let last = kindLine;
    while (last + 1 < b.count && last - kindLine < DOC_LINES && !DOC_SEPARATOR.test(b.line(last + 1))) last++;
    // At the document's top level: no section above it holds it (a less indented `name:` line). A nested one (a
    // store reference) leaves the document to the top-level `kind:` that may follow it.
    if (sectionNames((n) => b.line(n), kindLine, kindLine - first).length > 0) continue;
    readTo = last;
    const base = indentOf(b.line(kindLine));
    for (let l = first; l <= last; l++) {
      const text = b.line(l);
      if (indentOf(text) !== base) continue;
      const section = SECTION_LINE.exec(text);
      const part = section ? manifest.sections.get(section[2]!) : undefined;
      if (!part) continue;
      l = entries(b, l, last, base, part, found);
    }
  }
  return found;
}

/** Reads the entries of the section opened on line `open`; returns the section's last line. */
function entries(b: Bindings, open: number, last: number, base: number, part: string, found: PartHit[]): number {
  let child = -1;
  let l = open + 1;
  for (; l <= last; l++) {
    const text = b.line(l);
    if (BLANK_OR_COMMENT.test(text)) continue;
    const indent = indentOf(text);
    if (indent <= base) break;
    if (child < 0) child = indent;
    if (indent !== child) continue;
    const entry = ENTRY_LINE.exec(text);
    if (!entry) continue;
    const rest = entry[4]!;
    const restAt = text.length - rest.length;
    if (BLOCK_SCALAR.test(rest)) {
      // `name: |` or `>`: the value is the block below; its first line stands for it (a wrapped base64 value
      // breaks at a multiple of four characters, so that line is whole base64 by itself).
      const next = l + 1;
      if (next > last || BLANK_OR_COMMENT.test(b.line(next)) || indentOf(b.line(next)) <= child) continue;
      const line = b.line(next);
      const value = line.trim();
      found.push({ part, value, start: b.lines.lineStart(next) + line.indexOf(value), line: next });
      continue;
    }
    const v = entryValue(rest);
    if (v) found.push({ part, value: v.value, start: b.lines.lineStart(l) + restAt + v.at, line: l });
  }
  return l - 1;
}
