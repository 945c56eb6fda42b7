/**
 * OpenHands' `config.toml` (V0 and its CLI; openhands/core/config/mcp_config.py): the `[mcp]` table of the
 * working folder's `config.toml` or `~/.openhands/config.toml`. `sse_servers` and `shttp_servers` hold a URL
 * or `{ url, api_key }` (the key is sent as `Authorization: Bearer`); `stdio_servers` hold `{ name, command,
 * args, env }`. Remote entries have no name: a server is named by its place in the list.
 */
import { get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import type { Adapter, AdapterInput } from "../adapter.js";
import { readServerEntry } from "../server-entry.js";
import type { McpServer, Transport } from "../types.js";

/** The lists of `[mcp]`, and the transport of a URL in each. */
const LISTS: readonly (readonly [string, Transport])[] = [
  ["sse_servers", "sse"],
  ["shttp_servers", "http"],
  ["stdio_servers", "stdio"],
];

export const openhandsConfigAdapter: Adapter = (input) => {
  const servers = input.docs.flatMap((d) => {
    const mcp = get(d, "mcp");
    return LISTS.flatMap(([key, transport]) => listServers(input, get(mcp, key), `mcp.${key}`, transport));
  });
  return { servers, policies: [], diagnostics: [] };
};

function listServers(input: AdapterInput, list: DocNode | undefined, path: string, transport: Transport): McpServer[] {
  if (!isArray(list)) return [];
  return list.items.flatMap((item, i) => {
    // A bare string is the server's URL (`sse_servers = ["http://host:8080/mcp"]`).
    const node: DocNode | undefined = item.type === "string" ? { type: "object", span: item.span, entries: [{ key: "url", keySpan: item.span, value: item }] } : isObject(item) ? item : undefined;
    if (!node) return [];
    const nameNode = get(node, "name");
    const name = str(nameNode) ?? `${path.slice("mcp.".length)}[${i}]`;
    return [readServerEntry(input, { name, node, nameSpan: nameNode?.span ?? item.span, path: `${path}[${i}]`, urlDefault: transport })];
  });
}
