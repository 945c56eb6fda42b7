/**
 * Real-world MCP servers and clients on the frameworks the other fixtures
 * under-represent (fixtures/typescript/real-*, sources in REAL-SOURCES.txt):
 * each folder scanned alone, as a user would, and judged by hand. What the
 * user sees: each HTTP endpoint with its verdict, the findings (rule, file,
 * line, column), the servers with their tools and transports.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { sourcesContext } from "../../src/engine/link-context.js";
import type { McpServer } from "../../src/model/types.js";
import { inventoryServer } from "../../src/report/inventory.js";
import { fakeOpaqueKey } from "../../src/rules/fake-secrets.js";
import { FIXTURES, folderSources } from "../helpers.js";

/** Placeholders of the samples, with the fakes that stand for the secrets they held. */
const SECRETS: Readonly<Record<string, string>> = {
  __CLIENT_SECRET__: fakeOpaqueKey("real-clients/sdp", 42),
  __WEATHER_KEY__: fakeOpaqueKey("real-clients/weather", 32),
  __TICKETS_TOKEN__: fakeOpaqueKey("real-clients/tickets", 36),
};

/** One sample folder as the sources a scan of it reads, its placeholders filled in. */
const folder = (name: string) => folderSources(path.join(FIXTURES, "typescript", name)).map((f) => ({ ...f, text: f.text.replace(/__[A-Z_]+__/g, (m) => SECRETS[m] ?? m) }));

const scan = (name: string) => scanSources(folder(name));
const at = (l: { line: number; column: number }) => `${l.line}:${l.column}`;
/** Each code policy as `file method path decision`, in file order. */
const endpoints = (name: string) =>
  scan(name)
    .model.policies.filter((p) => p.kind === "code")
    .map((p) => `${p.file} ${p.name} ${p.defaultDecision}`)
    .sort();
const findings = (name: string) =>
  scan(name)
    .findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`)
    .sort();
const servers = (name: string) =>
  scan(name)
    .model.servers.map((s) => `${s.file} ${s.name} ${s.transport} [${(s.registeredTools ?? []).map((t) => t.name).join(", ")}]`)
    .sort();

describe("real FastMCP servers (punkpeye fastmcp)", () => {
  it("each httpStream or sse start is an endpoint on its endpoint (default /mcp, /sse), guarded by an authenticate function", () => {
    expect(endpoints("real-fastmcp")).toEqual([
      "discord.ts ANY /mcp allow",
      "header-passthrough.ts ANY /mcp allow",
      "jwt-protected.ts ANY /mcp deny",
      "memory-bun.ts ANY /mcp allow",
      "nft-analytics.js ANY /mcp allow",
      "sse-legacy.ts ANY /sse allow",
      "stock-api.ts ANY / deny",
    ]);
    // At the endpoint option, else at the transport type a start call names without one.
    expect(findings("real-fastmcp")).toEqual([
      "missing-default-deny discord.ts:15:22",
      "missing-default-deny header-passthrough.ts:9:17",
      "missing-default-deny memory-bun.ts:12:41",
      "missing-default-deny nft-analytics.js:19:41",
      "missing-default-deny sse-legacy.ts:9:20",
    ]);
  });

  it("the servers carry their addTool tools and the transport their start calls choose", () => {
    expect(servers("real-fastmcp")).toEqual([
      "discord.ts discord-mcp-server http [send_message, delete_channel]",
      "header-passthrough.ts backend-proxy http [list_orders]",
      "jwt-protected.ts hello-world http [greet]",
      "memory-bun.ts memory http [remember]",
      "nft-analytics.js nft-analytics http [analyzeCollection]",
      "sse-legacy.ts weather sse [forecast]",
      "stdio-only.ts local-files stdio [read_file]",
      "stock-api.ts stock-data http [get_quote]",
    ]);
    // By the words of the name, as the SDK's tools are (send and delete change things).
    const discord = scan("real-fastmcp").model.servers.find((s) => s.name === "discord-mcp-server");
    expect(discord?.registeredTools?.map((t) => `${t.name}:${t.destructive}`)).toEqual(["send_message:true", "delete_channel:true"]);
  });
});

describe("a FastMCP authenticate that never rejects (FastMCP refuses a request only when authenticate throws)", () => {
  const file = (authenticate: string) =>
    `import { FastMCP } from "fastmcp";\nconst server = new FastMCP({\n  name: "notes",\n  version: "1.0.0",\n  authenticate: ${authenticate},\n});\nserver.start({ transportType: "httpStream", httpStream: { port: 8080 } });\n`;
  const read = (authenticate: string) => {
    const result = scanSources([{ path: "src/server.ts", text: file(authenticate) }]);
    return [...result.model.policies.map((p) => `${p.name} ${p.defaultDecision}`), ...result.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)];
  };

  it("is no authentication: the endpoint is open and reported at the function", () => {
    const passthrough = scan("real-fastmcp").findings.find((f) => f.loc.file === "header-passthrough.ts");
    expect(passthrough?.message).toContain("never rejects a request");
    expect(read(`async (request) => ({ key: request.headers["x-api-key"] })`)).toEqual(["ANY /mcp allow", "missing-default-deny 5:17"]);
    expect(read(`async () => undefined`)).toEqual(["ANY /mcp allow", "missing-default-deny 5:17"]);
    expect(read(`async (request) => { const auth = request.headers.authorization?.split(" ")[1]; return {}; }`)).toEqual(["ANY /mcp allow", "missing-default-deny 5:17"]);
  });

  it("one that throws, answers a Response, or calls something that may reject still guards", () => {
    expect(read(`async (request) => { if (!request.headers.authorization) throw new Response(null, { status: 401 }); return {}; }`)).toEqual(["ANY /mcp deny"]);
    expect(read(`async (request) => ({ user: await verifyJwt(request.headers.authorization) })`)).toEqual(["ANY /mcp deny"]);
    expect(read(`checkKey`)).toEqual(["ANY /mcp deny"]);
  });
});

describe("real Mastra MCPServers (@mastra/mcp)", () => {
  it("startHTTP and startSSE serve their paths: open in a handler written here, unknown in one handed its request by a caller", () => {
    expect(endpoints("real-mastra").filter((e) => !e.includes("src/mastra/index.ts"))).toEqual([
      "docs-http-server.ts ANY /mcp allow",
      "kestra-sse.ts ANY /message allow",
      "kestra-sse.ts ANY /sse allow",
      "study-assistant.ts ANY /mcp unknown",
    ]);
    expect(findings("real-mastra").filter((f) => !f.includes("src/mastra/index.ts"))).toEqual([
      "missing-default-deny docs-http-server.ts:14:48",
      "missing-default-deny kestra-sse.ts:17:16",
      "missing-default-deny kestra-sse.ts:18:20",
      "unpinned-package mcp-client.ts:6:47",
    ]);
  });

  it("servers are named by their options, with the tools of their tools map; clients keep their env references", () => {
    const got = servers("real-mastra");
    expect(got).toContain("kestra-sse.ts Kestra Documentation Server sse [kestraDocsSearchTool, kestraDocsPathTool]");
    expect(got).toContain("stdio-server.ts weather stdio [weatherTool]");
    expect(got).toContain("study-assistant.ts study-assistant http []");
    // A placeholder token ("Bearer your-token") and env references are no leak.
    expect(findings("real-mastra").filter((f) => f.startsWith("hardcoded-secret"))).toEqual([]);
  });
});

describe("MCP servers registered on the Mastra instance Mastra's server runs (new Mastra({ mcpServers }) in src/mastra/index.ts)", () => {
  it("each is served at /api/mcp/<id>/mcp and /sse: public with no server.auth, guarded with one; an instance elsewhere is not read", () => {
    expect(endpoints("real-mastra").filter((e) => e.includes("src/mastra/index.ts"))).toEqual([
      "mcp-server-adapters/src/mastra/index.ts ANY /api/mcp/main-mcp/mcp allow",
      "mcp-server-adapters/src/mastra/index.ts ANY /api/mcp/main-mcp/sse allow",
      "mcp-server-adapters/src/mastra/index.ts ANY /api/mcp/secondary-mcp/mcp allow",
      "mcp-server-adapters/src/mastra/index.ts ANY /api/mcp/secondary-mcp/sse allow",
      "with-auth/src/mastra/index.ts ANY /api/mcp/main-mcp/mcp deny",
      "with-auth/src/mastra/index.ts ANY /api/mcp/main-mcp/sse deny",
      "with-auth/src/mastra/index.ts ANY /api/mcp/secondary-mcp/mcp deny",
      "with-auth/src/mastra/index.ts ANY /api/mcp/secondary-mcp/sse deny",
    ]);
    expect(findings("real-mastra").filter((f) => f.includes("src/mastra/index.ts"))).toEqual([
      "missing-default-deny mcp-server-adapters/src/mastra/index.ts:6:5",
      "missing-default-deny mcp-server-adapters/src/mastra/index.ts:6:5",
      "missing-default-deny mcp-server-adapters/src/mastra/index.ts:7:5",
      "missing-default-deny mcp-server-adapters/src/mastra/index.ts:7:5",
    ]);
    // app-index.ts registers a server on an instance no Mastra server is shown to run.
    expect(scan("real-mastra").model.policies.filter((p) => p.file === "app-index.ts")).toEqual([]);
    const moved = scanSources([{ path: "src/mastra/index.ts", text: `import { Mastra } from "@mastra/core";\nimport { notes } from "./mcp";\nexport const mastra = new Mastra({ mcpServers: { notes }, server: { apiPrefix: "/v1", auth: jwt } });\n` }]);
    expect(moved.model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["ANY /v1/mcp/notes/mcp unknown", "ANY /v1/mcp/notes/sse unknown"]);
  });
});

describe("real NestJS MCP modules (@rekog/mcp-nest)", () => {
  it("McpModule.forRoot serves /mcp and /sse + /messages by its transports: guarded by its guards, unknown without (a global guard may apply)", () => {
    expect(endpoints("real-nestjs")).toEqual([
      "freemium/oauth-env.module.ts ANY /mcp unknown",
      "freemium/oauth-env.module.ts ANY /messages unknown",
      "freemium/oauth-env.module.ts ANY /sse unknown",
      "freemium/simple-jwt.module.ts ANY /mcp unknown",
      "freemium/simple-jwt.module.ts ANY /messages unknown",
      "freemium/simple-jwt.module.ts ANY /sse unknown",
      "jwt-guarded.module.ts ANY /mcp deny",
      "multi-server/app.module.ts ANY /admin/mcp unknown",
      "multi-server/app.module.ts ANY /admin/messages unknown",
      "multi-server/app.module.ts ANY /admin/sse unknown",
      "multi-server/app.module.ts ANY /public/mcp unknown",
      "multi-server/app.module.ts ANY /public/messages unknown",
      "multi-server/app.module.ts ANY /public/sse unknown",
      "open-memory.module.ts ANY /mcp unknown",
      "playground/servers/server-stateless.ts ANY /mcp unknown",
      "sse-guarded.module.ts ANY /messages deny",
      "sse-guarded.module.ts ANY /sse deny",
      "v2-strategy/main.ts ANY /api/mcp deny",
      "v2-strategy/mcp.strategy.ts ANY /mcp unknown",
    ]);
    expect(findings("real-nestjs")).toEqual([]);
  });

  it("mcp-nest v2: new McpStrategy({ transports }) serves each HTTP transport's endpoint; @UseGuards on the McpHttpControllerFor controller of that transport guards it", () => {
    const result = scan("real-nestjs");
    const v2 = result.model.policies.filter((p) => p.file.startsWith("v2-strategy/")).map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason}`);
    expect(v2).toEqual([
      "v2-strategy/main.ts ANY /api/mcp deny: HTTP MCP endpoint /api/mcp requires authentication (@UseGuards(ApiKeyGuard) on McpHttpControllerFor controller McpHttpController)",
      // The real project's controller is in another file: this file alone cannot tell.
      "v2-strategy/mcp.strategy.ts ANY /mcp unknown: HTTP MCP endpoint /mcp has no authentication layer in this file; McpStrategy has no guards option; a McpHttpControllerFor controller of another file that claims the route, and its @UseGuards, decide the authentication in front of it",
    ]);
    expect(result.model.servers.filter((s) => s.file.startsWith("v2-strategy/")).map((s) => `${s.file} ${s.name} ${s.transport}`)).toEqual(["v2-strategy/main.ts notes http", "v2-strategy/mcp.strategy.ts mcpStrategy http"]);
    // The same controller without @UseGuards: not known (a global guard may apply), no finding; a stdio strategy serves no endpoint.
    const main = folder("real-nestjs").find((f) => f.path === "v2-strategy/main.ts") as { path: string; text: string };
    const bare = scanSources([{ ...main, text: main.text.replace("@UseGuards(ApiKeyGuard)\n", "") }]);
    expect(bare.model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["ANY /api/mcp unknown"]);
    expect(bare.findings).toEqual([]);
    const stdio = scanSources([{ path: "src/main.ts", text: `import { McpStrategy, StdioTransport } from "@rekog/mcp-nest";\nexport const mcp = new McpStrategy({ name: "notes", version: "1.0.0", transports: [new StdioTransport()] });\n` }]);
    expect([stdio.model.servers.map((s) => `${s.name} ${s.transport}`), stdio.model.policies.length]).toEqual([["notes stdio"], 0]);
  });
});

