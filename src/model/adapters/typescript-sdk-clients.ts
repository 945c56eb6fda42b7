/**
 * MCP clients configured in code through a wrapper of the SDK's client
 * transports, read for the client side of the SDK adapter (typescript-sdk.ts
 * turns each spec into a server with its values, credentials and facts):
 *
 * - Vercel AI SDK (`ai`, `@ai-sdk/mcp`): `experimental_createMCPClient({ transport })`
 *   (`createMCPClient` in `@ai-sdk/mcp`). `transport` is a config object
 *   `{ type: "sse" | "http", url, headers?, authProvider? }`, or a transport object: the
 *   AI SDK's `new Experimental_StdioMCPTransport({ command, args?, env?, cwd? })` of
 *   `ai/mcp-stdio` (`StdioMCPTransport`, or the deprecated alias, of
 *   `@ai-sdk/mcp/mcp-stdio`), read as a server where it is made, or one of the SDK's
 *   transports, which the SDK adapter reads already (not counted twice). The client's
 *   `name` option names the client, not the server.
 * - LangChain (`@langchain/mcp-adapters`): `new MultiServerMCPClient({ mcpServers: { name: conn } })`,
 *   or (before 0.4) the server map as the whole argument. A connection is
 *   `{ transport?/type?: "stdio", command, args, env?, cwd? }` or
 *   `{ transport?/type?: "http" | "sse", url, headers?, authProvider? }`; without a
 *   transport, `command` means stdio and `url` streamable HTTP (with an SSE fallback).
 * - Mastra (`@mastra/mcp`): `new MCPClient({ id?, servers: { name: def } })` (`MCPConfiguration`
 *   before it, same shape; the deprecated `MastraMCPClient({ name, server: def })`).
 *   A definition is `{ command, args?, env?, cwd? }` or `{ url: new URL(...), requestInit?:
 *   { headers }, eventSourceInit?, fetch?, authProvider? }` (streamable HTTP, then SSE).
 * - VoltAgent (`@voltagent/core`): `new MCPConfiguration({ servers: { name: def } })` and
 *   `new MCPClient({ clientInfo, server: def })`, Mastra's definitions with a `type` ("stdio",
 *   "http", "sse", "streamable-http").
 * - Genkit (`@genkit-ai/mcp`): `createMcpClient({ name, mcpServer: def })` and `createMcpHost({ name?,
 *   mcpServers: { name: def } })`, Mastra's definitions too (the SDK's transport options beside `url`).
 * - mcp-use (`mcp-use`): `new MCPClient({ mcpServers: { name: def } })` or `MCPClient.fromDict(...)`,
 *   the Claude Desktop map: `{ command, args, env? }` or `{ url, headers?, authToken?, transport?:
 *   "http" | "sse" }` (authToken is sent as a bearer token; `auth_token` is its other spelling).
 * - OpenAI Agents SDK (`@openai/agents`, `@openai/agents-core`): `new MCPServerStdio({ command,
 *   args?, env?, cwd?, name? })` or `{ fullCommand: "npx -y pkg", ... }` (split on spaces),
 *   `new MCPServerStreamableHttp({ url, name?, requestInit?, fetch?, authProvider? })`,
 *   `new MCPServerSSE({ url, name?, requestInit?, eventSourceInit?, authProvider? })`, and the
 *   hosted tool `hostedMcpTool({ serverLabel, serverUrl?, connectorId?, headers?, authorization? })`
 *   (also of `@openai/agents-openai`): a remote server OpenAI's Responses API calls for the agent,
 *   with the headers given and `authorization`, an access token it sends as a bearer token.
 *
 * A server is named by its map key (or `name`); the others as SDK transports are. A map given only
 * when a condition holds (`url ? { x: {...} } : {}`) or as a default (`config.servers || {...}`) is
 * read as written: its servers may run. Only names imported from those packages count: an
 * `MCPClient` of another module is someone else's.
 */
