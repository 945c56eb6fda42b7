/**
 * A list of things for a message, shortened: the first ones shown, joined
 * with commas, the rest counted ("'a', 'b' and 3 more"). Only those shown are
 * turned into text: a reference held by thousands of servers would otherwise
 * name every one of them in every holder's message (a report, and the time
 * to make it, that grow with the square of the servers).
 */
export const MAX_LISTED = 10;

/** `total`: how many there are, when `items` holds only the first of them. */
export function shortList<T>(items: readonly T[], show: (item: T) => string, max = MAX_LISTED, total = items.length): string {
  const shown = items.slice(0, max).map(show).join(", ");
  return total > max ? `${shown} and ${total - max} more` : shown;
}

/**
 * The first `max` items of `list` other than `item`, in order: what a finding
 * about one holder of a shared value lists of the others (its related
 * locations are capped, engine/run-rules.ts). Filtering the whole list for
 * every holder took time and memory that grow with the square of the holders.
 */
export function firstOthers<T>(list: readonly T[], item: T, max: number): T[] {
  const out: T[] = [];
  for (const x of list) {
    if (x === item) continue;
    out.push(x);
    if (out.length === max) break;
  }
  return out;
}
