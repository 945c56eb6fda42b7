/**
 * The inventory: the normalized model for people who want to see who talks to
 * what, with which credential (by reference, never by value) and which scope.
 */
import type { ScanModel, SecretHit } from "../engine/model.js";
import type { Loc } from "../model/location.js";
import { describeRef } from "../model/refs.js";
import type { ConfigValue, McpServer, Policy } from "../model/types.js";
import { secretHash } from "../secrets/index.js";
import { REDACTION_TOKEN } from "./sarif.js";

function within(inner: Loc, outer: Loc): boolean {
  if (inner.file !== outer.file) return false;
  const a = inner.line * 1e6 + inner.column;
  const b = outer.line * 1e6 + outer.column;
  const c = inner.endLine * 1e6 + inner.endColumn;
  const d = outer.endLine * 1e6 + outer.endColumn;
  return a >= b && c <= d;
}

/** A printable form of a configured value: every secret in it replaced by its redacted preview. */
export function shown(v: ConfigValue | undefined, secrets: readonly SecretHit[]): string | undefined {
  if (!v) return undefined;
  const hits = secrets.filter((s) => within(s.loc, v.loc)).sort((a, b) => b.loc.column - a.loc.column);
  if (hits.length === 0) return v.raw;
  if (v.loc.line !== v.loc.endLine) return REDACTION_TOKEN;
  const tokenLen = v.loc.endColumn - v.loc.column;
  const quote = Math.max(0, Math.round((tokenLen - v.raw.length) / 2));
  let out = v.raw;
  for (const h of hits) {
    const start = h.loc.column - v.loc.column - quote;
    const end = start + (h.loc.endColumn - h.loc.column);
    if (h.loc.line !== h.loc.endLine || start < 0 || end > out.length) return REDACTION_TOKEN;
    // Only cut where the secret really is: when locations are approximate (a parser without
    // positions puts every value at 1:1), the span misses and the whole value is withheld.
    if (secretHash(out.slice(start, end)) !== h.hash) return REDACTION_TOKEN;
    out = out.slice(0, start) + h.preview + REDACTION_TOKEN + out.slice(end);
  }
  return out;
}

export function inventoryServer(s: McpServer, secrets: readonly SecretHit[]) {
  const mine = secrets.filter((h) => h.loc.file === s.file);
  return {
    name: s.name,
    client: s.client,
    file: s.file,
    line: s.loc.line,
    column: s.loc.column,
    scope: s.scope,
    transport: s.transport,
    enabled: s.enabled,
    ...(s.command ? { command: shown(s.command, mine) } : {}),
    args: s.args.map((a) => shown(a, mine)),
    ...(s.url ? { url: shown(s.url, mine) } : {}),
    ...(s.image ? { image: shown(s.image, mine) } : {}),
    credentials: s.credentials.map((c) => {
      const hit = mine.find((h) => within(h.loc, c.loc));
      return {
        key: c.key,
        source: c.source,
        reference: c.ref.kind,
        ...(c.ref.kind !== "literal" ? { name: describeRef(c.ref).replace(/^\S+ /, "") } : {}),
        ...(c.ref.kind === "literal" ? { value: hit ? `${hit.preview}${REDACTION_TOKEN}` : c.raw === "" ? "" : REDACTION_TOKEN, secret: hit ? hit.title : null } : {}),
        ...(c.unexpanded?.length ? { unexpanded: c.unexpanded } : {}),
        line: c.loc.line,
      };
    }),
    envPassthrough: s.envPassthrough,
    ...(s.inheritsWholeEnv ? { inheritsWholeEnv: true } : {}),
    tools: {
      ...(s.tools.include ? { include: s.tools.include } : {}),
      ...(s.tools.exclude ? { exclude: s.tools.exclude } : {}),
      ...(s.tools.autoApprove ? { autoApprove: s.tools.autoApprove } : {}),
      ...(s.tools.trust !== undefined ? { trust: s.tools.trust } : {}),
    },
    facts: s.facts.map((f) => ({ kind: f.kind, detail: f.detail, line: f.loc.line })),
  };
}

export function inventoryPolicy(p: Policy) {
  return {
    name: p.name,
    client: p.client,
    kind: p.kind,
    file: p.file,
    line: p.loc.line,
    defaultDecision: p.defaultDecision,
    defaultReason: p.defaultReason,
    defaultDeny: p.defaultDecision === "deny",
    settings: p.settings.map((s) => ({ key: s.key, value: s.value, effect: s.effect, meaning: s.meaning, line: s.loc.line })),
    toolRules: p.toolRules.map((r) => ({ effect: r.effect, pattern: r.pattern, line: r.loc.line })),
    ...(p.serverAllow ? { serverAllow: p.serverAllow.map((m) => ({ by: m.by, value: m.value })) } : {}),
    ...(p.serverDeny ? { serverDeny: p.serverDeny.map((m) => ({ by: m.by, value: m.value })) } : {}),
    ...(p.authn ? { authn: { required: p.authn.required, ...(p.authn.mode ? { mode: p.authn.mode } : {}) } } : {}),
  };
}

export function inventoryJson(model: ScanModel): string {
  return JSON.stringify({ servers: model.servers.map((s) => inventoryServer(s, model.secrets)), policies: model.policies.map(inventoryPolicy) }, null, 2) + "\n";
}

export function inventoryText(model: ScanModel): string {
  const out: string[] = [];
  out.push(`${model.servers.length} MCP server${model.servers.length === 1 ? "" : "s"}, ${model.policies.length} polic${model.policies.length === 1 ? "y" : "ies"}`);
  out.push("");
  for (const s of model.servers) {
    const inv = inventoryServer(s, model.secrets);
    const target = inv.url ?? [inv.command, ...inv.args].filter(Boolean).join(" ");
    out.push(`${inv.name}  [${inv.client}]  ${inv.transport}${inv.enabled ? "" : " (disabled)"}  ${inv.file}:${inv.line}`);
    if (target) out.push(`    runs: ${target}`);
    for (const c of inv.credentials) {
      const how = c.reference === "literal" ? `LITERAL ${c.value}${c.secret ? ` (${c.secret})` : ""}` : `${c.reference} ${c.name ?? ""}`.trim();
      out.push(`    credential ${c.source} ${c.key}: ${how}`);
    }
    const scope: string[] = [];
    if (inv.tools.trust) scope.push("trust: all tools");
    if (inv.tools.autoApprove) scope.push(`auto-approve: ${inv.tools.autoApprove === "*" ? "*" : inv.tools.autoApprove.join(", ")}`);
    if (inv.tools.include) scope.push(`include: ${inv.tools.include.join(", ")}`);
    if (inv.tools.exclude) scope.push(`exclude: ${inv.tools.exclude.join(", ")}`);
    if (scope.length) out.push(`    scope: ${scope.join("; ")}`);
    for (const f of inv.facts) out.push(`    ! ${f.detail}`);
  }
  if (model.policies.length) out.push("", "Policies:");
  for (const p of model.policies) {
    out.push(`${p.name}  [${p.client}/${p.kind}]  ${p.file}:${p.loc.line}  default: ${p.defaultDecision}${p.defaultDecision === "deny" ? " (default-deny)" : ""} — ${p.defaultReason}`);
  }
  return out.join("\n") + "\n";
}
