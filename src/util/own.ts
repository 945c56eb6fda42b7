/**
 * A table's entry for a key read from the scanned input (an imported name, a module, a
 * setting's value): its own entries only. `TABLE[key]` on a plain object also answers
 * `constructor`, `toString`, `__proto__` ... with what every object inherits, so a file
 * importing from a module called `constructor` made an adapter call `Object` and fail.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
