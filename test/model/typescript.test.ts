/**
 * TypeScript/JavaScript MCP code: what the SDK adapter models from the
 * fixtures, and what a user sees (findings with exact line and column).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { buildModel } from "../../src/engine/build-model.js";
import type { FileAnalysis } from "../../src/engine/analyze-file.js";
import { dialectOf, lazyLoader, MAX_PARSE_CHARS, parseSource, shouldParse } from "../../src/parse/typescript.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../src/rules/fake-secrets.js";
import type { Loc } from "../../src/model/location.js";

const root = path.resolve(__dirname, "../../fixtures/typescript");

function fixtures(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      // The real-world samples (real-*) have their own test: typescript-real-frameworks.test.ts.
      if (e.isDirectory() && dir === root && e.name.startsWith("real-")) continue;
      if (e.isDirectory()) walk(abs);
      else if (e.name.endsWith(".txt")) continue;
      else out.push({ path: path.relative(root, abs).split(path.sep).join("/"), text: fs.readFileSync(abs, "utf8") });
    }
  };
  walk(root);
  return out;
}

const result = scanSources(fixtures());
const at = (l: { line: number; column: number }) => `${l.line}:${l.column}`;
const server = (file: string, name: string) => {
  const s = result.model.servers.find((x) => x.file === file && x.name === name);
  if (!s) throw new Error(`no server ${name} in ${file}`);
  return s;
};
const findings = (ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.loc.file}:${at(f.loc)}`);

describe("TypeScript SDK clients", () => {
  it("models stdio transports with literal, const-bound and env-sourced values", () => {
    const notes = server("agent/src/github-agent.ts", "@acme/notes-mcp");
    expect(notes).toMatchObject({ client: "sdk-typescript", scope: "code", transport: "stdio" });
    expect(notes.command?.raw).toBe("npx");
    expect(notes.args.map((a) => a.raw)).toEqual(["-y", "@acme/notes-mcp@1.4.0", "--root", "/srv/notes"]);
    // `{ ACME_API_KEY }` follows the const binding to the literal on line 5 (after a non-ASCII line 1).
    expect(notes.env.map((e) => [e.key, e.ref.kind, at(e.loc)])).toEqual([
      ["ACME_API_KEY", "literal", "5:22"],
      ["NOTES_REGION", "literal", "12:40"],
    ]);
    expect(notes.credentials.map((c) => c.key)).toEqual(["ACME_API_KEY", "NOTES_REGION"]);

    const gh = server("agent/src/github-agent.ts", "ghcr.io/github/github-mcp-server");
    expect(gh.env.map((e) => [e.key, e.ref, at(e.loc)])).toEqual([
      ["GITHUB_PERSONAL_ACCESS_TOKEN", { kind: "env", name: "GITHUB_TOKEN", default: "" }, "24:37"],
      ["GITHUB_TOOLSETS", { kind: "env", name: "GITHUB_TOOLSETS", default: "repos,issues" }, "25:24"],
    ]);
    expect(gh.inheritsWholeEnv).toBeUndefined();

    const shell = server("agent/src/github-agent.ts", "acme-shell-mcp");
    expect(shell.inheritsWholeEnv && at(shell.inheritsWholeEnv)).toBe("35:95");
  });

  it("models HTTP and SSE transports: URL, template and const-object headers", () => {
    const wiki = server("agent/src/remote-agent.mjs", "wiki.example.com/mcp");
    expect(wiki.transport).toBe("http");
    expect(wiki.url).toMatchObject({ raw: "https://wiki.example.com/mcp", ref: { kind: "literal" } });
    expect(wiki.url && at(wiki.url.loc)).toBe("5:18");
    expect(wiki.headers.map((h) => [h.key, h.ref, at(h.loc)])).toEqual([["Authorization", { kind: "env", name: "WIKI_TOKEN" }, "9:46"]]);

    const legacy = server("agent/src/remote-agent.mjs", "legacy.example.com/sse");
    expect(legacy.transport).toBe("sse");
    expect(legacy.headers.map((h) => [h.key, h.ref.kind, at(h.loc)])).toEqual([["X-Api-Key", "literal", "17:34"]]);
    expect(legacy.credentials.map((c) => c.source)).toEqual(["header"]);
  });

  it("names code that names nothing by where it is made, not by its line (a lock keys servers by name)", () => {
    const code = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
export function createHttpTransport(url: string) {
  return new StreamableHTTPClientTransport(new URL(url));
}
export const makeServer = () => new McpServer({ name: pkg.name, version: pkg.version });
export const servers = [new McpServer({ name: pkg.name, version: "1" }), new McpServer({ name: pkg.name, version: "2" })];
`;
    const names = (text: string) => scanSources([{ path: "src/mcp.ts", text }]).model.servers.map((s) => s.name);
    const expected = ["StreamableHTTPClientTransport in createHttpTransport()", "McpServer in makeServer()", "McpServer", "McpServer #2"];
    expect(names(code)).toEqual(expected);
    expect(names(`// a line added above\n${code}`)).toEqual(expected);
  });

  it("names a stdio server by the script or package a launcher runs, past uv's --directory and bun run", () => {
    const names = (...transports: string[]) =>
      scanSources([{ path: "src/agent.ts", text: `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";\n${transports.map((t, i) => `export const t${i} = new StdioClientTransport(${t});`).join("\n")}\n` }]).model.servers.map((s) => s.name);
    expect(
      names(
        `{ command: "uv", args: ["run", "--directory", "/srv/weather", "weather.py"] }`,
        `{ command: "uv", args: ["--project", "/srv/notes", "run", "notes-mcp"] }`,
        `{ command: "bun", args: ["run", "server.ts"] }`,
        `{ command: "bun", args: ["x", "@acme/notes-mcp@1.2.0"] }`,
        `{ command: "uvx", args: ["mcp-server-fetch"] }`,
      ),
    ).toEqual(["weather.py", "notes-mcp", "server.ts", "@acme/notes-mcp", "mcp-server-fetch"]);
  });

  it("a custom fetch that sets a credential header is the transport's credential ({ fetch }, eventSourceInit.fetch)", () => {
    const code = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
const authedFetch: typeof fetch = (input, init) =>
  fetch(input, { ...init, headers: { ...init?.headers, Authorization: \`Bearer \${process.env.MCP_TOKEN}\` } });
async function keyFetch(input, init) {
  const headers = new Headers(init?.headers);
  headers.set("X-Api-Key", apiKey);
  return fetch(input, { ...init, headers });
}
const proxyFetch = (input, init) => fetch(input, { ...init, dispatcher: agent });
export const a = new StreamableHTTPClientTransport(new URL("https://a.example.com/mcp"), { fetch: authedFetch });
export const b = new StreamableHTTPClientTransport(new URL("https://b.example.com/mcp"), { fetch: keyFetch });
export const c = new SSEClientTransport(new URL("https://c.example.com/sse"), { eventSourceInit: { fetch: (u, i) => fetch(u, { ...i, headers: { Authorization: "Bearer " + token } }) } });
export const d = new StreamableHTTPClientTransport(new URL("https://d.example.com/mcp"), { fetch: proxyFetch });
`;
    const r = scanSources([{ path: "src/agent.ts", text: code }]);
    const creds = (name: string) => r.model.servers.find((s) => s.name === name)?.credentials.map((c) => [c.key, c.ref.kind, at(c.loc)]);
    expect(creds("a.example.com/mcp")).toEqual([["Authorization", "env", "4:71"]]);
    expect(creds("b.example.com/mcp")).toEqual([["X-Api-Key", "secretStore", "7:28"]]);
    const line13 = code.split("\n")[12] as string;
    expect(creds("c.example.com/sse")).toEqual([["Authorization", "secretStore", `13:${line13.indexOf(`"Bearer "`) + 1}`]]);
    expect(creds("d.example.com/mcp")).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === "unauthenticated-remote").map((f) => f.loc.line)).toEqual([14]);
  });

  it("follows a URL copied from another URL (`new URL(endpoint)` with `const endpoint = new URL(...)`)", () => {
    const code = `import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
const endpoint = new URL("http://tools.example.net/sse");
const events = new SSEClientTransport(new URL(endpoint));
`;
    const r = scanSources([{ path: "src/probe.ts", text: code }]);
    expect(r.model.servers.map((s) => [s.name, s.url?.raw])).toEqual([["tools.example.net/sse", "http://tools.example.net/sse"]]);
    expect(r.findings.filter((f) => f.ruleId === "plain-http-remote").map((f) => at(f.loc))).toEqual(["2:26"]);
  });

  it("shows a URL built with + from a reference as the template it stands for, the same server as the template spelling", () => {
    const code = `import { MultiServerMCPClient } from "@langchain/mcp-adapters";
const client = new MultiServerMCPClient({
  mcpServers: {
    plus: { url: "https://maps.example.com/mcp?key=" + process.env.MAPS_KEY + "&v=2" },
    template: { url: \`https://maps.example.com/mcp?key=\${process.env.MAPS_KEY}&v=2\` },
  },
});
`;
    const r = scanSources([{ path: "src/agent.mjs", text: code }]);
    expect(r.model.servers.map((s) => [s.name, s.url?.raw, s.credentials.map((c) => `${c.source} ${c.ref.kind}`).join()])).toEqual([
      ["plus", "https://maps.example.com/mcp?key=${process.env.MAPS_KEY}&v=2", "url env"],
      ["template", "https://maps.example.com/mcp?key=${process.env.MAPS_KEY}&v=2", "url env"],
    ]);
  });

  it("reads Deno's, Bun's and Vite's environment spellings as references, as process.env", () => {
    const code = `import { StdioClientTransport } from "npm:@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
export const a = new StdioClientTransport({ command: "npx", args: ["-y", "@acme/a-mcp"], env: { ACME_TOKEN: Deno.env.get("ACME_TOKEN") ?? "" } });
export const b = new StreamableHTTPClientTransport(new URL("https://b.example.com/mcp"), { requestInit: { headers: { "X-Api-Key": Bun.env.B_KEY } } });
export const c = new StreamableHTTPClientTransport(new URL("https://c.example.com/mcp"), { requestInit: { headers: { Authorization: \`Bearer \${import.meta.env.VITE_C_TOKEN}\` } } });
export const d = new StdioClientTransport({ command: "npx", args: ["-y", "@acme/d-mcp"], env: { ...Deno.env.toObject() } });
export const e = new StdioClientTransport({ command: "npx", args: ["-y", "@acme/e-mcp"], env: Bun.env });
`;
    const r = scanSources([{ path: "src/agent.tsx", text: code }]);
    const creds = (name: string) => r.model.servers.find((s) => s.name === name)?.credentials.map((c) => [c.key, c.ref]);
    expect(creds("@acme/a-mcp")).toEqual([["ACME_TOKEN", { kind: "env", name: "ACME_TOKEN", default: "" }]]);
    expect(creds("b.example.com/mcp")).toEqual([["X-Api-Key", { kind: "env", name: "B_KEY" }]]);
    expect(creds("c.example.com/mcp")).toEqual([["Authorization", { kind: "env", name: "VITE_C_TOKEN" }]]);
    const col = (line: number, what: string) => `${line}:${(code.split("\n")[line - 1] as string).indexOf(what) + 1}`;
    expect(r.model.servers.filter((s) => s.inheritsWholeEnv).map((s) => [s.name, at(s.inheritsWholeEnv as Loc)])).toEqual([
      ["@acme/d-mcp", col(6, "...Deno")],
      ["@acme/e-mcp", col(7, "Bun.env")],
    ]);
  });

  it("reports a literal provider token in transport env at the literal, past non-ASCII text on the same line", () => {
    const token = fakeGitHubToken();
    const code = `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
const t = new StdioClientTransport({ command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], /* clé ✓ 😀 */ env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${token}" } });
`;
    const r = scanSources([{ path: "src/agent.ts", text: code }]);
    const hits = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
    const line2 = code.split("\n")[1] as string;
    expect(hits.map((f) => at(f.loc))).toEqual([`2:${line2.indexOf(token) + 1}`]);
    expect(hits[0]?.message).toContain("MCP server '@modelcontextprotocol/server-github' (sdk-typescript)");
    expect(hits[0]?.message).not.toContain(token);
  });

  it("reports a token in a header built by concatenation (\"Bearer \" + \"tok\") at the token, not at the expression", () => {
    const token = fakeGitHubToken("ghp", "ts-concat");
    const code = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
const t = new StreamableHTTPClientTransport(new URL("https://mcp.example.com/mcp"), { requestInit: { headers: { Authorization: "Bearer " + "${token}" } } });
`;
    const r = scanSources([{ path: "src/agent.ts", text: code }]);
    const line2 = code.split("\n")[1] as string;
    const hit = r.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect(hit && [at(hit.loc), hit.loc.endColumn]).toEqual([`2:${line2.indexOf(token) + 1}`, line2.indexOf(token) + 1 + token.length]);
  });
});

