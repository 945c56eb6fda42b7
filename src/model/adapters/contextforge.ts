/**
 * IBM ContextForge (mcp-context-forge, catalog §26): `.env` files and the Helm
 * chart's `values.yaml` (`mcpContextForge.config` / `.secret`). The gateway
 * is governed by environment switches: `AUTH_REQUIRED` (default true),
 * `MCP_REQUIRE_AUTH` (follows it), `ALLOW_UNAUTHENTICATED_ADMIN`,
 * `TRUST_PROXY_AUTH`, `SKIP_SSL_VERIFY`; shipped default passwords are a
 * finding of their own even though the secret scanner treats them as placeholders,
 * except in a template `.env` (`.env.example`), which documents them.
 */
import { entry, get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import type { Loc, Span } from "../location.js";
import { value } from "../server-entry.js";
import { isTemplateEnvFile } from "../template-file.js";
import type { Credential, Policy, PolicySetting } from "../types.js";
import { entryLoc, gatewayPolicy, gatewayServer, permissive, refCredential, scalarCredential, switchValue } from "./gateway-common.js";
import { contextforgeAudit } from "./audit/index.js";

/**
 * Environment names that only ContextForge uses. `AUTH_REQUIRED`,
 * `MCP_REQUIRE_AUTH` and `BASIC_AUTH_PASSWORD` are not among them: other
 * applications and MCP servers use them too, so they alone do not make a
 * `.env` or a Compose service this gateway's.
 */
const CONTEXTFORGE_ONLY = String.raw`MCPGATEWAY_\w+|PLATFORM_ADMIN_\w+|MCP_CLIENT_AUTH_ENABLED|ALLOW_UNAUTHENTICATED_ADMIN|AUTH_ENCRYPTION_SECRET`;

/** ContextForge's images (GHCR release, the repository's local build). */
const CONTEXTFORGE_IMAGE = /(^|\/)mcp-context-forge(:|@|$)|(^|\/)mcpgateway\/mcpgateway(:|@|$)/i;

/** Is a container ContextForge: its image, or an environment that sets a variable only ContextForge uses? */
export function isContextforgeContainer(image: string, envKeys: readonly string[]): boolean {
  return CONTEXTFORGE_IMAGE.test(image) || envKeys.some((k) => CONTEXTFORGE_KEY.test(k));
}

/** A variable name that only ContextForge uses. */
export const CONTEXTFORGE_KEY = new RegExp(`^(${CONTEXTFORGE_ONLY})$`);

/** A `.env` line that sets one of them: the file is this gateway's. */
export const CONTEXTFORGE_ENV_TEXT = new RegExp(String.raw`^[ \t]*(?:export[ \t]+)?(${CONTEXTFORGE_ONLY})[ \t]*=`, "m");

const SWITCHES: readonly { key: string; when: "true" | "false"; meaning: string; opens: boolean }[] = [
  { key: "AUTH_REQUIRED", when: "false", meaning: "authentication is off: the gateway serves unauthenticated requests", opens: true },
  { key: "MCP_REQUIRE_AUTH", when: "false", meaning: "/mcp serves unauthenticated callers their public tools", opens: true },
  { key: "ALLOW_UNAUTHENTICATED_ADMIN", when: "true", meaning: "the admin API and UI are open without authentication", opens: true },
  { key: "TRUST_PROXY_AUTH", when: "true", meaning: "the user named in a proxy header is trusted; anyone reaching the gateway directly can claim any identity", opens: false },
  { key: "MCP_CLIENT_AUTH_ENABLED", when: "false", meaning: "JWT client authentication on /mcp is off", opens: false },
  { key: "SKIP_SSL_VERIFY", when: "true", meaning: "TLS certificates of upstream MCP servers are not verified", opens: false },
];

/** Shipped defaults from `.env.example` and the Helm chart, with what each key is (findings name it, never the value). */
const DEFAULT_SECRETS: Readonly<Record<string, { readonly values: readonly string[]; readonly meaning: string }>> = {
  BASIC_AUTH_PASSWORD: { values: ["changeme", "admin", "password"], meaning: "a default password left in place: anyone who read the docs knows it" },
  PLATFORM_ADMIN_PASSWORD: { values: ["changeme", "admin", "password"], meaning: "a default admin password left in place: anyone who read the docs knows it" },
  // `UserP@ssw0rd!2026Secure`: the default of .env.example at IBM/mcp-context-forge@0021cfe.
  DEFAULT_USER_PASSWORD: { values: ["changeme", "password", "UserP@ssw0rd!2026Secure"], meaning: "a default password left in place: anyone who read the docs knows it" },
  JWT_SECRET_KEY: { values: ["my-test-key", "my-test-key-but-now-longer-than-32-bytes"], meaning: "a JWT signing key anyone who read the docs has: they can sign tokens the gateway accepts" },
  AUTH_ENCRYPTION_SECRET: { values: ["my-test-salt"], meaning: "the key that encrypts the upstream credentials the gateway stores, known to anyone who read the docs" },
};

/** The settings and default of a flat KEY -> value map (one or more nodes, first wins): `.env`, Helm values, a Compose service's `environment`. */
export function contextforgeSwitches(input: AdapterInput, maps: readonly DocNode[], anchor: Loc): Pick<Policy, "settings" | "defaultDecision" | "defaultReason" | "defaultLoc" | "authn"> {
  const find = (key: string): DocEntry | undefined => maps.map((m) => entry(m, key)).find((e) => e !== undefined);
  const settings: PolicySetting[] = [];
  let opener: { key: string; value: string; loc: Loc; meaning: string } | undefined;
  for (const s of SWITCHES) {
    const e = find(s.key);
    const v = e && switchValue(input, e);
    if (!e || !v || v.value.trim().toLowerCase() !== s.when) continue;
    const loc = entryLoc(input, e);
    const value = `${s.when}${v.unset}`;
    settings.push(permissive(s.key, value, loc, s.meaning));
    if (s.opens && !opener) opener = { key: s.key, value, loc, meaning: s.meaning };
  }
  // A template `.env` (`.env.example`) is where the defaults are documented: nothing is left in place there.
  for (const [key, d] of isTemplateEnvFile(input.file) ? [] : Object.entries(DEFAULT_SECRETS)) {
    const e = find(key);
    const v = e && switchValue(input, e);
    if (e && v && d.values.includes(v.value)) settings.push(permissive(key, `the documented default${v.unset}`, entryLoc(input, e), d.meaning));
  }
  if (opener) return { settings, defaultDecision: "allow", defaultReason: `${opener.key} is ${opener.value} (${opener.meaning})`, defaultLoc: opener.loc, authn: { required: false, mode: opener.key, loc: opener.loc } };
  const auth = find("AUTH_REQUIRED");
  const loc = auth ? entryLoc(input, auth) : anchor;
  return {
    settings,
    defaultDecision: "deny",
    defaultReason: auth ? "AUTH_REQUIRED is true (unauthenticated calls are rejected; access follows RBAC and token scopes)" : "AUTH_REQUIRED is unset (defaults to true: unauthenticated calls are rejected)",
    defaultLoc: loc,
    authn: { required: true, mode: authnMode(input, find), loc },
  };
}

/**
 * How a caller is authenticated when authentication is required. With `MCP_CLIENT_AUTH_ENABLED=false`
 * ContextForge reads no JWT (`verify_credentials.require_auth`); with `TRUST_PROXY_AUTH=true` as well the
 * caller is whoever the proxy header names (current releases also ask for `TRUST_PROXY_AUTH_DANGEROUSLY=true`
 * and ignore the header when it is false; unset, the file cannot tell which release runs it).
 */
function authnMode(input: AdapterInput, find: (key: string) => DocEntry | undefined): string {
  const is = (key: string, want: string) => {
    const e = find(key);
    const v = e && switchValue(input, e);
    return v !== undefined && v.value.trim().toLowerCase() === want;
  };
  if (!is("MCP_CLIENT_AUTH_ENABLED", "false")) return "jwt/basic";
  return is("TRUST_PROXY_AUTH", "true") && !is("TRUST_PROXY_AUTH_DANGEROUSLY", "false") ? "proxy-header" : "MCP_CLIENT_AUTH_ENABLED=false";
}

/**
 * A Kubernetes container of ContextForge: its switches read from the container's `env` list (a
 * value from a Secret or ConfigMap is no literal and decides nothing). Beside `envFrom`, a switch
 * the list does not set may come from there: with none of AUTH_REQUIRED and MCP_REQUIRE_AUTH
 * written, the default is unknown, not the built-in one.
 */
export function contextforgeContainerPolicy(input: AdapterInput, env: DocNode | undefined, moreEnv: string | undefined, anchor: Span, name: string, path: string, serverId: string): Policy {
  const entries: DocEntry[] = [];
  for (const item of isArray(env) ? env.items : []) {
    const n = entry(item, "name");
    const key = str(n?.value);
    const v = entry(item, "value") ?? entry(item, "valueFrom");
    if (n && key !== undefined && v) entries.push({ key, keySpan: n.value.span, value: v.value });
  }
  const map: DocNode = { type: "object", span: env?.span ?? anchor, entries };
  const at = locOf(input, anchor);
  return gatewayPolicy({ ...input, client: "contextforge" }, { kind: "gateway", name, path: `${path}#contextforge`, loc: at, ...containerSwitches(input, map, moreEnv, at), governs: [serverId], audit: contextforgeAudit(input, map) });
}

/**
 * The switches of a container's environment (`env` a flat KEY -> value map), where `moreEnv` names
 * another source of it the file does not show (`envFrom`, `an env_file`): with neither AUTH_REQUIRED
 * nor MCP_REQUIRE_AUTH written here, the built-in default is a guess, so the default is unknown.
 */
export function containerSwitches(input: AdapterInput, env: DocNode | undefined, moreEnv: string | undefined, at: Loc): ReturnType<typeof contextforgeSwitches> {
  const switches = contextforgeSwitches(input, env ? [env] : [], at);
  const written = entry(env, "AUTH_REQUIRED") !== undefined || entry(env, "MCP_REQUIRE_AUTH") !== undefined;
  if (switches.defaultDecision === "allow" || written || !moreEnv) return switches;
  return { ...switches, defaultDecision: "unknown", defaultReason: `AUTH_REQUIRED and MCP_REQUIRE_AUTH are not set here, and ContextForge also reads ${moreEnv}: whether it asks callers to authenticate depends on it`, defaultLoc: at };
}

/** `.env` / `.env.*` of a ContextForge deployment. */
export const contextforgeEnvAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  if (!isObject(d)) return out;
  const first = d.entries[0];
  const anchor = locOf(input, first ? first.keySpan : d.span);
  out.policies.push(gatewayPolicy(input, { kind: "gateway", name: input.file.slice(input.file.lastIndexOf("/") + 1), path: "env", loc: anchor, ...contextforgeSwitches(input, [d], anchor), audit: contextforgeAudit(input, d) }));
  return out;
};

