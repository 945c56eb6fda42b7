/**
 * MCP clients configured in code through the wrappers agent code uses (Vercel AI SDK,
 * LangChain, Mastra, OpenAI Agents SDK): the servers they call, as `inventory` lists
 * them, and the findings that follow, at exact positions.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { buildLock, lockKey } from "../../src/engine/lock.js";
import { shouldParse } from "../../src/parse/typescript.js";
import { inventoryServer } from "../../src/report/inventory.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { prefilterText } from "../../src/secrets/text-prefilter.js";
import { FIXTURES, folderSources } from "../helpers.js";

const root = path.join(FIXTURES, "typescript");
const FOLDERS = ["ai-sdk-agent", "langchain-agent", "mastra-agent", "openai-agents"];

const sources = FOLDERS.flatMap((f) => folderSources(path.join(root, f)).map((s) => ({ ...s, path: `${f}/${s.path}` })));
const result = scanSources(sources);
const at = (l: { line: number; column: number }) => `${l.line}:${l.column}`;
/** Inventory rows of one file: name, transport, where, and each credential (key, source, reference, line). */
const rows = (file: string) =>
  result.model.servers
    .filter((s) => s.file === file)
    .map((s) => inventoryServer(s, result.model))
    .map((s) => [s.name, s.transport, `${s.line}:${s.column}`, s.command ?? s.url, s.credentials.map((c) => [c.key, c.source, c.reference, c.line]), s.inheritsWholeEnv ?? false]);
const findings = (ruleId: string, file: string) => result.findings.filter((f) => f.ruleId === ruleId && f.loc.file === file).map((f) => at(f.loc));
/** `line:column` of `what` on a line of a text (1-based). */
const col = (text: string, line: number, what: string) => `${line}:${(text.split("\n")[line - 1] as string).indexOf(what) + 1}`;
const text = (file: string) => sources.find((s) => s.path === file)?.text ?? "";

describe("client wrappers: the servers inventory lists", () => {
  it("Vercel AI SDK: createMCPClient's sse and http transports, the AI SDK's stdio transport, and an SDK transport once", () => {
    const file = "ai-sdk-agent/src/tools.ts";
    expect(rows(file)).toEqual([
      ["search.acme.dev/sse", "sse", "8:24", "https://search.acme.dev/sse", [["Authorization", "header", "literal", 12]], false],
      ["mcp.linear.app/mcp", "http", "15:24", "https://mcp.linear.app/mcp", [["Authorization", "header", "env", 16]], false],
      ["@modelcontextprotocol/server-filesystem", "stdio", "19:20", "npx", [], true],
      ["docs.acme.dev/mcp", "http", "27:20", "https://docs.acme.dev/mcp", [], false],
    ]);
    // The SDK transport handed to createMCPClient is the SDK adapter's server: no second one for the call.
    expect(result.model.servers.filter((s) => s.file === file).map((s) => s.id.replace(/@.*/, ""))).toEqual([
      `${file}#experimental_createMCPClient`,
      `${file}#experimental_createMCPClient`,
      `${file}#Experimental_StdioMCPTransport`,
      `${file}#StreamableHTTPClientTransport`,
    ]);
  });

  it("LangChain: MultiServerMCPClient's mcpServers map and the older bare map, each named by its key", () => {
    const file = "langchain-agent/src/agent.ts";
    expect(rows(file)).toEqual([
      ["github", "stdio", "11:5", "npx", [["GITHUB_PERSONAL_ACCESS_TOKEN", "env", "env", 15]], false],
      // The key comes from the const on line 5.
      ["jira", "http", "17:5", "https://jira-mcp.acme.dev/mcp", [["X-Api-Key", "header", "literal", 5]], false],
      ["shell", "stdio", "22:5", "uvx", [], true],
      ["weather", "sse", "32:3", "https://weather.acme.dev/sse", [["Authorization", "header", "env", 32]], false],
    ]);
    const github = result.model.servers.find((s) => s.name === "github");
    expect(github?.env.map((e) => [e.key, e.ref, at(e.loc)])).toEqual([["GITHUB_PERSONAL_ACCESS_TOKEN", { kind: "env", name: "GH_MCP_TOKEN", default: "" }, "15:44"]]);
    expect(github?.args.map((a) => [a.raw, at(a.loc)])).toEqual([["-y", "14:14"], ["@modelcontextprotocol/server-github", "14:20"]]);
  });

  it("Mastra: MCPClient's servers, a URL made with new URL and requestInit headers", () => {
    const file = "mastra-agent/src/mastra/mcp.ts";
    expect(rows(file)).toEqual([
      ["stripe", "stdio", "6:5", "npx", [["STRIPE_SECRET_KEY", "env", "literal", 9]], false],
      ["zendesk", "http", "11:5", "https://zendesk-mcp.acme.dev/mcp", [["Authorization", "header", "env", 13]], false],
      ["notes", "stdio", "15:5", "node", [], true],
    ]);
    const zendesk = result.model.servers.find((s) => s.name === "zendesk");
    expect(zendesk?.url && at(zendesk.url.loc)).toBe(col(text(file), 12, `"https`));
    expect(zendesk?.headers.map((h) => [h.key, h.ref, at(h.loc)])).toEqual([["Authorization", { kind: "env", name: "ZENDESK_TOKEN" }, "13:48"]]);
  });

  it("OpenAI Agents SDK: MCPServerStdio (command or fullCommand) and MCPServerStreamableHttp, named by name", () => {
    const file = "openai-agents/src/agent.ts";
    expect(rows(file)).toEqual([
      ["git", "stdio", "3:17", "uvx", [], false],
      ["sentry", "stdio", "5:20", "npx", [], true],
      ["crm", "http", "12:17", "https://crm.acme.dev/mcp", [["X-Api-Key", "header", "literal", 15]], false],
      ["billing", "http", "18:21", "process.env.BILLING_MCP_URL ?? \"https://billing.acme.dev/mcp\"", [["Authorization", "header", "env", 21]], false],
    ]);
    // fullCommand is split as the SDK splits it, each part located in the string.
    const git = result.model.servers.find((s) => s.name === "git");
    const t = text(file);
    expect([git?.command, ...(git?.args ?? [])].map((v) => [v?.raw, v && at(v.loc)])).toEqual([
      ["uvx", col(t, 3, "uvx")],
      ["mcp-server-git", col(t, 3, "mcp-server-git")],
      ["--repository", col(t, 3, "--repository")],
      [".", col(t, 3, '."')],
    ]);
    const billing = result.model.servers.find((s) => s.name === "billing");
    expect(billing?.url?.ref).toEqual({ kind: "env", name: "BILLING_MCP_URL", default: "https://billing.acme.dev/mcp" });
  });
});

