/**
 * TBXark's mcp-proxy (github.com/TBXark/mcp-proxy, `config.go`): one JSON file with
 * `mcpProxy` (the HTTP server it serves) and `mcpServers` (the servers it proxies, in the
 * clients' entry shape). It serves every server's tools under one address.
 *
 * Who may call: a server's `options.authTokens` (else the default in `mcpProxy.options`)
 * are the bearer tokens its route accepts; `mcpProxy.options.oauth2.enabled` puts its own
 * OAuth 2.1 server in front (streamable-http only); with neither, anyone who reaches the
 * proxy. Which tools: `options.toolFilter` with `mode: allow` serves only its `list`,
 * `mode: block` all but it; without a valid mode the filter is ignored. Later releases add
 * `options.userFilter` (the same shape, over the OAuth user names): `mode: allow` admits only
 * the users it lists. `$VAR` and `${VAR}` are read from the proxy's environment when it loads the
 * file (`-expand-env`, on by default).
 */
import { bool, entry, get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import type { McpServer, Policy, PolicyRule } from "../types.js";
import { gatewayPolicy, stringList } from "./gateway-common.js";
import { serversFromMap } from "./server-maps.js";

/** Sniff: a top-level `mcpProxy` object beside an `mcpServers` map. */
export function isTbxarkProxyConfig(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  return isObject(get(d, "mcpProxy")) && isObject(get(d, "mcpServers"));
}

export const tbxarkProxyAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  const proxy = get(d, "mcpProxy");
  const map = get(d, "mcpServers");
  if (!isObject(map)) return out;
  const servers = serversFromMap({ ...input, scope: "gateway" }, map, "mcpServers");
  for (const s of servers) {
    const e = map.entries.find((x) => x.key === s.name);
    const options = get(e?.value, "options");
    const filter = toolFilter(input, options);
    const server = filter.tools ? { ...s, tools: { ...s.tools, ...filter.tools } } : s;
    out.servers.push(server);
    out.policies.push(gatewayPolicy(input, { kind: "gateway", name: s.name, path: `mcpServers.${s.name}`, loc: s.loc, ...access(input, proxy, options, s, filter), governs: [server.id] }));
  }
  return out;
};

interface Filter {
  readonly mode?: "allow" | "block";
  readonly rules: PolicyRule[];
  readonly tools?: Partial<McpServer["tools"]>;
  readonly loc?: ReturnType<typeof locOf>;
}

function toolFilter(input: AdapterInput, options: DocNode | undefined): Filter {
  const f = entry(options, "toolFilter");
  const mode = str(get(f?.value, "mode"));
  const list = get(f?.value, "list");
  if (!f || (mode !== "allow" && mode !== "block") || !isArray(list)) return { rules: [] };
  const effect = mode === "allow" ? "allow" : "deny";
  const rules = list.items.flatMap((item) => {
    const tool = str(item);
    return tool === undefined ? [] : [{ effect, pattern: tool, loc: locOf(input, item.span) } as PolicyRule];
  });
  const names = stringList(list);
  return { mode, rules, tools: mode === "allow" ? { include: names } : { exclude: names }, loc: locOf(input, f.keySpan) };
}

function access(input: AdapterInput, proxy: DocNode | undefined, options: DocNode | undefined, s: McpServer, filter: Filter): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "authn" | "toolRules"> {
  // A server's own authTokens replace the proxy's default (an empty list included).
  const tokens = entry(options, "authTokens") ?? entry(get(proxy, "options"), "authTokens");
  const oauth = entry(get(proxy, "options", "oauth2"), "enabled");
  const oauthOn = oauth !== undefined && bool(oauth.value) === true && str(get(proxy, "type")) === "streamable-http";
  const withTokens = tokens !== undefined && isArray(tokens.value) && tokens.value.items.length > 0;
  const authn = oauthOn && oauth ? { required: true, mode: "oauth2", loc: locOf(input, oauth.value.span) } : withTokens && tokens ? { required: true, mode: "authTokens", loc: locOf(input, tokens.keySpan) } : { required: false, mode: "none", loc: s.loc };
  const base = { authn, toolRules: filter.rules };
  if (!authn.required) return { ...base, defaultDecision: "allow", defaultReason: "no authTokens and no oauth2: anyone who reaches the proxy may call every tool it serves", defaultLoc: s.loc };
  const users = entry(options, "userFilter");
  if (str(get(users?.value, "mode")) === "allow" && isArray(get(users?.value, "list")) && users) {
    return { ...base, defaultDecision: "deny", defaultReason: "userFilter mode allow: only the users its list names may call this server", defaultLoc: locOf(input, users.keySpan) };
  }
  if (filter.mode === "allow" && filter.loc) return { ...base, defaultDecision: "deny", defaultReason: "toolFilter mode allow: only the tools its list names are served", defaultLoc: filter.loc };
  return { ...base, defaultDecision: "allow", defaultReason: `${authn.mode === "oauth2" ? "oauth2" : "authTokens"} only authenticates: every caller it admits may call every tool${filter.mode === "block" ? " but those toolFilter blocks" : ""}`, defaultLoc: filter.loc ?? authn.loc };
}
