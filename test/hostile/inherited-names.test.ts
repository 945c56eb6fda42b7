/**
 * Keys named like what every JavaScript object inherits (`constructor`,
 * `toString`, `hasOwnProperty`, `__proto__` ...) as server, table or env
 * names, in every syntax: valid documents stay valid, their servers are
 * modelled, and a hostile file cannot change how the scan reads the next
 * file (@iarna/toml once wrote such tables onto built-in functions).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
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
