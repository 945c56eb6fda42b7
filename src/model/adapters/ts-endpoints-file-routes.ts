/**
 * HTTP endpoints of file-routed frameworks (typescript-sdk-wrappers.ts's fileRoute): a Next.js
 * app-router `route.ts`'s method exports, a pages-router API file's or a Vercel Function's
 * default export, SvelteKit's, Astro's and Nitro's route files. Each export that reaches MCP
 * is an endpoint on the file's path; one that serves a package's MCP handler (xmcp,
 * mcp-handler's withMcpAuth) is judged by its wrapper; one that serves another project
 * file's handler is a mount that model/code-links.ts joins.
 */
import type { TsNode } from "../../parse/typescript.js";
import { ownEntry } from "../../util/own.js";
import type { CodeMount } from "../types.js";
import { FRAMEWORK_HOOKS, HTTP_METHODS, type Endpoint } from "./ts-endpoint.js";
import { delegation } from "./ts-handler-delegation.js";
import { importedFrom } from "./ts-project-imports.js";
import { authLike, checksBefore, firstAuthCall, FUNCTIONS, handlerGuard, INLINE_AUTH, isAuthMiddleware } from "./ts-route-guards.js";
import { argsOf, isDefaultExport, kids, type CodeInput, type Resolver } from "./ts-values.js";
import { fileRoute, mcpAuthWrap } from "./typescript-sdk-wrappers.js";

/**
 * Next.js route handlers that serve MCP themselves: in an app-router `route.ts`, the exported
 * HTTP-method functions (`export async function POST(req)`, `export const GET = ...`,
 * `export { handler as POST }`); in a pages-router API file, the default export; in a Vercel
 * Function (`api/mcp.ts`), either (Vercel serves a default `(req, res)` handler and named
 * Web-standard method handlers, `export async function POST(request: Request)`). Each one that
 * reaches MCP is an endpoint on the file's path, guarded when it checks the caller first.
 */
export function nextEndpoints(r: Resolver, input: CodeInput, reaches: RegExp): { endpoints: Endpoint[]; mounts: CodeMount[] } {
  const route = fileRoute(input.file);
  if (route === undefined) return { endpoints: [], mounts: [] };
  const { path } = route;
  // The app router serves the named method exports; the pages router the default export; a Vercel Function either.
  const byName = route.exports !== "default";
  const byDefault = route.exports !== "named";
  const exported: { method: string; name: TsNode; value: TsNode; named?: true }[] = [];
  for (const ex of kids(input.root).filter((k) => k.type === "export_statement" && !k.childForFieldName("source"))) {
    const decl = ex.childForFieldName("declaration");
    if (isDefaultExport(ex)) {
      const given = decl ?? ex.childForFieldName("value");
      // Nitro's `export default defineEventHandler(async (event) => ...)`: the function it wraps.
      const value = given && route.framework === "Nitro" ? eventHandler(r, given) : given;
      if (byDefault && value) exported.push({ method: route.method ?? "ANY", name: given?.childForFieldName("name") ?? (given as TsNode), value });
      continue;
    }
    if (!byName) continue;
    if (decl?.type === "function_declaration") {
      const name = decl.childForFieldName("name");
      if (name) exported.push({ method: r.src(name), name, value: decl, named: true });
    } else if (decl?.type === "lexical_declaration") {
      for (const d of kids(decl)) {
        const name = d.childForFieldName("name");
        const value = d.childForFieldName("value");
        if (name && value) exported.push({ method: r.src(name), name, value, named: true });
      }
    } else {
      for (const spec of kids(kids(ex).find((k) => k.type === "export_clause"))) {
        const local = spec.childForFieldName("name");
        const alias = spec.childForFieldName("alias") ?? local;
        if (local && alias) exported.push({ method: r.src(alias), name: alias, value: local, named: true });
      }
    }
  }
  const out: Endpoint[] = [];
  const mounts: CodeMount[] = [];
  for (const e of exported) {
    if (e.named && !HTTP_METHODS.has(e.method)) continue;
    const fn = r.functionOf(e.value);
    const handed = delegation(r, fn);
    if (!reaches.test(r.src(fn) + handed.text)) {
      const pkg = packageHandler(r, input, fn);
      if (pkg) {
        out.push({ call: e.name, method: e.method, path, pathNode: pkg.at ?? e.name, ...pkg.judged });
        continue;
      }
      const served = servedImport(r, input, e.value, path);
      if (served) mounts.push({ ...served, loc: r.loc(e.name) });
      continue;
    }
    // Checked in the handler, or in the function of this file it hands the request to (`({ request }) => handleMcp(request)`).
    const guard = handlerGuard(r, [fn, ...handed.targets], reaches);
    const elsewhere = guard || !route.framework ? undefined : `${route.framework} runs ${FRAMEWORK_HOOKS[route.framework]} in front of every route, which may authenticate the caller`;
    out.push({ call: e.name, method: e.method, path, pathNode: e.name, ...(guard ? { guard } : {}), ...(elsewhere ? { elsewhere } : {}) });
  }
  return { endpoints: out, mounts };
}

