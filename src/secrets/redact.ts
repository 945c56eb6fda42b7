import { createHmac } from "node:crypto";

const HASH_KEY = "mcplint/secret/v1";

/**
 * Short preview of a secret: at most 4 leading characters (fewer for short
 * secrets, none under 12 characters) followed by `…`. Never the whole value.
 */
export function redact(secret: string): string {
  const n = secret.length;
  if (n < 12) return "…";
  const keep = n >= 20 ? 4 : n >= 16 ? 3 : 2;
  return secret.slice(0, keep) + "…";
}

/** Keyed HMAC-SHA256 of the secret, hex, truncated to 16 characters. Stable across runs. */
export function secretHash(secret: string): string {
  return createHmac("sha256", HASH_KEY).update(secret, "utf8").digest("hex").slice(0, 16);
}
