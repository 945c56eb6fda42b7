/**
 * Joins what code files say about each other's HTTP MCP endpoints, once every
 * file of the scan has been read alone (CodeLinks):
 *
 * - a router or sub-app another file mounts (`app.use("/mcp", requireAuth,
 *   mcpRouter)`, hono's `app.route("/mcp", mcp)`): its routes sit behind what
 *   that mount puts in front of them, on the mount's path. Guarded where every
 *   mount is; open where one is not. Not mounted by any scanned file: as its
 *   own file says (an express Router: not known).
 * - a Next.js middleware (`middleware.ts`, `proxy.ts` beside the app's `app/`
 *   or `pages/` folder) runs in front of the app's routes its matcher matches:
 *   an open route it guards is guarded; one it may guard is not known.
 * - a NestJS app's entry file (`src/main.ts`) puts its global prefix before
 *   the paths of the controller routes under its folder (mcp-nest's among
 *   them) and its app-wide auth guards in front of them.
 * - a route that hands its request to a function another file exports and
 *   that serves MCP there (`router.post("/mcp", mcpHandler)`): guarded when
 *   that function checks the caller first, open when it does not (nothing in
 *   the route's file is in front of it); not known when that file is not scanned.
 *
 * Pure: policies and links in, policies out.
 */
import { nextRoute, pagesApiRoute } from "./adapters/typescript-sdk-wrappers.js";
import { pathPattern } from "./adapters/next-middleware.js";
import { optionalAuthReason } from "./adapters/optional-auth.js";
import type { CodeHandlerRef, CodeLinks, CodeMount, NestApp, NestRoute, NextMiddleware, Policy } from "./types.js";
import { withoutSourceExtension } from "../parse/mcp-code-markers.js";

export interface FileLinks {
  readonly file: string;
  readonly links: CodeLinks;
}

/** Test code (`*.test.ts`, `__tests__/`, `test/`): an app it builds around a router is no deployment of it. */
const TEST_FILE = /(?:^|\/)(?:__tests__|__mocks__|tests?|e2e|spec)\/|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/;

export function linkCode(policies: readonly Policy[], files: readonly FileLinks[]): Policy[] {
  const mounts = files.filter((f) => !TEST_FILE.test(f.file)).flatMap((f) => (f.links.mounts ?? []).map((m) => ({ file: f.file, m })));
  const middlewares = files.flatMap((f) => (f.links.middleware ? [{ file: f.file, m: f.links.middleware }] : []));
  const nestApps = files.filter((f) => !TEST_FILE.test(f.file)).flatMap((f) => (f.links.nestApps ?? []).map((a) => ({ file: f.file, a, guards: a.module === undefined ? [] : moduleGuards(a.module, files) })));
  const handlers = files.flatMap((f) => (f.links.handlers ?? []).map((h) => ({ file: f.file, h })));
  if (mounts.length === 0 && middlewares.length === 0 && nestApps.length === 0 && handlers.length === 0) return [...policies];
  return policies.map((p) => {
    if (p.kind !== "code" || !p.route) return p;
    if (p.route.handler) return viaHandler(p, p.route.handler, handlers);
    if (p.route.nest) return viaNestApp(p, p.route.nest, nestApps);
    const mounted = p.route.router !== undefined && p.defaultDecision !== "deny" ? viaMounts(p, p.route.router, mounts) : { policy: p };
    // A handler served by a Next.js route file of another file sits behind that app's middleware.
    return mounted.policy.defaultDecision === "deny" ? mounted.policy : viaMiddleware(mounted.policy, middlewares, mounted.servedBy ?? p.file);
  });
}

type Handler = { readonly file: string; readonly h: NonNullable<CodeLinks["handlers"]>[number] };

/**
 * A route whose file puts nothing in front of the handler of another file it hands the request to:
 * as that handler is (it checks the caller first, or not). Unchanged when that file is not scanned.
 */