/** The function h3's `defineEventHandler(fn)`, `eventHandler(fn)` or `defineEventHandler({ handler })` wraps, else the value itself. */
export function eventHandler(r: Resolver, value: TsNode): TsNode {
  const name = value.type === "call_expression" ? r.calleeName(value) : undefined;
  if (name !== "defineEventHandler" && name !== "eventHandler") return value;
  const [arg] = argsOf(value);
  return (arg && (r.prop(arg, "handler") ?? arg)) ?? value;
}

/** Packages whose export is a ready MCP route handler, by the name it is imported as: xmcp's Next.js adapter. */
const PACKAGE_HANDLERS: Readonly<Record<string, string>> = { xmcpHandler: "@xmcp/adapter" };

/**
 * A route method that serves an MCP handler of a package (not a project file, which code-links
 * joins): xmcp's `xmcpHandler` as it is (open), or in xmcp's `withAuth(handler, { verifyToken,
 * required })` (guarded with `required: true`, else unknown: a request with no token may reach it);
 * any handler in mcp-handler's `withMcpAuth(handler, verify, { required: true })` (guarded; its
 * documented default, `required: false`, lets a request without a token through: unknown).
 */
function packageHandler(r: Resolver, input: CodeInput, v: TsNode): { judged: Pick<Endpoint, "guard" | "note" | "elsewhere">; at?: TsNode } | undefined {
  const imported = v.type === "identifier" ? r.importOf(v) : undefined;
  if (imported && ownEntry(PACKAGE_HANDLERS, imported.name) === imported.module) return { judged: { note: `${r.src(v)} is served without withAuth` } };
  const f = v.type === "call_expression" ? v.childForFieldName("function") : null;
  const wrapper = f ? r.importOf(f) : undefined;
  const [handler, second] = argsOf(v);
  if (!f || !wrapper || !handler) return undefined;
  const inner = handler.type === "identifier" ? r.importOf(handler) : undefined;
  const xmcp = wrapper.module === "@xmcp/adapter" && wrapper.name === "withAuth" && inner !== undefined && ownEntry(PACKAGE_HANDLERS, inner.name) === inner.module;
  const vercel = inner !== undefined && importedFrom(r, input, handler) === undefined ? mcpAuthWrap(r, v) : undefined;
  if (vercel) return vercel.required ? { judged: { guard: vercel.shown } } : { judged: { elsewhere: vercel.reason }, at: vercel.at };
  if (!xmcp) return undefined;
  const required = r.prop(second, "required");
  if (required && r.deref(required).type === "true") return { judged: { guard: `${r.src(f)}(required: ${r.src(required)})` } };
  return { judged: { elsewhere: `${r.src(f)} leaves required ${required ? "false" : "at its default"}, so a request without a token may reach the handler` }, at: required ?? f };
}

/**
 * A route method that serves a handler of another project file (`export { mcpHandler as POST }`,
 * `export const POST = withMcpAuth(mcpHandler, verify, { required: true })`, `(req) => mcpHandler(req)`):
 * that file's handler, served on this route, behind what this file puts in front of it.
 */
function servedImport(r: Resolver, input: CodeInput, value: TsNode, path: string): Omit<CodeMount, "loc"> | undefined {
  const v = r.functionOf(value);
  const candidates = v.type === "identifier" ? [v] : v.descendantsOfType("identifier");
  for (const id of candidates) {
    const imported = importedFrom(r, input, id);
    if (!imported || authLike(imported.name)) continue;
    const guard = servedGuard(r, v, id);
    // withMcpAuth without required: true lets a request with no caller through, as an optional-auth layer does.
    const lax = guard ? undefined : mcpAuthWrap(r, v);
    const name = imported.name;
    return { module: imported.module, ...(imported.alt ? { alt: imported.alt } : {}), name, text: r.src(id), prefix: "", at: path, ...(guard ? { guard } : lax ? { optional: lax.shown } : {}) };
  }
  return undefined;
}

/** What a route method puts in front of the handler it serves: mcp-handler's withMcpAuth with required: true, another auth wrapper, a check first. */
function servedGuard(r: Resolver, v: TsNode, handler: TsNode): string | undefined {
  if (v.type === "call_expression") {
    const wrap = mcpAuthWrap(r, v);
    if (wrap) return wrap.required ? wrap.shown : undefined;
    return isAuthMiddleware(r, v) ? `${r.src(v.childForFieldName("function") ?? v)}(...)` : undefined;
  }
  if (!FUNCTIONS.has(v.type)) return undefined;
  if (INLINE_AUTH.test(r.src(v))) return "the handler checks a credential header";
  const first = firstAuthCall(r, checksBefore(v, handler));
  return first ? `the handler calls ${r.src(first.childForFieldName("function") ?? first)}() first` : undefined;
}
