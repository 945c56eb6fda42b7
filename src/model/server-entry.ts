/**
 * Reads one server entry in the common `mcpServers`-style shapes (Claude,
 * Cursor, VS Code, Windsurf, Cline, Roo, Kiro, Amazon Q, Gemini, Copilot,
 * Codex, Zed, Continue, Goose, opencode, LibreChat ...) into a McpServer.
 * Field spellings differ per client; this reader accepts all of them and the
 * adapters pass what their client expands.
 */
import { librechatUpstream } from "./adapters/audit/upstream.js";
import { classifyKey } from "../secrets/keys.js";
import { entry, get, isArray, isObject, str, bool, strings, type DocNode, type DocObject } from "../parse/doc.js";
import { locOf, type AdapterInput } from "./adapter.js";
import type { Loc } from "./location.js";
import { classifyValue, type RefSyntax } from "./refs.js";
import type { ConfigValue, Credential, McpServer, NamedValue, ScopeGrant, ServerFact, Transport } from "./types.js";
import { envWrapper } from "./launcher.js";
import { launchCredentials } from "./launch-credentials.js";

export interface EntryOptions {
  /** Transport when an entry has a URL and no type (Cline: sse). */
  readonly urlDefault?: Transport;
  /** Path of the entry inside the file, for the server id (e.g. `mcpServers.x`). */
  readonly path: string;
  /** Where the entry's name sits (its key, or a `name:` field). */
  readonly nameSpan: { start: number; end: number };
  /** The whole entry node. */
  readonly node: DocNode;
  readonly name: string;
  /** Codex-style `approve` means auto-approval. */
  readonly approveMeansAuto?: boolean;
  /**
   * What the client expands in the command, args, URL and cwd, when that is less than in env and
   * header values (Amazon Q / Kiro CLI substitute `\${env:VAR}` in env and headers only).
   */
  readonly launchSyntaxes?: readonly RefSyntax[];
  /** The keys that hold the endpoint, first match wins (default ENDPOINT_KEYS; MCPorter's `baseUrl`). */
  readonly endpointKeys?: readonly string[];
}

/** What a client makes of an entry with a `url` and no type (default: streamable HTTP). */
const URL_DEFAULT_BY_CLIENT: Readonly<Record<string, Transport>> = {
  cline: "sse", // a url entry with no type defaults to SSE
  "gemini-cli": "sse", // `url` is SSE, `httpUrl` is streamable HTTP
  "qwen-code": "sse", // as Gemini CLI, which it forks
  iflow: "sse", // as Gemini CLI, which it forks
  // Roo Code's settings schema (and Kilo Code's, its fork) reads an entry with a `url` and no `type`
  // through its optional-type SSE branch (McpHub.ts, ServerConfigSchema).
  "roo-code": "sse",
  "kilo-code": "sse",
};

/** The keys of an entry that carry the token a client sends as `Authorization: Bearer`: by a variable's name, or written in. */
interface BearerKeys {
  readonly env: readonly string[];
  readonly literal: readonly string[];
}

/** Codex's `bearer_token_env_var`, which files copied from Codex carry into other clients' entries too. */
const DEFAULT_BEARER_KEYS: BearerKeys = { env: ["bearer_token_env_var"], literal: [] };

const BEARER_KEYS: Readonly<Record<string, BearerKeys>> = {
  // Codex's older literal `bearer_token` (what `codex mcp add --bearer-token` wrote). Current Codex rejects
  // the key on a streamable HTTP server, but the token in the file is still this server's credential.
  codex: { env: ["bearer_token_env_var"], literal: ["bearer_token"] },
  // MCPorter: `bearerTokenEnv` / `bearer_token_env` (Authorization from that variable), `bearerToken` / `bearer_token`.
  mcporter: { env: ["bearer_token_env_var", "bearerTokenEnv", "bearer_token_env"], literal: ["bearerToken", "bearer_token"] },
  // OpenHands: a remote server's `api_key` is sent as `Authorization: Bearer` (and two session headers).
  openhands: { env: ["bearer_token_env_var"], literal: ["api_key"] },
};

/** The first of `keys` the entry has. */
function firstEntry(n: DocNode, keys: readonly string[]) {
  for (const k of keys) {
    const e = entry(n, k);
    if (e) return e;
  }
  return undefined;
}

/** Clients that load a server's environment from its `envFile`. */
const ENV_FILE_CLIENTS = new Set(["vscode", "cursor"]);

