/**
 * Route handlers a project file's factory makes and returns (`export const createMcp = () => {
 * ...; const onSse = defineEventHandler(...); return { onSse, onMsg } }`), which a route file
 * destructures and serves (`const { onSse } = createMcp(); router.get("/sse", onSse)`): each is
 * named `createMcp().onSse`, the name both files give it, so that model/code-links.ts can judge
 * the route by what the handler checks first.
 */
import type { TsNode } from "../../parse/typescript.js";
import { kids, type Resolver } from "./ts-values.js";

/** The name of handler `key` of the object factory `factory` returns, as both files write it. */
export const factoryHandlerName = (factory: string, key: string): string => `${factory}().${key}`;

/**
 * The handlers a factory function returns in an object literal (`return { onSse, onMsg: handleMessage }`),
 * each by its key, with the expression it is bound to in the factory (`defineEventHandler(...)`).
 * A value that is not a name bound in the factory, or a factory with no such return, gives nothing.
 */
export function returnedHandlers(r: Resolver, factory: TsNode): { key: string; value: TsNode; at: TsNode }[] {
  const body = factory.childForFieldName("body");
  if (body?.type !== "statement_block") return [];
  const bound = new Map<string, TsNode>();
  for (const st of kids(body)) {
    for (const d of st.type === "lexical_declaration" ? kids(st).filter((k) => k.type === "variable_declarator") : []) {
      const id = d.childForFieldName("name");
      const value = d.childForFieldName("value");
      if (id?.type === "identifier" && value) bound.set(r.src(id), value);
    }
  }
  const out: { key: string; value: TsNode; at: TsNode }[] = [];
  for (const ret of kids(body).filter((k) => k.type === "return_statement")) {
    const obj = kids(ret).find((k) => k.type === "object");
    for (const entry of obj ? kids(obj) : []) {
      const key = entry.type === "pair" ? entry.childForFieldName("key") : entry.type === "shorthand_property_identifier" ? entry : null;
      const local = entry.type === "pair" ? entry.childForFieldName("value") : entry;
      const value = local?.type === "identifier" || local?.type === "shorthand_property_identifier" ? bound.get(r.src(local)) : undefined;
      if (key && value) out.push({ key: entry.type === "pair" ? r.keyText(key) ?? r.src(key) : r.src(key), value, at: key });
    }
  }
  return out;
}