describe("client wrappers: findings attributed to their servers", () => {
  it("hardcoded-secret at the literal, naming the server", () => {
    const secret = (file: string) => result.findings.filter((f) => f.ruleId === "hardcoded-secret" && f.loc.file === file).map((f) => [at(f.loc), /MCP server '([^']+)'/.exec(f.message)?.[1]]);
    expect(secret("ai-sdk-agent/src/tools.ts")).toEqual([[col(text("ai-sdk-agent/src/tools.ts"), 12, "5yAo"), "search.acme.dev/sse"]]);
    expect(secret("langchain-agent/src/agent.ts")).toEqual([["5:23", "jira"]]);
    expect(secret("mastra-agent/src/mastra/mcp.ts")).toEqual([["9:34", "stripe"]]);
    expect(secret("openai-agents/src/agent.ts")).toEqual([[col(text("openai-agents/src/agent.ts"), 15, "KPW0"), "crm"]]);
  });

  it("broad-resource-access where the whole environment is handed over (env: process.env, { ...process.env })", () => {
    expect(findings("broad-resource-access", "ai-sdk-agent/src/tools.ts")).toEqual(["22:14"]);
    expect(findings("broad-resource-access", "langchain-agent/src/agent.ts")).toEqual(["25:12"]);
    // stripe's --tools=all is a broad scope too.
    expect(findings("broad-resource-access", "mastra-agent/src/mastra/mcp.ts")).toEqual(["8:35", "18:14"]);
    expect(findings("broad-resource-access", "openai-agents/src/agent.ts")).toEqual(["9:8"]);
  });

  it("unpinned-package at the package a launcher runs, in args or in fullCommand", () => {
    expect(findings("unpinned-package", "ai-sdk-agent/src/tools.ts")).toEqual(["21:20"]);
    expect(findings("unpinned-package", "langchain-agent/src/agent.ts")).toEqual(["14:20", "24:14"]);
    expect(findings("unpinned-package", "mastra-agent/src/mastra/mcp.ts")).toEqual(["8:20"]);
    expect(findings("unpinned-package", "openai-agents/src/agent.ts")).toEqual([col(text("openai-agents/src/agent.ts"), 3, "mcp-server-git"), "8:16"]);
  });

  it("gives each server of a file its own lock key, and reports drift on the one that changed", () => {
    const lock = buildLock(result.model);
    const keys = lock.servers.map(lockKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.includes("langchain-agent"))).toHaveLength(4);
    // Two clients in one file, each with a `github` server: two entries.
    const code = `import { MCPClient } from "@mastra/mcp";
export const a = new MCPClient({ servers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.0.0"] } } });
export const b = new MCPClient({ servers: { github: { url: new URL("https://api.githubcopilot.com/mcp/") } } });
`;
    const twice = scanSources([{ path: "src/mcp.ts", text: code }]);
    expect(twice.model.servers.map((s) => s.name)).toEqual(["github", "github #2"]);
    expect(new Set(buildLock(twice.model).servers.map(lockKey)).size).toBe(2);

    const file = "mastra-agent/src/mastra/mcp.ts";
    const changed = sources.map((s) => (s.path === file ? { ...s, text: s.text.replace("zendesk-mcp.acme.dev", "zendesk-mcp.evil.dev") } : s));
    const drift = scanSources(changed, { ruleOptions: { lock } }).findings.filter((f) => f.ruleId === "config-drift");
    expect(drift.map((f) => [f.loc.file, f.message])).toEqual([[file, expect.stringContaining("Server 'zendesk' (sdk-typescript) drifted from the lock: URL")]]);
  });
});

