/**
 * When another file decides the authentication in front of a route (each file is analysed
 * alone): the route's router or app is exported and mounted elsewhere, or is a parameter of
 * an exported function another file calls; with the name that file imports it by. Also the
 * file's exports themselves (`export const`, `export { x as y }`, `module.exports = x`).
 */
import type { TsNode } from "../../parse/typescript.js";
import { parameterNames } from "./ts-handler-delegation.js";
import { FUNCTIONS, usesPassing } from "./ts-route-guards.js";
import { isDefaultExport, kids, type Resolver } from "./ts-values.js";

/**
 * Why the authentication in front of a route is decided in another file (each file is analysed
 * alone): its receiver is an express Router this file does not mount (`export const router =
 * Router()`, mounted by another file's `app.use("/mcp", auth, router)`), or a parameter of the
 * function that registers it (`export function mcpRoutes(app) { app.post(...) }`).
 */
export function mountedElsewhere(r: Resolver, root: TsNode, uses: readonly TsNode[], route: TsNode): { why: string; router?: string } | undefined {
  const receiver = unmountedReceiver(r, uses, route);
  if (!receiver) return undefined;
  const { name } = receiver;
  if (receiver.router) {
    const router = routerExport(r, root, name, receiver.router);
    return { why: `the router ${name} is mounted in another file, which decides the authentication in front of it`, ...(router ? { router } : {}) };
  }
  for (let p = route.parent; p; p = p.parent) {
    if (!FUNCTIONS.has(p.type) || !parameterNames(r, p).includes(name)) continue;
    // `export function setupMcp(app) { app.post(...) }`: as `setupMcp(0)`, the app another file passes in first.
    const exported = functionExport(r, root, p);
    const why = `${name} is a parameter: the code that passes it in decides the authentication in front of this route`;
    return exported ? { why, router: `${exported}(${parameterNames(r, p).indexOf(name)})` } : { why };
  }
  return undefined;
}

/** The name a top-level function is exported under (`export function f`, `export const f = () => {}`, `export default async function (app)`). */
function functionExport(r: Resolver, root: TsNode, fn: TsNode): string | undefined {
  if (isDefaultExport(fn.parent)) return "default";
  const name = fn.childForFieldName("name") ?? (fn.parent?.type === "variable_declarator" ? fn.parent.childForFieldName("name") : null);
  return name?.type === "identifier" ? exportedAs(r, root, r.src(name)) : undefined;
}

/**
 * The name another file imports a router by: its export (`export const mcpRouter = Router()`,
 * `export default router`, `export { router as mcpRouter }`, `module.exports = router`), or the
 * exported function that makes and returns it, as `name()` (`export function createMcpRouter()`).
 */
function routerExport(r: Resolver, root: TsNode, name: string, made: TsNode): string | undefined {
  const maker = ancestors(made).find((p) => FUNCTIONS.has(p.type));
  if (maker) {
    const returns = maker.descendantsOfType("return_statement").some((st) => kids(st).some((k) => k.type === "identifier" && r.src(k) === name));
    const fnName = maker.childForFieldName("name") ?? (maker.parent?.type === "variable_declarator" ? maker.parent.childForFieldName("name") : null);
    const exported = returns && fnName ? exportedAs(r, root, r.src(fnName)) : undefined;
    return exported ? `${exported}()` : undefined;
  }
  return exportedAs(r, root, name);
}

/**
 * An app that is a parameter of the function around `at` (`export function setup(app) { app.use(mcpRouter) }`,
 * a fastify plugin's `fastify`): the code that passes it in decides. `via`: that function's export and the
 * parameter's position, as routes name it (`setup(0)`); undefined when it is not exported.
 */
export function parameterApp(r: Resolver, root: TsNode, app: string | undefined, at: TsNode): { via?: string } | undefined {
  if (app === undefined) return undefined;
  for (let p = at.parent; p; p = p.parent) {
    if (!FUNCTIONS.has(p.type)) continue;
    const index = parameterNames(r, p).indexOf(app);
    if (index < 0) continue;
    const exported = functionExport(r, root, p);
    return exported ? { via: `${exported}(${index})` } : {};
  }
  return undefined;
}

/** The export of the express Router a call is made on, when this file does not mount it itself. */
export function receiverMountedElsewhere(r: Resolver, root: TsNode, uses: readonly TsNode[], call: TsNode): string | undefined {
  const receiver = unmountedReceiver(r, uses, call);
  return receiver?.router ? routerExport(r, root, receiver.name, receiver.router) : undefined;
}