describe("mcp-nest's freemium mode (allowUnauthenticatedAccess)", () => {
  const reasons = (files: { path: string; text: string }[]) => scanSources(files).model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.authn?.mode ?? p.defaultReason.replace(/^HTTP MCP endpoint \S+ /, "").split("; ")[0]}`);

  it("a module or strategy that lets a request without a token through its guards is not authenticated by them: unknown, saying why, and no finding", () => {
    const simple = folder("real-nestjs").filter((f) => f.path === "freemium/simple-jwt.module.ts");
    expect(reasons(simple)[0]).toBe(
      "ANY /mcp unknown: has an authentication layer, mcp-nest's guard, that lets a request without a token through: McpModule.forRoot sets allowUnauthenticatedAccess: true, and mcp-nest's per-tool authorization then lets an anonymous caller list the tools and call the @PublicTool() ones",
    );
    const env = folder("real-nestjs").filter((f) => f.path === "freemium/oauth-env.module.ts");
    expect(reasons(env)[0]).toMatch(/^ANY \/mcp unknown: has an authentication layer, mcp-nest's guard, that lets a request without a token through: McpModule\.forRoot sets allowUnauthenticatedAccess to process\.env\.ALLOW_UNAUTHENTICATED_ACCESS === "true", which may be true, and /);
    expect(scanSources([...simple, ...env]).findings).toEqual([]);
    // The same options with the option false, or without it: the guards guard.
    const off = simple.map((f) => ({ ...f, text: f.text.replace("allowUnauthenticatedAccess: true", "allowUnauthenticatedAccess: false") }));
    expect(reasons(off)[0]).toBe("ANY /mcp deny: McpModule guards [SimpleJwtGuard]");
    // mcp-nest v2: the strategy's option beside a guarded McpHttpControllerFor controller.
    const main = folder("real-nestjs").find((f) => f.path === "v2-strategy/main.ts") as { path: string; text: string };
    const v2 = [{ ...main, text: main.text.replace("transports: [transport] }", "transports: [transport], allowUnauthenticatedAccess: true }") }];
    expect(reasons(v2)).toEqual(["ANY /api/mcp unknown: has an authentication layer, mcp-nest's guard, that lets a request without a token through: new McpStrategy sets allowUnauthenticatedAccess: true, and mcp-nest's per-tool authorization then lets an anonymous caller list the tools and call the @PublicTool() ones"]);
  });

  it("an app-wide auth guard of the entry file does not make such a module's routes authenticated either", () => {
    const module = { path: "src/app.module.ts", text: `import { Module } from "@nestjs/common";\nimport { McpModule } from "@rekog/mcp-nest";\n@Module({ imports: [McpModule.forRoot({ name: "n", version: "1", allowUnauthenticatedAccess: true })] })\nexport class AppModule {}\n` };
    const main = { path: "src/main.ts", text: `import { NestFactory } from "@nestjs/core";\nimport { AppModule } from "./app.module";\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalGuards(new JwtAuthGuard());\n}\n` };
    expect(reasons([module, main]).map((x) => x.split(":")[0])).toEqual(["ANY /mcp unknown", "ANY /sse unknown", "ANY /messages unknown"]);
    const strict = { ...module, text: module.text.replace("allowUnauthenticatedAccess: true", "allowUnauthenticatedAccess: false") };
    expect(reasons([strict, main]).map((x) => x.split(":")[0])).toEqual(["ANY /mcp deny", "ANY /sse deny", "ANY /messages deny"]);
  });
});

describe("a NestJS app's entry file (main.ts): its global prefix and app-wide guards in front of the controller routes under it", () => {
  const reasons = (name: string, files = folder(name)) => scanSources(files).model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason}`);

  it("setGlobalPrefix puts its prefix before mcp-nest's routes but the excluded ones; the tools of provider classes in other files are the module's server's", () => {
    expect(reasons("real-nestjs-app").map((x) => x.split(":")[0])).toEqual(["src/mcp/mcp.module.ts ANY /api/mcp unknown", "src/mcp/mcp.module.ts ANY /sse unknown", "src/mcp/mcp.module.ts ANY /messages unknown"]);
    const server = scan("real-nestjs-app").model.servers.find((x) => x.name === "tracker-mcp") as McpServer;
    expect(server.registeredTools?.map((t) => `${t.name}:${t.destructive} ${t.loc.file}:${t.loc.line}`)).toEqual(["tracker-search:false src/mcp/search.tool.ts:10", "library-remove-item:true src/mcp/library.tool.ts:10"]);
    // Without the entry file (a scan of the module alone): the paths the module gives.
    expect(reasons("real-nestjs-app", folder("real-nestjs-app").filter((f) => !f.path.endsWith("main.ts"))).map((x) => x.split(" ")[2])).toEqual(["/mcp", "/sse", "/messages"]);
  });

  it("useGlobalGuards with an auth guard (here in a function the app is handed to) guards them; a route marked @Public() stays unknown; a test's app, a prefix from the environment and another app's folder are not applied", () => {
    expect(reasons("real-nestjs-global-guard")).toEqual([
      "admin/src/admin.module.ts ANY /mcp deny: HTTP MCP endpoint /mcp requires authentication (McpModule decorators [UseGuards(ApiKeyGuard)])",
      "api/src/mcp/demo.controller.ts ALL /api/demo/mcp unknown: HTTP MCP endpoint /api/demo/mcp is marked public, which an app-wide auth guard commonly lets through (app.useGlobalGuards(new JwtAuthGuard(reflector)) in api/src/main.ts:6)",
      "api/src/mcp/mcp.controller.ts POST /api/mcp deny: HTTP MCP endpoint /api/mcp requires authentication (app.useGlobalGuards(new JwtAuthGuard(reflector)) in api/src/main.ts:6)",
    ]);
    expect(findings("real-nestjs-global-guard")).toEqual([]);
    // A throttler is no auth guard; an exclude entry for one method leaves a route that serves several unread.
    const main = (body: string) => ({ path: "src/main.ts", text: `import { NestFactory } from "@nestjs/core";\nimport { AppModule } from "./app.module";\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n${body}\n}\n` });
    const module = { path: "src/app.module.ts", text: `import { Module } from "@nestjs/common";\nimport { McpModule, McpTransportType } from "@rekog/mcp-nest";\n@Module({ imports: [McpModule.forRoot({ name: "n", version: "1", transport: McpTransportType.STREAMABLE_HTTP })] })\nexport class AppModule {}\n` };
    const one = (body: string) => scanSources([main(body), module]).model.policies.map((p) => `${p.name} ${p.defaultDecision}`);
    expect(one(`  app.useGlobalGuards(new ThrottlerGuard());\n  app.setGlobalPrefix("v2/");`)).toEqual(["ANY /v2/mcp unknown"]);
    expect(one(`  app.setGlobalPrefix("api", { exclude: [{ path: "mcp", method: RequestMethod.POST }] });`)).toEqual(["ANY /mcp unknown"]);
    expect(one(`  app.setGlobalPrefix("api", { exclude: ["mcp/(.*)", { path: "mcp", method: RequestMethod.ALL }] });`)).toEqual(["ANY /mcp unknown"]);
    expect(one(`  app.setGlobalPrefix("api", { exclude: ["health"] });\n  app.enableVersioning({ type: VersioningType.URI });`)).toEqual(["ANY /api/mcp unknown"]);
    expect(one(`  app.setGlobalPrefix("api");\n  app.enableVersioning({ type: VersioningType.URI, defaultVersion: "1" });`)).toEqual(["ANY /mcp unknown"]);
  });

  it("an auth guard the root module provides as APP_GUARD (the module main.ts makes the app of, or the McpModule's own file) guards them; a throttler does not", () => {
    const appGuard = (guard: string) => `import { Module } from '@nestjs/common';\nimport { APP_GUARD } from '@nestjs/core';\nimport { McpServerModule } from './mcp/mcp.module';\n\n@Module({\n  imports: [McpServerModule],\n  providers: [\n    { provide: APP_GUARD, useClass: ThrottlerGuard },\n    { provide: APP_GUARD, useClass: ${guard} },\n  ],\n})\nexport class AppModule {}\n`;
    const files = (guard: string) => folder("real-nestjs-app").map((f) => (f.path === "src/app.module.ts" ? { ...f, text: appGuard(guard) } : f));
    expect(reasons("real-nestjs-app", files("JwtAuthGuard"))[0]).toBe("src/mcp/mcp.module.ts ANY /api/mcp deny: HTTP MCP endpoint /api/mcp requires authentication (APP_GUARD JwtAuthGuard in src/app.module.ts:9)");
    expect(reasons("real-nestjs-app", files("RolesGuard"))[0]).toMatch(/^src\/mcp\/mcp\.module\.ts ANY \/api\/mcp unknown/);
    const own = scanSources([{ path: "src/app.module.ts", text: `import { Module } from "@nestjs/common";\nimport { APP_GUARD } from "@nestjs/core";\nimport { McpModule, McpTransportType } from "@rekog/mcp-nest";\n@Module({\n  imports: [McpModule.forRoot({ name: "n", version: "1", transport: McpTransportType.STREAMABLE_HTTP })],\n  providers: [{ provide: APP_GUARD, useClass: SessionAuthGuard }],\n})\nexport class AppModule {}\n` }]);
    expect(own.model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.authn?.mode}`)).toEqual(["ANY /mcp deny: APP_GUARD SessionAuthGuard at line 6"]);
  });
});

describe("NestJS controllers that serve MCP with the SDK's transport themselves", () => {
  it("each route that reaches the transport is an endpoint under the controller's path: @UseGuards or a check first guards it, else a global guard may (unknown)", () => {
    const result = scan("real-nestjs-sdk");
    expect(result.model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.authn?.mode ?? ""}`)).toEqual([
      "bare.controller.ts POST /mcp unknown: ",
      "guarded.controller.ts ALL /api/mcp deny: @UseGuards(ApiKeyGuard)",
      "token-in-handler.controller.ts POST /mcp deny: the handler calls this.mcpAuthService.validateToken() first",
    ]);
    expect(result.findings).toEqual([]);
  });
});

