/**
 * The layers an mcp-use `MCPServer` puts in front of its MCP endpoint besides its `oauth` option,
 * from the use calls on the server (mcp-use/mcp-use libraries/typescript/packages/mcp-use,
 * src/server/middleware/mcp-middleware.ts and its server docs):
 *
 * - `server.use(mw)`, `server.use("/mcp/*", mw)` and `server.app.use(...)`: Hono middleware on the
 *   HTTP requests (the server's `app` is a Hono app). One on a path that does not cover the
 *   endpoint (`server.use("/admin/*", auth)`) is not in front of it.
 * - `server.use("mcp:<pattern>", mw)`: middleware on MCP operations, after HTTP routing. The
 *   pattern `*` runs for every method, `tools/*` for the methods under `tools/`, any other for
 *   that one method. Only `mcp:*` is in front of every operation: an auth check on
 *   `mcp:tools/call` leaves `tools/list`, resources and prompts to any caller, so it neither
 *   guards the endpoint nor shows it open.
 *
 * A use call after the server starts listening is left out: mcp-use mounts its routes then.
 */
import type { TsNode } from "../../parse/typescript.js";
import { anonymousLayerReason, optionalAuthReason } from "./optional-auth.js";
import { FUNCTIONS, usePathCovers } from "./ts-route-guards.js";
import { argsOf, type Resolver } from "./ts-values.js";

/** What a layer is: authentication, or one that lets a request without credentials through. */
export interface LayerTests {
  readonly isAuth: (n: TsNode) => boolean;
  readonly isOptional: (n: TsNode) => boolean;
}

export type McpUseJudgement = { readonly guard: string } | { readonly elsewhere: string };

const MCP_PATTERN = /^mcp:(.*)$/;

/**
 * The layer in front of the endpoint at `path` among `uses` (the server's and its app's use calls),
 * before `listen` when the file starts the server: an auth layer that covers every request guards
 * it; an optional-auth layer, or an auth layer on some MCP operations only, leaves it unknown.
 */
export function mcpUseLayer(r: Resolver, uses: readonly TsNode[], path: string, listen: TsNode | undefined, tests: LayerTests): McpUseJudgement | undefined {
  let partial: string | undefined;
  let optional: string | undefined;
  for (const u of uses) {
    if (listen && u.startIndex > listen.startIndex) continue;
    const args = argsOf(u);
    const first = args[0] ? r.stringOf(args[0]) : undefined;
    const layers = first !== undefined ? args.slice(1) : args;
    const op = first !== undefined ? MCP_PATTERN.exec(first)?.[1] : undefined;
    // A Hono path that does not reach the endpoint ("/admin/*").
    if (op === undefined && first !== undefined && !usePathCovers(first, path)) continue;
    const auth = layers.find((m) => tests.isAuth(m));
    const shown = (m: TsNode) => `${r.src(u.childForFieldName("function") ?? u)}(${first !== undefined ? `${JSON.stringify(first)}, ` : ""}${FUNCTIONS.has(m.type) ? "inline middleware" : r.src(m).split("(")[0]})`;
    if (auth && (op === undefined || op.trim() === "*")) return { guard: shown(auth) };
    if (auth) partial ??= shown(auth);
    else {
      const lax = layers.find((m) => tests.isOptional(m));
      if (lax) optional ??= shown(lax);
    }
  }
  if (partial) {
    return { elsewhere: anonymousLayerReason(partial, "runs for those MCP operations only, after HTTP routing: the other operations (tools/list, resources, prompts) reach the server without it, so what they expose decides the authentication in front of it") };
  }
  return optional ? { elsewhere: optionalAuthReason(optional) } : undefined;
}

/** The use calls on an mcp-use server held by `name` and on its Hono app (`server.app.use(...)`), in order. */
export function mcpUseCalls(r: Resolver, own: readonly TsNode[], appUses: readonly TsNode[], name: string): TsNode[] {
  const onApp = appUses.filter((c) => {
    const receiver = r.receiverOf(c);
    return receiver === `${name}.app` || (receiver?.endsWith(`.${name}.app`) ?? false);
  });
  return [...own, ...onApp].sort((a, b) => a.startIndex - b.startIndex);
}
