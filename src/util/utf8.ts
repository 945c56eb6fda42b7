/** Facts about UTF-8 bytes, without decoding them. */
import { isAscii } from "node:buffer";

/**
 * The UTF-16 length of the text whose valid UTF-8 encoding is bytes[s, e)
 * (a range that starts and ends at character boundaries).
 */
export function utf16Length(bytes: Uint8Array, s = 0, e = bytes.length): number {
  let n = 0;
  // Most text is ASCII: whole blocks of it are counted by a native check.
  for (let b = s; b < e; b += 4096) {
    const end = Math.min(e, b + 4096);
    if (isAscii(bytes.subarray(b, end))) {
      n += end - b;
      continue;
    }
    for (let i = b; i < end; i++) {
      const c = bytes[i] as number;
      // Every byte but a continuation byte (0x80-0xBF) starts a character; four-byte ones are two units.
      if ((c & 0xc0) !== 0x80) n++;
      if (c >= 0xf0) n++;
    }
  }
  return n;
}

const SPACE_SEQUENCES = [
  [0xc2, 0xa0], // U+00A0 no-break space
  [0xe1, 0x9a, 0x80], // U+1680
  [0xe2, 0x81, 0x9f], // U+205F
  [0xe3, 0x80, 0x80], // U+3000
  [0xef, 0xbb, 0xbf], // U+FEFF inside the text
].map((b) => Buffer.from(b));
const E2_80 = Buffer.from([0xe2, 0x80]);

/** Does the UTF-8 text hold a character above ASCII that `\s` matches (U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF)? */
export function hasUnicodeSpace(body: Buffer): boolean {
  if (SPACE_SEQUENCES.some((seq) => body.includes(seq))) return true;
  for (let i = body.indexOf(E2_80); i >= 0; i = body.indexOf(E2_80, i + 2)) {
    const c = body[i + 2] ?? 0;
    if ((c >= 0x80 && c <= 0x8a) || c === 0xa8 || c === 0xa9 || c === 0xaf) return true;
  }
  return false;
}

/**
 * The length of the UTF-8 space above ASCII that `trim` removes at `i` (U+00A0, U+1680,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), or 0.
 */
export function unicodeSpaceLength(bytes: Uint8Array, i: number): number {
  const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]] as number[];
  if (a === 0xc2) return b === 0xa0 ? 2 : 0;
  if (a === 0xe1) return b === 0x9a && c === 0x80 ? 3 : 0;
  if (a === 0xe2 && b === 0x80) return c !== undefined && ((c >= 0x80 && c <= 0x8a) || c === 0xa8 || c === 0xa9 || c === 0xaf) ? 3 : 0;
  if (a === 0xe2) return b === 0x81 && c === 0x9f ? 3 : 0;
  if (a === 0xe3) return b === 0x80 && c === 0x80 ? 3 : 0;
  return a === 0xef && b === 0xbb && c === 0xbf ? 3 : 0;
}
