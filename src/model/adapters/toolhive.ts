/**
 * ToolHive (catalog §22): permission profiles (JSON), Cedar authz configs
 * (`type: cedarv1`, JSON or YAML), the `MCPServer` CRD and the
 * `MCPRemoteProxy` CRD (a proxy with the same authn/authz/audit in front of a
 * remote server at `spec.remoteURL`).
 * Cedar denies what no `permit` matches; a profile's egress is open only with
 * `insecure_allow_all`; the CRD's built-in `network` profile opens egress.
 */
import { entry, get, isArray, isObject, str, bool, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, mergeOutputs, type Adapter, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import { isBroadPath, namedValues, value } from "../server-entry.js";
import type { AdapterOutput, Credential, NamedValue, Policy, PolicyRule, PolicySetting, ServerFact } from "../types.js";
import { entryLoc, gatewayPolicy, gatewayServer, isResource, kubeEnv, listValues, permissive, refCredential, resourceHeader } from "./gateway-common.js";
import { vaultSecrets } from "./vault-injector.js";
import { toolhiveAudit } from "./audit/index.js";
import { externalAuthRef, vmcpBackendAuth, type BackendAuth } from "./toolhive-outgoing.js";

const PROFILE_KEYS = new Set(["$schema", "name", "read", "write", "network", "privileged"]);

/** Sniff: an object made only of permission-profile keys, with at least one telling key. */
export function isPermissionProfile(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  if (!isObject(d) || d.entries.length === 0) return false;
  if (!d.entries.every((e) => PROFILE_KEYS.has(e.key))) return false;
  return isObject(get(d, "network", "outbound")) || isObject(get(d, "network", "inbound")) || isArray(get(d, "read")) || isArray(get(d, "write")) || get(d, "privileged")?.type === "boolean";
}

/** Sniff: an authz config file, `type: cedarv1` with a `cedar` block or `type: httpv1` (an HTTP PDP) with a `pdp` block. */
export function isCedarAuthzConfig(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  const type = str(get(d, "type"));
  return (type === "cedarv1" && isObject(get(d, "cedar"))) || (type === "httpv1" && isObject(get(d, "pdp")));
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf("/") + 1);
}

export const toolhiveProfileAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  if (!isObject(d)) return out;
  const nameEntry = entry(d, "name");
  const name = str(nameEntry?.value) ?? baseName(input.file);
  const loc = locOf(input, nameEntry?.value.span ?? d.span);
  const facts = mountFacts(input, d);
  const priv = entry(d, "privileged");
  if (priv && bool(priv.value) === true) facts.push({ kind: "privileged", detail: `permission profile '${name}' runs the container privileged`, loc: locOf(input, priv.value.span) });
  const server = gatewayServer(input, { name, path: "profile", nameSpan: nameEntry?.value.span ?? d.span, transport: "container", facts });
  out.servers.push(server);
  out.policies.push(gatewayPolicy(input, { kind: "permission-profile", name, path: "profile", loc, ...egress(input, d, loc), governs: [server.id] }));
  return out;
};

function egress(input: AdapterInput, d: DocNode, loc: Loc): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc"> {
  const outbound = entry(get(d, "network"), "outbound");
  if (!outbound) return { defaultDecision: "deny", defaultReason: "no network.outbound block (no egress is allowed)", defaultLoc: loc };
  const all = entry(outbound.value, "insecure_allow_all");
  if (all && bool(all.value) === true) return { defaultDecision: "allow", defaultReason: "network.outbound.insecure_allow_all is true (every outbound host and port is allowed)", defaultLoc: locOf(input, all.value.span) };
  return { defaultDecision: "deny", defaultReason: "network.outbound allows only allow_host/allow_port (other egress is denied)", defaultLoc: all ? locOf(input, all.value.span) : locOf(input, outbound.keySpan) };
}