export function value(input: AdapterInput, node: DocNode | undefined): ConfigValue | undefined {
  const raw = str(node);
  if (raw === undefined || !node) return undefined;
  const c = classifyValue(raw, input.syntaxes);
  const scalar = node.type === "number" || node.type === "boolean" ? { scalar: node.type } : {};
  return { raw, ref: c.ref, ...(c.unexpanded ? { unexpanded: c.unexpanded } : {}), loc: locOf(input, node.span), ...scalar };
}

export function namedValues(input: AdapterInput, node: DocNode | undefined): NamedValue[] {
  const out: NamedValue[] = [];
  if (isObject(node)) {
    for (const e of node.entries) {
      const v = value(input, e.value);
      if (v) out.push({ ...v, key: e.key, keyLoc: locOf(input, e.keySpan) });
    }
  } else if (isArray(node)) {
    // Kubernetes / Docker style: [{ name, value }] or ["K=V"].
    for (const item of node.items) {
      if (isObject(item)) {
        const k = str(get(item, "name"));
        const vNode = get(item, "value");
        const v = value(input, vNode);
        if (k && v) out.push({ ...v, key: k, keyLoc: locOf(input, entry(item, "name")?.value.span ?? item.span) });
      } else {
        const s = str(item);
        const eq = s?.indexOf("=") ?? -1;
        if (s && eq > 0 && item) {
          const raw = s.slice(eq + 1);
          const c = classifyValue(raw, input.syntaxes);
          out.push({ raw, ref: c.ref, ...(c.unexpanded ? { unexpanded: c.unexpanded } : {}), key: s.slice(0, eq), loc: locOf(input, item.span) });
        }
      }
    }
  }
  return out;
}

/**
 * An `env` assignment (`GITHUB_TOKEN=<value>`) as a variable of the server's environment, as a
 * `["K=V"]` env list item is read, located at its value (after the name, inside the quotes) and
 * its name at the key. Undefined when the written token is not its text as parsed (an escape in
 * it, or several lines): the columns of its value are then unknown, and it stays an argument.
 */
function assignedValue(v: ConfigValue, syntaxes: readonly RefSyntax[]): NamedValue | undefined {
  const width = v.loc.endColumn - v.loc.column;
  const quote = width === v.raw.length + 2 ? 1 : width === v.raw.length ? 0 : -1;
  if (quote < 0 || v.loc.line !== v.loc.endLine) return undefined;
  const eq = v.raw.indexOf("=");
  const raw = v.raw.slice(eq + 1);
  const c = classifyValue(raw, syntaxes);
  const keyLoc = { ...v.loc, column: v.loc.column + quote, endColumn: v.loc.column + quote + eq };
  const loc = { ...v.loc, column: v.loc.column + quote + eq + 1, endColumn: v.loc.endColumn - quote };
  return { raw, ref: c.ref, ...(c.unexpanded ? { unexpanded: c.unexpanded } : {}), key: v.raw.slice(0, eq), keyLoc, loc };
}

function transportOf(t: string | undefined): Transport | undefined {
  if (!t) return undefined;
  const v = t.toLowerCase().replace(/[-_ ]/g, "");
  if (v === "stdio" || v === "local" || v === "command") return "stdio";
  if (v === "http" || v === "streamablehttp" || v === "remote" || v === "streaming" || v === "streamable") return "http";
  if (v === "sse") return "sse";
  if (v === "ws" || v === "websocket") return "ws";
  return "unknown";
}

/** Reads a server entry. `extraGrants` lets adapters add client-level grants. */
const MCP_REMOTE = /(^|[/@])mcp-remote(@[^/\s]*)?$/;
const ENVMCP = /(^|[/@])envmcp(@[^/\s]*)?$/;

/**
 * Launchers that expand references in their own arguments from their own environment,
 * whatever the client expands: mcp-remote expands `${VAR}` in its `--header` values (its
 * documented `Authorization:${AUTH_HEADER}` with `AUTH_HEADER` in `env`); envmcp expands
 * `$VAR` in every argument after it (from its env file). Such a value is a reference to that
 * variable, not literal text.
 */
function selfExpandedArgs(command: ConfigValue | undefined, args: ConfigValue[]): ConfigValue[] {
  const launch = [command, ...args];
  const remote = launch.some((v) => v && MCP_REMOTE.test(v.raw));
  const envmcp = args.findIndex((v, i) => ENVMCP.test(v.raw) || (i === 0 && command !== undefined && ENVMCP.test(command.raw)));
  if (!remote && envmcp < 0) return args;
  return args.map((a, i) => {
    if (!a.unexpanded) return a;
    const syntaxes = envmcp >= 0 && i > envmcp ? (["dollar", "dollar-brace"] as const) : remote && i > 0 && args[i - 1]?.raw === "--header" ? (["dollar-brace"] as const) : undefined;
    if (!syntaxes) return a;
    const c = classifyValue(a.raw, syntaxes);
    const { unexpanded: _drop, ...base } = a;
    return { ...base, ref: c.ref, ...(c.unexpanded ? { unexpanded: c.unexpanded } : {}) };
  });
}

