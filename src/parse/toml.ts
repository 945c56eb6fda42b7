// Temporary stand-in until the position-aware TOML parser lands (branch `toml`).
import TOML from "@iarna/toml";
import type { DocEntry, DocNode, DocObject } from "./doc.js";
import { MAX_NESTING, nestsDeeperThan } from "./nesting.js";
import type { ParseProblem } from "./problem.js";

export function parseToml(text: string): { doc?: DocObject; diagnostics: ParseProblem[] } {
  // @iarna/toml recurses and takes seconds on arrays / inline tables nested ~100,000 deep.
  if (nestsDeeperThan(text)) return { diagnostics: [{ message: `nesting deeper than ${MAX_NESTING} levels; file not parsed`, span: { start: 0, end: 1 } }] };
  try {
    const v = TOML.parse(text);
    return { doc: conv(v) as DocObject, diagnostics: [] };
  } catch (err) {
    return { diagnostics: [{ message: `TOML syntax error: ${(err as Error).message.split("\n")[0]}`, span: { start: 0, end: 1 } }] };
  }
}

function conv(v: unknown): DocNode {
  const span = { start: 0, end: 0 };
  if (Array.isArray(v)) return { type: "array", span, items: v.map(conv) };
  if (v && typeof v === "object" && !(v instanceof Date)) {
    const entries: DocEntry[] = Object.entries(v).map(([key, value]) => ({ key, keySpan: span, value: conv(value) }));
    return { type: "object", span, entries };
  }
  if (typeof v === "string") return { type: "string", span, value: v };
  if (typeof v === "number") return { type: "number", span, value: v };
  if (typeof v === "boolean") return { type: "boolean", span, value: v };
  return { type: "string", span, value: String(v) };
}
