/**
 * agentgateway (catalog §21): the simple form `mcp: { policies, targets }` and
 * the full form `binds[].listeners[].routes[] { policies, backends[].mcp.targets[] }`.
 * A route backend may also name a top-level backend (`backend: shared-mcp`
 * with `backends: [{ name: shared-mcp, mcp: { targets } }]` at the root).
 * Each route (or the simple `mcp` block) is one gateway policy; each target a server.
 *
 * mcpAuthorization semantics (agentgateway `http/authorization.rs`): no rules
 * allow everything; deny matches block; every require must hold; an allow
 * match permits; otherwise the request is denied only when allow rules exist.
 */
import { entry, get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, mergeOutputs, type Adapter, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import { argFacts, namedValues, value } from "../server-entry.js";
import type { AdapterOutput, Credential, McpServer, Policy, PolicyAudit, PolicyRule, PolicySetting } from "../types.js";
import { agentgatewayAudit, agentgatewayUpstream } from "./audit/index.js";
import { anyCorsOrigin, entryLoc, fileOrInline, gatewayPolicy, gatewayServer, listValues, permissive, scalarCredential } from "./gateway-common.js";
import { classifyKey, isCookieHeader } from "../../secrets/keys.js";
import { ownEntry } from "../../util/own.js";

/** Sniff: a top-level `binds` list, or `mcp` with `targets`. */
export function isAgentgatewayConfig(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  if (!isObject(d)) return false;
  const binds = get(d, "binds");
  if (isArray(binds) && binds.items.some((b) => isArray(get(b, "listeners")))) return true;
  return isArray(get(d, "mcp", "targets"));
}

export const agentgatewayAdapter: Adapter = (input) => mergeOutputs(input.docs.map((d) => readDoc(input, d)));

function readDoc(input: AdapterInput, doc: DocNode): AdapterOutput {
  const out = emptyOutput();
  // Access logs and tracing are set for the whole file (frontendPolicies, config): one audit for every route.
  const audit = agentgatewayAudit(input, doc);
  const mcp = entry(doc, "mcp");
  if (mcp && isObject(mcp.value) && isArray(get(mcp.value, "targets"))) {
    const servers = targets(input, get(mcp.value, "targets"), "mcp.targets");
    // No target (`targets: []`, an LLM-only config): no tool behind it to govern, as a route with no MCP backend.
    if (servers.length > 0) addRoute(input, out, { name: "mcp", path: "mcp", owner: mcp, node: mcp.value, policySources: [mcp.value], sharedSources: 1, servers, audit });
  }
  const binds = get(doc, "binds");
  if (!isArray(binds)) return out;
  // Top-level named backends, which route backends reference by `backend: <name>`.
  const named = new Map<string, { node: DocNode; path: string }>();
  const top = get(doc, "backends");
  if (isArray(top)) top.items.forEach((b, j) => {
    const name = str(get(b, "name"));
    if (name !== undefined && !named.has(name)) named.set(name, { node: b, path: `backends[${j}]` });
  });
  binds.items.forEach((bind, b) => {
    const listeners = get(bind, "listeners");
    if (!isArray(listeners)) return;
    listeners.items.forEach((listener, l) => {
      const routes = get(listener, "routes");
      if (!isArray(routes)) return;
      routes.items.forEach((route, r) => {
        const path = `binds[${b}].listeners[${l}].routes[${r}]`;
        const backends = get(route, "backends");
        const servers: McpServer[] = [];
        const backendPolicies: DocNode[] = [];
        if (isArray(backends)) {
          backends.items.forEach((inline, k) => {
            const ref = named.get(str(get(inline, "backend")) ?? "");
            const backend = ref?.node ?? inline;
            const own = targets(input, get(backend, "mcp", "targets"), `${ref?.path ?? `${path}.backends[${k}]`}.mcp.targets`);
            const bp = get(backend, "policies");
            if (bp) {
              backendPolicies.push(backend);
              const cred = backendKey(input, bp);
              const upstream = agentgatewayUpstream(input, bp);
              servers.push(...own.map((s) => withUpstream(cred ? withCredential(s, cred) : s, upstream)));
            } else servers.push(...own);
          });
        }
        if (servers.length === 0) return;
        const nameEntry = entry(route, "name");
        addRoute(input, out, {
          name: str(nameEntry?.value) ?? path,
          path,
          owner: undefined,
          node: route,
          policySources: [route, listener, ...backendPolicies],
          sharedSources: 2,
          servers,
          audit,
        });
      });
    });
  });
  return out;
}

interface RouteInit {
  readonly name: string;
  readonly path: string;
  /** The `mcp:` entry of the simple form (its key locates the policy). */
  readonly owner: DocEntry | undefined;
  readonly node: DocNode;
  /** Nodes whose `policies` apply, nearest first (route, listener, backends). */
  readonly policySources: readonly DocNode[];
  /** How many of `policySources` apply to every server (the rest are backend-level). */
  readonly sharedSources: number;
  readonly servers: McpServer[];
  readonly audit: PolicyAudit | undefined;
}

function addRoute(input: AdapterInput, out: AdapterOutput, r: RouteInit): void {
  const withPolicies = r.policySources.map((n, i) => ({ e: entry(n, "policies"), i })).filter((x): x is { e: DocEntry; i: number } => x.e !== undefined && isObject(x.e.value));
  const policiesEntries = withPolicies.map((x) => x.e);
  const sharedCount = withPolicies.filter((x) => x.i < r.sharedSources).length;
  const find = (key: string) => policiesEntries.map((e) => entry(e.value, key)).find((e) => e !== undefined);
  const routeKey = policiesEntries[0];
  const anchor: Loc = routeKey ? locOf(input, routeKey.keySpan) : locOf(input, r.owner?.keySpan ?? r.node.span);
  // Route/listener-level backendAuth covers every server; backend-level keys were attached per backend.
  const shared = policiesEntries.slice(0, sharedCount).map((e) => e.value).find((p) => get(p, "backendAuth"));
  const sharedCred = shared ? backendKey(input, shared) : undefined;
  // A credential header the route's requestHeaderModifier writes on every call: one value for every caller, as backendAuth.key.
  const headerMod = policiesEntries.slice(0, sharedCount).map((e) => headerModifier(input, e.value)).find((h) => h.credentials.length > 0);
  const sharedUpstream = (shared ? agentgatewayUpstream(input, shared) : undefined) ?? headerMod?.upstream;
  const sharedCreds = [...(sharedCred ? [sharedCred] : []), ...(headerMod?.credentials ?? [])];
  const servers = r.servers.map((s) => withUpstream(sharedCreds.reduce(withCredential, s), sharedUpstream));
  // A named backend used by several routes is one server, governed by each route.
  out.servers.push(...servers.filter((s) => !out.servers.some((o) => o.id === s.id)));

  const settings: PolicySetting[] = [];
  for (const p of policiesEntries) settings.push(...authSettings(input, p.value));
  const authz = withHttpAuthorization(input, authorization(input, find("mcpAuthorization"), anchor), find("authorization"), anchor);
  out.policies.push(
    gatewayPolicy(input, {
      kind: "gateway",
      name: r.name,
      path: r.path,
      loc: locOf(input, r.owner?.keySpan ?? r.node.span),
      ...authz,
      settings,
      authn: authn(input, find("mcpAuthentication"), find("jwtAuth"), find("basicAuth"), anchor),
      governs: servers.map((s) => s.id),
      audit: r.audit,
    }),
  );
}

function authorization(input: AdapterInput, e: DocEntry | undefined, anchor: Loc): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules"> {
  if (!e) return { defaultDecision: "allow", defaultReason: "no mcpAuthorization policy (no rules means allow all)", defaultLoc: anchor, toolRules: [] };
  const rulesEntry = entry(e.value, "rules");
  const rules: PolicyRule[] = [];
  let allows = 0;
  let others = 0;
  if (rulesEntry && isArray(rulesEntry.value)) {
    for (const item of rulesEntry.value.items) {
      const plain = str(item);
      if (plain !== undefined) {
        allows++;
        rules.push({ effect: "allow", pattern: plain, loc: locOf(input, item.span) });
        continue;
      }
      for (const effect of ["allow", "deny", "require"] as const) {
        const re = entry(item, effect);
        const expr = str(re?.value);
        if (!re || expr === undefined) continue;
        if (effect === "allow") allows++;
        else others++;
        if (effect !== "require") rules.push({ effect, pattern: expr, loc: locOf(input, re.value.span) });
      }
    }
  }
  const loc = locOf(input, (rulesEntry ?? e).keySpan);
  if (allows + others === 0) return { defaultDecision: "allow", defaultReason: "mcpAuthorization.rules is empty (no rules means allow all)", defaultLoc: loc, toolRules: rules };
  if (allows === 0) return { defaultDecision: "allow", defaultReason: "mcpAuthorization.rules has no allow rule (deny-only rules fail open: any call no rule matches is allowed)", defaultLoc: loc, toolRules: rules };
  return { defaultDecision: "deny", defaultReason: "mcpAuthorization.rules has allow rules (allowlist: calls no allow rule matches are denied)", defaultLoc: loc, toolRules: rules };
}