/** Reference syntaxes that a client expands in env values only (Gemini CLI's `%VAR%`, on Windows; Continue JSON blocks' `${VAR}`). */
const ENV_ONLY_SYNTAXES: ReadonlySet<RefSyntax> = new Set(["percent", "continue-json-env"]);

/** The input for every field but env values: without the syntaxes a client expands in env only. */
function outsideEnv(input: AdapterInput): AdapterInput {
  return input.syntaxes.some((s) => ENV_ONLY_SYNTAXES.has(s)) ? { ...input, syntaxes: input.syntaxes.filter((s) => !ENV_ONLY_SYNTAXES.has(s)) } : input;
}

const ENDPOINT_KEYS: readonly string[] = ["url", "serverUrl", "httpUrl", "uri"];

/**
 * The entry's endpoint: the first of `keys` (`url`, `serverUrl`, `httpUrl`, `uri`) that
 * holds text. Amazon Q's IDE writes `"url": ""` (and `"headers": {}`) into
 * every server it saves, stdio ones included: an empty value is no endpoint.
 */
function endpointNode(src: DocNode, keys: readonly string[] = ENDPOINT_KEYS): DocNode | undefined {
  return keys.map((k) => get(src, k)).find((n) => n !== undefined && (str(n) ?? "").trim() !== "");
}

/**
 * Cline's nested form `{ "transport": { "type", "command" | "url", ... } }`: the fields inside
 * `transport` are read first, and a field written beside it (`"url": ..., "transport": { "type":
 * "http" }`, as files copied between clients have it) is still the server's.
 */
function withNestedTransport(n: DocObject, transport: DocObject): DocObject {
  return { ...n, entries: [...n.entries.filter((e) => e.key !== "transport"), ...transport.entries] };
}

