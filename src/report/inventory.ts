/**
 * The inventory: the normalized model for people who want to see who talks to
 * what, with which credential (by reference, never by value) and which scope.
 */
import { hitsInside, loadedSecrets, serverValueHits, type ScanModel } from "../engine/model.js";
import { namesCredential } from "../model/credential-identity.js";
import { refName } from "../model/refs.js";
import { isPlaceholder } from "../secrets/placeholders.js";
import type { McpServer, Policy } from "../model/types.js";

import { REDACTION_TOKEN, shown, shownArgs } from "../engine/redact-values.js";
import { printable } from "./printable.js";
import type { UserLocationResult } from "../api.js";
import { userLocationsJson, userLocationsText } from "./user-locations.js";
import { verdictOf, verdictOptions, type ApprovalRecord, type ServerVerdict } from "../engine/verdict.js";

export function inventoryServer(s: McpServer, model: Pick<ScanModel, "secrets" | "files" | "servers">) {
  const mine = serverValueHits(model, s);
  // A file of the tree that a slot names (`envFile`): its first literal credential stands for the slot's value.
  const loaded = new Map(loadedSecrets(model, s).flatMap((l) => (l.hits[0] ? [[l.credential, l.hits[0]] as const] : [])));
  // Credentials only: a secret found in a value, or a slot that names or references one (not `PORT=3000`).
  const inside = hitsInside(mine);
  const credentials = s.credentials.flatMap((c) => {
    const hit = inside(c.loc)[0] ?? loaded.get(c);
    return hit || namesCredential(c) ? [{ c, hit }] : [];
  });
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
    args: shownArgs(s, mine),
    ...(s.url ? { url: shown(s.url, mine) } : {}),
    ...(s.image ? { image: shown(s.image, mine) } : {}),
    // Configured in a file a Kubernetes ConfigMap holds (`data.<key>`), which a pod of the cluster reads.
    ...(s.configMap ? { configMap: { name: s.configMap.name, key: s.configMap.key } } : {}),
    // Configured in a Helm chart's values file, under this key: the chart renders it for a pod of the cluster.
    ...(s.helmValue ? { helmValue: s.helmValue } : {}),
    credentials: credentials.map(({ c, hit }) => {
      return {
        key: c.key,
        source: c.source,
        // A value the code computes at run time names no reference: `runtime`, with no name.
        reference: c.runtime ? ("runtime" as const) : c.ref.kind,
        ...(c.ref.kind !== "literal" && !c.runtime ? { name: refName(c.ref) } : {}),
        ...(c.ref.kind === "literal" ? { value: hit ? `${hit.preview}${REDACTION_TOKEN}` : c.raw === "" ? "" : REDACTION_TOKEN, secret: hit ? hit.title : null } : {}),
        // A literal that stands for no credential (`Bearer YOUR_GITHUB_PAT`, `<token>`), as the identity verdict judges it.
        ...(c.ref.kind === "literal" && !hit && c.raw !== "" && !c.unexpanded?.length && isPlaceholder(c.raw) ? { placeholder: true } : {}),
        // A reference whose literal parts hold a credential (`postgresql://app:<password>@${DB_HOST}`),
        // or a file of the tree that holds one (`envFile`).
        ...(c.ref.kind !== "literal" && hit ? { value: `${hit.preview}${REDACTION_TOKEN}`, secret: hit.loc.file === s.file ? hit.title : `${hit.title} in ${hit.loc.file}` } : {}),
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
    // A server implemented in the scanned code: the tools it registers.
    ...(s.registeredTools ? { registeredTools: s.registeredTools.map((t) => ({ name: t.name, destructive: t.destructive, line: t.loc.line })) } : {}),
  };
}

/** `delete_file (destructive), read_file`: the tools a server registers, for people. */
export function registeredToolsText(tools: readonly { readonly name: string; readonly destructive: boolean }[]): string {
  return tools.map((t) => (t.destructive ? `${t.name} (destructive)` : t.name)).join(", ");
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
    ...(p.audit ? { audit: { configured: p.audit.configured, key: p.audit.key, detail: p.audit.detail, line: p.audit.loc.line } } : {}),
    // Where it takes calls (a bind's port, a published port, the port its code listens on): client URLs of the scan are linked by these.
    ...(p.listens?.length ? { listens: p.listens.map((l) => ({ host: l.host, port: l.port, ...(l.path !== undefined ? { path: l.path, ...(l.prefix ? { prefix: true } : {}) } : {}), what: l.what, ...(l.unsure ? { unsure: l.unsure } : {}), line: l.loc.line })) } : {}),
  };
}

/** One line for an approval record: who approved what, when, under which ticket, until when. */
export function approvalLine(a: ApprovalRecord): string {
  switch (a.status) {
    case "unidentified":
      return "approval: not checked (no package, image or URL to match)";
    case "unapproved":
      return `approval: NOT on the approved list (${a.identity ?? "unknown"})`;
    default: {
      const who = [a.approvedBy ? `by ${a.approvedBy}` : "", a.approvedAt ? `on ${a.approvedAt}` : "", a.reference ? `(${a.reference})` : ""].filter(Boolean).join(" ");
      if (a.status === "expired") return `approval: EXPIRED ${a.expires ?? ""}${who ? ` (approved ${who})` : ""}`;
      return `approval: approved ${[who, a.expires ? `expires ${a.expires}` : "no expiry"].filter(Boolean).join(" ")}`;
    }
  }
}

/** `default-deny (policy 'x' [client/kind])` and friends. */
export function verdictLine(v: ServerVerdict): string {
  const policy = v.authorization.policy ? ` by '${v.authorization.policy.name}' [${v.authorization.policy.client}/${v.authorization.policy.kind}]` : "";
  return `identity: ${v.identity.value}; authorization: ${v.authorization.value}${policy}; traceability: ${v.traceability.value}`;
}

/** Inventory JSON; `options` are the scan options (`approved`, `today`) for verdicts and approval records. */
export function inventoryJson(model: ScanModel, options: Readonly<Record<string, unknown>> = {}, userLocations?: readonly UserLocationResult[]): string {
  const vo = verdictOptions(options);
  const servers = model.servers.map((s) => ({ ...inventoryServer(s, model), verdict: verdictOf(model, s, vo) }));
  return JSON.stringify({ servers, policies: model.policies.map(inventoryPolicy), ...(userLocations ? { userLocations: userLocationsJson(userLocations) } : {}) }, null, 2) + "\n";
}

/**
 * References in a credential's value that the client does not expand: the server receives them as
 * text, so the slot holds no working credential (and no secret: the references are shown).
 */
export function unexpandedNote(refs: readonly string[], client: string, quote: (ref: string) => string): string {
  return `${refs.map(quote).join(", ")} not expanded by ${client}: the server receives the text`;
}

export function inventoryText(model: ScanModel, options: Readonly<Record<string, unknown>> = {}, userLocations?: readonly UserLocationResult[]): string {
  const vo = verdictOptions(options);
  const out: string[] = [];
  out.push(`${model.servers.length} MCP server${model.servers.length === 1 ? "" : "s"}, ${model.policies.length} polic${model.policies.length === 1 ? "y" : "ies"}`);
  out.push("");
  for (const s of model.servers) {
    const inv = inventoryServer(s, model);
    const target = inv.url ?? [inv.command, ...inv.args].filter(Boolean).join(" ");
    out.push(`${inv.name}  [${inv.client}]  ${inv.transport}${inv.enabled ? "" : " (disabled)"}  ${inv.file}:${inv.line}`);
    if (target) out.push(`    runs: ${target}`);
    if (inv.configMap) out.push(`    configured in ConfigMap ${inv.configMap.name}, key ${inv.configMap.key} (read by a pod of the cluster)`);
    if (inv.helmValue) out.push(`    configured in Helm value ${inv.helmValue} (the chart renders it for a pod of the cluster)`);
    for (const c of inv.credentials) {
      // An empty value (`"FIGMA_ACCESS_TOKEN": ""`) is a slot left unfilled, not a literal credential.
      const how = c.reference === "runtime" ? "computed by the code at run time" : c.reference === "literal" && c.value === "" ? "empty" : c.reference === "literal" ? `${c.placeholder ? "placeholder" : "LITERAL"} ${c.value}${c.secret ? ` (${c.secret})` : ""}` : `${`${c.reference} ${c.name ?? ""}`.trim()}${c.secret ? ` with LITERAL ${c.value} (${c.secret})` : ""}`;
      const unexpanded = c.unexpanded ? `; ${unexpandedNote(c.unexpanded, inv.client, (u) => `\`${u}\``)}` : "";
      out.push(`    credential ${c.source} ${c.key}: ${how}${unexpanded}`);
    }
    const scope: string[] = [];
    if (inv.tools.trust) scope.push("trust: all tools");
    if (inv.tools.autoApprove) scope.push(`auto-approve: ${inv.tools.autoApprove === "*" ? "*" : inv.tools.autoApprove.join(", ")}`);
    if (inv.tools.include) scope.push(`include: ${inv.tools.include.join(", ")}`);
    if (inv.tools.exclude) scope.push(`exclude: ${inv.tools.exclude.join(", ")}`);
    if (scope.length) out.push(`    scope: ${scope.join("; ")}`);
    if (inv.registeredTools) out.push(`    registers tools: ${inv.registeredTools.length ? registeredToolsText(inv.registeredTools) : "none found"}`);
    for (const f of inv.facts) out.push(`    ! ${f.detail}`);
    const v = verdictOf(model, s, vo);
    const served = v.authorization.servedBy;
    if (served) out.push(`    served by: ${served.linked ? "" : "unknown — "}${served.reason}`);
    out.push(`    ${verdictLine(v)}`);
    if (v.approval) out.push(`    ${approvalLine(v.approval)}`);
  }
  if (model.policies.length) out.push("", "Policies:");
  for (const p of model.policies) {
    out.push(`${p.name}  [${p.client}/${p.kind}]  ${p.file}:${p.loc.line}  default: ${p.defaultDecision}${p.defaultDecision === "deny" ? " (default-deny)" : ""} — ${p.defaultReason}`);
  }
  // userLocationsText makes its own lines printable.
  return [...out.map(printable), ...(userLocations ? ["", ...userLocationsText(userLocations)] : [])].join("\n") + "\n";
}