describe("NestJS guards judged by their names, as the app-wide ones are", () => {
  const decisions = (files: { path: string; text: string }[]) => scanSources(files).model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.defaultReason}`);

  it("a controller's @UseGuards with no auth guard (a throttler) is unknown, not guarded; with an auth guard beside it, guarded", () => {
    const guarded = folder("real-nestjs-sdk").find((f) => f.path === "guarded.controller.ts") as { path: string; text: string };
    const withGuards = (list: string) => [{ ...guarded, text: guarded.text.replace("@UseGuards(ApiKeyGuard)", `@UseGuards(${list})`) }];
    expect(decisions(withGuards("ThrottlerGuard"))).toEqual([
      "ALL /api/mcp unknown: HTTP MCP endpoint /api/mcp has no authentication layer in this file; @UseGuards(ThrottlerGuard) names no authentication guard (a throttling, roles or tenant guard lets an unauthenticated caller through); what it checks decides the authentication in front of it",
    ]);
    expect(decisions(withGuards("ThrottlerGuard, JwtAuthGuard"))).toEqual(["ALL /api/mcp deny: HTTP MCP endpoint /api/mcp requires authentication (@UseGuards(ThrottlerGuard, JwtAuthGuard))"]);
  });

  it("McpModule guards and decorators with no auth guard are unknown; an auth guard the entry file applies app-wide then guards the routes", () => {
    const module = (options: string) => ({ path: "src/app.module.ts", text: `import { Module, UseGuards } from "@nestjs/common";\nimport { McpModule, McpTransportType } from "@rekog/mcp-nest";\n@Module({ imports: [McpModule.forRoot({ name: "n", version: "1", transport: McpTransportType.STREAMABLE_HTTP, ${options} })] })\nexport class AppModule {}\n` });
    expect(decisions([module("guards: [RolesGuard]")]).map((d) => d.split(":")[0])).toEqual(["ANY /mcp unknown"]);
    expect(decisions([module("decorators: [UseGuards(ThrottlerGuard)]")]).map((d) => d.split(":")[0])).toEqual(["ANY /mcp unknown"]);
    expect(decisions([module("guards: [RolesGuard, BearerAuthGuard]")]).map((d) => d.split(":")[0])).toEqual(["ANY /mcp deny"]);
    const main = { path: "src/main.ts", text: `import { NestFactory } from "@nestjs/core";\nimport { AppModule } from "./app.module";\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.useGlobalGuards(new JwtAuthGuard());\n}\n` };
    expect(decisions([module("guards: [RolesGuard]"), main]).map((d) => d.split(":")[0])).toEqual(["ANY /mcp deny"]);
  });
});

describe("optional authentication in front of an MCP route (a layer that lets a request without credentials through)", () => {
  const reasons = (files: { path: string; text: string }[]) =>
    scanSources(files).model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.authn?.mode ?? p.defaultReason.replace(/^HTTP MCP endpoint \S+ (?:has no authentication layer in this file; )?/, "")}`);

  it("is no authentication by itself: by its name (optionalAuth, OptionalJwtAuthGuard), express-jwt's credentialsRequired: false or passport's anonymous strategy, the route is unknown, saying why, and no finding", () => {
    expect(reasons(folder("real-optional-auth"))).toEqual([
      `fastify-optional-hook.ts POST /mcp unknown: has an authentication layer, 'app.addHook("onRequest", optionalAuthenticate)', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it`,
      "hub.ts POST /mcp unknown: has an authentication layer, 'middleware optionalAuthMiddleware', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it",
      "jwt-optional.ts POST /mcp unknown: has an authentication layer, 'app.use(isAuthenticatedOptional)', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it",
      "mcp-use-optional.ts ANY /mcp unknown: has an authentication layer, 'server.use(optionalLocalAuth)', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it",
      "optional.controller.ts ALL /mcp unknown: has an authentication layer, '@UseGuards(OptionalJwtAuthGuard)', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it",
      `passport-anonymous.ts POST /mcp unknown: has an authentication layer, 'middleware passport.authenticate(["bearer", "anonymous"], { session: false })', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it`,
    ]);
    expect(scanSources(folder("real-optional-auth")).findings).toEqual([]);
  });

  it("the same layers made strict guard the route; an optional one beside a strict one does not undo it", () => {
    const file = (name: string) => folder("real-optional-auth").find((f) => f.path === name) as { path: string; text: string };
    const edit = (name: string, from: string, to: string) => [{ ...file(name), text: file(name).text.replaceAll(from, to) }];
    // By its options alone (a name that says nothing), then with credentials required.
    expect(reasons(edit("jwt-optional.ts", "isAuthenticatedOptional", "checkJwt"))[0]).toMatch(/^jwt-optional\.ts POST \/mcp unknown: has an authentication layer, 'app\.use\(checkJwt\)', that lets a request without credentials through/);
    expect(reasons(edit("jwt-optional.ts", "credentialsRequired: false", "credentialsRequired: true").map((f) => ({ ...f, text: f.text.replaceAll("isAuthenticatedOptional", "checkJwt") })))).toEqual(["jwt-optional.ts POST /mcp deny: app.use(checkJwt)"]);
    expect(reasons(edit("hub.ts", "optionalAuthMiddleware", "requireAuthMiddleware"))).toEqual(["hub.ts POST /mcp deny: middleware requireAuthMiddleware"]);
    expect(reasons(edit("passport-anonymous.ts", '["bearer", "anonymous"]', '"bearer"'))[0]).toBe('passport-anonymous.ts POST /mcp deny: middleware passport.authenticate("bearer", { session: false })');
    expect(reasons(edit("optional.controller.ts", "@UseGuards(OptionalJwtAuthGuard)", "@UseGuards(OptionalJwtAuthGuard, ApiKeyGuard)"))).toEqual(["optional.controller.ts ALL /mcp deny: @UseGuards(OptionalJwtAuthGuard, ApiKeyGuard)"]);
    // mcp-use's server.use and fastify's hooks: a strict layer guards; an optional hook beside a strict one does not undo it.
    expect(reasons(edit("mcp-use-optional.ts", "optionalLocalAuth", "requireLocalAuth"))).toEqual(["mcp-use-optional.ts ANY /mcp deny: server.use(requireLocalAuth)"]);
    expect(reasons(edit("fastify-optional-hook.ts", "optionalAuthenticate", "authenticate"))).toEqual(['fastify-optional-hook.ts POST /mcp deny: app.addHook("onRequest")']);
    const both = 'app.addHook("onRequest", optionalAuthenticate);\napp.addHook("preHandler", requireApiKey);';
    expect(reasons(edit("fastify-optional-hook.ts", 'app.addHook("onRequest", optionalAuthenticate);', both))).toEqual(['fastify-optional-hook.ts POST /mcp deny: app.addHook("preHandler")']);
    // The hook in the route's own options (fastify's { onRequest: [...] }).
    const own = (hooks: string) => edit("fastify-optional-hook.ts", 'app.addHook("onRequest", optionalAuthenticate);', "").map((f) => ({ ...f, text: f.text.replace('app.post("/mcp", async', `app.post("/mcp", { onRequest: ${hooks} }, async`) }));
    expect(reasons(own("[optionalAuthenticate]"))).toEqual([`fastify-optional-hook.ts POST /mcp unknown: has an authentication layer, 'onRequest optionalAuthenticate', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it`]);
    expect(reasons(own("[optionalAuthenticate, verifyJwt]"))).toEqual(["fastify-optional-hook.ts POST /mcp deny: onRequest [optionalAuthenticate, verifyJwt]"]);
  });

  it("nor on the app another file's routes are registered on (fastify's app.register, a setup function given the app): unknown, naming the layer and where", () => {
    const serve = `    const server = new McpServer({ name: "s", version: "1" });\n    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n    await server.connect(transport);\n    await transport.handleRequest(req.raw ?? req, reply.raw ?? reply, req.body);\n`;
    const sdk = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\n`;
    const routes = { path: "src/routes/mcp.ts", text: `${sdk}export default async function mcpRoutes(app) {\n  app.post("/mcp", async (req, reply) => {\n${serve}  });\n}\n` };
    const fastify = (hook: string) => ({ path: "src/main.ts", text: `import Fastify from "fastify";\nimport mcpRoutes from "./routes/mcp";\nconst app = Fastify();\n${hook}\napp.register(mcpRoutes, { prefix: "/api" });\napp.listen({ port: 3000 });\n` });
    const full = (files: { path: string; text: string }[]) => scanSources(files).model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.defaultReason}`);
    expect(full([routes, fastify(`app.addHook("onRequest", optionalAuth);`)])).toEqual([`POST /api/mcp unknown: HTTP MCP endpoint /api/mcp has an authentication layer, 'app.addHook("onRequest", optionalAuth) in src/main.ts:5', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it`]);
    expect(full([routes, fastify(`app.addHook("onRequest", authenticate);`)])).toEqual(['POST /api/mcp deny: HTTP MCP endpoint /api/mcp requires authentication (app.addHook("onRequest") in src/main.ts:5)']);
    expect(scanSources([routes, fastify(`app.addHook("onRequest", optionalAuth);`)]).findings).toEqual([]);
    const setup = { path: "src/mcp.ts", text: `${sdk}export function registerMcp(app) {\n  app.post("/mcp", async (req, reply) => {\n${serve}  });\n}\n` };
    const express = { path: "src/server.ts", text: `import express from "express";\nimport { registerMcp } from "./mcp";\nconst app = express();\napp.use(optionalAuth);\nregisterMcp(app);\napp.listen(3000);\n` };
    expect(full([setup, express])).toEqual([`POST /mcp unknown: HTTP MCP endpoint /mcp has an authentication layer, 'app.use(optionalAuth) in src/server.ts:5', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it`]);
  });

  it("nor in front of a wrapper's handler (mcp-handler's createMcpHandler on an express route, an McpAgent mounted on hono): unknown, naming it, no finding", () => {
    const full = (file: { path: string; text: string }) => [...scanSources([file]).model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.defaultReason}`), ...scanSources([file]).findings.map((f) => f.ruleId)];
    const agent = (use: string) => ({ path: "src/index.ts", text: `import { Hono } from "hono";\nimport { McpAgent } from "agents/mcp";\nimport { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nexport class NotesMCP extends McpAgent {\n  server = new McpServer({ name: "notes", version: "1" });\n  async init() {}\n}\nconst app = new Hono();\n${use}\napp.mount("/mcp", NotesMCP.serve("/mcp").fetch, { replaceRequest: false });\nexport default app;\n` });
    expect(full(agent(`app.use("/mcp/*", optionalAuth);`))).toEqual([`ANY /mcp unknown: HTTP MCP endpoint /mcp has an authentication layer, 'app.use(optionalAuth)', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it`]);
    expect(full(agent(`app.use("/mcp/*", bearerAuth({ token: process.env.T as string }));`))).toEqual(["ANY /mcp deny: HTTP MCP endpoint /mcp requires authentication (app.use(bearerAuth))"]);
    const vercel = (mw: string) => ({ path: "src/server.ts", text: `import express from "express";\nimport { createMcpHandler } from "mcp-handler";\nconst handler = createMcpHandler((server) => {\n  server.tool("list_notes", "List notes", {}, async () => ({ content: [] }));\n}, {}, { basePath: "" });\nconst app = express();\napp.post("/mcp", ${mw}(req, res) => handler(req));\napp.listen(3000);\n` });
    expect(full(vercel("optionalAuth, "))).toEqual([`ANY /mcp unknown: HTTP MCP endpoint /mcp has an authentication layer, 'middleware optionalAuth', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it`]);
    expect(full(vercel(""))).toEqual(["ANY /mcp allow: HTTP MCP endpoint /mcp has no authentication middleware (createMcpHandler is not wrapped in withMcpAuth(..., { required: true }))", "missing-default-deny"]);
  });

  it("nor does an optional guard registered app-wide", () => {
    const module = { path: "src/app.module.ts", text: `import { Module } from "@nestjs/common";\nimport { APP_GUARD } from "@nestjs/core";\nimport { McpModule } from "@rekog/mcp-nest";\n@Module({\n  imports: [McpModule.forRoot({ name: "n", version: "1" })],\n  providers: [{ provide: APP_GUARD, useClass: OptionalJwtAuthGuard }],\n})\nexport class AppModule {}\n` };
    expect(reasons([module]).map((x) => x.split(":")[0])).toEqual(["src/app.module.ts ANY /mcp unknown", "src/app.module.ts ANY /sse unknown", "src/app.module.ts ANY /messages unknown"]);
  });
});

describe("NestJS @Tool providers in other files (McpModule.forRoot's module providers, McpModule.forFeature)", () => {
  it("the tools of the provider classes a module lists, and of forFeature classes, are the server's, with their annotations", () => {
    const result = scan("real-nestjs");
    const tools = (name: string) => {
      const s = result.model.servers.find((x) => x.name === name) as McpServer;
      return inventoryServer(s, result.model).registeredTools?.map((t) => `${t.name}:${t.destructive}@${t.line}`);
    };
    // greet-user and super-admin-greet say readOnlyHint: true; greet-world gives no annotations (judged by its name).
    expect(tools("playground-mcp-server")).toEqual(["greet-world:false@8", "greet-user:false@16", "super-admin-greet:false@32"]);
    expect(tools("public-server")).toEqual(["send-notification:true@11", "get-notifications:false@20", "mark-notification-read:true@29"]);
    expect(tools("admin-server")).toEqual(tools("public-server"));
    // greeting.tool.ts's GreetingTool is no module's provider in that folder: served by no server there.
    expect(tools("mcp-memory-server")).toEqual([]);
  });

  it("a destructiveHint, a class of the module's own file, a default export; a class no module lists stays out", () => {
    const tool = { path: "src/tools/files.tool.ts", text: `import { Injectable } from "@nestjs/common";\nimport { Tool } from "@rekog/mcp-nest";\n@Injectable()\nexport default class FilesTool {\n  @Tool({ name: "wipe", annotations: { destructiveHint: true } })\n  wipe() {}\n  @Tool({ description: "no name: the method's" })\n  listFiles() {}\n}\n` };
    const other = { path: "src/tools/other.tool.ts", text: `import { Tool } from "@rekog/mcp-nest";\nexport class OtherTool {\n  @Tool({ name: "unlisted" })\n  run() {}\n}\n` };
    const module = { path: "src/app.module.ts", text: `import { Module } from "@nestjs/common";\nimport { McpModule, Tool } from "@rekog/mcp-nest";\nimport FilesTool from "./tools/files.tool";\nclass LocalTool {\n  @Tool({ name: "local_search", annotations: { readOnlyHint: true } })\n  search() {}\n}\n@Module({ imports: [McpModule.forRoot({ name: "files", version: "1" })], providers: [FilesTool], controllers: [LocalTool] })\nexport class AppModule {}\n` };
    const result = scanSources([tool, other, module]);
    const files = result.model.servers.find((s) => s.name === "files");
    expect(files?.registeredTools?.map((t) => `${t.name}:${t.destructive} ${t.loc.file}:${t.loc.line}:${t.loc.column}`)).toEqual([
      "wipe:true src/tools/files.tool.ts:5:17",
      "listFiles:false src/tools/files.tool.ts:8:3",
      "local_search:false src/app.module.ts:5:17",
    ]);
    // The module scanned without the tool's file (a staged change): only what it declares itself.
    expect(scanSources([module]).model.servers.find((s) => s.name === "files")?.registeredTools?.map((t) => t.name)).toEqual(["local_search"]);
  });
});

describe("real Cloudflare agents (McpAgent)", () => {
  it("hono's app.mount(path, X.serve(path).fetch, options) sits behind the app.use before it; OAuthProvider wrappers guard", () => {
    expect(endpoints("real-cloudflare")).toEqual([
      "agents-server-oauth.ts ANY /mcp deny",
      "agents-server-route.ts ANY /mcp allow",
      "api-handlers.ts ANY /mcp deny",
      "api-handlers.ts ANY /sse deny",
      "authkit.ts ANY /sse deny",
      "authless.ts ANY /mcp allow",
      "authless.ts ANY /sse allow",
      "google-oauth.ts ANY /sse deny",
      "hono-bearer.ts ANY /mcp deny",
      "multi-provider-index.ts ANY /mcp deny",
    ]);
    expect(findings("real-cloudflare")).toEqual(["missing-default-deny agents-server-route.ts:12:78", "missing-default-deny authless.ts:17:31", "missing-default-deny authless.ts:20:28"]);
    const policy = scan("real-cloudflare").model.policies.find((p) => p.file === "hono-bearer.ts");
    expect(policy?.authn?.mode).toBe("app.use(inline middleware)");
  });
});

describe("real hono servers (@hono/mcp)", () => {
  it("a route of an app made with basePath answers under it", () => {
    expect(endpoints("real-hono")).toEqual([
      "bearer-auth.ts ALL /mcp deny",
      "brain-catchall.ts ALL /mcp/* deny",
      "bun-server.ts ALL /mcp allow",
      "catchall-bearer.ts ALL * deny",
      "controller-root.ts ALL / allow",
      "deno-main.ts ALL /mcp allow",
      "edge-catchall.ts ALL * allow",
      "middleware-server.ts ALL /mcp allow",
      "oauth-basepath.ts ALL /mcp deny",
      "vercel-handle.ts ALL /api/mcp allow",
    ]);
  });
});

describe("real mcp-lite servers (fiberplane mcp-lite)", () => {
  it("an McpServer served through transport.bind(server) is an HTTP server with its tools", () => {
    expect(servers("real-mcp-lite").filter((s) => !s.startsWith("split/"))).toEqual(["bearer-middleware.ts scan-server http [image_scan]", "edge-function.ts assistant-edge http [queryDatabase]", "worker-fetch.ts worker-kv http [get-kv]"]);
  });

  it("a route or fetch handler calling the bound handler is an endpoint: guarded by an auth middleware before it, open with nothing", () => {
    expect(endpoints("real-mcp-lite")).toEqual(["bearer-middleware.ts ALL /* deny", "edge-function.ts ALL /mcp allow", "split/index.ts ALL /mcp allow", "worker-fetch.ts ANY /mcp allow"]);
    expect(findings("real-mcp-lite")).toEqual(["missing-default-deny edge-function.ts:25:12", "missing-default-deny split/index.ts:6:9", "missing-default-deny worker-fetch.ts:14:9"]);
  });

  it("a route handing c.req.raw to a bound handler another file exports: open as that handler checks no caller; unknown, saying why, when that file is not scanned", () => {
    const split = folder("real-mcp-lite").filter((f) => f.path.startsWith("split/"));
    const reasons = (files: { path: string; text: string }[]) => scanSources(files).model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason}`);
    expect(reasons(split)).toEqual(["split/index.ts ALL /mcp allow: HTTP MCP endpoint /mcp has no authentication middleware (its handler mcpHttpHandler in split/handler.ts:6 checks no caller first)"]);
    expect(reasons(split.filter((f) => f.path !== "split/handler.ts")).map((x) => x.split(": ")[0])).toEqual(["split/index.ts ALL /mcp unknown"]);
    expect(reasons(split.filter((f) => f.path !== "split/handler.ts"))[0]).toContain("the handler mcpHttpHandler of split/handler serves MCP, and what it checks first decides the authentication in front of it");
  });

  it("the bound handler given as a fetch (Bun.serve, a fetch export) serves every path: open, at the fetch key", () => {
    const head = `import { McpServer, StreamableHttpTransport } from "mcp-lite";\nconst mcp = new McpServer({ name: "notes", version: "1.0.0" });\nconst handler = new StreamableHttpTransport().bind(mcp);\n`;
    const read = (tail: string) => scanSources([{ path: "src/index.ts", text: head + tail }]).findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`);
    expect(read(`Bun.serve({ port: 3000, fetch: handler });\n`)).toEqual(["missing-default-deny 4:25"]);
    expect(read(`export default { fetch: handler };\n`)).toEqual(["missing-default-deny 4:18"]);
    expect(read(`const other = (req: Request) => new Response("ok");\nexport default { fetch: other };\n`)).toEqual([]);
  });

  it("a file importing only mcp-lite's transport is read (its route is open); a StreamableHttpTransport of another module is not MCP", () => {
    const text = (module: string) => `import { Hono } from "hono";\nimport { StreamableHttpTransport } from "${module}";\nconst handler = new StreamableHttpTransport().bind(undefined);\nconst app = new Hono();\napp.all("/api", async (c) => handler(c.req.raw));\nexport default app;\n`;
    expect(scanSources([{ path: "src/index.ts", text: text("mcp-lite") }]).model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["ALL /api allow"]);
    expect(scanSources([{ path: "src/index.ts", text: text("./mcp-lite-ish") }]).model.policies).toEqual([]);
  });
});

describe("hono catch-all routes handing requests to an MCP transport", () => {
  it("app.all(\"*\") is an endpoint on every path: open alone, guarded by an app.use(auth) before it, not by one limited to /mcp/*", () => {
    expect(findings("real-hono").filter((f) => /catchall/.test(f))).toEqual(["missing-default-deny edge-catchall.ts:8:9"]);
    const guarded = scan("real-hono").model.policies.find((p) => p.file === "catchall-bearer.ts");
    expect(guarded?.authn?.mode).toBe("app.use(bearerAuth)");
    const only = (use: string) =>
      scanSources([{ path: "src/index.ts", text: `import { Hono } from "hono";\nimport { bearerAuth } from "hono/bearer-auth";\nimport { StreamableHTTPTransport } from "@hono/mcp";\nimport { server } from "./mcp";\nconst app = new Hono();\n${use}\napp.all("*", async (c) => {\n  const transport = new StreamableHTTPTransport();\n  await server.connect(transport);\n  return transport.handleRequest(c);\n});\nexport default app;\n` }])
        .model.policies.map((p) => `${p.name} ${p.defaultDecision} ${p.defaultLoc.line}:${p.defaultLoc.column}`);
    expect(only(`app.use("*", bearerAuth({ token: process.env.T as string }));`)).toEqual(["ALL * deny 7:9"]);
    // Requests to other paths reach the transport without passing the token check.
    expect(only(`app.use("/mcp/*", bearerAuth({ token: process.env.T as string }));`)).toEqual(["ALL * allow 7:9"]);
  });
});

describe("real koa servers (koa-router, @koa/router)", () => {
  it("a router's routes answer under its prefix, mounted by app.use(router.routes()) behind the app's use calls before it", () => {
    expect(endpoints("real-koa")).toEqual(["jwt-guarded.ts POST /mcp deny", "router-prefix.ts ALL /mcp allow", "router-prefix.ts ALL /mcp/sse allow"]);
    expect(findings("real-koa")).toEqual(["missing-default-deny router-prefix.ts:29:12", "missing-default-deny router-prefix.ts:30:12"]);
    expect(servers("real-koa")).toEqual(["jwt-guarded.ts ledger http [list_entries]", "router-prefix.ts router-prefix http []"]);
  });
});

describe("real mcp-use servers (MCPServer of mcp-use)", () => {
  it("serve /mcp when the file listens or default-exports the server (mcp-use's CLI runs it): guarded by an oauth provider, open without", () => {
    expect(endpoints("real-mcp-use")).toEqual(["default-export.ts ANY /mcp allow", "listen-open.ts ANY /mcp allow", "oauth-provider.ts ANY /mcp deny"]);
    expect(findings("real-mcp-use")).toEqual(["missing-default-deny default-export.ts:7:20", "missing-default-deny listen-open.ts:5:20"]);
    expect(servers("real-mcp-use")).toEqual([
      "default-export.ts newsroom-mcp http []",
      "listen-open.ts task-board http [list_tasks, delete_task]",
      "oauth-provider.ts bundles-auth-example http [get-user-info]",
    ]);
    const destructive = scan("real-mcp-use").model.servers.find((s) => s.name === "task-board")?.registeredTools?.filter((t) => t.destructive).map((t) => t.name);
    expect(destructive).toEqual(["delete_task"]);
  });

  it("server.use: middleware on HTTP requests (or server.app.use) covering /mcp guards; on some MCP operations only (mcp:tools/call) leaves tools/list to anyone: unknown", () => {
    const layers = (from: string, to: string) => {
      const files = folder("real-mcp-use-layers").map((f) => ({ ...f, text: f.text.replaceAll(from, to) }));
      const scanned = scanSources(files);
      return [...scanned.model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.defaultReason.replace(/^HTTP MCP endpoint \S+ /, "")}`), ...scanned.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)];
    };
    const use = 'server.use("mcp:tools/call", observeMcpToolCall);';
    // As published: a tool-call observer is no authentication.
    expect(layers(use, use)).toEqual([
      "ANY /mcp allow: has no authentication middleware (new MCPServer(...) is given no oauth provider, so mcp-use serves every request)",
      "missing-default-deny 9:20",
    ]);
    // An auth check on tools/call only: tools/list, resources and prompts reach the server without it.
    expect(layers("observeMcpToolCall", "requireAuth")).toEqual([
      "ANY /mcp unknown: has an authentication layer, server.use(\"mcp:tools/call\", requireAuth), that runs for those MCP operations only, after HTTP routing: the other operations (tools/list, resources, prompts) reach the server without it, so what they expose decides the authentication in front of it",
    ]);
    expect(layers(use, 'server.use("mcp:*", requireAuth);')).toEqual(['ANY /mcp deny: requires authentication (server.use("mcp:*", requireAuth))']);
    // Hono middleware: on every request, or on a path that covers /mcp; one on another path is not in front of it.
    expect(layers(use, 'server.use("/mcp/*", requireAuth);')).toEqual(['ANY /mcp deny: requires authentication (server.use("/mcp/*", requireAuth))']);
    expect(layers(use, 'server.use("/admin/*", requireAuth);')[0]).toMatch(/^ANY \/mcp allow: /);
    // The server's Hono app, and an inline middleware that checks the Authorization header.
    expect(layers(use, "server.app.use(requireAuth);")).toEqual(["ANY /mcp deny: requires authentication (server.app.use(requireAuth))"]);
    const inline = 'server.app.use(async (c, next) => { if (c.req.header("authorization") !== `Bearer ${process.env.TOKEN}`) return c.text("no", 401); await next(); });';
    expect(layers(use, inline)).toEqual(["ANY /mcp deny: requires authentication (server.app.use(inline middleware))"]);
    expect(layers(use, "other.app.use(requireAuth);")[0]).toMatch(/^ANY \/mcp allow: /);
    // Registered after listen, when mcp-use has mounted its routes already.
    expect(layers("await server.listen(port);", "await server.listen(port);\nserver.use(requireAuth);")[0]).toMatch(/^ANY \/mcp allow: /);
  });
});

