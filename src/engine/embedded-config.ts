/**
 * An MCP configuration file carried inside another file as one of its YAML string values: a
 * Kubernetes ConfigMap's `data` value (configmap-configs.ts), a Helm values key the chart renders
 * into the file a pod mounts (helm-value-configs.ts), a GitHub Actions step's `mcp_config` input
 * (workflow-mcp-configs.ts). Each is read as that file would be, its parse moved to the outer file's
 * offsets, so every server, credential and finding points at its line and column in the outer file.
 *
 * Only values whose text is in the outer file as written are read: a literal block scalar (`|`) or a
 * one-line plain or single-quoted scalar. A value with escapes (a double-quoted JSON string) or a
 * folded one (`>`) is not: its positions are not the file's, and a wrong position is worse than none
 * (the text scan still covers it).
 */
import type { FormatSpec } from "../catalog/formats.js";
import type { LineIndex, Span } from "../model/location.js";
import type { McpServer } from "../model/types.js";
import type { DocNode } from "../parse/doc.js";
import type { ParsedDocument, StructuredSyntax } from "../parse/index.js";

/** One MCP configuration file found inside another file, read by `spec`. */
export interface EmbeddedConfig {
  readonly spec: FormatSpec;
  readonly syntax: StructuredSyntax;
  /** The value parsed, its spans in the outer file's offsets. */
  readonly parsed: ParsedDocument;
  /** Marks a server read from it with where it is kept (a ConfigMap, a Helm value). */
  readonly place: (server: McpServer) => McpServer;
}

/**
 * Where a string value's text sits in the file, when it is there as written: the lines of a literal
 * block scalar below its indicator (each still indented, which neither JSON nor a YAML document
 * indented as a whole minds), or a one-line plain or single-quoted scalar. Undefined for anything
 * whose text the parser changed (escapes, folding, `''`).
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

/** A parse of a value, moved to where the value starts in the outer file. */
export function shifted(parsed: ParsedDocument, offset: number, lines: LineIndex): ParsedDocument {
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
