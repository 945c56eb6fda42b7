/**
 * Where a file changes objects after making them: `headers[name] = token`, `opts.requestInit =
 * { headers }`, `cfg.a.b = 1`, `Object.assign(env, extra)`. The resolver (ts-values.ts) reads a
 * const object literal as its value only when the file does not change it, and adds the
 * properties written directly on it (`X.key = v`, `X["key"] = v`, `X[expr] = v`) to the ones its
 * literal gives.
 */
import type { TsNode } from "../../parse/typescript.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import { TS_VALUE_WRAPPERS } from "./ts-wrappers.js";

/** A property written on a named object: its key when the code spells it (none for `X[expr]` and `Object.assign`), where, and the value. */
export interface ObjectWrite {
  readonly key: string | undefined;
  readonly keyNode: TsNode;
  readonly value: TsNode;
}

export interface ObjectWrites {
  /** The names whose properties, at any depth, the file changes. */
  readonly changed: ReadonlySet<string>;
  /** Per name, the properties written directly on it, in file order. */
  readonly direct: ReadonlyMap<string, readonly ObjectWrite[]>;
}

/** The identifier a property chain starts from (`a.b[c].d` -> a). */
function rootOf(n: TsNode | null): TsNode | undefined {
  let cur = n;
  while (cur && (cur.type === "member_expression" || cur.type === "subscript_expression" || TS_VALUE_WRAPPERS.has(cur.type))) cur = cur.childForFieldName("object") ?? cur.namedChildren[0] ?? null;
  return cur?.type === "identifier" ? cur : undefined;
}

/** A subscript's key written as a plain string literal (`X["authorization"]`); nothing is followed, so that working the writes out asks nothing of them. */
function literalKey(n: TsNode, src: (n: TsNode) => string): string | undefined {
  if (n.type !== "string") return undefined;
  const parts = n.namedChildren;
  return parts.length <= 1 && parts.every((p) => p.type === "string_fragment") ? src(n).slice(1, -1) : undefined;
}

/** The object writes of a file, `src` giving a node's text. */
export function objectWrites(root: TsNode, src: (n: TsNode) => string): ObjectWrites {
  const changed = new Set<string>();
  const direct = new Map<string, ObjectWrite[]>();
  const write = (name: string, w: ObjectWrite) => {
    const list = direct.get(name);
    if (list) list.push(w);
    else direct.set(name, [w]);
  };
  for (const a of nodesOfType(root, ["assignment_expression", "augmented_assignment_expression"])) {
    const left = a.childForFieldName("left");
    const right = a.childForFieldName("right");
    if (!left || left.type === "identifier") continue;
    const r = rootOf(left);
    if (!r) continue;
    changed.add(src(r));
    const obj = left.childForFieldName("object");
    if (a.type !== "assignment_expression" || !right || obj?.type !== "identifier") continue;
    if (left.type === "member_expression") {
      const prop = left.childForFieldName("property");
      if (prop) write(src(obj), { key: src(prop), keyNode: prop, value: right });
    } else if (left.type === "subscript_expression") {
      const index = left.childForFieldName("index");
      if (index) write(src(obj), { key: literalKey(index, src), keyNode: index, value: right });
    }
  }
  for (const c of nodesOfType(root, "call_expression")) {
    const f = c.childForFieldName("function");
    const [first, ...rest] = c.childForFieldName("arguments")?.namedChildren.filter((k) => k.type !== "comment") ?? [];
    if (!f || first?.type !== "identifier" || src(f).replace(/\s+/g, "") !== "Object.assign") continue;
    changed.add(src(first));
    for (const more of rest) write(src(first), { key: undefined, keyNode: more, value: more });
  }
  return { changed, direct };
}
