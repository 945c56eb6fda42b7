/**
 * Where a route's written-out handler hands its request: the functions of this file it
 * calls with its own parameters (whose text shows whether it reaches MCP), the handler of
 * another project file it calls (which decides what is checked first there), or the
 * project factory that made it (`const { onSse } = createMcp()`).
 */
import type { TsNode } from "../../parse/typescript.js";
import type { CodeHandlerRef } from "../types.js";
import { MCP_NAME } from "./ts-endpoint.js";
import { factoryHandlerName } from "./ts-factory-handlers.js";
import { importedFrom } from "./ts-project-imports.js";
import { argsOf, kids, type CodeInput, type Resolver } from "./ts-values.js";

/**
 * What a written-out handler hands its request to (`(req, res) => handle(req, res)`): the text of
 * the functions of this file it calls with its own parameters, and whether it so calls one it
 * cannot read (imported, a method of another object).
 */
export function delegation(r: Resolver, fn: TsNode): { text: string; opaque: boolean; targets: TsNode[]; imported: string[] } {
  if (fn.type !== "arrow_function" && fn.type !== "function_expression" && fn.type !== "function_declaration") return { text: "", opaque: false, targets: [], imported: [] };
  // Positional parameter names (`req, res`; hono's `c`): a call that is handed the request and the response, not a logger given `req`.
  const positional = parameterNames(r, fn);
  const params = new Set(positional);
  // SvelteKit's, Astro's and TanStack Start's `({ request, locals }) => ...`: the request taken out of the context.
  const handedOver = positional.length > 0 ? positional.slice(0, 2) : contextRequest(r, fn);
  let text = "";
  let opaque = false;
  const targets: TsNode[] = [];
  const imported: string[] = [];
  for (const call of fn.descendantsOfType("call_expression")) {
    const callee = call.childForFieldName("function");
    // hono's `c.req.raw` only to a plain function (`handler(c.req.raw)`): `X.serve().fetch(c.req.raw)` is a wrapper's, read there.
    const passed = new Set(argsOf(call).flatMap((a) => handedName(r, a, callee?.type === "identifier")));
    if (!callee || handedOver.length === 0 || !handedOver.every((p) => passed.has(p))) continue;
    const receiver = callee.type === "member_expression" ? callee.childForFieldName("object") : null;
    if (receiver?.type === "identifier" && params.has(r.src(receiver))) continue;
    // A function of this file, or a method of the class around it (`(req, res) => this.handle(req, res)`).
    const target = callee.type === "identifier" ? r.functionOf(callee) : (r.methodOf(callee) ?? callee);
    if (target !== callee && target !== fn) {
      text += r.src(target);
      targets.push(target);
    } else {
      opaque = true;
      if (callee.type === "identifier" && r.importOf(callee) !== undefined) imported.push(r.src(callee));
    }
  }
  return { text, opaque, targets, imported };
}

/** hono's request, `c.req.raw`: the Request a fetch-style handler (mcp-lite's bound one) is handed. */
const HONO_RAW_REQUEST = /^([A-Za-z_$][\w$]*)\.req\.raw$/;

/** The parameter an argument hands over: itself (`req`), or (`raw`) hono's context as its raw request (`c.req.raw`). */
function handedName(r: Resolver, a: TsNode, raw: boolean): string[] {
  if (a.type === "identifier") return [r.src(a)];
  const m = raw && a.type === "member_expression" ? HONO_RAW_REQUEST.exec(r.src(a)) : null;
  return m?.[1] ? [m[1]] : [];
}

/**
 * The function of another project file (a relative or `@/` import) a route hands its request to: the
 * handler itself (`mcpHandler`), or one a written-out handler calls with the request (`names`,
 * from delegation). That file, not this one, shows whether it checks the caller first.
 */
export function projectHandler(r: Resolver, input: CodeInput, fn: TsNode, names: readonly string[]): { text: string; ref: CodeHandlerRef } | undefined {
  const callees = fn.type === "identifier" ? [fn] : names.length ? fn.descendantsOfType("identifier").filter((id) => id.parent?.type === "call_expression" && names.includes(r.src(id))) : [];
  for (const id of callees) {
    const imported = importedFrom(r, input, id);
    if (imported) return { text: r.src(id), ref: imported };
  }
  return undefined;
}

/**
 * A handler destructured from what a project file's MCP-named factory returns (`const { onSse, onMsg } =
 * createMcp()` at the top of the file, then `router.get("/sse", onSse)`): the factory, as
 * `createMcp() of <module>`. The handler is made in that file, which decides what it checks first.
 */
export function factoryHandler(r: Resolver, input: CodeInput, handler: TsNode): FactoryHandler | undefined {
  return handler.type === "identifier" ? factoryHandlers(r, input).get(r.src(handler)) : undefined;
}

/** A handler a factory of another file made: shown as `createMcp() of <module>`, and the name that file exports it under. */
export type FactoryHandler = { readonly shown: string; readonly ref: CodeHandlerRef };
const FACTORY_HANDLERS = new WeakMap<TsNode, ReadonlyMap<string, FactoryHandler>>();

/** The names a file's top-level `const { a, b } = mcpFactory()` binds, each to its factory and module; worked out once per file. */
function factoryHandlers(r: Resolver, input: CodeInput): ReadonlyMap<string, FactoryHandler> {
  let out = FACTORY_HANDLERS.get(input.root);
  if (out) return out;
  const map = new Map<string, FactoryHandler>();
  for (const st of kids(input.root)) {
    for (const d of st.type === "lexical_declaration" ? kids(st).filter((k) => k.type === "variable_declarator") : []) {
      const pattern = d.childForFieldName("name");
      const value = d.childForFieldName("value");
      const call = value?.type === "await_expression" ? kids(value)[0] : value;
      const f = call?.type === "call_expression" ? call.childForFieldName("function") : undefined;
      if (pattern?.type !== "object_pattern" || f?.type !== "identifier" || !MCP_NAME.test(r.src(f))) continue;
      const imported = importedFrom(r, input, f);
      if (!imported) continue;
      for (const p of kids(pattern)) {
        const key = p.type === "pair_pattern" ? p.childForFieldName("key") : p;
        const ref = { module: imported.module, ...(imported.alt ? { alt: imported.alt } : {}), name: factoryHandlerName(imported.name, r.src(key ?? p)) };
        map.set(r.src(p.type === "pair_pattern" ? (p.childForFieldName("value") ?? p) : p), { shown: `${r.src(f)}() of ${imported.module}`, ref });
      }
    }
  }
  out = map;
  FACTORY_HANDLERS.set(input.root, out);
  return out;
}

/** `request` of a handler whose one parameter is the context, destructured (`({ request }) =>`), as a list. */
function contextRequest(r: Resolver, fn: TsNode): string[] {
  const first = kids(fn.childForFieldName("parameters"))[0];
  const pattern = first?.childForFieldName("pattern");
  const names = pattern?.type === "object_pattern" ? kids(pattern).filter((k) => k.type === "shorthand_property_identifier_pattern").map((k) => r.src(k)) : [];
  return names.filter((n) => n === "request" || n === "req");
}

/** The names of a function's plain positional parameters (`(req, res)`, `app: Express`), in order. */
export function parameterNames(r: Resolver, fn: TsNode): string[] {
  const paramsNode = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  return (paramsNode?.type === "identifier" ? [paramsNode] : kids(paramsNode).map((p) => (p.type === "identifier" ? p : p.childForFieldName("pattern"))))
    .filter((n): n is TsNode => n?.type === "identifier")
    .map((n) => r.src(n));
}
