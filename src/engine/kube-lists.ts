/**
 * Kubernetes objects of one kind in a manifest document: the document itself, or the items of a
 * `List` or `<Kind>List` document (what `kubectl get -o yaml` writes).
 */
import { get, str, type DocNode } from "../parse/doc.js";

/**
 * A line `kind: <kind>` in a YAML text, at the top of a document or as an item of a list
 * (`- kind: Secret`, indented): the cheap test before a plain-text file is parsed for its objects.
 */
export function kubeKindLine(kind: string): RegExp {
  return new RegExp(`^[ \\t]*(?:-[ \\t]+)?kind:[ \\t]*["']?${kind}["']?[ \\t]*(?:#.*)?$`, "m");
}

/** The objects of `kind` (core `v1`, the only apiVersion those kinds have) that a document is or lists. */
export function kubeObjects(doc: DocNode, kind: string): DocNode[] {
  const is = (n: DocNode) => str(get(n, "kind")) === kind && (str(get(n, "apiVersion")) ?? "v1") === "v1";
  if (is(doc)) return [doc];
  const listKind = str(get(doc, "kind"));
  const items = get(doc, "items");
  if ((listKind !== "List" && listKind !== `${kind}List`) || items?.type !== "array") return [];
  return items.items.filter(is);
}
