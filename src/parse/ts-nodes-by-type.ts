/**
 * A parsed file's nodes of a type, from one walk of its tree. The adapters ask
 * the root for the nodes of about fifteen types (calls, `new`, declarations,
 * imports, object keys, exports, parse errors); each `descendantsOfType`
 * walks every node of the tree (50-100 ms for an 800 KB bundle, fifteen times,
 * when it was the binding's; parse/ts-tree-snapshot.ts walks the same way). The first question about a root walks it once for
 * all of those types; later questions read that walk's lists, in the same
 * (document) order as `descendantsOfType` gives them.
 */
import type { TsNode } from "./typescript.js";

/** The types the adapters ask a whole tree for. A question about another type walks the tree itself. */
const INDEXED: ReadonlySet<string> = new Set([
  "ERROR",
  "assignment_expression",
  "augmented_assignment_expression",
  "binary_expression",
  "call_expression",
  "class",
  "class_declaration",
  "export_statement",
  "function_declaration",
  "import_clause",
  "import_specifier",
  "import_statement",
  "method_definition",
  "new_expression",
  "pair",
  "variable_declarator",
]);

interface Walk {
  /** Every node of an indexed type, in document order, and its type. */
  readonly nodes: readonly TsNode[];
  readonly types: readonly string[];
  readonly byType: ReadonlyMap<string, readonly TsNode[]>;
}

const WALKS = new WeakMap<TsNode, Walk>();
const NONE: readonly TsNode[] = [];

function walkOf(root: TsNode): Walk {
  let walk = WALKS.get(root);
  if (walk) return walk;
  const nodes = root.descendantsOfType([...INDEXED]);
  const types = nodes.map((n) => n.type);
  const byType = new Map<string, TsNode[]>();
  nodes.forEach((n, i) => {
    const t = types[i] as string;
    const list = byType.get(t);
    if (list) list.push(n);
    else byType.set(t, [n]);
  });
  walk = { nodes, types, byType };
  WALKS.set(root, walk);
  return walk;
}

/**
 * `root.descendantsOfType(types)` for a tree's root (a node without parent):
 * the nodes of those types, in document order. The lists are shared between
 * callers: never change them.
 */
export function nodesOfType(root: TsNode, types: string | readonly string[]): readonly TsNode[] {
  const wanted = typeof types === "string" ? [types] : types;
  if (root.parent !== null || !wanted.every((t) => INDEXED.has(t))) return root.descendantsOfType([...wanted]);
  const walk = walkOf(root);
  if (wanted.length === 1) return walk.byType.get(wanted[0] as string) ?? NONE;
  const set = new Set(wanted);
  return walk.nodes.filter((_, i) => set.has(walk.types[i] as string));
}
