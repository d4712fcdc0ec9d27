// The keyword automaton's byte loop in WebAssembly: the one loop that reads every byte of every file. The module is
// a few hundred bytes, written out below rather than built by a tool, so nothing is installed or compiled for it. It
// runs the automaton's transition table over a chunk of bytes and writes out each (position, state) whose state is
// at least `firstOut` (a keyword ends there, or a byte ≥ 0x80 was read); JavaScript does the rest with those, exactly
// as for its own loop (keywords.ts), which stays as the fallback and the reference the tests compare against.
//
// One automaton reading one byte after another is a chain of dependent loads (the next state needs this one), so
// the chunk is cut into STREAMS equal segments read in lockstep: four independent chains keep the processor busy
// where one leaves it waiting. Each segment is read from `warm` bytes before its start (the longest keyword less
// one): from there, the root state reaches the very state a reading from the start of the file has at the
// segment's first byte, since a state stands for the last keyword-length characters at most. Hits inside that
// warm-up belong to the segment before, so the warm-up is a loop of its own that writes nothing out. Bytes past the
// chunk (padding to equal segments) and before the file's start are zeros, which no keyword holds: they lead to
// the root and never to a hit.
//
// The table the module reads holds, for each state and byte class, the address of the next state's row (a 32-bit
// entry per class): a step is then a byte load, its class's load, a shift and an add to the current row's address,
// and one load, where 16-bit state numbers took two more shifts and an or (the loop ran about a fifth faster on the
// bench tree). Bytes that lead every state alike share a class (byteClasses): the built-in keywords use 46 characters,
// so a row has 48 columns rather than 256, and the table takes 1.5 MB rather than 8, which the processor's caches
// hold better (the loop's time on the bench tree fell by about a tenth). States keep their order, so a hit is an
// address at or past firstOut's row. A second function, `scan16`, reads the automaton's own 16-bit table instead (see
// body): the pre-commit hook's, which copies it into the module while git works, with no classes to work out.
//
// The loop, in the text format (parameters: table, text, seg, out, firstOut (an address), warm and marker (for
// scan16); per segment k: p, s, n, o):
//
//   p[k] = text + k*seg - warm; o[k] = out + k*seg*8; s[k] = table; steps = warm + seg
//   loop while c < warm:                                ;; the warm-up, no hits: positions before each segment
//     for each k: s[k] = load32(s[k] + (load8_u(CLASS_AT + load8_u(p[k])) << 2)); p[k] += 1
//     c += 1
//   loop while c < steps:
//     for each k:                                       ;; written out four times, one after another
//       s[k] = load32(s[k] + (load8_u(CLASS_AT + load8_u(p[k])) << 2))
//       if (s[k] >= firstOut)
//         store32(o[k] + n[k]*8, p[k] - text); store32(o[k] + n[k]*8 + 4, s[k]); n[k] += 1
//       p[k] += 1
//     c += 1
//   store32(4*k, n[k]) for each k                       ;; the hit counts, for JavaScript to read

const I32 = 0x7f;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  load8u: 0x2d,
  load16u: 0x2f,
  load32: 0x28,
  select: 0x1b,
  ltU: 0x49,
  store: 0x36,
  const: 0x41,
  geU: 0x4f,
  add: 0x6a,
  sub: 0x6b,
  mul: 0x6c,
  and: 0x71,
  or: 0x72,
  shl: 0x74,
  void: 0x40,
} as const;

/**
 * Where the byte classes sit in the module's memory (256 bytes: each byte's column in a row of the wide table), and
 * where that table starts. The counts of hits are at 0.
 */
const CLASS_AT = 64;
const TABLE_AT = CLASS_AT + 256;

/** Segments read in lockstep. */
export const STREAMS = 4;

