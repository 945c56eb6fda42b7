/**
 * Kuadrant's MCP gateway (Kuadrant/mcp-gateway, formerly kagenti): an Envoy
 * ext_proc broker and router in front of a Gateway API `Gateway` listener
 * (`kind: MCPGatewayExtension`, mcp.kuadrant.io), federating the tools of the
 * servers that `kind: MCPServerRegistration` resources register (each names
 * the `HTTPRoute` to the server in `spec.targetRef`, a `toolPrefix`, a `path`
 * and a `credentialRef` Secret the broker connects with; mcp.kagenti.com's
 * earlier `kind: MCPServer` has the same spec).
 *
 * The gateway itself authenticates and authorizes nothing: Kuadrant's
 * `AuthPolicy` (kuadrant.io) attached to the Gateway (or to a server's
 * HTTPRoute) does, through Authorino; an Authorino `AuthConfig`
 * (authorino.kuadrant.io) holds the same rules for its `hosts`. Rules sit in
 * `spec.rules`, or in `spec.defaults.rules` / `spec.overrides.rules`:
 * - `authentication`: named identity sources (`jwt`, `apiKey`,
 *   `kubernetesTokenReview`, `x509`, `oauth2Introspection`, `plain`, and
 *   `anonymous`, which admits every caller); with none, Authorino lets
 *   anonymous requests through.
 * - `authorization`: named checks (`patternMatching` CEL predicates such as
 *   `request.headers['x-mcp-toolname'] in ...`, `opa` Rego, `spicedb`,
 *   `kubernetesSubjectAccessReview`), every one of which must pass: a call
 *   they do not admit is denied. With none, every caller the authentication
 *   admits may call every tool of every server behind it.
 * A policy governs the registrations of its file that it targets (the
 * Gateway: all of them; an HTTPRoute: those naming that route; an
 * AuthConfig: all of them). A registration with no policy in its file is
 * left with none: the policy may live in another file.
 */
