// The corpus builder: collects files for a temporary tree and, for every planted secret, where it is (file, line)
// and which rule ids or families may report it. Values come from a seeded RNG so a failure can be replayed.

import { ALPHABETS, randChars, randInt, uuid, type Rng } from '../../src/fakes/index.js';

/** One secret planted in the corpus. */
export interface Planted {
  path: string;
  /** 1-based line where the secret starts. */
  line: number;
  secret: string;
  /** Family the secret belongs to (one of the rule packs' families), for the per-family table. */
  family: string;
  /** Rule ids or family names whose finding counts as finding this secret. */
  accept: string[];
  /** An identifier that is fine to report (e.g. a key id next to its secret) but not required: not in recall. */
  optional: boolean;
}

interface Pending {
  secret: string;
  family: string;
  accept: string[];
  optional: boolean;
}

export class Corpus {
  readonly files: Record<string, string> = {};
  readonly planted: Planted[] = [];
  /** Paths written as look-alikes: any finding there is a false alarm. */
  readonly negatives = new Set<string>();
  private pending: Pending[] = [];

  constructor(readonly rng: Rng) {}

  /** Registers `secret` for the next file() call and returns it, so it can be written inline. */
  key(family: string, accept: string | string[], secret: string): string {
    this.pending.push({ secret, family, accept: [accept].flat(), optional: false });
    return secret;
  }

  /** As key(), for an identifier that may be reported but need not be. */
  id(family: string, accept: string | string[], value: string): string {
    this.pending.push({ secret: value, family, accept: [accept].flat(), optional: true });
    return value;
  }

  /** Writes a file holding the secrets registered since the last call; each occurrence of each is planted. */
  file(path: string, text: string): void {
    if (this.files[path] !== undefined) throw new Error(`corpus: duplicate path ${path}`);
    this.files[path] = text;
    for (const p of this.pending) {
      let from = 0;
      let seen = 0;
      for (;;) {
        const at = text.indexOf(p.secret, from);
        if (at < 0) break;
        seen++;
        const line = text.slice(0, at).split('\n').length;
        this.planted.push({ path, line, ...p });
        from = at + p.secret.length;
      }
      if (seen === 0) throw new Error(`corpus: ${path}: planted value not written: ${p.secret.slice(0, 12)}…`);
    }
    this.pending = [];
  }

  /** Writes a look-alike file: nothing in it may be reported. */
  neg(path: string, text: string): void {
    if (this.pending.length) throw new Error(`corpus: ${path}: secrets registered before a negative file`);
    if (this.files[path] !== undefined) throw new Error(`corpus: duplicate path ${path}`);
    this.files[path] = text;
    this.negatives.add(path);
  }

  // Small value helpers on the corpus RNG.
  chars(alphabet: keyof typeof ALPHABETS | string, n: number): string {
    const a = (ALPHABETS as Record<string, string>)[alphabet] ?? alphabet;
    return randChars(a, n, this.rng);
  }
  int(n: number): number {
    return randInt(n, this.rng);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[randInt(xs.length, this.rng)] as T;
  }
  uuid(): string {
    return uuid(this.rng);
  }
  hex(n: number): string {
    return randChars(ALPHABETS.hex, n, this.rng);
  }
  /** A user-chosen passphrase as people pick them: words, digits and a symbol. */
  passphrase(): string {
    const w = this.pick(['Falcon', 'Orbit', 'Maple', 'Quartz', 'Tiger', 'Nimbus', 'Copper', 'Delta']);
    const v = this.pick(['trade', 'bot', 'desk', 'arb', 'grid', 'mm']);
    return `${w}${v}${this.chars('digits', 3 + this.int(3))}${this.pick(['!', '#', '$', '@', '%'])}${this.chars('upper', 2)}`;
  }
}
