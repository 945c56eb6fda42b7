/**
 * Adapters for the clients whose files hold a map (or list) of server entries:
 * most of the catalog. Each adapter only says where the entries live.
 */
import { get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import type { Adapter, AdapterInput } from "../adapter.js";
import { readServerEntry } from "../server-entry.js";
import type { AdapterOutput, McpServer, Transport } from "../types.js";

interface MapOptions {
  readonly urlDefault?: Transport;
}

/** Servers from a `{ name: entry }` map at `prefix`; recurses into Lasso-style nested `servers`. */
export function serversFromMap(input: AdapterInput, map: DocNode | undefined, prefix: string, opts: MapOptions = {}): McpServer[] {
  const out: McpServer[] = [];
  if (!isObject(map)) return out;
  for (const e of map.entries) {
    if (!isObject(e.value)) continue;
    const path = `${prefix}.${e.key}`;
    out.push(readServerEntry(input, { name: e.key, node: e.value, nameSpan: e.keySpan, path, ...(opts.urlDefault ? { urlDefault: opts.urlDefault } : {}) }));
    const nested = get(e.value, "servers");
    if (isObject(nested)) out.push(...serversFromMap(input, nested, `${path}.servers`, opts));
  }
  return out;
}

/** Servers from a list of entries that carry `name` (Continue). */
export function serversFromList(input: AdapterInput, list: DocNode | undefined, prefix: string): McpServer[] {
  const out: McpServer[] = [];
  if (!isArray(list)) return out;
  list.items.forEach((item, i) => {
    if (!isObject(item)) return;
    const nameEntry = item.entries.find((e) => e.key === "name");
    const name = str(nameEntry?.value) ?? `#${i}`;
    out.push(readServerEntry(input, { name, node: item, nameSpan: nameEntry?.value.span ?? item.span, path: `${prefix}[${i}]` }));
  });
  return out;
}

function output(servers: McpServer[]): AdapterOutput {
  return { servers, policies: [], diagnostics: [] };
}

function eachDoc(input: AdapterInput, f: (doc: DocNode) => McpServer[]): AdapterOutput {
  return output(input.docs.flatMap(f));
}

/** `mcpServers` map at the top level (Claude Desktop, .mcp.json, Cursor, Windsurf, Cline, Roo, Kiro, Amazon Q, Gemini, Copilot). */
export const mcpServersAdapter: Adapter = (input) => eachDoc(input, (d) => serversFromMap(input, get(d, "mcpServers"), "mcpServers"));

/** Cline: a URL entry with no type is SSE. */
export const clineAdapter: Adapter = (input) => eachDoc(input, (d) => serversFromMap(input, get(d, "mcpServers"), "mcpServers", { urlDefault: "sse" }));

/** ~/.claude.json: user servers plus per-project local servers. */
export const claudeUserAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const servers = serversFromMap(input, get(d, "mcpServers"), "mcpServers");
    const projects = get(d, "projects");
    if (isObject(projects)) {
      for (const p of projects.entries) {
        servers.push(...serversFromMap({ ...input, scope: "local" }, get(p.value, "mcpServers"), `projects.${p.key}.mcpServers`));
      }
    }
    return servers;
  });

/** VS Code: `.vscode/mcp.json` (`servers`), settings (`mcp.servers`), `.code-workspace` (`settings.mcp.servers`). */
export const vscodeAdapter: Adapter = (input) =>
  eachDoc(input, (d) => [
    ...serversFromMap(input, get(d, "servers"), "servers"),
    ...serversFromMap(input, get(d, "mcp", "servers"), "mcp.servers"),
    ...serversFromMap(input, get(d, "settings", "mcp", "servers"), "settings.mcp.servers"),
  ]);

/** Zed: `context_servers`. */
export const zedAdapter: Adapter = (input) => eachDoc(input, (d) => serversFromMap(input, get(d, "context_servers"), "context_servers"));

/** opencode: `mcp` map; `.agents/mcp.json` is a bare map. */
export const opencodeAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    if (get(d, "mcp")) return serversFromMap(input, get(d, "mcp"), "mcp");
    if (input.file.endsWith(".agents/mcp.json") || input.file === ".agents/mcp.json") {
      const inner = get(d, "mcpServers") ?? d;
      return serversFromMap(input, inner, get(d, "mcpServers") ? "mcpServers" : "");
    }
    return [];
  });

/** Continue: `mcpServers` is a list of entries with `name`; JSON blocks use the Claude shape. */
export const continueAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const s = get(d, "mcpServers");
    return isArray(s) ? serversFromList(input, s, "mcpServers") : serversFromMap(input, s, "mcpServers");
  });

/** Goose: `extensions` map (builtin extensions are not MCP servers of their own). */
export const gooseAdapter: Adapter = (input) =>
  eachDoc(input, (d) => serversFromMap(input, get(d, "extensions"), "extensions").filter((s) => s.command || s.url));

/** Codex: `[mcp_servers.<name>]`; profiles may carry their own. */
export const codexAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const servers = serversFromMap(input, get(d, "mcp_servers"), "mcp_servers");
    const profiles = get(d, "profiles");
    if (isObject(profiles)) {
      for (const p of profiles.entries) servers.push(...serversFromMap(input, get(p.value, "mcp_servers"), `profiles.${p.key}.mcp_servers`));
    }
    return servers;
  });
