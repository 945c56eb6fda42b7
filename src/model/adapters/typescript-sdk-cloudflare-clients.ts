/**
 * MCP clients of Cloudflare's Agents SDK (`agents`), read for the client side of the SDK adapter:
 * an agent connects to a server with `this.addMcpServer(name, url, callbackHost?, agentsPrefix?,
 * options?)`, or (later versions) `this.addMcpServer(name, url, { callbackHost?, callbackPath?,
 * transport? })`, or through its client manager, `this.mcp.connect(url, { transport? })`. The
 * transport options are `{ headers?, type?: "sse" | "streamable-http" | "auto", authProvider? }`;
 * "auto", the default, tries streamable HTTP first. Given a callback host or path, the agent runs
 * the OAuth flow itself (its own provider keeps the tokens in the agent's storage): an OAuth
 * credential, as an `authProvider` is. Only a file that imports from `agents` counts.
 */
import type { TsNode } from "../../parse/typescript.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import { remoteOptions, whenSet, type ClientSpec } from "./typescript-sdk-clients.js";
import { argsOf, type Resolver } from "./ts-values.js";

const AGENTS = /^agents(?:\/|$)/;

/** The servers the Cloudflare agents of this file connect to. */
export function cloudflareAgentClients(r: Resolver, root: TsNode): ClientSpec[] {
  const imports = nodesOfType(root, "import_statement").some((imp) => {
    const source = imp.childForFieldName("source");
    const module = source ? r.stringOf(source) : undefined;
    return module !== undefined && AGENTS.test(module);
  });
  if (!imports) return [];
  const out: ClientSpec[] = [];
  for (const call of nodesOfType(root, "call_expression")) {
    const f = call.childForFieldName("function");
    const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
    const method = f?.type === "member_expression" ? r.src(f.childForFieldName("property") ?? f) : undefined;
    if (!f || !obj) continue;
    if (method === "addMcpServer" && obj.type === "this") out.push(...addMcpServer(r, call, f));
    else if (method === "connect" && r.src(obj).replace(/\s+/g, "") === "this.mcp") out.push(...managerConnect(r, call, f));
  }
  return out;
}

/** `this.addMcpServer(name, url, callbackHost, agentsPrefix, options)` or `this.addMcpServer(name, url, options)`. */
function addMcpServer(r: Resolver, call: TsNode, at: TsNode): ClientSpec[] {
  const [name, url, third, , fifth] = argsOf(call);
  if (!name || !url) return [];
  const given = third ? whenSet(r, third) : undefined;
  const withOptions = given !== undefined && r.deref(given).type === "object";
  const options = withOptions ? given : fifth ? whenSet(r, fifth) : undefined;
  const callback = withOptions ? (r.prop(options, "callbackHost") ?? r.prop(options, "callbackPath")) : third && !["undefined", "null"].includes(r.src(third)) ? third : undefined;
  const literal = r.stringOf(name);
  return [spec(r, call, at, "addMcpServer", url, options, callback, literal)];
}

/** `this.mcp.connect(url, { transport })` of the agent's MCPClientManager. */
function managerConnect(r: Resolver, call: TsNode, at: TsNode): ClientSpec[] {
  const [url, options] = argsOf(call);
  return url ? [spec(r, call, at, "mcp.connect", url, options ? whenSet(r, options) : undefined, undefined, undefined)] : [];
}

function spec(r: Resolver, call: TsNode, at: TsNode, kind: string, url: TsNode, options: TsNode | undefined, callback: TsNode | undefined, name: string | undefined): ClientSpec {
  const transportOptions = whenSet(r, r.prop(options, "transport"));
  const type = r.prop(transportOptions, "type");
  const remote = remoteOptions(r, transportOptions, true);
  return {
    ...remote,
    url,
    ...(remote.authProvider || !callback ? {} : { authProvider: callback }),
    ...(name !== undefined ? { name } : {}),
    node: call,
    at,
    kind,
    transport: type && r.stringOf(type) === "sse" ? "sse" : "http",
  };
}
