/**
 * A memo for a pure function of a string that forgets everything once it
 * holds `max` entries: names and words repeat a lot within one file and one
 * scan, and the bound keeps a long scan from growing it without end.
 */
export function boundedMemo<T>(fn: (key: string) => T, max: number): (key: string) => T {
  // One lookup per call (has + get hashed the key twice); an undefined value is stored as UNDEFINED.
  const cache = new Map<string, T | typeof UNDEFINED>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return (hit === UNDEFINED ? undefined : hit) as T;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(ownCopy(key), value === undefined ? UNDEFINED : value);
    return value;
  };
}

const UNDEFINED: unique symbol = Symbol("undefined");

/**
 * The key as a string of its own. A slice of a file's text (a name the
 * keyword pass found, a regex capture) is a view that keeps the whole text
 * alive; stored as a memo key it would hold megabytes of past files until the
 * memo forgets. Slicing a concatenation makes V8 copy the characters.
 */
function ownCopy(key: string): string {
  return key.length < 13 ? key : (" " + key).slice(1);
}
