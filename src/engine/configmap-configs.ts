/**
 * MCP configuration files kept in a Kubernetes ConfigMap: a `data` value that is a client's or a
 * gateway's whole file (`mcp.json: |` with `mcpServers`, an agentgateway `config.yaml`, a ToolHive
 * authz JSON), mounted into a pod that reads it as that file. Each is read by the catalog format
 * its key names (`.mcp.json`), else by the one its content matches, as a file of that name would be.
 *
 * Only values whose text is in the manifest as written are read (embedded-config.ts), so every
 * server, credential and finding points at its line and column inside the ConfigMap.
 */
import { classifyPath } from "../catalog/classify.js";
import { SNIFFED_FORMATS, type FormatSpec } from "../catalog/formats.js";
import { SNIFF_WORDS } from "../catalog/sniff-words.js";
import type { LineIndex } from "../model/location.js";
import { get, isObject, str } from "../parse/doc.js";
import { parseHelmTemplate } from "../parse/helm-template.js";
import { parseStructured, type ParsedDocument, type StructuredSyntax } from "../parse/index.js";
import { toolhiveAuthzConfigMaps } from "../model/adapters/toolhive.js";
import { kubeKindLine, kubeObjects } from "./kube-lists.js";
import { escapeRegExp } from "../util/escape-regexp.js";
import { shifted, valueRegion, type EmbeddedConfig } from "./embedded-config.js";

/** A line `kind: ConfigMap`: the cheap test before a manifest is parsed for its data. */
const KUBE_CONFIGMAP_KIND = kubeKindLine("ConfigMap");

/** The catalog's Kubernetes manifest format: the file a ConfigMap value is read out of, never a value's own format. */
export const MANIFEST_FORMAT = "kubernetes-mcp";

const MANIFEST_FILE = /\.ya?ml$/i;

/**
 * The words one of which every file a ConfigMap value can be read as holds (the sniffed formats'
 * words; `kind` aside, which every manifest has): a manifest with none (dashboards, app settings)
 * is not parsed for its data. A client file its key names holds `mcpServers`, one of them.
 */
export const MCP_CONFIG_WORDS = new RegExp(
  Object.entries(SNIFF_WORDS)
    .filter(([id]) => id !== MANIFEST_FORMAT)
    .flatMap(([, words]) => words)
    .map(escapeRegExp)
    .join("|"),
  "i",
);

/** Can this manifest's ConfigMaps hold an MCP configuration file (the cheap test before it is parsed)? */
export function mayHoldMcpConfig(text: string): boolean {
  return KUBE_CONFIGMAP_KIND.test(text) && MCP_CONFIG_WORDS.test(text);
}

/** Syntaxes a value can be read in: those with a parser that keeps the value's own offsets. */
const READABLE: ReadonlySet<string> = new Set(["json", "jsonc", "yaml", "toml"]);

/** The MCP configuration files in the ConfigMaps of a manifest. */
export function configMapConfigs(rel: string, text: string, lines: LineIndex): EmbeddedConfig[] {
  if (!MANIFEST_FILE.test(rel) || !mayHoldMcpConfig(text)) return [];
  const manifest = text.includes("{{") ? (parseHelmTemplate(text) ?? parseStructured("yaml", text)) : parseStructured("yaml", text);
  const out: EmbeddedConfig[] = [];
  // A ToolHive MCPServer of the same file reads its authz ConfigMap itself (model/adapters/toolhive.ts).
  const readByServer = toolhiveAuthzConfigMaps(manifest.docs);
  manifest.docs.forEach((doc, i) => {
    for (const cm of kubeObjects(doc, "ConfigMap")) {
      const data = get(cm, "data");
      if (!isObject(data)) continue;
      const name = str(get(cm, "metadata", "name")) ?? `#${i}`;
      for (const e of data.entries) {
        if (readByServer.has(`${name}\u0000${e.key}`)) continue;
        const region = e.value.type === "string" ? valueRegion(text, e.value.span, e.value.value as string) : undefined;
        const found = region && readAs(e.key, text.slice(region.start, region.end), region.start, lines);
        const key = e.key;
        // The servers carry the ConfigMap: the client that reads the file runs in a pod of the cluster.
        if (found) out.push({ ...found, place: (s) => ({ ...s, configMap: { name, key } }) });
      }
    }
  });
  return out;
}

/**
 * The format a value is a file of, and its parse: by the key as a file name (`.mcp.json`), else by
 * content among the formats recognised by content (the manifest reader itself aside). A value that
 * does not parse whole is not read (a template, a fragment): half a config would mislead.
 */
export function readAs(key: string, value: string, offset: number, lines: LineIndex): { spec: FormatSpec; syntax: StructuredSyntax; parsed: ParsedDocument } | undefined {
  const byKey = classifyPath(key);
  if (byKey && READABLE.has(byKey.syntax) && (!byKey.sniffText || byKey.sniffText.test(value))) {
    const syntax = byKey.syntax as StructuredSyntax;
    const parsed = parseStructured(syntax, value, byKey.strict === true);
    if (parsed.problems.length === 0 && (byKey.sniff?.(parsed.docs, value) ?? true)) return { spec: byKey, syntax, parsed: shifted(parsed, offset, lines) };
    return undefined;
  }
  const syntax = syntaxOf(key, value);
  if (!syntax) return undefined;
  const candidates = SNIFFED_FORMATS.filter((f) => f.id !== MANIFEST_FORMAT && (!f.sniffText || f.sniffText.test(value)));
  if (candidates.length === 0) return undefined;
  const parsed = parseStructured(syntax, value);
  if (parsed.problems.length > 0) return undefined;
  const spec = candidates.find((c) => c.sniff?.(parsed.docs, value) ?? true);
  return spec ? { spec, syntax, parsed: shifted(parsed, offset, lines) } : undefined;
}

/** By the key's extension, else by the text: a JSON object or list, else YAML. */
function syntaxOf(key: string, value: string): StructuredSyntax | undefined {
  if (/\.json$/i.test(key)) return "jsonc";
  if (/\.ya?ml$/i.test(key)) return "yaml";
  if (/\.[a-z0-9]+$/i.test(key) && !/\.(?:conf|config)$/i.test(key)) return undefined;
  return /^\s*[{[]/.test(value) ? "jsonc" : "yaml";
}

