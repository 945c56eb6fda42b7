/**
 * MCP TypeScript SDK code, client side: every `new StdioClientTransport(...)`,
 * `StreamableHTTPClientTransport`, `SSEClientTransport` and
 * `WebSocketClientTransport` becomes a server the code calls (client
 * `sdk-typescript`, scope `code`), with its command, args, URL, env and
 * headers resolved to values with exact locations; so is each server that a
 * client wrapper calls (AI SDK, LangChain, Mastra, OpenAI Agents:
 * typescript-sdk-clients.ts reads their shapes). The server side (servers
 * implemented in the file, their HTTP endpoints) lives in
 * `typescript-sdk-server.ts`.
 */
import type { TsNode } from "../../parse/typescript.js";
import { classifyKey, isCookieHeader } from "../../secrets/keys.js";
import { launchCredentials } from "../launch-credentials.js";
import { argFacts, scopeFacts, withReadOnlyScope } from "../server-entry.js";
import type { Loc } from "../location.js";
import type { AdapterOutput, ConfigValue, Credential, McpServer, NamedValue, Transport } from "../types.js";
import { appGuards, readNestApps } from "./nest-entry.js";
import { readNextMiddleware } from "./next-middleware.js";
import { remoteOptions, stdioOptions, wrapperClients, type ClientSpec } from "./typescript-sdk-clients.js";
import { cloudflareAgentClients } from "./typescript-sdk-cloudflare-clients.js";
import { acceptedKeys } from "./typescript-sdk-keys.js";
import { serverSide } from "./typescript-sdk-server.js";
import { argsOf, numbering, Resolver, type CodeInput, type OpaqueEntry } from "./ts-values.js";
import { lastPathSegment } from "../../util/path-segment.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import { ownEntry } from "../../util/own.js";

export const SDK_CLIENT = "sdk-typescript";

const CLIENT_TRANSPORTS: Readonly<Record<string, Transport>> = {
  StdioClientTransport: "stdio",
  StreamableHTTPClientTransport: "http",
  SSEClientTransport: "sse",
  WebSocketClientTransport: "ws",
};

/** A header name that carries a caller's credential: a credential name (as config keys are judged), or `Cookie`. */
const isCredentialHeader = (name: string): boolean => classifyKey(name) !== undefined || isCookieHeader(name);

const LAUNCHERS = new Set(["npx", "bunx", "bun", "pnpx", "pnpm", "yarn", "uvx", "pipx", "docker", "podman", "deno", "node", "python", "python3", "uv"]);
const LAUNCHER_WORDS = new Set(["run", "dlx", "exec", "x", "--", "tool"]);
/** Launcher flags whose value is the next argument (docker `-e NAME`, `-v a:b`, uv `--directory DIR`, node `--import tsx/esm` ...). */
const VALUE_FLAGS = new Set(["-e", "--env", "-v", "--volume", "-p", "--publish", "--name", "--network", "--net", "--mount", "-w", "--workdir", "-u", "--user", "--env-file", "--entrypoint", "-l", "--label", "--from", "--with", "--directory", "--project", "--python", "--cwd", "--import", "--require", "-r", "--loader", "--experimental-loader"]);

/** The whole SDK adapter: client transports and server implementations in one file. */
export function analyzeTypeScriptSdk(input: CodeInput): AdapterOutput {
  const r = new Resolver(input);
  const unnamed = numbering();
  const specs: ClientSpec[] = [];
  for (const ne of nodesOfType(input.root, "new_expression")) {
    const cls = r.calleeName(ne);
    const transport = cls ? ownEntry(CLIENT_TRANSPORTS, cls) : undefined;
    if (cls && transport) specs.push(sdkTransport(r, ne, cls, transport));
  }
  // The wrappers most agent code uses instead (AI SDK, LangChain, Mastra, OpenAI Agents); a transport passed to one is read above.
  specs.push(...wrapperClients(r, input.root), ...cloudflareAgentClients(r, input.root));
  const servers = distinctNames(specs.sort((a, b) => a.node.startIndex - b.node.startIndex).map((s) => clientServer(r, input, s, unnamed)));
  const side = serverSide(r, input);
  const middleware = readNextMiddleware(r, input);
  const nestApps = readNestApps(r, input);
  const guards = appGuards(r, input.root).map((g) => ({ guard: g.guard, loc: r.loc(g.at) }));
  const links = {
    ...(middleware ? { middleware } : {}),
    ...(side.mounts.length ? { mounts: side.mounts } : {}),
    ...side.tools,
    ...(nestApps.length ? { nestApps } : {}),
    ...(guards.length ? { appGuards: guards } : {}),
    ...(side.handlers.length ? { handlers: side.handlers } : {}),
  };
  const accepted = acceptedKeys(r, input.root);
  return {
    servers: [...servers, ...side.servers],
    policies: side.policies,
    diagnostics: [],
    ...(Object.keys(links).length ? { links } : {}),
    ...(accepted.length ? { acceptedKeys: accepted } : {}),
  };
}