/** `read`/`write` mount specs (`host[:container]`) of `/` or a home folder. */
function mountFacts(input: AdapterInput, d: DocNode): ServerFact[] {
  const facts: ServerFact[] = [];
  for (const key of ["write", "read"] as const) {
    const list = get(d, key);
    if (!isArray(list)) continue;
    for (const item of list.items) {
      const spec = str(item);
      if (spec === undefined || spec.startsWith("volume://")) continue;
      const host = /^[A-Za-z]:[\\/]/.test(spec) ? spec.split(":").slice(0, 2).join(":") : (spec.split(":")[0] ?? "");
      if (isBroadPath(host)) facts.push({ kind: "host-mount", detail: `${key === "write" ? "writable" : "read"} host mount of ${host}`, loc: locOf(input, item.span) });
    }
  }
  return facts;
}

/** An authz config file: Cedar (`{ version, type: cedarv1, cedar: { policies } }`) or an HTTP PDP (`type: httpv1`, `pdp.http.url`). */
export const toolhiveCedarAdapter: Adapter = (input) =>
  mergeOutputs(
    input.docs.map((d) => {
      const out = emptyOutput();
      const name = baseName(input.file);
      const pdp = str(get(d, "type")) === "httpv1" ? entry(d, "pdp") : undefined;
      if (pdp) {
        out.policies.push(gatewayPolicy(input, { kind: "authz", name, path: "pdp", loc: locOf(input, pdp.keySpan), ...pdpDefault(input, pdp) }));
        return out;
      }
      const cedar = entry(d, "cedar");
      if (!cedar) return out;
      out.policies.push(gatewayPolicy(input, { kind: "authz", name, path: "cedar", loc: locOf(input, cedar.keySpan), ...cedarDefault(input, entry(cedar.value, "policies"), locOf(input, cedar.keySpan)) }));
      return out;
    }),
  );

/**
 * `type: httpv1`: every call is put to an external policy decision point,
 * and ToolHive allows it only when the PDP answers `allow: true` (an error
 * or an unreachable PDP denies). `insecure_skip_verify` lets anyone on the
 * path answer for the PDP.
 */
function pdpDefault(input: AdapterInput, pdp: DocEntry): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "settings"> {
  const http = get(pdp.value, "http");
  const url = str(get(http, "url"));
  const settings: PolicySetting[] = [];
  const skip = entry(http, "insecure_skip_verify");
  if (skip && bool(skip.value) === true) {
    settings.push(permissive("pdp.http.insecure_skip_verify", "true", locOf(input, skip.value.span), "the PDP's TLS certificate is not verified: whoever intercepts the connection decides every call"));
  }
  const where = url === undefined ? "an external HTTP PDP" : `the HTTP PDP at ${url}`;
  return { defaultDecision: "deny", defaultReason: `every call is decided by ${where}; ToolHive denies what it does not answer allow (errors deny too)`, defaultLoc: locOf(input, pdp.keySpan), settings };
}

// permit(principal, action [== Action::"call_tool"], resource) with no `when`/`unless`.
const PERMIT_ALL = /^\s*permit\s*\(\s*principal\s*,\s*action(?:\s*==\s*Action::"call_tool")?\s*,\s*resource\s*\)\s*;?\s*$/;
const HEAD = /^\s*(permit|forbid)\s*\(([\s\S]*?)\)\s*(when|unless)?/;

export function cedarDefault(input: AdapterInput, policies: DocEntry | undefined, anchor: Loc): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules"> {
  const toolRules: PolicyRule[] = [];
  const items = policies && isArray(policies.value) ? policies.value.items : [];
  let openAt: Loc | undefined;
  let openForm = "permit(principal, action, resource)";
  items.forEach((item) => {
    const text = str(item);
    if (text === undefined) return;
    const m = HEAD.exec(text);
    if (!m) return;
    const loc = locOf(input, item.span);
    const tool = /resource\s*==\s*Tool::"([^"]*)"/.exec(m[2] ?? "")?.[1];
    toolRules.push({ effect: m[1] === "forbid" ? "deny" : "allow", pattern: tool ?? (m[2] ?? "").replace(/\s+/g, " ").trim(), loc });
    if (!openAt && PERMIT_ALL.test(text)) {
      openAt = loc;
      if (text.includes("call_tool")) openForm = 'permit(principal, action == Action::"call_tool", resource)';
    }
  });
  if (openAt) {
    const what = openForm.includes("call_tool") ? "every tool call" : "every call";
    return { defaultDecision: "allow", defaultReason: `a Cedar policy is ${openForm} with no conditions (it allows ${what})`, defaultLoc: openAt, toolRules };
  }
  const loc = policies ? locOf(input, policies.keySpan) : anchor;
  return { defaultDecision: "deny", defaultReason: "Cedar denies calls that no permit policy matches", defaultLoc: loc, toolRules };
}

