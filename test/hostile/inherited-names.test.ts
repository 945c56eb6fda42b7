/**
 * Keys named like what every JavaScript object inherits (`constructor`,
 * `toString`, `hasOwnProperty`, `__proto__` ...) as server, table or env
 * names, in every syntax: valid documents stay valid, their servers are
 * modelled, and a hostile file cannot change how the scan reads the next
 * file (@iarna/toml once wrote such tables onto built-in functions).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { FIXTURES } from "../helpers.js";
import { expectPlantedSecret, scanWithin, treeWithPlantedSecret } from "./hostile.js";

const token = fakeGitHubToken("ghp", "inherited-names");
const NAMES = Object.getOwnPropertyNames(Object.prototype);

/** One server called `name`, with an env entry of that name too, in each client syntax. */
function configs(name: string): { path: string; text: string }[] {
  return [
    { path: ".mcp.json", text: JSON.stringify({ mcpServers: { [name]: { command: "npx", env: { [name]: token } } } }) + "\n" },
    { path: ".vscode/mcp.json", text: `{ "servers": { "${name}": { "type": "stdio", "command": "npx", "env": { "${name}": "${token}", }, }, }, }\n` },
    { path: ".codex/config.toml", text: `[mcp_servers.${name}]\ncommand = "npx"\n\n[mcp_servers.${name}.env]\n${name} = "${token}"\n` },
    { path: ".continue/config.yaml", text: `name: a\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: ${name}\n    command: npx\n    env:\n      ${name}: ${token}\n` },
  ];
}

describe("keys named like inherited object properties", () => {
  it.each(NAMES)("%s: every client's server is modelled, no parse error, the secret found where it is", (name) => {
    const sources = configs(name);
    const result = scanSources(sources, { lockFile: false });
    expect(result.findings.filter((f) => f.ruleId === "parse-error")).toEqual([]);
    expect(result.model.servers.map((s) => `${s.file}:${s.name}`).sort()).toEqual(sources.map((s) => `${s.path}:${name}`).sort());
    for (const s of sources) {
      const lines = s.text.split("\n");
      const line = lines.findIndex((l) => l.includes(token));
      const hit = result.findings.find((f) => f.ruleId === "hardcoded-secret" && f.loc.file === s.path);
      expect(hit?.loc, s.path).toMatchObject({ line: line + 1, column: (lines[line] as string).indexOf(token) + 1 });
    }
  });

  it("TOML that redefines such a table is still invalid", () => {
    const result = scanSources([{ path: ".codex/config.toml", text: `[mcp_servers.constructor]\ncommand = "npx"\n[mcp_servers.constructor]\ncommand = "uvx"\n` }], { lockFile: false });
    expect(result.findings.filter((f) => f.ruleId === "parse-error").map((f) => f.loc.line)).toEqual([3]);
  });

  it("a TOML file with [x.hasOwnProperty] call = 1 does not break the TOML files scanned after it", async () => {
    const dir = treeWithPlantedSecret({
      "+/.codex/config.toml": "[x.hasOwnProperty]\ncall = 1\n\n[y.constructor]\nkeys2 = 1\n",
      ".codex/config.toml": '[mcp_servers.s]\nurl = "http://tools.example.com/mcp"\n',
    });
    const result = await scanWithin(dir, 5_000, { lockFile: false, threads: 1 });
    expect(result.findings.filter((f) => f.ruleId === "parse-error")).toEqual([]);
    expect(result.findings.some((f) => f.ruleId === "plain-http-remote" && f.loc.file === ".codex/config.toml")).toBe(true);
    expect(typeof Object.prototype.hasOwnProperty.call).toBe("function");
    expect((Object as unknown as Record<string, unknown>)["keys2"]).toBeUndefined();
    expectPlantedSecret(result);
  });
});

/**
 * Code and gateway settings whose names and values the adapters look up in tables: with `NAME`
 * an inherited name, the scan must say what it says with `NAME` an unknown one.
 */
const LOOKUPS: readonly { path: string; text: string }[] = [
  {
    path: "src/server.ts",
    text: [
      'import Fastify from "fastify";',
      'import { streamableHttp } from "fastify-mcp";',
      'import helper, { NAME as named } from "NAME";',
      'import { NAME } from "@modelcontextprotocol/sdk/server/index.js";',
      'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
      'import { FastMCP } from "fastmcp";',
      "",
      "const app = Fastify();",
      "await app.register(helper, {});",
      "await app.register(named, {});",
      'await app.register(streamableHttp, { stateful: false, mcpEndpoint: "/mcp", createServer: () => new McpServer({ name: "notes", version: "1.0.0" }) });',
      "const h = NAME(new McpServer({ name: \"x\", version: \"1\" }));",
      'new FastMCP({ name: "f", version: "1.0.0" }).start({ transportType: "NAME" });',
      'await app.listen({ port: 3000, host: "0.0.0.0" });',
      "",
    ].join("\n"),
  },
  {
    path: "src/agent.ts",
    text: ['import { NAME } from "@ai-sdk/mcp";', 'import * as sdk from "@modelcontextprotocol/sdk/client/index.js";', "const c = new NAME({ url: 'http://tools.example.com/mcp' });", "const d = NAME({ transport: { type: 'sse', url: 'http://tools.example.com/sse' } });", "const e = new sdk.NAME();", ""].join("\n"),
  },
  { path: "gateway/config.yaml", text: fs.readFileSync(path.join(FIXTURES, "gateways/agentgateway/strict/config.yaml"), "utf8").replace("mode: strict", "mode: NAME") },
];

describe("tables the adapters look names up in", () => {
  const shape = (name: string) => {
    const r = scanSources(LOOKUPS.map((f) => ({ path: f.path, text: f.text.replaceAll("NAME", name) })), { lockFile: false });
    return { findings: r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.message.replaceAll(name, "NAME")}`), diagnostics: r.diagnostics.map((d) => `${d.code} ${d.message.replaceAll(name, "NAME")}`) };
  };
  const neutral = shape("unknownName");

  it("the neutral scan reports the endpoint and the gateway (the comparison means something)", () => {
    expect(neutral.findings.some((f) => f.startsWith("missing-default-deny src/server.ts:11:"))).toBe(true);
    expect(neutral.findings.some((f) => f.startsWith("gateway-audit-off gateway/config.yaml:"))).toBe(true);
    expect(neutral.diagnostics.filter((d) => d.startsWith("internal"))).toEqual([]);
  });

  it.each(NAMES)("%s as an import, a class, a transport type or a mode reads as any unknown name", (name) => {
    expect(shape(name)).toEqual(neutral);
  });
});
