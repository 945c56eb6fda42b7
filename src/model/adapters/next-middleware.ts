/**
 * A Next.js middleware (`middleware.ts`, Next 16's `proxy.ts`, beside the
 * app's `app/` or `pages/` folder): what it does in front of the routes it
 * runs for, and which routes those are (`export const config = { matcher }`).
 * model/code-links.ts applies it to the MCP endpoints of the app's route
 * files. Read as the SDK adapter reads everything else: a function that
 * checks a credential header, answers 401 or calls an auth function guards;
 * an auth wrapper (`withAuth(...)`, next-auth's `auth` re-exported as the
 * middleware, Clerk's `authMiddleware`) guards; Clerk's `clerkMiddleware()`
 * guards only the paths its handler calls `auth.protect()` for (none without
 * a handler: then it is not known); code of another project file may guard.
 */
import { untrustedTest } from "../../util/untrusted-regex.js";
import { isMiddlewareFile } from "../../parse/mcp-code-markers.js";
import type { TsNode } from "../../parse/typescript.js";
import type { NextMiddleware } from "../types.js";
import { argsOf, isDefaultExport, kids, type CodeInput, type Resolver } from "./ts-values.js";
import { authLike, INLINE_AUTH } from "./ts-route-guards.js";

const EXPORT_NAMES = new Set(["middleware", "proxy", "default"]);
/** A middleware that answers with an auth failure, or sends the caller to sign in. */
const DENIES = /\bstatus\s*:\s*40[13]\b|\bnew\s+Response\([^)]*\b40[13]\b|\b(?:401|403)\b\s*\)|redirectToSignIn|\/(?:login|sign-?in)\b|\bunauthori[sz]ed\b/i;
/** Middleware packages whose default export authenticates. */
const AUTH_MODULE = /^(?:next-auth|@auth\/|@clerk\/|@auth0\/|@kinde-oss\/|@supabase\/|better-auth|@workos-inc\/)/;
const FUNCTIONS = new Set(["arrow_function", "function_expression", "function_declaration"]);
/** Code that reads the request's path (what it does may then depend on the route). */
const PATH_TEST = /\bpathname\b|\.url\b|\bnextUrl\b/;

type Effect = { readonly effect: "guard" | "unknown"; readonly detail: string; readonly only?: readonly string[]; readonly except?: readonly string[] } | undefined;

/** The middleware this file exports, when it guards (or may guard) the routes it runs for. */
export function readNextMiddleware(r: Resolver, input: CodeInput): NextMiddleware | undefined {
  if (!isMiddlewareFile(input.file)) return undefined;
  const exported = middlewareExport(r, input.root);
  if (!exported) return undefined;
  const judged = exported.module !== undefined ? reexported(exported.name, exported.module) : judge(r, exported.value, 0);
  if (!judged) return undefined;
  const matcher = readMatcher(r, input.root);
  return {
    loc: r.loc(exported.at),
    ...judged,
    ...(matcher.sources ? { matchers: matcher.sources } : {}),
    ...(matcher.unread ? { matcherUnread: true } : {}),
  };
}

/** `export function middleware`, `export const proxy = ...`, `export default ...`, `export { auth as middleware } from "./auth"`. */
function middlewareExport(r: Resolver, root: TsNode): { at: TsNode; value: TsNode; name: string; module?: string } | undefined {
  for (const ex of kids(root).filter((k) => k.type === "export_statement")) {
    const source = ex.childForFieldName("source");
    const module = source ? r.stringOf(source) : undefined;
    const decl = ex.childForFieldName("declaration");
    const isDefault = isDefaultExport(ex);
    if (isDefault) {
      const value = decl ?? ex.childForFieldName("value");
      if (value) return { at: value, value, name: "default" };
    }
    if (decl?.type === "function_declaration") {
      const name = decl.childForFieldName("name");
      if (name && EXPORT_NAMES.has(r.src(name))) return { at: name, value: decl, name: r.src(name) };
    } else if (decl?.type === "lexical_declaration") {
      for (const d of kids(decl)) {
        const name = d.childForFieldName("name");
        const value = d.childForFieldName("value");
        if (name && value && EXPORT_NAMES.has(r.src(name))) return { at: name, value, name: r.src(name) };
      }
    }
    for (const spec of kids(kids(ex).find((k) => k.type === "export_clause"))) {
      const local = spec.childForFieldName("name");
      const alias = spec.childForFieldName("alias") ?? local;
      if (!local || !alias || !EXPORT_NAMES.has(r.src(alias))) continue;
      if (module !== undefined) return { at: spec, value: local, name: r.src(local), module };
      const imported = r.importOf(local);
      return imported ? { at: spec, value: local, name: imported.name, module: imported.module } : { at: spec, value: local, name: r.src(local) };
    }
  }
  return undefined;
}