export function readServerEntry(withEnvSyntaxes: AdapterInput, opts: EntryOptions): McpServer {
  const input = outsideEnv(withEnvSyntaxes);
  const launch = opts.launchSyntaxes ? { ...input, syntaxes: opts.launchSyntaxes } : input;
  const n = opts.node;
  const transportNode = get(n, "transport");
  const src = isObject(n) && isObject(transportNode) ? withNestedTransport(n, transportNode) : n;
  let commandNode = get(src, "command") ?? get(src, "cmd");
  // Zed (older builds): `command: { path, args, env }`.
  const commandObj = isObject(commandNode) ? commandNode : undefined;
  if (commandObj) commandNode = get(commandObj, "path");
  const argsNode = get(commandObj ?? src, "args");
  let argNodes: DocNode[] = isArray(argsNode) ? [...argsNode.items] : [];
  if (isArray(commandNode)) {
    // opencode: command is an array [cmd, ...args]
    const items = commandNode.items;
    commandNode = items[0];
    argNodes = [...items.slice(1), ...argNodes];
  }
  const command = value(launch, commandNode);
  const args = selfExpandedArgs(command, argNodes.map((a) => value(launch, a)).filter((v): v is ConfigValue => v !== undefined));
  const url = value(launch, endpointNode(src, opts.endpointKeys));
  const cwd = value(launch, get(src, "cwd"));
  const typeStr = str(get(src, "type")) ?? str(get(n, "transportType")) ?? (isObject(transportNode) ? undefined : str(transportNode));
  let transport = transportOf(typeStr);
  if (!transport || transport === "unknown") {
    if (get(n, "httpUrl")) transport = "http";
    else if (command) transport = "stdio";
    else if (url) transport = opts.urlDefault ?? URL_DEFAULT_BY_CLIENT[input.client] ?? "http";
    else transport = transport ?? "unknown";
  }

  const env = [
    // `env NAME=value cmd ...`: the assignments are the program's environment.
    ...(command ? (envWrapper([command, ...args])?.assignments ?? []).flatMap((a) => assignedValue(a, launch.syntaxes) ?? []) : []),
    ...namedValues(withEnvSyntaxes, get(src, "env")),
    ...namedValues(withEnvSyntaxes, get(commandObj, "env")),
    ...namedValues(withEnvSyntaxes, get(src, "environment")),
    ...namedValues(withEnvSyntaxes, get(src, "envs")),
  ];
  const headers = [
    ...namedValues(input, get(src, "headers")),
    ...namedValues(input, get(src, "http_headers")),
    ...namedValues(input, get(src, "requestOptions", "headers")),
    // Copilot for JetBrains writes a remote server's headers as the SDK's `requestInit.headers`.
    ...namedValues(input, get(src, "requestInit", "headers")),
  ];
  const passthrough: string[] = [];
  const credentials: Credential[] = [];
  // Codex `env_vars` pass names through from the parent environment; Goose
  // `env_keys` are resolved from the OS keyring (or its secrets.yaml).
  for (const [listKey, kind] of [["env_vars", "env"], ["env_keys", "secretStore"]] as const) {
    for (const item of strings(get(n, listKey))) {
      passthrough.push(item.value);
      credentials.push({ source: "env", key: item.value, raw: "", ref: { kind, name: item.value }, loc: locOf(input, item.node.span) });
    }
  }
  // VS Code and Cursor `envFile`: the server's environment is loaded from that file, a reference to it.
  const envFile = ENV_FILE_CLIENTS.has(input.client) ? entry(src, "envFile") : undefined;
  const envFilePath = str(envFile?.value);
  if (envFile && envFilePath) credentials.push({ source: "env", key: "envFile", raw: "", ref: { kind: "file", path: envFilePath }, loc: locOf(input, envFile.value.span), keyLoc: locOf(input, envFile.keySpan) });
  // LibreChat `apiKey: { source: admin, key }`: one key configured for every user.
  const adminKey = entry(get(n, "apiKey"), "key");
  const adminKeyValue = value(input, adminKey?.value);
  if (adminKey && adminKeyValue) credentials.push({ ...adminKeyValue, key: "apiKey.key", keyLoc: locOf(input, adminKey.keySpan), source: "setting" });
  credentials.push(...configArgCredentials(args, launch.syntaxes));
  const envVarsNode = get(n, "env_vars");
  if (isArray(envVarsNode)) {
    for (const item of envVarsNode.items) {
      const name = str(get(item, "name"));
      if (name) {
        passthrough.push(name);
        credentials.push({ source: "env", key: name, raw: "", ref: { kind: "env", name }, loc: locOf(input, item.span) });
      }
    }
  }
  // A bearer token named by a variable (`bearer_token_env_var`) or written in the entry: each client's keys (BEARER_KEYS).
  const bearerKeys = BEARER_KEYS[input.client] ?? DEFAULT_BEARER_KEYS;
  const bearer = firstEntry(n, bearerKeys.env);
  const bearerName = str(bearer?.value);
  if (bearer && bearerName) {
    credentials.push({ source: "header", key: "Authorization", raw: "", ref: { kind: "env", name: bearerName }, loc: locOf(input, bearer.value.span) });
  }
  const literalBearer = firstEntry(n, bearerKeys.literal);
  const literalBearerValue = value(input, literalBearer?.value);
  if (literalBearer && literalBearerValue) credentials.push({ ...literalBearerValue, key: literalBearer.key, keyLoc: locOf(input, literalBearer.keySpan), source: "header" });
  const envHeaders = get(n, "env_http_headers");
  if (isObject(envHeaders)) {
    for (const e of envHeaders.entries) {
      const name = str(e.value);
      if (name) credentials.push({ source: "header", key: e.key, raw: "", ref: { kind: "env", name }, loc: locOf(input, e.value.span) });
    }
  }
  credentials.push(...launchCredentials(env, headers, args, url));
  for (const [objKey, secretKey] of [
    ["auth", "CLIENT_SECRET"],
    ["oauth", "clientSecret"],
    ["oauth", "client_secret"],
  ] as const) {
    const e = entry(get(n, objKey), secretKey);
    const v = value(input, e?.value);
    if (e && v) credentials.push({ ...v, key: `${objKey}.${secretKey}`, keyLoc: locOf(input, e.keySpan), source: "oauth" });
  }
  const apiKey = entry(n, "apiKey");
  const apiKeyValue = value(input, apiKey?.value);
  if (apiKey && apiKeyValue) credentials.push({ ...apiKeyValue, key: "apiKey", keyLoc: locOf(input, apiKey.keySpan), source: "setting" });
  // Zed extension servers: `settings` is handed to the extension, which launches the server with it
  // (`github_personal_access_token`, `resend_api_key` ...): a credential-named setting is the server's credential.
  const settings = input.client === "zed" ? get(n, "settings") : undefined;
  if (isObject(settings)) {
    for (const e of settings.entries) {
      const v = classifyKey(e.key) !== undefined ? value(input, e.value) : undefined;
      if (v) credentials.push({ ...v, key: `settings.${e.key}`, keyLoc: locOf(input, e.keySpan), source: "setting" });
    }
  }
  credentials.push(...authHints(input, n, credentials));

  const disabled = bool(get(n, "disabled"));
  const enabledFlag = bool(get(n, "enabled"));
  const enabled = !(disabled === true || enabledFlag === false);

  const { tools, grants } = readToolScope(input, n, opts);
  const loc = locOf(input, opts.nameSpan);
  const upstreamIdentity = input.client === "librechat" ? (librechatUpstream(input, n) ?? librechatServerToken(credentials)) : undefined;
  return {
    id: `${input.file}#${opts.path}`,
    name: opts.name,
    client: input.client,
    file: input.file,
    scope: input.scope,
    loc,
    transport,
    ...(command ? { command } : {}),
    args,
    ...(url ? { url } : {}),
    ...(cwd ? { cwd } : {}),
    env,
    headers,
    envPassthrough: passthrough,
    credentials,
    tools: { ...tools, grants },
    enabled,
    facts: withReadOnlyScope([...argFacts(args), ...scopeFacts({ env, headers, ...(url ? { url } : {}) })], { args, env, headers, url }),
    ...(upstreamIdentity ? { upstreamIdentity } : {}),
  };
}