/** Sniff: Helm values of the `mcp-stack` chart. */
export function isContextforgeValues(docs: readonly DocNode[]): boolean {
  const m = get(docs[0], "mcpContextForge");
  return isObject(m) && (isObject(get(m, "config")) || isObject(get(m, "secret")) || isObject(get(m, "image")));
}

export const contextforgeValuesAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const rootEntry = entry(input.docs[0], "mcpContextForge");
  if (!rootEntry || !isObject(rootEntry.value)) return out;
  const m = rootEntry.value;
  const config = get(m, "config");
  const secret = get(m, "secret");
  const credentials: Credential[] = [];
  if (isObject(secret)) {
    for (const e of secret.entries) {
      if (e.key === "existingSecret") continue;
      const c = scalarCredential(input, e.key, e.value, "env", e.keySpan);
      if (c) credentials.push(c);
    }
  }
  // Helm `existingSecret` (anywhere under mcpContextForge): the values come from a Kubernetes Secret.
  const refs: DocEntry[] = [];
  const collect = (n: DocNode | undefined) => {
    if (!isObject(n)) return;
    for (const e of n.entries) {
      if (e.key === "existingSecret" && str(e.value)) refs.push(e);
      else collect(e.value);
    }
  };
  collect(m);
  for (const e of refs) credentials.push(refCredential("existingSecret", { kind: "secretStore", name: str(e.value) ?? "" }, locOf(input, e.value.span), "env"));
  const image = entry(get(m, "image"), "repository");
  const server = gatewayServer(input, { name: "mcp-context-forge", path: "mcpContextForge", nameSpan: rootEntry.keySpan, transport: "container", image: value(input, image?.value), credentials });
  out.servers.push(server);
  const anchor = locOf(input, rootEntry.keySpan);
  const maps = [config, secret].filter((n): n is DocNode => isObject(n));
  // The chart passes `config` (and `secret`) as the gateway's environment.
  const audit = isObject(config) ? contextforgeAudit(input, config) : undefined;
  out.policies.push(gatewayPolicy(input, { kind: "gateway", name: "mcpContextForge", path: "mcpContextForge", loc: anchor, ...contextforgeSwitches(input, maps, anchor), governs: [server.id], audit }));
  return out;
};
