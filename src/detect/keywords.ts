// One pass over a text finds every occurrence of every rule keyword: an Aho-Corasick automaton over ASCII with
// case folding built into its transition table (keywords are lower-case literals), so the text is never copied or
// lower-cased. Over the bench tree's 513 M characters, on one thread, hit handling included: about 1 s in the
// WebAssembly loop over the files' UTF-8 bytes (dfa-wasm.ts; 1.4 s before it read four segments at once), 1.7 s in
// the JavaScript loop over the bytes, 2 s over the strings, against about 7 s for one case-insensitive alternation
// regex.

import { WasmDfa } from './dfa-wasm.js';

const ALPHABET = 128;

export interface KeywordHits {
  /** keyword index → start offsets of its occurrences, ascending. Only keywords that occur are present. */
  positions: Map<number, number[]>;
}

/** A built automaton as plain data (for the build-time rule cache): see {@link KeywordMatcher.toData}. */
export interface KeywordMatcherData {
  keywords: string[];
  states: number;
  firstOut: number;
  outputs: number[][];
  /** The transition table's first 128 columns, state by state, as uint16 (uint32 past 65,535 states), host order. */
  table: Uint8Array;
}

let wasmScan = true;

/**
 * The WebAssembly loop is set up once this many bytes have been scanned by an automaton (or one input is that long):
 * until then the JavaScript loop reads them, so a run over a few small files (the pre-commit hook's) never pays
 * for copying the table.
 */
const WASM_MIN_BYTES = 256 * 1024;
let wasmMinBytes = WASM_MIN_BYTES;

/**
 * Whether byte scans may use the WebAssembly loop (the default) or only the JavaScript one, and from which input
 * length on (tests compare the two on small inputs).
 */
export function useWasmScan(on: boolean, minBytes = WASM_MIN_BYTES): void {
  wasmScan = on;
  wasmMinBytes = minBytes;
}

// Automata built ahead of time (at build time, for the built-in rules), by their keyword list: building one costs
// tens of milliseconds in a cold process, which the pre-commit hook would pay at every commit.
const prebuilt = new Map<string, KeywordMatcherData>();

/** Makes a prebuilt automaton available to {@link KeywordMatcher.for}. */
export function registerPrebuiltMatcher(data: KeywordMatcherData): void {
  prebuilt.set(JSON.stringify(data.keywords), data);
}

export class KeywordMatcher {
  /** The automaton for `keywords`: a prebuilt one when registered for exactly these keywords, else a new one. */
  static for(keywords: readonly string[]): KeywordMatcher {
    const data = prebuilt.get(JSON.stringify(keywords));
    return data ? new KeywordMatcher(keywords, data) : new KeywordMatcher(keywords);
  }

  /**
   * state × 128 + ASCII code → next state. States are numbered so that those where a keyword ends come last (from
   * `firstOut` on): the scan loop tests one number instead of looking up outputs at every character. Codes from 128
   * on lead to the marker (bytes) or the root (characters), which the loops decide without the table: half the
   * memory of 256 columns, and a prebuilt table is used where it lies, uncopied (the pre-commit snapshot holds it).
   */
  private readonly delta: Uint16Array | Uint32Array;
  private readonly firstOut: number;
  /** The state every byte 128–255 leads to (see the constructor). */
  private readonly marker: number;
  /** state - firstOut → indexes of the keywords ending there (own and via failure links). */
  private readonly outputs: number[][];
  private readonly lengths: number[];
  private wasm: WasmDfa | null | undefined;
  /** Bytes scanned before the WebAssembly loop was set up. */
  private scanned = 0;