/**
 * The route's HTTP `authorization` policy runs the same rule set on every request: with an allow
 * rule, a request no allow rule matches is denied before any tool is reached, so the route does not
 * fail open even when `mcpAuthorization` names no tool (the callers it admits still reach every tool).
 */
function withHttpAuthorization(input: AdapterInput, mcp: ReturnType<typeof authorization>, e: DocEntry | undefined, anchor: Loc): ReturnType<typeof authorization> {
  if (!e || mcp.defaultDecision === "deny") return mcp;
  const http = authorization(input, e, anchor);
  if (http.defaultDecision !== "deny") return mcp;
  return {
    ...mcp,
    defaultDecision: "deny",
    defaultReason: "authorization.rules has allow rules (requests no allow rule matches are denied; the callers it admits reach every tool no mcpAuthorization rule denies)",
    defaultLoc: http.defaultLoc,
  };
}

/** What a lenient authentication mode lets through (agentgateway's jwtAuth and basicAuth, and the Kubernetes policies' jwtAuthentication). */
export const AUTH_MODE_MEANING: Readonly<Record<string, string>> = {
  optional: "requests with no credential at all are let through",
  permissive: "requests with a missing or invalid credential are let through",
};

function authSettings(input: AdapterInput, policies: DocNode): PolicySetting[] {
  const out: PolicySetting[] = [];
  for (const [key, def] of [
    ["jwtAuth", "optional"],
    ["basicAuth", "optional"],
    ["mcpAuthentication", "strict"],
  ] as const) {
    const e = entry(policies, key);
    if (!e || !isObject(e.value)) continue;
    const modeEntry = entry(e.value, "mode");
    const mode = str(modeEntry?.value) ?? def;
    const meaning = ownEntry(AUTH_MODE_MEANING, mode);
    if (!meaning) continue;
    const unset = modeEntry === undefined;
    out.push(permissive(`${key}.mode`, unset ? `${mode} (default)` : mode, unset ? locOf(input, e.keySpan) : entryLoc(input, modeEntry), unset ? `${key}.mode is unset and defaults to ${mode}: ${meaning}` : meaning));
  }
  // backendAuth.key is McpServer.upstreamIdentity (shared-upstream-key reports it).
  out.push(...anyCorsOrigin(input, policies));
  return out;
}

