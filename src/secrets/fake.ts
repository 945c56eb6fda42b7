/**
 * Deterministic fake-token material for rule samples and tests. Samples are
 * assembled from parts at module load so that no real-looking provider token
 * is ever committed literally (GitHub push protection, other scanners).
 */
export const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
export const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
export const HEX = "0123456789abcdef";
export const B64 = ALNUM + "+/";
export const B64URL = ALNUM + "-_";
export const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Seeded generator (mulberry32 over an FNV-1a hash of the seed). */
export class Fake {
  private state: number;
  constructor(seed: string) {
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    this.state = h >>> 0;
  }
  private next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** `n` characters from `charset`, avoiding runs of 3 equal characters. */
  str(charset: string, n: number): string {
    let out = "";
    while (out.length < n) {
      const ch = charset[Math.floor(this.next() * charset.length)] ?? "a";
      if (out.length >= 2 && out[out.length - 1] === ch && out[out.length - 2] === ch) continue;
      out += ch;
    }
    return out;
  }
  alnum(n: number): string { return this.str(ALNUM, n); }
  hex(n: number): string { return this.str(HEX, n); }
  b64(n: number): string { return this.str(B64, n); }
  b64url(n: number): string { return this.str(B64URL, n); }
  digits(n: number): string { return this.str("0123456789", n); }
  lower(n: number): string { return this.str(LOWER_ALNUM, n); }
  upper(n: number): string { return this.str(UPPER_ALNUM, n); }
  letters(n: number): string { return this.str(LETTERS, n); }
  uuid(): string { return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-a${this.hex(3)}-${this.hex(12)}`; }
}

/** Base64url (no padding) of a UTF-8 string. */
export function b64urlOf(s: string): string {
  return Buffer.from(s, "utf8").toString("base64url");
}
