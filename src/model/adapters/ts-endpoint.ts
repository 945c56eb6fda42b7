/**
 * An HTTP endpoint that serves MCP in TypeScript code, as the endpoint finders
 * (ts-endpoints-*.ts) report it, and the Policy (kind `code`) it becomes: default
 * allow when nothing authenticates the caller, deny when a layer does, unknown when
 * another file decides. Also what the finders share: the HTTP method names, MCP's
 * path and names, and the project-wide hook files of the file-routed frameworks.
 */
import type { TsNode } from "../../parse/typescript.js";
import type { CodeHandlerRef, NestRoute, Policy } from "../types.js";
import { kids, type CodeInput, type Resolver } from "./ts-values.js";
import type { FileRoute } from "./typescript-sdk-wrappers.js";
import { namesItsLayer } from "./optional-auth.js";

/** The route-method exports of a Next.js app-router route file. */
export const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

export const MCP_PATH = /(^|\/)mcp(\/|$|\*)/i;

/** A function named for MCP (`handleMcpRequest`, `mcpHandler`, `MCPRouter`). */
export const MCP_NAME = /mcp/i;

export interface Endpoint {
  readonly call: TsNode;
  readonly method: string;
  readonly path: string;
  readonly pathNode: TsNode;
  readonly guard?: string;
  /** Why it is open, when the code says more than "no authentication middleware". */
  readonly note?: string;
  /** Why another file decides the authentication in front of it, when no guard is found here. */
  readonly elsewhere?: string;
  /** The exported router (`mcpRouter`) or router maker (`createMcpRouter()`) another file mounts. */
  readonly router?: string;
  /** The middleware file of the project that runs in front of it (xmcp's `src/middleware.ts`). */
  readonly middleware?: string;
  /** A NestJS controller's route: the app's entry file may prefix and guard it. */
  readonly nest?: NestRoute;
  /** The function of another project file it hands its request to, which serves MCP there. */
  readonly handler?: CodeHandlerRef;
}

/** The entries of a table of handlers by HTTP method (`{ POST: handler, async GET(req) {...} }`): each key, and its value (a method's own node). */
export function methodTable(r: Resolver, table: TsNode | undefined): { method: string; at: TsNode; value: TsNode }[] {
  const d = table ? r.deref(table) : undefined;
  if (d?.type !== "object") return [];
  return kids(d).flatMap((m) => {
    const at = m.type === "pair" ? m.childForFieldName("key") : m.type === "method_definition" ? m.childForFieldName("name") : null;
    const value = m.type === "pair" ? m.childForFieldName("value") : m;
    const method = at ? r.keyText(at) : undefined;
    return at && value && method !== undefined ? [{ method, at, value }] : [];
  });
}

/** The project-wide hook files of the file-routed frameworks and of TanStack Start (not read here). */
export const FRAMEWORK_HOOKS: Readonly<Record<NonNullable<FileRoute["framework"]> | "TanStack Start", string>> = {
  SvelteKit: "the handle hook of src/hooks.server.ts",
  Astro: "the onRequest middleware of src/middleware.ts",
  Nitro: "the handlers of server/middleware/",
  "TanStack Start": "the global request middleware of src/start.ts (createStart's requestMiddleware)",
};

export function endpointPolicy(r: Resolver, input: CodeInput, e: Endpoint, governs: readonly string[], authRouter: string | undefined): Policy {
  const loc = r.loc(e.call);
  const pathLoc = r.loc(e.pathNode);
  const name = `${e.method} ${e.path}`;
  // Open here, but mounted by another file that may guard it: not known.
  const unknown = !e.guard && e.elsewhere !== undefined;
  const reason = e.guard
    ? `HTTP MCP endpoint ${e.path} requires authentication (${e.guard})`
    : unknown
      ? `HTTP MCP endpoint ${e.path} ${namesItsLayer(e.elsewhere ?? "") ? e.elsewhere : `has no authentication layer in this file; ${e.elsewhere}`}`
      : `HTTP MCP endpoint ${e.path} has no authentication middleware${e.note ? ` (${e.note})` : authRouter ? ` (${authRouter})` : ""}`;
  return {
    id: `${input.file}#${name}@${loc.line}`,
    client: input.client,
    kind: "code",
    name,
    file: input.file,
    loc,
    toolRules: [],
    settings: [],
    ...(unknown ? {} : { authn: { required: e.guard !== undefined, ...(e.guard ? { mode: e.guard } : {}), loc: pathLoc } }),
    defaultDecision: e.guard ? "deny" : unknown ? "unknown" : "allow",
    defaultReason: reason,
    defaultLoc: pathLoc,
    governs,
    route: { path: e.path, ...(e.router ? { router: e.router } : {}), ...(e.middleware ? { middleware: e.middleware } : {}), ...(e.nest ? { nest: e.nest } : {}), ...(e.handler ? { handler: e.handler } : {}) },
  };
}