function authn(input: AdapterInput, mcpAuth: DocEntry | undefined, jwt: DocEntry | undefined, basic: DocEntry | undefined, anchor: Loc): Policy["authn"] {
  if (mcpAuth) {
    const mode = str(get(mcpAuth.value, "mode")) ?? "strict";
    return { required: mode === "strict", mode, loc: locOf(input, mcpAuth.keySpan) };
  }
  for (const e of [jwt, basic]) {
    if (!e) continue;
    const mode = str(get(e.value, "mode")) ?? "optional";
    return { required: mode === "strict", mode, loc: locOf(input, e.keySpan) };
  }
  return { required: false, mode: "none", loc: anchor };
}

/** `backendAuth.key`: an inline key (a literal) or `{ file: ... }` (a reference). */
function backendKey(input: AdapterInput, policies: DocNode): Credential | undefined {
  return fileOrInline(input, "backendAuth.key", get(policies, "backendAuth", "key"));
}

/** Header names that carry a credential: `Authorization`, `Proxy-Authorization`, a `Cookie`, or a key-named one (`X-Api-Key`). */
function credentialHeader(name: string): boolean {
  return /^(?:proxy-)?authorization$/i.test(name) || isCookieHeader(name) || classifyKey(name) !== undefined;
}

/**
 * `requestHeaderModifier: { set | add: { Header: value } }` (agentgateway's local config): the
 * credential headers it writes on every request it forwards, and the static identity that gives
 * the upstream (the same header whoever calls).
 */