import type { TsNode } from "../../parse/typescript.js";
import type { Transport } from "../types.js";
import { argsOf, kids, type Resolver } from "./ts-values.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import { ownEntry } from "../../util/own.js";

/** What client code says about one server it calls: the nodes its values are read from. */
export interface ClientSpec {
  /** The construct that makes it (a `new` or a call): its bound name names a server the code does not name. */
  readonly node: TsNode;
  /** Where the server is: the constructor or callee, or its key in a map. */
  readonly at: TsNode;
  /** The construct's name (`StdioClientTransport`, `MultiServerMCPClient`), for the id and a made-up name. */
  readonly kind: string;
  readonly transport: Transport;
  /** The name the code gives it: a map key, a `name: "..."`. */
  readonly name?: string;
  readonly command?: TsNode;
  /** `fullCommand: "npx -y pkg"`: the command and its arguments in one string. */
  readonly fullCommand?: TsNode;
  readonly args?: TsNode;
  readonly env?: TsNode;
  readonly cwd?: TsNode;
  readonly url?: TsNode;
  readonly headers?: TsNode;
  /** A bearer token given as an option of its own (mcp-use's `authToken`). */
  readonly token?: TsNode;
  /** Custom fetch functions, which may set a credential header on each request. */
  readonly fetch?: readonly TsNode[];
  readonly authProvider?: TsNode;
}

/** `ai@5`, `npm:@ai-sdk/mcp@1/mcp-stdio` -> `ai`, `@ai-sdk/mcp/mcp-stdio`. */
const bare = (module: string) => module.replace(/^npm:/, "").replace(/^((?:@[^/@]+\/)?[^/@]+)@[^/]*/, "$1");

const AI_SDK = new Set(["ai", "@ai-sdk/mcp"]);
const AI_STDIO = new Set(["ai/mcp-stdio", "@ai-sdk/mcp/mcp-stdio"]);
const OPENAI = new Set(["@openai/agents", "@openai/agents-core"]);
/** Where `hostedMcpTool` is exported: the agents package and its OpenAI provider package. */
const OPENAI_HOSTED = new Set(["@openai/agents", "@openai/agents-openai"]);
const MCP_USE = new Set(["mcp-use", "mcp-use/client"]);
const VOLTAGENT = "@voltagent/core";
const GENKIT = "@genkit-ai/mcp";

type Reader = (r: Resolver, ne: TsNode, kind: string, first: TsNode | undefined) => ClientSpec[];

/** Imported name (or `Class.method` of an imported class) -> the module test and what reads its call. */
const CALLS: Readonly<Record<string, { readonly from: (m: string) => boolean; readonly read: Reader }>> = {
  experimental_createMCPClient: { from: (m) => AI_SDK.has(m), read: (r, call, kind, first) => aiSdkClient(r, call, kind, first) },
  createMCPClient: { from: (m) => m === "@ai-sdk/mcp", read: (r, call, kind, first) => aiSdkClient(r, call, kind, first) },
  fromDict: { from: (m) => MCP_USE.has(m), read: (r, call, kind, first) => serverMap(r, call, kind, r.prop(first, "mcpServers"), MCP_USE_MAP) },
  createMcpClient: { from: (m) => m === GENKIT, read: (r, call, kind, first) => single(r, call, kind, first, "mcpServer") },
  createMcpHost: { from: (m) => m === GENKIT, read: (r, call, kind, first) => serverMap(r, call, kind, r.prop(first, "mcpServers"), MASTRA) },
  hostedMcpTool: { from: (m) => OPENAI_HOSTED.has(m), read: hostedTool },
};

/** A class that is one server, made where it is constructed, with these options. */
const one =
  (transport: Transport, options: (r: Resolver, o: TsNode | undefined) => Partial<ClientSpec>): Reader =>
  (r, ne, kind, first) => [{ ...options(r, first), node: ne, at: callee(ne), kind, transport }];