/**
 * Authentication configured without a value in the file: an OAuth block
 * (token kept in the client's store), a `headersHelper` command, Gemini
 * `authProviderType`, LibreChat `apiKey: { source }` / `requiresOAuth`.
 * Recorded as credentials with an empty raw value (nothing to scan) located
 * at the key, so the value itself still gets the secret scan.
 */
function authHints(input: AdapterInput, n: DocNode, found: readonly Credential[]): Credential[] {
  const out: Credential[] = [];
  for (const key of ["oauth", "auth", "headersHelper", "authProviderType", "apiKey", "requiresOAuth"]) {
    const e = entry(n, key);
    if (!e || found.some((c) => c.key === key || c.key.startsWith(`${key}.`))) continue;
    const off = bool(e.value) === false || (isObject(e.value) && bool(get(e.value, "enabled")) === false);
    if (off || (key === "apiKey" && !isObject(e.value)) || (key === "requiresOAuth" && bool(e.value) !== true)) continue;
    const loc = locOf(input, e.keySpan);
    out.push({ source: key === "headersHelper" ? "header" : "oauth", key, raw: "", ref: { kind: "secretStore", name: key }, loc, keyLoc: loc });
  }
  return out;
}

/**
 * The auto-approve list each client reads, where its schema says: Cline's server schema has
 * `autoApprove` only (zod strips other keys, so a Roo-style `alwaysAllow` there approves
 * nothing), Roo Code and its forks `alwaysAllow` only, Kiro documents `autoApprove`. Roo Code's
 * first builds (Roo Cline) kept Cline's file name in their own folder: there `alwaysAllow` is
 * read. Claude Code, Cursor and VS Code read neither: their server entries have no approval
 * field (Claude Code approves through `permissions.allow` in its settings, Cursor through its
 * settings and `permissions.json`, VS Code through `chat.tools` settings), so a list copied in
 * from a Cline or Roo file leaves every tool prompting. Clients whose docs name neither (or a
 * file of no known client) are read with both.
 */
const AUTO_APPROVE_KEYS: Readonly<Record<string, readonly string[]>> = {
  cline: ["autoApprove"],
  "roo-code": ["alwaysAllow"],
  "kilo-code": ["alwaysAllow"],
  "ibm-bob": ["alwaysAllow"],
  kiro: ["autoApprove"],
  "claude-code": [],
  cursor: [],
  vscode: [],
};

