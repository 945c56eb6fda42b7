/**
 * The port the HTTP server a code file starts listens on: `app.listen(3000)`,
 * `server.listen({ port: 3000 })`, hono's `serve({ fetch: app.fetch, port: 3000 })`,
 * `Bun.serve({ port: 3000 })`, `Deno.serve({ port: 3000 }, ...)`, Bun's default export
 * `export default { port: 3000, fetch: app.fetch }`, with the port a number, a
 * numeric string or a `const` bound to one (also through `Number(...)`, `parseInt(...)`). A port
 * taken from the environment with a default (`process.env.PORT || 3000`, `process.env.PORT ?
 * parseInt(process.env.PORT, 10) : 3000`) is that default and
 * not certain: the environment may change it. Undefined when the file starts no server, starts
 * several on different ports, or one whose port the code does not show (a parameter, a default
 * of the framework).
 */
import type { TsNode } from "../../parse/typescript.js";
import type { Policy } from "../types.js";
import { argsOf, isDefaultExport, kids, type Resolver } from "./ts-values.js";

export interface ListenPort {
  readonly port: number;
  /** Why it is not certain: `PORT from the environment, 3000 when unset`. */
  readonly unsure?: string;
  /** The call, as people read it: `app.listen(3000)`. */
  readonly what: string;
  readonly node: TsNode;
}

type Port = { readonly port: number; readonly env?: string } | undefined;

const MAX_DEPTH = 4;

/** The environment variable an expression reads, through a conversion call (`Number(process.env.PORT)`). */
function envOf(r: Resolver, n: TsNode, depth = 0): string | undefined {
  const name = r.envName(n);
  if (name !== undefined || depth > MAX_DEPTH) return name;
  const d = r.deref(n);
  const arg = d.type === "call_expression" ? argsOf(d)[0] : d.type === "parenthesized_expression" ? d.namedChildren[0] : undefined;
  return arg ? envOf(r, arg, depth + 1) : undefined;
}

function portOf(r: Resolver, n: TsNode, depth = 0): Port {
  if (depth > MAX_DEPTH) return undefined;
  const d = r.deref(n);
  if (d.type === "number" || d.type === "string") {
    const text = d.type === "number" ? r.src(d) : (r.value(d)?.raw ?? "");
    const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
    return port > 0 && port <= 65535 ? { port } : undefined;
  }
  if (d.type === "parenthesized_expression" && d.namedChildren[0]) return portOf(r, d.namedChildren[0], depth + 1);
  if (d.type === "call_expression" && /^(?:Number|parseInt)$/.test(r.src(d.childForFieldName("function") ?? d))) {
    const arg = argsOf(d)[0];
    return arg ? portOf(r, arg, depth + 1) : undefined;
  }
  // `process.env.MCP_PORT ? parseInt(process.env.MCP_PORT, 10) : 3000`: the default when the variable is unset.
  if (d.type === "ternary_expression") {
    const condition = d.childForFieldName("condition");
    const alternative = d.childForFieldName("alternative");
    const env = condition ? envOf(r, condition) : undefined;
    const dflt = alternative ? portOf(r, alternative, depth + 1) : undefined;
    return env !== undefined && dflt && dflt.env === undefined ? { port: dflt.port, env } : undefined;
  }
  if (d.type === "binary_expression") {
    const op = d.childForFieldName("operator");
    const left = d.childForFieldName("left");
    const right = d.childForFieldName("right");
    if (!op || !left || !right || (r.src(op) !== "||" && r.src(op) !== "??")) return undefined;
    const env = envOf(r, left);
    const dflt = portOf(r, right, depth + 1);
    return env !== undefined && dflt && dflt.env === undefined ? { port: dflt.port, env } : undefined;
  }
  return undefined;
}

/** Bun's `export default { port, fetch }`: the object and where it is written, when the file's default export is one with a `fetch` handler. */
function defaultServe(r: Resolver, root: TsNode): { node: TsNode; options: TsNode } | undefined {
  const st = kids(root).find(isDefaultExport);
  const value = st ? (st.childForFieldName("value") ?? kids(st).at(-1)) : undefined;
  return st && value && r.deref(value).type === "object" && r.prop(value, "fetch") ? { node: st, options: value } : undefined;
}

/** The port of the one server this file starts (see the module comment). */
export function listenPort(r: Resolver, calls: readonly TsNode[], root?: TsNode): ListenPort | undefined {
  let found: ListenPort | undefined;
  const exported = root ? defaultServe(r, root) : undefined;
  const starts = [...calls.filter((c) => r.calleeName(c) === "listen" || r.calleeName(c) === "serve").map((c) => ({ node: c, fn: r.calleeName(c), args: argsOf(c) })), ...(exported ? [{ node: exported.node, fn: "export default", args: [exported.options] }] : [])];
  for (const { node: c, fn, args } of starts) {
    if (args.length === 0) continue;
    const first = args[0] as TsNode;
    const portNode = r.deref(first).type === "object" ? r.prop(first, "port") : fn === "listen" ? first : undefined;
    // `serve(handler)` with no port, a listen on a port the code does not show: which port is not known.
    const p = portNode ? portOf(r, portNode) : undefined;
    if (!p) return undefined;
    const mine: ListenPort = { port: p.port, ...(p.env !== undefined ? { unsure: `${p.env} from the environment, ${p.port} when unset` } : {}), what: `${fn === "export default" ? "export default { port, fetch }" : r.src(c.childForFieldName("function") ?? c)} on port ${p.port}`, node: c };
    if (found && (found.port !== mine.port || found.unsure !== mine.unsure)) return undefined;
    found ??= mine;
  }
  return found;
}

/** A route path that names one path (`/mcp`, `/api/sse`), not a pattern (`/mcp/:id`, `*`). */
const PLAIN_PATH = /^\/[\w\-./]*$/;

/**
 * The endpoint policies of the file, each with the port the file's server listens on, where the
 * file serves the route itself (a router another file mounts, a NestJS route, a handler of another
 * file, a framework's middleware take their path or port from elsewhere).
 */
export function withListenPort(r: Resolver, listen: ListenPort | undefined, policies: readonly Policy[]): Policy[] {
  if (!listen) return [...policies];
  return policies.map((p) => {
    const route = p.route;
    if (!route || route.router !== undefined || route.nest !== undefined || route.handler !== undefined || route.middleware !== undefined || !PLAIN_PATH.test(route.path)) return p;
    return { ...p, listens: [{ host: "loopback", port: listen.port, path: route.path, what: listen.what, ...(listen.unsure ? { unsure: listen.unsure } : {}), loc: r.loc(listen.node) }] };
  });
}
