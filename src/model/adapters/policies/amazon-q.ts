/**
 * Amazon Q Developer agent files (`default.json`, `cli-agents/*.json`) and
 * Kiro CLI agent files (`.kiro/agents/*.json`, the same format): the agent's
 * own `mcpServers` plus `tools` (what the agent may use), `allowedTools` (what
 * runs with no prompt) and `useLegacyMcpJson` (Kiro: `includeMcpJson`).
 */
import { entry, get, str, strings } from "../../../parse/doc.js";
import type { Adapter } from "../../adapter.js";
import { amazonQAdapter } from "../server-maps.js";
import { PolicyDraft } from "./common.js";

/** The agent file adapter for `client` (`amazon-q` or `kiro`). */
const agentAdapter = (client: string): Adapter => (input) => {
  // Servers carry `allowedTools` grants (reported per server by tool-auto-approval).
  const servers = amazonQAdapter(input).servers;
  const granted = new Set(servers.flatMap((s) => s.tools.grants.filter((g) => g.key === "allowedTools").map((g) => `${g.loc.line}:${g.loc.column}`)));
  const policies = input.docs.map((doc) => {
    const d = new PolicyDraft(input, "client");
    d.setDefault("ask", "tools outside `allowedTools` prompt before they run");
    for (const item of strings(get(doc, "tools"))) {
      if (item.value === "*") d.setting("tools", item.node, "permissive", "the agent may use every tool of every server, including servers pulled in from legacy `mcp.json` files");
    }
    for (const item of strings(get(doc, "allowedTools"))) {
      if (!item.value.startsWith("@") || item.value === "@builtin") continue;
      d.rule("allow", item.value, item.node);
      const [server, tool] = item.value.slice(1).split("/", 2);
      const loc = input.lines.loc(input.file, item.node.span);
      if (granted.has(`${loc.line}:${loc.column}`)) continue;
      if (tool === undefined || tool === "*" || (server ?? "").includes("*")) {
        d.setting("allowedTools", item.node, "permissive", `every tool of ${server?.includes("*") ? `servers matching '${server}'` : `MCP server '${server ?? ""}'`} runs without a prompt`);
      }
    }
    for (const key of ["useLegacyMcpJson", "includeMcpJson"]) {
      const legacy = entry(doc, key);
      if (legacy && str(legacy.value) === "true") {
        d.setting(key, legacy.value, "permissive", "servers from the `mcp.json` files join this agent, outside its own `mcpServers` list");
      }
    }
    return d.build(client, "policy", servers);
  });
  return { servers, policies, diagnostics: [] };
};

export const amazonQAgentAdapter = agentAdapter("amazon-q");
export const kiroAgentAdapter = agentAdapter("kiro");