function autoApproveKeys(input: AdapterInput): readonly string[] {
  if (input.client === "cline" && /(^|\/)rooveterinaryinc\.roo-cline\//.test(input.file)) return ["alwaysAllow"];
  return AUTO_APPROVE_KEYS[input.client] ?? ["autoApprove", "alwaysAllow"];
}

function readToolScope(input: AdapterInput, n: DocNode, opts: EntryOptions) {
  const grants: ScopeGrant[] = [];
  // A wildcard include list (`tools: ["*"]`) restricts nothing: no include.
  // Goose writes `available_tools: []` into every extension it saves: an empty list filters nothing (every tool is available).
  const available = firstList(n, ["available_tools"]);
  const listed = firstList(n, ["includeTools", "enabled_tools", "tools"]) ?? (available?.length ? available : undefined);
  const include = listed?.includes("*") ? undefined : listed;
  // Kiro and Roo Code save `disabledTools: []`: an empty list excludes nothing (no exclude list).
  const excluded = firstList(n, ["excludeTools", "disabled_tools", "disabledTools"]);
  const exclude = excluded?.length ? excluded : undefined;
  let autoApprove: readonly string[] | "*" | undefined;
  for (const key of autoApproveKeys(input)) {
    const e = entry(n, key);
    if (!e || !isArray(e.value)) continue;
    const list = strings(e.value).map((s) => s.value);
    const loc = locOf(input, e.value.span);
    if (list.some((t) => t === "*" || t === "**")) {
      autoApprove = "*";
      grants.push({ kind: "auto-approve-all", key, tools: list, loc });
    } else if (list.length > 0) {
      autoApprove = list;
      grants.push({ kind: "auto-approve-list", key, tools: list, loc });
    }
  }
  const trustEntry = entry(n, "trust");
  const trust = bool(trustEntry?.value);
  if (trustEntry && trust === true) grants.push({ kind: "trust-all", key: "trust", loc: locOf(input, trustEntry.value.span) });
  const toolsEntry = entry(n, "tools");
  if (toolsEntry && isArray(toolsEntry.value) && strings(toolsEntry.value).some((s) => s.value === "*")) {
    grants.push({ kind: "auto-approve-all", key: "tools", tools: ["*"], loc: locOf(input, toolsEntry.value.span) });
  }
  // Codex approval modes: only `approve` skips the prompt for every tool. `auto` (the default) and `writes` skip it
  // only for tools annotated read-only (`writes` asks for every other call, and for tools with no annotation); `prompt`
  // always asks (codex-rs core/src/mcp_tool_call.rs requires_mcp_tool_approval_for_mode). None of those is a grant.
  const mode = entry(n, "default_tools_approval_mode");
  if (opts.approveMeansAuto !== false && mode && str(mode.value) === "approve") {
    grants.push({ kind: "trust-all", key: "default_tools_approval_mode", loc: locOf(input, mode.value.span) });
  }
  // Codex `[mcp_servers.<s>.tools.<tool>] approval_mode = "approve"`: that tool runs unprompted.
  const perTool = get(n, "tools");
  if (opts.approveMeansAuto !== false && isObject(perTool)) {
    const approved = perTool.entries.filter((e) => str(get(e.value, "approval_mode")) === "approve");
    const first = approved[0];
    if (first) {
      const tools = approved.map((e) => e.key);
      autoApprove = autoApprove === "*" ? "*" : [...(autoApprove ?? []), ...tools];
      grants.push({ kind: "auto-approve-list", key: "tools.approval_mode", tools, loc: locOf(input, entry(first.value, "approval_mode")?.value.span ?? first.keySpan) });
    }
  }
  return {
    tools: {
      ...(include ? { include } : {}),
      ...(exclude ? { exclude } : {}),
      ...(autoApprove ? { autoApprove } : {}),
      ...(trust !== undefined ? { trust } : {}),
    },
    grants,
  };
}

function firstList(n: DocNode, keys: readonly string[]): string[] | undefined {
  for (const k of keys) {
    const v = get(n, k);
    if (isArray(v)) return strings(v).map((s) => s.value);
  }
  return undefined;
}

/**
 * LibreChat serves many users: a credential it takes from its own environment
 * (`\${ACME_TOKEN}`, not a per-user `{{...}}` variable) is one token for every
 * user who calls the server.
 */
function librechatServerToken(credentials: readonly Credential[]): McpServer["upstreamIdentity"] {
  const c = credentials.find((x) => (x.source === "header" || x.source === "env") && x.ref.kind === "env" && classifyKey(x.key) !== undefined);
  if (!c || c.ref.kind !== "env") return undefined;
  return { kind: "shared-static", key: c.key, loc: c.loc, detail: `${c.key} takes \${${c.ref.name}} from the LibreChat server's environment: one token for every user` };
}

/**
 * The AWS Labs servers' opt-in to their sensitive tools (`--allow-sensitive-data-access`, the ECS
 * server's `ALLOW_SENSITIVE_DATA=true`): off by default because those tools return logs, events
 * and (EKS) Kubernetes Secrets decoded.
 */
const SENSITIVE_DATA = "started with its sensitive-data tools on (logs, events and, on the EKS server, Kubernetes Secrets decoded), which the server keeps off by default";

/** Risky runtime flags visible in args (docker, filesystem server, GitHub server, AWS Labs servers). */
export function argFacts(args: readonly ConfigValue[]): ServerFact[] {
  const facts: ServerFact[] = [];
  const raws = args.map((a) => a.raw);
  const at = (i: number): Loc => (args[i] as ConfigValue).loc;
  raws.forEach((r, i) => {
    if (r === "--privileged" || r === "--privileged=true") facts.push({ kind: "privileged", detail: "docker --privileged", loc: at(i) });
    if ((r === "--network" || r === "--net") && (raws[i + 1] === "host")) facts.push({ kind: "host-network", detail: "--network host", loc: at(i) });
    if (r === "--network=host" || r === "--net=host") facts.push({ kind: "host-network", detail: r, loc: at(i) });
    if ((r === "-v" || r === "--volume" || r === "--mount") && raws[i + 1] !== undefined) {
      const spec = raws[i + 1] as string;
      const host = r === "--mount" ? (/(?:source|src)=([^,]+)/.exec(spec)?.[1] ?? "") : spec.split(":")[0] ?? "";
      if (isBroadPath(host)) facts.push({ kind: "host-mount", detail: `host mount of ${host}`, loc: at(i + 1) });
      else if (isCredentialFolder(host)) facts.push({ kind: "host-mount", detail: `host mount of ${host} (a folder of credentials)`, loc: at(i + 1) });
    }
    if (/^--tools(=|$)/.test(r) && (r === "--tools=all" || raws[i + 1] === "all")) facts.push({ kind: "all-toolsets", detail: "--tools all", loc: at(i) });
    if (/^--toolsets(=|$)/.test(r) && (r === "--toolsets=all" || raws[i + 1] === "all")) facts.push({ kind: "all-toolsets", detail: "--toolsets all", loc: at(i) });
    if (r === "GITHUB_TOOLSETS=all") facts.push({ kind: "all-toolsets", detail: "GITHUB_TOOLSETS=all", loc: at(i) });
    if (r === "--allow-sensitive-data-access" || r === "--allow-sensitive-data-access=true") facts.push({ kind: "sensitive-data", detail: `${SENSITIVE_DATA} (${r})`, loc: at(i) });
  });
  const fsIdx = raws.findIndex((r) => /(^|\/)@modelcontextprotocol\/server-filesystem(@[^\s]*)?$|mcp-server-filesystem/.test(r));
  if (fsIdx >= 0) {
    for (let i = fsIdx + 1; i < raws.length; i++) {
      const r = raws[i] as string;
      if (r.startsWith("-")) continue;
      if (isBroadPath(r)) facts.push({ kind: "root-filesystem", detail: `filesystem server rooted at ${r}`, loc: at(i) });
      else if (isCredentialFolder(r)) facts.push({ kind: "root-filesystem", detail: `filesystem server given ${r} (a folder of credentials)`, loc: at(i) });
    }
  }
  return facts;
}

/** Does a literal comma list (`repos,all`) name `all`? */
const namesAll = (v: ConfigValue): boolean => v.ref.kind === "literal" && v.raw.split(",").some((t) => t.trim().toLowerCase() === "all");

/**
 * The GitHub server's every toolset, set outside its arguments: `GITHUB_TOOLSETS`
 * in its environment, an `X-MCP-Toolsets` header, or the remote server's
 * `/mcp/x/all` URL without `/readonly`; an AWS Labs server's sensitive tools
 * switched on in its environment (`ALLOW_SENSITIVE_DATA=true`).
 */
export function scopeFacts(s: { readonly env: readonly NamedValue[]; readonly headers?: readonly NamedValue[]; readonly url?: ConfigValue }): ServerFact[] {
  const facts: ServerFact[] = [];
  for (const v of s.env) if (v.key === "GITHUB_TOOLSETS" && namesAll(v)) facts.push({ kind: "all-toolsets", detail: `GITHUB_TOOLSETS=${v.raw}`, loc: v.loc });
  for (const v of s.env) if (v.key === "ALLOW_SENSITIVE_DATA" && v.ref.kind === "literal" && TRUE.test(v.raw)) facts.push({ kind: "sensitive-data", detail: `${SENSITIVE_DATA} (ALLOW_SENSITIVE_DATA=${v.raw})`, loc: v.loc });
  for (const v of s.headers ?? []) if (v.key.toLowerCase() === "x-mcp-toolsets" && namesAll(v)) facts.push({ kind: "all-toolsets", detail: `X-MCP-Toolsets: ${v.raw}`, loc: v.loc });
  const url = s.url?.raw ?? "";
  if (/^https?:\/\/api\.githubcopilot\.com\/mcp\/x\/all\/?(?:[?#]|$)/i.test(url)) facts.push({ kind: "all-toolsets", detail: "the remote GitHub server's /x/all (every toolset, not read-only)", loc: (s.url as ConfigValue).loc });
  return facts;
}

const TRUE = /^(1|true)$/i;

/**
 * Does the GitHub server run read-only? `--read-only` (or `GITHUB_READ_ONLY=1`
 * passed as a docker `-e`), `GITHUB_READ_ONLY` in its environment, the remote
 * server's `X-MCP-Readonly` header or a `/readonly` URL. Read-only wins over
 * the toolsets, so every toolset is then read tools only.
 */
function githubReadOnly(s: { readonly args: readonly ConfigValue[]; readonly env: readonly NamedValue[]; readonly headers?: readonly NamedValue[]; readonly url?: ConfigValue | undefined }): boolean {
  const on = (v: ConfigValue) => v.ref.kind === "literal" && TRUE.test(v.raw.trim());
  if (s.args.some((a) => /^--read-only(=(1|true))?$/i.test(a.raw) || /^GITHUB_READ_ONLY=(1|true)$/i.test(a.raw))) return true;
  if (s.env.some((v) => v.key === "GITHUB_READ_ONLY" && on(v))) return true;
  if ((s.headers ?? []).some((v) => v.key.toLowerCase() === "x-mcp-readonly" && on(v))) return true;
  return /^https?:\/\/api\.githubcopilot\.com\/mcp\/(?:.*\/)?readonly\/?(?:[?#]|$)/i.test(s.url?.raw ?? "");
}

/** A server's facts without the every-toolset ones when the GitHub server runs read-only. */
export function withReadOnlyScope(facts: readonly ServerFact[], s: Parameters<typeof githubReadOnly>[0]): ServerFact[] {
  return githubReadOnly(s) ? facts.filter((f) => f.kind !== "all-toolsets") : [...facts];
}

/** Drops trailing `/` and `\\` with a loop: `/[\\/]+$/` is quadratic on long runs of slashes. */
function trimTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === "/" || s[end - 1] === "\\")) end--;
  return s.slice(0, end);
}

/**
 * A folder that holds credentials: `~/.ssh`, `~/.aws`, `~/.gnupg`, `~/.kube`, `~/.azure`, `~/.config/gcloud`,
 * `~/.config/gh` (or inside one), or a home's whole `.config` folder, which holds the last two.
 */
export function isCredentialFolder(p: string): boolean {
  if (/(^|[\\/])(\.ssh|\.aws|\.gnupg|\.kube|\.azure|\.config[\\/](gcloud|gh))([\\/]|$)/i.test(p.trim())) return true;
  const v = trimTrailingSlashes(p.trim());
  const cut = Math.max(v.lastIndexOf("/"), v.lastIndexOf("\\"));
  return cut > 0 && v.slice(cut + 1).toLowerCase() === ".config" && isBroadPath(v.slice(0, cut));
}

/** `/`, a drive root, or a home folder. */
export function isBroadPath(p: string): boolean {
  const v = trimTrailingSlashes(p.trim());
  if (v === "" && p.trim().startsWith("/")) return true;
  if (/^[A-Za-z]:$/.test(v)) return true;
  if (v === "~" || v === "$HOME" || v === "${HOME}" || v === "${userHome}" || v === "%USERPROFILE%" || v === "${env:HOME}") return true;
  if (/^\/(Users|home)\/[^/]+$/.test(v) || /^\/root$/.test(v) || /^[A-Za-z]:[\\/]Users[\\/][^\\/]+$/.test(v)) return true;
  return false;
}

const CREDENTIAL_NAME = /(api[-_]?key|apikey|token|secret|password|passwd|credential|private[-_]?key|access[-_]?key|auth)/i;

/**
 * Credential-named string fields of a JSON blob passed as an argument
 * (Smithery `--config '{"acmeApiKey":"..."}'`). Never throws.
 */
function configBlobCredentials(arg: ConfigValue, blob: string, flag: string, syntaxes: readonly RefSyntax[]): Credential[] {
  if (!blob.trimStart().startsWith("{")) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(blob);
  } catch {
    return [];
  }
  const out: Credential[] = [];
  const visit = (v: unknown, path: string, depth: number) => {
    if (depth > 8 || !v || typeof v !== "object") return;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x === "string" && CREDENTIAL_NAME.test(k)) {
        const { unexpanded: _drop, ...base } = arg;
        const c = classifyValue(x, syntaxes);
        out.push({ ...base, raw: x, ref: c.ref, ...(c.unexpanded ? { unexpanded: c.unexpanded } : {}), key: `${flag}.${path}${k}`, source: "arg" });
      } else visit(x, `${path}${k}.`, depth + 1);
    }
  };
  visit(parsed, "", 0);
  return out;
}

/** Credentials inside `--config '<json>'` / `--config=<json>` arguments (Smithery CLI). */
export function configArgCredentials(args: readonly ConfigValue[], syntaxes: readonly RefSyntax[]): Credential[] {
  return args.flatMap((a, i) => {
    const next = args[i + 1];
    if (a.raw === "--config" && next) return configBlobCredentials(next, next.raw, "--config", syntaxes);
    if (a.raw.startsWith("--config=")) return configBlobCredentials(a, a.raw.slice("--config=".length), "--config", syntaxes);
    return [];
  });
}
