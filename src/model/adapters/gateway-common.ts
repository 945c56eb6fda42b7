/**
 * Small builders shared by the gateway, proxy and Kubernetes adapters: a
 * server record with gateway defaults, a policy record, settings and facts
 * located at the exact key (or value) they come from.
 */
import { entry, get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { classifyKey } from "../../secrets/keys.js";
import { locOf, type AdapterInput } from "../adapter.js";
import type { Loc, Span } from "../location.js";
import { argCredentials, urlCredential } from "../launch-credentials.js";
import { namedValues, scopeFacts, value, withReadOnlyScope } from "../server-entry.js";
import type { ConfigValue, Credential, Decision, McpServer, NamedValue, Policy, PolicyKind, PolicySetting, ServerFact, Transport } from "../types.js";

/**
 * Text that names MCP: `mcp` anywhere (`notes-mcp`, `mcp/fetch`,
 * `ghcr.io/github/github-mcp-server`, `docker/mcp-gateway`) or the reference
 * servers' npm scope (`@modelcontextprotocol/server-github`). How Kubernetes
 * workloads and Compose services are told from ordinary ones.
 */
export const NAMES_MCP = /mcp|modelcontextprotocol/i;

export function namesMcp(text: string | undefined): boolean {
  return text !== undefined && NAMES_MCP.test(text);
}

/** Where a key's scalar value sits, or the key itself when its value is a block. */
export function valueOrKeySpan(e: DocEntry): Span {
  const v = e.value;
  return v.type === "object" || v.type === "array" ? e.keySpan : v.span;
}

export function entryLoc(input: AdapterInput, e: DocEntry): Loc {
  return locOf(input, valueOrKeySpan(e));
}

export interface ServerInit {
  readonly name: string;
  readonly path: string;
  readonly nameSpan: Span;
  readonly transport: Transport;
  readonly command?: ConfigValue | undefined;
  readonly args?: readonly ConfigValue[];
  readonly url?: ConfigValue | undefined;
  readonly image?: ConfigValue | undefined;
  readonly imageNeverPulled?: Loc | undefined;
  readonly env?: readonly NamedValue[];
  readonly headers?: readonly NamedValue[];
  readonly credentials?: readonly Credential[];
  readonly include?: readonly string[] | undefined;
  readonly facts?: readonly ServerFact[];
}

/**
 * A server declared in a gateway or server-side file (scope from the catalog, client = product).
 * Its credentials: env values, headers, the adapter's own (secret references, inline keys), then
 * credential flags in its args (`--api-key X`, `-e K=V`) and a URL that carries one, as for client entries.
 */
export function gatewayServer(input: AdapterInput, s: ServerInit): McpServer {
  const env = [...(s.env ?? [])];
  const headers = [...(s.headers ?? [])];
  const urlCred = s.url ? urlCredential(s.url) : undefined;
  return {
    id: `${input.file}#${s.path}`,
    name: s.name,
    client: input.client,
    file: input.file,
    scope: input.scope,
    loc: locOf(input, s.nameSpan),
    transport: s.transport,
    ...(s.command ? { command: s.command } : {}),
    args: [...(s.args ?? [])],
    ...(s.url ? { url: s.url } : {}),
    env,
    headers,
    envPassthrough: [],
    credentials: [
      ...env.map((v): Credential => ({ ...v, source: "env" })),
      ...headers.map((v): Credential => ({ ...v, source: "header" })),
      ...(s.credentials ?? []),
      ...argCredentials(s.args ?? []),
      ...(urlCred ? [urlCred] : []),
    ],
    tools: { ...(s.include ? { include: s.include } : {}), grants: [] },
    enabled: true,
    ...(s.image ? { image: s.image } : {}),
    ...(s.imageNeverPulled ? { imageNeverPulled: s.imageNeverPulled } : {}),
    facts: withReadOnlyScope([...(s.facts ?? []), ...scopeFacts({ env, headers, ...(s.url ? { url: s.url } : {}) })], { args: s.args ?? [], env, headers, url: s.url }),
  };
}

export interface PolicyInit {
  readonly kind: PolicyKind;
  readonly name: string;
  readonly path: string;
  readonly loc: Loc;
  readonly defaultDecision: Decision | "unknown";
  readonly defaultReason: string;
  readonly defaultLoc: Loc;
  readonly settings?: readonly PolicySetting[];
  readonly toolRules?: Policy["toolRules"];
  readonly authn?: Policy["authn"];
  readonly governs?: readonly string[];
  /** The gateway's audit trail, when its file can tell (`src/model/adapters/audit/`). */
  readonly audit?: Policy["audit"] | undefined;
}

export function gatewayPolicy(input: AdapterInput, p: PolicyInit): Policy {
  return {
    id: `${input.file}#${p.path}`,
    client: input.client,
    kind: p.kind,
    name: p.name,
    file: input.file,
    loc: p.loc,
    toolRules: [...(p.toolRules ?? [])],
    // A log that writes callers' credentials (audit/log-leaks.ts) is a permissive setting of each policy it covers.
    settings: [...(p.settings ?? []), ...(p.audit?.leaks ?? [])],
    ...(p.authn ? { authn: p.authn } : {}),
    ...(p.audit ? { audit: p.audit } : {}),
    defaultDecision: p.defaultDecision,
    defaultReason: p.defaultReason,
    defaultLoc: p.defaultLoc,
    governs: [...(p.governs ?? [])],
  };
}

/**
 * The value a switch takes: as written, or the fallback of a value that is one
 * `${VAR:-fallback}` (`${VAR-fallback}` where the file expands it), which is
 * what the gateway gets whenever the variable is unset (`unset` says so).
 */
export function switchValue(input: AdapterInput, e: DocEntry): { value: string; unset: string } | undefined {
  const raw = str(e.value);
  if (raw === undefined) return undefined;
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)-([^{}]*)\}$/.exec(raw.trim());
  const expands = m && (m[2] === ":" ? input.syntaxes.includes("dollar-brace") : input.syntaxes.includes("shell-brace"));
  return m && expands ? { value: m[3] ?? "", unset: ` (when ${m[1]} is unset)` } : { value: raw, unset: "" };
}

