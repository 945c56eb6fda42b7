/**
 * Values known to be test data (`secrets.allow` in the configuration): a
 * post-filter on a file's secret hits, so that it works whatever detector found
 * them. An exact value matches by its keyed hash; `/regex/flags` matches the
 * secret's text, sliced from the file at the hit's location.
 */
import { LineIndex, type Loc } from "../model/location.js";
import { secretHash } from "../secrets/index.js";
import type { SecretHit } from "./model.js";
import { untrustedTest } from "../util/untrusted-regex.js";

export type AllowEntry = { readonly kind: "hash"; readonly hash: string } | { readonly kind: "regex"; readonly test: (text: string) => boolean };

const REGEX_ENTRY = /^\/(.+)\/([dgimsuy]*)$/s;

export function parseAllowEntry(raw: string): { ok: true; entry: AllowEntry } | { ok: false; message: string } {
  const m = REGEX_ENTRY.exec(raw);
  if (!m) return { ok: true, entry: { kind: "hash", hash: secretHash(raw) } };
  // A pattern from the repository's configuration: its run time is bounded, or it is refused
  // (untrusted-regex.ts). It is only tested, so `g`, `y` and `d` change nothing and are dropped.
  const compiled = untrustedTest(m[1] as string, (m[2] ?? "").replace(/[gyd]/g, ""));
  return compiled.ok ? { ok: true, entry: { kind: "regex", test: compiled.test } } : compiled;
}

export function parseAllowList(raw: readonly string[]): AllowEntry[] {
  return raw.flatMap((r) => {
    const p = parseAllowEntry(r);
    return p.ok ? [p.entry] : [];
  });
}

/** The text under a location. */
export function textAt(text: string, lines: LineIndex, loc: Loc): string {
  const start = lines.lineStart(loc.line) + loc.column - 1;
  const end = lines.lineStart(loc.endLine) + loc.endColumn - 1;
  return text.slice(start, Math.max(start, end));
}

/** The hits that are not allowed test data. */
export function withoutAllowed(hits: readonly SecretHit[], text: string, allow: readonly AllowEntry[]): SecretHit[] {
  if (allow.length === 0 || hits.length === 0) return [...hits];
  const lines = new LineIndex(text);
  return hits.filter((h) => {
    const value = allow.some((a) => a.kind === "regex") ? textAt(text, lines, h.loc) : "";
    return !allow.some((a) => (a.kind === "hash" ? a.hash === h.hash : a.test(value)));
  });
}
