/**
 * A NestJS entry file (`main.ts`: `const app = await NestFactory.create(AppModule)`): what the
 * app it makes puts in front of every controller route, mcp-nest's generated controllers
 * included. `app.setGlobalPrefix("api", { exclude })` prefixes their paths but the excluded
 * ones; `app.useGlobalGuards(new JwtAuthGuard(reflector))` runs an auth guard in front of all of
 * them; URI versioning with a default version (`enableVersioning({ defaultVersion: "1" })`) puts
 * a version segment in them (not followed: the paths are then not known). The calls are read on
 * the app itself and in a function of the file it is handed to (`configureApp(app)`).
 * model/code-links.ts applies them to the NestJS endpoints of the files under the entry's folder.
 */
import type { TsNode } from "../../parse/typescript.js";
import type { NestApp } from "../types.js";
import { argsOf, type CodeInput, type Resolver } from "./ts-values.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import { resolveModule } from "../../util/relative-module.js";
import { optionalAuthName, optionalAuthReason } from "./optional-auth.js";
import { FUNCTIONS } from "./ts-route-guards.js";

/** Guards that authenticate the caller, by name (a throttler or a roles guard that lets a route without roles through does not). */
const AUTH_GUARD = /auth|jwt|bearer|api_?key|token|session|clerk|passport|credential|oauth|firebase|supabase/i;
/** `RequestMethod.POST` in an exclude entry: the method's name. */
const METHOD = /\bRequestMethod\s*\.\s*([A-Z]+)$/;