function viaHandler(p: Policy, ref: CodeHandlerRef, handlers: readonly Handler[]): Policy {
  const found = handlers.find(({ file, h }) => h.name === ref.name && mountKeys(ref).includes(mountedAs(file)));
  if (!found || p.defaultDecision !== "unknown") return p;
  const path = p.route?.path ?? "/";
  const at = `${found.file}:${found.h.loc.line}`;
  if (found.h.guard !== undefined) {
    const mode = `${found.h.guard}, in ${at}`;
    return { ...p, authn: { required: true, mode, loc: p.defaultLoc }, defaultDecision: "deny", defaultReason: `HTTP MCP endpoint ${path} requires authentication (${mode})` };
  }
  return { ...p, authn: { required: false, loc: p.defaultLoc }, defaultDecision: "allow", defaultReason: `HTTP MCP endpoint ${path} has no authentication middleware (its handler ${ref.name === "default" ? "" : `${ref.name} `}in ${at} checks no caller first)` };
}

/** The app-wide auth guards a NestJS root module's file provides (APP_GUARD), as `X in file:line`. */
function moduleGuards(module: string, files: readonly FileLinks[]): string[] {
  const file = files.find((f) => mountKeys({ module }).includes(mountedAs(f.file)));
  return (file?.links.appGuards ?? []).map((g) => `APP_GUARD ${g.guard} in ${where(file?.file ?? "", g)}`);
}

/**
 * The NestJS app a controller route is served by: the one app made in the entry files nearest
 * above the route's file (`src/main.ts` for `src/mcp/mcp.controller.ts`), none when two apps are
 * made there. Its global prefix goes before the route's path unless an exclude entry matches it;
 * its app-wide auth guards guard it unless the route is marked public.
 */
function viaNestApp(p: Policy, nest: NestRoute, apps: readonly { file: string; a: NestApp; guards: readonly string[] }[]): Policy {
  const above = apps.filter(({ file }) => p.file.startsWith(folderOf(file)));
  const depth = Math.max(-1, ...above.map(({ file }) => folderOf(file).length));
  const nearest = above.filter(({ file }) => folderOf(file).length === depth);
  const app = nearest.length === 1 ? nearest[0] : undefined;
  if (!app || !p.route) return p;
  const { a } = app;
  const old = p.route.path;
  const path = a.prefix === undefined || a.pathsUnread || excluded(a.exclude ?? [], old, nest.method) !== false ? old : joinPath(`/${a.prefix}`, old);
  const moved = path === old ? p : { ...p, name: `${method(p)} ${path}`, route: { ...p.route, path }, defaultReason: p.defaultReason.replace(`HTTP MCP endpoint ${old} `, `HTTP MCP endpoint ${path} `) };
  const guards = [...(a.guards?.length ? [`app.useGlobalGuards(${a.guards.join(", ")}) in ${where(app.file, a)}`] : []), ...app.guards];
  if (moved.defaultDecision === "deny" || guards.length === 0 || nest.anonymous) return moved;
  const mode = guards.join("; ");
  if (nest.markedPublic) {
    const { authn: _drop, ...rest } = moved;
    return { ...rest, defaultDecision: "unknown", defaultReason: `HTTP MCP endpoint ${path} is marked public, which an app-wide auth guard commonly lets through (${mode})` };
  }
  return { ...moved, authn: { required: true, mode, loc: p.defaultLoc }, defaultDecision: "deny", defaultReason: `HTTP MCP endpoint ${path} requires authentication (${mode})` };
}

/**
 * Does an exclude entry of `setGlobalPrefix` match the route (`mcp`, `mcp/(.*)`, `mcp/*`, `{ path, method }`)?
 * undefined when one may (a pattern this reading does not follow, or one method of a route that serves several).
 */
function excluded(entries: readonly { path: string; method?: string }[], path: string, routeMethod: string): boolean | undefined {
  const route = path.replace(/^\/+|\/+$/g, "");
  let unsure = false;
  for (const e of entries) {
    const wild = /^(.*?)\/?(?:\(\.\*\)|\*[\w]*|\{\*\w+\})$/.exec(e.path);
    const base = wild ? wild[1] ?? "" : e.path;
    if (/[:*(){}]/.test(base)) {
      unsure = true;
      continue;
    }
    const hit = wild ? route === base || route.startsWith(`${base}/`) || base === "" : route === base;
    if (!hit) continue;
    if (e.method === undefined || e.method === routeMethod) return true;
    if (routeMethod === "ANY" || routeMethod === "ALL") unsure = true;
  }
  return unsure ? undefined : false;
}

