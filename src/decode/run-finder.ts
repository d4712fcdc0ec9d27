// Where the long runs of the base64 alphabet start, read from a text's UTF-8 bytes by a few lines of WebAssembly. The
// base64 span search needs them in every file, and a JavaScript search over the string costs more than a nanosecond a
// character (mispredicted branches, mostly). This loop reads 16 bytes at a time with SIMD, with no branch but the rare
// hit, from the bytes the source already holds. Like the keyword automaton (src/detect/dfa-wasm.ts) the module is
// written out below, so nothing is installed or compiled for it; where WebAssembly (with SIMD) is unavailable the
// caller's JavaScript search runs instead, and the tests compare the two.
//
// The loop, in the text format (parameters: text, end; the carried run length and UTF-16 position sit in memory at
// 4 and 8, the hit count is written at 0, the hits from OUT_AT on). `m` has a bit per byte of the block: in the alphabet.
//
//   loop while p < end:
//     v = v128.load(p)
//     m = bitmask(((v | 0x20) - 'a') <=u 25 | (v - '0') <=u 9 | v == '+' | v == '/' | v == '-' | v == '_')
//     if m == 0xFFFF:                                   ;; the run goes on through the block
//       if c - 8 <u 16: hit(u - c)                      ;; it reaches MIN (24) in this block
//       c += 16
//     else:
//       if c <u 24 & c + ctz(~m) >=u 24: hit(u - c)     ;; the run before ends in this block, long enough
//       c = clz(~(m << 16))                             ;; the run the block ends with
//     u += 16 - popcnt(bitmask(v <s 0xC0)) + popcnt(bitmask(v >=u 0xF0))   ;; UTF-16 units of the block's bytes
//     p += 16
//
// A hit is the start of a run as a UTF-16 offset: a run's bytes are ASCII, one unit each, so it starts c units
// before the block. A run shorter than a block inside one never matters: MIN is longer than a block.

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  load: 0x28,
  store: 0x36,
  const: 0x41,
  eq: 0x46,
  ltU: 0x49,
  geU: 0x4f,
  clz: 0x67,
  ctz: 0x68,
  popcnt: 0x69,
  add: 0x6a,
  sub: 0x6b,
  and: 0x71,
  xor: 0x73,
  shl: 0x74,
  void: 0x40,
} as const;
/** SIMD instructions: the 0xfd prefix, then the instruction's number (all below 0x80, so one byte). */
const simd = {
  load: [0xfd, 0x00, 0, 0], // v128.load, align 1, offset 0
  const: [0xfd, 0x0c], // v128.const, then 16 bytes
  swizzle: [0xfd, 0x0e], // i8x16.swizzle
  splat: [0xfd, 0x0f], // i8x16.splat
  eq: [0xfd, 0x23], // i8x16.eq
  ltS: [0xfd, 0x25], // i8x16.lt_s
  and: [0xfd, 0x4e], // v128.and
  bitmask: [0xfd, 0x64], // i8x16.bitmask
  shrU: [0xfd, 0x6d], // i8x16.shr_u
} as const;

/** The shortest run reported. The loop's arithmetic holds for any length from 17 to 31. */
export const RUN_MIN = 24;

const P_TEXT = 0;
const P_END = 1;
const L_P = 2;
const L_M = 3;
const L_C = 4;
const L_U = 5;
const L_N = 6;
// v128 locals: the block, its high nibbles, then constants set once before the loop.
const L_V = 7;
const L_HI = 8;
const L_HI_TABLE = 9;
const L_LO_TABLE = 10;
const L_0F = 11;
const L_C0 = 12;
const L_ZERO = 13;

/**
 * The alphabet as two 16-entry tables, one per nibble of a byte: a byte is in the alphabet when the bits its high
 * nibble's entry and its low nibble's entry share are not all zero. The bits: 1 `+ - /` (0x2B, 0x2D, 0x2F), 2 digits
 * (0x30–0x39), 4 letters 0x41–0x4F and 0x61–0x6F, 8 letters 0x50–0x5A and 0x70–0x7A, 16 `_` (0x5F).
 */
const HI_TABLE = Array.from({ length: 16 }, (_, h) => [0, 0, 1, 2, 4, 8 | 16, 4, 8][h] ?? 0);
const LO_TABLE = Array.from(
  { length: 16 },
  (_, l) => (l === 0xb || l === 0xd || l === 0xf ? 1 : 0) | (l <= 9 ? 2 : 0) | (l >= 1 ? 4 : 0) | (l <= 0xa ? 8 : 0) | (l === 0xf ? 16 : 0),
);
/** Where the hits are written. */
const OUT_AT = 64;

/** A signed LEB128 constant, as `i32.const` takes it. */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
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

