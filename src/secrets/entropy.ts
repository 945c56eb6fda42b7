/** Shannon entropy in bits per character (0 for the empty string). */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Which character classes a string uses. */
export function charClasses(s: string): { lower: boolean; upper: boolean; digit: boolean; symbol: boolean; count: number } {
  const lower = /[a-z]/.test(s);
  const upper = /[A-Z]/.test(s);
  const digit = /[0-9]/.test(s);
  const symbol = /[^A-Za-z0-9]/.test(s);
  return { lower, upper, digit, symbol, count: Number(lower) + Number(upper) + Number(digit) + Number(symbol) };
}