/** `new StdioClientTransport({ command, args, env, cwd })`, `new StreamableHTTPClientTransport(url, { requestInit: { headers }, fetch, authProvider })` ... */
function sdkTransport(r: Resolver, ne: TsNode, cls: string, transport: Transport): ClientSpec {
  const [first, second] = argsOf(ne);
  const at = ne.childForFieldName("constructor") ?? ne;
  return { node: ne, at, kind: cls, transport, ...(transport === "stdio" ? stdioOptions(r, first) : { ...remoteOptions(r, second), url: first }) };
}

/** One server the code calls, from what its construct says (an SDK transport, a wrapper's entry). */
function clientServer(r: Resolver, input: CodeInput, spec: ClientSpec, unnamed: (name: string) => string): McpServer {
  const { transport } = spec;
  const launch = spec.fullCommand ? splitCommand(r, input, spec.fullCommand) : undefined;
  const command = launch ? launch[0] : spec.command ? commandValue(r, spec.command) : undefined;
  const args = launch ? launch.slice(1) : r.items(spec.args).map((a) => r.value(a)).filter((v): v is ConfigValue => v !== undefined);
  const cwd = spec.cwd ? r.value(spec.cwd) : undefined;
  const url = spec.url ? urlValue(r, spec.url) : undefined;
  const headersNode = spec.headers;
  const env = r.entries(spec.env);
  const given = r.entries(headersNode);
  // A custom fetch (`{ fetch }`, SSE's `eventSourceInit: { fetch }`) that sets a credential header on each request.
  const fetched = (spec.fetch ?? []).map((f) => fetchHeaders(r, f));
  const token = spec.token ? tokenHeader(r, spec.token) : undefined;
  const headers = {
    values: [...given.values, ...fetched.flatMap((f) => f.values), ...(token?.value ? [token.value] : [])],
    opaque: [...(given.opaque ?? []), ...fetched.flatMap((f) => f.opaque), ...(token?.opaque ? [token.opaque] : [])] as readonly OpaqueEntry[],
  };
  // An OAuth provider (`{ authProvider }`): the SDK gets and refreshes the token; none is in the file.
  const provider = spec.authProvider;
  const authProvider = provider && !["undefined", "null"].includes(r.src(provider)) ? provider : undefined;
  const oauth: Credential[] = authProvider ? [{ source: "oauth", key: "authProvider", raw: "", ref: { kind: "secretStore", name: "authProvider" }, loc: r.loc(authProvider), keyLoc: r.loc(authProvider) }] : [];
  // Credential headers the code computes at run time (a parameter, a call, a headers object passed in): set, but not in the file.
  const runtime: Credential[] = (headers.opaque ?? [])
    .filter((o) => o.whole || (headersNode !== undefined && o.key === r.src(headersNode)) || isCredentialHeader(o.key))
    .map((o) => computed("header", o.key, o));
  // Credential-named env entries the code computes at run time (`env: { GITHUB_TOKEN: token }`, token a parameter), and an
  // environment built at run time (`env: buildEnv()`, an object filled in a loop), which may hold any credential.
  const runtimeEnv: Credential[] = [
    ...(env.opaque ?? []).filter((o) => !o.whole && classifyKey(o.key) !== undefined).map((o) => computed("env", o.key, o)),
    ...(env.opaque ?? []).filter((o) => o.whole).slice(0, 1).map((o) => computed("env", "env", o)),
  ];
  const credentials = [...launchCredentials(env.values, headers.values, args, url), ...oauth, ...runtime, ...runtimeEnv];
  const loc = r.loc(spec.at);
  const name = spec.name ?? serverName(command, args, url) ?? r.boundName(spec.node) ?? unnamed(r.fallbackName(spec.node, spec.kind));
  return {
    id: `${input.file}#${spec.kind}@${loc.line}:${loc.column}`,
    name,
    client: input.client,
    file: input.file,
    scope: input.scope,
    loc,
    transport,
    ...(command ? { command } : {}),
    args,
    ...(url ? { url } : {}),
    ...(cwd ? { cwd } : {}),
    env: env.values,
    headers: headers.values,
    envPassthrough: [],
    ...(env.wholeEnv ? { inheritsWholeEnv: env.wholeEnv } : {}),
    credentials,
    tools: { grants: [] },
    enabled: true,
    facts: withReadOnlyScope([...argFacts(args), ...scopeFacts({ env: env.values, headers: headers.values, ...(url ? { url } : {}) })], { args, env: env.values, headers: headers.values, url }),
  };
}