export function permissive(key: string, value: string, loc: Loc, meaning: string): PolicySetting {
  return { key, value, loc, effect: "permissive", meaning };
}

/** `cors.allowOrigins: ["*"]` under `node` (agentgateway policies, an Unla router): any web page may call the gateway from a browser. */
export function anyCorsOrigin(input: AdapterInput, node: DocNode | undefined): PolicySetting[] {
  const origins = get(node, "cors", "allowOrigins");
  const star = isArray(origins) ? origins.items.find((o) => str(o) === "*") : undefined;
  return star ? [permissive("cors.allowOrigins", "*", locOf(input, star.span), "any web origin may call the gateway from a browser")] : [];
}

export function neutral(key: string, value: string, loc: Loc, meaning: string): PolicySetting {
  return { key, value, loc, effect: "neutral", meaning };
}

/** A reference credential (`secretKeyRef`, `{ file: ... }`, Docker secret ...): no raw text. */
export function refCredential(key: string, ref: Credential["ref"], loc: Loc, source: Credential["source"] = "setting"): Credential {
  return { key, raw: "", ref, loc, source };
}

/** A literal (or in-syntax reference) credential from a scalar node. */
export function scalarCredential(input: AdapterInput, key: string, node: DocNode | undefined, source: Credential["source"] = "setting", keySpan?: Span): Credential | undefined {
  const v = value(input, node);
  if (!v) return undefined;
  return { ...v, key, source, ...(keySpan ? { keyLoc: locOf(input, keySpan) } : {}) };
}

/**
 * Kubernetes container env: `value` literals as NamedValues, `valueFrom.secretKeyRef`
 * as secret-store references, `envFrom[].secretRef` as whole-secret references, and
 * `valueFrom.configMapKeyRef` as a ConfigMap reference where the variable or the
 * ConfigMap's key names a credential (`LOG_LEVEL` from a ConfigMap is configuration).
 */
