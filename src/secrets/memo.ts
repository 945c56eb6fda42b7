/**
 * A memo for a pure function of a string that forgets everything once it
 * holds `max` entries: names and words repeat a lot within one file and one
 * scan, and the bound keeps a long scan from growing it without end.
 */
export function boundedMemo<T>(fn: (key: string) => T, max: number): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}
