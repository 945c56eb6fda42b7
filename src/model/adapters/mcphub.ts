/**
 * MCPHub (samanhappy/mcphub): one `mcp_settings.json` holds the servers it runs and proxies
 * (`mcpServers`, the clients' entry shape) beside its own state: `users`, `groups`,
 * `bearerKeys` and `systemConfig`. It serves every server under `/mcp` (the global route), a
 * group's under `/mcp/<group>` and one server's under `/mcp/<server>`. `${VAR}` and `$VAR`
 * are read from its environment when it starts a server (`replaceEnvVars`).
 *
 * Who may call (`sseService.ts`, `validateBearerAuth`): with
 * `systemConfig.routing.enableBearerAuth: false` every request is let through, key or not.
 * With it on, a request needs an enabled bearer key or a token of MCPHub's own OAuth server;
 * a key with `accessType: all` reaches every route, one with `groups`, `servers` or `custom`
 * only the groups and servers it lists (anything else is refused). Current releases take an
 * unset `enableBearerAuth` as on, earlier ones as off, so an unset switch is unknown.
 * `routing.skipAuth` opens the dashboard and its API to anyone as an admin (who may add a
 * server, that is a command MCPHub runs).
 */
import { bool, entry, get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import type { McpServer, Policy, PolicySetting } from "../types.js";
import { entryLoc, gatewayPolicy, permissive } from "./gateway-common.js";
import { serversFromMap } from "./server-maps.js";

/** Sniff: `mcpServers` beside one of MCPHub's own sections (a client's `mcp_settings.json` has `mcpServers` alone). */
export function isMcpHubSettings(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  if (docs.length !== 1 || !isObject(get(d, "mcpServers"))) return false;
  if (isObject(get(d, "systemConfig", "routing")) || isArray(get(d, "bearerKeys"))) return true;
  const users = get(d, "users");
  return isArray(users) && users.items.some((u) => str(get(u, "username")) !== undefined && get(u, "isAdmin") !== undefined);
}

export const mcpHubAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  const map = get(d, "mcpServers");
  if (!d || !isObject(map)) return out;
  const servers = serversFromMap({ ...input, scope: "gateway" }, map, "mcpServers").map((s) => withDisabledTools(s, get(map, s.name)));
  out.servers.push(...servers);
  const routing = get(d, "systemConfig", "routing");
  const anchor = locOf(input, (entry(d, "systemConfig") ?? entry(d, "mcpServers"))?.keySpan ?? map.span);
  out.policies.push(gatewayPolicy(input, { kind: "gateway", name: "routes", path: "systemConfig.routing", loc: anchor, ...access(input, d, routing, anchor), governs: servers.map((s) => s.id) }));
  return out;
};

/** A server's `tools: { <name>: { enabled: false } }`: tools MCPHub does not offer. */
function withDisabledTools(s: McpServer, node: DocNode | undefined): McpServer {
  const tools = get(node, "tools");
  if (!isObject(tools)) return s;
  const off = tools.entries.filter((t) => bool(get(t.value, "enabled")) === false).map((t) => t.key);
  return off.length ? { ...s, tools: { ...s.tools, include: undefined, exclude: [...(s.tools.exclude ?? []), ...off] } } : s;
}

type Access = Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "settings"> & { authn?: Policy["authn"] };

function access(input: AdapterInput, d: DocNode, routing: DocNode | undefined, anchor: Loc): Access {
  const settings: PolicySetting[] = [];
  const skip = entry(routing, "skipAuth");
  if (skip && bool(skip.value) === true) settings.push(permissive("routing.skipAuth", "true", entryLoc(input, skip), "the dashboard and its API admit anyone as an admin, who may add servers (commands MCPHub runs) and read their settings"));
  const auth = entry(routing, "enableBearerAuth");
  const on = auth ? bool(auth.value) : undefined;
  const keys = enabledKeys(d);
  const wide = keys.filter((k) => str(get(k.node, "accessType")) === "all");
  for (const k of wide) settings.push(permissive(`bearerKeys[${k.index}].accessType`, "all", entryLoc(input, k.accessType as DocEntry), `bearer key '${k.name}' reaches every server and group`));
  if (auth && on === false) {
    const loc = entryLoc(input, auth);
    settings.push(permissive("routing.enableBearerAuth", "false", loc, "MCPHub's /mcp routes admit callers with no bearer key"));
    return { defaultDecision: "allow", defaultReason: "enableBearerAuth is false: anyone who reaches MCPHub may call every server's tools", defaultLoc: loc, settings, authn: { required: false, mode: "none", loc } };
  }
  if (!auth || on !== true) {
    return { defaultDecision: "unknown", defaultReason: "systemConfig.routing.enableBearerAuth is not set: current MCPHub releases then ask for a bearer key, earlier ones let every caller through", defaultLoc: anchor, settings };
  }
  const authn = { authn: { required: true, mode: "bearer", loc: entryLoc(input, auth) } };
  const first = wide[0];
  if (first) return { defaultDecision: "allow", defaultReason: `bearer key '${first.name}' has accessType all: whoever holds it may call every server's tools`, defaultLoc: entryLoc(input, first.accessType as DocEntry), settings, ...authn };
  const legacy = entry(routing, "bearerAuthKey");
  if (keys.length === 0 && legacy && str(legacy.value)) {
    return { defaultDecision: "allow", defaultReason: "bearerAuthKey only authenticates: every caller with the key may call every server's tools", defaultLoc: entryLoc(input, legacy), settings, ...authn };
  }
  // MCPHub writes its OAuth server's defaults into a file that has none: only an explicit `enabled: false` shows it off.
  if (keys.length === 0 || bool(get(d, "systemConfig", "oauthServer", "enabled")) !== false) {
    return { defaultDecision: "unknown", defaultReason: "callers may also present a token of MCPHub's own OAuth server (systemConfig.oauthServer is not disabled): what its users reach is kept in MCPHub, not in this file", defaultLoc: entryLoc(input, auth), settings, ...authn };
  }
  return { defaultDecision: "deny", defaultReason: "each bearer key reaches only the groups or servers it lists (a request no key grants is refused)", defaultLoc: entryLoc(input, auth), settings, ...authn };
}

interface Key {
  readonly name: string;
  readonly index: number;
  readonly node: DocNode;
  readonly accessType: DocEntry | undefined;
}

/** `bearerKeys` entries MCPHub accepts (`enabled` is not false). */
function enabledKeys(d: DocNode): Key[] {
  const list = get(d, "bearerKeys");
  if (!isArray(list)) return [];
  return list.items
    .map((k, index) => ({ name: str(get(k, "name")) ?? `#${index}`, index, node: k, accessType: entry(k, "accessType") }))
    .filter((k) => isObject(k.node) && bool(get(k.node, "enabled")) !== false);
}
