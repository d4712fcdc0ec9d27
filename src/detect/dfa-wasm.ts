// The keyword automaton's byte loop in WebAssembly: the one loop that reads every byte of every file. The module is
// 187 bytes, written out below rather than built by a tool, so nothing is installed or compiled for it. It
// runs a 16-bit transition table over a chunk of bytes and writes out each (position, state) whose state number is
// at least `firstOut` (a keyword ends there, or a byte ≥ 0x80 was read); JavaScript does the rest with those, exactly
// as for its own loop (keywords.ts), which stays as the fallback and the reference the tests compare against.
//
// The loop, in the text format (parameters: table, text, len, out, cap, firstOut, state; locals i, s, n, end):
//
//   s = state; i = text; end = text + len
//   block $done
//     loop $next
//       br_if $done (i >= end)
//       s = load16_u(table + (((s << 8) | load8_u(i)) << 1)); i += 1
//       if (s >= firstOut)
//         store32(out + n*8, i - 1 - text); store32(out + n*8 + 4, s); n += 1
//         br_if $done (n >= cap)
//       br $next
//   store32(0, i - text); store32(4, s)          ;; where it stopped, to go on from there
//   return n

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
  store: 0x36,
  const: 0x41,
  geU: 0x4f,
  add: 0x6a,
  sub: 0x6b,
  or: 0x72,
  shl: 0x74,
  void: 0x40,
} as const;

// Parameter and local indexes.
const P_TABLE = 0;
const P_TEXT = 1;
const P_LEN = 2;
const P_OUT = 3;
const P_CAP = 4;
const P_FIRST_OUT = 5;
const P_STATE = 6;
const L_I = 7;
const L_S = 8;
const L_N = 9;
const L_END = 10;

function body(): number[] {
  const get = (x: number): number[] => [op.get, x];
  const set = (x: number): number[] => [op.set, x];
  const c = (v: number): number[] => [op.const, v]; // small non-negative constants only (one LEB128 byte)
  return [
    1, 4, I32, // locals: 4 × i32
    ...get(P_STATE), ...set(L_S),
    ...get(P_TEXT), ...set(L_I),
    ...get(P_TEXT), ...get(P_LEN), op.add, ...set(L_END),
    op.block, op.void,
    op.loop, op.void,
    ...get(L_I), ...get(L_END), op.geU, op.brIf, 1,
    ...get(P_TABLE), ...get(L_S), ...c(8), op.shl, ...get(L_I), op.load8u, 0, 0, op.or, ...c(1), op.shl, op.add, op.load16u, 1, 0, ...set(L_S),
    ...get(L_I), ...c(1), op.add, ...set(L_I),
    ...get(L_S), ...get(P_FIRST_OUT), op.geU,
    op.if, op.void,
    ...get(P_OUT), ...get(L_N), ...c(3), op.shl, op.add, ...get(L_I), ...c(1), op.sub, ...get(P_TEXT), op.sub, op.store, 2, 0,
    ...get(P_OUT), ...get(L_N), ...c(3), op.shl, op.add, ...get(L_S), op.store, 2, 4,
    ...get(L_N), ...c(1), op.add, op.tee, L_N, ...get(P_CAP), op.geU, op.brIf, 2,
    op.end,
    op.br, 0,
    op.end,
    op.end,
    ...c(0), ...get(L_I), ...get(P_TEXT), op.sub, op.store, 2, 0,
    ...c(4), ...get(L_S), op.store, 2, 0,
    ...get(L_N),
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

function name(s: string): number[] {
  return [s.length, ...[...s].map((ch) => ch.charCodeAt(0))];
}

function moduleBytes(): Uint8Array {
  const code = body();
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
    ...section(1, [1, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 1, I32]), // type: (7 × i32) → i32
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // one memory, at least one page
    ...section(7, [2, ...name('mem'), 0x02, 0, ...name('scan'), 0x00, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
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

type ScanFn = (table: number, text: number, len: number, out: number, cap: number, firstOut: number, state: number) => number;

/** Bytes handed to the module at a time, and hits it may write before handing back. */
const CHUNK = 1 << 20;
const CAP = 1 << 16;
const PAGE = 65536;

let compiled: WasmModule | null | undefined;

/** The compiled module, or null where WebAssembly is unavailable (then the JavaScript loop runs). */
function wasmModule(): WasmModule | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(moduleBytes());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** One automaton's table in a WebAssembly memory, with room for a chunk of text and the hits it produces. */
export class WasmDfa {
  private readonly memory: WasmMemory;
  private readonly scanFn: ScanFn;
  private readonly tableAt = 64;
  private readonly outAt: number;
  private readonly textAt: number;

  private constructor(instance: WasmInstance, table: Uint16Array) {
    this.memory = instance.exports.mem as WasmMemory;
    this.scanFn = instance.exports.scan as ScanFn;
    this.outAt = this.tableAt + table.byteLength + 64 - (table.byteLength % 64);
    this.textAt = this.outAt + CAP * 8;
    const need = this.textAt + CHUNK;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
    new Uint16Array(this.memory.buffer, this.tableAt, table.length).set(table);
  }

  /** A WebAssembly copy of `table` (16-bit states, 256 columns), or null when WebAssembly is unavailable. */
  static of(table: Uint16Array): WasmDfa | null {
    const mod = wasmModule();
    if (!mod) return null;
    try {
      return new WasmDfa(new WebAssembly.Instance(mod), table);
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
    const text = new Uint8Array(buffer, this.textAt, CHUNK);
    const out = new Int32Array(buffer, this.outAt, CAP * 2);
    const stop = new Int32Array(buffer, 0, 2);
    let state = 0;
    for (let base = 0; base < bytes.length; ) {
      const len = Math.min(CHUNK, bytes.length - base);
      text.set(bytes.subarray(base, base + len));
      let done = 0;
      while (done < len) {
        const n = this.scanFn(this.tableAt, this.textAt + done, len - done, this.outAt, CAP, firstOut, state);
        for (let k = 0; k < n; k++) hit(base + done + out[2 * k]!, out[2 * k + 1]!);
        done += stop[0]!;
        state = stop[1]!;
      }
      base += len;
    }
  }
}
