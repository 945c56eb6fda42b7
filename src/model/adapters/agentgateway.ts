/**
 * agentgateway (catalog §21): the simple form `mcp: { policies, targets }`,
 * the full form `binds[].listeners[].routes[] { policies, backends[].mcp.targets[] }`,
 * and the form current releases recommend instead of `binds` (agentgateway
 * `types/local.rs`, LocalConfig): `gateways: { <name>: { port, listeners[], <gateway policies> } }`
 * with top-level `routes[] { gateways, policies, backends }` attached to them by name
 * (`<gateway>` or `<gateway>/<listener>`; unset, the gateway named `default`), and `mcp:`
 * attached the same way. A gateway's (or its listener's) policies are written on it,
 * not under `policies:`, and run before routing for every route attached to it.
 * A route backend may also name a top-level backend (`backend: shared-mcp`
 * with `backends: [{ name: shared-mcp, mcp: { targets } }]` at the root).
 * Each route (or the simple `mcp` block) is one gateway policy per gateway it is
 * attached to; each target a server.
 *
 * mcpAuthorization semantics (agentgateway `http/authorization.rs`): no rules
 * allow everything; deny matches block; every require must hold; an allow
 * match permits; otherwise the request is denied only when allow rules exist.
 */
import { entry, get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, mergeOutputs, type Adapter, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import { argFacts, namedValues, value } from "../server-entry.js";
import type { AdapterOutput, Credential, Listener, McpServer, Policy, PolicyAudit, PolicyRule, PolicySetting } from "../types.js";
import { agentgatewayAudit, agentgatewayUpstream } from "./audit/index.js";
import { anyCorsOrigin, entryLoc, fileOrInline, gatewayPolicy, gatewayServer, listValues, permissive, scalarCredential } from "./gateway-common.js";
import { classifyKey, isCookieHeader } from "../../secrets/keys.js";
import { ownEntry } from "../../util/own.js";

/** Sniff: a top-level `binds` list, `mcp` with `targets`, or top-level `routes` one of whose backends is an MCP backend (inline or named). */
export function isAgentgatewayConfig(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  if (!isObject(d)) return false;
  const binds = get(d, "binds");
  if (isArray(binds) && binds.items.some((b) => isArray(get(b, "listeners")))) return true;
  if (isArray(get(d, "mcp", "targets"))) return true;
  const routes = get(d, "routes");
  if (!isArray(routes)) return false;
  const named = namedBackends(d);
  return routes.items.some((r) => {
    const backends = get(r, "backends");
    return isArray(backends) && backends.items.some((b) => isArray(get(named.get(str(get(b, "backend")) ?? "")?.node ?? b, "mcp", "targets")));
  });
}

/** Top-level named backends, which route backends reference by `backend: <name>`. */
function namedBackends(doc: DocNode): Map<string, { node: DocNode; path: string }> {
  const named = new Map<string, { node: DocNode; path: string }>();
  const top = get(doc, "backends");
  if (isArray(top)) top.items.forEach((b, j) => {
    const name = str(get(b, "name"));
    if (name !== undefined && !named.has(name)) named.set(name, { node: b, path: `backends[${j}]` });
  });
  return named;
}

/** Keys of a gateway (or gateway listener) that are no policy: what is left on it is its gateway policies (LocalGatewayPolicy, flattened). */
const GATEWAY_OWN_KEYS = new Set(["port", "bindAddress", "protocol", "listeners", "tls", "name", "hostname"]);

/** One place a route is attached: a gateway or one of its listeners, with the block of policies written on it, if any. */
interface Attachment {
  /** `<gateway>` or `<gateway>/<listener>`, as the route names it. */
  readonly ref: string;
  readonly policies: DocEntry | undefined;
}

/**
 * Where a route (or the simple `mcp:` block) of the `gateways:` form attaches: its `gateways`
 * (a name or a list; unset, the gateway named `default` when there is one). A gateway with
 * `listeners` and no listener named attaches to each of them. A gateway's policies are the keys
 * written on it (it may carry none when it has listeners, whose own keys are theirs).
 */
function attachments(gateways: DocNode | undefined, refs: DocNode | undefined): Attachment[] {
  if (!isObject(gateways)) return [];
  const names = isArray(refs) ? refs.items.map(str).filter((n): n is string => n !== undefined) : str(refs) !== undefined ? [str(refs) as string] : entry(gateways, "default") ? ["default"] : [];
  const block = (key: string, keySpan: DocEntry["keySpan"], node: DocNode): DocEntry | undefined =>
    isObject(node) && node.entries.some((e) => !GATEWAY_OWN_KEYS.has(e.key)) ? { key, keySpan, value: node } : undefined;
  const out: Attachment[] = [];
  for (const name of names) {
    const slash = name.indexOf("/");
    const gwName = slash < 0 ? name : name.slice(0, slash);
    const gw = entry(gateways, gwName);
    if (!gw) continue;
    const listeners = get(gw.value, "listeners");
    const items = isArray(listeners) ? listeners.items.filter((l) => slash < 0 || str(get(l, "name")) === name.slice(slash + 1)) : [];
    if (items.length === 0) out.push({ ref: name, policies: block(gw.key, gw.keySpan, gw.value) });
    else for (const l of items) out.push({ ref: `${gwName}/${str(get(l, "name")) ?? "#"}`, policies: block(gw.key, entry(l, "name")?.keySpan ?? gw.keySpan, l) });
  }
  return out;
}

export const agentgatewayAdapter: Adapter = (input) => mergeOutputs(input.docs.map((d) => readDoc(input, d)));

/** The `policies` entry of a node, when it is a map. */
function policiesOf(n: DocNode | undefined): DocEntry | undefined {
  const e = n ? entry(n, "policies") : undefined;
  return e && isObject(e.value) ? e : undefined;
}

const present = <T>(xs: readonly (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

function readDoc(input: AdapterInput, doc: DocNode): AdapterOutput {
  const out = emptyOutput();
  // Access logs and tracing are set for the whole file (frontendPolicies, config): one audit for every route.
  const audit = agentgatewayAudit(input, doc);
  const gateways = get(doc, "gateways");
  const mcp = entry(doc, "mcp");
  if (mcp && isObject(mcp.value) && isArray(get(mcp.value, "targets"))) {
    const servers = targets(input, get(mcp.value, "targets"), "mcp.targets");
    // `port:` serves it on its own port (the older form), else it attaches to gateways as a route does.
    const at = get(mcp.value, "port") === undefined ? attachments(gateways, get(mcp.value, "gateways")) : [];
    // No target (`targets: []`, an LLM-only config): no tool behind it to govern, as a route with no MCP backend.
    if (servers.length > 0) {
      for (const a of at.length > 0 ? at : [undefined]) {
        const many = at.length > 1 && a;
        addRoute(input, out, { name: many ? `mcp (gateway ${a.ref})` : "mcp", path: many ? `mcp@${a.ref}` : "mcp", owner: mcp, node: mcp.value, shared: present([policiesOf(mcp.value), a?.policies]), backendBlocks: [], servers, audit });
      }
    }
  }
  const named = namedBackends(doc);
  const readRoute = (route: DocNode, path: string, outer: readonly DocEntry[], via?: string, listens?: readonly Listener[]) => {
    const backends = get(route, "backends");
    const servers: McpServer[] = [];
    const backendBlocks: DocEntry[] = [];
    if (isArray(backends)) {
      backends.items.forEach((inline, k) => {
        const ref = named.get(str(get(inline, "backend")) ?? "");
        const backend = ref?.node ?? inline;
        const own = targets(input, get(backend, "mcp", "targets"), `${ref?.path ?? `${path}.backends[${k}]`}.mcp.targets`);
        const bp = policiesOf(backend);
        if (bp) {
          backendBlocks.push(bp);
          const cred = backendKey(input, bp.value);
          const upstream = agentgatewayUpstream(input, bp.value);
          servers.push(...own.map((s) => withUpstream(cred ? withCredential(s, cred) : s, upstream)));
        } else servers.push(...own);
      });
    }
    if (servers.length === 0) return;
    const name = str(entry(route, "name")?.value) ?? path;
    addRoute(input, out, { name: via ? `${name} (gateway ${via})` : name, path: via ? `${path}@${via}` : path, ...(listens ? { listens } : {}), owner: undefined, node: route, shared: present([policiesOf(route), ...outer]), backendBlocks, servers, audit });
  };
  const binds = get(doc, "binds");
  if (isArray(binds)) {
    binds.items.forEach((bind, b) => {
      const listeners = get(bind, "listeners");
      if (!isArray(listeners)) return;
      listeners.items.forEach((listener, l) => {
        const routes = get(listener, "routes");
        if (!isArray(routes)) return;
        routes.items.forEach((route, r) => readRoute(route, `binds[${b}].listeners[${l}].routes[${r}]`, present([policiesOf(listener)]), undefined, routeListeners(input, bind, route)));
      });
    });
  }
  // The `gateways:` form: each top-level route, once per gateway (or listener) it is attached to.
  const routes = get(doc, "routes");
  if (isArray(routes)) {
    routes.items.forEach((route, r) => {
      const at = attachments(gateways, get(route, "gateways"));
      for (const a of at.length > 0 ? at : [undefined]) readRoute(route, `routes[${r}]`, present([a?.policies]), at.length > 1 ? a?.ref : undefined);
    });
  }
  return out;
}

interface RouteInit {
  readonly name: string;
  readonly path: string;
  /** The bind's port and the route's paths (binds form only). */
  readonly listens?: readonly Listener[];
  /** The `mcp:` entry of the simple form (its key locates the policy). */
  readonly owner: DocEntry | undefined;
  readonly node: DocNode;
  /** Policy blocks that apply to every server of the route, nearest first (route, listener or gateway). */
  readonly shared: readonly DocEntry[];
  /** Policy blocks of the route's backends (each applies to its own backend's servers, already attached). */
  readonly backendBlocks: readonly DocEntry[];
  readonly servers: McpServer[];
  readonly audit: PolicyAudit | undefined;
}

function addRoute(input: AdapterInput, out: AdapterOutput, r: RouteInit): void {
  const policiesEntries = [...r.shared, ...r.backendBlocks];
  const sharedCount = r.shared.length;
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
  const made = out.policies[out.policies.length - 1];
  if (made && r.listens?.length) out.policies[out.policies.length - 1] = { ...made, listens: r.listens };
}

/**
 * Where a route of a bind takes calls: the bind's `port` on this machine, on the paths its
 * `matches` name (`path: { exact | pathPrefix }`), every path when it has none. None when the
 * port is not a number or a match tests more than the path (a header, a method): which calls
 * it takes is not only a matter of host, port and path.
 */
function routeListeners(input: AdapterInput, bind: DocNode, route: DocNode): Listener[] {
  const portNode = get(bind, "port");
  const port = portNode?.type === "number" && Number.isInteger(portNode.value) ? (portNode.value as number) : undefined;
  if (port === undefined || port <= 0 || port > 65535 || !portNode) return [];
  const base = { host: "loopback", port, what: `agentgateway bind port ${port}`, loc: locOf(input, portNode.span) };
  const matches = get(route, "matches");
  if (matches === undefined) return [base];
  if (!isArray(matches)) return [];
  const out: Listener[] = [];
  for (const m of matches.items) {
    const pathNode = get(m, "path");
    if (!isObject(m) || m.entries.length !== 1 || !isObject(pathNode) || pathNode.entries.length !== 1) return [];
    const exact = str(get(pathNode, "exact"));
    const prefix = str(get(pathNode, "pathPrefix"));
    if (exact !== undefined) out.push({ ...base, path: exact });
    else if (prefix !== undefined) out.push({ ...base, path: prefix, prefix: true });
    else return [];
  }
  return out;
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
