/**
 * Checksums used by token formats (GitHub's and npm's base62 CRC32 suffix).
 * See https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
const CRC_TABLE: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC32 (IEEE) of the UTF-8/ASCII bytes of `s` (token bodies are ASCII). */
export function crc32(s: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) {
    crc = (crc >>> 8) ^ (CRC_TABLE[(crc ^ s.charCodeAt(i)) & 0xff] ?? 0);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Base62 encoding of a non-negative integer, left-padded with `0` to `width`. */
export function base62(n: number, width: number): string {
  let out = "";
  let v = Math.floor(n);
  do {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(width, "0");
}

/**
 * GitHub (`ghp_` ...) and npm (`npm_`) tokens: `<prefix>` + 30 random base62
 * characters + 6-character base62 CRC32 of those 30 characters.
 */
export function validBase62Crc32Token(token: string, prefixLength: number): boolean {
  const body = token.slice(prefixLength);
  if (body.length !== 36) return false;
  const random = body.slice(0, 30);
  return base62(crc32(random), 6) === body.slice(30);
}

/** Append the checksum to 30 random characters (used to build test samples). */
export function withBase62Crc32(random30: string): string {
  return random30 + base62(crc32(random30), 6);
}
