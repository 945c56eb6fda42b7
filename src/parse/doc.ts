/**
 * One syntax-neutral tree for JSON, JSONC, YAML and TOML documents, with exact
 * source spans, so that adapters read every format the same way.
 */
import type { Span } from "../model/location.js";

export type DocNode = DocObject | DocArray | DocScalar;

export interface DocObject {
  readonly type: "object";
  readonly span: Span;
  readonly entries: readonly DocEntry[];
}

export interface DocEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: DocNode;
}

export interface DocArray {
  readonly type: "array";
  readonly span: Span;
  readonly items: readonly DocNode[];
}

export interface DocScalar {
  readonly type: "string" | "number" | "boolean" | "null";
  readonly span: Span;
  readonly value: string | number | boolean | null;
}

/** A comment in the source, for inline suppressions. */
export interface DocComment {
  readonly text: string;
  readonly span: Span;
  /** 1-based line the comment sits on. */
  readonly line: number;
}

export function isObject(n: DocNode | undefined): n is DocObject {
  return n?.type === "object";
}

export function isArray(n: DocNode | undefined): n is DocArray {
  return n?.type === "array";
}

/** The entry of an object with this key (last one wins, as in JSON.parse). */
export function entry(n: DocNode | undefined, key: string): DocEntry | undefined {
  if (!isObject(n)) return undefined;
  let found: DocEntry | undefined;
  for (const e of n.entries) if (e.key === key) found = e;
  return found;
}

/**
 * Every entry of an object with this key, in order: a key written twice (the two branches of a
 * Helm template's `if`, parse/helm-template.ts) is text a reviewer sees in both places.
 */
export function entries(n: DocNode | undefined, key: string): DocEntry[] {
  return isObject(n) ? n.entries.filter((e) => e.key === key) : [];
}

/** Walks a path of keys through nested objects. */
export function get(n: DocNode | undefined, ...path: string[]): DocNode | undefined {
  let cur = n;
  for (const key of path) {
    cur = entry(cur, key)?.value;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The string value of a scalar node (numbers and booleans as text); undefined otherwise. */
export function str(n: DocNode | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === "string") return n.value as string;
  if (n.type === "number" || n.type === "boolean") return String(n.value);
  return undefined;
}

export function bool(n: DocNode | undefined): boolean | undefined {
  if (!n) return undefined;
  if (n.type === "boolean") return n.value as boolean;
  if (n.type === "string") {
    const v = (n.value as string).toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
  }
  return undefined;
}

/** String items of an array node (non-strings skipped). */
export function strings(n: DocNode | undefined): { value: string; node: DocNode }[] {
  if (!isArray(n)) return [];
  const out: { value: string; node: DocNode }[] = [];
  for (const item of n.items) {
    const v = str(item);
    if (v !== undefined) out.push({ value: v, node: item });
  }
  return out;
}

/** Converts a node back to a plain JS value (for hashing and debugging). */
export function toPlain(n: DocNode | undefined): unknown {
  if (!n) return undefined;
  switch (n.type) {
    case "object": {
      const o: Record<string, unknown> = {};
      for (const e of n.entries) o[e.key] = toPlain(e.value);
      return o;
    }
    case "array":
      return n.items.map(toPlain);
    default:
      return n.value;
  }
}

/** Visits every node depth-first, with the key path that leads to it. */
export function walkDoc(
  n: DocNode,
  visit: (node: DocNode, path: readonly (string | number)[], key: DocEntry | undefined) => void,
  path: (string | number)[] = [],
  key?: DocEntry,
): void {
  visit(n, path, key);
  if (n.type === "object") {
    for (const e of n.entries) walkDoc(e.value, visit, [...path, e.key], e);
  } else if (n.type === "array") {
    n.items.forEach((item, i) => walkDoc(item, visit, [...path, i], undefined));
  }
}
