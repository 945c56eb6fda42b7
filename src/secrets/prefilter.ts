/**
 * Multi-needle search: finds every occurrence of every needle in a text in
 * ONE pass, ASCII case-insensitively. Each pair of adjacent characters is
 * looked up in a 128x128 table of needle prefixes; only pairs that start a
 * needle go on to a character-by-character check. Overlapping needles
 * (`secret_key` and `secret_`) are all reported at their own positions.
 *
 * This replaced one big alternation regex over a lowercased copy of the
 * text: irregexp tries every alternative at every position, and the copy
 * cost as much as the search.
 */
export interface NeedleSet {
  /** Needles, lowercased ASCII, at least two characters. */
  readonly needles: readonly string[];
  /** First two characters, raw (c0 << 7 | c1, every case variant) -> bucket index + 1, or 0. */
  readonly table: Uint8Array | Uint16Array;
  /** Needle indices per bucket, longest first. */
  readonly buckets: readonly Int32Array[];
  /**
   * Per bucket, 128 flags: may this folded third character follow the pair?
   * (All set when the bucket has a two-character needle.) Most pairs that
   * start a needle ("re", "de", "co" ...) are rejected here without a bucket walk.
   */
  readonly third: Uint8Array;
}

const FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) FOLD[c] = c >= 65 && c <= 90 ? c | 32 : c;

/** Builds the table; needles that are shorter than two characters or not ASCII are refused (the caller lists them). */
export function buildNeedles(words: readonly string[]): { set: NeedleSet; refused: string[] } {
  const needles: string[] = [];
  const refused: string[] = [];
  const byPrefix = new Map<number, number[]>();
  for (const w of words) {
    const k = w.toLowerCase();
    if (k.length < 2 || /[^\x00-\x7f]/.test(k)) {
      refused.push(w);
      continue;
    }
    const key = (k.charCodeAt(0) << 7) | k.charCodeAt(1);
    const list = byPrefix.get(key) ?? [];
    list.push(needles.length);
    byPrefix.set(key, list);
    needles.push(k);
  }
  // One byte per pair while the buckets fit (16 KB: the table stays in the L1 cache).
  const table = byPrefix.size < 256 ? new Uint8Array(128 * 128) : new Uint16Array(128 * 128);
  const buckets: Int32Array[] = [];
  const third = new Uint8Array(byPrefix.size * 128);
  for (const [key, list] of byPrefix) {
    list.sort((a, b) => (needles[b]?.length ?? 0) - (needles[a]?.length ?? 0));
    const at = buckets.length * 128;
    for (const id of list) {
      const needle = needles[id] as string;
      if (needle.length === 2) third.fill(1, at, at + 128);
      else third[at + needle.charCodeAt(2)] = 1;
    }
    buckets.push(Int32Array.from(list));
    // Every case variant of the pair, so that the search loop looks up raw characters.
    const [a, b] = [key >> 7, key & 127];
    for (const x of caseVariants(a)) for (const y of caseVariants(b)) table[(x << 7) | y] = buckets.length;
  }
  return { set: { needles, table, buckets, third }, refused };
}

function caseVariants(c: number): number[] {
  return c >= 97 && c <= 122 ? [c, c - 32] : [c];
}

/**
 * Every (needle, position) in `text`, in position order, as a flat array
 * `[needle0, pos0, needle1, pos1, ...]`.
 */
export function findNeedles(set: NeedleSet, text: string): number[] {
  const out: number[] = [];
  const { table, buckets, needles, third } = set;
  const n = text.length;
  if (n < 2) return out;
  let c0 = text.charCodeAt(0);
  for (let i = 0; i < n - 1; i++) {
    const c1 = text.charCodeAt(i + 1);
    if ((c0 | c1) < 128) {
      const b = table[(c0 << 7) | c1] as number;
      // A third character that no needle of the bucket has there ends the check (past the end or
      // not ASCII: the bucket walk decides).
      const c2 = b !== 0 && i + 2 < n ? text.charCodeAt(i + 2) : 128;
      if (b !== 0 && (c2 >= 128 || third[(b - 1) * 128 + (FOLD[c2] as number)] === 1)) {
        const bucket = buckets[b - 1] as Int32Array;
        for (let j = 0; j < bucket.length; j++) {
          const id = bucket[j] as number;
          const needle = needles[id] as string;
          const len = needle.length;
          if (i + len > n) continue;
          let k = 2;
          for (; k < len; k++) {
            const c = text.charCodeAt(i + k);
            if ((c < 128 ? FOLD[c] : 128) !== needle.charCodeAt(k)) break;
          }
          if (k === len) out.push(id, i);
        }
      }
    }
    c0 = c1;
  }
  return out;
}
