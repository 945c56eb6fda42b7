/**
 * Committed files that servers load their credentials from (`envFile`,
 * Compose `env_file`, `--env-file`, `${file:...}`, Goose `env_keys` from
 * `secrets.yaml`): the path each names, and
 * what the findings and the identity verdict make of a literal in them.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { verdictOf } from "../../src/engine/verdict.js";
import { resolveLoadedPath } from "../../src/model/loaded-files.js";
import { inventoryJson, inventoryText } from "../../src/report/inventory.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";

describe("resolveLoadedPath", () => {
  const scanned = new Set([".env", "conf/mcp.env", "sub/conf/mcp.env", "deploy/.env", "deploy/secrets/token", "secrets.env"]);
  it.each([
    [".vscode/mcp.json", "${workspaceFolder}/conf/mcp.env", "conf/mcp.env"],
    [".vscode/mcp.json", "${workspaceRoot}/.env", ".env"],
    ["sub/.vscode/mcp.json", "${workspaceFolder}/conf/mcp.env", "sub/conf/mcp.env"],
    ["sub/.cursor/mcp.json", "conf/mcp.env", "sub/conf/mcp.env"],
    [".cursor/mcp.json", "./.env", ".env"],
    [".cursor/mcp.json", "${workspaceFolder}\\conf\\mcp.env", "conf/mcp.env"],
    ["deploy/docker-compose.yml", "./.env", "deploy/.env"],
    ["deploy/docker-compose.yml", "../secrets.env", "secrets.env"],
    ["deploy/gateway.yaml", "secrets/token", "deploy/secrets/token"],
    [".mcp.json", ".env", ".env"],
  ])("%s names %s: %s", (config, path, want) => {
    expect(resolveLoadedPath(config, path, scanned)).toBe(want);
  });
  it.each([
    [".vscode/mcp.json", "${workspaceFolder}/missing.env", "not scanned"],
    ["deploy/compose.yml", "../../.env", "outside the tree"],
    [".vscode/mcp.json", "/home/me/.env", "absolute"],
    [".vscode/mcp.json", "~/.env", "home"],
    [".vscode/mcp.json", "${userHome}/.env", "another variable"],
    [".vscode/mcp.json", "C:/x/.env", "a Windows drive"],
    ["~/.cursor/mcp.json", ".env", "a user-level configuration"],
  ])("%s naming %s is no file of the tree (%s)", (config, path) => {
    expect(resolveLoadedPath(config, path, scanned)).toBeUndefined();
  });
});

const token = fakeGitHubToken("ghp", "loaded-files");
const vscode = (servers: string) => ({ path: ".vscode/mcp.json", text: `{ "servers": {\n${servers}\n} }\n` });
const server = (name: string, envFile: string) => `  "${name}": { "command": "npx", "args": ["-y", "@acme/${name}-mcp@1.0.0"], "envFile": "${envFile}" }`;

describe("a literal credential in a file that servers load", () => {
  it("names the loading server in the hardcoded-secret finding, with its envFile as related location", () => {
    const r = scanSources([vscode(server("issues", "${workspaceFolder}/conf/mcp.env")), { path: "conf/mcp.env", text: `LOG_LEVEL=info\nGITHUB_TOKEN=${token}\n` }]);
    const f = r.findings.filter((x) => x.ruleId === "hardcoded-secret");
    expect(f.map((x) => [x.loc.file, x.loc.line, x.loc.column])).toEqual([["conf/mcp.env", 2, 14]]);
    expect(f[0]?.message).toContain("loaded by MCP server 'issues' (vscode, envFile)");
    expect(f[0]?.related?.map((x) => [x.loc.file, x.loc.line])).toEqual([[".vscode/mcp.json", 2]]);
    expect(f[0]?.server).toEqual({ name: "issues", client: "vscode" });
    expect(JSON.stringify(r.findings)).not.toContain(token);
  });

  it("shows the file's credential on the envFile slot of the inventory, redacted", () => {
    const r = scanSources([vscode(server("issues", "${workspaceFolder}/conf/mcp.env")), { path: "conf/mcp.env", text: `GITHUB_TOKEN=${token}\n` }]);
    const doc = JSON.parse(inventoryJson(r.model)) as { servers: { credentials: { key: string; value?: string; secret?: string }[] }[] };
    expect(doc.servers[0]?.credentials).toMatchObject([{ key: "envFile", value: expect.stringMatching(/^ghp_.*\[REDACTED\]$/), secret: expect.stringContaining("in conf/mcp.env") }]);
    for (const out of [inventoryText(r.model), inventoryJson(r.model)]) expect(out).not.toContain(token.slice(4, 20));
  });

  it("makes the server's identity a literal secret", () => {
    const r = scanSources([vscode(server("issues", "${workspaceFolder}/conf/mcp.env")), { path: "conf/mcp.env", text: `GITHUB_TOKEN=${token}\n` }]);
    const s = r.model.servers[0];
    expect(s && verdictOf(r.model, s).identity).toMatchObject({ value: "literal-secret", evidence: [{ file: "conf/mcp.env", line: 1, key: "GITHUB_TOKEN" }] });
  });

  it("reports one token that several servers load as shared, and not the file of a server that is not in it", () => {
    const r = scanSources([vscode([server("issues", "${workspaceFolder}/.env"), server("prs", ".env"), server("docs", "${workspaceFolder}/docs.env")].join(",\n")), { path: ".env", text: `GITHUB_TOKEN=${token}\n` }]);
    const shared = r.findings.filter((x) => x.ruleId === "shared-secret");
    expect(shared.map((x) => [x.loc.file, x.loc.line, x.loc.column])).toEqual([[".env", 1, 14]]);
    expect(shared[0]?.message).toContain("is the credential of 2 MCP servers 'issues' (vscode, envFile), 'prs' (vscode, envFile)");
    expect(shared[0]?.related?.map((x) => x.loc.line)).toEqual([2, 3]);
  });

  it("follows Compose env_file and docker --env-file relative to their own folders", () => {
    const compose = `services:\n  github-mcp:\n    image: ghcr.io/github/github-mcp-server:v1.0.0\n    env_file: ./mcp.env\n`;
    const cursor = `{ "mcpServers": { "gh": { "command": "docker", "args": ["run", "-i", "--rm", "--env-file", "deploy/mcp.env", "ghcr.io/github/github-mcp-server:v1.0.0"] } } }\n`;
    const r = scanSources([
      { path: "deploy/docker-compose.yml", text: compose },
      { path: ".cursor/mcp.json", text: cursor },
      { path: "deploy/mcp.env", text: `GITHUB_PERSONAL_ACCESS_TOKEN=${token}\n` },
    ]);
    const hit = r.findings.find((x) => x.ruleId === "hardcoded-secret");
    expect(hit?.message).toMatch(/loaded by MCP servers '(github-mcp|gh)' .*, '(github-mcp|gh)' /);
    expect(r.findings.filter((x) => x.ruleId === "shared-secret")).toHaveLength(1);
  });

  it("leaves a file that no server loads as it was", () => {
    const r = scanSources([vscode(server("issues", "${workspaceFolder}/other.env")), { path: "conf/mcp.env", text: `GITHUB_TOKEN=${token}\n` }]);
    const f = r.findings.filter((x) => x.ruleId === "hardcoded-secret");
    expect(f).toHaveLength(1);
    expect(f[0]?.message).not.toContain("loaded by");
    expect(f[0]?.server).toBeUndefined();
    const s = r.model.servers[0];
    expect(s && verdictOf(r.model, s).identity.value).not.toBe("literal-secret");
  });
});

describe("Goose `env_keys` read from a plain-text secrets.yaml beside config.yaml (no keyring)", () => {
  const config = (keys: string) => `GOOSE_MODE: approve\nextensions:\n  github:\n    type: stdio\n    name: github\n    enabled: true\n    cmd: github-mcp-server\n    env_keys: [${keys}]\n`;
  const other = ["Qm7vX2pLr9", "TzW4kB8nYe", "Hd3sLw0PqZ", "k1"].join("");
  const secrets = { path: ".config/goose/secrets.yaml", text: `GITHUB_PERSONAL_ACCESS_TOKEN: ${token}\nACME_API_KEY: ${other}\n` };

  it("ties the token under a name the extension lists to it: finding, related env_keys entry and verdict", () => {
    const r = scanSources([{ path: ".config/goose/config.yaml", text: config("GITHUB_PERSONAL_ACCESS_TOKEN") }, secrets]);
    const f = r.findings.filter((x) => x.ruleId === "hardcoded-secret");
    expect(f.map((x) => [x.loc.file, x.loc.line, x.loc.column])).toEqual([[".config/goose/secrets.yaml", 1, 31], [".config/goose/secrets.yaml", 2, 15]]);
    expect(f[0]?.message).toContain("loaded by MCP server 'github' (goose, GITHUB_PERSONAL_ACCESS_TOKEN)");
    expect(f[0]?.server).toEqual({ name: "github", client: "goose" });
    expect(f[0]?.related?.map((x) => [x.loc.file, x.loc.line, x.loc.column, x.message])).toEqual([[".config/goose/config.yaml", 8, 16, "server 'github' (goose) reads GITHUB_PERSONAL_ACCESS_TOKEN from this file"]]);
    // A key the extension does not name is no credential of it.
    expect(f[1]?.message).not.toContain("loaded by");
    expect(f[1]?.server).toBeUndefined();
    const s = r.model.servers[0];
    const identity = s && verdictOf(r.model, s).identity;
    expect(identity).toMatchObject({ value: "literal-secret", evidence: [{ file: ".config/goose/secrets.yaml", line: 1, key: "GITHUB_PERSONAL_ACCESS_TOKEN" }] });
    expect(identity?.evidence[0]?.note).toContain("written into .config/goose/secrets.yaml, from which this server reads GITHUB_PERSONAL_ACCESS_TOKEN (ghp_");
    expect(identity?.evidence).toHaveLength(1);
    for (const out of [JSON.stringify(r.findings), JSON.stringify(identity), inventoryJson(r.model)]) expect(out).not.toContain(token.slice(4, 20));
  });

  it("does not tie a secrets.yaml that holds none of the extension's names, nor one in another folder, nor to a recipe", () => {
    const cases = [
      [{ path: ".config/goose/config.yaml", text: config("ACME_OTHER_KEY") }, secrets],
      [{ path: ".config/goose/config.yaml", text: config("GITHUB_PERSONAL_ACCESS_TOKEN") }, { ...secrets, path: "backup/secrets.yaml" }],
      [{ path: ".config/goose/recipes/review.yaml", text: `title: r\nextensions:\n  - type: stdio\n    name: github\n    cmd: github-mcp-server\n    env_keys: [GITHUB_PERSONAL_ACCESS_TOKEN]\n` }, { ...secrets, path: ".config/goose/recipes/secrets.yaml" }],
    ];
    for (const files of cases) {
      const r = scanSources(files);
      expect(r.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => x.server)).toEqual([undefined, undefined]);
      const s = r.model.servers[0];
      expect(s && verdictOf(r.model, s).identity.value).toBe("unique-workload-identity");
    }
  });
});