// Parameter and local indexes. Both functions take the same parameters (`scan` ignores `marker`).
const P_TABLE = 0;
const P_TEXT = 1;
const P_SEG = 2;
const P_OUT = 3;
const P_FIRST_OUT = 4;
const P_WARM = 5;
const P_MARKER = 6;
const L_C = 7;
const L_STEPS = 8;
const L_BYTE = 9;
// Per segment k: its read position, state, hit count and hit buffer.
const lp = (k: number): number => 10 + 4 * k;
const ls = (k: number): number => 11 + 4 * k;
const ln = (k: number): number => 12 + 4 * k;
const lo = (k: number): number => 13 + 4 * k;

/**
 * The loop over a table of next-row addresses (`scan`), or, `narrow`, over the automaton's own table of 16-bit state
 * numbers, 128 columns a state, as KeywordMatcher holds it (`scan16`): a step then also tests the byte (from 0x80 on
 * it leads to `marker`) and turns the state into its row. A fifth slower a byte, but the table is copied into the
 * module as it is (2 MB for the built-in rules) rather than widened, which costs a cold process (the pre-commit
 * hook's) more than it would save on a commit's few hundred kilobytes: the byte classes to work out (about 5 ms) and
 * fresh memory to write (when the table had 256 columns, 8 MB whose page faults were the larger part).
 */