import { entry, get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import type { AdapterOutput, McpServer, Policy, PolicyRule, PolicySetting } from "../types.js";
import { gatewayPolicy, gatewayServer, namesMcp, permissive, refCredential, resourceHeader } from "./gateway-common.js";

const MCP_GROUP = /^mcp\.(kuadrant\.io|kagenti\.com)\//;
const REGISTRATION_KINDS = new Set(["MCPServerRegistration", "MCPServer"]);
/** Headers the MCP gateway's router sets on each request (`x-mcp-toolname`, `x-mcp-servername`, `x-mcp-method`): rules that read them are about MCP. */
const MCP_HEADER = /x-mcp-/i;

const kindOf = (doc: DocNode) => str(get(doc, "kind")) ?? "";
const groupOf = (doc: DocNode) => str(get(doc, "apiVersion")) ?? "";

/** An `MCPServerRegistration` (or mcp.kagenti.com's `MCPServer`): one server the gateway federates. */
export function isKuadrantRegistration(doc: DocNode): boolean {
  return REGISTRATION_KINDS.has(kindOf(doc)) && MCP_GROUP.test(groupOf(doc));
}

export function isKuadrantGatewayExtension(doc: DocNode): boolean {
  return kindOf(doc) === "MCPGatewayExtension" && MCP_GROUP.test(groupOf(doc));
}

function isAuthPolicy(doc: DocNode): boolean {
  return kindOf(doc) === "AuthPolicy" && /^kuadrant\.io\//.test(groupOf(doc));
}

function isAuthConfig(doc: DocNode): boolean {
  return kindOf(doc) === "AuthConfig" && /^authorino\.kuadrant\.io\//.test(groupOf(doc));
}

/**
 * A Kuadrant AuthPolicy or Authorino AuthConfig that is about MCP on its own: a rule reads the
 * MCP gateway's `x-mcp-*` headers, or what it targets (the Gateway, its listener, the hosts) names MCP.
 */
export function isKuadrantMcpAuth(doc: DocNode): boolean {
  if (!isAuthPolicy(doc) && !isAuthConfig(doc)) return false;
  const target = get(doc, "spec", "targetRef");
  const hosts = get(doc, "spec", "hosts");
  const names = [str(get(target, "name")), str(get(target, "sectionName")), ...(isArray(hosts) ? hosts.items.map(str) : [])];
  return names.some(namesMcp) || readsMcpHeaders(get(doc, "spec"));
}

/** Does a string under `n` read an `x-mcp-*` header? (Depth-bounded by the parser's nesting limit.) */
function readsMcpHeaders(n: DocNode | undefined): boolean {
  if (!n) return false;
  if (n.type === "string") return MCP_HEADER.test(n.value as string);
  if (n.type === "object") return n.entries.some((e) => readsMcpHeaders(e.value));
  if (n.type === "array") return n.items.some(readsMcpHeaders);
  return false;
}

/** Registrations, then the AuthPolicies and AuthConfigs of one file with the registrations each governs. */
export function readKuadrantResources(input: AdapterInput, docs: readonly DocNode[]): AdapterOutput {
  const out = emptyOutput();
  const byRoute = new Map<string, McpServer[]>();
  docs.forEach((doc, i) => {
    if (!isKuadrantRegistration(doc)) return;
    const server = registration(input, doc, i);
    out.servers.push(server);
    const route = str(get(doc, "spec", "targetRef", "name")) ?? "";
    byRoute.set(route, [...(byRoute.get(route) ?? []), server]);
  });
  const all = [...byRoute.values()].flat();
  const mcpFile = all.length > 0 || docs.some(isKuadrantGatewayExtension);
  docs.forEach((doc, i) => {
    const policy = isAuthPolicy(doc) || isAuthConfig(doc);
    if (!policy || !(mcpFile || isKuadrantMcpAuth(doc))) return;
    const kind = kindOf(doc);
    const { name, path, specEntry, spec, nameSpan } = resourceHeader(doc, kind, i);
    const target = get(spec, "targetRef");
    const targetKind = isAuthConfig(doc) ? "Gateway" : (str(get(target, "kind")) ?? "");
    const governs = targetKind === "Gateway" ? all : targetKind === "HTTPRoute" ? (byRoute.get(str(get(target, "name")) ?? "") ?? []) : [];
    const rules = rulesOf(spec);
    const anchor = locOf(input, (rules?.entry ?? specEntry)?.keySpan ?? doc.span);
    // A policy on one server's HTTPRoute checks the hop from the gateway to that server (a tool ACL, a
    // credential swap); who the caller is, the Gateway's policy checks: no identity source here is no finding.
    const onRoute = targetKind === "HTTPRoute";
    out.policies.push(gatewayPolicy(input, { kind: "gateway", name, path, loc: locOf(input, nameSpan), ...decide(input, rules, anchor, onRoute), governs: governs.map((s) => s.id) }));
  });
  return out;
}

function registration(input: AdapterInput, doc: DocNode, docIndex: number): McpServer {
  const kind = kindOf(doc);
  const { name, path, spec, nameSpan } = resourceHeader(doc, kind, docIndex);
  const ref = get(spec, "credentialRef");
  const secret = str(get(ref, "name"));
  // The broker reads the Secret's `key` (default `token`) and connects to the server with it.
  const credentials = ref && secret ? [refCredential("credentialRef", { kind: "secretStore", name: `${secret}/${str(get(ref, "key")) ?? "token"}` }, locOf(input, ref.span))] : [];
  return gatewayServer(input, { name, path, nameSpan, transport: "http", credentials });
}

/** The rules block (`spec.rules`, else `spec.defaults.rules` or `spec.overrides.rules`); an AuthConfig keeps them in `spec` itself. */
function rulesOf(spec: DocNode | undefined): { entry: DocEntry | undefined; node: DocNode | undefined; prefix: string } | undefined {
  for (const wrapper of ["", "defaults", "overrides"]) {
    const holder = wrapper ? get(spec, wrapper) : spec;
    const rules = entry(holder, "rules");
    if (rules) return { entry: rules, node: rules.value, prefix: `${wrapper ? `${wrapper}.` : ""}rules` };
  }
  if (entry(spec, "authentication") || entry(spec, "authorization")) return { entry: undefined, node: spec, prefix: "spec" };
  return undefined;
}

/** Authorino's identity methods (one per named source) and authorization methods (one per named check). */
const IDENTITY_METHODS = new Set(["jwt", "apiKey", "kubernetesTokenReview", "x509", "oauth2Introspection", "plain", "anonymous"]);
const CHECK_METHODS = new Set(["patternMatching", "opa", "kubernetesSubjectAccessReview", "spicedb"]);

/** The method key of a named source or check (its other keys are `when`, `priority`, `cache` ...). */
function methodOf(e: DocEntry, methods: ReadonlySet<string>): string {
  return (isObject(e.value) ? e.value.entries.find((m) => methods.has(m.key))?.key : undefined) ?? e.key;
}

function decide(input: AdapterInput, rules: ReturnType<typeof rulesOf>, anchor: Loc, onRoute: boolean): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules" | "settings" | "authn"> {
  const prefix = rules?.prefix ?? "rules";
  const authzEntry = entry(rules?.node, "authorization");
  const checks = isObject(authzEntry?.value) ? authzEntry.value.entries : [];
  const toolRules: PolicyRule[] = checks.map((c) => ({ effect: "allow", pattern: `${c.key}: ${checkText(c)}`, loc: locOf(input, c.keySpan) }));
  // Kuadrant's gateway-wide default deny (`opa: { rego: "allow = false" }`, often with no authentication): who the caller is does not matter.
  const denyAll = checks.find((c) => allowsWhen(c.value) === "never");
  if (authzEntry && denyAll) {
    return { defaultDecision: "deny", defaultReason: `${prefix}.authorization.${denyAll.key} never passes: every call is denied`, defaultLoc: locOf(input, denyAll.keySpan), toolRules, settings: [] };
  }
  const authnEntry = entry(rules?.node, "authentication");
  const { settings, authn } = onRoute && !authnEntry ? { settings: [], authn: undefined } : authentication(input, authnEntry, prefix, anchor);
  if (!authzEntry || checks.length === 0) {
    const loc = authzEntry ? locOf(input, authzEntry.keySpan) : anchor;
    return { defaultDecision: "allow", defaultReason: `no ${prefix}.authorization: every caller the authentication admits may call every tool of ${onRoute ? "the server behind the route" : "every server behind it"}`, defaultLoc: loc, toolRules, settings, authn };
  }
  if (checks.every((c) => allowsWhen(c.value) === "always")) {
    return { defaultDecision: "allow", defaultReason: `every check of ${prefix}.authorization always passes (\`true\`, \`allow = true\`): it admits every call`, defaultLoc: locOf(input, (checks[0] as DocEntry).keySpan), toolRules, settings, authn };
  }
  return { defaultDecision: "deny", defaultReason: `${prefix}.authorization: every check must pass (calls its checks do not admit are denied)`, defaultLoc: locOf(input, authzEntry.keySpan), toolRules, settings, authn };
}

