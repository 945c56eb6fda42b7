/**
 * YAML (multi-document) to DocNode trees with exact spans, through the `yaml`
 * package. Aliases are expanded with a budget so that alias bombs stop early.
 */
import { createRequire } from "node:module";
import type { Alias, Document, Node as YNode } from "yaml";
import type { DocComment, DocEntry, DocNode } from "./doc.js";
import { MAX_NESTING, nestsDeeperThan } from "./nesting.js";
import type { ParseProblem } from "./problem.js";
import { dropShadowed, hasRepeatedKey, type Dropped } from "./repeated-keys.js";
import { hashComments } from "./source-comments.js";
import type { Span } from "../model/location.js";
import { redact } from "../secrets/redact.js";

export interface YamlResult {
  readonly docs: DocNode[];
  readonly problems: ParseProblem[];
  /** What a YAML loader reads otherwise than it was surely meant, in documents that were still read; keys written twice (parse/repeated-keys.ts). */
  readonly warnings: ParseProblem[];
  readonly comments: DocComment[];
  /** The text of entries dropped because their key is written again later in the mapping: the text scan covers it. */
  readonly unread?: Span[];
}

/** How many nodes alias expansion may produce per file before we stop. */
export const MAX_YAML_EXPANDED_NODES = 100_000;
const MAX_DEPTH = MAX_NESTING;

/** `yaml` is loaded on the first YAML file: a run over JSON files never pays for it (~250 KB of code). */
type YamlLib = typeof import("yaml");
let lib: YamlLib | undefined;
const yaml = (): YamlLib => (lib ??= createRequire(import.meta.url)("yaml") as YamlLib);

class Budget {
  nodes = 0;
  exceeded = false;
  /** Why conversion stopped: too many nodes (aliases) or too deep. */
  reason: "nodes" | "depth" = "nodes";
  /** Where an alias with no anchor before it is (every YAML loader rejects the document). */
  unresolved: { start: number; end: number } | undefined;
  /** Values read as written, not as a YAML loader reads them (see `taggedEmpty`). */
  readonly asWritten: { start: number; end: number }[] = [];
  /** Entries of a key written again later in their mapping (undefined: every entry is kept, see parseYaml). */
  readonly dropped: Dropped | undefined;
  #targets: Map<Alias, YNode> | undefined;
  constructor(
    readonly doc: Document.Parsed,
    readonly text: string,
    keepRepeatedKeys: boolean,
  ) {
    this.dropped = keepRepeatedKeys ? undefined : { shadowed: [], unread: [] };
  }

  /**
   * The node an alias stands for: the last node anchored with its name before
   * it (yaml's own rule). yaml's `Alias.resolve` walks the whole document on
   * every call, which made an alias bomb cost seconds; here the document is
   * walked once.
   */
  resolve(alias: Alias): YNode | undefined {
    if (!this.#targets) {
      const { visit, isAlias } = yaml();
      const targets = new Map<Alias, YNode>();
      const last = new Map<string, YNode>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) {
            const target = last.get(node.source);
            if (target) targets.set(node, target);
          } else if (typeof (node as { anchor?: unknown }).anchor === "string") last.set((node as { anchor: string }).anchor, node as YNode);
        },
      });
      this.#targets = targets;
    }
    return this.#targets.get(alias);
  }
}

/**
 * `keepRepeatedKeys`: every entry of a key written twice in one mapping stays in the tree (mcplint's
 * own configuration refuses them, naming both; a Helm template's two `if` branches may each write
 * it). Else the last entry stays, as in JSON, and each earlier one is a warning at its key: YAML
 * forbids the repeat, and its loaders either refuse the file (`yaml` and js-yaml by default, Go's
 * yaml.v3, serde_yaml) or keep the last entry (PyYAML).
 */
