/**
 * HTTP endpoints of handlers that serve every request: node's `http.createServer(handler)`,
 * `Deno.serve(handler)`, a fetch handler (`export default { fetch }`, `Bun.serve({ fetch })`),
 * on the path the handler tests before it reaches MCP; and the per-path table of
 * `Bun.serve({ routes })`.
 */
import type { TsNode } from "../../parse/typescript.js";
import { HTTP_METHODS, methodTable, type Endpoint } from "./ts-endpoint.js";
import { delegation } from "./ts-handler-delegation.js";
import { handlerGuard, INLINE_AUTH } from "./ts-route-guards.js";
import { switchedCheck, switchedReason } from "./ts-switched-auth.js";
import { kids, type Resolver } from "./ts-values.js";

/**
 * Bun's `Bun.serve({ routes: { "/mcp": handler, "/rpc": { POST: handler, GET: handler } } })`: an endpoint per
 * path and method whose handler reaches MCP, guarded by a check it (or the function it hands the request to) makes first.
 */
export function bunRoutes(r: Resolver, options: TsNode | undefined, reaches: RegExp): Endpoint[] {
  const routes = r.prop(options, "routes");
  const table = routes ? r.deref(routes) : undefined;
  if (table?.type !== "object") return [];
  const out: Endpoint[] = [];
  for (const pair of kids(table).filter((k) => k.type === "pair")) {
    const key = pair.childForFieldName("key");
    const value = pair.childForFieldName("value");
    const path = key ? r.keyText(key) : undefined;
    if (!key || !value || path === undefined || !path.startsWith("/")) continue;
    const byMethod = methodTable(r, value).map((m) => ({ ...m, fn: r.functionOf(m.value) }));
    const handlers = byMethod.length ? byMethod : [{ method: "ANY", at: key, fn: r.functionOf(value) }];
    for (const h of handlers) {
      if (!HTTP_METHODS.has(h.method) && h.method !== "ANY") continue;
      const handed = delegation(r, h.fn);
      if (!reaches.test(r.src(h.fn) + handed.text)) continue;
      const guard = handlerGuard(r, [h.fn, ...handed.targets], reaches);
      out.push({ call: pair, method: h.method, path, pathNode: h.at, ...(guard ? { guard } : {}) });
    }
  }
  return out;
}

/** A handler that serves every request (node's http, a fetch handler): an endpoint when it reaches a transport, on the path it tests. */
export function wholeServerEndpoint(r: Resolver, call: TsNode, pathNode: TsNode, fn: TsNode, reaches: RegExp): Endpoint | undefined {
  const text = r.src(fn);
  const reach = reaches.exec(text);
  if (!reach) return undefined;
  const served = servedPath(r, fn, fn.startIndex + reach.index);
  const path = served.path ?? (served.judged ? undefined : PATH_TEST.exec(text)?.[2]) ?? "*";
  if (!INLINE_AUTH.test(text)) return { call, method: "ANY", path, pathNode };
  // A check made only when a value is set (`if (authToken) { ...401 }`): not known to guard.
  const when = switchedCheck(r, [fn], INLINE_AUTH, reaches);
  return { call, method: "ANY", path, pathNode, ...(when === undefined ? { guard: "the handler checks a credential header" } : { elsewhere: switchedReason("the handler's credential-header check", when) }) };
}

/** A test of the request's path: `req.url === "/mcp"`, `url.pathname.startsWith("/mcp")`, `pathname !== "/mcp"` (group 1: `!` when negated). */
const PATH_TEST = /(?:req(?:uest)?\.url|\bpathname)\s*(?:(!|=)==?|\.startsWith\()\s*["'`]([^"'`]+)/;

/**
 * The path under which a whole-server handler reaches MCP (at offset `at`): the path of the `if`
 * whose branch holds the call (`if (pathname === "/mcp") { ... }`), or of the negated test it
 * passes (`if (pathname !== "/mcp") return 404;` before it). A test of another path the request
 * leaves by (`if (pathname === "/health") return ok`) is not it. `judged`: some `if` tests the
 * path; when none of them is the MCP call's, the call serves every other path (no path).
 */
function servedPath(r: Resolver, fn: TsNode, at: number): { path?: string; judged: boolean } {
  let path: string | undefined;
  let judged = false;
  for (const s of fn.descendantsOfType("if_statement")) {
    const condition = s.childForFieldName("condition");
    const then = s.childForFieldName("consequence");
    const m = condition && then ? PATH_TEST.exec(r.src(condition)) : null;
    if (!m || !then) continue;
    judged = true;
    const inside = then.startIndex <= at && at < then.endIndex;
    if (m[1] === "!" ? !inside && at >= then.endIndex : inside) path = m[2];
  }
  return path === undefined ? { judged } : { path, judged };
}
