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

const BASE = 37;
const WINDOW = 100;
const END_MARKER = 0xffff;
const TWO_32 = 0x1_0000_0000;

/**
 * 37^100 mod 2^64, the weight of the character leaving the window, as two
 * 32-bit halves. (The hash itself runs on 32-bit halves in plain numbers:
 * every intermediate stays below 2^53, so it is exact and much faster than
 * BigInt.)
 */
const [LEAVE_HI, LEAVE_LO] = (() => {
  let p = 1n;
  for (let i = 0; i < WINDOW; i++) p = BigInt.asUintN(64, p * BigInt(BASE));
  return [Number(p >> 32n), Number(p & 0xffff_ffffn)];
})();

/** One `hash:n` string per line of `text`; index 0 is line 1. */
export function lineHashes(text: string): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();

  // The last WINDOW stream characters, as a ring; starts as zeros (no effect).
  const ring = new Uint16Array(WINDOW);
  let ringAt = 0;
  let hi = 0;
  let lo = 0;
  /** Stream index of the next character to be added. */
  let streamAt = 0;
  /** Stream indices where lines start whose window is not yet complete. */
  const pending: number[] = [0];
  let pendingHead = 0;

  const push = (code: number): void => {
    // hash = hash * 37 + code - leaving * 37^100   (mod 2^64)
    const l = lo * BASE + code; // < 2^39
    hi = (Math.imul(hi, BASE) + Math.floor(l / TWO_32)) >>> 0;
    lo = l >>> 0;
    const leaving = ring[ringAt] ?? 0;
    if (leaving !== 0) {
      const p = leaving * LEAVE_LO; // < 2^48
      const pHi = (Math.imul(leaving, LEAVE_HI) + Math.floor(p / TWO_32)) >>> 0;
      const d = lo - (p >>> 0);
      hi = (hi - pHi - (d < 0 ? 1 : 0)) >>> 0;
      lo = d >>> 0;
    }
    ring[ringAt] = code;
    ringAt = ringAt + 1 === WINDOW ? 0 : ringAt + 1;
    streamAt++;
    // The window [streamAt - WINDOW, streamAt) is now complete.
    while (pendingHead < pending.length && (pending[pendingHead] ?? 0) + WINDOW === streamAt) {
      const hex = hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, "0");
      const n = (seen.get(hex) ?? 0) + 1;
      seen.set(hex, n);
      out.push(`${hex}:${n}`);
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
  return lineHashAt(lineHashes(text), line);
}

/** The hash of 1-based `line` among a text's `lineHashes` (the first line's when there is no such line). */
export function lineHashAt(all: readonly string[], line: number): string {
  const i = Number.isInteger(line) && line >= 1 && line <= all.length ? line - 1 : 0;
  return all[i] ?? "";
}