  constructor(
    readonly keywords: readonly string[],
    data?: KeywordMatcherData,
  ) {
    this.lengths = keywords.map((k) => k.length);
    if (data) {
      const raw = data.table.byteOffset % 4 === 0 ? data.table : new Uint8Array(data.table); // views need alignment
      const wide = data.states > 0xffff;
      this.delta = wide ? new Uint32Array(raw.buffer, raw.byteOffset, raw.length / 4) : new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
      this.firstOut = data.firstOut;
      this.outputs = data.outputs;
      this.marker = data.states - 1;
      return;
    }
    // One flat transition table sized for the worst case (one state per keyword character), filled in place: this
    // runs on every start-up, including the pre-commit hook's, so it avoids per-state allocations.
    const maxStates = 1 + keywords.reduce((n, k) => n + k.length, 0);
    const next = new Int32Array(maxStates * ALPHABET).fill(-1);
    const own: number[][] = [[]];
    let states = 1;
    keywords.forEach((k, idx) => {
      let s = 0;
      for (let i = 0; i < k.length; i++) {
        let c = k.charCodeAt(i);
        if (c >= ALPHABET) throw new Error(`keyword "${k}" is not ASCII`);
        if (c >= 65 && c <= 90) c |= 32;
        const at = s * ALPHABET + c;
        if (next[at] === -1) {
          next[at] = states++;
          own.push([]);
        }
        s = next[at]!;
      }
      own[s]!.push(idx);
    });
    // Breadth-first: failure links, then complete the transition function (a DFA) and merge outputs.
    const fail = new Int32Array(states);
    const out: number[][] = own.map((o) => [...o]);
    const queue: number[] = [];
    for (let c = 0; c < ALPHABET; c++) {
      const t = next[c]!;
      if (t === -1) next[c] = 0;
      else queue.push(t);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi]!;
      const row = s * ALPHABET;
      const failRow = fail[s]! * ALPHABET;
      for (let c = 0; c < ALPHABET; c++) {
        const t = next[row + c]!;
        if (t === -1) next[row + c] = next[failRow + c]!;
        else {
          fail[t] = next[failRow + c]!;
          if (out[fail[t]!]!.length) out[t] = out[t]!.concat(out[fail[t]!]!);
          queue.push(t);
        }
      }
    }
    // Renumber: states without output first (the root stays 0), then those with output.
    const id = new Int32Array(states);
    let n = 0;
    for (let s = 0; s < states; s++) if (!out[s]!.length) id[s] = n++;
    this.firstOut = n;
    this.outputs = [];
    for (let s = 0; s < states; s++)
      if (out[s]!.length) {
        id[s] = n++;
        this.outputs.push(out[s]!);
      }
    // One more state, last: the marker, where every byte 128–255 leads (never in a keyword, so from there the scan
    // goes on as from the root). Its number is past firstOut, so the scan loop notices it without another test,
    // and a byte scan learns where the multi-byte characters are.
    this.marker = n;
    this.outputs.push([]);
    const total = n + 1;
    this.delta = total <= 0xffff ? new Uint16Array(total * ALPHABET) : new Uint32Array(total * ALPHABET);
    for (let s = 0; s <= states; s++) {
      const row = (s === states ? this.marker : id[s]!) * ALPHABET;
      const from = (s === states ? 0 : s) * ALPHABET;
      for (let c = 0; c < ALPHABET; c++) {
        // Upper-case letters follow their lower-case transitions: the case folding.
        const lc = c >= 65 && c <= 90 ? c | 32 : c;
        this.delta[row + c] = id[next[from + lc]!]!;
      }
    }
  }

  /** The automaton as plain data, to be restored with {@link registerPrebuiltMatcher} and {@link KeywordMatcher.for}. */
  toData(): KeywordMatcherData {
    const states = this.delta.length / ALPHABET;
    const narrow = this.delta.slice();
    const table = new Uint8Array(narrow.buffer, narrow.byteOffset, narrow.byteLength);
    return { keywords: [...this.keywords], states, firstOut: this.firstOut, outputs: this.outputs, table };
  }

  private record(positions: Map<number, number[]>, state: number, i: number): void {
    for (const k of this.outputs[state - this.firstOut]!) {
      const list = positions.get(k);
      const start = i - this.lengths[k]! + 1;
      if (list) list.push(start);
      else positions.set(k, [start]);
    }
  }

  /** Every occurrence of every keyword in `text`, case-insensitively (ASCII). */
  scan(text: string): KeywordHits {
    const { delta, firstOut, marker } = this;
    const positions = new Map<number, number[]>();
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      s = c < ALPHABET ? delta[(s << 7) | c]! : 0;
      if (s >= firstOut && s !== marker) this.record(positions, s, i);
    }
    return { positions };
  }

  /**
   * The same over the UTF-8 bytes a text was decoded from (valid UTF-8, no BOM), with offsets in the text's UTF-16
   * code units. Reading a byte array is about twice as fast as reading the string; the offsets are corrected after
   * the scan from where the multi-byte characters were, which costs nothing for an ASCII text.
   */
  scanUtf8(bytes: Uint8Array): KeywordHits {
    const { delta, firstOut, marker } = this;
    const positions = new Map<number, number[]>();
    const high: number[] = [];
    // Setting up the WebAssembly copy of the table costs milliseconds (it copies the whole table), which a few
    // small inputs never earn back: the pre-commit hook's staged files are read by the JavaScript loop.
    if (this.wasm === undefined) this.scanned += bytes.length;
    const wasm = this.wasm !== undefined || this.scanned >= wasmMinBytes ? this.wasmDfa() : null;
    if (wasm) {
      wasm.run(bytes, firstOut, (i, s) => {
        if (s === marker) high.push(i);
        else this.record(positions, s, i);
      });
    } else {
      let s = 0;
      const n = bytes.length;
      for (let i = 0; i < n; i++) {
        const b = bytes[i]!;
        s = b < ALPHABET ? delta[(s << 7) | b]! : marker;
        if (s >= firstOut) {
          if (s === marker) high.push(i);
          else this.record(positions, s, i);
        }
      }
    }
    if (high.length > 0) toUtf16Offsets(positions, bytes, high);
    return { positions };
  }

  /** The WebAssembly copy of the table (dfa-wasm.ts), made on first use; null when it cannot run it. */
  private wasmDfa(narrow = false): WasmDfa | null {
    if (!wasmScan) return null;
    if (this.wasm === undefined) this.wasm = this.delta instanceof Uint16Array ? WasmDfa.of(this.delta, this.marker, Math.max(0, ...this.lengths), narrow) : null;
    return this.wasm;
  }

  /**
   * Sets the WebAssembly loop up now, over the table as it is (no widened copy), and uses it from the first byte
   * on. For the pre-commit hook, which does this while git works out the diff: the commit's files are then not read
   * by the JavaScript loop, which runs unoptimised in a process that has just started.
   */
  prepareNarrowWasm(): void {
    this.wasmDfa(true);
  }
}

/**
 * Turns byte offsets (of ASCII characters) into UTF-16 offsets, given every byte at or above 0x80 in order. Before
 * offset p there are p bytes; each continuation byte (0x80–0xBF) adds no code unit, each lead byte of a four-byte
 * sequence (0xF0–0xF7) adds one more (a surrogate pair), and other lead bytes add one like an ASCII byte.
 */
function toUtf16Offsets(positions: Map<number, number[]>, bytes: Uint8Array, high: readonly number[]): void {
  const shift = new Int32Array(high.length);
  let sum = 0;
  for (let k = 0; k < high.length; k++) {
    const b = bytes[high[k]!]!;
    sum += b < 0xc0 ? -1 : b >= 0xf0 ? 1 : 0;
    shift[k] = sum;
  }
  for (const list of positions.values()) {
    let k = 0; // high bytes before list[j]; the list is ascending
    for (let j = 0; j < list.length; j++) {
      const p = list[j]!;
      while (k < high.length && high[k]! < p) k += 1;
      if (k > 0) list[j] = p + shift[k - 1]!;
    }
  }
}
