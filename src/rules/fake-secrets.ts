/**
 * Fake credentials for rule examples and tests, assembled at run time from
 * parts so that no real-looking token is ever committed (push protection stays
 * quiet) while the detectors still see the provider's shape.
 */
import { createHmac } from "node:crypto";
import { base62, crc32 } from "../secrets/checksum.js";
function body(seed: string, length: number, alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"): string {
  // Deterministic pseudo-random characters (xorshift on the seed), never a repeated run.
  let x = 2166136261;
  for (const c of seed) x = Math.imul(x ^ c.charCodeAt(0), 16777619) >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}


/** A GitHub-format token (`ghp`, `gho`, `ghu`, `ghs`, `ghr`) with a valid CRC32 checksum. */
export function fakeGitHubToken(kind: "ghp" | "gho" | "ghu" | "ghs" | "ghr" = "ghp", seed = "mcplint"): string {
  const random = body(seed + kind, 30, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
  return `${kind}_${random}${base62(crc32(random), 6)}`;
}

/** An Anthropic-format API key. */
export function fakeAnthropicKey(seed = "mcplint"): string {
  return ["sk", "ant", "api03", body(seed, 93, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") + "AA"].join("-");
}

/** A Slack bot token. */
export function fakeSlackBotToken(seed = "mcplint"): string {
  return ["xoxb", body(seed + "a", 12, "0123456789"), body(seed + "b", 13, "0123456789"), body(seed + "c", 24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")].join("-");
}

/** A high-entropy opaque key with no provider prefix. */
export function fakeOpaqueKey(seed = "mcplint", length = 40): string {
  return body(seed, length, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}

/** A random-looking (version 4) UUID, as services that use one as a token issue it. */
export function fakeUuid(seed = "mcplint"): string {
  const hex = (n: number, part: string) => body(`${seed}/${part}`, n, "0123456789abcdef");
  return `${hex(8, "a")}-${hex(4, "b")}-4${hex(3, "c")}-a${hex(3, "d")}-${hex(12, "e")}`;
}

/** An AWS access key id (`AKIA` + 16 upper-case letters and digits). */
export function fakeAwsAccessKeyId(seed = "mcplint"): string {
  return "AK" + "IA" + body(seed, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
}

/** An OpenAI project key (`sk-proj-` + 156 characters). */
export function fakeOpenAIProjectKey(seed = "mcplint"): string {
  return ["sk", "proj", body(seed, 156, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")].join("-");
}

/** A Google API key (`AIza` + 35 characters). */
export function fakeGoogleApiKey(seed = "mcplint"): string {
  return "AI" + "za" + body(seed, 35, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
}

/** A GitLab personal access token (`glpat-` + 20 characters). */
export function fakeGitLabToken(seed = "mcplint"): string {
  return "gl" + "pat-" + body(seed, 20, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
}

/** The fixed header of the HS256 JWTs made by fakeJwt (public, the same in every such token). */
export const FAKE_JWT_HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

/** The header and payload of the fake JWTs: a subject from the seed, issued in 2023, no expiry. */
function fakeJwtClaims(seed: string): string {
  const payload = Buffer.from(JSON.stringify({ sub: body(seed, 12, "abcdefghijklmnopqrstuvwxyz0123456789"), iat: 1_700_000_000 })).toString("base64url");
  return `${FAKE_JWT_HEADER}.${payload}`;
}

/** An HS256-shaped JWT with no expiry (`exp` absent), signature random. */
export function fakeJwt(seed = "mcplint"): string {
  return `${fakeJwtClaims(seed)}.${body(seed + "sig", 43, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")}`;
}

/** An HS256 JWT signed with `key` (jwt.io's published `your-256-bit-secret` by default), no expiry. */
export function fakeJwtSignedWith(key = "your-256-bit-secret", seed = "mcplint"): string {
  const signed = fakeJwtClaims(seed);
  return `${signed}.${createHmac("sha256", key).update(signed).digest("base64url")}`;
}
