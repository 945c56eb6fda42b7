/**
 * YAML (multi-document) to DocNode trees with exact spans, through the `yaml`
 * package. Aliases are expanded with a budget so that alias bombs stop early.
 */
import { createRequire } from "node:module";
import type { Document, Node as YNode } from "yaml";

/** `yaml` is loaded on the first YAML file (60 ms of start-up that a JSON-only run never needs). */
type YamlLib = typeof import("yaml");
let lib: YamlLib | undefined;
function yaml(): YamlLib {
  lib ??= createRequire(import.meta.url)("yaml") as YamlLib;
  return lib;
}
import type { DocComment, DocEntry, DocNode } from "./doc.js";
import type { ParseProblem } from "./problem.js";

export interface YamlResult {
  readonly docs: DocNode[];
  readonly problems: ParseProblem[];
  readonly comments: DocComment[];
}

/** How many nodes alias expansion may produce per file before we stop. */
export const MAX_YAML_EXPANDED_NODES = 100_000;
const MAX_DEPTH = 256;

class Budget {
  nodes = 0;
  exceeded = false;
  constructor(readonly doc: Document.Parsed) {}
}

export function parseYaml(text: string): YamlResult {
  const problems: ParseProblem[] = [];
  const docs: DocNode[] = [];
  let parsed;
  try {
    const { parseAllDocuments, LineCounter } = yaml();
    parsed = parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: false, strict: false, prettyErrors: false });
  } catch (err) {
    return { docs, problems: [{ message: `YAML syntax error: ${(err as Error).message.split("\n")[0]}`, span: { start: 0, end: 0 } }], comments: [] };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  let total = 0;
  for (const doc of list) {
    const budget = new Budget(doc);
    budget.nodes = total;
    for (const e of doc.errors) {
      const [start = 0, end = start + 1] = e.pos ?? [];
      problems.push({ message: `YAML syntax error: ${firstLine(e.message)}`, span: { start, end } });
    }
    if (doc.errors.length > 0) continue;
    const root = doc.contents as YNode | null;
    if (!root) continue;
    const node = convert(root, budget, 0);
    if (budget.exceeded) {
      problems.push({
        message: `YAML aliases expand to more than ${MAX_YAML_EXPANDED_NODES} nodes (alias bomb?); document not analysed`,
        span: { start: 0, end: 0 },
      });
      break;
    }
    if (node) docs.push(node);
    total = budget.nodes;
  }
  return { docs, problems, comments: collectComments(text) };
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

function spanOf(n: YNode): { start: number; end: number } {
  const r = n.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

function convert(n: unknown, budget: Budget, depth: number, aliasSpan?: { start: number; end: number }): DocNode | undefined {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  if (budget.exceeded) return undefined;
  if (++budget.nodes > MAX_YAML_EXPANDED_NODES || depth > MAX_DEPTH) {
    budget.exceeded = true;
    return undefined;
  }
  if (isAlias(n)) {
    // The alias' own span is where it is used; the value comes from the anchor.
    let anchored: YNode | undefined;
    try {
      anchored = n.resolve(budget.doc) as YNode | undefined;
    } catch {
      anchored = undefined;
    }
    if (!anchored) return { type: "null", span: spanOf(n), value: null };
    return convert(anchored, budget, depth + 1, aliasSpan ?? spanOf(n));
  }
  if (isMap(n)) {
    const entries: DocEntry[] = [];
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const k = item.key as YNode | null;
      let key: string;
      if (isScalar(k)) key = String(k.value);
      else if (k == null) key = "";
      else continue;
      if (key === "<<" && (isAlias(item.value) || isMap(item.value))) {
        // YAML merge key: inline the merged map's entries.
        const merged = convert(item.value, budget, depth + 1);
        if (merged?.type === "object") entries.push(...merged.entries);
        continue;
      }
      const keySpan = k ? spanOf(k as YNode) : { start: 0, end: 0 };
      const v = item.value == null ? undefined : convert(item.value, budget, depth + 1);
      entries.push({ key, keySpan: aliasSpan ?? keySpan, value: v ?? { type: "null", span: { start: keySpan.end, end: keySpan.end }, value: null } });
    }
    return { type: "object", span: aliasSpan ?? spanOf(n), entries };
  }
  if (isSeq(n)) {
    const items: DocNode[] = [];
    for (const item of n.items) {
      const v = convert(item, budget, depth + 1, aliasSpan);
      if (v) items.push(v);
    }
    return { type: "array", span: aliasSpan ?? spanOf(n), items };
  }
  if (isScalar(n)) {
    const span = aliasSpan ?? spanOf(n);
    const v = n.value;
    if (v === null || v === undefined) return { type: "null", span, value: null };
    if (typeof v === "boolean") return { type: "boolean", span, value: v };
    if (typeof v === "number") return { type: "number", span, value: v };
    if (typeof v === "bigint") return { type: "number", span, value: Number(v) };
    if (v instanceof Date) return { type: "string", span, value: n.source ?? v.toISOString() };
    return { type: "string", span, value: String(v) };
  }
  return undefined;
}

/** `#` comments outside quoted scalars, with line numbers (for inline suppressions). */
function collectComments(text: string): DocComment[] {
  const out: DocComment[] = [];
  const re = /(^|[ \t])#([^\n\r]*)/g;
  let lineStart = 0;
  let line = 1;
  for (const rawLine of text.split("\n")) {
    // Skip a '#' inside quotes with a cheap check: count quotes before it.
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(rawLine)) !== null) {
      const hashAt = m.index + (m[1] ? m[1].length : 0);
      const before = rawLine.slice(0, hashAt);
      const dq = (before.match(/"/g) ?? []).length;
      const sq = (before.match(/'/g) ?? []).length;
      if (dq % 2 === 1 || sq % 2 === 1) continue;
      out.push({ text: (m[2] ?? "").replace(/\r$/, ""), span: { start: lineStart + hashAt, end: lineStart + rawLine.length }, line });
      break;
    }
    lineStart += rawLine.length + 1;
    line++;
  }
  return out;
}
