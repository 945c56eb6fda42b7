/**
 * Pomerium routes with `mcp:` (catalog §28). Pomerium denies a route unless a
 * PPL `allow` matches; `allow_public_unauthenticated_access` and
 * `allow_any_authenticated_user` open it wholesale. Tool limits are PPL
 * `mcp_tool` criteria (usually under `deny` with `not_in`). A route with
 * `mcp: { client: {} }` fronts an application that calls MCP servers (it
 * gets the user's token for them): it is not a server.
 */
import { entry, get, isArray, isObject, str, bool, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import { value } from "../server-entry.js";
import type { Credential, PolicySetting } from "../types.js";
import { entryLoc, gatewayPolicy, gatewayServer, permissive, scalarCredential } from "./gateway-common.js";

/** An MCP server route: `mcp: { server: ... }` (or a bare `mcp` block), not `mcp: { client: {} }`. */
function isServerRoute(route: DocNode): boolean {
  const mcp = get(route, "mcp");
  return isObject(mcp) && (get(mcp, "server") !== undefined || get(mcp, "client") === undefined);
}

/**
 * The route's upstream OAuth client: `mcp.server.upstream_oauth2`, or `mcp.upstream_oauth2` directly
 * in the older route shape (before `server`/`client`), as Pomerium's own `mcp-servers` sample writes it.
 */
function upstreamOAuth2(mcp: DocNode | undefined): DocNode | undefined {
  return get(mcp, "server", "upstream_oauth2") ?? get(mcp, "upstream_oauth2");
}

/** Sniff: a `routes` list with at least one `mcp` route. */
export function isPomeriumConfig(docs: readonly DocNode[]): boolean {
  const routes = get(docs[0], "routes");
  return isArray(routes) && routes.items.some((r) => isObject(get(r, "mcp")) && get(r, "from") !== undefined);
}

const OPEN_FLAGS = {
  allow_public_unauthenticated_access: "anyone, even unauthenticated, may call every tool",
  allow_any_authenticated_user: "any user who can sign in to the identity provider may call every tool",
} as const;

export const pomeriumAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const routes = get(input.docs[0], "routes");
  if (!isArray(routes)) return out;
  routes.items.forEach((route, i) => {
    if (!isServerRoute(route)) return;
    const mcp = get(route, "mcp");
    const path = `routes[${i}]`;
    const from = entry(route, "from");
    const name = str(from?.value) ?? path;
    const nameSpan = (from?.value ?? route).span;
    const toNode = get(route, "to");
    const credentials: Credential[] = [];
    const secret = entry(upstreamOAuth2(mcp), "client_secret");
    const cred = secret ? scalarCredential(input, "upstream_oauth2.client_secret", secret.value, "oauth", secret.keySpan) : undefined;
    if (cred) credentials.push(cred);
    const server = gatewayServer(input, { name, path, nameSpan, transport: "http", url: value(input, isArray(toNode) ? toNode.items[0] : toNode), credentials });
    out.servers.push(server);
    out.policies.push(gatewayPolicy(input, { kind: "gateway", name, path, loc: locOf(input, nameSpan), ...decision(input, route), governs: [server.id] }));
  });
  return out;
};

function decision(input: AdapterInput, route: DocNode) {
  const settings: PolicySetting[] = [];
  for (const [key, meaning] of Object.entries(OPEN_FLAGS)) {
    const e = entry(route, key);
    if (e && bool(e.value) === true) settings.push(permissive(key, "true", entryLoc(input, e), meaning));
  }
  const open = settings[0];
  const policy = entry(route, "policy");
  const anchor = locOf(input, (policy ?? entry(route, "mcp"))?.keySpan ?? route.span);
  if (open) {
    return { settings, defaultDecision: "allow" as const, defaultReason: `${open.key} is true (${open.meaning})`, defaultLoc: open.loc, authn: { required: open.key !== "allow_public_unauthenticated_access", mode: open.key, loc: open.loc } };
  }
  const blocks = policy ? (isArray(policy.value) ? policy.value.items : [policy.value]) : [];
  if (!blocks.some((b) => plainKeys(b).includes("mcp_tool"))) {
    settings.push(permissive("policy", policy ? "no mcp_tool criterion" : "unset", anchor, "no mcp_tool criterion: every tool is callable by whoever the route admits"));
  }
  return {
    settings,
    defaultDecision: "deny" as const,
    defaultReason: policy ? "policy admits only callers its allow blocks match (Pomerium denies the rest)" : "no policy (Pomerium denies every request the route's policy does not allow)",
    defaultLoc: anchor,
    authn: { required: true, mode: "idp", loc: anchor },
  };
}

/** Every key name in a subtree (to look for PPL criteria). */
function plainKeys(n: DocNode | undefined): string[] {
  if (!n) return [];
  if (n.type === "object") return n.entries.flatMap((e) => [e.key, ...plainKeys(e.value)]);
  if (n.type === "array") return n.items.flatMap(plainKeys);
  return [];
}
