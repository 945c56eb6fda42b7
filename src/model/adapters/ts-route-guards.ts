/**
 * What guards an HTTP MCP endpoint of TypeScript code: the authentication layers in front of a
 * route (middleware, hooks, mounts, guards), the checks a handler makes before it serves MCP (a
 * credential header, an auth call), and layers that let a request without credentials through
 * (optional authentication). The endpoint finders (ts-endpoints-*.ts) find the endpoints and ask these.
 */
import type { TsNode } from "../../parse/typescript.js";
import { argsOf, kids, type Resolver } from "./ts-values.js";
import { optionalAuthName, optionalAuthOptions } from "./optional-auth.js";
import { switchAround, type Switch } from "./ts-switched-auth.js";
import { laxBearer, type LaxBearer } from "./ts-lax-verifier.js";

/** Route methods of express, hono, fastify and h3 routers (`app.get`, `router.post`, `app.all`). */
export const ROUTE_METHODS = new Set(["get", "post", "put", "patch", "delete", "all"]);
/** A JSON-RPC dispatcher that answers MCP's own methods itself (an MCP server written without the SDK). */
export const MCP_METHODS = /["'`]tools\/(?:call|list)["'`]/;
/** Function nodes (a handler, a middleware, a method). */
export const FUNCTIONS = new Set(["arrow_function", "function_expression", "function_declaration", "method_definition"]);
export const contains = (outer: TsNode, inner: TsNode) => outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;

/** Middleware and hook names that authenticate the caller (`requireUser`, `requireMarketplaceIdentity`: bounded, linear on a long line). */
const AUTH_LIKE = /auth|bearer|jwt|passport|api_?key|verify|protect|guard|clerk|session|token|credential|require\w{0,40}(?:identity|user|principal|caller)/i;
/** Auth-named helpers that do not guard a route: the SDK's OAuth endpoint routers. */
const NOT_A_GUARD = /AuthRouter|AuthMetadataRouter/;
/** Session-store middleware: keeps a session cookie, authenticates no one (`app.use(session({ secret }))`). */
const SESSION_STORES = new Set(["express-session", "cookie-session", "@fastify/session", "@fastify/secure-session", "koa-session"]);
/** Their usual local names, for a file that uses one without importing it. */
const SESSION_STORE_NAMES = /^(?:session|expressSession|cookieSession)$/;
/**
 * Auth set-up middleware that turns no caller away. Passport's `passport.initialize()`, and
 * `passport.session()` (the same as `passport.authenticate("session")`), restore the user of a
 * session cookie when there is one and let every other request through; Clerk's
 * `clerkMiddleware()` of `@clerk/express` attaches the session's auth state to the request and
 * protects nothing by itself. Only a route that then checks `req.user` / `req.isAuthenticated()`
 * / `getAuth(req)`, or a `passport.authenticate(strategy)` or Clerk's `requireAuth()`, turns callers away.
 */
const AUTH_SETUP_ONLY = /^(?:passport\s*\.\s*(?:initialize\s*\(\s*(?:\{[^]*\})?\s*\)|session\s*\(\s*(?:\{[^]*\})?\s*\)|authenticate\s*\(\s*["'`]session["'`]\s*(?:,[^]*)?\))|clerkMiddleware\s*\([^]*\))$/;
/** Request headers that carry a caller's credential. */
const AUTH_HEADER = `["'\`](?:authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token)["'\`]`;
/**
 * A handler that checks the Authorization (or an API-key) header itself: read as a property, with
 * header()/get() or h3's getHeader(event, name), or destructured (`const { authorization } = req.headers`, bounded so it stays linear).
 */
export const INLINE_AUTH = new RegExp(
  `headers\\s*(\\.\\s*authorization|\\[\\s*${AUTH_HEADER}\\s*\\])|\\.header\\(\\s*${AUTH_HEADER}|\\bget(?:Request)?Header\\(\\s*[\\w$]+\\s*,\\s*${AUTH_HEADER}|verifyAccessToken|verifyToken|\\.get\\(\\s*${AUTH_HEADER}|(?:\\bauthorization\\b|${AUTH_HEADER})[^;{}]{0,200}\\}\\s*=\\s*[\\w$.]*\\bheaders\\b`,
  "i",
);

/**
 * The authentication around code that serves MCP without being a route of its own (a wrapper's
 * handler, `X.serve("/mcp")` of an McpAgent): the auth layers of the route whose handler it is in,
 * or a function around it that checks a credential header or calls an auth function first.
 */
export function aroundGuard(r: Resolver, uses: readonly TsNode[], hooks: readonly TsNode[], n: TsNode): string | undefined {
  for (let child = n, p = n.parent; p; child = p, p = p.parent) {
    if (FUNCTIONS.has(p.type)) {
      if (INLINE_AUTH.test(r.src(p))) return "the handler checks a credential header";
      const first = firstAuthCall(r, checksBefore(p, n));
      if (first) return `the handler calls ${r.src(first.childForFieldName("function") ?? first)}() first`;
    }
    const at = routeAt(r, p, child);
    const guard = at && ((at.mount ? undefined : middlewareGuard(r, at.middle)) ?? useGuard(r, uses, at.route, at.path) ?? mountGuard(r, uses, at.route) ?? hookGuard(r, hooks, at.route) ?? chainedUseGuard(r, at.route, at.path));
    if (guard) return guard;
    // Hono's `app.route("/mcp", subApp)` in a chain (`new Hono().use("/mcp", auth).route("/mcp", sub)`).
    const sub = p.type === "arguments" && p.parent && r.calleeName(p.parent) === "route" ? p.parent : undefined;
    const subPath = sub && argsOf(sub)[0] ? r.stringOf(argsOf(sub)[0] as TsNode) : undefined;
    const chained = sub && subPath !== undefined && argsOf(sub)[1]?.startIndex === child.startIndex ? chainedUseGuard(r, sub, subPath) : undefined;
    if (chained) return chained;
  }
  return undefined;
}

/** Does a use call's path (`/mcp`, `/mcp/*`) cover a route's path? */
export const usePathCovers = (prefix: string, path: string): boolean => path.startsWith(prefix.replace(/\/?\*$/, ""));

/** The call a chained call is made on (`a.use(x).route(...)`: `a.use(x)`), if it is one. */
function chainedOn(call: TsNode): TsNode | undefined {
  const f = call.childForFieldName("function");
  const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
  return obj?.type === "call_expression" ? obj : undefined;
}

/**
 * An auth use call earlier in the same chain as a route (hono's `new Hono().use("/mcp", auth).route("/mcp", sub)`,
 * `.use(auth).post("/mcp", handler)`), on a path that covers the route's, shown as `.use(auth)`.
 */
export function chainedUseGuard(r: Resolver, route: TsNode, path: string): string | undefined {
  for (let c = chainedOn(route); c; c = chainedOn(c)) {
    if (r.calleeName(c) !== "use") continue;
    const args = argsOf(c);
    const prefix = args[0] ? r.stringOf(args[0]) : undefined;
    if (prefix !== undefined && !usePathCovers(prefix, path)) continue;
    const auth = (prefix !== undefined ? args.slice(1) : args).find((m) => isAuthMiddleware(r, m));
    if (auth) return `.use(${FUNCTIONS.has(auth.type) ? "inline middleware" : r.src(auth).split("(")[0]})`;
  }
  return undefined;
}

/** An optional-auth layer in front of the route whose handler a wrapper's handler is (no guard there): `middleware optionalAuth`, `app.use(optionalAuth)`, an optional hook. */
export function aroundOptional(r: Resolver, uses: readonly TsNode[], hooks: readonly TsNode[], n: TsNode): string | undefined {
  for (let child = n, p = n.parent; p; child = p, p = p.parent) {
    const at = routeAt(r, p, child);
    const optional = at && (optionalLayer(r, at.mount ? [] : at.middle, uses, at.route, at.path) ?? optionalHook(r, hooks, at.route));
    if (optional) return optional;
  }
  return undefined;
}

/** `p` as a route call whose handler is `child` (its last argument), or hono's `app.mount("/mcp", X.serve("/mcp").fetch, { replaceRequest })` (its second: options may follow). */
function routeAt(r: Resolver, p: TsNode, child: TsNode): { route: TsNode; path: string; middle: readonly TsNode[]; mount: boolean } | undefined {
  const route = p.type === "arguments" ? p.parent : null;
  const fn = route ? r.calleeName(route) : undefined;
  if (!route || !fn) return undefined;
  const args = argsOf(route);
  const mount = fn === "mount";
  const handler = mount ? args[1] : args[args.length - 1];
  if (!(ROUTE_METHODS.has(fn) || mount) || r.receiverOf(route) === undefined || args.length < 2 || handler?.startIndex !== child.startIndex) return undefined;
  return { route, path: (args[0] && r.stringOf(args[0])) ?? "/", middle: args.slice(1, -1), mount };
}

/**
 * The calls a function makes before it reaches `n`, at the top of its body: in declarations and
 * expression statements (`const session = await auth()`) and in the conditions of ifs
 * (`if (!(await isAuthorized(req))) return ...`), not inside the branches (another route's handler)
 * but the one that holds `n` (a Worker's `if (url.pathname === "/mcp") { check; serve }`).
 * A `try` block that holds `n` is the top of the body too (`try { const user = await
 * authenticate(req); ...; await transport.handleRequest(req) } catch { return 401 }`).
 */
/** The block of an if (its consequence, or an else branch, through else-ifs) that holds `n`. */
function branchOf(st: TsNode, n: TsNode): TsNode | null {
  for (const b of [st.childForFieldName("consequence"), st.childForFieldName("alternative")]) {
    if (!b || !contains(b, n)) continue;
    const inner = b.type === "else_clause" ? (kids(b).find((k) => k.type !== "else") ?? null) : b;
    if (inner?.type === "if_statement") return branchOf(inner, n);
    return inner?.type === "statement_block" ? inner : null;
  }
  return null;
}

export function checksBefore(fn: TsNode, n: TsNode): TsNode[] {
  const body = fn.childForFieldName("body");
  return body?.type === "statement_block" ? callsBefore(body, n) : [];
}

function callsBefore(block: TsNode, n: TsNode): TsNode[] {
  const out: TsNode[] = [];
  for (const st of kids(block)) {
    if (st.endIndex > n.startIndex) {
      const inner = st.type === "try_statement" && contains(st, n) ? st.childForFieldName("body") : st.type === "if_statement" && contains(st, n) ? branchOf(st, n) : null;
      // The branch of an if that holds `n` (`if (url.pathname === "/mcp") { const user = await auth(req); ...; return serve() }`).
      if (inner) out.push(...callsBefore(inner, n));
      break;
    }
    // A try block before it (`try { user = await validateToken(header) } catch (e) { throw ... }`).
    const tried = st.type === "try_statement" ? st.childForFieldName("body") : null;
    if (tried) out.push(...callsBefore(tried, n));
    const part = st.type === "if_statement" ? st.childForFieldName("condition") : ["lexical_declaration", "variable_declaration", "expression_statement"].includes(st.type) ? st : null;
    if (part) out.push(...part.descendantsOfType("call_expression"));
  }
  return out;
}

/**
 * How handlers guard themselves: one of them checks a credential header, else one calls an auth
 * function first (`fns`: the handler, then the functions of this file it hands the request to).
 */
export function handlerGuard(r: Resolver, fns: readonly TsNode[], reaches: RegExp): string | undefined {
  return fns.some((f) => INLINE_AUTH.test(r.src(f))) ? "the handler checks a credential header" : fns.map((f) => checksFirst(r, f, reaches)).find((g) => g !== undefined);
}

/**
 * A handler written out that calls an auth function at the top of its body (or of a `try` there)
 * before it reaches the transport (`const auth = await authenticateRequest(req, res); if (!auth) return;`).
 */
export function checksFirst(r: Resolver, fn: TsNode, reaches: RegExp): string | undefined {
  const body = fn.childForFieldName("body");
  const serves = (st: TsNode) => reaches.test(r.src(st)) || MCP_METHODS.test(r.src(st));
  let reach = body?.type === "statement_block" ? kids(body).find(serves) : undefined;
  while (reach?.type === "try_statement") {
    const next = kids(reach.childForFieldName("body")).find(serves);
    if (!next) break;
    reach = next;
  }
  if (!reach) return undefined;
  const first = firstAuthCall(r, checksBefore(fn, reach));
  return first ? `the handler calls ${r.src(first.childForFieldName("function") ?? first)}() first` : undefined;
}

/**
 * The base path of the app a route is registered on: hono's `const app = new Hono().basePath("/api")`
 * (`createApp().basePath("/mcp")`), a koa router's `new Router({ prefix: "/mcp" })`. Its routes
 * answer under it. Undefined when the app has none.
 */
export function basePathOf(r: Resolver, route: TsNode): string | undefined {
  const f = route.childForFieldName("function");
  const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
  if (obj?.type !== "identifier") return undefined;
  const made = r.deref(obj);
  const maker = made !== obj ? r.calleeName(made) : undefined;
  const arg = made.type === "call_expression" && maker === "basePath" ? argsOf(made)[0] : made.type === "new_expression" && maker === "Router" ? r.prop(argsOf(made)[0], "prefix") : undefined;
  const base = arg ? r.stringOf(arg) : undefined;
  return base?.startsWith("/") ? base.replace(/\/+$/, "") : undefined;
}

/** The path node of `x.route("/mcp")` that a method call is chained on (`.route(p).post(h).get(h)`), if any. */
export function routeOf(r: Resolver, call: TsNode): TsNode | undefined {
  for (let obj = call.childForFieldName("function")?.childForFieldName("object"); obj?.type === "call_expression"; obj = obj.childForFieldName("function")?.childForFieldName("object")) {
    const name = r.calleeName(obj);
    if (name === "route") return argsOf(obj)[0];
    if (!name || !ROUTE_METHODS.has(name)) return undefined;
  }
  return undefined;
}

/**
 * The first of a handler's early calls that reads as authentication: one whose own name does
 * (`this.auth.validateToken(h)`) before one whose receiver alone does (`UNAUTHENTICATED_METHODS.has(m)`
 * reads as auth by its receiver only; `supabase.auth.getUser()` still counts when nothing else does).
 */
export function firstAuthCall(r: Resolver, calls: readonly TsNode[]): TsNode | undefined {
  const callee = (c: TsNode) => c.childForFieldName("function") ?? c;
  const own = (c: TsNode) => authLike(r.src(callee(c).childForFieldName("property") ?? callee(c)));
  return calls.find(own) ?? calls.find((c) => authLike(r.src(callee(c))));
}

/** Code that reads as authentication (and is not the SDK's OAuth routers, which guard nothing). */
export const authLike = (text: string): boolean => AUTH_LIKE.test(text) && !NOT_A_GUARD.test(text);

/** A session-store middleware, called here or bound by const (`const mw = session({...})`). */
function isSessionStore(r: Resolver, n: TsNode): boolean {
  const d = r.deref(n);
  const f = d.type === "call_expression" ? d.childForFieldName("function") : null;
  if (!f) return false;
  const module = r.moduleOfCallee(d);
  return module !== undefined ? SESSION_STORES.has(module) : SESSION_STORE_NAMES.test(r.src(f));
}

/**
 * A layer named or configured to let a request without credentials through (optional-auth.ts):
 * `optionalAuth`, `new OptionalJwtAuthGuard()`, `expressjwt({ credentialsRequired: false })`,
 * `passport.authenticate(["bearer", "anonymous"])`, or a const bound to one. A middleware written
 * out is judged by what it does, not by a name.
 */
export function isOptionalAuth(r: Resolver, n: TsNode): boolean {
  // Names only: not a function written out, nor an options object (fastify's `{ onRequest, handler }`).
  const named = (x: TsNode) => ["identifier", "member_expression", "call_expression"].includes(x.type);
  if (!named(n)) return false;
  const callee = (x: TsNode) => (x.type === "call_expression" ? (x.childForFieldName("function") ?? x) : x);
  const d = r.deref(n);
  if (optionalAuthName(r.src(callee(n))) || (named(d) && optionalAuthName(r.src(callee(d))))) return true;
  // requireBearerAuth given a verifier that accepts every token (ts-lax-verifier.ts): it lets callers through as such a layer does.
  if (laxBearer(r, n)) return true;
  if (d.type !== "call_expression") return false;
  const args = argsOf(d);
  const strategies = args.flatMap((a) => (r.deref(a).type === "array" ? r.items(a) : [a])).map((a) => r.stringOf(a));
  return strategies.includes("anonymous") || args.some((a) => optionalAuthOptions(r.src(a)));
}

export function isAuthMiddleware(r: Resolver, n: TsNode, depth = 0): boolean {
  if (isSessionStore(r, n) || AUTH_SETUP_ONLY.test(r.src(r.deref(n))) || isOptionalAuth(r, n)) return false;
  // A middleware written out (inline, or a function declared in the file) authenticates when it checks a credential header itself.
  if (["arrow_function", "function_expression", "function_declaration", "method_definition"].includes(n.type) && INLINE_AUTH.test(r.src(n))) return true;
  if (authLike(r.src(n.type === "call_expression" ? (n.childForFieldName("function") ?? n) : n))) return true;
  if (depth > 2) return false;
  // A method of the class around it (`this.app.use(this.checkRequest.bind(this))`).
  const method = r.methodOf(n);
  if (method) return isAuthMiddleware(r, method, depth + 1);
  // A const it is bound to (`const mw = requireBearerAuth(...)`), or the items of a spread array.
  const inner = n.type === "spread_element" ? kids(n)[0] : n;
  const d = inner ? r.functionOf(inner) : n;
  if (d.type === "array") return kids(d).some((x) => isAuthMiddleware(r, x, depth + 1));
  return d !== n && d !== inner ? isAuthMiddleware(r, d, depth + 1) : false;
}

/**
 * requireBearerAuth with a verifier that accepts every token in front of a route: among its own
 * middleware, else a use call on its app before it. `layer` shows it (`middleware bearerAuth`,
 * `app.use(requireBearerAuth)`).
 */
export function laxLayer(r: Resolver, middle: readonly TsNode[], uses: readonly TsNode[], route: TsNode, path: string): (LaxBearer & { readonly layer: string }) | undefined {
  for (const m of middle.flatMap((x) => (r.deref(x).type === "array" ? r.items(x) : [x]))) {
    const lax = laxBearer(r, m);
    if (lax) return { ...lax, layer: `middleware ${r.src(m).split("(")[0]}` };
  }
  const receiver = r.receiverOf(route);
  const g = layerBefore(r, uses, route, path, receiver, [], (x) => (x.lax ? x.optional : undefined));
  return g?.lax && g.optional ? { ...g.lax, layer: shownUse(r, receiver, g.optional) } : undefined;
}

/**
 * How a layer reads in a reason: its source when short and on one line; else a call as its callee
 * with `(...)`, a function written out as `inline function`, anything else on one line, cut.
 */
export function layerText(r: Resolver, n: TsNode): string {
  const text = r.src(n);
  if (!text.includes("\n") && text.length <= 80) return text;
  if (FUNCTIONS.has(n.type)) return "inline function";
  const callee = n.type === "call_expression" ? n.childForFieldName("function") : null;
  if (callee) return `${layerText(r, callee)}(...)`;
  const line = text.replace(/\s+/g, " ");
  return line.length <= 80 ? line : `${line.slice(0, 77)}...`;
}

/** `app.post("/mcp", requireBearerAuth(...), handler)`; fastify `{ preHandler: [app.authenticate] }`. */
export function middlewareGuard(r: Resolver, middle: readonly TsNode[]): string | undefined {
  for (const m of middle) {
    const d = r.deref(m);
    if (d.type === "object") {
      for (const hook of ["preHandler", "onRequest", "preValidation"]) {
        const h = r.prop(d, hook);
        // An optional hook (`onRequest: [optionalAuth]`) guards nothing: the others beside it decide.
        if (h && (r.deref(h).type === "array" ? r.items(h) : [h]).some((x) => !isOptionalAuth(r, x) && AUTH_LIKE.test(r.src(x)))) return `${hook} ${layerText(r, h)}`;
      }
      continue;
    }
    const list = d.type === "array" ? kids(d) : [m];
    const auth = list.find((x) => isAuthMiddleware(r, x));
    if (auth) return `middleware ${layerText(r, auth)}`;
  }
  return undefined;
}

/**
 * Fastify `app.addHook("onRequest" | "preHandler" | "preValidation", fn)` on the same receiver, where fn
 * authenticates. An optional one (`addHook("onRequest", optionalAuth)`) is no guard (optionalHook).
 */
export function hookGuard(r: Resolver, hooks: readonly TsNode[], route: TsNode, receiver = r.receiverOf(route)): string | undefined {
  const h = hookLayer(r, hooks, receiver, false);
  return h ? `${receiver}.addHook("${h.hook}")` : undefined;
}

type HookLayer = { readonly hook: string; readonly fn: TsNode };
const HOOK_LAYERS = new WeakMap<readonly TsNode[], Map<string, HookLayer | undefined>>();

/**
 * The first auth hook on the receiver (`optional`: the first that lets anonymous callers through): its
 * hook name and function. Worked out once per receiver and kind for a file's list: every route asks.
 */
function hookLayer(r: Resolver, hooks: readonly TsNode[], receiver: string | undefined, optional: boolean): HookLayer | undefined {
  let memo = HOOK_LAYERS.get(hooks);
  if (!memo) HOOK_LAYERS.set(hooks, (memo = new Map()));
  const key = `${optional ? "?" : "!"}${receiver ?? ""}`;
  if (memo.has(key)) return memo.get(key);
  let found: HookLayer | undefined;
  for (const h of hooks) {
    if (r.receiverOf(h) !== receiver) continue;
    const [name, fn] = argsOf(h);
    const hook = name ? r.stringOf(name) : undefined;
    if (!fn || !hook || !["onRequest", "preHandler", "preValidation"].includes(hook)) continue;
    if (optional ? isOptionalAuth(r, fn) : !isOptionalAuth(r, fn) && authLike(r.src(r.functionOf(fn)))) {
      found = { hook, fn };
      break;
    }
  }
  memo.set(key, found);
  return found;
}

/** An optional-auth layer on the app a setup call or register is given (`app.addHook("onRequest", optionalAuth)`, `app.use(optionalAuth)` before it). */
export function optionalSetup(r: Resolver, uses: readonly TsNode[], hooks: readonly TsNode[], call: TsNode, receiver: string | undefined): string | undefined {
  return optionalHookOn(r, hooks, receiver) ?? optionalUseBefore(r, uses, call, "/", receiver);
}

/** An optional fastify hook in front of a route, as `app.addHook("onRequest", optionalAuth)`. */
export function optionalHook(r: Resolver, hooks: readonly TsNode[], route: TsNode): string | undefined {
  return optionalHookOn(r, hooks, r.receiverOf(route));
}

/** The first optional hook on a receiver, as `app.addHook("onRequest", optionalAuth)`. */
function optionalHookOn(r: Resolver, hooks: readonly TsNode[], receiver: string | undefined): string | undefined {
  const h = hookLayer(r, hooks, receiver, true);
  return h ? `${receiver}.addHook("${h.hook}", ${layerText(r, h.fn)})` : undefined;
}

/** An optional-auth use call on the receiver, covering the path, before `at`, as `app.use(optionalAuth)`. */
function optionalUseBefore(r: Resolver, uses: readonly TsNode[], at: TsNode, path: string, receiver: string | undefined): string | undefined {
  const g = layerBefore(r, uses, at, path, receiver, [], (x) => x.optional);
  return g?.optional ? `${receiver}.use(${r.src(g.optional).split("(")[0]})` : undefined;
}

/** Is this use call's layer set up only under a switch the route is not under (`if (process.env.TOKEN) app.use(auth)` before the route)? */
const switchedFor = (g: GuardUse, route: TsNode): boolean => g.switched !== undefined && !contains(g.switched.ifNode, route);

/** How a use call's layer is shown: `app.use(requireAuth)`, or `app.use(inline middleware)` for one written out in the call. */
const shownUse = (r: Resolver, receiver: string | undefined, layer: TsNode): string => `${receiver}.use(${FUNCTIONS.has(layer.type) ? "inline middleware" : r.src(layer).split("(")[0]})`;

/** `app.use(auth)` or `app.use("/mcp", auth)` on the same receiver (the route's, or the app given), before the route. */
export function useGuard(r: Resolver, uses: readonly TsNode[], route: TsNode, path: string, receiver = r.receiverOf(route), except: readonly TsNode[] = []): string | undefined {
  const g = layerBefore(r, uses, route, path, receiver, except, (x) => (switchedFor(x, route) ? undefined : x.auth));
  return g?.auth ? shownUse(r, receiver, g.auth) : undefined;
}

/** An authentication use call before the route that only a switch sets up (`if (process.env.MCP_AUTH_TOKEN) app.use(auth)`): the layer shown, and the switch. */
export function switchedUse(r: Resolver, uses: readonly TsNode[], route: TsNode, path: string, receiver = r.receiverOf(route)): { layer: string; when: string } | undefined {
  const g = layerBefore(r, uses, route, path, receiver, [], (x) => (switchedFor(x, route) ? x.auth : undefined));
  return g?.auth && g.switched ? { layer: shownUse(r, receiver, g.auth), when: g.switched.text } : undefined;
}

/** The first use call with the layer `pick` gives, on the same receiver and covering the path, before the route. */
function layerBefore(r: Resolver, uses: readonly TsNode[], route: TsNode, path: string, receiver: string | undefined, except: readonly TsNode[], pick: (g: GuardUse) => TsNode | undefined): GuardUse | undefined {
  const start = route.startIndex;
  for (const g of guardUses(r, uses)) {
    if (g.start > start || g.receiver !== receiver || except.includes(g.node) || !pick(g)) continue;
    if (g.prefix !== undefined && !usePathCovers(g.prefix, path)) continue;
    return g;
  }
  return undefined;
}

/** An optional-auth layer in front of a route: among its own middleware, else a use call on its app before it (`app.use(optionalAuth)`). */
export function optionalLayer(r: Resolver, middle: readonly TsNode[], uses: readonly TsNode[], route: TsNode, path: string): string | undefined {
  return optionalMiddleware(r, middle) ?? optionalUseBefore(r, uses, route, path, r.receiverOf(route));
}

/**
 * A router's routes sit behind the layers of the app it is mounted on:
 * `app.use("/mcp", auth, router)`, or `app.use(auth)` before `app.use("/mcp", router)`.
 * `except`: use calls that do not count (the mount being judged).
 */
export function mountGuard(r: Resolver, uses: readonly TsNode[], route: TsNode, except: readonly TsNode[] = []): string | undefined {
  const receiver = r.receiverOf(route);
  if (receiver === undefined) return undefined;
  for (const u of usesPassing(r, uses).get(receiver) ?? []) {
    if (except.includes(u)) continue;
    const at = r.identifierArgs(u).indexOf(receiver);
    const args = argsOf(u);
    const prefix = args[0] ? r.stringOf(args[0]) : undefined;
    const auth = args.slice(prefix !== undefined ? 1 : 0, at).find((m) => isAuthMiddleware(r, m));
    if (auth) return `${r.receiverOf(u)}.use(${r.src(auth).split("(")[0]}, ${receiver})`;
    const outer = useGuard(r, uses, u, prefix ?? "/", undefined, [...except, u]);
    if (outer) return outer;
  }
  return undefined;
}

/** An optional-auth layer among a route's own middleware (each one, or the items of an array), as `middleware X`. */
export function optionalMiddleware(r: Resolver, middle: readonly TsNode[]): string | undefined {
  for (const m of middle) {
    const d = r.deref(m);
    // Fastify's route options: `{ onRequest: [optionalAuth] }`.
    for (const hook of d.type === "object" ? ["preHandler", "onRequest", "preValidation"] : []) {
      const h = r.prop(d, hook);
      const hit = h ? (r.deref(h).type === "array" ? r.items(h) : [h]).find((x) => isOptionalAuth(r, x)) : undefined;
      if (hit) return `${hook} ${layerText(r, hit)}`;
    }
    const hit = (d.type === "array" ? kids(d) : [m]).find((x) => isOptionalAuth(r, x));
    if (hit) return `middleware ${layerText(r, hit)}`;
  }
  return undefined;
}

/** A use call with an authentication layer (or, else, an optional one): where it is, what it is made on, its path prefix and that layer. */
type GuardUse = { readonly node: TsNode; readonly start: number; readonly receiver: string | undefined; readonly prefix: string | undefined; readonly auth?: TsNode; readonly optional?: TsNode; readonly lax?: LaxBearer; readonly switched?: Switch };
const GUARD_USES = new WeakMap<readonly TsNode[], readonly GuardUse[]>();

/**
 * The use calls of a file's list that put an authentication layer in front (few in any file), in
 * order, worked out once per list: each route and mount asks, and an app that mounts 1,000 routers
 * asked every use call's native start offset for every mount.
 */
function guardUses(r: Resolver, uses: readonly TsNode[]): readonly GuardUse[] {
  let out = GUARD_USES.get(uses);
  if (out) return out;
  out = uses.flatMap((u) => {
    const args = argsOf(u);
    const prefix = args[0] ? r.stringOf(args[0]) : undefined;
    const layers = prefix !== undefined ? args.slice(1) : args;
    const auth = layers.find((m) => isAuthMiddleware(r, m));
    const optional = auth ? undefined : layers.find((m) => isOptionalAuth(r, m));
    const lax = optional ? laxBearer(r, optional) : undefined;
    const switched = auth ? switchAround(r, u) : undefined;
    return auth || optional ? [{ node: u, start: u.startIndex, receiver: r.receiverOf(u), prefix, ...(auth ? { auth } : { optional }), ...(lax ? { lax } : {}), ...(switched ? { switched } : {}) }] : [];
  });
  GUARD_USES.set(uses, out);
  return out;
}

const USES_PASSING = new WeakMap<readonly TsNode[], ReadonlyMap<string, readonly TsNode[]>>();

/** The use calls of a file's list by each identifier they pass (`app.use("/mcp", auth, router)`: `auth`, `router`), in order. */
export function usesPassing(r: Resolver, uses: readonly TsNode[]): ReadonlyMap<string, readonly TsNode[]> {
  let out = USES_PASSING.get(uses);
  if (out) return out;
  const map = new Map<string, TsNode[]>();
  for (const u of uses) {
    for (const name of new Set(r.identifierArgs(u))) {
      if (name === undefined) continue;
      const list = map.get(name);
      if (list) list.push(u);
      else map.set(name, [u]);
    }
  }
  USES_PASSING.set(uses, map);
  return map;
}

/** Why an open route in a file that mounts one of the SDK's OAuth routers is still open, naming the router it mounts. */
export function authRouterNote(text: string): string | undefined {
  const router = NOT_A_GUARD.test(text) ? /\b\w*Auth(?:Metadata)?Router\b/.exec(text)?.[0] : undefined;
  if (router === undefined) return undefined;
  const serves = /MetadataRouter$/.test(router) ? "the OAuth metadata" : "the OAuth endpoints";
  return `${router} serves ${serves} but does not guard this route; add requireBearerAuth`;
}

/**
 * Fastify's `app.register(authPlugin)` on the route's app before it, with no hook or middleware
 * that guards the route: the plugin may add an onRequest hook to the app (a project's auth plugin
 * wrapped in fastify-plugin, @fastify/bearer-auth) or only a decorator the routes must call
 * (@fastify/jwt's request.jwtVerify): unknown, for the reason returned.
 */
export function registeredAuthPlugin(r: Resolver, calls: readonly TsNode[], route: TsNode): string | undefined {
  const receiver = r.receiverOf(route);
  if (receiver === undefined) return undefined;
  const hit = calls.find((c) => c.startIndex < route.startIndex && r.calleeName(c) === "register" && r.receiverOf(c) === receiver && argsOf(c)[0] !== undefined && isAuthMiddleware(r, argsOf(c)[0] as TsNode));
  const plugin = hit ? r.src(argsOf(hit)[0] as TsNode).split("(")[0] : undefined;
  return plugin === undefined ? undefined : `${receiver}.register(${plugin}) before it may add an authentication hook to the app (a plugin wrapped in fastify-plugin) or only a decorator its routes must call (@fastify/jwt); what it adds decides the authentication in front of it`;
}