const method = (p: Policy) => p.name.split(" ")[0] ?? "ANY";
const where = (file: string, m: { loc: { line: number } }) => `${file}:${m.loc.line}`;

function joinPath(prefix: string, path: string): string {
  const base = prefix.replace(/\/+$/, "");
  if (path === "/" || path === "") return base === "" ? "/" : base;
  return `${base}${path.startsWith("/") ? "" : "/"}${path}`;
}

type Mount = { readonly file: string; readonly m: CodeMount };
/** What a mount puts in front of what it mounts, once the mounts of the router it sits on are followed. */
type Resolved = { readonly state: "guard" | "open"; readonly prefix: string; readonly mount: Mount; readonly guard?: Mount } | { readonly state: "unknown"; readonly optional?: { readonly prefix: string; readonly mount: Mount } };

/** A file as mounts name it: its path without extension. */
export const mountedAs = withoutSourceExtension;

/** The files (mountedAs) this mount may import: its module path or alias, as a file or as a folder's index. */
export function mountKeys(m: Pick<CodeMount, "module" | "alt">): string[] {
  return [m.module, m.alt].flatMap((x) => (x === undefined ? [] : [x, `${x}/index`]));
}

function mountsOf(file: string, name: string, mounts: readonly Mount[]): Mount[] {
  const own = mountedAs(file);
  return mounts.filter(({ m }) => m.name === name && mountKeys(m).includes(own));
}

/** One mount: guarded by its own guard, open without one, else as the router it sits on is mounted (a few levels). */
function resolve(mount: Mount, mounts: readonly Mount[], depth: number): Resolved {
  if (mount.m.guard !== undefined) return { state: "guard", prefix: mount.m.prefix, mount, guard: mount };
  // An optional-auth layer in front: neither guarded nor shown open.
  if (mount.m.optional !== undefined) return { state: "unknown", optional: { prefix: mount.m.prefix, mount } };
  if (mount.m.via === undefined) return { state: "open", prefix: mount.m.prefix, mount };
  const parents = depth < 4 ? mountsOf(mount.file, mount.m.via, mounts).map((x) => resolve(x, mounts, depth + 1)) : [];
  const open = parents.find((x) => x.state === "open");
  const pick = open ?? (parents.length > 0 && parents.every((x) => x.state === "guard") ? parents[0] : undefined);
  if (!pick || pick.state === "unknown") return { state: "unknown" };
  return { ...pick, prefix: joinPath(pick.prefix, mount.m.prefix), mount: pick.state === "open" ? pick.mount : mount };
}

/** The mounts of this policy's router (by module path and exported name), and what they put in front of it. */
function viaMounts(p: Policy, router: string, mounts: readonly Mount[]): { policy: Policy; servedBy?: string } {
  const mine = mountsOf(p.file, router, mounts).map((x) => resolve(x, mounts, 0));
  const open = mine.find((x) => x.state === "open");
  const chosen = open ?? (mine.length > 0 && mine.every((x) => x.state === "guard") ? mine[0] : undefined);
  if (!chosen || chosen.state === "unknown") return { policy: optionalMounted(p, mine) };
  const path = chosen.mount.m.at ?? joinPath(chosen.prefix, p.route?.path ?? "/");
  const base = { ...p, name: `${method(p)} ${path}`, route: { path } };
  const servedBy = chosen.mount.m.at !== undefined ? chosen.mount.file : undefined;
  return { policy: mountedPolicy(p, base, path, chosen), ...(servedBy ? { servedBy } : {}) };
}

/** A route mounted behind an optional-auth layer (and nowhere open or guarded): still unknown, now naming that layer. */
function optionalMounted(p: Policy, mine: readonly Resolved[]): Policy {
  const hit = mine.find((x) => x.state === "unknown" && x.optional !== undefined);
  const o = hit?.state === "unknown" ? hit.optional : undefined;
  if (!o) return p;
  const path = o.mount.m.at ?? joinPath(o.prefix, p.route?.path ?? "/");
  return { ...p, name: `${method(p)} ${path}`, route: { ...p.route, path }, defaultReason: `HTTP MCP endpoint ${path} ${optionalAuthReason(`${o.mount.m.optional} in ${where(o.mount.file, o.mount.m)}`)}` };
}

