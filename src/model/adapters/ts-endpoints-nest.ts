/**
 * HTTP endpoints of NestJS controllers that serve MCP with the SDK's transport themselves
 * (`@Controller("mcp")` with `@Post()` routes), guarded by `@UseGuards(...)` or a check the
 * handler makes first; the app's entry file (nest-entry.ts) may prefix and guard them.
 */
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import type { TsNode } from "../../parse/typescript.js";
import { ownEntry } from "../../util/own.js";
import { routeGuards } from "./nest-entry.js";
import type { Endpoint } from "./ts-endpoint.js";
import { handlerGuard } from "./ts-route-guards.js";
import { argsOf, kids, type Resolver } from "./ts-values.js";
import { decoratorsOf, markedPublicRoute } from "./typescript-sdk-frameworks.js";

/** NestJS's route decorators (`@nestjs/common`), by name: the HTTP method each one serves. */
const NEST_ROUTES: Readonly<Record<string, string>> = { Get: "GET", Post: "POST", Put: "PUT", Patch: "PATCH", Delete: "DELETE", All: "ALL" };

/** A decorator call of `@nestjs/common` (`@Post("x")` -> Post and its arguments). */
function nestDecorator(r: Resolver, d: TsNode): { name: string; args: readonly TsNode[] } | undefined {
  const call = kids(d).find((k) => k.type === "call_expression");
  const f = call?.childForFieldName("function");
  const imported = f ? r.importOf(f) : undefined;
  return call && imported?.module === "@nestjs/common" ? { name: imported.name, args: argsOf(call) } : undefined;
}

/**
 * The routes of NestJS controllers that serve MCP with the SDK's transport themselves
 * (`@Controller("mcp") class X { @Post() async handle(@Req() req, @Res() res) { ...
 * transport.handleRequest(req, res, req.body) } }`): guarded by `@UseGuards(...)` on the class or
 * the route, or by a check the handler makes first; without either, a guard the app registers
 * globally in another file may apply: unknown here.
 */
export function nestRoutes(r: Resolver, root: TsNode, reaches: RegExp): Endpoint[] {
  const out: Endpoint[] = [];
  for (const cls of nodesOfType(root, "class_declaration")) {
    const classDecorators = decoratorsOf(cls).map((d) => nestDecorator(r, d)).filter((d) => d !== undefined);
    const controller = classDecorators.find((d) => d.name === "Controller");
    if (!controller) continue;
    const prefixNode = controller.args[0];
    const prefix = prefixNode ? (r.stringOf(prefixNode) ?? (r.prop(prefixNode, "path") ? r.stringOf(r.prop(prefixNode, "path") as TsNode) : undefined)) : "";
    if (prefix === undefined) continue;
    for (const m of kids(cls.childForFieldName("body")).filter((k) => k.type === "method_definition")) {
      if (!reaches.test(r.src(m))) continue;
      const decorators = decoratorsOf(m).map((d) => ({ node: d, made: nestDecorator(r, d) }));
      const route = decorators.map((d) => ({ ...d, method: d.made && ownEntry(NEST_ROUTES, d.made.name) })).find((d) => d.method !== undefined);
      const subNode = route?.made?.args[0];
      const sub = subNode ? r.stringOf(subNode) : "";
      if (!route?.made || !route.method || sub === undefined) continue;
      const path = `/${[prefix, sub].map((p) => p.replace(/^\/+|\/+$/g, "")).filter((p) => p !== "").join("/")}`;
      const guards = [...classDecorators, ...decorators.map((d) => d.made)].find((d) => d?.name === "UseGuards" && d.args.length > 0);
      const judged = guards ? routeGuards(guards.args.map((g) => r.src(g)), `@UseGuards(${guards.args.map((g) => r.src(g)).join(", ")})`) : undefined;
      const guard = (judged && "guard" in judged ? judged.guard : undefined) ?? handlerGuard(r, [m], reaches);
      const elsewhere = guard
        ? undefined
        : judged && "elsewhere" in judged
          ? judged.elsewhere
          : "the controller and the route set no @UseGuards; a guard the app registers globally in another file (APP_GUARD, app.useGlobalGuards) decides the authentication in front of it";
      const markedPublic = markedPublicRoute(r, [...decoratorsOf(cls), ...decoratorsOf(m)]);
      out.push({ call: m, method: route.method, path, pathNode: route.node, ...(guard ? { guard } : {}), ...(elsewhere ? { elsewhere } : {}), nest: { method: route.method, ...(markedPublic ? { markedPublic } : {}) } });
    }
  }
  return out;
}