describe("real Cloudflare Workers (McpAgent) routed in a hono chain or by if branches", () => {
  it("an auth use call earlier in a hono chain guards the sub-app routed after it; a check inside the if branch that serves guards that path; a cast agent class still serves", () => {
    expect(scan("real-cloudflare-workers").model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason.replace(/^HTTP MCP endpoint \S+ /, "")} @${at(p.defaultLoc)}`)).toEqual([
      "cast-serve.ts ANY /mcp deny: requires authentication (OAuthProvider apiHandler) @12:54",
      "hono-chain.ts ANY /sse deny: requires authentication (.use(microsoftBearerTokenAuthMiddleware)) @14:62",
      "hono-chain.ts ANY /mcp deny: requires authentication (.use(microsoftBearerTokenAuthMiddleware)) @16:59",
      "path-branches.ts ANY /mcp allow: has no authentication middleware (MockMCPAgent.serve is not the apiHandler of an OAuthProvider) @14:33",
      "path-branches.ts ANY /bearer/mcp deny: requires authentication (the handler calls verifyBearerHeaderPresent() first) @20:33",
    ]);
    expect(findings("real-cloudflare-workers")).toEqual(["missing-default-deny path-branches.ts:14:33"]);
    // The middleware on another path, or a check in another branch, is not in front of it.
    const edit = (file: string, from: string, to: string) =>
      scanSources(folder("real-cloudflare-workers").filter((f) => f.path === file).map((f) => ({ ...f, text: f.text.replace(from, to) }))).model.policies.map((p) => `${p.name} ${p.defaultDecision}`);
    expect(edit("hono-chain.ts", '.use("/mcp", microsoftBearerTokenAuthMiddleware)', '.use("/admin/*", microsoftBearerTokenAuthMiddleware)')).toEqual(["ANY /sse deny", "ANY /mcp allow"]);
    expect(edit("path-branches.ts", "if (unauthorized) return unauthorized;\n", "if (unauthorized) return unauthorized;\n    }\n    if (url.pathname === \"/bearer/mcp\") {\n")).toEqual(["ANY /mcp allow", "ANY /bearer/mcp allow"]);
  });

  it("a route of the SDK's transport on a hono app written as one chain (new Hono().use(...).all(\"/mcp\", ...)) is behind the use calls before it in the chain", () => {
    const chain = (use: string) =>
      scanSources([{ path: "src/index.ts", text: `import { Hono } from "hono";\nimport { bearerAuth } from "hono/bearer-auth";\nimport { StreamableHTTPTransport } from "@hono/mcp";\nimport { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nconst mcp = new McpServer({ name: "wiki", version: "0.3.0" });\nexport default new Hono()\n  ${use}\n  .all("/mcp", async (c) => { const t = new StreamableHTTPTransport(); await mcp.connect(t); return t.handleRequest(c); });\n` }]).model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.defaultReason}`);
    expect(chain(`.use("/mcp/*", bearerAuth({ token: process.env.WIKI_TOKEN }))`)).toEqual(["ALL /mcp deny: HTTP MCP endpoint /mcp requires authentication (.use(bearerAuth))"]);
    expect(chain(`.use("/admin/*", bearerAuth({ token: process.env.WIKI_TOKEN }))`)).toEqual(["ALL /mcp allow: HTTP MCP endpoint /mcp has no authentication middleware"]);
    expect(chain(`.get("/health", (c) => c.text("ok"))`)).toEqual(["ALL /mcp allow: HTTP MCP endpoint /mcp has no authentication middleware"]);
  });
});

