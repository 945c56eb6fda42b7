/**
 * Server side: credentials the code accepts, written as literals
 * (`if (req.headers["x-api-key"] !== "<key>")`, `VALID_KEYS.includes(req.header("x-api-key"))`).
 * Each literal becomes a value under the header's name for the secret detectors, whose
 * placeholder checks keep `"your-api-key"` or `"changeme"` quiet.
 */
import type { TsNode } from "../../parse/typescript.js";
import { classifyKey } from "../../secrets/keys.js";
import type { NamedValue } from "../types.js";
import { argsOf, kids, type Resolver } from "./ts-values.js";
import { TS_VALUE_WRAPPERS } from "./ts-wrappers.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";

const EQUALITY = new Set(["===", "!==", "==", "!="]);
/** Membership tests on a list or set of accepted keys. */
const MEMBERSHIP = new Set(["includes", "has", "indexOf"]);
/** The expression under wrappers that do not change the value (`x as string`, `x!`, `(x)`). */
const unwrap = (n: TsNode): TsNode => {
  let d = n;
  while (TS_VALUE_WRAPPERS.has(d.type) && kids(d)[0]) d = kids(d)[0] as TsNode;
  return d;
};

/** `x.headers` (or `headers`), the object request headers are read from. */
function isHeaders(r: Resolver, n: TsNode | null): boolean {
  if (!n) return false;
  if (n.type === "identifier") return r.src(n) === "headers";
  return n.type === "member_expression" && r.src(n.childForFieldName("property") ?? n) === "headers";
}

/**
 * The name of the credential header a node reads: `x.headers.authorization`,
 * `x.headers["x-api-key"]`, `x.header("X-API-Key")`, `x.get("authorization")`.
 */
function credentialHeaderRead(r: Resolver, node: TsNode): string | undefined {
  const n = unwrap(node);
  let name: string | undefined;
  if (n.type === "member_expression" && isHeaders(r, n.childForFieldName("object"))) name = r.src(n.childForFieldName("property") ?? n);
  else if (n.type === "subscript_expression" && isHeaders(r, n.childForFieldName("object"))) {
    const index = n.childForFieldName("index");
    name = index ? r.stringOf(index) : undefined;
  } else if (n.type === "call_expression" && ["header", "get"].includes(r.calleeName(n) ?? "")) {
    const arg = argsOf(n)[0];
    name = arg ? r.stringOf(arg) : undefined;
  }
  return name !== undefined && classifyKey(name) !== undefined ? name : undefined;
}

/** The literal keys in a list or set (`["a", "b"]`, `new Set([...])`, a const bound to one). */
function listedLiterals(r: Resolver, list: TsNode): TsNode[] {
  const d = r.deref(unwrap(list));
  const items = d.type === "new_expression" && r.calleeName(d) === "Set" && argsOf(d)[0] ? r.items(argsOf(d)[0]) : r.items(d);
  return items;
}

/** Every literal a credential header is compared with, or looked up in, in this file. */
export function acceptedKeys(r: Resolver, root: TsNode): NamedValue[] {
  const out: NamedValue[] = [];
  const add = (read: TsNode, key: string, value: TsNode) => {
    const v = r.value(value);
    if (v?.ref.kind === "literal") out.push({ ...v, key, keyLoc: r.loc(read) });
  };
  for (const b of nodesOfType(root, "binary_expression")) {
    const op = b.childForFieldName("operator");
    const left = b.childForFieldName("left");
    const right = b.childForFieldName("right");
    if (!op || !left || !right || !EQUALITY.has(r.src(op))) continue;
    const onLeft = credentialHeaderRead(r, left);
    const onRight = onLeft === undefined ? credentialHeaderRead(r, right) : undefined;
    if (onLeft !== undefined) add(left, onLeft, right);
    else if (onRight !== undefined) add(right, onRight, left);
  }
  for (const c of nodesOfType(root, "call_expression")) {
    const f = c.childForFieldName("function");
    const arg = argsOf(c)[0];
    if (f?.type !== "member_expression" || !arg || !MEMBERSHIP.has(r.calleeName(c) ?? "")) continue;
    const key = credentialHeaderRead(r, arg);
    const list = f.childForFieldName("object");
    if (key === undefined || !list) continue;
    for (const item of listedLiterals(r, list)) add(arg, key, item);
  }
  return out;
}