function headerModifier(input: AdapterInput, policies: DocNode): { credentials: Credential[]; upstream?: McpServer["upstreamIdentity"] } {
  const credentials: Credential[] = [];
  let upstream: McpServer["upstreamIdentity"];
  for (const op of ["set", "add"] as const) {
    const headers = get(policies, "requestHeaderModifier", op);
    if (!isObject(headers)) continue;
    for (const h of headers.entries) {
      if (!credentialHeader(h.key)) continue;
      const c = scalarCredential(input, h.key, h.value, "header", h.keySpan);
      if (!c) continue;
      credentials.push(c);
      const key = `requestHeaderModifier.${op}.${h.key}`;
      upstream ??= { kind: "shared-static", key, loc: locOf(input, h.keySpan), detail: `${key} writes one ${h.key} header upstream for every caller` };
    }
  }
  return { credentials, ...(upstream ? { upstream } : {}) };
}

/** Who the upstream sees; a backend's own backendAuth wins over the route's. */
function withUpstream(s: McpServer, u: McpServer["upstreamIdentity"]): McpServer {
  return u && !s.upstreamIdentity ? { ...s, upstreamIdentity: u } : s;
}

/** A credential from an outer layer (route, backend), unless the target sets its own under that key (target-level policies override). */
function withCredential(s: McpServer, c: Credential): McpServer {
  return s.credentials.some((o) => o.source === c.source && o.key.toLowerCase() === c.key.toLowerCase()) ? s : { ...s, credentials: [...s.credentials, c] };
}

/**
 * A target's own `policies` (`mcp.targets[].policies`): `backendAuth` and `requestHeaderModifier`
 * there apply to that target alone and override the backend's or route's of the same type.
 */
function withTargetPolicies(input: AdapterInput, s: McpServer, item: DocNode): McpServer {
  const policies = get(item, "policies");
  if (!isObject(policies)) return s;
  const key = backendKey(input, policies);
  const headers = headerModifier(input, policies);
  const creds = [...(key ? [key] : []), ...headers.credentials];
  return withUpstream({ ...s, credentials: [...s.credentials, ...creds] }, agentgatewayUpstream(input, policies) ?? headers.upstream);
}

function targets(input: AdapterInput, list: DocNode | undefined, prefix: string): McpServer[] {
  if (!isArray(list)) return [];
  const out: McpServer[] = [];
  list.items.forEach((item, i) => {
    if (!isObject(item)) return;
    const nameEntry = entry(item, "name");
    const name = str(nameEntry?.value) ?? `#${i}`;
    const base = { name, path: `${prefix}[${i}]`, nameSpan: nameEntry?.value.span ?? item.span };
    const stdio = get(item, "stdio");
    if (isObject(stdio)) {
      const args = listValues(input, get(stdio, "args"));
      out.push(withTargetPolicies(input, gatewayServer(input, { ...base, transport: "stdio", command: value(input, get(stdio, "cmd")), args, env: namedValues(input, get(stdio, "env")), facts: argFacts(args) }), item));
      return;
    }
    for (const [key, transport] of [
      ["mcp", "http"],
      ["sse", "sse"],
      ["openapi", "http"],
    ] as const) {
      const t = get(item, key);
      if (!isObject(t)) continue;
      out.push(withTargetPolicies(input, gatewayServer(input, { ...base, transport, url: value(input, get(t, "host")) }), item));
      return;
    }
  });
  return out;
}