describe("real fastify app registering an auth plugin before its MCP route", () => {
  it("app.register(authPlugin) before the route: unknown, naming it (a hook or only a decorator); another plugin leaves it open; a preHandler guards it", () => {
    const reasons = (from = "", to = "") =>
      scanSources(folder("real-fastify-register").map((f) => ({ ...f, text: f.text.replace(from, to) }))).model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.defaultReason}`);
    expect(reasons()).toEqual([
      "POST /mcp unknown: HTTP MCP endpoint /mcp has no authentication layer in this file; fastify.register(authPlugin) before it may add an authentication hook to the app (a plugin wrapped in fastify-plugin) or only a decorator its routes must call (@fastify/jwt); what it adds decides the authentication in front of it",
    ]);
    expect(findings("real-fastify-register")).toEqual([]);
    expect(reasons("await fastify.register(authPlugin);", "await fastify.register(cors);")[0]).toMatch(/^POST \/mcp allow: /);
    expect(reasons('fastify.post("/mcp", async', 'fastify.post("/mcp", { preHandler: [fastify.authenticate] }, async')[0]).toMatch(/^POST \/mcp deny: /);
  });
});

describe("real fastify MCP plugins (fastify-mcp, fastify-mcp-server)", () => {
  it("register(streamableHttp | fastifyMCPSSE | FastifyMcpStreamableHttp, options) serves its paths: guarded by an auth hook or the plugin's bearer options", () => {
    expect(endpoints("real-fastify")).toEqual([
      "fastify-mcp-plugin.ts ANY /mcp unknown",
      "fastify-mcp-server.ts ANY /mcp deny",
      "hook-guarded.ts POST /mcp deny",
      "jira-streamable.ts ANY /mcp allow",
      "prehandler.ts POST /mcp deny",
      "root-endpoint.ts ANY / deny",
      "route-plugin.ts ALL /mcp unknown",
      "sse-plugin.ts ANY /messages allow",
      "sse-plugin.ts ANY /sse allow",
      "v2-app.ts POST /mcp allow",
    ]);
    // At the endpoint option, else at the plugin for its default paths.
    expect(findings("real-fastify")).toEqual([
      "missing-default-deny jira-streamable.ts:11:16",
      "missing-default-deny sse-plugin.ts:8:14",
      "missing-default-deny sse-plugin.ts:8:14",
      "missing-default-deny v2-app.ts:8:10",
    ]);
  });

  it("a plugin registered on an app passed in is joined to the code that registers it, under its prefix", () => {
    const plugin = folder("real-fastify").find((f) => f.path === "fastify-mcp-plugin.ts") as { path: string; text: string };
    const app = (hook: string) =>
      `import Fastify from "fastify";\nimport mcpPlugin from "./fastify-mcp-plugin";\nconst app = Fastify();\n${hook}\napp.register(mcpPlugin, { prefix: "/api" });\napp.listen({ port: 3000 });\n`;
    const policies = (text: string) => scanSources([plugin, { path: "app.ts", text }]).model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}`);
    expect(policies(app(`app.addHook("onRequest", app.authenticate);`))).toEqual(["fastify-mcp-plugin.ts ANY /api/mcp deny"]);
    expect(policies(app(""))).toEqual(["fastify-mcp-plugin.ts ANY /api/mcp allow"]);
  });
});

