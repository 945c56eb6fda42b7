/**
 * MCP configuration a Helm chart's values file carries for the chart to render into the file a pod
 * reads: a key whose value is a client's or gateway's whole file as a literal block scalar (LibreChat's
 * chart: `librechat.configYamlContent: |`, the librechat.yaml its ConfigMap holds; an mcpo chart's
 * `config.json: |`), or an `mcpServers` map written as values (`config: { mcpServers: ... }`, which the
 * chart's template writes out as JSON). The servers run where the chart deploys them, in the cluster.
 *
 * Only a file named as a values file (`values.yaml`, `values-prod.yaml`, `stacklok_values.yaml`) that
 * names an MCP configuration word is parsed; a block scalar is read where it is written
 * (embedded-config.ts), by the format its key names, else by its content.
 */
import { SNIFFED_FORMATS, type FormatSpec } from "../catalog/formats.js";
import type { LineIndex } from "../model/location.js";
import type { McpServer } from "../model/types.js";
import { isMcpServersMap } from "../model/adapters/server-maps.js";
import { isObject, type DocNode } from "../parse/doc.js";
import { parseStructured } from "../parse/index.js";
import { MCP_CONFIG_WORDS, readAs } from "./configmap-configs.js";
import { valueRegion, type EmbeddedConfig } from "./embedded-config.js";

/** A chart's values file, or one passed with `-f` beside it (`values.mcpo.yaml`, `prod-values.yaml`). */
const VALUES_FILE = /(?:^|\/)(?:[^/]*[._-])?values(?:[._-][^/]*)?\.ya?ml$/i;

/**
 * Values keys of public charts whose block scalar is a file of a known name (the key itself names
 * none): LibreChat's chart writes `librechat.configYamlContent` into its ConfigMap as `librechat.yaml`.
 */
const CHART_FILES: ReadonlyMap<string, string> = new Map([["librechat.configYamlContent", "librechat.yaml"]]);

/** The catalog's reader of an `mcpServers` map of a client it does not know by path. */
const SERVER_MAP = SNIFFED_FORMATS.find((f) => f.id === "mcp-servers-map") as FormatSpec;

/** The MCP configuration files and server maps a values file carries. */
export function helmValueConfigs(rel: string, text: string, lines: LineIndex): EmbeddedConfig[] {
  if (!VALUES_FILE.test(rel) || !MCP_CONFIG_WORDS.test(text)) return [];
  const parsed = parseStructured("yaml", text);
  const root = parsed.docs[0];
  if (parsed.docs.length !== 1 || !isObject(root)) return [];
  const out: EmbeddedConfig[] = [];
  const visit = (node: DocNode, path: string) => {
    if (!isObject(node)) return;
    // Below the top (a top-level `mcpServers` makes the whole file that reader's): the map and the keys beside it.
    if (path && node.entries.some((e) => e.key === "mcpServers") && isMcpServersMap([node])) {
      out.push({ spec: SERVER_MAP, syntax: "yaml", parsed: { docs: [node], problems: [], comments: [] }, place: placed(path) });
      return;
    }
    for (const e of node.entries) {
      const at = path ? `${path}.${e.key}` : e.key;
      const found = blockFile(text, lines, e.value, CHART_FILES.get(at) ?? e.key);
      if (found) out.push({ ...found, place: placed(at) });
      else visit(e.value, at);
    }
  };
  visit(root, "");
  return out;
}

/** A literal block scalar that is a whole MCP configuration file (read as `name` would be, else by content). */
function blockFile(text: string, lines: LineIndex, value: DocNode, name: string) {
  if (value.type !== "string") return undefined;
  const raw = value.value as string;
  if (text.charCodeAt(value.span.start) !== 124 /* | */ || !MCP_CONFIG_WORDS.test(raw)) return undefined;
  const region = valueRegion(text, value.span, raw);
  return region && readAs(name, text.slice(region.start, region.end), region.start, lines);
}

/** Marks a server with the values key that holds its configuration. */
function placed(path: string): (s: McpServer) => McpServer {
  return (s) => ({ ...s, helmValue: path });
}
