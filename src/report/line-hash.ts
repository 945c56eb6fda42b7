/**
 * GitHub code scanning's `partialFingerprints.primaryLocationLineHash`,
 * implemented from the description of the algorithm (SARIF-AND-CI.md §7.5):
 *
 * - the text is read as UTF-16 code units; spaces and tabs are skipped; CR and
 *   CRLF count as one LF, and an LF is an ordinary character of the stream;
 * - each line's hash is a polynomial hash, base 37, modulo 2^64, of the 100
 *   stream characters that start at the beginning of the line (the window
 *   runs on into the following lines);
 * - past the end of the text the stream continues with one end marker, the
 *   code unit 0xFFFF (a -1 kept in 16 bits), and then zeros;
 * - the hash is printed as lower-case hex without leading zeros, followed by
 *   `:n`, where n counts how often that same hash has occurred so far.
 *
 * A text has one hash per line as `split(/\r\n|\r|\n/)` counts lines, so a
 * trailing newline adds a last, empty line.
 */

const BASE = 37n;
const WINDOW = 100;
const END_MARKER = 0xffff;
const MASK = (1n << 64n) - 1n;

/** 37^100 mod 2^64: the weight of the character leaving the window. */
const LEAVING_WEIGHT = (() => {
  let p = 1n;
  for (let i = 0; i < WINDOW; i++) p = (p * BASE) & MASK;
  return p;
})();

/** One `hash:n` string per line of `text`; index 0 is line 1. */
export function lineHashes(text: string): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  const emit = (hash: bigint): void => {
    const hex = hash.toString(16);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    out.push(`${hex}:${n}`);
  };

  // The last WINDOW stream characters, as a ring; starts as zeros (no effect).
  const ring = new Uint16Array(WINDOW);
  let ringAt = 0;
  let hash = 0n;
  /** Stream index of the next character to be added. */
  let streamAt = 0;
  /** Stream indices where lines start whose window is not yet complete. */
  const pending: number[] = [0];
  let pendingHead = 0;

  const push = (code: number): void => {
    hash = (hash * BASE + BigInt(code) - BigInt(ring[ringAt] ?? 0) * LEAVING_WEIGHT) & MASK;
    ring[ringAt] = code;
    ringAt = ringAt + 1 === WINDOW ? 0 : ringAt + 1;
    streamAt++;
    // The window [streamAt - WINDOW, streamAt) is now complete.
    while (pendingHead < pending.length && (pending[pendingHead] ?? 0) + WINDOW === streamAt) {
      emit(hash);
      pendingHead++;
    }
  };

  const len = text.length;
  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      c = 10;
    }
    push(c);
    if (c === 10) pending.push(streamAt);
  }

  // Flush: the end marker, then zeros, until every line has its hash.
  let flushed = 0;
  while (pendingHead < pending.length && flushed <= WINDOW) {
    push(flushed === 0 ? END_MARKER : 0);
    flushed++;
  }
  return out;
}

/** The hash for one 1-based line (the first line's when `line` is out of range). */
export function lineHashFor(text: string, line: number): string {
  const all = lineHashes(text);
  const i = Number.isInteger(line) && line >= 1 && line <= all.length ? line - 1 : 0;
  return all[i] ?? "";
}