describe("client wrappers: only the packages' own names", () => {
  const servers = (code: string) => scanSources([{ path: "src/agent.ts", text: code }]).model.servers.map((s) => [s.name, s.transport]);

  it("no server for a same-named class or function of another module, or one not imported", () => {
    const body = `
export const a = new MCPClient({ servers: { wiki: { command: "npx", args: ["-y", "wiki-mcp"] } } });
export const b = new MultiServerMCPClient({ mcpServers: { wiki: { url: "https://wiki.acme.dev/mcp" } } });
export const c = new MCPServerStdio({ name: "git", command: "uvx", args: ["mcp-server-git"] });
export const d = await experimental_createMCPClient({ transport: { type: "http", url: "https://x.acme.dev/mcp" } });
export const e = new Experimental_StdioMCPTransport({ command: "npx", args: ["-y", "e-mcp"] });
`;
    expect(servers(body)).toEqual([]);
    const elsewhere = `import { MCPClient, MultiServerMCPClient } from "./mcp-client";
import { MCPServerStdio } from "@acme/agents";
import { experimental_createMCPClient } from "./ai";
import { Experimental_StdioMCPTransport } from "ai/stdio";
${body}`;
    expect(servers(elsewhere)).toEqual([]);
    // createMCPClient is @ai-sdk/mcp's name; ai exports it as experimental_createMCPClient.
    expect(servers(`import { createMCPClient } from "ai";\nexport const d = await createMCPClient({ transport: { type: "http", url: "https://x.acme.dev/mcp" } });\n`)).toEqual([]);
    // Deno's npm: specifier with a version is the package.
    expect(servers(`import { experimental_createMCPClient } from "npm:ai@5.0.0";\nexport const d = await experimental_createMCPClient({ transport: { type: "http", url: "https://x.acme.dev/mcp" } });\n`)).toEqual([["x.acme.dev/mcp", "http"]]);
  });

  it("reads @ai-sdk/mcp, require(), namespace imports, Mastra's MCPConfiguration and MastraMCPClient, LangChain's type key and spread maps", () => {
    const code = `import { createMCPClient } from "@ai-sdk/mcp";
import { StdioMCPTransport } from "@ai-sdk/mcp/mcp-stdio";
import * as mastra from "@mastra/mcp";
const { MultiServerMCPClient: Multi } = require("@langchain/mcp-adapters");
const shared = { memory: { type: "stdio", command: "npx", args: ["-y", "@acme/memory-mcp@2.1.0"] } };
const github = { transport: "streamable_http", url: "https://api.githubcopilot.com/mcp/" };
export const a = await createMCPClient({ transport: new StdioMCPTransport({ command: "node", args: ["server.js"] }) });
export const b = await createMCPClient({ transport: { type: "sse", url: "https://b.acme.dev/sse", authProvider } });
export const c = new mastra.MCPConfiguration({ servers: { ...shared, local: { command: "python3", args: ["-m", "local_mcp"] } } });
export const d = new mastra.MastraMCPClient({ name: "docs", server: { url: new URL("https://docs.acme.dev/mcp") } });
export const e = new Multi({ mcpServers: { github, ["computed-key"]: { url: "https://k.acme.dev/mcp" } } });
export const f = await createMCPClient({ transport: customTransport });
`;
    const r = scanSources([{ path: "src/agent.ts", text: code }]);
    expect(r.model.servers.map((s) => [s.name, s.transport, at(s.loc)])).toEqual([
      ["server.js", "stdio", col(code, 7, "StdioMCPTransport(")],
      ["b.acme.dev/sse", "sse", col(code, 8, "createMCPClient")],
      // A spread map's entries are located where they are written.
      ["memory", "stdio", col(code, 5, "memory")],
      ["local", "stdio", col(code, 9, "local")],
      ["docs", "http", col(code, 10, "mastra.MastraMCPClient")],
      ["github", "http", col(code, 11, "github")],
      ["computed-key", "http", col(code, 11, `["computed-key"]`)],
    ]);
    expect(r.model.servers.find((s) => s.name === "b.acme.dev/sse")?.credentials.map((c) => c.source)).toEqual(["oauth"]);
  });

  it("a token in a wrapper's header is the server's credential, not only a text-scan hit", () => {
    const token = fakeGitHubToken("ghp", "wrapper-header");
    const code = `import { MultiServerMCPClient } from "@langchain/mcp-adapters";
const client = new MultiServerMCPClient({ mcpServers: { github: { url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "Bearer ${token}" } } } });
`;
    const r = scanSources([{ path: "src/agent.ts", text: code }]);
    const hits = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
    expect(hits.map((f) => at(f.loc))).toEqual([col(code, 2, token)]);
    expect(hits[0]?.message).toContain("MCP server 'github' (sdk-typescript)");
    expect(hits[0]?.message).not.toContain(token);
  });

  it("options given only when a condition holds (token ? { headers } : undefined, key ? {...} : {}) are the ones sent then", () => {
    const token = fakeGitHubToken("ghp", "conditional-init");
    const code = `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
const a = new StreamableHTTPClientTransport(new URL("https://a.acme.dev/mcp"), { requestInit: debug ? undefined : { headers: { Authorization: "Bearer ${token}" } } });
const b = new StreamableHTTPClientTransport(new URL("https://b.acme.dev/mcp"), { requestInit: { headers: process.env.B_KEY ? { "x-api-key": process.env.B_KEY } : {} } });
const c = new StreamableHTTPClientTransport(new URL("https://c.acme.dev/mcp"), { requestInit: useA ? { headers: { "x-api-key": process.env.A_KEY } } : { headers: { "x-api-key": process.env.C_KEY } } });
`;
    const r = scanSources([{ path: "src/agent.ts", text: code }]);
    expect(r.model.servers.map((s) => `${s.name} ${s.credentials.map((c) => `${c.key} ${c.ref.kind}`).join()}`)).toEqual([
      "a.acme.dev/mcp Authorization literal",
      "b.acme.dev/mcp x-api-key env",
      // Two branches that both send something: which one is sent is not known here.
      "c.acme.dev/mcp ",
    ]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => at(f.loc))).toEqual([col(code, 2, token)]);
  });
});

describe("client wrappers: the parse prefilter", () => {
  it("parses a file that only uses a wrapper, and the keyword pass sees its marker", () => {
    for (const f of sources) {
      expect(shouldParse(f.text), f.path).toBe(true);
      expect(prefilterText(f.text).mentions.mcpCode, f.path).toBe(true);
    }
    const only = [
      `import { MultiServerMCPClient } from "@langchain/mcp-adapters";`,
      `import { MCPConfiguration } from "@mastra/mcp";`,
      `import { MCPServerSSE } from "@openai/agents";`,
      `import { experimental_createMCPClient } from "ai";`,
      `import { Experimental_StdioMCPTransport } from "ai/mcp-stdio";`,
    ];
    for (const line of only) expect([shouldParse(line), prefilterText(line).mentions.mcpCode], line).toEqual([true, true]);
    expect(shouldParse(`import { Agent, run } from "@openai/agents";`)).toBe(false);
  });
});
