/**
 * Values encrypted in place: the file holds ciphertext that a tool decrypts
 * before the value is used. Not a leak (no detector reports it), not a
 * reference the client expands (a client that reads the file as is passes
 * the ciphertext on), and not a literal credential.
 */

/** What encrypted a value in place. */
export type EncryptionScheme = "sops" | "dotenvx";

/**
 * SOPS (`ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]`, whatever the key: age, PGP, a KMS), as
 * the whole value. Each field's text holds no comma, so every comma starts the next field (linear).
 */
const SOPS = /^ENC\[[A-Z0-9_]{1,20},data:[^\s,\]]*(?:,[a-z_]{1,20}:[^\s,\]]*)*\]$/;

/**
 * dotenvx (`encrypted:` and the base64 of an ECIES ciphertext) as the whole value: `dotenvx run`
 * decrypts it with the private key from `DOTENV_PRIVATE_KEY` or `.env.keys`.
 */
const DOTENVX = /^encrypted:[A-Za-z0-9+/]{40,}={0,2}$/;

/** The scheme that encrypted this value in place, or undefined for any other value. */
export function encryptionScheme(value: string): EncryptionScheme | undefined {
  const v = value.trim();
  if (v.startsWith("ENC[")) return SOPS.test(v) ? "sops" : undefined;
  if (v.startsWith("encrypted:")) return DOTENVX.test(v) ? "dotenvx" : undefined;
  return undefined;
}

/** How reports name a scheme. */
export const SCHEME_TITLE: Readonly<Record<EncryptionScheme, string>> = { sops: "SOPS", dotenvx: "dotenvx" };
