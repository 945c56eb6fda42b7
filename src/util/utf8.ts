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