/** A credential slot whose value the code computes at run time (`runtime`): where it is set, under the key the code gives it. */
function computed(source: "header" | "env", key: string, o: { readonly loc: Loc; readonly keyLoc: Loc }): Credential {
  return { source, key, raw: "", ref: { kind: "secretStore", name: key }, loc: o.loc, keyLoc: o.keyLoc, runtime: true };
}

/**
 * A bearer token given as an option of its own (mcp-use's `authToken: "..."`), read as the header it
 * is sent in, under the key the code writes: its value, or (computed at run time) where it is set.
 */
function tokenHeader(r: Resolver, n: TsNode): { value?: NamedValue; opaque?: { key: string; loc: Loc; keyLoc: Loc } } {
  const keyNode = n.parent?.type === "pair" ? (n.parent.childForFieldName("key") ?? n) : n;
  const key = (keyNode === n ? r.src(n) : r.keyText(keyNode)) ?? "authToken";
  const value = r.value(n);
  return value ? { value: { ...value, key, keyLoc: r.loc(keyNode) } } : { opaque: { key, loc: r.loc(n), keyLoc: r.loc(keyNode) } };
}

/**
 * `fullCommand: "npx -y @acme/notes-mcp"`: the command and its arguments, split on spaces as
 * the OpenAI Agents SDK does, each located in the string when it is written plainly.
 */
function splitCommand(r: Resolver, input: CodeInput, n: TsNode): ConfigValue[] {
  const v = r.value(n);
  if (v?.ref.kind !== "literal") return v ? [v] : [];
  const d = r.deref(n);
  // Offsets map one to one only for a plain literal (no escapes, no concatenation).
  const plain = (d.type === "string" || d.type === "template_string") && r.src(d).slice(1, -1) === v.raw;
  return [...v.raw.matchAll(/\S+/g)].map((m) => {
    const start = d.startIndex + 1 + m.index;
    return { raw: m[0], ref: { kind: "literal" as const }, loc: plain ? input.lines.loc(input.file, { start, end: start + m[0].length }) : v.loc };
  });
}

/**
 * The command, also when chosen by platform between two spellings of one launcher
 * (`process.platform === "win32" ? "npx.cmd" : "npx"`): that launcher, located at the second.
 */
function commandValue(r: Resolver, n: TsNode): ConfigValue | undefined {
  const v = r.value(n);
  const d = r.deref(n);
  if (v || d.type !== "ternary_expression") return v;
  const [a, b] = [d.childForFieldName("consequence"), d.childForFieldName("alternative")].map((x) => (x ? r.value(x) : undefined));
  const plain = (c: ConfigValue | undefined) => (c?.ref.kind === "literal" ? c.raw.replace(/\.(?:cmd|exe|bat)$/i, "") : undefined);
  const [pa, pb] = [plain(a), plain(b)];
  return b && pa !== undefined && pa === pb ? { ...b, raw: pb } : undefined;
}