describe("real xmcp projects (xmcp.config.ts with http, src/middleware.ts beside it)", () => {
  it("the config's HTTP server is an endpoint on http.endpoint (default /mcp), guarded by what src/middleware.ts exports", () => {
    expect(endpoints("real-xmcp")).toEqual([
      "brandcloud/xmcp.config.ts ANY /mcp allow",
      "list-middleware/xmcp.config.ts ANY /api/mcp deny",
      "oauth/xmcp.config.ts ANY /mcp deny",
      "weather/xmcp.config.ts ANY /mcp allow",
      "xmcp.config.ts ANY /mcp deny",
    ]);
    // A middleware that only calls next(), or none at all, turns no one away; an express adapter serves no endpoint of its own.
    expect(findings("real-xmcp")).toEqual(["missing-default-deny brandcloud/xmcp.config.ts:4:9", "missing-default-deny weather/xmcp.config.ts:4:9"]);
    const guarded = scan("real-xmcp").model.policies.find((p) => p.file === "xmcp.config.ts");
    expect(guarded?.defaultReason).toBe("HTTP MCP endpoint /mcp requires authentication (xmcp middleware src/middleware.ts: the middleware is apiKeyAuthMiddleware(...))");
    expect(servers("real-xmcp")).toEqual(["brandcloud/xmcp.config.ts xmcp http []", "list-middleware/xmcp.config.ts xmcp http []", "oauth/xmcp.config.ts xmcp http []", "weather/xmcp.config.ts xmcp http []", "xmcp.config.ts xmcp http []"]);
  });

  it("experimental.oauth puts xmcp's OAuth proxy in front of the endpoint: authenticated with no src/middleware.ts at all", () => {
    const files = folder("real-xmcp").filter((f) => f.path.startsWith("oauth/"));
    const r = scanSources(files, {}, [], sourcesContext(files));
    expect(r.model.policies.map((p) => `${p.name} ${p.defaultDecision} ${p.defaultReason}`)).toEqual([
      "ANY /mcp deny HTTP MCP endpoint /mcp requires authentication (xmcp experimental.oauth (its OAuth proxy checks a bearer token))",
    ]);
    expect(r.findings.map((f) => f.ruleId)).toEqual([]);
    // Without it, the same config is open and reported at its http option.
    const open = files.map((f) => ({ ...f, text: f.text.replace(/ {2}experimental: \{[\s\S]*?\n {2}\},\n/, "") }));
    expect(open[0]?.text).not.toContain("oauth");
    expect(scanSources(open, {}, [], sourcesContext(open)).findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["missing-default-deny 5:9"]);
    // `middleware: false` keeps the OAuth routes without the bearer check: open again.
    const unchecked = files.map((f) => ({ ...f, text: f.text.replace("    oauth: {\n", "    oauth: {\n      middleware: false,\n") }));
    expect(unchecked[0]?.text).toContain("middleware: false");
    expect(scanSources(unchecked, {}, [], sourcesContext(unchecked)).model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["ANY /mcp allow"]);
  });

  it("a config scanned alone (a staged change) reads the middleware file beside it through the link context, and only that folder", () => {
    const files = folder("real-xmcp");
    const config = files.find((f) => f.path === "xmcp.config.ts") as { path: string; text: string };
    const asked: string[][] = [];
    const inner = sourcesContext(files);
    const reader = { files: (paths: readonly string[]) => (asked.push([...paths]), inner.files(paths)), importers: inner.importers };
    const policies = scanSources([config], {}, [], reader).model.policies.map((p) => `${p.name} ${p.defaultDecision}`);
    expect(policies).toEqual(["ANY /mcp deny"]);
    expect(asked.map((paths) => [...new Set(paths.map((p) => p.slice(0, p.lastIndexOf("/") + 1)))])).toEqual([["src/"]]);
    // Without the middleware file anywhere: open, and reported at the http option.
    expect(scanSources([config], {}, [], sourcesContext([config])).findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["missing-default-deny 4:33"]);
  });
});

describe("real Next.js routes (mcp-handler, xmcp's adapter)", () => {
  it("a route method serving a package's handler is an endpoint: withMcpAuth or xmcp's withAuth with required: true guards it", () => {
    expect(endpoints("real-vercel")).toEqual([
      "app/api/[transport]/route.ts ANY /api/mcp allow",
      "app/api/codex/mcp/route.ts POST /api/codex/mcp deny",
      "app/api/inovy/[transport]/route.ts GET /api/inovy/mcp deny",
      "app/api/inovy/[transport]/route.ts POST /api/inovy/mcp deny",
      "app/api/mcp/[transport]/route.ts ANY /api/mcp/mcp deny",
      "app/api/public-read/[transport]/route.ts ANY /api/public-read/mcp unknown",
      "app/api/tenant/[transport]/route.ts ANY /api/tenant/mcp unknown",
      "app/mcp/route.ts GET /mcp deny",
      "app/mcp/route.ts POST /mcp deny",
    ]);
    // withMcpAuth without required: true (a deliberate anonymous read-only mode): no finding, the reason names the layer.
    expect(findings("real-vercel").filter((f) => /public-read|tenant/.test(f))).toEqual([]);
    expect(scan("real-vercel").model.policies.find((p) => p.file.includes("public-read"))?.defaultReason).toContain("has an authentication layer, withMcpAuth, that leaves required false");
  });

  it("xmcpHandler served as it is is open; in withAuth or withMcpAuth without required: true unknown", () => {
    const route = (body: string) =>
      scanSources([{ path: "app/mcp/route.ts", text: body }])
        .model.policies.map((p) => `${p.name} ${p.defaultDecision} ${p.defaultLoc.line}:${p.defaultLoc.column}`);
    expect(route(`import { xmcpHandler } from "@xmcp/adapter";\n\nexport { xmcpHandler as GET, xmcpHandler as POST };\n`)).toEqual(["GET /mcp allow 3:25", "POST /mcp allow 3:45"]);
    expect(route(`import { xmcpHandler, withAuth } from "@xmcp/adapter";\nconst handler = withAuth(xmcpHandler, { verifyToken });\nexport { handler as POST };\n`)).toEqual(["POST /mcp unknown 2:17"]);
    expect(route(`import { withMcpAuth } from "mcp-handler";\nimport { server, verify } from "@acme/mcp";\nexport const POST = withMcpAuth(server, verify);\n`)).toEqual(["POST /mcp unknown 3:21"]);
  });
});

describe("real Vercel Functions (a project's api/ folder)", () => {
  it("a default export that serves MCP is an endpoint on the file's path; an api/ folder under src/ is an app's own module", () => {
    expect(endpoints("real-vercel-functions").filter((e) => !/notes|tasks/.test(e))).toEqual(["api/guarded.ts ANY /api/guarded deny", "api/search.js ANY /api/search allow"]);
    expect(findings("real-vercel-functions").filter((e) => !/notes|tasks/.test(e))).toEqual(["missing-default-deny api/search.js:16:31"]);
    expect(servers("real-vercel-functions").filter((s) => s.startsWith("api/search.js"))).toEqual(["api/search.js web-search http [search]"]);
  });

  it("named Web-standard method exports (export async function POST, export const GET = ...) are endpoints each; other named exports are not", () => {
    expect(endpoints("real-vercel-functions").filter((e) => /notes|tasks/.test(e))).toEqual(["api/notes.ts GET /api/notes allow", "api/notes.ts POST /api/notes deny", "api/tasks.ts POST /api/tasks allow"]);
    expect(findings("real-vercel-functions").filter((e) => /notes|tasks/.test(e))).toEqual(["missing-default-deny api/notes.ts:12:14", "missing-default-deny api/tasks.ts:6:23"]);
    // The pages router serves the default export alone: a named POST there is no route.
    const pages = scanSources([{ path: "pages/api/mcp.ts", text: folder("real-vercel-functions").find((f) => f.path === "api/tasks.ts")?.text ?? "" }]);
    expect(pages.model.policies).toEqual([]);
  });
});