export function parseYaml(text: string, keepRepeatedKeys = false): YamlResult {
  const problems: ParseProblem[] = [];
  const warnings: ParseProblem[] = [];
  const docs: DocNode[] = [];
  if (nestsDeeperThan(text)) {
    return { docs, problems: [{ message: `nesting deeper than ${MAX_NESTING} levels; file not parsed`, span: { start: 0, end: 0 } }], warnings, comments: [] };
  }
  let parsed;
  try {
    const { parseAllDocuments, LineCounter } = yaml();
    parsed = parseAllDocuments(lfBreaks(text), { lineCounter: new LineCounter(), uniqueKeys: false, strict: false, prettyErrors: false });
  } catch (err) {
    return { docs, problems: [{ message: `YAML syntax error: ${(err as Error).message.split("\n")[0]}`, span: { start: 0, end: 0 } }], warnings, comments: [] };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  let total = 0;
  const unread: Span[] = [];
  for (const doc of list) {
    const budget = new Budget(doc, text, keepRepeatedKeys);
    budget.nodes = total;
    for (const e of doc.errors) {
      const [start = 0, end = start + 1] = e.pos ?? [];
      problems.push({ message: `YAML syntax error: ${withoutSource(firstLine(e.message), text)}`, span: { start, end } });
    }
    if (doc.errors.length > 0) continue;
    const root = doc.contents as YNode | null;
    if (!root) continue;
    const node = convert(root, budget, 0);
    if (budget.exceeded) {
      problems.push({
        message:
          budget.reason === "depth"
            ? `nesting deeper than ${MAX_DEPTH} levels; document not analysed`
            : `YAML aliases expand to more than ${MAX_YAML_EXPANDED_NODES} nodes (alias bomb?); document not analysed`,
        span: { start: 0, end: 0 },
      });
      break;
    }
    if (budget.unresolved) {
      // Not named in the message: an unquoted value that starts with `*` (a password) is read as an alias.
      problems.push({ message: "YAML syntax error: alias with no anchor of that name before it (an unquoted value cannot start with *)", span: budget.unresolved });
      continue;
    }
    if (node) docs.push(node);
    // Not named in the message either: the tag is the value the user meant (a password).
    for (const span of budget.asWritten) warnings.push({ message: "YAML: an unquoted value that starts with ! is a tag, and a YAML loader reads an empty value here (quote the value)", span });
    if (budget.dropped) {
      warnings.push(...budget.dropped.shadowed);
      unread.push(...budget.dropped.unread);
    }
    total = budget.nodes;
  }
  return { docs, problems, warnings, comments: hashComments(text), ...(unread.length > 0 ? { unread } : {}) };
}

/**
 * A lone CR is a line break in YAML (1.2, production b-break), but `yaml` reads
 * it as a plain character, so a file saved with classic Mac line ends gave a
 * syntax error on every line. Each lone CR becomes an LF: same length, so every
 * offset still points into the original text.
 */
function lfBreaks(text: string): string {
  return text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

/**
 * Some `yaml` messages end by quoting the offending source, as written
 * (`Block scalar header includes extra characters: |<rest of the line>`) or as
 * a JSON string (`Unexpected scalar token in YAML stream: "<the scalar>"`),
 * which may be a secret value: such a quote (8 characters or more, found in
 * the text) is shortened to a preview of at most 4 characters.
 */
function withoutSource(message: string, text: string): string {
  const i = message.indexOf(": ");
  if (i < 0) return message;
  const quoted = message.slice(i + 2);
  const source = text.includes(quoted) ? quoted : jsonString(quoted);
  if (source === undefined || source.length < 8 || !text.includes(source)) return message;
  return `${message.slice(0, i)}: ${redact(source)}`;
}

/** The string a JSON string literal stands for, or undefined. */
function jsonString(s: string): string | undefined {
  if (!s.startsWith('"')) return undefined;
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `DB_PASSWORD: !Xk2...`: an unquoted value that starts with `!` is a local
 * tag, here on an empty value; yaml reads "" (with a warning), other loaders
 * refuse the unknown tag. The user meant the text: it is returned as written,
 * with its span (found just before the empty scalar). `!!` tags and tags on a
 * value (`!Ref Name`, `!secret name`) are left alone.
 */
function taggedEmpty(n: { tag?: string | undefined; value: unknown; source?: string | undefined; range?: YNode["range"] }, text: string): { value: string; span: { start: number; end: number } } | undefined {
  const tag = n.tag;
  if (typeof tag !== "string" || !/^![^!]/.test(tag) || (n.value !== "" && n.value !== null) || n.source || !n.range || n.range[0] !== n.range[1]) return undefined;
  const start = text.lastIndexOf(tag, n.range[0]);
  if (start < 0 || text.slice(start + tag.length, n.range[0]).trim() !== "") return undefined;
  return { value: tag, span: { start, end: start + tag.length } };
}

const yamlShadowed = (key: string): string =>
  `YAML: key ${JSON.stringify(key)} is written again later in this mapping, which YAML forbids: a loader refuses the file or keeps the last entry, so this entry is ignored`;

/**
 * A mapping's entries with each key once: of the keys it writes itself the last (the earlier ones
 * reported in `dropped`; an alias' copy reports nothing, its anchor did), and a merged key (`<<`)
 * only when the mapping does not write it, the first merged one winning, as YAML's merge keys do.
 */
function lastEntries(entries: readonly DocEntry[], merged: ReadonlySet<DocEntry>, dropped: Dropped): DocEntry[] {
  const own = entries.filter((e) => !merged.has(e));
  dropShadowed(own, dropped, yamlShadowed);
  const keys = new Set(own.map((e) => e.key));
  const kept = new Set<DocEntry>(own);
  for (const e of entries) {
    if (!merged.has(e) || keys.has(e.key)) continue;
    keys.add(e.key);
    kept.add(e);
  }
  return entries.filter((e) => kept.has(e));
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
    if (depth > MAX_DEPTH) budget.reason = "depth";
    return undefined;
  }
  if (isAlias(n)) {
    // The alias' own span is where it is used; the value comes from the anchor.
    const anchored = budget.resolve(n);
    if (!anchored) {
      budget.unresolved ??= spanOf(n);
      return { type: "null", span: spanOf(n), value: null };
    }
    return convert(anchored, budget, depth + 1, aliasSpan ?? spanOf(n));
  }
  if (isMap(n)) {
    const entries: DocEntry[] = [];
    /** Entries a merge key (`<<`) brought in: any key the mapping writes itself wins over them. */
    const merged = new Set<DocEntry>();
    for (const item of n.items) {
      if (!isPair(item)) continue;
      const k = item.key as YNode | null;
      let key: string;
      if (isScalar(k)) key = String(k.value);
      else if (k == null) key = "";
      else continue;
      if (key === "<<" && (isAlias(item.value) || isMap(item.value))) {
        // YAML merge key: inline the merged map's entries.
        const source = convert(item.value, budget, depth + 1);
        if (source?.type === "object") for (const e of source.entries) merged.add(e), entries.push(e);
        continue;
      }
      const keySpan = k ? spanOf(k as YNode) : { start: 0, end: 0 };
      const v = item.value == null ? undefined : convert(item.value, budget, depth + 1);
      entries.push({ key, keySpan: aliasSpan ?? keySpan, value: v ?? { type: "null", span: { start: keySpan.end, end: keySpan.end }, value: null } });
    }
    const dropped = budget.dropped;
    if (dropped && entries.length > 1 && hasRepeatedKey(entries)) return { type: "object", span: aliasSpan ?? spanOf(n), entries: lastEntries(entries, merged, aliasSpan ? { shadowed: [], unread: [] } : dropped) };
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
    const tagged = taggedEmpty(n, budget.text);
    if (tagged) {
      if (!aliasSpan) budget.asWritten.push(tagged.span);
      return { type: "string", span: aliasSpan ?? tagged.span, value: tagged.value };
    }
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
