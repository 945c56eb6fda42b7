/**
 * The spans of a list in order of preference, each kept when it overlaps no span kept before it
 * (`[start, end)`: spans that only touch do not overlap). The kept spans are held sorted by start,
 * where no two overlap, so their ends are sorted too: the one kept span that can overlap a new one
 * is the first whose end is past the new one's start, found by binary search. (Asking every kept
 * span in turn made a file of 10,000 secrets cost 50 million comparisons.)
 */
export function keepDisjoint<T extends { readonly start: number; readonly end: number }>(preferred: readonly T[]): T[] {
  const byStart: T[] = [];
  const kept: T[] = [];
  for (const s of preferred) {
    const i = firstEndingAfter(byStart, s.start);
    const next = byStart[i];
    // Every kept span before `i` ends by `s.start`; `next` has the lowest start of the rest.
    if (next !== undefined && next.start < s.end) continue;
    byStart.splice(i, 0, s);
    kept.push(s);
  }
  return kept;
}

/** The index of the first span whose end is past `at` (spans sorted by end), or the length. */
function firstEndingAfter(spans: readonly { readonly end: number }[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as { readonly end: number }).end > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
