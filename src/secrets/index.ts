// Temporary stand-in until the detector library lands (branch `secrets`).
import { createHmac } from "node:crypto";
import type { SecretMatch, ValueContext } from "./api.js";
export type { SecretMatch, ValueContext } from "./api.js";

const TOKEN = /\b(ghp_[A-Za-z0-9]{36}|sk-ant-api03-[A-Za-z0-9_-]{20,}|xoxb-[0-9A-Za-z-]{20,})\b/g;

export function detectInValue(value: string, ctx: ValueContext): SecretMatch[] {
  const out: SecretMatch[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(value)) !== null) out.push({ detector: "stub", title: "token", confidence: "high", start: m.index, end: m.index + m[0].length, secret: m[0], ...(ctx.key ? { key: ctx.key } : {}) });
  return out;
}

export function scanText(text: string): SecretMatch[] {
  return detectInValue(text, {});
}

export function redact(secret: string): string {
  return secret.length < 12 ? "…" : secret.slice(0, 4) + "…";
}

export function secretHash(secret: string): string {
  return createHmac("sha256", "mcplint/secret/v1").update(secret, "utf8").digest("hex").slice(0, 16);
}
