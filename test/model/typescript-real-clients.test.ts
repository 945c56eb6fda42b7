/**
 * Agent frameworks that connect to MCP servers, as real public code writes them
 * (fixtures/typescript/real-agent-clients, sources in ../REAL-SOURCES.txt): the
 * servers `inventory` lists for each file, with their credentials, and the findings.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { verdictOf, verdictOptions } from "../../src/engine/verdict.js";
import { inventoryServer } from "../../src/report/inventory.js";
import { fakeGitHubToken, fakeUuid } from "../../src/rules/fake-secrets.js";
import { FIXTURES, folderSources } from "../helpers.js";

const SMITHERY_KEY = fakeUuid("real-agent-clients/smithery");
/** An OAuth token as Zapier's hosted MCP export writes it: base64 of two UUIDs. */
const ZAPIER_AUTH = Buffer.from(`${fakeUuid("real-agent-clients/zapier-a")}:${fakeUuid("real-agent-clients/zapier-b")}`).toString("base64");
const sources = folderSources(path.join(FIXTURES, "typescript", "real-agent-clients")).map((f) => ({ ...f, text: f.text.replaceAll("__SMITHERY_KEY__", SMITHERY_KEY).replaceAll("__ZAPIER_AUTH__", ZAPIER_AUTH) }));
const result = scanSources(sources);

/** Inventory rows of one file: name, transport, line:column, command or URL, and each credential (key, source, reference, line). */
const rows = (file: string) =>
  result.model.servers
    .filter((s) => s.file === file)
    .map((s) => inventoryServer(s, result.model))
    .map((s) => [s.name, s.transport, `${s.line}:${s.column}`, s.command ?? s.url ?? null, s.credentials.map((c) => [c.key, c.source, c.reference, c.line])]);