const CLASSES: Readonly<Record<string, { readonly from: (m: string) => boolean; readonly read: Reader }>> = {
  Experimental_StdioMCPTransport: { from: (m) => AI_STDIO.has(m), read: one("stdio", stdioOptions) },
  StdioMCPTransport: { from: (m) => m === "@ai-sdk/mcp/mcp-stdio", read: one("stdio", stdioOptions) },
  MultiServerMCPClient: { from: (m) => m === "@langchain/mcp-adapters", read: langchain },
  // Mastra's `servers` map; mcp-use's `mcpServers` (the two packages export a class of one name).
  MCPClient: { from: (m) => m === "@mastra/mcp" || MCP_USE.has(m) || m === VOLTAGENT, read: mcpClient },
  MCPConfiguration: { from: (m) => m === "@mastra/mcp" || m === VOLTAGENT, read: (r, ne, kind, first) => serverMap(r, ne, kind, r.prop(first, "servers"), MASTRA) },
  MastraMCPClient: { from: (m) => m === "@mastra/mcp", read: (r, ne, kind, first) => single(r, ne, kind, first, "server") },
  MCPServerStdio: { from: (m) => OPENAI.has(m), read: one("stdio", (r, o) => ({ ...stdioOptions(r, o), fullCommand: r.prop(o, "fullCommand"), ...named(r, o) })) },
  MCPServerStreamableHttp: { from: (m) => OPENAI.has(m), read: one("http", (r, o) => ({ ...remoteOptions(r, o), ...named(r, o) })) },
  MCPServerSSE: { from: (m) => OPENAI.has(m), read: one("sse", (r, o) => ({ ...remoteOptions(r, o), ...named(r, o) })) },
};

const callee = (n: TsNode): TsNode => n.childForFieldName("constructor") ?? n.childForFieldName("function") ?? n;

/** The servers that the client wrappers of this file call. */
export function wrapperClients(r: Resolver, root: TsNode): ClientSpec[] {
  const out: ClientSpec[] = [];
  for (const n of nodesOfType(root, ["new_expression", "call_expression"])) {
    const imported = r.importOf(callee(n));
    if (!imported) continue;
    const module = bare(imported.module);
    const first = argsOf(n)[0];
    if (n.type === "new_expression") {
      const cls = ownEntry(CLASSES, imported.name);
      if (cls?.from(module)) out.push(...cls.read(r, n, imported.name, first));
    } else {
      const call = ownEntry(CALLS, imported.name);
      if (call?.from(module)) out.push(...call.read(r, n, imported.name, first));
    }
  }
  return out;
}

/** `{ command, args, env, cwd }`: the SDK's StdioClientTransport options, which the wrappers take as they are. */
export function stdioOptions(r: Resolver, o: TsNode | undefined): Partial<ClientSpec> {
  return { command: r.prop(o, "command"), args: r.prop(o, "args"), env: r.prop(o, "env"), cwd: r.prop(o, "cwd") };
}

/**
 * `{ url, requestInit: { headers }, eventSourceInit: { headers, fetch }, fetch, authProvider }`: the
 * SDK's HTTP and SSE transport options, with the URL beside them (Mastra, OpenAI Agents); `flat`:
 * the headers as `headers` (AI SDK, LangChain).
 */
export function remoteOptions(r: Resolver, o: TsNode | undefined, flat = false): Partial<ClientSpec> {
  const es = whenSet(r, r.prop(o, "eventSourceInit"));
  const headers = whenSet(r, flat ? r.prop(o, "headers") : (r.prop(whenSet(r, r.prop(o, "requestInit")), "headers") ?? r.prop(es, "headers")));
  const fetch = [r.prop(o, "fetch"), r.prop(es, "fetch")].filter((f): f is TsNode => f !== undefined);
  return { url: r.prop(o, "url"), headers, fetch, authProvider: r.prop(o, "authProvider") };
}

/**
 * Options given only when a condition holds (`requestInit: token ? { headers } : undefined`,
 * `headers: key ? { "x-api-key": key } : {}`): what they are when given; any other value as it is.
 */
