/**
 * What a TypeScript file hands to other project files: the routers it mounts
 * (`app.use("/mcp", requireAuth, mcpRouter)`) and the functions it passes its app to
 * (`setupMcp(app)`, fastify's `app.register(mcpRoutes)`), each with the authentication in
 * front of it; model/code-links.ts joins them with that file's routes.
 */
import type { TsNode } from "../../parse/typescript.js";
import type { CodeMount } from "../types.js";
import { importedFrom } from "./ts-project-imports.js";
import { parameterApp, receiverMountedElsewhere } from "./ts-route-exports.js";
import { hookGuard, middlewareGuard, mountGuard, optionalMiddleware, optionalSetup, useGuard } from "./ts-route-guards.js";
import { argsOf, type CodeInput, type Resolver } from "./ts-values.js";

/**
 * Routers of other project files this file mounts (`app.use("/mcp", requireAuth, mcpRouter)`,
 * `app.use(createMcpRouter())`), with the authentication in front of each: what decides the
 * guard of that file's routes (model/code-links.ts).
 */
export function codeMounts(r: Resolver, input: CodeInput, uses: readonly TsNode[], mountCalls: readonly TsNode[]): CodeMount[] {
  const out: CodeMount[] = [];
  for (const u of mountCalls) {
    const args = argsOf(u);
    const prefix = args[0] ? r.stringOf(args[0]) : undefined;
    const from = prefix !== undefined ? 1 : 0;
    args.forEach((a, i) => {
      const id = a.type === "call_expression" ? a.childForFieldName("function") : a;
      const imported = i >= from && id?.type === "identifier" ? importedFrom(r, input, id) : undefined;
      if (!imported) return;
      const guard = middlewareGuard(r, args.slice(from, i)) ?? useGuard(r, uses, u, prefix ?? "/", undefined, [u]) ?? mountGuard(r, uses, u, [u]);
      // A layer in the mount that lets callers through (`app.use("/mcp", optionalAuth, router)`, a bearer check whose verifier accepts every token).
      const optional = guard ? undefined : optionalMiddleware(r, args.slice(from, i));
      const name = a.type === "call_expression" ? `${imported.name}()` : imported.name;
      // Mounted on a router this file exports (`v1.use(mcpRoutes); export default v1`), or on an app passed in: that one's mount decides.
      const param = guard || optional ? undefined : parameterApp(r, input.root, r.receiverOf(u), u);
      if (param && param.via === undefined) return;
      const via = guard || optional ? undefined : (param?.via ?? receiverMountedElsewhere(r, input.root, uses, u));
      out.push({ module: imported.module, name, text: r.src(a), prefix: prefix ?? "", ...(guard ? { guard } : {}), ...(optional ? { optional } : {}), ...(via ? { via } : {}), loc: r.loc(a) });
    });
  }
  return out;
}

/**
 * Functions of other project files this file hands its app to: `setupMcp(app, server)` (the
 * routes it registers sit behind the `app.use(auth)` before the call) and fastify's
 * `app.register(mcpRoutes, { prefix })` (behind the app's auth hooks), each as `name(index)`.
 */
export function setupMounts(r: Resolver, input: CodeInput, calls: readonly TsNode[], uses: readonly TsNode[], hooks: readonly TsNode[]): CodeMount[] {
  const out: CodeMount[] = [];
  for (const call of calls) {
    const f = call.childForFieldName("function");
    const args = argsOf(call);
    if (f?.type === "identifier") {
      const imported = importedFrom(r, input, f);
      if (!imported) continue;
      args.forEach((a, i) => {
        if (a.type !== "identifier") return;
        const guard = useGuard(r, uses, call, "/", r.src(a)) ?? hookGuard(r, hooks, call, r.src(a));
        const optional = guard ? undefined : optionalSetup(r, uses, hooks, call, r.src(a));
        const param = guard || optional ? undefined : parameterApp(r, input.root, r.src(a), call);
        if (param && param.via === undefined) return;
        out.push({ module: imported.module, name: `${imported.name}(${i})`, text: `${r.src(f)}(${r.src(a)})`, prefix: "", ...(guard ? { guard } : {}), ...(optional ? { optional } : {}), ...(param?.via ? { via: param.via } : {}), loc: r.loc(call) });
      });
    } else if (r.calleeName(call) === "register" && args[0]?.type === "identifier") {
      const imported = importedFrom(r, input, args[0]);
      if (!imported) continue;
      const prefixNode = r.prop(args[1], "prefix");
      const guard = hookGuard(r, hooks, call) ?? useGuard(r, uses, call, "/");
      const optional = guard ? undefined : optionalSetup(r, uses, hooks, call, r.receiverOf(call));
      const param = guard || optional ? undefined : parameterApp(r, input.root, r.receiverOf(call), call);
      if (param && param.via === undefined) continue;
      out.push({ module: imported.module, name: `${imported.name}(0)`, text: r.src(args[0]), prefix: (prefixNode && r.stringOf(prefixNode)) ?? "", ...(guard ? { guard } : {}), ...(optional ? { optional } : {}), ...(param?.via ? { via: param.via } : {}), loc: r.loc(args[0]) });
    }
  }
  return out;
}
