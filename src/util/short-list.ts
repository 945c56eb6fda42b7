/**
 * A list of things for a message, shortened: the first ones shown, joined
 * with commas, the rest counted ("'a', 'b' and 3 more"). Only those shown are
 * turned into text: a reference held by thousands of servers would otherwise
 * name every one of them in every holder's message (a report, and the time
 * to make it, that grow with the square of the servers).
 */
export const MAX_LISTED = 10;

export function shortList<T>(items: readonly T[], show: (item: T) => string, max = MAX_LISTED): string {
  const shown = items.slice(0, max).map(show).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
