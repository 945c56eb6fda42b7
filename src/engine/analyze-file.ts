/**
 * Turns one file's text into its part of the model: catalog files are parsed
 * and adapted into servers and policies; every file gets the secret scan.
 * Pure: text in, data out.
 */
import { classifyPath, sniffCandidates, sniffSyntax } from "../catalog/classify.js";
import type { FormatSpec } from "../catalog/formats.js";
import { walkDoc, type DocComment, type DocNode } from "../parse/doc.js";
import { parseStructured } from "../parse/index.js";
import { LineIndex, type Loc } from "../model/location.js";
import { classifyValue } from "../model/refs.js";
import type { ConfigValue, Diagnostic, McpServer, Policy } from "../model/types.js";
import { detectInValue, redact, scanText, secretHash, type SecretMatch } from "../secrets/index.js";
import type { ScannedFile, SecretHit } from "./model.js";

export interface FileAnalysis {
  readonly file: ScannedFile;
  readonly servers: McpServer[];
  readonly policies: Policy[];
  readonly secrets: SecretHit[];
  readonly diagnostics: Diagnostic[];
  /** Syntax problems of a catalog file (reported by the parse-error rule). */
  readonly parseProblems: { readonly loc: Loc; readonly message: string }[];
  readonly comments: DocComment[];
}

export function analyzeFile(rel: string, text: string, bytes: number): FileAnalysis {
  const lines = new LineIndex(text);
  const byPath = classifyPath(rel);
  if (byPath && byPath.syntax !== "typescript" && byPath.syntax !== "dotenv") {
    return analyzeStructured(rel, text, bytes, lines, byPath, byPath.syntax);
  }
  const candidates = sniffCandidates(rel, text);
  if (candidates.length > 0) {
    const syntax = sniffSyntax(rel);
    const parsed = parseStructured(syntax, text);
    if (parsed.problems.length === 0) {
      const spec = candidates.find((c) => c.sniff?.(parsed.docs, text) ?? true);
      if (spec) return analyzeStructured(rel, text, bytes, lines, spec, syntax, parsed);
    }
  }
  return analyzeText(rel, text, bytes, lines);
}

function analyzeText(rel: string, text: string, bytes: number, lines: LineIndex): FileAnalysis {
  const secrets = scanText(text).map((m) => toHit(m, rel, lines, 0, "text"));
  return { file: { path: rel, format: "text", bytes }, servers: [], policies: [], secrets, diagnostics: [], parseProblems: [], comments: [] };
}

function analyzeStructured(
  rel: string,
  text: string,
  bytes: number,
  lines: LineIndex,
  spec: FormatSpec,
  syntax: "json" | "jsonc" | "yaml" | "toml",
  preParsed?: ReturnType<typeof parseStructured>,
): FileAnalysis {
  const parsed = preParsed ?? parseStructured(syntax, text);
  const diagnostics: Diagnostic[] = [];
  const parseProblems = parsed.problems.map((p) => ({ loc: lines.loc(rel, p.span), message: p.message }));
  for (const p of parseProblems) diagnostics.push({ level: "warning", code: "parse-error", message: `${rel}:${p.loc.line}:${p.loc.column}: ${p.message}`, file: rel, loc: p.loc });
  const file: ScannedFile = { path: rel, format: spec.id, client: spec.client, bytes };
  // A file that does not parse is not modelled: a half-read config would mislead.
  if (parsed.problems.length > 0 && syntax !== "yaml") {
    return { file, servers: [], policies: [], secrets: scanText(text).map((m) => toHit(m, rel, lines, 0, "text")), diagnostics, parseProblems, comments: parsed.comments };
  }
  const out = spec.adapter({ file: rel, text, docs: parsed.docs, lines, client: spec.client, scope: spec.scope, syntaxes: spec.syntaxes });
  diagnostics.push(...out.diagnostics);
  const structured = structuredSecrets(rel, text, lines, spec, parsed.docs, out.servers);
  // A YAML file with syntax errors is modelled from the documents that parsed; the text scan
  // covers the broken ones, whose secrets would otherwise go unseen.
  const secrets = parsed.problems.length > 0 ? dedupeHits([...structured, ...scanText(text).map((m) => toHit(m, rel, lines, 0, "text"))]) : structured;
  return { file, servers: out.servers, policies: out.policies, secrets, diagnostics, parseProblems, comments: parsed.comments };
}

/** Offset of a loc's start in the text. */
function offsetOf(lines: LineIndex, loc: Loc): number {
  return lines.lineStart(loc.line) + loc.column - 1;
}

/** Where `raw` starts inside the node at `loc` (after an opening quote), or -1. */
function rawOffset(text: string, lines: LineIndex, loc: Loc, raw: string): number {
  const start = offsetOf(lines, loc);
  const end = lines.lineStart(loc.endLine) + loc.endColumn - 1;
  if (raw === "") return -1;
  const at = text.indexOf(raw, start);
  return at >= 0 && at + raw.length <= Math.max(end, start + raw.length) ? at : -1;
}

function structuredSecrets(rel: string, text: string, lines: LineIndex, spec: FormatSpec, docs: readonly DocNode[], servers: readonly McpServer[]): SecretHit[] {
  const hits: SecretHit[] = [];
  const covered = new Set<number>();
  const scanValue = (v: ConfigValue, key: string | undefined, source: SecretHit["source"], server?: McpServer) => {
    const start = offsetOf(lines, v.loc);
    covered.add(start);
    if (v.ref.kind !== "literal" || v.raw === "") return;
    const base = rawOffset(text, lines, v.loc, v.raw);
    for (const m of detectInValue(v.raw, { ...(key ? { key } : {}), source: source === "text" ? "setting" : source })) {
      const hit = base >= 0 ? toHit(m, rel, lines, base, source) : { ...toHit(m, rel, lines, 0, source), loc: v.loc };
      hits.push(server ? { ...hit, server: { id: server.id, name: server.name, client: server.client } } : hit);
    }
  };
  for (const s of servers) {
    for (const c of s.credentials) scanValue(c, c.key, c.source, s);
    for (const v of [s.command, s.url, s.cwd, ...s.args]) {
      if (!v) continue;
      const at = offsetOf(lines, v.loc);
      if (covered.has(at)) continue;
      scanValue(v, undefined, v === s.url ? "url" : "arg", s);
    }
  }
  // Every other string in the file: gateway keys, settings, nested blocks.
  for (const doc of docs) {
    walkDoc(doc, (node, path, entryOf) => {
      if (node.type !== "string") return;
      if (covered.has(node.span.start)) return;
      const raw = node.value as string;
      const c = classifyValue(raw, spec.syntaxes);
      if (c.ref.kind !== "literal") return;
      const key = entryOf?.key ?? String(path[path.length - 2] ?? "");
      const loc = lines.loc(rel, node.span);
      scanValue({ raw, ref: c.ref, loc }, key, "setting");
    });
  }
  return dedupeHits(hits);
}

function toHit(m: SecretMatch, rel: string, lines: LineIndex, base: number, source: SecretHit["source"]): SecretHit {
  return {
    loc: lines.loc(rel, { start: base + m.start, end: base + m.end }),
    detector: m.detector,
    title: m.title,
    confidence: m.confidence,
    hash: secretHash(m.secret),
    preview: redact(m.secret),
    ...(m.key ? { key: m.key } : {}),
    source,
    ...(m.lifetime ? { lifetime: m.lifetime } : {}),
  };
}

function dedupeHits(hits: SecretHit[]): SecretHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.loc.line}:${h.loc.column}:${h.hash}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