describe("TypeScript SDK clients: a token in a const that a template takes", () => {
  it.each([
    ["a template", "`Bearer ${KEY}`"],
    ["a + chain", `"Bearer " + KEY`],
  ])("%s: one finding, at the const's literal, no shared-secret with itself", (_, header) => {
    const token = fakeGitHubToken("ghp", "ts-const-template");
    const code = `const { SSEClientTransport } = require("@modelcontextprotocol/sdk/client/sse.js");
const KEY = "${token}";
const headers = { Authorization: ${header} };
module.exports = new SSEClientTransport(new URL(process.env.MCP_URL), { requestInit: { headers } });
`;
    const r = scanSources([{ path: "src/client.cjs", text: code }]);
    const line2 = code.split("\n")[1] as string;
    const secrets = r.findings.filter((f) => ["hardcoded-secret", "shared-secret"].includes(f.ruleId));
    expect(secrets.map((f) => [f.ruleId, at(f.loc)])).toEqual([["hardcoded-secret", `2:${line2.indexOf(token) + 1}`]]);
    expect(secrets[0]?.message).toContain("header 'Authorization' of MCP server");
  });
});

describe("TypeScript SDK servers", () => {
  it("models implementations with registered tools and a destructive flag", () => {
    const notes = server("server-express/src/server.ts", "notes-server");
    expect(notes.transport).toBe("http");
    expect(notes.registeredTools?.map((t) => [t.name, t.destructive, at(t.loc)])).toEqual([
      ["search_notes", false, "9:13"],
      ["delete_note", true, "14:3"],
      ["run_report", false, "23:3"], // readOnlyHint wins over the name
    ]);
    expect(server("server-hono/src/index.ts", "wiki").registeredTools?.map((t) => [t.name, t.destructive])).toEqual([["exec_query", true]]);
  });

  it("models each HTTP MCP endpoint as a code policy, deny when guarded", () => {
    // The folders whose guard sits in another file are tested in typescript-links.test.ts.
    const policies = result.model.policies.filter((p) => p.file.startsWith("server-")).map((p) => [p.file, p.name, p.kind, p.defaultDecision, at(p.defaultLoc)]);
    expect(policies).toEqual([
      ["server-express-auth/src/server.ts", "POST /mcp", "code", "deny", "19:10"],
      ["server-express-auth/src/server.ts", "DELETE /mcp", "code", "allow", "30:12"],
      ["server-express/src/server.ts", "POST /mcp", "code", "allow", "31:10"],
      ["server-hono/src/index.ts", "ALL /mcp", "code", "allow", "11:9"],
    ]);
    const unguarded = result.model.policies.find((p) => p.file === "server-express/src/server.ts");
    expect(unguarded?.defaultReason).toBe("HTTP MCP endpoint /mcp has no authentication middleware");
    expect(unguarded?.governs).toEqual(["server-express/src/server.ts#server:notes-server"]);
  });

  it("sees app.use(auth) before the route and a handler that checks Authorization", () => {
    const code = (guard: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
${guard}
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;
    const decision = (guard: string) => scanSources([{ path: "server.ts", text: code(guard) }]).model.policies.map((p) => p.defaultDecision);
    expect(decision("app.use(authenticateJwt);")).toEqual(["deny"]);
    expect(decision(`app.use("/admin", authenticateJwt);`)).toEqual(["allow"]);
    expect(decision("app.use(cors());")).toEqual(["allow"]);
    expect(decision("other.use(authenticateJwt);")).toEqual(["allow"]);
    // A middleware declared as a function under a neutral name, which checks the header itself.
    const declared = (body: string) => `function validateRequest(req, res, next) {\n  ${body}\n  next();\n}\napp.use(validateRequest);`;
    expect(decision(declared("if (req.headers.authorization !== `Bearer ${process.env.TOKEN}`) return res.status(401).end();"))).toEqual(["deny"]);
    expect(decision(declared("console.log(req.method, req.url);"))).toEqual(["allow"]);
    const inline = code("").replace("async (req, res) => {", `async (req, res) => {\n  if (req.headers.authorization !== \`Bearer \${process.env.TOKEN}\`) return res.status(401).end();`);
    expect(scanSources([{ path: "server.ts", text: inline }]).model.policies.map((p) => p.defaultDecision)).toEqual(["deny"]);
  });

  it("reports literal keys a server compares a credential header with, or looks it up in, at each literal (placeholders stay quiet)", () => {
    const [k1, k2] = [fakeOpaqueKey("ts-accepted-1", 32), fakeOpaqueKey("ts-accepted-2", 40)];
    const code = (setup: string, check: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
${setup}
app.post("/mcp", async (req, res) => {
  ${check}
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;
    const hits = (setup: string, check: string) => {
      const text = code(setup, check);
      const r = scanSources([{ path: "server.ts", text }]);
      const found = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
      for (const f of found) expect(f.message).not.toContain(k1.slice(4, 16));
      return found.map((f) => at(f.loc));
    };
    const col = (line: string, key: string) => line.indexOf(key) + 1;
    const bare = `if (req.headers["x-api-key"] !== "${k1}") return res.status(401).end();`;
    expect(hits("", bare)).toEqual([`6:${col(`  ${bare}`, k1)}`]);
    const header = `if ("${k1}" != req.header("X-API-Key")) return res.status(401).end();`;
    expect(hits("", header)).toEqual([`6:${col(`  ${header}`, k1)}`]);
    const list = `const VALID_API_KEYS = ["${k1}", "${k2}"];`;
    expect(hits(list, `if (!VALID_API_KEYS.includes(req.headers["x-api-key"] as string)) return res.status(401).end();`)).toEqual([`4:${col(list, k1)}`, `4:${col(list, k2)}`]);
    const set = `const keys = new Set(["${k1}"]);`;
    expect(hits(set, `if (!keys.has(req.get("x-api-key"))) return res.status(401).end();`)).toEqual([`4:${col(set, k1)}`]);
    for (const placeholder of ["your-api-key", "changeme", "test"]) expect(hits("", `if (req.headers["x-api-key"] !== "${placeholder}") return res.status(401).end();`)).toEqual([]);
    // Not a credential header, or the key from the environment.
    expect(hits("", `if (req.headers["x-request-id"] !== "${k1}") return res.status(400).end();`)).toEqual([]);
    expect(hits("", `if (req.headers["x-api-key"] !== process.env.MCP_API_KEY) return res.status(401).end();`)).toEqual([]);
  });

  it("a server that serves only SSE (SSEServerTransport on /sse and /messages) has transport sse, with streamable HTTP beside it http", () => {
    const sse = `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
const server = new McpServer({ name: "weather", version: "1.0.0" });
const app = express();
const transports: Record<string, SSEServerTransport> = {};
app.get("/sse", async (req, res) => {
  const transport = new SSEServerTransport("/messages", res);
  transports[transport.sessionId] = transport;
  await server.connect(transport);
});
app.post("/messages", async (req, res) => {
  const transport = transports[req.query.sessionId as string];
  await transport.handlePostMessage(req, res, req.body);
});
app.listen(3001);
`;
    const transport = (text: string) => scanSources([{ path: "server.ts", text }]).model.servers.map((s) => [s.name, s.transport]);
    expect(transport(sse)).toEqual([["weather", "sse"]]);
    const both = sse
      .replace(`import { SSEServerTransport }`, `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nimport { SSEServerTransport }`)
      .replace(`app.listen(3001);`, `app.post("/mcp", async (req, res) => {\n  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n  await server.connect(transport);\n  await transport.handleRequest(req, res, req.body);\n});\napp.listen(3001);`);
    expect(transport(both)).toEqual([["weather", "http"]]);
  });

  it("a session store (express-session, cookie-session) and passport's set-up (initialize, session) are not authentication; passport strategies and session checks are", () => {
    const code = (setup: string) => `import express from "express";
import session from "express-session";
import cookieSession from "cookie-session";
import passport from "passport";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
${setup}
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;
    const decision = (setup: string) => scanSources([{ path: "server.ts", text: code(setup) }]).model.policies.map((p) => p.defaultDecision);
    const store = "app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));";
    expect(decision(store)).toEqual(["allow"]);
    expect(decision("const sessionMiddleware = session({ secret: process.env.SESSION_SECRET });\napp.use(sessionMiddleware);")).toEqual(["allow"]);
    expect(decision("app.use(cookieSession({ keys: [process.env.COOKIE_KEY] }));")).toEqual(["allow"]);
    // passport.session() restores a session's user when there is one and lets anyone else through.
    expect(decision(`${store}\napp.use(passport.initialize());\napp.use(passport.session());`)).toEqual(["allow"]);
    expect(decision(`${store}\napp.use(passport.authenticate("session"));`)).toEqual(["allow"]);
    expect(decision(`${store}\nconst restore = passport.session();\napp.use(restore);`)).toEqual(["allow"]);
    expect(decision(`${store}\napp.use(passport.session());\napp.use((req, res, next) => (req.isAuthenticated() ? next() : res.status(401).end()));`)).toEqual(["deny"]);
    // Clerk's express middleware attaches the auth state; requireAuth() is what protects.
    expect(decision(`app.use(clerkMiddleware());`)).toEqual(["allow"]);
    expect(decision(`app.use(clerkMiddleware({ secretKey: process.env.CLERK_SECRET_KEY }));`)).toEqual(["allow"]);
    expect(decision(`app.use(clerkMiddleware());\napp.use(requireAuth());`)).toEqual(["deny"]);
    expect(decision(`${store}\napp.use(passport.authenticate("jwt", { session: false }));`)).toEqual(["deny"]);
    expect(decision(`${store}\napp.use((req, res, next) => {\n  if (!req.session.user) return res.status(401).end();\n  next();\n});`)).toEqual(["deny"]);
    expect(decision(`${store}\napp.use((req, res, next) => (req.isAuthenticated() ? next() : res.status(401).end()));`)).toEqual(["deny"]);
  });

  it("a middleware that is a method of the class (this.app.use(this.checkRequest.bind(this))) is read", () => {
    const code = (body: string, use: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
export class HttpMcpServer {
  private app = express();
  constructor(private readonly apiKey: string) {
    this.app.use(${use});
    this.app.post("/mcp", this.handleMcp.bind(this));
  }
  private checkRequest(req, res, next) {
    ${body}
    next();
  }
  private checkArrow = (req, res, next) => {
    ${body}
    next();
  };
  private async handleMcp(req, res) {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await transport.handleRequest(req, res, req.body);
  }
}
`;
    const decision = (body: string, use: string) => scanSources([{ path: "server.ts", text: code(body, use) }]).model.policies.map((p) => [p.name, p.defaultDecision]);
    const check = `if (req.headers["x-api-key"] !== this.apiKey) return res.status(401).end();`;
    expect(decision(check, "this.checkRequest.bind(this)")).toEqual([["POST /mcp", "deny"]]);
    expect(decision(check, "this.checkArrow")).toEqual([["POST /mcp", "deny"]]);
    expect(decision("console.log(req.method, req.path);", "this.checkRequest.bind(this)")).toEqual([["POST /mcp", "allow"]]);
  });

  it("a route handler that is a method of the class is read for its checks (this.handleMcp.bind(this), (req, res) => this.handle(req, res))", () => {
    const code = (check: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
export class HttpMcpServer {
  private app = express();
  constructor() {
    this.app.post("/mcp", this.handleMcp.bind(this));
    this.app.get("/mcp", (req, res) => this.handleGet(req, res));
  }
  private async handleMcp(req, res) {
    ${check}
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await transport.handleRequest(req, res, req.body);
  }
  private async handleGet(req, res) {
    ${check}
    await this.transport.handleRequest(req, res);
  }
}
`;
    const decision = (check: string) => scanSources([{ path: "server.ts", text: code(check) }]).model.policies.map((p) => [p.name, p.defaultDecision, p.defaultReason]);
    expect(decision("if (req.headers.authorization !== `Bearer ${this.token}`) return res.status(401).end();")).toEqual([
      ["POST /mcp", "deny", "HTTP MCP endpoint /mcp requires authentication (the handler checks a credential header)"],
      ["GET /mcp", "deny", "HTTP MCP endpoint /mcp requires authentication (the handler checks a credential header)"],
    ]);
    expect(decision("if (!(await this.isAuthorized(req))) return res.status(401).end();")).toEqual([
      ["POST /mcp", "deny", "HTTP MCP endpoint /mcp requires authentication (the handler calls this.isAuthorized() first)"],
      ["GET /mcp", "deny", "HTTP MCP endpoint /mcp requires authentication (the handler calls this.isAuthorized() first)"],
    ]);
    expect(decision("console.log(req.path);").map((p) => p.slice(0, 2))).toEqual([["POST /mcp", "allow"], ["GET /mcp", "allow"]]);
  });

  it("a handler that checks an API-key header itself is guarded (x-api-key, header(), get())", () => {
    const code = (check: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
app.post("/mcp", async (req, res) => {
  ${check}
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;
    const decision = (check: string) => scanSources([{ path: "server.ts", text: code(check) }]).model.policies.map((p) => p.defaultDecision);
    expect(decision(`if (req.headers["x-api-key"] !== process.env.MCP_API_KEY) return res.status(401).end();`)).toEqual(["deny"]);
    expect(decision(`if (req.header("X-API-Key") !== process.env.MCP_API_KEY) return res.status(401).end();`)).toEqual(["deny"]);
    expect(decision(`if (req.get("x-auth-token") !== process.env.TOKEN) return res.status(401).end();`)).toEqual(["deny"]);
    expect(decision(`console.log(req.headers["user-agent"]);`)).toEqual(["allow"]);
    // Destructured from the headers.
    expect(decision(`const { authorization } = req.headers;\n  if (authorization !== \`Bearer \${process.env.TOKEN}\`) return res.status(401).end();`)).toEqual(["deny"]);
    expect(decision(`const { "x-api-key": apiKey } = req.headers;\n  if (apiKey !== process.env.MCP_API_KEY) return res.status(401).end();`)).toEqual(["deny"]);
    expect(decision(`const { "user-agent": agent } = req.headers;\n  console.log(agent);`)).toEqual(["allow"]);
  });

  it("a route on an array of paths gives an endpoint per path (app.all([\"/mcp\", \"/\"], auth, handler))", () => {
    const code = (mw: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createMcpServer } from "./tools.js";
const app = express();
app.all(["/mcp", "/"], ${mw}async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await createMcpServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`;
    const policies = (mw: string) => scanSources([{ path: "server.ts", text: code(mw) }]).model.policies.map((p) => [p.name, p.defaultDecision, at(p.defaultLoc)]);
    expect(policies("")).toEqual([["ALL /mcp", "allow", "5:10"], ["ALL /", "allow", "5:18"]]);
    expect(policies("protectedRoute, ")).toEqual([["ALL /mcp", "deny", "5:10"], ["ALL /", "deny", "5:18"]]);
    expect(scanSources([{ path: "server.ts", text: code("") }]).model.servers.map((s) => s.name)).toEqual(["server"]);
  });

  it("hono's app.on(methods, path, ..., handler) is a route", () => {
    const code = (route: string) => `import { Hono } from "hono";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
const app = new Hono();
${route} async (c) => {
  const transport = new WebStandardStreamableHTTPServerTransport({ enableJsonResponse: true });
  return transport.handleRequest(c.req.raw);
});
`;
    const policies = (route: string) => scanSources([{ path: "index.ts", text: code(route) }]).model.policies.map((p) => [p.name, p.defaultDecision, at(p.defaultLoc)]);
    expect(policies(`app.on(["GET", "POST", "DELETE"], "/mcp",`)).toEqual([["GET/POST/DELETE /mcp", "allow", "4:35"]]);
    expect(policies(`app.on("POST", "/mcp", bearerAuth({ token }),`)).toEqual([["POST /mcp", "deny", "4:16"]]);
    expect(policies(`app.on("message", "/mcp",`)).toEqual([]);
  });

  it("a handler that calls an auth function before it reaches the transport is guarded", () => {
    const code = (check: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { authenticateRequest } from "./auth.js";
const app = express();
const handleMcpRequest = async (req, res) => {
  ${check}
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
};
app.post("/mcp", rateLimit, handleMcpRequest);
`;
    const decision = (check: string) => scanSources([{ path: "server.ts", text: code(check) }]).model.policies.map((p) => [p.defaultDecision, p.defaultReason]);
    expect(decision("const auth = await authenticateRequest(req, res, config);\n  if (!auth) return;")).toEqual([
      ["deny", "HTTP MCP endpoint /mcp requires authentication (the handler calls authenticateRequest() first)"],
    ]);
    expect(decision("console.log(req.path);")).toEqual([["allow", "HTTP MCP endpoint /mcp has no authentication middleware"]]);
    // The call whose own name reads as auth is the evidence, not one whose receiver's name merely contains "auth".
    expect(decision("const open = UNAUTHENTICATED_METHODS.has(req.body?.method);\n  const user = await authenticateRequest(req, res, config);")).toEqual([
      ["deny", "HTTP MCP endpoint /mcp requires authentication (the handler calls authenticateRequest() first)"],
    ]);
  });

  it("an open route beside one of the SDK's OAuth routers names the router the file mounts", () => {
    const code = (router: string) => `import express from "express";
import { ${router} } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
app.use(${router}({ oauthMetadata, resourceServerUrl }));
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;
    const reason = (router: string) => scanSources([{ path: "server.ts", text: code(router) }]).model.policies.map((p) => p.defaultReason);
    expect(reason("mcpAuthMetadataRouter")).toEqual([
      "HTTP MCP endpoint /mcp has no authentication middleware (mcpAuthMetadataRouter serves the OAuth metadata but does not guard this route; add requireBearerAuth)",
    ]);
    expect(reason("mcpAuthRouter")).toEqual(["HTTP MCP endpoint /mcp has no authentication middleware (mcpAuthRouter serves the OAuth endpoints but does not guard this route; add requireBearerAuth)"]);
  });

  it("a Next.js route that authenticates first inside a try block (the catch answers the rejection) is guarded", () => {
    const route = (check: string) => `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { authenticateAgent } from "@/lib/agents";
export async function POST(request: Request) {
  try {
    ${check}
    const server = new McpServer({ name: "board", version: "1.0.0" });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    return await transport.handleRequest(request);
  } catch (error) {
    return Response.json({ error: "unauthorized" }, { status: 401 });
  }
}
`;
    const decision = (check: string) => scanSources([{ path: "app/api/agent/mcp/route.ts", text: route(check) }]).model.policies.map((p) => [p.name, p.defaultDecision, p.defaultReason]);
    expect(decision("const connection = await authenticateAgent(request);")).toEqual([
      ["POST /api/agent/mcp", "deny", "HTTP MCP endpoint /api/agent/mcp requires authentication (the handler calls authenticateAgent() first)"],
    ]);
    expect(decision("console.log(request.url);")).toEqual([["POST /api/agent/mcp", "allow", "HTTP MCP endpoint /api/agent/mcp has no authentication middleware"]]);
  });

  it("a route middleware bound to a neutral name (const mw = requireBearerAuth(...)) or spread from an array guards the route", () => {
    const code = (pre: string, mw: string) => `import express from "express";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
${pre}
app.post("/mcp", ${mw}, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;
    const decision = (pre: string, mw: string) => scanSources([{ path: "server.ts", text: code(pre, mw) }]).model.policies.map((p) => p.defaultDecision);
    expect(decision("const mw = requireBearerAuth({ verifier });", "mw")).toEqual(["deny"]);
    expect(decision("const chain = [express.json(), requireBearerAuth({ verifier })];", "...chain")).toEqual(["deny"]);
    expect(decision("const mw = express.json();", "mw")).toEqual(["allow"]);
  });

  it("an inline app.use middleware that checks an API-key header guards the routes after it", () => {
    const text = `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
const app = express();
app.use((req, res, next) => {
  if (req.headers["x-api-key"] !== expected) return res.sendStatus(401);
  next();
});
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
`;
    expect(scanSources([{ path: "server.ts", text }]).model.policies.map((p) => p.defaultDecision)).toEqual(["deny"]);
  });

  it("a router's routes are guarded by the auth layer the router is mounted behind", () => {
    const code = (mount: string) => `import express from "express";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { authenticate } from "./auth.js";
const router = express.Router();
router.post("/", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await transport.handleRequest(req, res, req.body);
});
const app = express();
${mount}
`;
    const decision = (mount: string) => scanSources([{ path: "server.ts", text: code(mount) }]).model.policies.map((p) => p.defaultDecision);
    expect(decision(`app.use("/mcp", authenticate, router);`)).toEqual(["deny"]);
    expect(decision(`app.use(authenticate);\napp.use("/mcp", router);`)).toEqual(["deny"]);
    expect(decision(`app.use("/mcp", router);`)).toEqual(["allow"]);
    expect(decision(`app.use("/mcp", router);\napp.use("/admin", authenticate, adminRouter);`)).toEqual(["allow"]);
    expect(decision(`app.use("/admin", authenticate);\napp.use("/mcp", router);`)).toEqual(["allow"]);
  });

  it("reports the findings a user sees, at exact positions", () => {
    expect(findings("missing-default-deny")).toEqual([
      "express-router-open/src/routes/mcp.ts:7:13",
      "express-setup-function/src/mcp/http.js:5:11",
      "next-clerk-public/app/api/mcp/route.ts:4:23",
      "next-middleware-excluded/app/mcp/route.ts:4:17",
      "server-express-auth/src/server.ts:30:12",
      "server-express/src/server.ts:31:10",
      "server-hono/src/index.ts:11:9",
    ]);
    expect(findings("dns-rebinding-protection-off")).toEqual(["server-express/src/server.ts:32:25"]);
    // The client wrappers' fixtures (typescript-clients.test.ts) hand the whole environment over too.
    expect(findings("broad-resource-access")).toEqual([
      "agent/src/github-agent.ts:35:95",
      "ai-sdk-agent/src/tools.ts:22:14",
      "langchain-agent/src/agent.ts:25:12",
      "mastra-agent/src/mastra/mcp.ts:8:35",
      "mastra-agent/src/mastra/mcp.ts:18:14",
      "openai-agents/src/agent.ts:9:8",
    ]);
    // The guarded billing server sets allowedHosts: no DNS rebinding finding there.
    expect(server("server-express-auth/src/server.ts", "billing").facts).toEqual([]);
  });

  it("flags explicit enableDnsRebindingProtection: false and true without allowedHosts", () => {
    const facts = (opts: string) =>
      scanSources([{ path: "s.ts", text: `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nconst t = new StreamableHTTPServerTransport({ ${opts} });\n` }]).model.servers.flatMap((s) => s.facts.map((f) => at(f.loc)));
    expect(facts("enableDnsRebindingProtection: false")).toEqual(["2:77"]);
    expect(facts("enableDnsRebindingProtection: true")).toEqual(["2:77"]);
    expect(facts(`enableDnsRebindingProtection: true, allowedHosts: ["localhost"]`)).toEqual([]);
    expect(facts("sessionIdGenerator: undefined")).toEqual([]); // not on localhost: not claimed
  });
});

describe("prefilter, parse limits and the optional parser", () => {
  it("never parses a file that does not mention MCP", () => {
    const util = fixtures().find((f) => f.path === "no-mcp/src/util.ts");
    expect(util && shouldParse(util.text)).toBe(false);
    expect(result.model.files.find((f) => f.path === "no-mcp/src/util.ts")?.format).toBe("text");
    expect(parseSource("util.ts", util?.text ?? "", () => { throw new Error("loader must not run"); })).toEqual({ kind: "skipped", reason: "no-mcp" });
    expect(shouldParse(`import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";`)).toBe(true);
    expect(shouldParse(`app.post("/mcp", handler)`)).toBe(true);
    // Vercel's mcp-handler (and its old name), Cloudflare Agents: wrappers of the SDK's McpServer.
    expect(shouldParse(`import { createMcpHandler } from "mcp-handler";`)).toBe(true);
    expect(shouldParse(`const { createMcpHandler } = require("@vercel/mcp-adapter");`)).toBe(true);
    expect(shouldParse(`import { McpAgent } from "agents/mcp";`)).toBe(true);
  });

  it("loads tree-sitter only when the first MCP file needs it (never on start-up)", () => {
    const script = `
      const { createRequire } = await import("node:module");
      const loadedCount = () => Object.keys(createRequire(process.cwd() + "/").cache).filter((k) => k.includes("tree-sitter")).length;
      const { scanSources } = await import("./src/api.ts");
      const counts = [loadedCount()];
      scanSources([{ path: "a.ts", text: "export const x = 1;" }]);
      // A node library's middleware.js or proxy.js is no Next.js middleware: not parsed either.
      scanSources([{ path: "lib/middleware.js", text: "module.exports = function (req, res, next) { next(); };" }, { path: "lib/proxy.js", text: "export default class Proxy { constructor(target) { this.target = target; } }" }]);
      counts.push(loadedCount());
      scanSources([{ path: "b.ts", text: 'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";' }]);
      counts.push(loadedCount() > 0 ? 1 : 0);
      console.log(JSON.stringify(counts));`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: path.resolve(__dirname, "../.."), encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([0, 0, 1]);
  });

  it("picks the grammar by extension", () => {
    expect(["a.ts", "a.mts", "a.cts", "a.d.ts", "a.tsx", "a.js", "a.mjs", "a.cjs", "a.jsx", "a.json"].map(dialectOf)).toEqual([
      "typescript", "typescript", "typescript", "typescript", "tsx", "tsx", "tsx", "tsx", "tsx", undefined,
    ]);
  });

  it("skips files above the size cap but still scans their text", () => {
    const big = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n` + "//".padEnd(MAX_PARSE_CHARS, "x") + `\nconst k = "${fakeGitHubToken()}";\n`;
    expect(parseSource("big.ts", big).kind).toBe("skipped");
    const r = scanSources([{ path: "big.ts", text: big }]);
    expect(r.model.files[0]?.format).toBe("text");
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.line)).toEqual([3]);
    // The MCP code left unread is a gap the report names (a bundle with an open endpoint in it would otherwise pass as clean).
    expect(r.diagnostics.map((d) => [d.level, d.code, d.file, d.message])).toEqual([
      ["note", "too-large", "big.ts", `big.ts: ${big.length} characters of TypeScript/JavaScript that mentions MCP is over the parse limit of ${MAX_PARSE_CHARS} characters; its MCP code is not analysed (its text was scanned for secrets)`],
    ]);
    // A large source that does not mention MCP is no gap: no note.
    expect(scanSources([{ path: "big.js", text: "//".padEnd(MAX_PARSE_CHARS + 10, "x") }]).diagnostics).toEqual([]);
  });

  it("parses sources above 32 KiB (the binding's plain-string limit)", () => {
    const text = "const pad = 1;\n".repeat(4000) + `const t = new StdioClientTransport({ command: "npx", args: ["-y", "@acme/notes-mcp"] });\n`;
    const r = scanSources([{ path: "long.ts", text }]);
    expect(r.model.servers.map((s) => [s.name, at(s.loc)])).toEqual([["@acme/notes-mcp", "4001:15"]]);
  });

  it("reports a missing binding once per scan and goes on", () => {
    let loads = 0;
    const failing = lazyLoader(() => {
      loads++;
      return { ok: false, reason: "Cannot find module 'tree-sitter'" };
    });
    const text = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n`;
    const outcomes = ["a.ts", "b.js"].map((p) => parseSource(p, text, failing));
    expect(loads).toBe(1);
    const diags = outcomes.map((o) => (o.kind === "unavailable" ? o.diagnostic : undefined));
    expect(diags[0]).toMatchObject({ code: "parser-unavailable", level: "warning" });
    expect(diags[0]).toEqual(diags[1]);
    const analysis = (p: string): FileAnalysis => ({ file: { path: p, format: "text", bytes: 1 }, servers: [], policies: [], secrets: [], diagnostics: diags[0] ? [diags[0]] : [], parseProblems: [], comments: [] });
    expect(buildModel(".", [analysis("a.ts"), analysis("b.js")], []).diagnostics.filter((d) => d.code === "parser-unavailable")).toHaveLength(1);
  });
});

describe("renamed SDK imports", () => {
  it("a transport class imported or required under another name is still a client (minified code too)", () => {
    const r = scanSources([
      { path: "a.ts", text: `import { StdioClientTransport as Stdio } from "@modelcontextprotocol/sdk/client/stdio.js";\nexport const t = new Stdio({ command: "npx", args: ["-y", "mcp-alias@1.0.0"] });\n` },
      { path: "b.cjs", text: `const { StreamableHTTPClientTransport: Http } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");\nconst h = new Http(new URL("https://mcp.acme.example/mcp"));\n` },
      { path: "c.min.js", text: `import{SSEClientTransport as t}from"@modelcontextprotocol/sdk/client/sse.js";const x=new t(new URL("https://min.acme.example/sse"));\n` },
      // Another class under the same local name is not a transport.
      { path: "d.ts", text: `import { Client } from "@modelcontextprotocol/sdk/client/index.js";\nimport { Logger as Stdio } from "./log.js";\nconst l = new Stdio({ command: "npx" });\n` },
    ]);
    expect(r.model.servers.map((s) => `${s.file} ${s.transport} ${at(s.loc)}`)).toEqual(["a.ts stdio 2:22", "b.cjs http 2:15", "c.min.js sse 1:90"]);
  });
});

describe("the v2 SDK's split packages (@modelcontextprotocol/server, /client)", () => {
  it("finds a low-level Server imported from @modelcontextprotocol/server with its tools", () => {
    const text = `import { Server } from "@modelcontextprotocol/server";
import { ListToolsRequestSchema } from "@modelcontextprotocol/core";
const server = new Server({ name: "v2-lowlevel", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [{ name: "drop_table", inputSchema: { type: "object" } }] }));
`;
    expect(shouldParse(text)).toBe(true);
    const s = scanSources([{ path: "src/server.ts", text }]).model.servers;
    expect(s.map((x) => [x.name, at(x.loc), x.registeredTools?.map((t) => [t.name, t.destructive])])).toEqual([["v2-lowlevel", "3:35", [["drop_table", true]]]]);
  });

  it("a server package of the scope (server-github) is not the SDK", () => {
    const text = `import { Server } from "socket.io";
const s = new Server(3000);
const pkg = "@modelcontextprotocol/server-github";
`;
    expect(shouldParse(text)).toBe(false);
    expect(scanSources([{ path: "a.ts", text }]).model.servers).toEqual([]);
  });
});

describe("client OAuth", () => {
  it("a transport with an authProvider has a credential (OAuth, kept by the SDK) and is not an unauthenticated remote", () => {
    const text = (opts: string) => `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";\ndeclare const provider: any;\nexport const t = new StreamableHTTPClientTransport(new URL("https://mcp.notion.com/mcp")${opts});\n`;
    const withOauth = scanSources([{ path: "a.ts", text: text(", { authProvider: provider }") }]);
    expect(withOauth.model.servers[0]?.credentials.map((c) => `${c.source} ${c.key} ${at(c.loc)}`)).toEqual(["oauth authProvider 3:107"]);
    expect(withOauth.findings.filter((f) => f.ruleId === "unauthenticated-remote")).toEqual([]);
    const without = scanSources([{ path: "a.ts", text: text("") }]);
    expect(without.findings.map((f) => f.ruleId)).toContain("unauthenticated-remote");
  });
});

describe("syntax errors in MCP code", () => {
  it("are a warning diagnostic at the first error (the analysis around it may be wrong); valid code gives none", () => {
    const broken = scanSources([{ path: "a.ts", text: `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";\nexport const t = new StdioClientTransport({ command: "npx", ; args: ["-y", "x@1.0.0"] });\n` }]);
    expect(broken.diagnostics.map((d) => `${d.level} ${d.code} ${d.loc ? at(d.loc) : ""}`)).toEqual(["warning parse-error 2:61"]);
    expect(result.diagnostics.filter((d) => d.code === "parse-error")).toEqual([]);
  });
});

describe("which routes are MCP endpoints", () => {
  it("a handler written out that never reaches a transport is not one, even under /mcp; an imported handler is", () => {
    const text = `import { Hono } from "hono";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { handleMcp } from "./mcp-handler.js";
const mcp = new McpServer({ name: "hono-server", version: "1.0.0" });
const app = new Hono();
app.all("/mcp/health", async (c) => c.text("ok"));
app.post("/mcp", handleMcp);
`;
    const r = scanSources([{ path: "h.ts", text }]);
    expect(r.model.policies.map((p) => p.name)).toEqual(["POST /mcp"]);
  });
});

describe("an MCP endpoint written without the SDK (a JSON-RPC dispatcher of tools/list, tools/call)", () => {
  const code = (path: string, check: string) => `import { Hono } from "hono";
const app = new Hono();
app.post("${path}", async (c) => {
  ${check}
  const { method, id, params } = await c.req.json();
  if (method === "tools/list") return c.json({ jsonrpc: "2.0", id, result: { tools } });
  if (method === "tools/call") return c.json({ jsonrpc: "2.0", id, result: await callTool(params) });
  return c.json({ jsonrpc: "2.0", id, error: { code: -32601, message: "Method not found" } });
});
export default app;
`;
  const policies = (path: string, check = "") => scanSources([{ path: "src/index.ts", text: code(path, check) }]).model.policies.map((p) => [p.name, p.defaultDecision, at(p.defaultLoc)]);

  it("is an endpoint, open or guarded", () => {
    expect(policies("/mcp")).toEqual([["POST /mcp", "allow", "3:10"]]);
    expect(policies("/mcp", `if (!isValidBearer(c, store)) return c.json({ error: "invalid_token" }, 401);`)).toEqual([["POST /mcp", "deny", "3:10"]]);
  });

  it("only on an MCP path: a route elsewhere that sends tools/call to a server is a client", () => {
    expect(policies("/api/chat")).toEqual([]);
  });
});

describe("handlers that hand the request to another function", () => {
  const code = (route: string) => `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { handleMcpRequest } from "./handler.js";
const app = express();
const server = new McpServer({ name: "notes", version: "1.0.0" });
async function handle(req, res) {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
}
function health(req, res) { res.json({ ok: true, at: req.path }); }
${route}
`;
  const policies = (route: string) => scanSources([{ path: "s.ts", text: code(route) }]).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);

  it("are MCP endpoints: a helper of this file that reaches a transport, or one imported under /mcp", () => {
    expect(policies(`app.post("/mcp", (req, res) => handle(req, res));`)).toEqual(["POST /mcp allow 13:10"]);
    expect(policies(`app.all("/mcp", async (req, res) => {\n  try { await handle(req, res); } catch { res.status(500).end(); }\n});`)).toEqual(["ALL /mcp allow 13:9"]);
    // Handed to a function of another file (not scanned here): that function may check the caller first.
    expect(policies(`app.post("/mcp", (req, res) => handleMcpRequest(req, res, server));`)).toEqual(["POST /mcp unknown 13:10"]);
    expect(policies(`app.post("/mcp", mcp.handle.bind(mcp));`)).toEqual(["POST /mcp allow 13:10"]);
  });

  it("are not when the helper serves no MCP, or nothing is handed over", () => {
    expect(policies(`app.get("/mcp/health", (req, res) => health(req, res));`)).toEqual([]);
    expect(policies(`app.get("/mcp/health", (req, res) => res.json({ ok: true }));`)).toEqual([]);
    expect(policies(`app.get("/mcp/health", (req, res) => { console.log(req); logger.info(req); res.send("ok"); });`)).toEqual([]);
    expect(policies(`app.get("/status", (req, res) => handleMcpRequest(req, res, server));`)).toEqual([]);
  });

  it("in a routes file that names no MCP class, are MCP endpoints when the function handed the request is imported under an MCP name", () => {
    const routes = (handler: string, auth = "") => `import express from "express";
import { handleMcpRequest } from "../mcp-server";
import { renderPage } from "../pages";
const app = express();
app.post("/mcp", ${auth}${handler});
app.listen(3000);
`;
    const found = (text: string) => scanSources([{ path: "src/routes/mcp.ts", text }]).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);
    expect(found(routes(`async (req, res) => { await handleMcpRequest(req, res); }`))).toEqual(["POST /mcp unknown 5:10"]);
    expect(found(routes(`handleMcpRequest`))).toEqual(["POST /mcp unknown 5:10"]);
    expect(found(routes(`async (req, res) => { await handleMcpRequest(req, res); }`, "requireAuth, "))).toEqual(["POST /mcp deny 5:10"]);
    // A page about MCP handed to another module's renderer is not one.
    expect(found(routes(`(req, res) => renderPage(req, res)`))).toEqual([]);
  });
});

describe("a route handing its request to a function another file exports (router.post(\"/mcp\", mcpHandler))", () => {
  const route = (handler: string) => ({ path: "src/routes/mcp.ts", text: `import express from "express";\nimport { handleMcpRequest } from "../mcp-server";\nconst app = express();\napp.post("/mcp", ${handler});\napp.listen(3000);\n` });
  const server = (check: string) => ({
    path: "src/mcp-server.ts",
    text: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nexport async function handleMcpRequest(req, res) {\n${check}  const server = new McpServer({ name: "notes", version: "1.0.0" });\n  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n  await server.connect(transport);\n  await transport.handleRequest(req, res, req.body);\n}\n`,
  });
  const decisions = (files: { path: string; text: string }[]) => {
    const r = scanSources(files);
    return [...r.model.policies.map((p) => `${p.file} ${p.name} ${p.defaultDecision}: ${p.defaultReason}`), ...r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${at(f.loc)}`)];
  };

  it("is open when that function checks no caller first, guarded when it does, unknown when that file is not scanned", () => {
    expect(decisions([route("handleMcpRequest"), server("")])).toEqual([
      "src/routes/mcp.ts POST /mcp allow: HTTP MCP endpoint /mcp has no authentication middleware (its handler handleMcpRequest in src/mcp-server.ts:3 checks no caller first)",
      "missing-default-deny src/routes/mcp.ts:4:10",
    ]);
    expect(decisions([route("(req, res) => handleMcpRequest(req, res)"), server(`  if (req.headers.authorization !== \`Bearer \${process.env.TOKEN}\`) return res.status(401).end();\n`)])).toEqual([
      "src/routes/mcp.ts POST /mcp deny: HTTP MCP endpoint /mcp requires authentication (the handler checks a credential header, in src/mcp-server.ts:3)",
    ]);
    expect(decisions([route("handleMcpRequest")])).toEqual([
      "src/routes/mcp.ts POST /mcp unknown: HTTP MCP endpoint /mcp has no authentication layer in this file; the handler handleMcpRequest of src/mcp-server serves MCP, and what it checks first decides the authentication in front of it",
    ]);
    // Auth in front of it in the route's file decides, whatever the function does.
    expect(decisions([route("requireAuth, handleMcpRequest"), server("")])[0]).toBe("src/routes/mcp.ts POST /mcp deny: HTTP MCP endpoint /mcp requires authentication (middleware requireAuth)");
  });
});

describe("the SDK's web-standard HTTP server transport", () => {
  it.each([
    ["WebStandardStreamableHTTPServerTransport", "@modelcontextprotocol/sdk/server/mcp.js", "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js"],
    ["NodeStreamableHTTPServerTransport", "@modelcontextprotocol/server", "@modelcontextprotocol/node"],
  ])("%s (the v1 SDK's web-standard one, the v2 SDK's Node one) serves over HTTP, with the same DNS-rebinding check", (cls, serverModule, transportModule) => {
    const text = `import { McpServer } from "${serverModule}";
import { ${cls} } from "${transportModule}";
const server = new McpServer({ name: "worker", version: "1.0.0" });
const transport = new ${cls}({ sessionIdGenerator: undefined, enableDnsRebindingProtection: false });
await server.connect(transport);
`;
    const s = scanSources([{ path: "worker.ts", text }]).model.servers[0];
    expect(s?.transport).toBe("http");
    // At the `false`.
    expect(s?.facts.map((f) => `${f.kind} ${at(f.loc)}`)).toEqual([`dns-rebinding-off 4:${cls.startsWith("Web") ? 127 : 120}`]);
  });
});

describe("fetch-handler servers (Cloudflare Workers, Bun.serve, Deno.serve)", () => {
  const worker = (check: string) => `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/mcp") {
      ${check}
      const server = new McpServer({ name: "worker", version: "1.0.0" });
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      await server.connect(transport);
      return transport.handleRequest(request);
    }
    return new Response("not found", { status: 404 });
  },
};
`;
  const policies = (path: string, text: string) => scanSources([{ path, text }]).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);

  it("a fetch handler that reaches a transport is an HTTP MCP endpoint, guarded when it checks a credential header", () => {
    expect(policies("worker.ts", worker(""))).toEqual(["ANY /mcp allow 4:9"]);
    expect(policies("worker.ts", worker(`if (request.headers.get("Authorization") !== \`Bearer \${env.TOKEN}\`) return new Response("unauthorized", { status: 401 });`))).toEqual(["ANY /mcp deny 4:9"]);
    const bun = `import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
Bun.serve({ port: 3000, fetch: (req) => transport.handleRequest(req) });
Deno.serve((req) => transport.handleRequest(req));
`;
    expect(policies("bun.ts", bun)).toEqual(["ANY * allow 3:25", "ANY * allow 4:1"]);
  });

  it("a fetch handler that serves no MCP (hono's serve({ fetch: app.fetch })) is not one", () => {
    expect(policies("w.ts", `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nexport default { fetch(request) { return new Response("ok"); } };\nserve({ fetch: app.fetch, port: 3000 });\n`)).toEqual([]);
  });
});

describe("tools registered through the SDK's low-level Server", () => {
  it("are read from the ListToolsRequestSchema handler's tools list, destructive by annotation or name", () => {
    const text = `import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
const server = new Server({ name: "users", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "delete_user", description: "Deletes a user", inputSchema: { type: "object" } },
    { name: "get_user", description: "Reads a user", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } },
  ],
}));
`;
    const r = scanSources([{ path: "s.ts", text }]);
    expect(r.model.servers.map((s) => s.registeredTools?.map((t) => `${t.name} ${t.destructive} ${at(t.loc)}`))).toEqual([["delete_user true 6:13", "get_user false 7:13"]]);
  });
});

describe("code that is not an MCP server, in a file that uses the SDK", () => {
  const client = `import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
const client = new Client({ name: "bridge", version: "1.0.0" });
await client.connect(new StdioClientTransport({ command: "node", args: ["dist/server.js"] }));
`;
  const names = (text: string) => scanSources([{ path: "bridge.ts", text }]).model.servers.map((s) => s.name);

  it("a Server class imported or required from another module (socket.io, node:http) is not an MCP server", () => {
    expect(names(`import { Server } from "socket.io";\n${client}const io = new Server(4000);\n`)).toEqual(["dist/server.js"]);
    expect(names(`const { Server } = require("socket.io");\n${client}const io = new Server(4000);\n`)).toEqual(["dist/server.js"]);
    expect(names(`import * as http from "node:http";\n${client}const web = new http.Server();\n`)).toEqual(["dist/server.js"]);
    expect(names(`import { Server as MCPServer } from "@modelcontextprotocol/sdk/server/index.js";\n${client}const s = new MCPServer({ name: "low-level", version: "1" });\n`)).toEqual(["dist/server.js", "low-level"]);
  });

  it("a tool() call in a client-only file registers no tool (it is another library's)", () => {
    expect(names(`${client}const registry = makeRegistry();\nregistry.tool("remove_everything");\n`)).toEqual(["dist/server.js"]);
  });
});

describe("client URLs built from a path and a base (new URL(\"/sse\", base))", () => {
  it("resolves a relative path against a literal base, and claims no URL when the base is not known", () => {
    const urls = (base: string) =>
      scanSources([{ path: "bridge.ts", text: `import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
const BASE_URL = ${base};
const t = new SSEClientTransport(new URL("/sse", BASE_URL));
` }]).model.servers.map((s) => [s.name, s.url?.raw]);
    expect(urls(`"https://api.example.com/v1/"`)).toEqual([["api.example.com/sse", "https://api.example.com/sse"]]);
    expect(urls(`process.argv[2] || process.env.API_URL || "https://api.example.com"`)).toEqual([["t", undefined]]);
  });
});

describe("client headers computed at run time", () => {
  const code = (options: string) => `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
export function connect(token: string, headers: Record<string, string>) {
  return new StreamableHTTPClientTransport(new URL("https://mcp.acme.example/mcp"), ${options});
}
`;
  const scan = (options: string) => scanSources([{ path: "client.ts", text: code(options) }]);

  it("an Authorization header from a parameter or a call is a credential (set by the code), not 'no credential'", () => {
    for (const options of ["{ requestInit: { headers: { Authorization: `Bearer ${token}` } } }", "{ requestInit: { headers: { \"X-API-Key\": getKey() } } }", "{ requestInit: { headers } }"]) {
      const r = scan(options);
      expect(r.findings.filter((f) => f.ruleId === "unauthenticated-remote")).toEqual([]);
      expect(r.model.servers[0]?.credentials.map((c) => [c.source, c.ref.kind, c.raw])).toHaveLength(1);
    }
  });

  it("a header that carries no credential does not count; no options at all is still reported", () => {
    expect(scan("{ requestInit: { headers: { \"X-Client-Version\": version() } } }").findings.map((f) => f.ruleId)).toEqual(["unauthenticated-remote"]);
    expect(scan("undefined").findings.map((f) => f.ruleId)).toEqual(["unauthenticated-remote"]);
  });
});

describe("servers built with Vercel's mcp-handler", () => {
  const route = (auth: string, exported = "authHandler") => `import { createMcpHandler, withMcpAuth } from "mcp-handler";
import { z } from "zod";

const handler = createMcpHandler(
  (server) => {
    server.tool("roll_dice", "Rolls a die", { sides: z.number() }, async ({ sides }) => ({ content: [{ type: "text", text: String(sides) }] }));
    server.registerTool("delete_file", { description: "Deletes a file", inputSchema: { path: z.string() } }, async () => ({ content: [] }));
  },
  { serverInfo: { name: "dice", version: "1.0.0" } },
  { basePath: "/api", maxDuration: 60 },
);
${auth}
export { ${exported} as GET, ${exported} as POST, ${exported} as DELETE };
`;
  const scan = (text: string, file = "app/api/[transport]/route.ts") => scanSources([{ path: file, text }]);
  const policies = (text: string, file?: string) => scan(text, file).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);

  it("is an HTTP MCP server with its tools, served on basePath + /mcp (a file with none of the SDK's own names is parsed)", () => {
    const text = route("", "handler");
    expect(shouldParse(text)).toBe(true);
    const r = scan(text);
    expect(r.model.servers.map((s) => [s.name, s.transport, at(s.loc), s.registeredTools?.map((t) => `${t.name} ${t.destructive} ${at(t.loc)}`)])).toEqual([
      ["dice", "http", "9:25", ["roll_dice false 6:17", "delete_file true 7:25"]],
    ]);
    expect(policies(text)).toEqual(["ANY /api/mcp allow 10:15"]);
    expect(r.findings.filter((f) => f.ruleId === "missing-default-deny").map((f) => `${at(f.loc)} ${f.message}`)).toEqual([
      "10:15 Endpoint 'ANY /api/mcp' (sdk-typescript) fails open: HTTP MCP endpoint /api/mcp has no authentication middleware (createMcpHandler is not wrapped in withMcpAuth(..., { required: true })). Effective default: allow.",
    ]);
  });

  it("withMcpAuth guards it with required: true; required: false or left out (its default is false) is an optional layer: unknown, naming it, no finding", () => {
    expect(policies(route(`const authHandler = withMcpAuth(handler, verifyToken, { required: true, requiredScopes: ["read:stuff"] });`))).toEqual(["ANY /api/mcp deny 10:15"]);
    expect(policies(route(`const authHandler = withMcpAuth(handler, verifyToken, { required: false });`))).toEqual(["ANY /api/mcp unknown 12:67"]);
    expect(policies(route(`const authHandler = withMcpAuth(handler, verifyToken);`))).toEqual(["ANY /api/mcp unknown 12:21"]);
    const lax = scan(route(`const authHandler = withMcpAuth(handler, verifyToken);`));
    expect(lax.findings.filter((f) => f.ruleId === "missing-default-deny")).toEqual([]);
    expect(lax.model.policies[0]?.defaultReason).toBe(
      "HTTP MCP endpoint /api/mcp has an authentication layer, withMcpAuth, that leaves required at its default, false, so a request for which verifyToken returns no auth info (as for one without a token) reaches the handler with no caller; what the tools do with an anonymous caller decides the authentication in front of it",
    );
    // The 1.x package name, experimental_ prefix, renamed on import.
    const legacy = route(`const authHandler = auth(handler, verifyToken, { required: true });`).replace(`import { createMcpHandler, withMcpAuth } from "mcp-handler";`, `import { createMcpHandler, experimental_withMcpAuth as auth } from "@vercel/mcp-adapter";`);
    expect(policies(legacy)).toEqual(["ANY /api/mcp deny 10:15"]);
  });

  it("another auth wrapper around it, or a route function that authenticates before calling it, guards it", () => {
    const betterAuth = `import { createMcpHandler } from "mcp-handler";
import { withMcpAuth } from "better-auth/plugins";
const handler = withMcpAuth(auth, (req) => createMcpHandler((server) => { server.tool("whoami", {}, async () => ({ content: [] })); })(req));
export { handler as GET, handler as POST };
`;
    expect(policies(betterAuth, "app/mcp/route.ts")).toEqual(["ANY /mcp deny 3:44"]);
    const session = `import { createMcpHandler } from "mcp-handler";
const handler = createMcpHandler((server) => { server.tool("list_orders", {}, async () => ({ content: [] })); });
export async function POST(req: Request) {
  const session = await getServerSession();
  if (!session) return new Response(null, { status: 401 });
  return handler(req);
}
`;
    expect(policies(session, "app/mcp/route.ts")).toEqual(["ANY /mcp deny 2:17"]);
    expect(policies(session.replace("  const session = await getServerSession();\n  if (!session) return new Response(null, { status: 401 });\n", ""), "app/mcp/route.ts")).toEqual(["ANY /mcp allow 2:17"]);
  });

  it("without basePath the path is the route file's (app/api/[transport]/route.ts -> /api/mcp) or streamableHttpEndpoint; the name falls back to the path", () => {
    const bare = `import { createMcpHandler } from "mcp-handler";\nconst handler = createMcpHandler((server) => {});\nexport { handler as GET, handler as POST };\n`;
    expect(policies(bare)).toEqual(["ANY /api/mcp allow 2:17"]);
    expect(policies(bare, "src/app/(mcp)/mcp/route.ts")).toEqual(["ANY /mcp allow 2:17"]);
    expect(policies(bare, "lib/mcp.ts")).toEqual(["ANY /mcp allow 2:17"]);
    expect(scan(bare).model.servers.map((s) => s.name)).toEqual(["/api/mcp"]);
    const cjs = `const { createMcpHandler } = require("mcp-handler");\nconst handler = createMcpHandler(register, {}, { streamableHttpEndpoint: "/v1/mcp" });\nfunction register(server) { server.tool("drop_table", {}, async () => ({ content: [] })); }\nmodule.exports = { POST: handler };\n`;
    const r = scan(cjs, "api/server.js");
    expect(r.model.policies.map((p) => `${p.name} ${at(p.defaultLoc)}`)).toEqual(["ANY /v1/mcp 2:74"]);
    expect(r.model.servers.map((s) => s.registeredTools?.map((t) => `${t.name} ${t.destructive}`))).toEqual([["drop_table true"]]);
  });

  it("a handler a library file only makes and exports by its own name is served (and maybe guarded) by the file that imports it: unknown there", () => {
    const lib = `import { createMcpHandler } from "mcp-handler";\nexport const mcpHandler = createMcpHandler((server) => { server.tool("drop_table", {}, async () => ({ content: [] })); });\n`;
    const r = scan(lib, "lib/mcp.ts");
    expect(r.model.servers.map((s) => s.registeredTools?.map((t) => t.name))).toEqual([["drop_table"]]);
    // The route file that serves it decides (test/model/typescript-links.test.ts); alone it is not known.
    expect(r.findings.filter((f) => f.ruleId === "missing-default-deny")).toEqual([]);
    expect(r.model.policies.map((p) => `${p.name} ${p.defaultDecision} ${p.route?.router}`)).toEqual(["ANY /mcp unknown mcpHandler"]);
    expect(scan(lib.replace("export const mcpHandler", "const mcpHandler") + "export { mcpHandler as handler };\n", "lib/mcp.ts").model.policies.map((p) => `${p.defaultDecision} ${p.route?.router}`)).toEqual(["unknown handler"]);
    // Served here: exported as a route method, as the default export, or used.
    expect(policies(lib.replace("export const mcpHandler", "export const POST"), "lib/mcp.ts")).toEqual(["ANY /mcp allow 2:21"]);
    expect(policies(lib.replace("export const mcpHandler", "const mcpHandler") + "export default mcpHandler;\n", "pages/api/mcp.ts")).toEqual(["ANY /mcp allow 2:20"]);
    expect(policies(lib, "app/api/[transport]/route.ts")).toEqual(["ANY /api/mcp allow 2:27"]);
  });

  it("an express route that serves the handler is the one endpoint", () => {
    const text = `import { createMcpHandler } from "mcp-handler";
const handler = createMcpHandler(registerTools, {}, { basePath: "/mcp" });
app.all("/mcp*", createExpressAdapter(handler));
`;
    expect(policies(text, "src/routes.ts")).toEqual(["ALL /mcp* allow 3:9"]);
  });

  it("a createMcpHandler or withMcpAuth of another module is not mcp-handler's", () => {
    const text = `import { createMcpHandler } from "./lib/mcp-handler";\nconst handler = createMcpHandler((server) => { server.tool("delete_all"); });\nexport { handler as POST };\n`;
    expect(scan(text, "app/mcp/route.ts").model.servers).toEqual([]);
    expect(scan(text, "app/mcp/route.ts").model.policies).toEqual([]);
  });
});

describe("servers built with Cloudflare's McpAgent (agents/mcp)", () => {
  const agent = `import { McpAgent } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export class MyMCP extends McpAgent {
  server = new McpServer({ name: "calculator", version: "1.0.0" });

  async init() {
    this.server.tool("add", { a: z.number(), b: z.number() }, async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }));
    this.server.registerTool("reset_memory", { description: "Forget", annotations: { destructiveHint: true } }, async () => ({ content: [] }));
  }
}
`;
  const scan = (tail: string) => scanSources([{ path: "src/index.ts", text: agent + tail }]);
  const policies = (tail: string) => scan(tail).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);

  it("is an HTTP MCP server with the tools its init() registers", () => {
    const r = scan(`export default MyMCP.serve("/mcp");\n`);
    expect(r.model.servers.map((s) => [s.name, s.transport, at(s.loc), s.registeredTools?.map((t) => `${t.name} ${t.destructive} ${at(t.loc)}`)])).toEqual([
      ["calculator", "http", "6:34", ["add false 9:22", "reset_memory true 10:30"]],
    ]);
    expect(r.model.policies.map((p) => [p.name, p.defaultDecision, at(p.defaultLoc), p.governs])).toEqual([["ANY /mcp", "allow", "13:28", ["src/index.ts#server:calculator"]]]);
    expect(r.findings.filter((f) => f.ruleId === "missing-default-deny").map((f) => at(f.loc))).toEqual(["13:28"]);
  });

  it("serve/serveSSE in a fetch handler are open endpoints on their paths, guarded when the handler checks a credential header", () => {
    const fetch = (check: string) => `export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = new URL(request.url);
    ${check}
    if (url.pathname === "/sse" || url.pathname === "/sse/message") return MyMCP.serveSSE("/sse").fetch(request, env, ctx);
    if (url.pathname === "/mcp") return MyMCP.serve("/mcp").fetch(request, env, ctx);
    return new Response("Not found", { status: 404 });
  },
};
`;
    expect(policies(fetch(""))).toEqual(["ANY /sse allow 17:91", "ANY /mcp allow 18:53"]);
    expect(policies(fetch(`if (request.headers.get("Authorization") !== \`Bearer \${env.TOKEN}\`) return new Response(null, { status: 401 });`))).toEqual(["ANY /sse deny 17:91", "ANY /mcp deny 18:53"]);
  });

  it("an OAuthProvider's apiHandler or apiHandlers guard it; its defaultHandler does not", () => {
    expect(policies(`export default new OAuthProvider({
  apiHandlers: { "/sse": MyMCP.serveSSE("/sse"), "/mcp": MyMCP.serve("/mcp") },
  defaultHandler: GitHubHandler,
  authorizeEndpoint: "/authorize",
  tokenEndpoint: "/token",
  clientRegistrationEndpoint: "/register",
});
`)).toEqual(["ANY /sse deny 14:41", "ANY /mcp deny 14:70"]);
    expect(policies(`const sse = MyMCP.mount("/sse");\nexport default new OAuthProvider({ apiRoute: "/sse", apiHandler: sse, defaultHandler: app, tokenEndpoint: "/token" });\n`)).toEqual(["ANY /sse deny 13:25"]);
    expect(policies(`export default new OAuthProvider({ apiRoute: "/api", apiHandler: Api, defaultHandler: { fetch: (req, env, ctx) => MyMCP.serve("/mcp").fetch(req, env, ctx) } });\n`)).toEqual(["ANY /mcp allow 13:127"]);
    const reason = scan(`export default MyMCP.serve("/mcp");\n`).model.policies[0]?.defaultReason;
    expect(reason).toBe("HTTP MCP endpoint /mcp has no authentication middleware (MyMCP.serve is not the apiHandler of an OAuthProvider)");
  });

  it("a hono route in front of serve() guards it with its middleware, as does app.use(auth) before app.mount", () => {
    expect(policies(`app.all("/mcp/*", bearerAuth, (c) => MyMCP.serve("/mcp").fetch(c.req.raw, c.env, c.executionCtx));\napp.all("/open/*", (c) => MyMCP.serve("/open").fetch(c.req.raw, c.env, c.executionCtx));\n`)).toEqual(["ANY /mcp deny 13:50", "ANY /open allow 14:39"]);
    expect(policies(`app.use("/mcp/*", bearerAuth({ token }));\napp.mount("/mcp", MyMCP.serve("/mcp").fetch);\n`)).toEqual(["ANY /mcp deny 14:31"]);
    expect(policies(`app.mount("/mcp", MyMCP.serve("/mcp").fetch);\n`)).toEqual(["ANY /mcp allow 13:31"]);
  });

  it("agents' stateless createMcpHandler(server) serves /mcp (or its route)", () => {
    const text = `import { createMcpHandler } from "agents/mcp";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "feed", version: "1.0.0" });
server.tool("publish_post", {}, async () => ({ content: [] }));
export default { fetch: (request, env, ctx) => createMcpHandler(server, { route: "/rpc" })(request, env, ctx) };
`;
    const r = scanSources([{ path: "src/worker.ts", text }]);
    expect(r.model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`)).toEqual(["ANY /rpc allow 5:82"]);
    expect(r.model.servers.map((s) => [s.name, s.transport])).toEqual([["feed", "http"]]);
  });

  it("an McpAgent of another module, or serve() on another class, is not an MCP server", () => {
    const text = `import { McpAgent } from "./agents/mcp-base";\nexport class Chat extends McpAgent { server = 1; }\nexport default Chat.serve("/mcp");\nBun.serve({ port: 3000 });\n`;
    expect(scanSources([{ path: "src/index.ts", text }]).model.servers).toEqual([]);
  });
});

describe("the v2 SDK's createMcpHandler (served through toNodeHandler, handler.fetch, a default export)", () => {
  const head = `import { createServer } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
const handler = createMcpHandler(() => {
  const server = new McpServer({ name: "tickets", version: "1.0.0" });
  server.registerTool("delete_ticket", { description: "Delete" }, async () => ({ content: [] }));
  return server;
});
`;
  const scan = (tail: string) => scanSources([{ path: "src/server.ts", text: head + tail }]);
  const policies = (tail: string) => scan(tail).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);

  it("an express route or node's http.createServer that hands the request to toNodeHandler(handler) is an endpoint", () => {
    expect(policies(`const node = toNodeHandler(handler);\napp.all("/mcp", (req, res) => void node(req, res, req.body));\n`)).toEqual(["ALL /mcp allow 10:9"]);
    expect(policies(`const node = toNodeHandler(handler);\napp.all("/mcp", auth, (req, res) => void node(req, res, req.body));\n`)).toEqual(["ALL /mcp deny 10:9"]);
    expect(policies(`app.post("/", toNodeHandler(handler));\n`)).toEqual(["POST / allow 9:10"]);
    expect(policies(`createServer(toNodeHandler(handler)).listen(3000);\n`)).toEqual(["ANY * allow 9:1"]);
    const http = `const nodeHandler = toNodeHandler(handler);
createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (pathname !== "/mcp") return void res.writeHead(404).end();
  await nodeHandler(req, res);
}).listen(3000);
`;
    expect(policies(http)).toEqual(["ANY /mcp allow 10:1"]);
    const r = scan(http);
    expect(r.model.servers.map((s) => [s.name, s.transport, s.registeredTools?.map((t) => `${t.name} ${t.destructive}`)])).toEqual([["tickets", "http", ["delete_ticket true"]]]);
  });

  it("node's http.createServer names the path whose test leads to MCP, not a path the request leaves by first", () => {
    const probeFirst = `const serveMcp = toNodeHandler(handler);
createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  if (pathname === "/status" && req.method === "GET") return void res.writeHead(200).end("up");
  if (pathname !== "/rpc/mcp") return void res.writeHead(404).end();
  await serveMcp(req, res);
}).listen(8080);
`;
    expect(policies(probeFirst)).toEqual(["ANY /rpc/mcp allow 10:1"]);
    const branch = `const serveMcp = toNodeHandler(handler);
createServer(async (req, res) => {
  if (req.url === "/status") return void res.end("up");
  if (req.url === "/rpc/mcp") {
    await serveMcp(req, res);
    return;
  }
  res.writeHead(404).end();
}).listen(8080);
`;
    expect(policies(branch)).toEqual(["ANY /rpc/mcp allow 10:1"]);
    // A probe answered first, then MCP on every other path (a public v2-SDK server): not the probe's path.
    const fallThrough = `const serveMcp = toNodeHandler(handler);
createServer((req, res) => {
  const url = new URL(req.url || "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/health") {
    res.writeHead(200);
    res.end("ok");
    return;
  }
  void serveMcp(req, res);
}).listen(3000, "0.0.0.0");
`;
    expect(policies(fallThrough)).toEqual(["ANY * allow 10:1"]);
  });

  it("a fetch handler or hono route that calls handler.fetch, and `export default handler`, are endpoints", () => {
    expect(policies(`app.all("/mcp", (c) => handler.fetch(c.req.raw, { parsedBody: c.get("parsedBody") }));\n`)).toEqual(["ALL /mcp allow 9:9"]);
    expect(policies(`export default handler;\n`)).toEqual(["ANY * allow 9:16"]);
    expect(policies(`export default { fetch: handler.fetch };\n`)).toEqual(["ANY * allow 9:18"]);
    expect(policies(`Deno.serve(handler.fetch);\n`)).toEqual(["ANY * allow 9:1"]);
    expect(policies(`export default {\n  async fetch(request: Request) {\n    const authInfo = await verifyToken(request);\n    return handler.fetch(request, { authInfo });\n  },\n};\n`)).toEqual(["ANY * deny 10:9"]);
  });

  it("serveStdio(factory) of @modelcontextprotocol/server/stdio serves over stdio", () => {
    const text = `import { McpServer } from "@modelcontextprotocol/server";\nimport { serveStdio } from "@modelcontextprotocol/server/stdio";\nserveStdio(() => new McpServer({ name: "local", version: "1.0.0" }));\n`;
    expect(scanSources([{ path: "src/stdio.ts", text }]).model.servers.map((s) => [s.name, s.transport])).toEqual([["local", "stdio"]]);
  });

  it("a handler only made and exported here serves over HTTP, its endpoint is in the importing file; toNodeHandler of another module is not the SDK's", () => {
    const r = scan(`export { handler };\n`);
    expect(r.model.servers.map((s) => [s.name, s.transport])).toEqual([["tickets", "http"]]);
    expect(r.model.policies).toEqual([]);
    const betterAuth = `import { toNodeHandler } from "better-auth/node";\nimport { McpServer } from "@modelcontextprotocol/server";\nconst server = new McpServer({ name: "x", version: "1" });\napp.all("/api/auth/*", toNodeHandler(auth));\n`;
    expect(scanSources([{ path: "src/app.ts", text: betterAuth }]).model.policies).toEqual([]);
  });
});

describe("routes whose authentication another file decides", () => {
  const routes = (open: string, receiver = "mcpRouter", close = "") => `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
${open}
${receiver}.post("/", async (req, res) => {
  const server = new McpServer({ name: "crm", version: "1.0.0" });
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
${close}
`;
  const scan = (text: string) => scanSources([{ path: "src/routes/mcp.ts", text }]);
  const decisions = (text: string) => scan(text).model.policies.map((p) => `${p.name} ${p.defaultDecision}`);

  it("an express Router exported for another file's app.use, or an app passed in as a parameter, is 'unknown', not an open endpoint", () => {
    for (const text of [routes(`export const mcpRouter = Router();`), routes(`export function registerMcpRoutes(app: Express) {`, "app", "}")]) {
      expect(decisions(text)).toEqual(["POST / unknown"]);
      const r = scan(text);
      expect(r.model.policies[0]?.defaultReason).toMatch(/another file|parameter/);
      expect(r.findings.filter((f) => f.ruleId === "missing-default-deny")).toEqual([]);
    }
  });

  it("is still decided here when the file mounts the router itself or guards it", () => {
    expect(decisions(routes(`const mcpRouter = Router();`) + `app.use("/mcp", mcpRouter);\napp.listen(3000);\n`)).toEqual(["POST / allow"]);
    expect(decisions(routes(`export const mcpRouter = Router();\nmcpRouter.use(requireBearerAuth({ verifier }));`))).toEqual(["POST / deny"]);
    expect(decisions(routes(`const app = express();`, "app", "app.listen(3000);"))).toEqual(["POST / allow"]);
  });
});

describe("an McpAgent class of another file served here", () => {
  const policies = (text: string) => scanSources([{ path: "src/index.ts", text }]).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);

  it("X.serve / X.serveSSE on a class imported from a relative module are endpoints, guarded by an OAuthProvider", () => {
    const guarded = `import OAuthProvider from "@cloudflare/workers-oauth-provider";
import { MyMCP } from "./mcp";
export { MyMCP };
export default new OAuthProvider({
  apiHandlers: { "/sse": MyMCP.serveSSE("/sse"), "/mcp": MyMCP.serve("/mcp") },
  defaultHandler: app,
  tokenEndpoint: "/token",
});
`;
    expect(policies(guarded)).toEqual(["ANY /sse deny 5:41", "ANY /mcp deny 5:70"]);
    const open = `import { MyMCP } from "./mcp";
export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const url = new URL(request.url);
    if (url.pathname === "/mcp") return MyMCP.serve("/mcp").fetch(request, env, ctx);
    return new Response("Not found", { status: 404 });
  },
};
`;
    expect(policies(open)).toEqual(["ANY /mcp allow 5:53"]);
  });

  it("a file that only serves the class over SSE (no SDK import, no /mcp route) is parsed and has the endpoint", () => {
    const text = `import OAuthProvider from "@cloudflare/workers-oauth-provider";
import { MyMCP } from "./agent";
export default new OAuthProvider({ apiRoute: "/sse", apiHandler: MyMCP.serveSSE("/sse"), defaultHandler: app });
`;
    expect(shouldParse(text)).toBe(true);
    expect(policies(text)).toEqual([expect.stringMatching(/^ANY \/sse deny /)]);
  });

  it("serve() of a package's class, or on a path that is not MCP's, is not one", () => {
    expect(policies(`import { Static } from "serve-static-worker";\nimport { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nexport default Static.serve("/mcp");\n`)).toEqual([]);
    expect(policies(`import { Assets } from "./assets";\nimport { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nexport default Assets.serve("/static");\n`)).toEqual([]);
  });
});

describe("Next.js route handlers that serve MCP themselves (app router route.ts, pages/api)", () => {
  const policies = (file: string, text: string) => scanSources([{ path: file, text }]).model.policies.map((p) => `${p.name} ${p.defaultDecision} ${at(p.defaultLoc)}`);
  const appRoute = (check: string) => `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
export async function POST(req: Request) {
  ${check}
  const server = new McpServer({ name: "next", version: "1.0.0" });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  return transport.handleRequest(req);
}
export async function GET() {
  return new Response(null, { status: 405 });
}
`;

  it("an exported route method that reaches a transport is an endpoint on the file's path, guarded when it checks the caller first", () => {
    expect(policies("app/api/mcp/route.ts", appRoute(""))).toEqual(["POST /api/mcp allow 3:23"]);
    expect(policies("src/app/api/mcp/route.ts", appRoute(`if (req.headers.get("authorization") !== \`Bearer \${process.env.MCP_TOKEN}\`) return new Response(null, { status: 401 });`))).toEqual(["POST /api/mcp deny 3:23"]);
    // Not a route file: an exported POST there is no endpoint.
    expect(policies("lib/mcp.ts", appRoute(""))).toEqual([]);
  });

  it("the v2 SDK's handler exported as route methods, and a pages/api default export, are endpoints", () => {
    const v2 = `import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";
const handler = createMcpHandler(() => new McpServer({ name: "next2", version: "1.0.0" }));
export const GET = (request: Request) => handler.fetch(request);
export { post as POST };
function post(request: Request) { return handler.fetch(request); }
`;
    expect(policies("app/mcp/route.ts", v2)).toEqual(["GET /mcp allow 3:14", "POST /mcp allow 4:18"]);
    const pages = `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { getServer } from "../../src/server";
export default async function handler(req, res) {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await getServer().connect(transport);
  await transport.handleRequest(req, res, req.body);
}
`;
    expect(policies("pages/api/mcp.ts", pages)).toEqual(["ANY /api/mcp allow 3:31"]);
    expect(policies("src/pages/api/mcp/index.js", pages)).toEqual(["ANY /api/mcp allow 3:31"]);
    // One endpoint for a v2 handler exported as the default: the file's route, not also the catch-all.
    const v2Pages = `import { createMcpHandler, McpServer } from "@modelcontextprotocol/server";\nconst handler = createMcpHandler(() => new McpServer({ name: "p", version: "1" }));\nexport default handler;\n`;
    expect(policies("pages/api/mcp.ts", v2Pages)).toEqual(["ANY /api/mcp allow 3:16"]);
  });
});
