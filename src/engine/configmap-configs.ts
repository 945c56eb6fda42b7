/**
 * MCP configuration files kept in a Kubernetes ConfigMap: a `data` value that is a client's or a
 * gateway's whole file (`mcp.json: |` with `mcpServers`, an agentgateway `config.yaml`, a ToolHive
 * authz JSON), mounted into a pod that reads it as that file. Each is read by the catalog format
 * its key names (`.mcp.json`), else by the one its content matches, as a file of that name would be.
 *
 * Only values whose text is in the manifest as written are read: a literal block scalar (`|`) or a
 * one-line plain or single-quoted scalar. Their parse is shifted to the manifest's offsets, so every
 * server, credential and finding points at its line and column inside the ConfigMap. A value with
 * escapes (a double-quoted JSON string) or a folded one (`>`) is not read: its positions are not the
 * manifest's, and a wrong position is worse than none (the text scan still covers it).
 */
import { classifyPath } from "../catalog/classify.js";
import { SNIFFED_FORMATS, type FormatSpec } from "../catalog/formats.js";
import { SNIFF_WORDS } from "../catalog/sniff-words.js";
import type { LineIndex, Span } from "../model/location.js";
import { get, isObject, str, type DocNode } from "../parse/doc.js";
import { parseHelmTemplate } from "../parse/helm-template.js";
import { parseStructured, type ParsedDocument, type StructuredSyntax } from "../parse/index.js";
import { toolhiveAuthzConfigMaps } from "../model/adapters/toolhive.js";
import { kubeKindLine, kubeObjects } from "./kube-lists.js";
import { escapeRegExp } from "../util/escape-regexp.js";

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
const MCP_CONFIG_WORDS = new RegExp(
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

/** One MCP configuration file found in a ConfigMap's `data`. */
export interface ConfigMapConfig {
  /** The ConfigMap's `metadata.name` (or `#<n>` for one without). */
  readonly configMap: string;
  /** The `data` key: the file name it is mounted under. */
  readonly key: string;
  readonly spec: FormatSpec;
  readonly syntax: StructuredSyntax;
  /** The value parsed, its spans in the manifest's offsets. */
  readonly parsed: ParsedDocument;
}

/** Syntaxes a value can be read in: those with a parser that keeps the value's own offsets. */
const READABLE: ReadonlySet<string> = new Set(["json", "jsonc", "yaml", "toml"]);

/** The MCP configuration files in the ConfigMaps of a manifest. */
export function configMapConfigs(rel: string, text: string, lines: LineIndex): ConfigMapConfig[] {
  if (!MANIFEST_FILE.test(rel) || !mayHoldMcpConfig(text)) return [];
  const manifest = text.includes("{{") ? (parseHelmTemplate(text) ?? parseStructured("yaml", text)) : parseStructured("yaml", text);
  const out: ConfigMapConfig[] = [];
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
        if (found) out.push({ configMap: name, key: e.key, ...found });
      }
    }
  });
  return out;
}

/**
 * Where a string value's text sits in the manifest, when it is there as written: the lines of a
 * literal block scalar below its indicator (each still indented, which neither JSON nor a YAML
 * document indented as a whole minds), or a one-line plain or single-quoted scalar. Undefined for
 * anything whose text the parser changed (escapes, folding, `''`).
 */
export function valueRegion(text: string, span: Span, value: string): Span | undefined {
  const raw = text.slice(span.start, span.end);
  if (raw.startsWith("|")) {
    // Lines end in LF, CRLF or a lone CR (YAML takes all three).
    const br = /\r\n?|\n/.exec(raw);
    if (!br) return undefined;
    const start = span.start + br.index + br[0].length;
    return sameLines(text.slice(start, span.end), value) ? { start, end: span.end } : undefined;
  }
  if (/[\r\n]/.test(raw) || raw.startsWith(">")) return undefined;
  const quote = raw.startsWith("'") ? 1 : 0;
  if (raw.startsWith('"')) return undefined;
  const inner = raw.slice(quote, raw.length - quote);
  return inner === value ? { start: span.start + quote, end: span.end - quote } : undefined;
}

/** Do the block's lines, each without the indentation of the first, give the value (up to trailing line breaks)? */
function sameLines(block: string, value: string): boolean {
  const lines = block.split(/\r\n?|\n/);
  const first = lines.find((l) => l.trim() !== "");
  if (first === undefined) return false;
  const indent = first.length - first.trimStart().length;
  const pad = first.slice(0, indent);
  if (/[^ ]/.test(pad)) return false;
  const dedented = lines.map((l) => (l.startsWith(pad) ? l.slice(indent) : l.trim() === "" ? "" : undefined));
  if (dedented.some((l) => l === undefined)) return false;
  return withoutFinalBreaks(dedented.join("\n")) === withoutFinalBreaks(value.replace(/\r\n?/g, "\n"));
}

/** The text without its final line breaks (a block scalar's chomping), by a scan from the end: `\n+$` would backtrack over every run of them. */
function withoutFinalBreaks(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return s.slice(0, end);
}

/**
 * The format a value is a file of, and its parse: by the key as a file name (`.mcp.json`), else by
 * content among the formats recognised by content (the manifest reader itself aside). A value that
 * does not parse whole is not read (a template, a fragment): half a config would mislead.
 */
function readAs(key: string, value: string, offset: number, lines: LineIndex): { spec: FormatSpec; syntax: StructuredSyntax; parsed: ParsedDocument } | undefined {
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

/** A parse of a value, moved to where the value starts in the manifest. */
function shifted(parsed: ParsedDocument, offset: number, lines: LineIndex): ParsedDocument {
  const span = (s: Span): Span => ({ start: s.start + offset, end: s.end + offset });
  // A YAML alias is one node reached twice: moved once, shared as it was.
  const done = new Map<DocNode, DocNode>();
  const node = (n: DocNode): DocNode => {
    const seen = done.get(n);
    if (seen) return seen;
    const moved: DocNode =
      n.type === "object"
        ? { type: "object", span: span(n.span), entries: n.entries.map((e) => ({ key: e.key, keySpan: span(e.keySpan), value: node(e.value) })) }
        : n.type === "array"
          ? { type: "array", span: span(n.span), items: n.items.map(node) }
          : { type: n.type, span: span(n.span), value: n.value };
    done.set(n, moved);
    return moved;
  };
  return {
    docs: parsed.docs.map(node),
    problems: parsed.problems.map((p) => ({ ...p, span: span(p.span) })),
    ...(parsed.warnings ? { warnings: parsed.warnings.map((w) => ({ ...w, span: span(w.span) })) } : {}),
    comments: parsed.comments.map((c) => ({ ...c, span: span(c.span), line: lines.position(c.span.start + offset).line })),
    ...(parsed.unread ? { unread: parsed.unread.map(span) } : {}),
  };
}
