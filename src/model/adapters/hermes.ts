/**
 * Hermes Agent (NousResearch/hermes-agent): `mcp_servers` in `~/.hermes/config.yaml` (HERMES_HOME moves it), a map of
 * servers by name: `command`, `args`, `env` (stdio) or `url`, `headers` (HTTP), `enabled`, and a `tools` block whose
 * `include` / `exclude` (a name or a list) filter the server's tools (website/docs/reference/mcp-config-reference.md).
 */
import { entry, get, isObject, type DocEntry, type DocNode } from "../../parse/doc.js";
import type { Adapter } from "../adapter.js";
import { serversFromMap } from "./server-maps.js";

export const hermesAdapter: Adapter = (input) => {
  const servers = input.docs.flatMap((d) => serversFromMap(input, withToolFilters(get(d, "mcp_servers")), "mcp_servers"));
  return { servers, policies: [], diagnostics: [] };
};

/** The map with each entry's `tools.include` / `tools.exclude` written as the `includeTools` / `excludeTools` the entry reader knows. */
function withToolFilters(map: DocNode | undefined): DocNode | undefined {
  if (!isObject(map)) return map;
  return { ...map, entries: map.entries.map((e) => (isObject(e.value) && isObject(get(e.value, "tools")) ? { ...e, value: { ...e.value, entries: filterEntries(e.value.entries) } } : e)) };
}

function filterEntries(entries: readonly DocEntry[]): DocEntry[] {
  const tools = entries.find((e) => e.key === "tools")?.value;
  const renamed = (key: string, as: string): DocEntry[] => {
    const e = entry(tools, key);
    if (!e) return [];
    // A single name is a list of one.
    const value: DocNode = e.value.type === "string" ? { type: "array", span: e.value.span, items: [e.value] } : e.value;
    return [{ ...e, key: as, value }];
  };
  return [...entries.filter((e) => e.key !== "tools"), ...renamed("include", "includeTools"), ...renamed("exclude", "excludeTools")];
}
