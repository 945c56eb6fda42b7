/**
 * Cursor approvals: `permissions.json` (`mcpAllowlist`: MCP tools that run
 * with no approval) and the CLI's `cli-config.json` / `.cursor/cli.json`
 * (`permissions.allow` / `deny` with `Mcp(server, tool)` patterns).
 */
import { get, strings, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import { PolicyDraft, isWildcard } from "./common.js";

const CLIENT = "cursor";

function readAllowlist(d: PolicyDraft, doc: DocNode): void {
  for (const item of strings(get(doc, "mcpAllowlist"))) {
    d.rule("allow", item.value, item.node);
    if (isWildcard(item.value)) d.setting("mcpAllowlist", item.node, "permissive", `MCP tools matching '${item.value}' run with no approval`);
  }
}

/**
 * `Mcp(server, tool)`, or `Mcp(server:tool)` as Cursor's other CLI patterns
 * write a qualifier (`Shell(curl:*)`): the server and tool parts, `*` when absent.
 */
function mcpPattern(p: string): { server: string; tool: string } | undefined {
  const m = /^Mcp\(\s*([^,)]*?)\s*(?:,\s*([^)]*?)\s*)?\)$/.exec(p);
  if (!m) return undefined;
  const first = m[1] ?? "";
  const colon = m[2] === undefined ? first.indexOf(":") : -1;
  if (colon > 0) return { server: first.slice(0, colon).trim() || "*", tool: first.slice(colon + 1).trim() || "*" };
  return { server: first || "*", tool: m[2] || "*" };
}

function readCli(d: PolicyDraft, doc: DocNode): void {
  for (const item of strings(get(doc, "permissions", "deny"))) if (mcpPattern(item.value)) d.rule("deny", item.value, item.node);
  for (const item of strings(get(doc, "permissions", "allow"))) {
    const m = mcpPattern(item.value);
    if (!m) continue;
    d.rule("allow", item.value, item.node);
    if (m.server === "*" || isWildcard(m.server)) d.setting("permissions.allow", item.node, "permissive", "every tool of every MCP server runs with no approval");
    else if (m.tool === "*") d.setting("permissions.allow", item.node, "permissive", `every tool of MCP server '${m.server}' runs with no approval`);
  }
}

function adapt(input: AdapterInput) {
  const cli = /(cli-config|cli)\.json$/.test(input.file);
  const policies = input.docs.map((doc) => {
    const d = new PolicyDraft(input, "client");
    d.setDefault("ask", cli ? "the Cursor CLI asks before MCP calls no allow rule names" : "MCP tools outside `mcpAllowlist` ask for approval");
    if (cli) readCli(d, doc);
    else readAllowlist(d, doc);
    return d.build(CLIENT);
  });
  return { servers: [], policies, diagnostics: [] };
}

export const cursorPermissionsAdapter: Adapter = adapt;