export function whenSet(r: Resolver, n: TsNode | undefined): TsNode | undefined {
  const d = n ? r.deref(n) : undefined;
  if (d?.type !== "ternary_expression") return n;
  const [yes, no] = [d.childForFieldName("consequence"), d.childForFieldName("alternative")];
  const none = (x: TsNode | null) => !x || ["undefined", "null", "{}"].includes(r.src(r.deref(x)).replace(/\s+/g, ""));
  if (yes && none(no)) return yes;
  return no && none(yes) ? no : n;
}

/**
 * `hostedMcpTool({ serverLabel, serverUrl, headers, authorization })`: one remote server, named by its
 * label, its `authorization` read as the token header it is sent in (a connector, `connectorId`, has no URL).
 */
function hostedTool(r: Resolver, call: TsNode, kind: string, first: TsNode | undefined): ClientSpec[] {
  if (!first || r.deref(first).type !== "object") return [];
  const token = r.prop(first, "authorization");
  const url = r.prop(first, "serverUrl");
  return [{ ...named(r, first, "serverLabel"), ...(url ? { url } : {}), headers: whenSet(r, r.prop(first, "headers")), ...(token ? { token } : {}), node: call, at: callee(call), kind, transport: "http" }];
}

/** A literal `name: "..."` (or the option `key` names the server with). */
function named(r: Resolver, o: TsNode | undefined, key = "name"): { name?: string } {
  const n = r.prop(o, key);
  const v = n ? r.value(n) : undefined;
  return v?.ref.kind === "literal" ? { name: v.raw } : {};
}

/** `createMCPClient({ transport: { type, url, headers, authProvider } })`; a transport object is read where it is made. */
function aiSdkClient(r: Resolver, call: TsNode, kind: string, first: TsNode | undefined): ClientSpec[] {
  const t = r.prop(first, "transport");
  const config = t ? r.deref(t) : undefined;
  if (config?.type !== "object" || (r.prop(config, "url") === undefined && r.prop(config, "type") === undefined)) return [];
  const type = r.prop(config, "type");
  const transport: Transport = type && r.stringOf(type) === "sse" ? "sse" : "http";
  return [{ ...remoteOptions(r, config, true), node: call, at: callee(call), kind, transport }];
}

/** The transport a LangChain connection or a Mastra definition names, else the one its keys imply. */
function transportOf(r: Resolver, def: TsNode): Transport {
  const t = r.prop(def, "transport") ?? r.prop(def, "type");
  const named = t ? r.stringOf(t) : undefined;
  if (named === "stdio" || named === "sse") return named;
  if (named !== undefined && /^(?:http|streamable[-_]?http)$/i.test(named)) return "http";
  return r.prop(def, "command") !== undefined ? "stdio" : "http";
}

/** How a wrapper's server map reads: headers flat or in requestInit; which entries are servers (all, by default); a token option. */
interface MapShape {
  readonly flat: boolean;
  readonly isServer?: (r: Resolver, def: TsNode) => boolean;
  readonly tokens?: readonly string[];
}

const MASTRA: MapShape = { flat: false };
const LANGCHAIN: MapShape = { flat: true };
const MCP_USE_MAP: MapShape = { flat: true, tokens: ["authToken", "auth_token"] };
/** LangChain before 0.4: the map is the argument, beside the options; an entry is a server when it says how to reach one. */
const LANGCHAIN_BARE: MapShape = { flat: true, isServer: (r, def) => ["command", "url", "transport"].some((k) => r.prop(def, k) !== undefined) };

/** One server of a map (or Mastra's single one): its definition's keys, as stdio or remote. */
function mapServer(r: Resolver, def: TsNode, shape: MapShape): Partial<ClientSpec> & { transport: Transport } {
  const transport = transportOf(r, def);
  if (transport === "stdio") return { ...stdioOptions(r, def), transport };
  const token = (shape.tokens ?? []).map((k) => r.prop(def, k)).find((t) => t !== undefined);
  return { ...remoteOptions(r, def, shape.flat), ...(token ? { token } : {}), transport };
}