/**
 * The variable a call is made on (`router.post(...)`, `app.use(...)`) when this file passes it to
 * no mount of its own, with the `Router()` call that made it when it is an express Router.
 */
function unmountedReceiver(r: Resolver, uses: readonly TsNode[], call: TsNode): { name: string; router?: TsNode } | undefined {
  const f = call.childForFieldName("function");
  const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
  // A class's own router (`public router = Router()` ... `this.router.post(this.path, ...)`), mounted as `controller.router` by another file.
  const field = obj?.type === "member_expression" && obj.childForFieldName("object")?.type === "this";
  if (obj?.type !== "identifier" && !field) return undefined;
  const name = r.src(obj as TsNode);
  if (usesPassing(r, uses).has(name)) return undefined;
  const made = r.deref(obj as TsNode);
  const router = made !== obj && ["call_expression", "new_expression"].includes(made.type) && r.calleeName(made) === "Router";
  return router ? { name, router: made } : { name };
}

/** The export of the app a route is registered on (`const mcp = new Hono(); ...; export default mcp`), when it is one. */
export function exportedReceiver(r: Resolver, root: TsNode, route: TsNode): string | undefined {
  const f = route.childForFieldName("function");
  const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
  if (obj?.type !== "identifier") return undefined;
  const made = r.deref(obj);
  const own = made !== obj && ["call_expression", "new_expression"].includes(made.type) ? routerExport(r, root, r.src(obj), made) : undefined;
  if (own !== undefined) return own;
  // A route method returns the app (hono's typed routes): `const routes = app.all("/", h); export default routes`.
  let top = route;
  while (top.parent?.type === "member_expression" && top.parent.parent?.type === "call_expression") top = top.parent.parent;
  const bound = r.boundName(top);
  return bound !== undefined ? exportedAs(r, root, bound) : undefined;
}

function ancestors(n: TsNode): TsNode[] {
  const out: TsNode[] = [];
  for (let p = n.parent; p; p = p.parent) out.push(p);
  return out;
}

/** The name a top-level binding is exported under (`default` for `export default x` and `module.exports = x`). */
export function exportedAs(r: Resolver, root: TsNode, name: string): string | undefined {
  return exportsOf(r, root).get(name);
}

const EXPORTS = new WeakMap<TsNode, ReadonlyMap<string, string>>();

/**
 * Each exported top-level binding and the name it is exported under, the first
 * statement that exports it winning, worked out once per file (a route's
 * router is looked up in it: once per route over every statement, an app with
 * 600 routers took 1.4 s).
 */
export function exportsOf(r: Resolver, root: TsNode): ReadonlyMap<string, string> {
  const known = EXPORTS.get(root);
  if (known) return known;
  const out = new Map<string, string>();
  const add = (local: string, exported: string) => {
    if (!out.has(local)) out.set(local, exported);
  };
  for (const st of kids(root)) {
    if (st.type === "export_statement" && !st.childForFieldName("source")) {
      const decl = st.childForFieldName("declaration");
      const value = st.childForFieldName("value");
      if (value?.type === "identifier") add(r.src(value), "default");
      const declared = decl?.type === "lexical_declaration" ? kids(decl).map((d) => d.childForFieldName("name")) : [decl?.childForFieldName("name")];
      const isDefault = isDefaultExport(st);
      for (const d of declared) if (d?.type === "identifier") add(r.src(d), isDefault ? "default" : r.src(d));
      for (const spec of kids(kids(st).find((k) => k.type === "export_clause"))) {
        const local = spec.childForFieldName("name");
        if (local) add(r.src(local), r.src(spec.childForFieldName("alias") ?? local));
      }
    }
    // CommonJS: `module.exports = router`, `module.exports.mcpRouter = router`, `exports.mcpRouter = router`.
    const assign = st.type === "expression_statement" ? kids(st)[0] : undefined;
    if (assign?.type !== "assignment_expression") continue;
    const right = assign.childForFieldName("right");
    if (right?.type !== "identifier") continue;
    const left = r.src(assign.childForFieldName("left") as TsNode).replace(/\s+/g, "");
    if (left === "module.exports") add(r.src(right), "default");
    else {
      const m = /^(?:module\.)?exports\.([\w$]+)$/.exec(left);
      if (m) add(r.src(right), m[1] as string);
    }
  }
  EXPORTS.set(root, out);
  return out;
}