function body(narrow: boolean): number[] {
  const get = (x: number): number[] => [op.get, x];
  const set = (x: number): number[] => [op.set, x];
  const c = (v: number): number[] => [op.const, ...sleb(v)];
  const each = (f: (k: number) => number[]): number[] => Array.from({ length: STREAMS }, (_, k) => f(k)).flat();
  // s[k] = the next state from s[k] and the byte at p[k].
  const step = (k: number): number[] =>
    narrow
      ? [
          ...get(lp(k)), op.load8u, 0, 0, ...set(L_BYTE),
          ...get(P_TABLE),
          ...get(ls(k)), ...c(7), op.shl, ...get(L_BYTE), op.or, ...c(1), op.shl, // (s << 7 | byte) * 2
          op.add, op.load16u, 1, 0,
          ...get(P_MARKER),
          ...get(L_BYTE), ...c(128), op.ltU,
          op.select, ...set(ls(k)),
        ]
      : [...get(ls(k)), ...get(lp(k)), op.load8u, 0, 0, op.load8u, 0, ...leb(CLASS_AT), ...c(2), op.shl, op.add, op.load32, 2, 0, ...set(ls(k))];
  return [
    1, 3 + 4 * STREAMS, I32, // locals: all i32, zero at the start
    ...get(P_WARM), ...get(P_SEG), op.add, ...set(L_STEPS),
    ...each((k) => [
      ...(narrow ? c(0) : get(P_TABLE)), ...set(ls(k)), // the root state
      ...get(P_TEXT), ...get(P_SEG), ...c(k), op.mul, op.add, ...get(P_WARM), op.sub, ...set(lp(k)),
      ...get(P_OUT), ...get(P_SEG), ...c(k * 8), op.mul, op.add, ...set(lo(k)),
    ]),
    // The warm-up: `warm` steps that only move the states on.
    op.block, op.void,
    op.loop, op.void,
    ...get(L_C), ...get(P_WARM), op.geU, op.brIf, 1,
    ...each((k) => [
      ...step(k),
      ...get(lp(k)), ...c(1), op.add, ...set(lp(k)),
    ]),
    ...get(L_C), ...c(1), op.add, ...set(L_C),
    op.br, 0,
    op.end,
    op.end,
    op.block, op.void,
    op.loop, op.void,
    ...get(L_C), ...get(L_STEPS), op.geU, op.brIf, 1,
    ...each((k) => [
      ...step(k),
      ...get(ls(k)), ...get(P_FIRST_OUT), op.geU,
      op.if, op.void,
      ...get(lo(k)), ...get(ln(k)), ...c(3), op.shl, op.add, ...get(lp(k)), ...get(P_TEXT), op.sub, op.store, 2, 0,
      ...get(lo(k)), ...get(ln(k)), ...c(3), op.shl, op.add, ...get(ls(k)), op.store, 2, 4,
      ...get(ln(k)), ...c(1), op.add, ...set(ln(k)),
      op.end,
      ...get(lp(k)), ...c(1), op.add, ...set(lp(k)),
    ]),
    ...get(L_C), ...c(1), op.add, ...set(L_C),
    op.br, 0,
    op.end,
    op.end,
    ...each((k) => [...c(4 * k), ...get(ln(k)), op.store, 2, 0]),
    op.end,
  ];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

/** Signed LEB128, as `i32.const` reads its operand. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function name(s: string): number[] {
  return [s.length, ...[...s].map((ch) => ch.charCodeAt(0))];
}

function moduleBytes(): Uint8Array {
  const wide = body(false);
  const narrow = body(true);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
    ...section(1, [1, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0]), // type: (7 × i32) → ()
    ...section(3, [2, 0, 0]), // two functions of type 0
    ...section(5, [1, 0x00, 1]), // one memory, at least one page
    ...section(7, [3, ...name('mem'), 0x02, 0, ...name('scan'), 0x00, 0, ...name('scan16'), 0x00, 1]),
    ...section(10, [2, ...leb(wide.length), ...wide, ...leb(narrow.length), ...narrow]),
  ]);
}

// Node has WebAssembly; its TypeScript types live in the DOM library, which this project does not load.
type WasmModule = object;
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports?: object) => WasmInstance;
};

type ScanFn = (table: number, text: number, seg: number, out: number, firstOut: number, warm: number, marker: number) =>
  void;

/** Bytes handed to the module at a time. Every byte may be a hit, so the hit buffer holds one per byte. */
const CHUNK = 1 << 20;
const PAGE = 65536;

let compiled: WasmModule | null | undefined;
let madeBytes: Uint8Array | undefined;

/**
 * The module's bytes, made once. A start-up snapshot cannot hold a compiled WebAssembly module, but it can hold
 * these: the pre-commit snapshot's builder calls this (src/cli/snapshot-main.ts) so only the compilation is left.
 */
export function wasmBytes(): Uint8Array {
  return (madeBytes ??= moduleBytes());
}

/** Compiles the module now rather than at the first scan (the pre-commit snapshot does it while git runs). */
export function prepareWasm(): void {
  wasmModule();
}

/** The compiled module, or null where WebAssembly is unavailable (then the JavaScript loop runs). */
function wasmModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(wasmBytes());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const align64 = (n: number): number => n + ((64 - (n % 64)) % 64);

/**
 * The bytes that lead every state to the same next state, as classes: the wide table needs a column per class, not
 * per byte. The keywords are made of a few dozen characters (case folded), so the rest of ASCII is one class, and
 * the table is about a fifth of 256 columns' size: its rows in use stay in the processor's caches. Bytes from 128
 * on are a class of their own (the marker). `of`: each byte's class; `first`: a byte of each class.
 */
export function byteClasses(table: Uint16Array, states: number): { of: Uint8Array; first: number[]; count: number } {
  const of = new Uint8Array(256);
  const first: number[] = [];
  const same = (a: number, b: number): boolean => {
    for (let s = 0; s < states; s++) if (table[s * 128 + a] !== table[s * 128 + b]) return false;
    return true;
  };
  for (let c = 0; c < 128; c++) {
    let k = 0;
    while (k < first.length && !same(first[k]!, c)) k++;
    if (k === first.length) first.push(c);
    of[c] = k;
  }
  of.fill(first.length, 128);
  first.push(128);
  return { of, first, count: first.length };
}

/** One automaton's table in a WebAssembly memory, with room for a chunk of text and the hits it produces. */
export class WasmDfa {
  private readonly memory: WasmMemory;
  private readonly scanFn: ScanFn;
  /** Bytes of a row of the wide table (a 32-bit address per byte class); 0 for the narrow one. */
  private readonly row: number;
  private readonly outAt: number;
  /** Where the warm-up bytes before a chunk go; the chunk itself follows them. */
  private readonly textAt: number;

  private constructor(
    instance: WasmInstance,
    table: Uint16Array,
    private readonly marker: number,
    /** Bytes read before each segment's start: the longest keyword's length less one. */
    private readonly warm: number,
    /** The table as it is (`scan16`), not widened to row addresses (`scan`): see {@link body}. */
    private readonly narrow: boolean,
  ) {
    this.memory = instance.exports.mem as WasmMemory;
    this.scanFn = (narrow ? instance.exports.scan16 : instance.exports.scan) as ScanFn;
    const states = table.length / 128;
    const classes = narrow ? null : byteClasses(table, states);
    this.row = narrow ? 0 : classes!.count * 4;
    this.outAt = align64(TABLE_AT + (narrow ? table.byteLength : states * this.row));
    this.textAt = align64(this.outAt + (CHUNK + STREAMS) * 8);
    const need = this.textAt + warm + CHUNK + STREAMS;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
    if (narrow) {
      new Uint16Array(this.memory.buffer, TABLE_AT, table.length).set(table);
      return;
    }
    // A row per state, a column per byte class; the class of each byte in front of it, so that a byte needs no test:
    // bytes from 128 on are a class of their own, which leads to the marker.
    const { of, first, count } = classes!;
    new Uint8Array(this.memory.buffer, CLASS_AT, 256).set(of);
    const wide = new Uint32Array(this.memory.buffer, TABLE_AT, states * count);
    const at = (state: number): number => TABLE_AT + state * this.row;
    for (let s = 0; s < states; s++) {
      for (let k = 0; k < count; k++) wide[s * count + k] = first[k]! < 128 ? at(table[s * 128 + first[k]!]!) : at(marker);
    }
  }

  /**
   * A WebAssembly copy of `table` (16-bit states, 128 columns; every byte from 128 on leads to `marker`) for keywords
   * at most `longest` bytes long, or null when WebAssembly is unavailable. `narrow`: the table as it is, for a cold
   * process that scans little (see {@link body}).
   */
  static of(table: Uint16Array, marker: number, longest: number, narrow = false): WasmDfa | null {
    const mod = wasmModule();
    if (!mod) return null;
    try {
      return new WasmDfa(new WebAssembly.Instance(mod), table, marker, Math.max(0, longest - 1), narrow);
    } catch {
      return null;
    }
  }

  /**
   * Runs the automaton over `bytes` from the root state, calling `hit(position, state)` for every position whose state
   * is at least `firstOut`, in order.
   */
  run(bytes: Uint8Array, firstOut: number, hit: (position: number, state: number) => void): void {
    const buffer = this.memory.buffer;
    const mem = new Uint8Array(buffer);
    const counts = new Int32Array(buffer, 0, STREAMS);
    const text = this.textAt + this.warm; // the chunk's first byte
    for (let base = 0; base < bytes.length; base += CHUNK) {
      const len = Math.min(CHUNK, bytes.length - base);
      const seg = Math.ceil(len / STREAMS);
      // The warm-up: the bytes before the chunk, zeros before the file's start; then the chunk, and zeros to fill
      // the last segment.
      const before = Math.min(this.warm, base);
      mem.fill(0, this.textAt, text - before);
      mem.set(bytes.subarray(base - before, base + len), text - before);
      mem.fill(0, text + len, text + seg * STREAMS);
      const { narrow } = this;
      const first = narrow ? firstOut : TABLE_AT + firstOut * this.row;
      this.scanFn(TABLE_AT, text, seg, this.outAt, first, this.warm, this.marker);
      for (let k = 0; k < STREAMS; k++) {
        const n = counts[k]!;
        if (n === 0) continue;
        const out = new Int32Array(buffer, this.outAt + k * seg * 8, n * 2);
        for (let j = 0; j < n; j++) {
          const s = out[2 * j + 1]!;
          hit(base + out[2 * j]!, narrow ? s : (s - TABLE_AT) / this.row);
        }
      }
    }
  }
}