describe("routes on a path held by a class field (this.path, this.mcpPath)", () => {
  it("a field given a literal once (initializer or constructor) is the route's path; one given a value twice stays unread", () => {
    expect(scan("real-express-class").model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason}`)).toEqual([
      "mcp.controller.ts POST /mcp unknown: HTTP MCP endpoint /mcp has no authentication layer in this file; the router this.router is mounted in another file, which decides the authentication in front of it",
      "remote-host.ts POST /v1/mcp allow: HTTP MCP endpoint /v1/mcp has no authentication middleware",
    ]);
    expect(findings("real-express-class")).toEqual(["missing-default-deny remote-host.ts:15:19"]);
  });

  it("this is the class's own only in its methods and arrow functions; a static field, a parameter property and a this rebound by a function are not read", () => {
    const paths = (members: string, route: string) =>
      scanSources([
        {
          path: "src/host.ts",
          text: `import express from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nexport class Host {\n  app = express();\n${members}\n  start() {\n    ${route}\n  }\n  serve(req, res) { return new StreamableHTTPServerTransport({}).handleRequest(req, res); }\n}\n`,
        },
      ]).model.policies.map((p) => p.name);
    expect(paths(`  mcpPath = "/mcp";`, `this.app.post(this.mcpPath, (req, res) => this.serve(req, res));`)).toEqual(["POST /mcp"]);
    expect(paths(`  static mcpPath = "/mcp";`, `this.app.post(this.mcpPath, (req, res) => this.serve(req, res));`)).toEqual([]);
    expect(paths(`  constructor(private mcpPath = "/mcp") {}`, `this.app.post(this.mcpPath, (req, res) => this.serve(req, res));`)).toEqual([]);
    expect(paths(`  mcpPath = "/mcp";\n  reset() { this.mcpPath = "/x"; }`, `this.app.post(this.mcpPath, (req, res) => this.serve(req, res));`)).toEqual([]);
    expect(paths(`  mcpPath = "/mcp";`, `const self = this; [1].forEach(function () { self.app.post(this.mcpPath, (req, res) => self.serve(req, res)); });`)).toEqual([]);
  });
});

describe("file-routed frameworks beside Next.js: SvelteKit +server.ts, Astro src/pages endpoints, Nitro/Nuxt server/routes and server/api", () => {
  it("each method export (SvelteKit, Astro) or the default event handler (Nitro, its method from the file name) is an endpoint on the file's route; a check first guards it, else the framework's hook file may (unknown)", () => {
    expect(scan("real-file-routes").model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.authn?.mode ?? p.defaultReason.split("; ")[1]}`)).toEqual([
      "astro/src/pages/mcp.ts POST /mcp deny: the handler calls readBearer() first",
      "astro/src/pages/mcp.ts GET /mcp deny: the handler calls readBearer() first",
      "nuxt/server/api/admin/mcp.post.ts POST /api/admin/mcp deny: the handler checks a credential header",
      "nuxt/server/routes/mcp.ts ANY /mcp unknown: Nitro runs the handlers of server/middleware/ in front of every route, which may authenticate the caller",
      "sveltekit/src/routes/(api)/mcp/+server.ts GET /mcp unknown: SvelteKit runs the handle hook of src/hooks.server.ts in front of every route, which may authenticate the caller",
      "sveltekit/src/routes/(api)/mcp/+server.ts POST /mcp unknown: SvelteKit runs the handle hook of src/hooks.server.ts in front of every route, which may authenticate the caller",
      "sveltekit/src/routes/(api)/mcp/+server.ts DELETE /mcp unknown: SvelteKit runs the handle hook of src/hooks.server.ts in front of every route, which may authenticate the caller",
    ]);
    expect(findings("real-file-routes")).toEqual([]);
    expect(servers("real-file-routes").filter((x) => x.includes("site-docs"))).toEqual(["nuxt/server/routes/mcp.ts site-docs http [search_docs]"]);
  });
});

describe("TanStack Start server routes (createFileRoute server handlers, createServerFileRoute, createAPIFileRoute)", () => {
  const decisions = (files: { path: string; text: string }[]) => scanSources(files).model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.authn?.mode ?? p.defaultReason.replace(/^HTTP MCP endpoint \S+ (?:has no authentication layer in this file; )?/, "")}`);
  const START = "TanStack Start runs the global request middleware of src/start.ts (createStart's requestMiddleware) in front of every route, which may authenticate the caller";

  it("each method handler that serves MCP is an endpoint on the route's path: guarded by the route's middleware or a check first, else unknown (src/start.ts may guard it)", () => {
    expect(decisions(folder("real-tanstack"))).toEqual([
      "src/routes/api/mcp.ts POST /api/mcp deny: the handler checks a credential header",
      "src/routes/api/notes.ts POST /api/notes/mcp deny: middleware authMiddleware",
      `src/routes/kit.ts ANY /kit/mcp unknown: ${START}`,
      `src/routes/knowledge.ts POST /knowledge/mcp unknown: ${START}`,
      `src/routes/mcp.ts POST /mcp unknown: ${START}`,
    ]);
    expect(scanSources(folder("real-tanstack")).findings).toEqual([]);
    const at = scanSources(folder("real-tanstack")).model.policies.find((p) => p.file === "src/routes/mcp.ts");
    expect(at && `${at.defaultLoc.line}:${at.defaultLoc.column}`).toBe("30:7");
  });

  it("middleware of the method (createHandlers' { middleware, handler }, a release candidate's api.middleware([...]).handler) guards it; an optional one leaves it unknown; a page route or another library's createFileRoute is no endpoint", () => {
    const route = (handlers: string, imports = `import { createFileRoute } from "@tanstack/react-start";`) => ({
      path: "src/routes/mcp.ts",
      text: `${imports}\nimport { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";\nimport { server } from "../mcp";\nconst serve = async ({ request }) => { const t = new WebStandardStreamableHTTPServerTransport({}); await server.connect(t); return t.handleRequest(request); };\nexport const Route = createFileRoute("/mcp")({ server: ${handlers} });\n`,
    });
    expect(decisions([route(`{ handlers: ({ createHandlers }) => createHandlers({ POST: { middleware: [apiKeyMiddleware], handler: serve } }) }`)])).toEqual(["src/routes/mcp.ts POST /mcp deny: middleware apiKeyMiddleware"]);
    expect(decisions([route(`{ middleware: [optionalAuth], handlers: { POST: serve } }`)])).toEqual([
      "src/routes/mcp.ts POST /mcp unknown: has an authentication layer, 'middleware optionalAuth', that lets a request without credentials through (optional authentication); what the route does with an anonymous caller decides the authentication in front of it",
    ]);
    expect(decisions([route(`{ handlers: { POST: serve } }`, `import { createFileRoute } from "./my-router";`)])).toEqual([]);
    const page = { path: "src/routes/mcp.tsx", text: `import { createFileRoute } from "@tanstack/react-router";\nimport { McpView } from "../mcp/view";\nexport const Route = createFileRoute("/mcp")({ component: McpView });\n` };
    expect(decisions([page])).toEqual([]);
    const rc = { path: "src/routes/rpc.ts", text: `import { createServerFileRoute } from "@tanstack/react-start/server";\nimport { StreamableHTTPTransport } from "@hono/mcp";\nimport { server } from "../mcp";\nexport const ServerRoute = createServerFileRoute("/rpc").methods((api) => ({\n  POST: api.middleware([jwtMiddleware]).handler(async ({ request }) => { const t = new WebStandardStreamableHTTPServerTransport({}); await server.connect(t); return t.handleRequest(request); }),\n}));\n` };
    expect(decisions([rc])).toEqual(["src/routes/rpc.ts POST /rpc deny: middleware jwtMiddleware"]);
  });
});

describe("fastify's full route declaration (app.route({ method, url, handler }))", () => {
  it("is an endpoint on its url for its methods: guarded by its own onRequest/preHandler hooks or a check the handler makes first (a require...Identity call), else open", () => {
    expect(endpoints("real-fastify-route")).toEqual(["jwt-hook.ts POST /mcp deny", "marketplace.ts GET/POST/DELETE /mcp deny", "open-route.ts GET/POST/DELETE /mcp allow"]);
    expect(findings("real-fastify-route")).toEqual(["missing-default-deny open-route.ts:9:8"]);
    const modes = scan("real-fastify-route").model.policies.map((p) => p.authn?.mode);
    expect(modes).toEqual(["onRequest [app.authenticate]", "the handler calls requireMarketplaceIdentity() first", undefined]);
  });
});