function mountedPolicy(p: Policy, base: Policy, path: string, chosen: Extract<Resolved, { state: "guard" | "open" }>): Policy {
  const { file, m } = chosen.mount;
  if (chosen.state === "open") {
    return {
      ...base,
      authn: { required: false, loc: p.defaultLoc },
      defaultDecision: "allow",
      defaultReason: `HTTP MCP endpoint ${path} has no authentication middleware (${where(file, m)} ${m.at !== undefined ? "serves" : "mounts"} ${m.text} with no authentication in front of it)`,
    };
  }
  const g = chosen.guard ?? chosen.mount;
  const guard = `${g.m.guard} in ${where(g.file, g.m)}`;
  return { ...base, authn: { required: true, mode: guard, loc: p.defaultLoc }, defaultDecision: "deny", defaultReason: `HTTP MCP endpoint ${path} requires authentication (${guard})` };
}

/** The folder of a Next.js app's route file: the one that holds its `app/` or `pages/` folder (`src/` with a src folder). */
export function nextAppFolder(file: string): string | undefined {
  if (nextRoute(file) === undefined && pagesApiRoute(file) === undefined) return undefined;
  const m = /(?:^|\/)(?:app\/(?:[^/]+\/)*route|pages\/api(?:\/[^/]+)*?)\.[cm]?[jt]sx?$/.exec(file);
  if (!m) return undefined;
  return file.slice(0, m.index + (m[0].startsWith("/") ? 1 : 0));
}

const folderOf = (file: string) => file.slice(0, file.lastIndexOf("/") + 1);

/** Does one of the patterns match the path? undefined when none does and one cannot be read. */
function anyMatch(patterns: readonly string[], path: string): boolean | undefined {
  let unread = false;
  for (const source of patterns) {
    const re = pathPattern(source);
    if (!re) unread = true;
    else if (re.test(path)) return true;
  }
  return unread ? undefined : false;
}

/** Does the middleware's guard run for this path? undefined: not known. */
function covers(m: NextMiddleware, path: string): boolean | undefined {
  if (m.matcherUnread) return undefined;
  const matched = m.matchers ? anyMatch(m.matchers, path) : true;
  if (matched !== true) return matched;
  if (m.only) return anyMatch(m.only, path);
  if (m.except) {
    const excepted = anyMatch(m.except, path);
    return excepted === undefined ? undefined : !excepted;
  }
  return true;
}

function viaMiddleware(p: Policy, middlewares: readonly { file: string; m: NextMiddleware }[], routeFile: string): Policy {
  if (p.defaultDecision === "deny" || !p.route) return p;
  // The one middleware file a framework names (xmcp's src/middleware.ts), else the Next.js app's.
  const named = p.route.middleware;
  const folder = named === undefined ? nextAppFolder(routeFile) : undefined;
  if (named === undefined && folder === undefined) return p;
  const label = named === undefined ? "Next.js middleware" : "xmcp middleware";
  const path = p.route.path;
  for (const { file, m } of middlewares) {
    if (named !== undefined ? file !== named : folderOf(file) !== folder) continue;
    const covered = covers(m, path);
    if (covered === false) continue;
    if (covered === true && m.effect === "guard") {
      const mode = `${label} ${file}: ${m.detail}`;
      return { ...p, authn: { required: true, mode, loc: p.defaultLoc }, defaultDecision: "deny", defaultReason: `HTTP MCP endpoint ${path} requires authentication (${mode})` };
    }
    if (p.defaultDecision !== "allow") return p;
    const why = covered === undefined ? (m.matcherUnread ? "its matcher could not be read, so whether it runs for this path is not known" : `whether it guards ${path} is not known (a path pattern this reading does not follow)`) : m.detail;
    const { authn: _drop, ...rest } = p;
    return { ...rest, defaultDecision: "unknown", defaultReason: `HTTP MCP endpoint ${path} has no authentication layer in its route file; the ${label} ${file} runs in front of it (${why})` };
  }
  return p;
}