export function kubeEnv(input: AdapterInput, envNode: DocNode | undefined, envFromNode?: DocNode): { env: NamedValue[]; refs: Credential[] } {
  const env: NamedValue[] = [];
  const refs: Credential[] = [];
  if (isArray(envNode)) {
    for (const item of envNode.items) {
      const name = str(get(item, "name"));
      if (!name) continue;
      if (entry(item, "value")) {
        env.push(...namedValues(input, { type: "array", span: item.span, items: [item] }));
        continue;
      }
      const secret = get(item, "valueFrom", "secretKeyRef");
      if (isObject(secret)) {
        const ref = `${str(get(secret, "name")) ?? "?"}/${str(get(secret, "key")) ?? "?"}`;
        refs.push(refCredential(name, { kind: "secretStore", name: ref }, locOf(input, secret.span), "env"));
        continue;
      }
      const map = get(item, "valueFrom", "configMapKeyRef");
      const mapKey = str(get(map, "key"));
      if (isObject(map) && (classifyKey(name) !== undefined || classifyKey(mapKey) !== undefined)) {
        refs.push(refCredential(name, { kind: "configMap", name: `${str(get(map, "name")) ?? "?"}/${mapKey ?? "?"}` }, locOf(input, map.span), "env"));
      }
    }
  } else if (isObject(envNode)) {
    env.push(...namedValues(input, envNode));
  }
  if (isArray(envFromNode)) {
    for (const item of envFromNode.items) {
      const secret = get(item, "secretRef");
      const name = str(get(secret, "name"));
      if (secret && name) refs.push(refCredential(`envFrom:${name}`, { kind: "secretStore", name }, locOf(input, secret.span), "env"));
    }
  }
  return { env, refs };
}

/**
 * The `value` of a Kubernetes container's variable `name` (its `env` list), where a gateway's
 * switch is read; with `valueFrom`, also the `valueFrom` of one whose value comes from a Secret or a
 * ConfigMap (set, but not to a value the file shows).
 */
/** Where a container's switches are read: its environment (`env` looks one up by name) and its command-line arguments. */
export interface ContainerLaunch {
  readonly env: (name: string) => DocEntry | undefined;
  readonly args: readonly ConfigValue[];
  /** Where more of its environment comes from, which the file does not show (`an env_file`, `envFrom`). */
  readonly moreEnv: string | undefined;
}

export function kubeEnvEntry(c: DocNode, name: string, valueFrom = false): DocEntry | undefined {
  const env = get(c, "env");
  if (!isArray(env)) return undefined;
  const item = env.items.find((i) => str(get(i, "name")) === name);
  return entry(item, "value") ?? (valueFrom ? entry(item, "valueFrom") : undefined);
}

/** Where a pull policy that never pulls (`imagePullPolicy: Never`, Compose's `pull_policy: never`) is written, if it is. */
export function neverPulled(input: AdapterInput, policy: DocEntry | undefined, never: string): Loc | undefined {
  return policy && str(policy.value) === never ? locOf(input, policy.value.span) : undefined;
}

/** `{ file: path }` (agentgateway FileOrInline, jwks) or an inline string. */
export function fileOrInline(input: AdapterInput, key: string, node: DocNode | undefined, source: Credential["source"] = "setting"): Credential | undefined {
  if (!node) return undefined;
  const file = str(get(node, "file"));
  if (file !== undefined) return refCredential(key, { kind: "file", path: file }, locOf(input, node.span), source);
  const inner = get(node, "value");
  if (inner) return fileOrInline(input, key, inner, source);
  return scalarCredential(input, key, node, source);
}

/** String items of an array, or a single string, as a list. */
export function stringList(n: DocNode | undefined): string[] {
  if (isArray(n)) return n.items.map(str).filter((s): s is string => s !== undefined);
  const s = str(n);
  return s === undefined ? [] : [s];
}

/** The scalar items of an array node as ConfigValues (args, command lists). */
export function listValues(input: AdapterInput, n: DocNode | undefined): ConfigValue[] {
  return isArray(n) ? n.items.map((a) => value(input, a)).filter((v): v is ConfigValue => v !== undefined) : [];
}

/** `kind` plus an `apiVersion` of `group`: one Kubernetes custom resource type. */
export function isResource(doc: DocNode, kind: string, group: RegExp): boolean {
  return str(get(doc, "kind")) === kind && group.test(str(get(doc, "apiVersion")) ?? "");
}

/** Name, model path and spec of a Kubernetes resource (document `docIndex` of a file). */
export function resourceHeader(doc: DocNode, kind: string, docIndex: number): { nameEntry: DocEntry | undefined; name: string; path: string; specEntry: DocEntry | undefined; spec: DocNode | undefined; nameSpan: DocNode["span"] } {
  const nameEntry = entry(get(doc, "metadata"), "name");
  const name = str(nameEntry?.value) ?? `${kind}#${docIndex}`;
  const specEntry = entry(doc, "spec");
  // Where findings about the resource point: its `metadata.name` value, else the document.
  return { nameEntry, name, path: `${docIndex}:${kind}/${name}`, specEntry, spec: specEntry?.value, nameSpan: nameEntry?.value.span ?? doc.span };
}
