/**
 * Docker cagent (docker/cagent, pkg/config/latest/types.go): an agent team in YAML, `agents: { <name>: { toolsets:
 * [...] } }`. A toolset of `type: mcp` is an MCP server: a local one (`command`, `args`, `env`), a remote one
 * (`remote: { url, transport_type, headers }`), or a server of Docker's MCP catalog (`ref: docker:<name>`, run
 * through the Docker MCP gateway, its secrets in Docker's store). `tools` narrows the tools the agent sees.
 */
import { get, isArray, isObject, str, type DocEntry, type DocNode, type DocObject } from "../../parse/doc.js";
import type { Adapter, AdapterInput } from "../adapter.js";
import { readServerEntry } from "../server-entry.js";
import type { McpServer } from "../types.js";

export const dockerCagentAdapter: Adapter = (input) => {
  const servers = input.docs.flatMap((d) => {
    const agents = get(d, "agents");
    return isObject(agents) ? agents.entries.flatMap((a) => agentServers(input, a)) : [];
  });
  return { servers, policies: [], diagnostics: [] };
};

/** Whether the parsed file is a cagent config with at least one MCP toolset. */
export function isCagentConfig(docs: readonly DocNode[]): boolean {
  const agents = get(docs[0], "agents");
  return docs.length === 1 && isObject(agents) && agents.entries.some((a) => mcpToolsets(a.value).length > 0);
}

function mcpToolsets(agent: DocNode): { node: DocObject; index: number }[] {
  const toolsets = get(agent, "toolsets");
  if (!isArray(toolsets)) return [];
  return toolsets.items.flatMap((t, index) => (isObject(t) && str(get(t, "type")) === "mcp" ? [{ node: t, index }] : []));
}

function agentServers(input: AdapterInput, agent: DocEntry): McpServer[] {
  return mcpToolsets(agent.value).map(({ node, index }) => {
    const path = `agents.${agent.key}.toolsets[${index}]`;
    const ref = str(get(node, "ref"));
    // The remote block's fields are the entry's own (`url`, `headers`; `transport_type` is its type).
    const remote = get(node, "remote");
    const remoteEntries = isObject(remote) ? remote.entries : [];
    const entries = [
      ...node.entries.filter((e) => e.key !== "remote" && e.key !== "type"),
      ...remoteEntries.map((e) => (e.key === "transport_type" ? { ...e, key: "type" } : e)),
    ];
    const name = ref ? `${agent.key}/${ref.replace(/^docker:/, "")}` : `${agent.key}/toolsets[${index}]`;
    const s = readServerEntry(input, { name, node: { ...node, entries }, nameSpan: (get(node, "ref") ?? node).span, path });
    // A catalog server runs in Docker's MCP gateway; an entry with neither command nor URL is that, not unknown.
    return ref && s.transport === "unknown" ? { ...s, transport: "stdio" } : s;
  });
}