const TOOLHIVE_KINDS = ["MCPServer", "MCPRemoteProxy"] as const;

/** `kind: MCPServer` or `kind: MCPRemoteProxy` of toolhive.stacklok.dev. */
export function isToolhiveMcpServer(doc: DocNode): boolean {
  return TOOLHIVE_KINDS.some((kind) => isResource(doc, kind, /toolhive\.stacklok\.dev/));
}

/** A remote proxy's target: `spec.remoteURL` (`remoteUrl` in some operator versions). */
function remoteUrl(input: AdapterInput, spec: DocNode | undefined) {
  return value(input, get(spec, "remoteURL") ?? get(spec, "remoteUrl"));
}

/** `headerForward`: plaintext headers (literals) and headers read from Secrets (references). */
function forwardedHeaders(input: AdapterInput, spec: DocNode | undefined): { headers: NamedValue[]; refs: Credential[] } {
  const fwd = get(spec, "headerForward");
  const refs: Credential[] = [];
  const fromSecret = get(fwd, "addHeadersFromSecret");
  if (isArray(fromSecret)) {
    for (const h of fromSecret.items) {
      const secret = get(h, "valueSecretRef");
      const ref = `${str(get(secret, "name")) ?? "?"}/${str(get(secret, "key")) ?? "?"}`;
      refs.push(refCredential(str(get(h, "headerName")) ?? ref, { kind: "secretStore", name: ref }, locOf(input, h.span), "header"));
    }
  }
  return { headers: namedValues(input, get(fwd, "addPlaintextHeaders")), refs };
}

/** `kind: MCPExternalAuthConfig` documents by name -> their `spec.type` (`tokenExchange`, `headerInjection`, `bearerToken` ...). */
export function externalAuthTypes(docs: readonly DocNode[]): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const d of docs) {
    if (!isResource(d, "MCPExternalAuthConfig", /toolhive\.stacklok\.dev/)) continue;
    const name = str(get(d, "metadata", "name"));
    const type = str(get(d, "spec", "type"));
    if (name !== undefined && type !== undefined && !out.has(name)) out.set(name, type);
  }
  return out;
}

/**
 * `spec.externalAuthConfigRef`: the proxy authenticates to the upstream with an
 * MCPExternalAuthConfig (a credential by reference); its type, when that
 * resource is in the same file, says who the upstream sees.
 */
function externalAuth(input: AdapterInput, spec: DocNode | undefined, types: ReadonlyMap<string, string>): BackendAuth | undefined {
  const ref = entry(spec, "externalAuthConfigRef");
  const name = str(get(ref?.value, "name"));
  if (!ref || name === undefined) return undefined;
  return externalAuthRef(name, "externalAuthConfigRef", locOf(input, ref.keySpan), types);
}

/**
 * What the VirtualMCPServers of the same file that serve the MCPServer's group (`groupRef`) say
 * about their calls to it (`spec.outgoingAuth`): their credentials, and who the backend sees (a
 * static key for every caller outweighs a per-caller token when two gateways disagree).
 */