/** Does a guard (as a file writes it: `new JwtAuthGuard(reflector)`, `JwtAuthGuard`, `app.get(ApiKeyGuard)`) authenticate the caller? */
export function isAuthGuard(text: string): boolean {
  const name = text.replace(/\([^]*$/, "").replace(/^new\s+/, "");
  // `OptionalJwtAuthGuard`: sets the user when a token comes and lets every other request through.
  if (optionalAuthName(name) || optionalAuthName(/^\w+\.get\(\s*(\w+)\s*\)$/.exec(text)?.[1] ?? "")) return false;
  return AUTH_GUARD.test(name) || /^\w+\.get\(\s*\w*(?:auth|jwt|bearer|api_?key|token)\w*\s*\)$/i.test(text);
}

/**
 * How guards a route or a module names (`@UseGuards(A, B)`, McpModule `guards`) judge its routes,
 * as the app-wide ones are judged: guarded when one of them authenticates the caller by its name;
 * else unknown, with `shown` in the reason (a throttler, roles or tenant guard lets an
 * unauthenticated caller through, and what a guard of another name checks is not known).
 */
export function routeGuards(guards: readonly string[], shown: string): { guard: string } | { elsewhere: string } {
  if (guards.some(isAuthGuard)) return { guard: shown };
  if (guards.some(optionalAuthName)) return { elsewhere: optionalAuthReason(shown) };
  return { elsewhere: `${shown} names no authentication guard (a throttling, roles or tenant guard lets an unauthenticated caller through); what it checks decides the authentication in front of it` };
}

/**
 * The auth guards a module file registers app-wide: `providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }]`
 * (a guard of any module of the app runs in front of every route), as `JwtAuthGuard` with where it is provided.
 */
export function appGuards(r: Resolver, root: TsNode): { guard: string; at: TsNode }[] {
  const out: { guard: string; at: TsNode }[] = [];
  if (!r.src(root).includes("APP_GUARD")) return out;
  for (const obj of nodesOfType(root, "object")) {
    const provide = r.prop(obj, "provide");
    const cls = r.prop(obj, "useClass") ?? r.prop(obj, "useExisting");
    if (!provide || !cls || r.src(provide) !== "APP_GUARD" || !isAuthGuard(r.src(cls))) continue;
    out.push({ guard: r.src(cls), at: provide });
  }
  return out;
}

export function readNestApps(r: Resolver, input: CodeInput): NestApp[] {
  if (!input.text.includes("NestFactory")) return [];
  const out: NestApp[] = [];
  for (const call of nodesOfType(input.root, "call_expression")) {
    const f = call.childForFieldName("function");
    const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
    const imported = obj ? r.importOf(obj) : undefined;
    if (r.calleeName(call) !== "create" || imported?.name !== "NestFactory" || imported.module !== "@nestjs/core") continue;
    const name = r.boundName(call);
    const scope = enclosing(call);
    if (name === undefined || !scope) continue;
    const made = nestApp(r, call, appCalls(r, scope, name));
    // The root module, when another file of the project declares it (its APP_GUARD providers guard every route).
    const root = argsOf(call)[0];
    const from = root?.type === "identifier" ? r.importOf(root) : undefined;
    out.push(from && /^\.\.?\//.test(from.module) ? { ...made, module: resolveModule(input.file, from.module) } : made);
  }
  return out;
}

/** The calls made on the app held by `name` in `scope`, and in a function of the file it is handed to (`configureApp(app)`). */
function appCalls(r: Resolver, scope: TsNode, name: string): TsNode[] {
  const calls = scope.descendantsOfType("call_expression");
  const out = calls.filter((c) => r.receiverOf(c) === name);
  for (const c of calls) {
    const f = c.childForFieldName("function");
    const index = argsOf(c).findIndex((a) => a.type === "identifier" && r.src(a) === name);
    if (f?.type !== "identifier" || index < 0) continue;
    const fn = r.functionOf(f);
    if (!FUNCTIONS.has(fn.type) || fn === scope) continue;
    const param = (fn.childForFieldName("parameters")?.namedChildren ?? []).filter((p) => p.type !== "comment")[index];
    const id = param?.type === "identifier" ? param : param?.childForFieldName("pattern");
    if (id?.type === "identifier") out.push(...fn.descendantsOfType("call_expression").filter((x) => r.receiverOf(x) === r.src(id)));
  }
  return out;
}

function nestApp(r: Resolver, create: TsNode, calls: readonly TsNode[]): NestApp {
  let prefix: string | undefined;
  let pathsUnread = false;
  const exclude: { path: string; method?: string }[] = [];
  const guards: string[] = [];
  for (const c of calls) {
    const method = r.calleeName(c);
    const [first, second] = argsOf(c);
    if (method === "setGlobalPrefix" && first) {
      const given = r.stringOf(first);
      if (given === undefined) pathsUnread = true;
      else prefix = trimSlashes(given);
      for (const item of r.items(r.prop(second, "exclude"))) {
        const entry = excludeEntry(r, item);
        if (entry) exclude.push(entry);
        else pathsUnread = true;
      }
    } else if (method === "useGlobalGuards") {
      guards.push(...argsOf(c).map((g) => r.src(g)).filter(isAuthGuard));
    } else if (method === "enableVersioning") {
      const type = r.prop(first, "type");
      const uri = !type || /URI$/.test(r.src(type));
      if (uri && r.prop(first, "defaultVersion")) pathsUnread = true;
    }
  }
  return {
    loc: r.loc(create),
    ...(prefix !== undefined && prefix !== "" ? { prefix } : {}),
    ...(pathsUnread ? { pathsUnread } : {}),
    ...(exclude.length ? { exclude } : {}),
    ...(guards.length ? { guards } : {}),
  };
}

/** `"mcp"`, `"webhook/(.*)"`, `{ path: "mcp", method: RequestMethod.POST }`; undefined when it cannot be read. */
function excludeEntry(r: Resolver, item: TsNode): { path: string; method?: string } | undefined {
  const plain = r.stringOf(item);
  if (plain !== undefined) return { path: trimSlashes(plain) };
  const pathNode = r.prop(item, "path");
  const path = pathNode ? r.stringOf(pathNode) : undefined;
  if (path === undefined) return undefined;
  const methodNode = r.prop(item, "method");
  const method = methodNode ? METHOD.exec(r.src(methodNode))?.[1] : "ALL";
  if (method === undefined) return undefined;
  return method === "ALL" ? { path: trimSlashes(path) } : { path: trimSlashes(path), method };
}

function enclosing(n: TsNode): TsNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (FUNCTIONS.has(p.type) || p.type === "program") return p;
  return undefined;
}

const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, "");
