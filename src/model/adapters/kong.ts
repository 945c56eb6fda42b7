/**
 * Kong decK declarative config with the AI MCP Proxy plugin (catalog §24),
 * and the same plugin as a Kong Ingress Controller KongPlugin resource.
 * ACL evaluation: a deny match blocks; an allow list that does not name the
 * subject blocks; no allow list, or no ACL at all, allows. A per-tool `acl`
 * replaces `default_acl` for that tool.
 */
import { entry, get, isArray, str, bool, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import { value } from "../server-entry.js";
import type { Policy, PolicyRule, PolicySetting } from "../types.js";
import { entryLoc, gatewayPolicy, gatewayServer, permissive, stringList } from "./gateway-common.js";
import { kongAudit } from "./audit/index.js";
import { kongToolCredentials, kongToolUpstream } from "./kong-tool-credentials.js";

const AUTH_PLUGINS = new Set(["key-auth", "key-auth-enc", "openid-connect", "ai-mcp-oauth2", "jwt", "basic-auth", "oauth2", "hmac-auth", "mtls-auth", "ldap-auth"]);

interface Found {
  readonly plugin: DocNode;
  readonly path: string;
  readonly service: DocNode | undefined;
  readonly route: DocNode | undefined;
}

/**
 * Sniff: a decK document (`_format_version`, or top-level `plugins`/`services`/`routes`
 * lists as in a partial file for `deck file merge`) with an `ai-mcp-proxy` plugin
 * somewhere, or a Kong Ingress Controller `KongPlugin`/`KongClusterPlugin` of that plugin.
 */
export function isKongMcpConfig(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  if (d !== undefined && isDeck(d) && findPlugins(d).some((f) => isMcpProxy(f.plugin))) return true;
  return docs.some((doc) => isKicPlugin(doc) && isMcpProxy(doc));
}

function isDeck(d: DocNode): boolean {
  return entry(d, "_format_version") !== undefined || ["plugins", "services", "routes"].some((k) => isArray(get(d, k)));
}

/** A Kong Ingress Controller plugin resource: the plugin's name is under `plugin`, its config at the top. */
function isKicPlugin(d: DocNode): boolean {
  return /^Kong(Cluster)?Plugin$/.test(str(get(d, "kind")) ?? "") && str(get(d, "apiVersion"))?.startsWith("configuration.konghq.com/") === true;
}

function pluginName(p: DocNode): string | undefined {
  return str(get(p, isKicPlugin(p) ? "plugin" : "name"));
}

function isMcpProxy(p: DocNode): boolean {
  return pluginName(p) === "ai-mcp-proxy";
}

/** Plugins at the top level and nested under services and routes, with their owners. */
function findPlugins(d: DocNode): Found[] {
  const out: Found[] = [];
  const take = (list: DocNode | undefined, path: string, service: DocNode | undefined, route: DocNode | undefined) => {
    if (isArray(list)) list.items.forEach((plugin, i) => out.push({ plugin, path: `${path}plugins[${i}]`, service, route }));
  };
  take(get(d, "plugins"), "", undefined, undefined);
  const services = get(d, "services");
  if (isArray(services)) {
    services.items.forEach((s, i) => {
      take(get(s, "plugins"), `services[${i}].`, s, undefined);
      const routes = get(s, "routes");
      if (isArray(routes)) routes.items.forEach((r, j) => take(get(r, "plugins"), `services[${i}].routes[${j}].`, s, r));
    });
  }
  const routes = get(d, "routes");
  if (isArray(routes)) routes.items.forEach((r, j) => take(get(r, "plugins"), `routes[${j}].`, undefined, r));
  return out;
}

/** The service a top-level plugin points at (`service:` or via its `route:`). */
function ownerService(d: DocNode, f: Found): DocNode | undefined {
  if (f.service) return f.service;
  const services = get(d, "services");
  const list = isArray(services) ? services.items : [];
  const byName = (n: string | undefined) => (n === undefined ? undefined : list.find((s) => str(get(s, "name")) === n));
  const direct = byName(str(get(f.plugin, "service")) ?? str(get(f.plugin, "service", "name")));
  if (direct) return direct;
  const routeName = str(get(f.plugin, "route")) ?? str(get(f.plugin, "route", "name")) ?? str(get(f.route, "name"));
  return list.find((s) => {
    const rs = get(s, "routes");
    return isArray(rs) && rs.items.some((r) => str(get(r, "name")) === routeName);
  });
}

export const kongAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  if (!d) return out;
  const kic: Found[] = [];
  input.docs.forEach((doc, i) => {
    if (isKicPlugin(doc)) kic.push({ plugin: doc, path: `docs[${i}]`, service: undefined, route: undefined });
  });
  const all = [...(isDeck(d) ? findPlugins(d) : []), ...kic];
  const authPlugins = all.filter((f) => AUTH_PLUGINS.has(pluginName(f.plugin) ?? ""));
  const proxies = all.filter((x) => isMcpProxy(x.plugin));
  const bound = listenerBindings(proxies);
  const serverIds = new Map<Found, string>();
  for (const f of proxies) {
    const service = isKicPlugin(f.plugin) ? undefined : ownerService(d, f);
    if (!service) continue;
    const sName = entry(service, "name");
    // In a conversion mode the plugin calls the service with each tool's own query and headers.
    const toolCreds = kongToolCredentials(input, f.plugin, (t, i) => toolLabel(t, i));
    const upstream = kongToolUpstream(toolCreds);
    const built = gatewayServer(input, { name: str(sName?.value) ?? label(f, service), path: `${f.path}.service`, nameSpan: (sName?.value ?? service).span, transport: "http", url: value(input, get(service, "url")), credentials: toolCreds.map((x) => x.credential) });
    const server = upstream ? { ...built, upstreamIdentity: upstream } : built;
    out.servers.push(server);
    serverIds.set(f, server.id);
  }
  for (const f of proxies) {
    // A conversion-only plugin accepts no MCP requests: the listener bound to it by tag serves (and authorizes) its tools.
    if ([...bound.values()].some((list) => list.includes(f))) continue;
    const served = bound.get(f);
    const service = isKicPlugin(f.plugin) ? undefined : ownerService(d, f);
    const nameEntry = entry(f.plugin, isKicPlugin(f.plugin) ? "plugin" : "name");
    const governs = [f, ...(served ?? [])].flatMap((x) => serverIds.get(x) ?? []);
    const configEntry = entry(f.plugin, "config");
    const anchor = locOf(input, (configEntry ?? nameEntry)?.keySpan ?? f.plugin.span);
    const authPlugin = authPlugins.find((a) => covers(d, a, f));
    out.policies.push(
      gatewayPolicy(input, {
        kind: "gateway",
        name: label(f, service),
        path: f.path,
        loc: locOf(input, nameEntry?.value.span ?? f.plugin.span),
        ...acl(input, configEntry?.value, anchor, served?.map((x) => ({ config: get(x.plugin, "config"), path: x.path }))),
        settings: settings(input, configEntry?.value),
        authn: authPlugin ? { required: true, mode: str(get(authPlugin.plugin, "name")) ?? "plugin", loc: locOf(input, authPlugin.plugin.span) } : { required: false, mode: "none", loc: anchor },
        governs,
        audit: kongAudit(input, d, f.plugin),
      }),
    );
  }
  return out;
};