function gatewayAuth(input: AdapterInput, name: string, spec: DocNode | undefined, ownAuth: boolean, types: ReadonlyMap<string, string>, fileDocs: readonly DocNode[]): BackendAuth {
  const group = groupName(get(spec, "groupRef"));
  if (group === undefined) return { credentials: [] };
  const found = fileDocs.filter((d) => isVirtualMcpServer(d) && vmcpGroup(get(d, "spec")) === group).map((d) => vmcpBackendAuth(input, get(d, "spec"), name, ownAuth, types));
  const upstreams = found.flatMap((f) => (f.upstream ? [f.upstream] : []));
  const upstream = upstreams.find((u) => u.kind === "shared-static") ?? upstreams[0];
  return { credentials: found.flatMap((f) => f.credentials), ...(upstream ? { upstream } : {}) };
}

/**
 * `spec.podTemplateSpec.spec.containers[]` named `mcp`: the operator merges it into the container the
 * MCP server runs in (ToolHive's CRD reference: "to modify the specific container the MCP server runs
 * in, you must specify the `mcp` container name"). Other containers of the template are sidecars.
 */
function mcpContainer(spec: DocNode | undefined): DocNode | undefined {
  const containers = get(spec, "podTemplateSpec", "spec", "containers");
  return isArray(containers) ? containers.items.find((c) => str(get(c, "name")) === "mcp") : undefined;
}

/** `kind: MCPServer` / `MCPRemoteProxy` (toolhive.stacklok.dev): one server plus its authz policy. */
export function readToolhiveMcpServer(input: AdapterInput, doc: DocNode, docIndex: number, authTypes: ReadonlyMap<string, string> = new Map(), fileDocs: readonly DocNode[] = []): AdapterOutput {
  const out = emptyOutput();
  const kind = str(get(doc, "kind")) === "MCPRemoteProxy" ? "MCPRemoteProxy" : "MCPServer";
  const { name, path, specEntry, spec, nameSpan } = resourceHeader(doc, kind, docIndex);
  const args = listValues(input, get(spec, "args"));
  // The pod template's `mcp` container is the server's own: its env (literals, secretKeyRef, envFrom) is the server's too.
  const own = mcpContainer(spec);
  const fromSpec = kubeEnv(input, get(spec, "env"));
  const fromPod = kubeEnv(input, get(own, "env"), get(own, "envFrom"));
  const env = [...fromSpec.env, ...fromPod.env];
  const credentials: Credential[] = [...fromPod.refs];
  const secrets = get(spec, "secrets");
  if (isArray(secrets)) {
    for (const s of secrets.items) {
      const ref = `${str(get(s, "name")) ?? "?"}/${str(get(s, "key")) ?? "?"}`;
      credentials.push(refCredential(str(get(s, "targetEnvName")) ?? ref, { kind: "secretStore", name: ref }, locOf(input, s.span), "env"));
    }
  }
  // Vault's injector, on the proxy pod (which hands the rendered files to the server as its environment) or on the server's own pod.
  for (const meta of [get(spec, "resourceOverrides", "proxyDeployment", "podTemplateMetadataOverrides"), get(spec, "podTemplateSpec", "metadata")]) {
    credentials.push(...vaultSecrets(input, get(meta, "annotations")).credentials);
  }
  const facts: ServerFact[] = [];
  const profile = get(spec, "permissionProfile");
  const profileName = entry(profile, "name");
  if (profileName && str(profileName.value) === "network" && (str(get(profile, "type")) ?? "builtin") === "builtin") {
    facts.push({ kind: "egress-open", detail: "permissionProfile 'network' allows every outbound host (insecure_allow_all)", loc: locOf(input, profileName.value.span) });
  }
  const transport = str(get(spec, "transport"));
  const remote = kind === "MCPRemoteProxy";
  const forwarded = remote ? forwardedHeaders(input, spec) : { headers: [], refs: [] };
  credentials.push(...forwarded.refs);
  const external = externalAuth(input, spec, authTypes);
  if (external) credentials.push(...external.credentials);
  // A VirtualMCPServer in front of this server: the credential it calls it with.
  const gateway = gatewayAuth(input, name, spec, external !== undefined, authTypes, fileDocs);
  credentials.push(...gateway.credentials);
  const built = gatewayServer(input, {
    name,
    path,
    nameSpan,
    transport: transport === "sse" ? "sse" : remote ? "http" : transport === "stdio" || transport === undefined ? "container" : "http",
    image: value(input, get(spec, "image")),
    url: remote ? remoteUrl(input, spec) : undefined,
    args,
    env,
    headers: forwarded.headers,
    credentials,
    facts,
  });
  const upstream = gateway.upstream ?? external?.upstream;
  const server = upstream ? { ...built, upstreamIdentity: upstream } : built;
  out.servers.push(server);
  const settings: PolicySetting[] = [];
  const trust = entry(spec, "trustProxyHeaders");
  if (trust && bool(trust.value) === true) settings.push(permissive("spec.trustProxyHeaders", "true", locOf(input, trust.value.span), "identity headers from any proxy in front are trusted"));
  const oidc = entry(spec, "oidcConfigRef") ?? entry(spec, "oidcConfig");
  const anchor = locOf(input, specEntry?.keySpan ?? doc.span);
  out.policies.push(
    gatewayPolicy(input, {
      kind: "authz",
      name,
      path,
      loc: locOf(input, nameSpan),
      ...crdAuthz(input, spec, anchor, fileDocs),
      settings,
      authn: oidc ? { required: true, mode: oidc.key, loc: locOf(input, oidc.keySpan) } : { required: false, mode: "none", loc: anchor },
      governs: [server.id],
      audit: toolhiveAudit(input, doc),
    }),
  );
  return out;
}