function body(): number[] {
  const get = (x: number): number[] => [op.get, x];
  const set = (x: number): number[] => [op.set, x];
  const c = (v: number): number[] => [op.const, ...sleb(v)];
  const v = get(L_V);
  const hit = (): number[] => [
    ...c(OUT_AT), ...get(L_N), ...c(2), op.shl, op.add, ...get(L_U), ...get(L_C), op.sub, op.store, 2, 0,
    ...get(L_N), ...c(1), op.add, ...set(L_N),
  ];
  return [
    2, 5, I32, 7, V128, // locals: p, m, c, u, n; the v128 ones (L_ZERO stays all zeros)
    ...simd.const, ...HI_TABLE, ...set(L_HI_TABLE),
    ...simd.const, ...LO_TABLE, ...set(L_LO_TABLE),
    ...c(0x0f), ...simd.splat, ...set(L_0F),
    ...c(0xc0), ...simd.splat, ...set(L_C0),
    ...c(0), op.load, 2, 4, ...set(L_C),
    ...c(0), op.load, 2, 8, ...set(L_U),
    ...get(P_TEXT), ...set(L_P),
    op.block, op.void,
    op.loop, op.void,
    ...get(L_P), ...get(P_END), op.geU, op.brIf, 1,
    ...get(L_P), ...simd.load, ...set(L_V),
    ...v, ...c(4), ...simd.shrU, ...set(L_HI),
    ...get(L_HI_TABLE), ...get(L_HI), ...simd.swizzle,
    ...get(L_LO_TABLE), ...v, ...get(L_0F), ...simd.and, ...simd.swizzle,
    ...simd.and, ...get(L_ZERO), ...simd.eq, ...simd.bitmask, ...c(0xffff), op.xor, ...set(L_M),
    ...get(L_M), ...c(0xffff), op.eq,
    op.if, op.void,
    ...get(L_C), ...c(RUN_MIN - 16), op.sub, ...c(16), op.ltU,
    op.if, op.void, ...hit(), op.end,
    ...get(L_C), ...c(16), op.add, ...set(L_C),
    op.else,
    ...get(L_C), ...c(RUN_MIN), op.ltU,
    ...get(L_C), ...get(L_M), ...c(-1), op.xor, op.ctz, op.add, ...c(RUN_MIN), op.geU,
    op.and,
    op.if, op.void, ...hit(), op.end,
    ...get(L_M), ...c(16), op.shl, ...c(-1), op.xor, op.clz, ...set(L_C),
    op.end,
    ...get(L_U), ...c(16), op.add,
    ...v, ...get(L_C0), ...simd.ltS, ...simd.bitmask, op.popcnt, op.sub,
    ...get(L_HI), ...get(L_0F), ...simd.eq, ...simd.bitmask, op.popcnt, op.add,
    ...set(L_U),
    ...get(L_P), ...c(16), op.add, ...set(L_P),
    op.br, 0,
    op.end,
    op.end,
    ...c(0), ...get(L_N), op.store, 2, 0,
    ...c(0), ...get(L_C), op.store, 2, 4,
    ...c(0), ...get(L_U), op.store, 2, 8,
    op.end,
  ];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function name(s: string): number[] {
  return [s.length, ...[...s].map((ch) => ch.charCodeAt(0))];
}

function moduleBytes(): Uint8Array {
  const code = body();
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // \0asm, version 1
    ...section(1, [1, 0x60, 2, I32, I32, 0]), // type: (i32, i32) → ()
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 0x00, 1]), // one memory, at least one page
    ...section(7, [2, ...name('mem'), 0x02, 0, ...name('runs'), 0x00, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
}

// Node has WebAssembly; its TypeScript types live in the DOM library, which this project does not load.
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => WasmInstance;
};

type RunsFn = (text: number, end: number) => void;

/** Bytes handed to the module at a time: a multiple of 16, so only the last chunk has a partial block. */
const CHUNK = 1 << 20;
const PAGE = 65536;

/** Finds where runs of the base64 alphabets at least {@link RUN_MIN} long start, in UTF-16 offsets of the text. */
export class RunFinder {
  private readonly memory: WasmMemory;
  private readonly runs: RunsFn;
  private readonly textAt: number;

  private constructor(instance: WasmInstance) {
    this.memory = instance.exports.mem as WasmMemory;
    this.runs = instance.exports.runs as RunsFn;
    // A hit needs RUN_MIN bytes after the previous run ended, so a chunk holds fewer than this many.
    this.textAt = OUT_AT + (Math.ceil(CHUNK / RUN_MIN) + 2) * 4;
    this.textAt += (16 - (this.textAt % 16)) % 16;
    const need = this.textAt + CHUNK + 16;
    const have = this.memory.buffer.byteLength;
    if (need > have) this.memory.grow(Math.ceil((need - have) / PAGE));
  }

  /** A finder, or null where WebAssembly or its SIMD instructions are unavailable. */
  static of(): RunFinder | null {
    try {
      return new RunFinder(new WebAssembly.Instance(new WebAssembly.Module(moduleBytes())));
    } catch {
      return null;
    }
  }

  /**
   * The start of every maximal run of the base64 alphabets (standard and URL-safe, no padding) at least
   * {@link RUN_MIN} long in `utf8` (valid UTF-8), as an offset into the string those bytes decode to, in order.
   */
  starts(utf8: Uint8Array): number[] {
    const buffer = this.memory.buffer;
    const mem = new Uint8Array(buffer);
    const head = new Int32Array(buffer, 0, 3);
    head[1] = 0;
    head[2] = 0;
    const found: number[] = [];
    for (let base = 0; base < utf8.length; base += CHUNK) {
      const len = Math.min(CHUNK, utf8.length - base);
      mem.set(utf8.subarray(base, base + len), this.textAt);
      // The last chunk's partial block is filled with zeros, which end a run like any byte outside the alphabet.
      const end = this.textAt + len + ((16 - (len % 16)) % 16);
      mem.fill(0, this.textAt + len, end);
      this.runs(this.textAt, end);
      const n = head[0]!;
      if (n === 0) continue;
      const out = new Int32Array(buffer, OUT_AT, n);
      for (let k = 0; k < n; k++) found.push(out[k]!);
    }
    return found;
  }
}