/** A reference to a service or route by name: `route: accounts` or `route: { name: accounts }`. */
function refName(p: DocNode, key: "service" | "route"): string | undefined {
  return str(get(p, key)) ?? str(get(p, key, "name"));
}

/**
 * Whether plugin `a` runs on the requests MCP proxy plugin `proxy` serves (Kong's plugin scoping): a global
 * plugin does; one on a service covers that service; one on a route covers a proxy on that same route only
 * (a service-level proxy may be reached through other routes). KIC plugins attach through annotations the
 * file does not show: any of them counts, as before.
 */
function covers(d: DocNode, a: Found, proxy: Found): boolean {
  if (isKicPlugin(a.plugin) || isKicPlugin(proxy.plugin)) return true;
  const aRoute = str(get(a.route, "name")) ?? refName(a.plugin, "route");
  const aService = a.service ? str(get(a.service, "name")) : refName(a.plugin, "service");
  if (aRoute === undefined && aService === undefined && !a.route && !a.service) return true;
  if (a.route || aRoute !== undefined) {
    if (a.route !== undefined && a.route === proxy.route) return true;
    return aRoute !== undefined && aRoute === (str(get(proxy.route, "name")) ?? refName(proxy.plugin, "route"));
  }
  const pService = ownerService(d, proxy);
  return (a.service !== undefined && a.service === pService) || (aService !== undefined && aService === str(get(pService, "name")));
}

function label(f: Found, service: DocNode | undefined): string {
  return str(get(f.plugin, "instance_name")) ?? str(get(f.plugin, "route")) ?? str(get(f.route, "name")) ?? str(get(service, "name")) ?? str(get(f.plugin, "metadata", "name")) ?? f.path;
}