/** `kind: VirtualMCPServer` of toolhive.stacklok.dev: the vMCP gateway that aggregates the backends of an MCPGroup. */
export function isVirtualMcpServer(doc: DocNode): boolean {
  return isResource(doc, "VirtualMCPServer", /toolhive\.stacklok\.dev/);
}

/** An MCPGroup reference: `groupRef: name` (MCPServer v1alpha1) or `groupRef: { name }`. */
function groupName(n: DocNode | undefined): string | undefined {
  return str(n) ?? str(get(n, "name"));
}

/** The group a VirtualMCPServer serves: `spec.groupRef`, or `spec.config.groupRef` in the operator versions that embedded the vMCP config. */
function vmcpGroup(spec: DocNode | undefined): string | undefined {
  return groupName(get(spec, "groupRef") ?? get(spec, "config", "groupRef"));
}

/**
 * `kind: VirtualMCPServer`: a gateway policy for the MCPGroup it serves. `spec.incomingAuth.type`
 * (required: `anonymous` or `oidc`) says who may call; `spec.incomingAuth.authzConfig` is an
 * authz config as on MCPServer; audit is `spec.config.audit`. It governs the MCPServers of the same
 * file that join its group (`spec.groupRef`, or `spec.config.groupRef`); other backends of the group live in other files.
 */
export function readVirtualMcpServer(input: AdapterInput, doc: DocNode, docIndex: number, fileDocs: readonly DocNode[] = []): AdapterOutput {
  const out = emptyOutput();
  const { name, path, specEntry, spec, nameSpan } = resourceHeader(doc, "VirtualMCPServer", docIndex);
  const incoming = entry(spec, "incomingAuth");
  const typeEntry = entry(incoming?.value, "type");
  const type = str(typeEntry?.value);
  const anchor = locOf(input, incoming?.keySpan ?? specEntry?.keySpan ?? doc.span);
  const typeLoc = typeEntry ? locOf(input, typeEntry.value.span) : anchor;
  const group = vmcpGroup(spec);
  const members = fileDocs.flatMap((d, i) => (isToolhiveMcpServer(d) && group !== undefined && groupName(get(d, "spec", "groupRef")) === group ? [`${input.file}#${resourceHeader(d, str(get(d, "kind")) ?? "MCPServer", i).path}`] : []));
  const backends = group !== undefined ? `the backends of MCPGroup '${group}'` : "its backends";
  const authz: Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules"> =
    type === "oidc"
      ? crdAuthz(input, incoming?.value, anchor, fileDocs)
      : { defaultDecision: "allow", defaultReason: type === "anonymous" ? `\`incomingAuth.type: anonymous\`: any caller that reaches the service calls every tool of ${backends}` : `no \`incomingAuth.type\` (\`oidc\` or \`anonymous\`): callers are not authenticated`, defaultLoc: typeLoc, toolRules: [] };
  out.policies.push(
    gatewayPolicy(input, {
      kind: "gateway",
      name,
      path,
      loc: locOf(input, nameSpan),
      ...authz,
      authn: type === "oidc" ? { required: true, mode: "oidc", loc: typeLoc } : { required: false, mode: type ?? "none", loc: typeLoc },
      governs: members,
      audit: toolhiveAudit(input, doc),
    }),
  );
  return out;
}

