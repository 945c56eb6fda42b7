/**
 * agentgateway on Kubernetes (kgateway control plane, or agentgateway's own):
 * `AgentgatewayBackend` (agentgateway.dev, `EnterpriseAgentgatewayBackend`
 * of enterpriseagentgateway.solo.io, kgateway's `Backend` with `type: MCP`)
 * holds `spec.mcp.targets[]`, each a server (`static: { host, port, path,
 * protocol }` or a Service `selector`); `AgentgatewayPolicy` attaches to a
 * backend, an HTTPRoute or a Gateway through `spec.targetRefs` and carries
 * `spec.backend.mcp.authorization: { action, policy: { matchExpressions } }`
 * and `spec.traffic.jwtAuthentication`.
 *
 * Authorization, as in the standalone `mcpAuthorization`: `action` defaults to
 * Allow; Allow expressions make an allowlist (calls none matches are denied),
 * Deny expressions a denylist (calls none matches are allowed), and no
 * expression at all allows everything. A backend with no such policy in its
 * file is left with no policy: the policy may live in another file.
 */
import { entry, get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import { value } from "../server-entry.js";
import type { AdapterOutput, McpServer, Policy, PolicyRule, PolicySetting, Transport } from "../types.js";
import { AUTH_MODE_MEANING } from "./agentgateway.js";
import { ownEntry } from "../../util/own.js";
import { entryLoc, gatewayPolicy, gatewayServer, permissive, resourceHeader } from "./gateway-common.js";

const GROUP = /^(agentgateway\.dev|gateway\.kgateway\.dev|enterpriseagentgateway\.solo\.io)\//;
const BACKEND_KINDS = new Set(["AgentgatewayBackend", "EnterpriseAgentgatewayBackend", "Backend"]);
const POLICY_KINDS = new Set(["AgentgatewayPolicy", "EnterpriseAgentgatewayPolicy"]);

function group(doc: DocNode): boolean {
  return GROUP.test(str(get(doc, "apiVersion")) ?? "");
}

/** An agentgateway backend resource with an `mcp` block. */
export function isAgentgatewayBackend(doc: DocNode): boolean {
  return BACKEND_KINDS.has(str(get(doc, "kind")) ?? "") && group(doc) && isObject(get(doc, "spec", "mcp"));
}

/** An agentgateway policy resource with MCP authorization or JWT authentication. */
export function isAgentgatewayPolicy(doc: DocNode): boolean {
  return POLICY_KINDS.has(str(get(doc, "kind")) ?? "") && group(doc) && (isObject(get(doc, "spec", "backend", "mcp", "authorization")) || isObject(get(doc, "spec", "traffic", "jwtAuthentication")));
}

/** Backends and policies of one file: servers by backend name, then each policy governing what its targetRefs name. */
export function readAgentgatewayResources(input: AdapterInput, docs: readonly DocNode[]): AdapterOutput {
  const out = emptyOutput();
  const byBackend = new Map<string, McpServer[]>();
  docs.forEach((doc, i) => {
    if (!isAgentgatewayBackend(doc)) return;
    const kind = str(get(doc, "kind")) ?? "Backend";
    const { name, path, spec, nameSpan } = resourceHeader(doc, kind, i);
    const servers = backendTargets(input, get(spec, "mcp"), name, path);
    out.servers.push(...servers);
    byBackend.set(name, [...(byBackend.get(name) ?? []), ...servers]);
    // The backend's own `spec.policies.mcp.authorization` governs its targets.
    const own = entry(get(spec, "policies", "mcp"), "authorization");
    if (own) {
      const loc = locOf(input, nameSpan);
      out.policies.push(gatewayPolicy(input, { kind: "gateway", name, path: `${path}.spec.policies`, loc, ...authorization(input, own, loc, "policies.mcp.authorization"), governs: servers.map((s) => s.id) }));
    }
  });
  docs.forEach((doc, i) => {
    if (!isAgentgatewayPolicy(doc)) return;
    const kind = str(get(doc, "kind")) ?? "AgentgatewayPolicy";
    const { name, path, specEntry, spec, nameSpan } = resourceHeader(doc, kind, i);
    const anchor = locOf(input, specEntry?.keySpan ?? doc.span);
    const governs = targets(spec, docs, byBackend).map((s) => s.id);
    const jwt = entry(get(spec, "traffic"), "jwtAuthentication");
    out.policies.push(
      gatewayPolicy(input, {
        kind: "gateway",
        name,
        path,
        loc: locOf(input, nameSpan),
        ...authorization(input, entry(get(spec, "backend", "mcp"), "authorization"), anchor, "backend.mcp.authorization"),
        settings: jwtSettings(input, jwt),
        ...(jwt ? { authn: jwtAuthn(input, jwt) } : {}),
        governs: [...new Set(governs)],
      }),
    );
  });
  return out;
}

/** `spec.mcp.targets[]`: `{ name, static: { host, port, path, protocol } }` (kgateway also puts `name` in `static`), or a Service `selector`. */
function backendTargets(input: AdapterInput, mcp: DocNode | undefined, backend: string, prefix: string): McpServer[] {
  const list = get(mcp, "targets");
  if (!isArray(list)) return [];
  const out: McpServer[] = [];
  list.items.forEach((item, i) => {
    if (!isObject(item)) return;
    const stat = get(item, "static");
    const nameEntry = entry(item, "name") ?? entry(stat, "name");
    const name = str(nameEntry?.value) ?? `${backend}[${i}]`;
    const protocol = str(get(stat, "protocol"))?.toLowerCase();
    const transport: Transport = protocol === "sse" ? "sse" : "http";
    out.push(gatewayServer(input, { name, path: `${prefix}.spec.mcp.targets[${i}]`, nameSpan: nameEntry?.value.span ?? item.span, transport, url: staticUrl(input, stat) }));
  });
  return out;
}

/** `static: { host, port, path }` as the URL the gateway calls (plain HTTP unless the port is 443). */
function staticUrl(input: AdapterInput, stat: DocNode | undefined): McpServer["url"] {
  const hostValue = value(input, get(stat, "host"));
  if (!hostValue) return undefined;
  const host = hostValue.raw;
  const port = str(get(stat, "port"));
  const path = str(get(stat, "path")) ?? "";
  const scheme = port === "443" ? "https" : "http";
  const raw = `${scheme}://${host}${port && port !== "80" && port !== "443" ? `:${port}` : ""}${path.startsWith("/") || path === "" ? path : `/${path}`}`;
  return { ...hostValue, raw };
}

/** The servers a policy's `targetRefs` name in this file: a backend, the backends of an HTTPRoute, or every backend behind a Gateway. */
function targets(spec: DocNode | undefined, docs: readonly DocNode[], byBackend: ReadonlyMap<string, McpServer[]>): McpServer[] {
  const refs = get(spec, "targetRefs");
  if (!isArray(refs)) return [];
  return refs.items.flatMap((ref) => {
    const kind = str(get(ref, "kind")) ?? "";
    const name = str(get(ref, "name")) ?? "";
    if (BACKEND_KINDS.has(kind)) return byBackend.get(name) ?? [];
    if (kind === "Gateway") return [...byBackend.values()].flat();
    if (kind !== "HTTPRoute") return [];
    const route = docs.find((d) => str(get(d, "kind")) === "HTTPRoute" && str(get(d, "metadata", "name")) === name);
    const rules = get(route, "spec", "rules");
    if (!isArray(rules)) return [];
    return rules.items.flatMap((r) => {
      const backendRefs = get(r, "backendRefs");
      return isArray(backendRefs) ? backendRefs.items.flatMap((b) => byBackend.get(str(get(b, "name")) ?? "") ?? []) : [];
    });
  });
}

function authorization(input: AdapterInput, e: DocEntry | undefined, anchor: Loc, key: string): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules"> {
  if (!e) return { defaultDecision: "unknown", defaultReason: `no ${key} in this policy (another policy may authorize the calls)`, defaultLoc: anchor, toolRules: [] };
  const actionEntry = entry(e.value, "action");
  const action = str(actionEntry?.value)?.toLowerCase() ?? "allow";
  if (action === "require") {
    return { defaultDecision: "unknown", defaultReason: `${key}.action is Require (calls must satisfy the expressions; which tools are allowed is not listed)`, defaultLoc: entryLoc(input, actionEntry as DocEntry), toolRules: [] };
  }
  const effect = action === "deny" ? "deny" : "allow";
  const exprs = get(e.value, "policy", "matchExpressions");
  const items = isArray(exprs) ? exprs.items.filter((x) => str(x) !== undefined) : [];
  const toolRules: PolicyRule[] = items.map((x) => ({ effect, pattern: (str(x) ?? "").replace(/\s+/g, " ").trim(), loc: locOf(input, x.span) }));
  const loc = locOf(input, e.keySpan);
  if (items.length === 0) return { defaultDecision: "allow", defaultReason: `${key} has no matchExpressions (no rules means allow all)`, defaultLoc: loc, toolRules };
  if (effect === "deny") {
    return { defaultDecision: "allow", defaultReason: `${key}.action is Deny (a denylist: calls no expression matches are allowed)`, defaultLoc: actionEntry ? entryLoc(input, actionEntry) : loc, toolRules };
  }
  const always = items.find((x) => (str(x) ?? "").trim() === "true");
  if (always) return { defaultDecision: "allow", defaultReason: "a matchExpression of the Allow policy is `true` (it allows every call)", defaultLoc: locOf(input, always.span), toolRules };
  return { defaultDecision: "deny", defaultReason: `${key} allows what its matchExpressions match (allowlist: other calls are denied)`, defaultLoc: loc, toolRules };
}

function jwtSettings(input: AdapterInput, jwt: DocEntry | undefined): PolicySetting[] {
  const modeEntry = entry(jwt?.value, "mode");
  const mode = str(modeEntry?.value);
  const meaning = ownEntry(AUTH_MODE_MEANING, mode?.toLowerCase() ?? "");
  return modeEntry && mode && meaning ? [permissive("traffic.jwtAuthentication.mode", mode, entryLoc(input, modeEntry), meaning)] : [];
}

function jwtAuthn(input: AdapterInput, jwt: DocEntry): Policy["authn"] {
  const mode = str(get(jwt.value, "mode")) ?? "Strict";
  return { required: mode.toLowerCase() === "strict", mode, loc: locOf(input, jwt.keySpan) };
}