function modeOf(f: Found): string {
  return str(get(f.plugin, "config", "mode")) ?? "";
}

/**
 * Each `listener` plugin with the conversion-only plugins it serves: those whose plugin-level
 * `tags` name its `config.server.tag`. The listener exposes their tools as one MCP server and
 * enforces their per-tool ACLs.
 */
function listenerBindings(proxies: readonly Found[]): Map<Found, Found[]> {
  const out = new Map<Found, Found[]>();
  for (const l of proxies) {
    const tag = modeOf(l) === "listener" ? str(get(l.plugin, "config", "server", "tag")) : undefined;
    if (tag === undefined) continue;
    const served = proxies.filter((c) => modeOf(c) === "conversion-only" && stringList(get(c.plugin, "tags")).includes(tag));
    if (served.length > 0) out.set(l, served);
  }
  return out;
}

/** A tool by its name; a conversion tool may have none (`method` + `path` of the API it wraps), else its index. */
function toolLabel(t: DocNode, i: number, plugin = ""): string {
  const name = str(get(t, "name"));
  if (name !== undefined) return name;
  const method = str(get(t, "method"));
  const path = str(get(t, "path"));
  const at = `${plugin}config.tools[${i}]`;
  return path !== undefined ? `${at} (${method ? `${method} ` : ""}${path})` : at;
}

function hasAllow(n: DocNode | undefined): boolean {
  return stringList(get(n, "allow")).length > 0;
}

/** `served`: for a listener, the conversion-only plugins it serves (their tools are the ones it exposes), by config and path. */
function acl(input: AdapterInput, config: DocNode | undefined, anchor: Policy["defaultLoc"], served?: readonly { config: DocNode | undefined; path: string }[]): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules"> {
  const toolRules: PolicyRule[] = [];
  const listOf = (c: DocNode | undefined, plugin?: string) => {
    const tools = get(c, "tools");
    return isArray(tools) ? tools.items.map((t, i) => ({ t, name: toolLabel(t, i, plugin) })) : [];
  };
  const toolItems = served ? served.flatMap((x) => listOf(x.config, `${x.path}.`)) : listOf(config);
  const open: string[] = [];
  toolItems.forEach(({ t, name }) => {
    const a = get(t, "acl");
    if (!hasAllow(a)) open.push(name);
    for (const effect of ["allow", "deny"] as const) {
      const list = get(a, effect);
      if (list && stringList(list).length) toolRules.push({ effect, pattern: `${name}: ${stringList(list).join(", ")}`, loc: locOf(input, list.span) });
    }
  });
  const def: DocEntry | undefined = entry(config, "default_acl");
  const defItems = def && isArray(def.value) ? def.value.items : def ? [def.value] : [];
  if (def && defItems.some(hasAllow)) {
    return { defaultDecision: "deny", defaultReason: "config.default_acl has an allow list (subjects it does not name are denied)", defaultLoc: locOf(input, def.keySpan), toolRules };
  }
  if (def) return { defaultDecision: "allow", defaultReason: "config.default_acl has no allow list (deny-only ACLs allow every other subject)", defaultLoc: locOf(input, def.keySpan), toolRules };
  const mode = str(get(config, "mode")) ?? "";
  const toolsKey = entry(config, "tools");
  if (toolItems.length > 0 && open.length === 0 && served) {
    return { defaultDecision: "deny", defaultReason: "every tool of the conversion-only plugins this listener serves has an acl allow list (the listener exposes only these tools)", defaultLoc: anchor, toolRules };
  }
  if (toolItems.length > 0 && open.length === 0 && mode.startsWith("conversion")) {
    return { defaultDecision: "deny", defaultReason: "every tool in config.tools has an acl allow list (conversion mode exposes only these tools)", defaultLoc: toolsKey ? locOf(input, toolsKey.keySpan) : anchor, toolRules };
  }
  const which = open.length ? `tools ${open.join(", ")}${served ? " of the conversion-only plugins it serves" : ""} have no acl` : "tools the upstream exposes beyond config.tools have no acl";
  return { defaultDecision: "allow", defaultReason: `no config.default_acl and ${which} (no ACL means allowed)`, defaultLoc: anchor, toolRules };
}

function settings(input: AdapterInput, config: DocNode | undefined): PolicySetting[] {
  const out: PolicySetting[] = [];
  const logPayloads = entry(get(config, "logging"), "log_payloads");
  if (logPayloads && bool(logPayloads.value) === true) out.push(permissive("config.logging.log_payloads", "true", entryLoc(input, logPayloads), "tool-call payloads (arguments, results, any tokens in them) are written to logs"));
  return out;
}
