/**
 * A key written twice in one object (JSON) or mapping (YAML). JSON.parse and
 * every JSON client keep the last entry; YAML forbids it, and its loaders
 * either refuse the file or keep the last entry. Either way the earlier
 * entries are dead config: they leave the tree (no rule sees a server or a
 * variable twice, or the one the client ignores), each is reported at its
 * key, and its text is left to the text scan (a token in it is still
 * committed).
 */
import type { Span } from "../model/location.js";
import type { DocEntry } from "./doc.js";
import type { ParseProblem } from "./problem.js";

/** What dropShadowed took out of the tree: a problem at each key, and each entry's text. */
export interface Dropped {
  readonly shadowed: ParseProblem[];
  readonly unread: Span[];
}

/** In place, keeping the order of the rest; `message` says, for a key, why its entry is ignored. */
export function dropShadowed(entries: DocEntry[], { shadowed, unread }: Dropped, message: (key: string) => string): void {
  if (!hasRepeatedKey(entries)) return;
  const last = new Map<string, number>();
  entries.forEach((e, i) => last.set(e.key, i));
  const kept = entries.filter((e, i) => {
    if (last.get(e.key) === i) return true;
    shadowed.push({ message: message(e.key), span: e.keySpan, shadowed: true });
    unread.push({ start: e.keySpan.start, end: e.value.span.end });
    return false;
  });
  entries.splice(0, entries.length, ...kept);
}

/** Most entries compared pairwise (no allocation: most objects are small); a set above. */
const PAIRWISE = 12;

export function hasRepeatedKey(entries: readonly DocEntry[]): boolean {
  if (entries.length > PAIRWISE) return new Set(entries.map((e) => e.key)).size !== entries.length;
  for (let i = 1; i < entries.length; i++) for (let j = 0; j < i; j++) if ((entries[i] as DocEntry).key === (entries[j] as DocEntry).key) return true;
  return false;
}