/** A middleware another module exports (`export { auth as middleware } from "@/auth"`, `export { default } from "next-auth/middleware"`). */
function reexported(name: string, module: string): Effect {
  const from = `${name === "default" ? "the default export" : name} of ${module}`;
  if (authLike(name) || AUTH_MODULE.test(module)) return { effect: "guard", detail: `the middleware is ${from}` };
  // Code of the project (a relative or aliased path) that this file cannot read.
  if (/^(?:\.|@\/|~\/|#)/.test(module)) return { effect: "unknown", detail: `the middleware is ${from}, which may authenticate` };
  return undefined;
}

function judge(r: Resolver, n: TsNode, depth: number): Effect {
  if (depth > 3) return undefined;
  const v = n.type === "identifier" ? r.functionOf(n) : r.deref(n);
  if (v.type === "identifier") {
    const imported = r.importOf(v);
    if (imported) return reexported(imported.name, imported.module);
    // `const { auth } = NextAuth(authConfig); export default auth;`
    return authLike(r.src(v)) ? { effect: "guard", detail: `the middleware is ${r.src(v)}` } : undefined;
  }
  // next-auth v5's `export default NextAuth(authConfig).auth`.
  if (v.type === "member_expression") {
    const prop = v.childForFieldName("property");
    return prop && authLike(r.src(prop)) ? { effect: "guard", detail: `the middleware is ${r.src(v)}` } : undefined;
  }
  if (FUNCTIONS.has(v.type)) return judgeFunction(r, v);
  // xmcp's middleware file may export a list run in order: one that authenticates turns callers away.
  if (v.type === "array") {
    const judged = r.items(v).map((x) => judge(r, x, depth + 1));
    return judged.find((j) => j?.effect === "guard") ?? judged.find((j) => j !== undefined);
  }
  if (v.type !== "call_expression") return undefined;
  const callee = r.src(v.childForFieldName("function") ?? v);
  const name = r.calleeName(v) ?? callee;
  const args = argsOf(v);
  const handler = args.find((a) => FUNCTIONS.has(r.functionOf(a).type));
  if (name === "clerkMiddleware") return clerk(r, handler ? r.functionOf(handler) : undefined);
  if (name === "authMiddleware") {
    // Clerk's older middleware protects every route but its public and ignored ones.
    const except = ["publicRoutes", "ignoredRoutes"].flatMap((k) => patterns(r, r.prop(args[0], k)) ?? []);
    return { effect: "guard", detail: "Clerk authMiddleware() protects the routes it runs for", ...(except.length ? { except } : {}) };
  }
  // next-auth's withAuth(fn, { callbacks: { authorized } }) and v5's auth(fn) check the session before fn runs.
  if (authLike(name)) return { effect: "guard", detail: `the middleware is ${callee}(...)` };
  // A chain of middlewares (`chain([withAuth, withI18n])`): one of them may authenticate.
  const parts = args.flatMap((a) => (r.deref(a).type === "array" ? r.items(a) : [a]));
  if (parts.some((p) => authLike(r.src(p.type === "call_expression" ? (p.childForFieldName("function") ?? p) : p)))) {
    return { effect: "unknown", detail: `the middleware ${callee}(...) is built from an auth middleware` };
  }
  return undefined;
}

/**
 * A middleware written out: it guards when it checks a credential (a header, an auth call, a
 * 401 answer), for every path unless it reads the path first; it may guard when it hands the
 * request to a function of another project file.
 */
function judgeFunction(r: Resolver, fn: TsNode): Effect {
  const text = r.src(fn);
  const authCall = fn.descendantsOfType("call_expression").find((c) => authLike(r.src(c.childForFieldName("function") ?? c)));
  const checks = INLINE_AUTH.test(text) ? "checks a credential header" : authCall ? `calls ${r.src(authCall.childForFieldName("function") ?? authCall)}()` : DENIES.test(text) ? "turns away callers without a session" : undefined;
  if (checks) {
    return PATH_TEST.test(text) ? { effect: "unknown", detail: `the middleware ${checks} for the paths it tests` } : { effect: "guard", detail: `the middleware ${checks}` };
  }
  for (const c of fn.descendantsOfType("call_expression")) {
    const f = c.childForFieldName("function");
    const module = f ? r.importOf(f)?.module : undefined;
    if (module !== undefined && /^(?:\.|@\/|~\/|#)/.test(module)) return { effect: "unknown", detail: `the middleware calls ${r.src(f as TsNode)}() of ${module}, which may authenticate` };
  }
  return undefined;
}

/**
 * `clerkMiddleware(handler)`: routes are public unless the handler calls `auth.protect()` for
 * them, everywhere or under `if (isProtected(req))` / `if (!isPublic(req))` with the matcher
 * made by `createRouteMatcher([...])`.
 */
function clerk(r: Resolver, handler: TsNode | undefined): Effect {
  if (!handler) return { effect: "unknown", detail: "clerkMiddleware() without a handler makes the session available but protects no route (a route handler may check it)" };
  const protect = handler.descendantsOfType("call_expression").find((c) => /\.protect$|^protect$/.test(r.src(c.childForFieldName("function") ?? c)));
  if (!protect) return judgeFunction(r, handler) ?? { effect: "unknown", detail: "clerkMiddleware(handler) protects only what its handler checks" };
  const some: Effect = { effect: "unknown", detail: "clerkMiddleware calls auth.protect() for some requests only" };
  for (let p = protect.parent; p && p !== handler; p = p.parent) {
    if (p.type !== "if_statement") continue;
    const c = routeCondition(r, p);
    if (!c) return some;
    // `if (isProtected(req)) auth.protect()`; `if (!isPublic(req)) auth.protect()`.
    return c.negated ? { effect: "guard", detail: "clerkMiddleware calls auth.protect() for every route but its public ones", except: c.list } : { effect: "guard", detail: "clerkMiddleware calls auth.protect() for the routes of its matcher", only: c.list };
  }
  // Early returns before it: `if (isPublic(req)) return;`, `if (!isProtected(req)) return NextResponse.next();`.
  const body = handler.childForFieldName("body");
  const before = kids(body).filter((st) => st.type === "if_statement" && st.endIndex <= protect.startIndex && st.descendantsOfType("return_statement").length > 0);
  if (before.length > 1) return some;
  const early = before[0];
  if (!early) return { effect: "guard", detail: "clerkMiddleware calls auth.protect() for every route" };
  const c = routeCondition(r, early);
  if (!c) return some;
  return c.negated ? { effect: "guard", detail: "clerkMiddleware calls auth.protect() for the routes of its matcher", only: c.list } : { effect: "guard", detail: "clerkMiddleware calls auth.protect() for every route but its public ones", except: c.list };
}

/** `if (isX(req))` or `if (!isX(req))` with `const isX = createRouteMatcher([...])`: the patterns, and whether the test is negated. */
function routeCondition(r: Resolver, ifStatement: TsNode): { list: string[]; negated: boolean } | undefined {
  const cond = ifStatement.childForFieldName("condition");
  const calls = cond?.descendantsOfType("call_expression") ?? [];
  const f = calls[0]?.childForFieldName("function");
  const made = f?.type === "identifier" ? r.deref(f) : undefined;
  const list = calls.length === 1 && made?.type === "call_expression" && r.calleeName(made) === "createRouteMatcher" ? patterns(r, argsOf(made)[0]) : undefined;
  if (!cond || !list) return undefined;
  const text = r.src(cond).replace(/^\(\s*|\s*\)$/g, "");
  if (!/^!?\s*(?:await\s+)?[\w$]+\([^()]*\)$/.test(text)) return undefined;
  return { list, negated: text.startsWith("!") };
}

/** A list of path patterns (a string or an array of strings); undefined when one cannot be read. */
function patterns(r: Resolver, n: TsNode | undefined): string[] | undefined {
  if (!n) return undefined;
  const list = r.deref(n).type === "array" ? r.items(n) : [n];
  const out = list.map((x) => r.stringOf(x));
  return out.every((s): s is string => s !== undefined) ? out : undefined;
}

/** `export const config = { matcher: "/api/:path*" | [...] | [{ source, has, missing }] }`. */
function readMatcher(r: Resolver, root: TsNode): { sources?: string[]; unread?: boolean } {
  for (const ex of kids(root).filter((k) => k.type === "export_statement")) {
    const decl = ex.childForFieldName("declaration");
    if (decl?.type !== "lexical_declaration") continue;
    for (const d of kids(decl)) {
      const name = d.childForFieldName("name");
      const value = d.childForFieldName("value");
      if (!name || !value || r.src(name) !== "config") continue;
      if (r.deref(value).type !== "object") return { unread: true };
      const matcher = r.prop(value, "matcher");
      if (!matcher) return {};
      const list = r.deref(matcher).type === "array" ? r.items(matcher) : [matcher];
      const sources = list.map((x) => r.stringOf(x) ?? (r.prop(x, "source") && r.stringOf(r.prop(x, "source") as TsNode)));
      return sources.every((s): s is string => typeof s === "string") ? { sources } : { unread: true };
    }
  }
  return {};
}

/**
 * A path pattern as Next.js and Clerk read it (path-to-regexp 6: `/api/:path*`,
 * `/((?!_next|static).*)`, `/(api|trpc)(.*)`) as a regular expression over a
 * path; undefined when it uses syntax this reading does not follow.
 */
export function pathPattern(source: string): PathMatcher | undefined {
  const DEFAULT = "[^\\/#\\?]+?";
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  let out = "";
  let pending = "";
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (c === "\\") {
      pending += source[i + 1] ?? "";
      i += 2;
      continue;
    }
    let pattern: string;
    if (c === ":") {
      const name = /^\w+/.exec(source.slice(i + 1))?.[0];
      if (!name) return undefined;
      i += 1 + name.length;
      pattern = DEFAULT;
      if (source[i] === "(") {
        const g = group(source, i);
        if (!g) return undefined;
        [pattern, i] = g;
      }
    } else if (c === "(") {
      const g = group(source, i);
      if (!g) return undefined;
      [pattern, i] = g;
    } else if (c === "{" || c === "}" || c === "?" || c === "*" || c === "+") {
      return undefined;
    } else {
      pending += c;
      i++;
      continue;
    }
    const mod = "?*+".includes(source[i] ?? "-") ? (source[i++] as string) : "";
    // A `/` or `.` right before a parameter belongs to it (`/:path*` also matches nothing at all).
    const prefix = pending.endsWith("/") || pending.endsWith(".") ? pending.slice(-1) : "";
    out += esc((prefix ? pending.slice(0, -1) : pending).toLowerCase());
    pending = "";
    const p = esc(prefix);
    out += mod === "+" || mod === "*" ? `(?:${p}(?:${pattern})(?:${p}(?:${pattern}))*)${mod === "*" ? "?" : ""}` : `(?:${p}(?:${pattern}))${mod}`;
  }
  out += esc(pending.toLowerCase());
  // The groups are regular expressions written in the scanned code: their run time is bounded
  // (untrusted-regex.ts; one with a back-reference is not read). Matching ignores case as
  // path-to-regexp does, by lowercasing the path and the literal text (a group is matched as
  // written, so one that names capitals finds none in the lowercased path).
  const re = untrustedTest(`^${out}(?:\\.json)?\\/?$`);
  return re.ok ? { test: (path) => re.test(path.toLowerCase()) } : undefined;
}

/** A compiled path pattern. */
export interface PathMatcher {
  test(path: string): boolean;
}

/** The body of the parenthesised group at `start` and the index after it. */
function group(source: string, start: number): [string, number] | undefined {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return [source.slice(start + 1, i), i + 1];
  }
  return undefined;
}
