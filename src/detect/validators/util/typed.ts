// Values a person typed rather than a generator drew: runs along the alphabet or the keyboard (`abcdef`, `qwerty`,
// `asdf…mnbv`, `12345678`), a stretch repeated inside the value (`ABCdef123/+==ABCdef123/+==…`), a marker word set
// off from the rest (`…88fake8f7…`), or a host name (`4f2a9c.invoiceocean.net`). Such values are the samples of
// documentation and tests. Random keys rarely take one of these shapes: on 50,000 random values of each alphabet
// (hex, alphanumeric in one or both cases, base64) and length (32, 64, 128), at most 60 in a million.

/** The sequences a typed run follows, forward or backward, case-insensitive. The digits wrap (`7890` `1234`). */
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '01234567890123', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** The forward neighbour pairs of each sequence (`ab`, `bc`, …; the digits include `90` and `01` for the wrap). */
const STEP = SEQUENCES.map((q) => {
  const pairs = new Set<string>();
  for (let j = 0; j + 1 < q.length; j++) pairs.add(q[j]! + q[j + 1]!);
  return pairs;
});

/**
 * The lengths of the maximal runs in `s` where each character follows the one before along one sequence, in one
 * direction (`abcd`, `dcba`, `asdf`, `0987`), case-insensitive; runs shorter than two characters are left out.
 */
export function typedRuns(s: string): number[] {
  const t = s.toLowerCase();
  const runs: number[] = [];
  // the current run length per sequence and direction: [k * 2] forward, [k * 2 + 1] backward
  const cur = new Array<number>(SEQUENCES.length * 2).fill(1);
  for (let i = 1; i <= t.length; i++) {
    for (let k = 0; k < SEQUENCES.length; k++) {
      for (let d = 0; d < 2; d++) {
        const pair = i < t.length ? (d === 0 ? t[i - 1]! + t[i]! : t[i]! + t[i - 1]!) : '';
        const slot = k * 2 + d;
        if (pair && STEP[k]!.has(pair)) cur[slot]! += 1;
        else {
          if (cur[slot]! >= 2) runs.push(cur[slot]!);
          cur[slot] = 1;
        }
      }
    }
  }
  return runs;
}

/**
 * True when some stretch of `min` characters or more, of five different characters at least, occurs twice in `s`
 * (the two may overlap). Padding repeats by design and is not a typed stretch: Twitter's bearer tokens open with 22
 * `A`s, and a run like `AAAAAAAAAAB` recurs inside it.
 */
export function hasRepeatedStretch(s: string, min = 10): boolean {
  if (s.length < min + 1) return false;
  const seen = new Set<string>();
  for (let i = 0; i + min <= s.length; i++) {
    const piece = s.slice(i, i + min);
    if (seen.has(piece) && new Set(piece).size >= 5) return true;
    seen.add(piece);
  }
  return false;
}

/** Words that mark a value as a sample. The global stopwords (rules/core.yaml) drop most of them in a secret as found;
 * here they also serve a short word set off by itself (`fake`) and the decoded claims of a JWT. */
// Not `test`: live prefixes carry it (`sk_test_`, `test_pub_`, `FLWSECK_TEST-`), and a test-mode key is still a key.
const MARKERS = ['fake', 'dummy', 'example', 'sample', 'placeholder', 'changeme', 'redacted'];
/** The marker words of a JWT's claims, which are text: not `sample`, which real scopes and names hold (`samplesets`). */
export const CLAIM_MARKERS: readonly string[] = MARKERS.filter((w) => w !== 'sample');

/**
 * A marker word: one of six letters or more anywhere (`…hZidEXAMPLEACCESSTOKEN`; by chance about once in ten
 * million values of 128 characters), a shorter one set off from the characters around it — at the start or end, or
 * beside a character that does not continue it in its case (`88fake8f`, `-dummy-`, `Fake User`) — or occurring twice
 * (`…NTFAKEM6…UFAKEk3…`).
 */
export function markerWord(s: string, words: readonly string[] = MARKERS): string | null {
  const lower = s.toLowerCase();
  for (const w of words) {
    let at = lower.indexOf(w);
    if (at < 0) continue;
    if (w.length >= 6 || lower.indexOf(w, at + 1) >= 0) return w;
    for (; at >= 0; at = lower.indexOf(w, at + 1)) {
      const word = s.slice(at, at + w.length);
      const tail = word.slice(1);
      // FAKE, fake or Fake: the letters before and after must not continue the word in its case
      const upper = word === word.toUpperCase();
      if (!upper && tail !== tail.toLowerCase()) continue;
      const first = upper || word[0] === word[0]!.toUpperCase() ? /[A-Z]/ : /[a-z]/;
      const last = upper ? /[A-Z]/ : /[a-z]/;
      const before = at === 0 ? '' : s[at - 1]!;
      const after = at + w.length >= s.length ? '' : s[at + w.length]!;
      if (!first.test(before) && !last.test(after)) return w;
    }
  }
  return null;
}

/** A host name: dot-separated labels ending in a common top-level domain (`api.example.com`, `x1.invoiceocean.net`). */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:com|net|org|io|dev|app|co|ai|cloud|info|biz|us|uk|de|eu|me|sh|xyz|tech|site|online|local|internal)$/i;

/**
 * Why `s` reads as typed rather than drawn at random, or null: a host name; a marker word; a run of six along the
 * alphabet, the digits or a keyboard row, or two runs of four (one more for each 40 characters past 80); in a value
 * that mixes letters and digits, a run of eight on its letters alone or its digits alone (`a1B2c3D4e5F6g7H8…`); a
 * repeated stretch of ten in a value without dots. Hex has few characters, so its runs come by chance more often:
 * there it takes a run of eight, two of six, or ten on the digits alone.
 */
export function typedValue(s: string): string | null {
  if (HOST.test(s)) return 'a host name';
  const marker = markerWord(s);
  if (marker) return `the marker word "${marker}"`;
  // A UUID is hex too: its dashes break runs, they do not make them likelier.
  const hex = /^[0-9a-f-]+$|^[0-9A-F-]+$/.test(s) && /[0-9a-fA-F]/.test(s);
  const runs = typedRuns(s);
  const [one, two, twoOf] = hex ? [8, 2, 6] : [6, Math.max(2, Math.ceil((s.length - 40) / 40)), 4];
  if (runs.some((n) => n >= one) || runs.filter((n) => n >= twoOf).length >= two) return 'a typed run (abcdef, qwerty, 123456)';
  const letters = s.replace(/[^A-Za-z]/g, '');
  const digits = s.replace(/[^0-9]/g, '');
  if (letters.length < s.length && digits.length < s.length) {
    const apart = hex ? 10 : 8;
    if (typedRuns(letters).some((n) => n >= apart) || typedRuns(digits).some((n) => n >= apart)) return 'an interleaved typed run (a1b2c3d4…)';
  }
  if (!s.includes('.') && hasRepeatedStretch(s)) return 'a repeated stretch';
  return null;
}