/** `new MultiServerMCPClient({ mcpServers: {...} })`, or the older `new MultiServerMCPClient({ name: conn })`. */
function langchain(r: Resolver, ne: TsNode, kind: string, first: TsNode | undefined): ClientSpec[] {
  const servers = r.prop(first, "mcpServers");
  return servers ? serverMap(r, ne, kind, servers, LANGCHAIN) : serverMap(r, ne, kind, first, LANGCHAIN_BARE);
}

/**
 * `new MCPClient({...})`: mcp-use's `mcpServers` map, Mastra's `servers` map, or VoltAgent's one
 * `server` (the same definition as its MCPConfiguration's; `clientInfo.name` names the client).
 */
function mcpClient(r: Resolver, ne: TsNode, kind: string, first: TsNode | undefined): ClientSpec[] {
  const mcpUse = r.prop(first, "mcpServers");
  if (mcpUse) return serverMap(r, ne, kind, mcpUse, MCP_USE_MAP);
  const server = r.prop(first, "server");
  if (server && !r.prop(first, "servers")) return single(r, ne, kind, first, "server", false);
  return serverMap(r, ne, kind, r.prop(first, "servers"), MASTRA);
}

/**
 * One server defined under `key` of the options (Mastra's `new MastraMCPClient({ name, server })`, Genkit's
 * `createMcpClient({ name, mcpServer })`), named by the options' `name` when that names it.
 */
function single(r: Resolver, ne: TsNode, kind: string, first: TsNode | undefined, key: string, nameIt = true): ClientSpec[] {
  const def = r.prop(first, key);
  const d = def ? r.deref(def) : undefined;
  return d?.type === "object" ? [{ ...mapServer(r, d, MASTRA), ...(nameIt ? named(r, first) : {}), node: ne, at: callee(ne), kind }] : [];
}

/** The two values a choice may give: `c ? a : b`, `a || b`, `a ?? b`; none for any other expression. */
function alternatives(n: TsNode): TsNode[] | undefined {
  if (n.type === "ternary_expression") return [n.childForFieldName("consequence"), n.childForFieldName("alternative")].filter((x): x is TsNode => x !== null);
  const op = n.type === "binary_expression" ? n.childForFieldName("operator")?.type : undefined;
  if (op !== "||" && op !== "??") return undefined;
  return [n.childForFieldName("left"), n.childForFieldName("right")].filter((x): x is TsNode => x !== null);
}

/**
 * The servers of a map written in the file (`{ github: {...}, ...shared }`, through consts):
 * each named by its key, and located there. A map built at run time gives none.
 */
function serverMap(r: Resolver, ne: TsNode, kind: string, map: TsNode | undefined, shape: MapShape, depth = 0): ClientSpec[] {
  const obj = map ? r.deref(map) : undefined;
  if (!obj || depth > 8) return [];
  // `url ? { zapier: {...} } : {}`, `config.mcpServers || { playwright: {...} }`: the maps written here, either of which may run.
  const either = alternatives(obj);
  if (either) return either.flatMap((m) => serverMap(r, ne, kind, m, shape, depth + 1));
  if (obj.type !== "object") return [];
  const out: ClientSpec[] = [];
  for (const entry of kids(obj)) {
    if (entry.type === "spread_element") {
      out.push(...serverMap(r, ne, kind, kids(entry)[0], shape, depth + 1));
      continue;
    }
    const key = entry.type === "pair" ? entry.childForFieldName("key") : entry.type === "shorthand_property_identifier" ? entry : null;
    const value = entry.type === "pair" ? entry.childForFieldName("value") : entry;
    const def = value ? r.deref(value) : undefined;
    if (!key || def?.type !== "object" || (shape.isServer && !shape.isServer(r, def))) continue;
    const name = key.type === "shorthand_property_identifier" ? r.src(key) : r.keyText(key);
    out.push({ ...mapServer(r, def, shape), ...(name !== undefined ? { name } : {}), node: ne, at: key, kind });
  }
  return out;
}