function crdAuthz(input: AdapterInput, spec: DocNode | undefined, anchor: Loc, fileDocs: readonly DocNode[]): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules"> {
  const ref = entry(spec, "authzConfigRef");
  const cfg = entry(spec, "authzConfig");
  if (!ref && !cfg) return { defaultDecision: "allow", defaultReason: "no authzConfig or authzConfigRef (every tool call is allowed)", defaultLoc: anchor, toolRules: [] };
  const inline = get(cfg?.value, "inline");
  if (inline) return cedarDefault(input, entry(inline, "policies"), locOf(input, (cfg as DocEntry).keySpan));
  const open = cfg ? openConfigMapPolicy(input, cfg.value, fileDocs) : undefined;
  if (open) return { defaultDecision: "allow", defaultReason: `ConfigMap ${open.name} (${open.key}) holds a Cedar policy permit(principal, action, resource) with no conditions (it allows every call)`, defaultLoc: open.loc, toolRules: [] };
  const e = (ref ?? cfg) as DocEntry;
  return { defaultDecision: "deny", defaultReason: `${e.key} loads a Cedar policy set from elsewhere (Cedar denies calls no permit matches)`, defaultLoc: entryLoc(input, e), toolRules: [] };
}

/**
 * The ConfigMap data entries (`name\u0000key`) that the MCPServers of a file load their authz
 * configuration from (`authzConfig.configMap`, key `authz.json` by default): the MCPServer's own
 * policy reads them, so they are no policy files of their own.
 */
export function toolhiveAuthzConfigMaps(docs: readonly DocNode[]): Set<string> {
  const out = new Set<string>();
  for (const d of docs) {
    if (!isToolhiveMcpServer(d)) continue;
    const ref = get(d, "spec", "authzConfig", "configMap");
    const name = str(get(ref, "name"));
    if (name !== undefined) out.add(`${name}\u0000${str(get(ref, "key")) ?? "authz.json"}`);
  }
  return out;
}

/**
 * `authzConfig: { type: configMap, configMap: { name, key } }` whose ConfigMap
 * is in the same file: the authz JSON under `data.<key>` (default
 * `authz.json`) with an unconditional Cedar permit, located at that data key.
 */
function openConfigMapPolicy(input: AdapterInput, cfg: DocNode, fileDocs: readonly DocNode[]): { name: string; key: string; loc: Loc } | undefined {
  const ref = get(cfg, "configMap");
  const name = str(get(ref, "name"));
  if (name === undefined) return undefined;
  const key = str(get(ref, "key")) ?? "authz.json";
  const cm = fileDocs.find((d) => str(get(d, "kind")) === "ConfigMap" && str(get(d, "metadata", "name")) === name);
  const data = entry(get(cm, "data"), key);
  const text = str(data?.value);
  if (!data || text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const policies = (parsed as { cedar?: { policies?: unknown } } | null)?.cedar?.policies;
  if (!Array.isArray(policies) || !policies.some((p) => typeof p === "string" && PERMIT_ALL.test(p))) return undefined;
  return { name, key, loc: locOf(input, data.keySpan) };
}