/** Names made unique in the file (`X`, `X #2`): a lock keys servers by client, file and name. */
function distinctNames(servers: readonly McpServer[]): McpServer[] {
  const used = new Set<string>();
  return servers.map((s) => {
    let name = s.name;
    for (let i = 2; used.has(name); i++) name = `${s.name} #${i}`;
    used.add(name);
    return name === s.name ? s : { ...s, name };
  });
}

/**
 * The credential headers a custom fetch function written in the file sets (`(url, init) => fetch(url,
 * { ...init, headers: { ...init?.headers, Authorization: ... } })`, `headers.set("Authorization", ...)`):
 * each as a value when it can be followed, else as set at run time.
 */
function fetchHeaders(r: Resolver, f: TsNode | undefined): { values: NamedValue[]; opaque: { key: string; keyLoc: Loc; loc: Loc }[] } {
  const fn = f ? r.functionOf(f) : undefined;
  const out = { values: [] as NamedValue[], opaque: [] as { key: string; keyLoc: Loc; loc: Loc }[] };
  if (!fn || !["arrow_function", "function_expression", "function_declaration"].includes(fn.type)) return out;
  const add = (keyNode: TsNode, key: string, valueNode: TsNode) => {
    const v = r.value(valueNode);
    if (v) out.values.push({ ...v, key, keyLoc: r.loc(keyNode) });
    else out.opaque.push({ key, keyLoc: r.loc(keyNode), loc: r.loc(valueNode) });
  };
  for (const pair of fn.descendantsOfType("pair")) {
    const k = pair.childForFieldName("key");
    const v = pair.childForFieldName("value");
    const key = k ? r.keyText(k) : undefined;
    if (k && v && key !== undefined && isCredentialHeader(key)) add(k, key, v);
  }
  for (const call of fn.descendantsOfType("call_expression")) {
    const [k, v] = argsOf(call);
    const key = k ? r.stringOf(k) : undefined;
    if (k && v && key !== undefined && ["set", "append"].includes(r.calleeName(call) ?? "") && isCredentialHeader(key)) add(k, key, v);
  }
  return out;
}

/** `new URL("...")`, `new URL(x, base)`, `new URL(otherUrl)` (a copy), a string, a template, an env reference. */
function urlValue(r: Resolver, n: TsNode, depth = 0): ConfigValue | undefined {
  const d = r.deref(n);
  if (d.type === "new_expression" && r.calleeName(d) === "URL" && depth < 8) {
    const [inner, base] = argsOf(d);
    const v = inner ? urlValue(r, inner, depth + 1) : undefined;
    // `new URL("/sse", base)`: a relative path is the URL only with its base, known when the base is a literal.
    if (!base || v?.ref.kind !== "literal" || /^[a-z][a-z0-9+.-]*:/i.test(v.raw)) return v;
    const b = urlValue(r, base, depth + 1);
    if (b?.ref.kind !== "literal") return undefined;
    try {
      return { ...v, raw: new URL(v.raw, b.raw).href };
    } catch {
      return undefined;
    }
  }
  return r.value(n);
}

/** A readable, line-independent name: the package a launcher runs, the command, or the URL's host and path. */
function serverName(command: ConfigValue | undefined, args: readonly ConfigValue[], url: ConfigValue | undefined): string | undefined {
  if (command?.ref.kind === "literal") {
    const base = lastPathSegment(command.raw);
    if (!LAUNCHERS.has(base)) return base;
    const pkg = args.find((a, i) => a.ref.kind === "literal" && !a.raw.startsWith("-") && !LAUNCHER_WORDS.has(a.raw) && !VALUE_FLAGS.has(args[i - 1]?.raw ?? ""));
    return pkg ? pkg.raw.replace(/(.)@[^/@]*$/, "$1") : base;
  }
  if (url?.ref.kind === "literal") {
    try {
      const u = new URL(url.raw);
      return `${u.host}${u.pathname === "/" ? "" : u.pathname}`;
    } catch {
      return undefined;
    }
  }
  if (url?.ref.kind === "env") return `$${url.ref.name}`;
  return undefined;
}