const findings = (file: string) => result.findings.filter((f) => f.loc.file === file).map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`);

describe("server maps given only when a condition holds, or as a default", () => {
  it("Mastra: servers: url ? { zapier: {...} } : {} lists the server it may call", () => {
    expect(rows("mastra-conditional.ts")).toEqual([["zapier", "http", "8:9", "process.env.ZAPIER_MCP_URL", []]]);
  });

  it("mcp-use: mcpServers: config.mcpServers || { playwright } lists the default, and its @latest is unpinned", () => {
    expect(rows("mcp-use-default.ts")).toEqual([["playwright", "stdio", "15:9", "npx", []]]);
    expect(findings("mcp-use-default.ts")).toEqual(["unpinned-package 15:46"]);
  });

  it("LangChain: config.mcpServers || defaultServers lists the defaults, with the key written in their URLs, shared by both", () => {
    expect(rows("langchain-default-servers.ts")).toEqual([
      ["exa", "http", "6:7", expect.stringContaining("[REDACTED]"), [["url", "url", "literal", 7]]],
      ["supabase", "http", "10:7", expect.stringContaining("[REDACTED]"), [["url", "url", "literal", 11]]],
    ]);
    expect(findings("langchain-default-servers.ts")).toEqual(["hardcoded-secret 7:58", "shared-secret 7:58", "hardcoded-secret 11:87", "shared-secret 11:87"]);
    expect(JSON.stringify(result.findings)).not.toContain(SMITHERY_KEY);
  });
});

describe("VoltAgent and Genkit MCP clients", () => {
  it("VoltAgent: MCPConfiguration's servers by their keys, with type, command, args and env", () => {
    expect(rows("voltagent-search.ts")).toEqual([["iflow-search", "stdio", "6:5", "npx", [["IFLOW_API_KEY", "env", "env", 11]]]]);
    expect(findings("voltagent-search.ts")).toEqual(["unpinned-package 9:20"]);
    expect(rows("voltagent-filesystem.ts")).toEqual([["filesystem", "stdio", "6:5", "npx", []]]);
  });

  it("Genkit: createMcpClient's one mcpServer, named by name; the whole environment handed to a stdio server", () => {
    expect(rows("genkit-stdio.ts")).toEqual([["github", "stdio", "8:22", "npx", []]]);
    expect(findings("genkit-stdio.ts")).toEqual(["unpinned-package 13:18", "broad-resource-access 14:10"]);
    expect(rows("genkit-http.ts")).toEqual([["githubClient", "http", "8:22", "https://api.githubcopilot.com/mcp/", [["Authorization", "header", "env", 14]]]]);
    expect(findings("genkit-http.ts")).toEqual([]);
  });
});

describe("Cloudflare agents (agents): the servers an agent connects to", () => {
  it("addMcpServer(name, url, callbackHost): named by its literal name; the callback host means the agent's own OAuth flow", () => {
    // The URL comes from a Worker binding (this.env.X): a reference by name, as process.env.X is.
    expect(rows("cf-callback-host.js")).toEqual([["server-worker", "http", "11:28", "this.env.MCP_SERVER_URL", [["authProvider", "oauth", "secretStore", 11]]]]);
    expect(rows("cf-manager.ts")).toEqual([["search-mcp", "http", "13:9", "http://localhost:8788", [["authProvider", "oauth", "secretStore", 16]]]]);
  });

  it("addMcpServer(name, url, { transport: { headers } }) given only when a token is set: the header it sends then, from the Worker's binding this.env.CLOUDFLARE_API_TOKEN (an env reference by name)", () => {
    expect(rows("cf-headers.ts")).toEqual([["cloudflare-api", "http", "8:11", "this.env.CLOUDFLARE_MCP_URL", [["Authorization", "header", "env", 6]]]]);
  });

  it("addMcpServer(name, url) with both from the caller: a server of unknown name and URL", () => {
    expect(rows("cf-callable.ts")).toEqual([["addMcpServer in addServer()", "http", "7:18", null, []]]);
    // Its identity is decided with the URL, at run time (the agent signs in with OAuth when the server asks): unknown, not none.
    const server = result.model.servers.find((s) => s.file === "cf-callable.ts")!;
    expect(verdictOf(result.model, server, verdictOptions()).identity).toMatchObject({ value: "unknown", evidence: [{ line: 7, note: "the code connects to a URL it is given at run time: which server it calls, and with which credential, is decided then" }] });
  });

  it("this.mcp.connect(url, { transport: { type: \"sse\", headers } }): an SSE server with the header it sends", () => {
    const text = `import { Agent } from "agents";\nexport class A extends Agent<Env> {\n  async onStart() {\n    await this.mcp.connect("https://mcp.example.com/sse", { transport: { type: "sse", headers: { Authorization: \`Bearer \${this.env.MCP_TOKEN}\` } } });\n  }\n}\n`;
    const { model } = scanSources([{ path: "src/agent.ts", text }]);
    expect(model.servers.map((s) => [s.name, s.transport, s.url?.raw, s.credentials.map((c) => `${c.key} ${c.ref.kind}`)])).toEqual([["mcp.example.com/sse", "sse", "https://mcp.example.com/sse", ["Authorization env"]]]);
  });

  it("this.addMcpServer in a file that imports nothing from agents is someone else's method", () => {
    const other = scanSources([{ path: "src/hub.ts", text: `export class Hub {\n  async add() { await this.addMcpServer("x", "https://x.example.com/mcp"); }\n}\n` }]);
    expect(other.model.servers).toEqual([]);
  });
});

describe("launch details the code computes", () => {
  it("a command chosen by platform between npx.cmd and npx is npx: the unpinned package it runs is reported", () => {
    expect(rows("sdk-platform-npx.ts")).toEqual([["@modelcontextprotocol/server-github", "stdio", "17:27", "npx", [["GITHUB_PERSONAL_ACCESS_TOKEN", "env", "env", 12]]]]);
    expect(findings("sdk-platform-npx.ts")).toEqual(["unpinned-package 19:20", "broad-resource-access 21:9"]);
  });

  it("a credential-named env entry whose value comes from a parameter is a credential set at run time, not none", () => {
    const text = `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";\nexport const make = (token: string) =>\n  new StdioClientTransport({ command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.0.0"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token, LOG_LEVEL: level() } });\n`;
    const scanned = scanSources([{ path: "src/github.ts", text }]);
    const rows = scanned.model.servers.map((s) => [inventoryServer(s, scanned.model).credentials.map((c) => [c.key, c.source, c.reference, c.line]), verdictOf(scanned.model, s, verdictOptions()).identity.value]);
    expect(rows).toEqual([[[["GITHUB_PERSONAL_ACCESS_TOKEN", "env", "runtime", 3]], "unknown"]]);
    expect(scanned.findings).toEqual([]);
  });
});

describe("values read through a const object", () => {
  it("Bearer ${CONFIG.pat} with const CONFIG = { pat: process.env.MINDBOARD_PAT ?? \"\" } references MINDBOARD_PAT", () => {
    const server = result.model.servers.find((s) => s.file === "sdk-config-object.mjs");
    expect(server?.credentials.map((c) => [c.key, c.ref, `${c.loc.line}:${c.loc.column}`])).toEqual([["Authorization", { kind: "env", name: "MINDBOARD_PAT", default: "" }, "15:46"]]);
  });

  it("an object whose properties the file reassigns is not followed: the value is set at run time", () => {
    const text = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";\nconst CONFIG = { pat: process.env.PAT ?? "" };\nCONFIG.pat = readToken();\nnew StreamableHTTPClientTransport(new URL("https://x.example.com/mcp"), { requestInit: { headers: { Authorization: \`Bearer \${CONFIG.pat}\` } } });\n`;
    const { model } = scanSources([{ path: "src/a.ts", text }]);
    expect(model.servers.flatMap((s) => s.credentials.map((c) => [c.key, c.ref.kind]))).toEqual([["Authorization", "secretStore"]]);
  });
});

describe("headers and options the code builds after making the object", () => {
  it("const headers = {} filled by headers[name] = await secretStore.resolve(...): a header set at run time, each block's own object", () => {
    expect(rows("sdk-headers-built.ts")).toEqual([
      ["SSEClientTransport in connect()", "sse", "16:23", null, [["headers", "header", "runtime", 13]]],
      ["StreamableHTTPClientTransport in connect()", "http", "28:23", null, [["headers", "header", "runtime", 25]]],
    ]);
  });

  it("const opts = {} given opts.requestInit = { headers: config.headers } later: those headers", () => {
    expect(rows("sdk-options-built.ts")).toEqual([
      ["SSEClientTransport in connect()", "sse", "15:25", null, [["config.headers", "header", "runtime", 12]]],
      ["StreamableHTTPClientTransport in connect()", "http", "24:25", null, [["config.headers", "header", "runtime", 22]]],
    ]);
  });

  it("a literal token written into the headers object later is a hardcoded secret where it is written", () => {
    const token = fakeGitHubToken("ghp", "real-agent-clients/headers-built");
    const text = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";\nconst headers: Record<string, string> = {};\nheaders.Authorization = "Bearer ${token}";\nexport const t = new StreamableHTTPClientTransport(new URL("https://mcp.example.com/mcp"), { requestInit: { headers } });\n`;
    const scanned = scanSources([{ path: "src/t.ts", text }]);
    expect(scanned.model.servers.flatMap((s) => s.credentials.map((c) => [c.key, c.ref.kind, c.loc.line]))).toEqual([["Authorization", "literal", 3]]);
    expect(scanned.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["hardcoded-secret 3:33", "long-lived-token 3:33"]);
    expect(JSON.stringify(scanned.findings)).not.toContain(token);
  });
});

describe("credentials the code computes at run time: identity unknown, not a reference", () => {
  const identity = (file: string) =>
    result.model.servers.filter((s) => s.file === file).map((s) => {
      const v = verdictOf(result.model, s, verdictOptions()).identity;
      return [v.value, v.evidence.map((e) => `${e.line} ${e.key}: ${e.note}`)];
    });

  it("Bearer ${accessToken} from a parameter (inbox-zero's createMcpTransport): a header computed at run time, whose identity the files cannot show", () => {
    expect(rows("token-param-transport.ts")).toEqual([["StreamableHTTPClientTransport in createMcpTransport()", "http", "7:14", null, [["Authorization", "header", "runtime", 10]]]]);
    expect(identity("token-param-transport.ts")).toEqual([["unknown", ["10 Authorization: Authorization: computed by the code at run time (a parameter, a call's result): the files cannot show whose credential it is"]]]);
    // No name, as no reference is written.
    const inv = inventoryServer(result.model.servers.find((s) => s.file === "token-param-transport.ts")!, result.model);
    expect(inv.credentials[0]).not.toHaveProperty("name");
  });

  it("an environment filled in a loop from { ...process.env, ...config.env } (a gateway's server manager): computed at run time, any credential may be in it", () => {
    expect(rows("gateway-env-loop.ts")).toEqual([["transport", "stdio", "16:27", null, [["env", "env", "runtime", 10]]]]);
    expect(identity("gateway-env-loop.ts")).toEqual([["unknown", ["10 env: env: computed by the code at run time (a parameter, a call's result): the files cannot show whose credential it is"]]]);
  });

  it("two servers given computed Authorization headers do not share a credential (nothing names one)", () => {
    const text = (n: string) => `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";\nexport const make${n} = (token: string) => new StreamableHTTPClientTransport(new URL("https://${n}.example.com/mcp"), { requestInit: { headers: { Authorization: \`Bearer \${token}\` } } });\n`;
    const scanned = scanSources([{ path: "src/a.ts", text: text("a") }, { path: "src/b.ts", text: text("b") }]);
    expect(scanned.model.servers.map((s) => verdictOf(scanned.model, s, verdictOptions()).identity.value)).toEqual(["unknown", "unknown"]);
    expect(scanned.findings.filter((f) => f.ruleId === "shared-credential-reference")).toEqual([]);
  });

  it("the whole environment handed over with no credential of its own (env: process.env) is unknown too; beside an own reference, that reference", () => {
    const text = `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";\nexport const a = new StdioClientTransport({ command: "npx", args: ["-y", "@acme/a@1.0.0"], env: { ...process.env } });\nexport const b = new StdioClientTransport({ command: "npx", args: ["-y", "@acme/b@1.0.0"], env: { ...process.env, ACME_TOKEN: process.env.ACME_B_TOKEN } });\n`;
    const scanned = scanSources([{ path: "src/launch.ts", text }]);
    expect(scanned.model.servers.map((s) => { const v = verdictOf(scanned.model, s, verdictOptions()).identity; return [s.name, v.value, v.evidence[0]?.note]; })).toEqual([
      ["@acme/a", "unknown", "the whole environment of the process is handed to it: which credential it uses is decided at run time"],
      ["@acme/b", "unique-workload-identity", "env:ACME_B_TOKEN used by this server only"],
    ]);
  });
});

describe("launcher flags that take a value", () => {
  it("node --import tsx/esm <computed path>: named by its command, not by the loader --import names (the AI SDK's stdio transport, imported under another name)", () => {
    expect(rows("ai-sdk-stdio-alias.ts")).toEqual([["node", "stdio", "13:22", "node", []]]);
  });
});

describe("OpenAI Agents' hosted MCP tool: hostedMcpTool({ serverLabel, serverUrl, authorization })", () => {
  it("a server named by its label, its authorization a literal token: hardcoded-secret at the value, never printed whole", () => {
    expect(rows("openai-hosted-zapier.ts")).toEqual([["zapier", "http", "4:13", "https://mcp.zapier.com/api/mcp/mcp", [["authorization", "header", "literal", 7]]]]);
    expect(findings("openai-hosted-zapier.ts")).toEqual(["hardcoded-secret 7:19"]);
    const secret = result.findings.find((f) => f.loc.file === "openai-hosted-zapier.ts")!;
    expect(secret.message).toContain("MCP server 'zapier'");
    expect(JSON.stringify(result.findings)).not.toContain(ZAPIER_AUTH);
  });

  it("serverUrl from a const, no authorization: a remote server called with no credential", () => {
    expect(rows("openai-hosted-ngrok.ts")).toEqual([["turistik-mcp-server", "http", "14:5", "https://18b318d3e9ca.ngrok-free.app/mcp", []]]);
    expect(findings("openai-hosted-ngrok.ts")).toEqual(["unauthenticated-remote 6:20"]);
  });

  it("serverUrl given at run time, in a file that names no /mcp route nor SDK class (parsed all the same): identity unknown", () => {
    expect(rows("openai-hosted-session.ts")).toEqual([["tool_router", "http", "9:7", null, []]]);
    const server = result.model.servers.find((s) => s.file === "openai-hosted-session.ts")!;
    expect(verdictOf(result.model, server, verdictOptions()).identity.value).toBe("unknown");
  });

  it("a hostedMcpTool of another module is someone else's", () => {
    const scanned = scanSources([{ path: "agent.ts", text: `import { hostedMcpTool } from "./tools";\nexport const t = hostedMcpTool({ serverLabel: "x", serverUrl: "https://mcp.example.com/mcp" });\n` }]);
    expect(scanned.model.servers).toEqual([]);
  });
});

describe("Cloudflare Worker bindings (env.X) are env references by name", () => {
  const worker = (text: string) => {
    const scanned = scanSources([{ path: "src/worker.ts", text }]);
    return scanned.model.servers.map((s) => inventoryServer(s, scanned.model).credentials.map((c) => [c.key, c.reference, c.name ?? null]));
  };
  const transport = `new StreamableHTTPClientTransport(new URL("https://api.example.com/mcp"), { requestInit: { headers: { Authorization: \`Bearer \${env.API_TOKEN}\` } } })`;
  const sdk = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";\n`;

  it("a fetch handler's env in a Worker's file (it imports cloudflare:workers): env.API_TOKEN is the binding API_TOKEN", () => {
    expect(worker(`import { WorkerEntrypoint } from "cloudflare:workers";\n${sdk}export default { async fetch(request: Request, env: Env) { const t = ${transport}; return new Response("ok"); } };\n`)).toEqual([[["Authorization", "env", "API_TOKEN"]]]);
  });

  it("not in a file that imports nothing of Cloudflare's, nor a local const named env: computed at run time", () => {
    expect(worker(`${sdk}export function connect(env: Record<string, string>) { return ${transport}; }\n`)).toEqual([[["Authorization", "runtime", null]]]);
    expect(worker(`import { Agent } from "agents";\n${sdk}const env = loadSettings();\nexport const t = ${transport};\n`)).toEqual([[["Authorization", "runtime", null]]]);
  });
});