describe("h3 routers whose handlers other files export (router.post(path, handler))", () => {
  it("each route is judged by the handler it is handed to: open when the handler checks no caller first, guarded when it does", () => {
    const result = scan("real-h3");
    expect(result.model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason}`)).toEqual([
      "src/app.ts POST /mcp allow: HTTP MCP endpoint /mcp has no authentication middleware (its handler mcpHandler in src/handlers/mcp.ts:5 checks no caller first)",
      "src/app.ts POST /notes/mcp deny: HTTP MCP endpoint /notes/mcp requires authentication (the handler checks a credential header, in src/handlers/notes.ts:5)",
    ]);
    expect(findings("real-h3")).toEqual(["missing-default-deny src/app.ts:10:13"]);
    // The router's file alone (a staged change): what the handlers check is not known.
    expect(scanSources(folder("real-h3").filter((f) => f.path === "src/app.ts")).model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["POST /mcp unknown", "POST /notes/mcp unknown"]);
  });

  it("a handler destructured from a project file's MCP factory (const { onSse, onMsg } = createMcp()) is an endpoint on its path, judged by what the factory's handler checks first; unknown, naming the factory, without that file", () => {
    const result = scan("real-h3-factory");
    expect(result.model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason} @${at(p.defaultLoc)}`)).toEqual([
      "src/app.ts GET /sse allow: HTTP MCP endpoint /sse has no authentication middleware (its handler createMcp().onSse in src/handlers/mcp.ts:28 checks no caller first) @11:12",
      "src/app.ts POST /messages allow: HTTP MCP endpoint /messages has no authentication middleware (its handler createMcp().onMsg in src/handlers/mcp.ts:28 checks no caller first) @12:13",
    ]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.loc.file}:${at(f.loc)}`)).toEqual(["missing-default-deny src/app.ts:11:12", "missing-default-deny src/app.ts:12:13"]);
    // The factory's handler that checks the Authorization header first guards its route; the other stays open.
    const guarded = folder("real-h3-factory").map((f) => ({ ...f, text: f.text.replace("const { res } = event.node;", 'if (getHeader(event, "authorization") !== `Bearer ${process.env.MCP_TOKEN}`) throw createError({ statusCode: 401 });\n    const { res } = event.node;') }));
    expect(scanSources(guarded).model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["GET /sse deny", "POST /messages allow"]);
    // The router's file alone (a staged change): unknown, naming the factory.
    const alone = scanSources(folder("real-h3-factory").filter((f) => f.path === "src/app.ts"));
    expect(alone.model.policies.map((p) => `${p.name} ${p.defaultDecision}: ${p.defaultReason}`)).toEqual([
      "GET /sse unknown: HTTP MCP endpoint /sse has no authentication layer in this file; the handler onSse is made by createMcp() of src/handlers/mcp, which decides what it checks first",
      "POST /messages unknown: HTTP MCP endpoint /messages has no authentication layer in this file; the handler onMsg is made by createMcp() of src/handlers/mcp, which decides what it checks first",
    ]);
    expect(alone.findings).toEqual([]);
    // Auth in front of the route still decides first; a factory of a package, or one named for no MCP, makes no endpoint.
    const app = folder("real-h3-factory").find((f) => f.path === "src/app.ts") as { path: string; text: string };
    const edit = (from: string, to: string) => scanSources([{ ...app, text: app.text.replaceAll(from, to) }]).model.policies.map((p) => `${p.name} ${p.defaultDecision}`);
    expect(edit('router.get("/sse", onSse)', 'router.get("/sse", requireBearer, onSse)')).toEqual(["GET /sse deny", "POST /messages unknown"]);
    expect(edit('"./handlers/mcp"', '"some-mcp-kit"')).toEqual([]);
    expect(edit("createMcp", "createApi")).toEqual([]);
  });
});

describe("Bun.serve's routes table", () => {
  it("each path (and each method of a path given per method) whose handler reaches MCP is an endpoint; a check in the function it hands the request to guards it", () => {
    expect(endpoints("real-bun")).toEqual(["routes-server.ts ANY /admin/mcp deny", "routes-server.ts GET /mcp allow", "routes-server.ts POST /mcp allow"]);
    expect(findings("real-bun")).toEqual(["missing-default-deny routes-server.ts:24:7", "missing-default-deny routes-server.ts:25:7"]);
  });
});

describe("requireBearerAuth given a verifier that accepts every token (the SDK README's proxy-provider verifyAccessToken, copied)", () => {
  const reasons = () => scan("real-proxy-verifier").model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason}`);

  it("no expiresAt: unknown (recent SDKs refuse such an AuthInfo, older ones take every token); with expiresAt: open; a verifier that decodes and fetches, or required scopes the returned ones lack: deny", () => {
    expect(endpoints("real-proxy-verifier")).toEqual([
      "any-token-expiry.ts POST /mcp allow",
      "any-token.ts POST /mcp unknown",
      "checked-verifier.ts POST /mcp deny",
      "scope-mismatch/routes.ts POST /mcp deny",
    ]);
    expect(findings("real-proxy-verifier")).toEqual(["missing-default-deny any-token-expiry.ts:25:10"]);
  });

  it("the reasons name the layer and its verifier", () => {
    expect(reasons()).toEqual(
      expect.arrayContaining([
        "any-token-expiry.ts POST /mcp allow: HTTP MCP endpoint /mcp has no authentication middleware (app.use(requireBearerAuth) checks no token: proxyProvider's verifyAccessToken returns an AuthInfo for every token without checking it)",
        "any-token.ts POST /mcp unknown: HTTP MCP endpoint /mcp has an authentication layer, middleware bearerAuthMiddleware, that accepts every token: proxyProvider's verifyAccessToken returns an AuthInfo without checking it, and with no expiresAt; requireBearerAuth of recent SDK versions refuses such an AuthInfo (every request) and older ones let every caller through, so the SDK version decides the authentication in front of it",
      ]),
    );
  });

  it("a layer written over several lines reads on one line in the reason: a call as its callee with (...), a function written out as an inline function", () => {
    expect(reasons()).toContain(
      "scope-mismatch/routes.ts POST /mcp deny: HTTP MCP endpoint /mcp requires authentication (middleware requireBearerAuth(...) in scope-mismatch/index.ts:52)",
    );
    const text = `import express from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nconst app = express();\napp.post(\n  "/mcp",\n  (req, res, next) => {\n    if (req.headers.authorization !== \`Bearer \${process.env.MCP_TOKEN}\`) return res.status(401).end();\n    next();\n  },\n  async (req, res) => { const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }); await t.handleRequest(req, res, req.body); },\n);\n`;
    expect(scanSources([{ path: "server.ts", text }]).model.policies.map((p) => p.defaultReason)).toEqual(["HTTP MCP endpoint /mcp requires authentication (middleware inline function)"]);
  });

  it("a verifier object written in the route's middleware, with a method that returns an AuthInfo and an expiry: open at the route", () => {
    const text = `import express from "express";\nimport { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nconst app = express();\nconst verifier = { async verifyAccessToken(token: string) { return { token, clientId: "demo", scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600 }; } };\napp.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => { const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }); await t.handleRequest(req, res, req.body); });\n`;
    const result = scanSources([{ path: "server.ts", text }]);
    expect(result.model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["POST /mcp allow"]);
    expect(result.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["missing-default-deny 6:10"]);
    // A verifier that looks the token up is taken to check it.
    const lookedUp = text.replace("return { token, clientId", "return tokens.get(token) && { token, clientId");
    expect(scanSources([{ path: "server.ts", text: lookedUp }]).model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["POST /mcp deny"]);
  });

  it("a router mounted with a layer that lets callers through (app.use(\"/mcp\", optionalAuth, router)) is unknown, not open", () => {
    const index = `import express from "express";\nimport { optionalAuth } from "./auth.js";\nimport mcpRouter from "./mcp.js";\nconst app = express();\napp.use("/mcp", optionalAuth, mcpRouter);\napp.listen(3000);\n`;
    const router = `import { Router } from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nconst router = Router();\nrouter.post("/", async (req, res) => { const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }); await t.handleRequest(req, res, req.body); });\nexport default router;\n`;
    const result = scanSources([{ path: "src/index.ts", text: index }, { path: "src/mcp.ts", text: router }]);
    expect(result.model.policies.map((p) => `${p.name} ${p.defaultDecision}`)).toEqual(["POST /mcp unknown"]);
    expect(result.findings.filter((f) => f.ruleId === "missing-default-deny")).toEqual([]);
  });
});

describe("real servers already read right (judged by hand, kept)", () => {
  it("express (a routes file handing the request to an imported MCP function included), fastify, the SDK's transports and mcp-handler", () => {
    expect(endpoints("real-express")).toEqual([
      "auth-router-only.ts POST /mcp allow",
      "bearer-optional.ts POST /mcp deny",
      "mcp-express-app.ts POST /mcp allow",
      "require-bearer.ts POST /mcp deny",
      "router-file.ts POST /mcp deny",
      "sse-open.ts GET /sse allow",
      "sse-open.ts POST /messages allow",
    ]);
    expect(findings("real-sdk")).toEqual([
      "dns-rebinding-protection-off dns-off-localhost.ts:15:35",
      "dns-rebinding-protection-off dns-on-nohosts.ts:10:118",
      "missing-default-deny dns-off-localhost.ts:12:10",
      "missing-default-deny dns-on-hosts.ts:9:10",
      "missing-default-deny dns-on-nohosts.ts:9:10",
      "missing-default-deny node-http-fallthrough.mjs:14:20",
      "missing-default-deny node-http.ts:8:20",
    ]);
    // MCP on every path but the probe answered first: the whole server, not the probe's path.
    expect(scan("real-sdk").model.policies.filter((p) => p.file === "node-http-fallthrough.mjs").map((p) => p.name)).toEqual(["ANY *"]);
  });


  it("clients: literal secrets are leaks at the literal, env references and OAuth providers are not; a file that only mentions MCP gives nothing", () => {
    expect(findings("real-clients")).toEqual([
      "hardcoded-secret langchain-mixed.ts:11:81",
      "hardcoded-secret literal-secret.js:5:24",
      "hardcoded-secret mcp-use.ts:14:68",
      "unpinned-package mcp-use.ts:7:14",
    ]);
    const result = scan("real-clients");
    expect(result.model.servers.filter((s) => s.file === "mentions-only.ts")).toEqual([]);
    const github = result.model.servers.find((s) => s.name === "github");
    expect(github?.credentials.map((c) => `${c.key} ${c.ref.kind}:${"name" in c.ref ? c.ref.name : ""}`)).toEqual(["Authorization env:COPILOT_MCP_TOKEN"]);
    const notion = result.model.servers.find((s) => s.name === "mcp.notion.com/mcp");
    expect(notion?.credentials.map((c) => c.source)).toEqual(["oauth"]);
    // requestInit given only when the token is set (`token ? { headers } : undefined`): the header it sends then.
    const smoke = result.model.servers.filter((s) => s.file === "smoke-call.mjs");
    expect(smoke.flatMap((s) => s.credentials.map((c) => `${s.name} ${c.key} ${c.ref.kind}:${"name" in c.ref ? c.ref.name : ""} ${at(c.loc)}`))).toEqual(["$MCP_URL Authorization env:BRIDGE_MCP_TOKEN 11:52"]);
    expect(JSON.stringify(result.findings)).not.toContain(SECRETS.__CLIENT_SECRET__);
  });

  it("mcp-use clients (new MCPClient, MCPClient.fromDict): each mcpServers entry is a server, its authToken a credential header", () => {
    const result = scan("real-clients");
    const mcpUse = result.model.servers.filter((s) => s.file === "mcp-use.ts");
    expect(mcpUse.map((s) => `${s.name} ${s.transport} ${s.command?.raw ?? s.url?.raw}`)).toEqual([
      "playwright stdio npx",
      "tickets http https://tickets.example.com/mcp",
      "docs sse https://docs.example.com/sse",
    ]);
    expect(mcpUse.flatMap((s) => s.credentials.map((c) => `${s.name} ${c.key} ${c.ref.kind} ${at(c.loc)}`))).toEqual(["tickets authToken literal 14:67", "docs Authorization env 15:94"]);
    expect(result.findings.filter((f) => f.loc.file === "mcp-use.ts").map((f) => `${f.ruleId} ${at(f.loc)}`)).toEqual(["unpinned-package 7:14", "hardcoded-secret 14:68"]);
    expect(JSON.stringify(result.findings)).not.toContain(SECRETS.__TICKETS_TOKEN__);
  });
});

describe("FastMCP start calls as written in the wild", () => {
  const file = (start: string) => `import { FastMCP } from "fastmcp";\nconst server = new FastMCP({ name: "notes", version: "1.0.0" });\n${start}\n`;
  const read = (start: string) => {
    const { model } = scanSources([{ path: "src/server.ts", text: file(start) }]);
    return [model.servers.map((s) => s.transport).join(), ...model.policies.map((p) => `${p.name} ${p.defaultDecision} ${p.defaultLoc.line}:${p.defaultLoc.column}`)];
  };

  it("start() with no options serves stdio; a transport type chosen at run time serves HTTP when the call gives httpStream options", () => {
    expect(read(`server.start();`)).toEqual(["stdio"]);
    expect(read(`server.start({ transportType: mode, httpStream: { port: 8080 } });`)).toEqual(["http", "ANY /mcp allow 3:31"]);
    expect(read(`server.start({ transportType: mode });`)).toEqual(["unknown"]);
  });
});

describe("a hono sub-app exported as the value of its route method", () => {
  it("is joined to the app that mounts it (const routes = app.all(\"/\", h); export default routes)", () => {
    const controller = folder("real-hono").find((f) => f.path === "controller-root.ts") as { path: string; text: string };
    const index = `import { Hono } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import McpController from "./controller-root";
const app = new Hono();
app.use("/mcp/*", bearerAuth({ token: process.env.MCP_TOKEN ?? "" }));
app.route("/mcp", McpController);
export default app;
`;
    const policies = (indexText: string) =>
      scanSources([controller, { path: "index.ts", text: indexText }]).model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}`);
    expect(policies(index)).toEqual(["controller-root.ts ALL /mcp deny"]);
    expect(policies(index.replace(/app\.use\([^\n]*\n/, ""))).toEqual(["controller-root.ts ALL /mcp allow"]);
  });
});
