/**
 * Kubernetes objects of one kind in a manifest document: the document itself, or the items of a
 * `List` or `<Kind>List` document (what `kubectl get -o yaml` writes).
 */
import { get, str, type DocNode } from "../parse/doc.js";

/** The objects of `kind` (core `v1`, the only apiVersion those kinds have) that a document is or lists. */
export function kubeObjects(doc: DocNode, kind: string): DocNode[] {
  const is = (n: DocNode) => str(get(n, "kind")) === kind && (str(get(n, "apiVersion")) ?? "v1") === "v1";
  if (is(doc)) return [doc];
  const listKind = str(get(doc, "kind"));
  const items = get(doc, "items");
  if ((listKind !== "List" && listKind !== `${kind}List`) || items?.type !== "array") return [];
  return items.items.filter(is);
}
