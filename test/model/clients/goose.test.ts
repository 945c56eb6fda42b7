import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { buildLock } from "../../../src/engine/lock.js";
import type { McpServer } from "../../../src/model/types.js";
import { inventoryJson } from "../../../src/report/inventory.js";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "goose";
const FILE = "home/.config/goose/config.yaml";

describe("Goose (extensions)", () => {
  const f = scanFixture(C);

  it("skips builtin extensions and reads cmd/envs/env_keys", () => {
    expect(f.servers.filter((s) => s.file === FILE).map((s) => s.name)).toEqual(["acme-notes", "acme-remote"]);
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "goose", scope: "user", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/notes-mcp"],
      env: { ACME_SECRET: "literal", ACME_REGION: "literal !${ACME_REGION}" }, headers: {}, passthrough: ["ACME_API_KEY"], grants: [],
    });
    // env_keys come from the OS keyring (or secrets.yaml): a secret-store reference.
    expect(creds(s)["env:ACME_API_KEY"]).toBe("secretStore:ACME_API_KEY");
    expect(at(s.loc)).toEqual(find(C, FILE, "acme-notes:"));
    expect(at(s.env[0]?.loc)).toEqual(find(C, FILE, "8GmIf3ie"));
  });

  it("ties secrets.yaml's `ACME_API_KEY` to acme-notes, whose `env_keys` names it: its identity is a literal secret", () => {
    const SECRETS = "home/.config/goose/secrets.yaml";
    const hit = f.result.findings.filter((x) => x.ruleId === "hardcoded-secret" && x.loc.file === SECRETS);
    expect(hit.map((x) => [at(x.loc), x.server?.name])).toEqual([[find(C, SECRETS, "NOT7"), "acme-notes"]]);
    expect(hit[0]?.message).toContain("loaded by MCP server 'acme-notes' (goose, ACME_API_KEY)");
    expect(verdictOf(f.result.model, f.server("acme-notes")).identity.value).toBe("literal-secret");
  });

  it("reads uri as the URL of a streamable_http extension, enabled: false", () => {
    expect(summary(f.server("acme-remote"))).toMatchObject({ transport: "http", enabled: false, url: "https://mcp.acme.example/mcp", headers: { Authorization: "literal !${ACME_MCP_TOKEN}" } });
  });
});

describe("Goose: `available_tools` as Goose saves it", () => {
  it("an empty list filters nothing (every tool is available); a named list is the server's tool allowlist", () => {
    const f = scanFixture(C);
    const FILE2 = "saved-by-goose/.config/goose/config.yaml";
    const inv = JSON.parse(inventoryJson(f.result.model)) as { servers: { name: string; file: string; tools: { include?: string[] } }[] };
    const tools = inv.servers.filter((s) => s.file === FILE2).map((s) => [s.name, s.tools.include]);
    expect(tools).toEqual([["acme-wiki", undefined], ["acme-search", ["search_pages"]]]);
    const lock = buildLock(f.result.model).servers.filter((e) => e.file === FILE2).map((e) => [e.name, e.scope]);
    expect(lock).toEqual([["acme-search", { include: ["search_pages"] }], ["acme-wiki", {}]]);
  });
});

describe("Goose recipes (.goose/recipes/*.yaml|json)", () => {
  // The recipe reference: `extensions` is a list of extensions, each with `name`, `type`, `cmd`/`uri`, `env_keys`, `available_tools`.
  const yaml = `version: 1.0.0
title: Review a pull request
description: Reviews the current branch
instructions: Review the diff and comment.
extensions:
  - type: builtin
    name: developer
  - type: stdio
    name: github-mcp
    cmd: github-mcp-server
    args: []
    env_keys:
      - GITHUB_PERSONAL_ACCESS_TOKEN
    available_tools:
      - get_pull_request
    timeout: 60
  - type: streamable_http
    name: acme-remote
    uri: https://mcp.acme.example/mcp
`;

  it("yields the recipe's extensions as servers (builtin ones skipped), with keyring credentials and tool lists", () => {
    const r = scanSources([{ path: ".goose/recipes/review.yaml", text: yaml }]);
    expect(r.model.servers.map((s) => [s.name, s.client, s.transport, at(s.loc)])).toEqual([
      ["github-mcp", "goose", "stdio", [9, 11]],
      ["acme-remote", "goose", "http", [18, 11]],
    ]);
    const gh = r.model.servers[0] as McpServer;
    expect(creds(gh)).toEqual({ "env:GITHUB_PERSONAL_ACCESS_TOKEN": "secretStore:GITHUB_PERSONAL_ACCESS_TOKEN" });
    expect(gh.tools.include).toEqual(["get_pull_request"]);
  });

  it("reads JSON recipes too", () => {
    const json = JSON.stringify({ title: "t", description: "d", prompt: "p", extensions: [{ type: "stdio", name: "acme", cmd: "npx", args: ["-y", "@acme/notes-mcp@1.0.0"] }] }, null, 2);
    const s = scanSources([{ path: ".goose/recipes/notes.json", text: json }]).model.servers;
    expect(s.map((x) => [x.name, x.client, x.command?.raw])).toEqual([["acme", "goose", "npx"]]);
  });
});

describe("Goose recipes kept outside .goose/recipes/ (recognised by content)", () => {
  const recipe = (extensions: string) => `version: 1.0.0\ntitle: Notes triage\ndescription: Sort the notes\ninstructions: Sort them.\nextensions:\n${extensions}`;
  it("a recipe whose extension runs a command is read wherever it sits (Goose's own cookbook), its checks applied", () => {
    const text = recipe(`- type: stdio\n  name: notes\n  cmd: npx\n  args:\n  - -y\n  - acme-notes-mcp\n  env_keys:\n  - ACME_NOTES_TOKEN\n  timeout: 300\n`);
    const r = scanSources([{ path: "documentation/src/pages/recipes/data/recipes/notes.yaml", text }]);
    expect(r.model.servers.map((s) => `${s.client} ${s.name} ${s.transport} ${s.loc.line}`)).toEqual(["goose notes stdio 7"]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["unpinned-package 11:5"]);
  });
  it("a recipe with only named or builtin extensions, and other YAML with `title` and `extensions`, are not claimed", () => {
    const named = recipe("  - github\n  - summarizer\n");
    const builtin = recipe("- type: builtin\n  name: developer\n");
    const other = "title: Docs site\nextensions:\n  - type: markdown\n    name: toc\n";
    const r = scanSources([{ path: "recipes/a.yaml", text: named }, { path: "recipes/b.yaml", text: builtin }, { path: "mkdocs.yml", text: other }]);
    expect(r.model.servers).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});
