/**
 * Printable forms of configured values with every detected secret replaced by
 * its redacted preview (inventory, lock file).
 */
import type { SecretHit } from "./model.js";
import { secretHash } from "../secrets/index.js";
import { isCredentialParam } from "../secrets/keys.js";
import { within } from "../model/location.js";
import type { ConfigValue } from "../model/types.js";

export const REDACTION_TOKEN = "[REDACTED]";


/**
 * The password of URL userinfo (`scheme://user:password@host`, also one with an unencoded `#`
 * or `?`) and the value of a credential query parameter (`?token=`, `&api_key=`) withheld,
 * detected or not: a weak password no detector reports is still one. References stay.
 */
export function withoutUrlPassword(raw: string): string {
  const keep = (head: string, v: string, tail: string) => (/^[$%{<]/.test(v) ? `${head}${v}${tail}` : `${head}${REDACTION_TOKEN}${tail}`);
  return raw
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)([^\s/@]+)(@)/gi, (_m, head: string, pw: string, at: string) => keep(head, pw, at))
    .replace(/([?&]([^&=#?/\s]{1,100})=)([^&#\s]+)/g, (m: string, head: string, name: string, v: string) => (isCredentialParam(name) ? keep(head, v, "") : m));
}

/** A printable form of a configured value: every secret in it replaced by its redacted preview. */
export function shown(v: ConfigValue | undefined, secrets: readonly SecretHit[]): string | undefined {
  if (!v) return undefined;
  const hits = secrets.filter((s) => within(s.loc, v.loc)).sort((a, b) => b.loc.column - a.loc.column);
  if (hits.length === 0) return withoutUrlPassword(v.raw);
  if (v.loc.line !== v.loc.endLine) return REDACTION_TOKEN;
  const tokenLen = v.loc.endColumn - v.loc.column;
  const quote = Math.max(0, Math.round((tokenLen - v.raw.length) / 2));
  let out = v.raw;
  for (const h of hits) {
    const start = h.loc.column - v.loc.column - quote;
    const end = start + (h.loc.endColumn - h.loc.column);
    if (h.loc.line !== h.loc.endLine || start < 0 || end > out.length) return REDACTION_TOKEN;
    // Only cut where the secret really is: when a location is approximate the span misses,
    // and the whole value is withheld rather than printed around the wrong cut.
    if (secretHash(out.slice(start, end)) !== h.hash) return REDACTION_TOKEN;
    out = out.slice(0, start) + h.preview + REDACTION_TOKEN + out.slice(end);
  }
  return out;
}

