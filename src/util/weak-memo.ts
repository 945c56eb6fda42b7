/**
 * A memo for a pure function of an object, forgotten with the object: the
 * answers about tree-sitter nodes that the passes of one file's analysis ask
 * again and again (each costs native calls), or what a file's tree holds.
 * Undefined answers are kept too.
 */
export function weakMemo<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, { readonly value: V }>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) cache.set(key, (hit = { value: fn(key) }));
    return hit.value;
  };
}