/** Who the named identity sources admit: no source, or an `anonymous` one, lets callers with no credential through. */
function authentication(input: AdapterInput, authnEntry: DocEntry | undefined, prefix: string, anchor: Loc): { settings: PolicySetting[]; authn: NonNullable<Policy["authn"]> } {
  const sources = isObject(authnEntry?.value) ? authnEntry.value.entries : [];
  if (sources.length === 0) {
    const loc = authnEntry ? locOf(input, authnEntry.keySpan) : anchor;
    return { settings: [permissive(`${prefix}.authentication`, "unset", loc, "no identity source: Authorino lets requests with no credential through")], authn: { required: false, mode: "none", loc } };
  }
  const anonymous = sources.find((s) => methodOf(s, IDENTITY_METHODS) === "anonymous");
  if (anonymous) {
    const loc = locOf(input, anonymous.keySpan);
    return { settings: [permissive(`${prefix}.authentication.${anonymous.key}`, "anonymous", loc, "an anonymous identity source admits every caller, with or without a credential")], authn: { required: false, mode: "anonymous", loc } };
  }
  const first = sources[0] as DocEntry;
  return { settings: [], authn: { required: true, mode: methodOf(first, IDENTITY_METHODS), loc: locOf(input, first.keySpan) } };
}

/** A check's CEL predicates or Rego, on one line, for the policy's rule list. */
function checkText(check: DocEntry): string {
  const patterns = get(check.value, "patternMatching", "patterns");
  const predicates = isArray(patterns) ? patterns.items.map((p) => str(get(p, "predicate"))).filter((p): p is string => p !== undefined) : [];
  const rego = str(get(check.value, "opa", "rego"));
  const text = predicates.length > 0 ? predicates.join(" && ") : rego !== undefined ? `rego ${rego}` : methodOf(check, CHECK_METHODS);
  return text.replace(/\s+/g, " ").trim();
}

/**
 * A check that always passes (every predicate `true`; Rego that only says `allow = true`, or `:=`)
 * or never does (every predicate `false`; Rego whose only allow is `allow = false`); else undefined.
 */
function allowsWhen(check: DocNode): "always" | "never" | undefined {
  const patterns = get(check, "patternMatching", "patterns");
  if (isArray(patterns)) {
    const predicates = patterns.items.map((p) => str(get(p, "predicate"))?.trim());
    for (const constant of ["true", "false"] as const) if (predicates.length > 0 && predicates.every((p) => p === constant)) return constant === "true" ? "always" : "never";
    return undefined;
  }
  const rego = str(get(check, "opa", "rego"));
  if (rego === undefined) return undefined;
  const allowLines = rego.split("\n").filter((l) => ALLOW_LINE.test(l));
  if (allowLines.length === 0) return undefined;
  if (allowLines.every((l) => ALLOW_TRUE.test(l))) return "always";
  return allowLines.every((l) => ALLOW_FALSE.test(l)) ? "never" : undefined;
}

/** Rego lines that define `allow`, and those that set it to a constant. */
const ALLOW_LINE = /^\s*(?:default\s+)?allow\b/;
const ALLOW_TRUE = /^\s*(?:default\s+)?allow\s*:?=\s*true\s*$/;
const ALLOW_FALSE = /^\s*(?:default\s+)?allow\s*:?=\s*false\s*$/;
