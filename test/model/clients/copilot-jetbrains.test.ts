import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { at, describe as describeValue, find, scanFixture, summary } from "./helpers.js";

const C = "copilot-jetbrains";
const FILE = "home/.config/github-copilot/intellij/mcp.json";

describe("GitHub Copilot for JetBrains IDEs (github-copilot/intellij/mcp.json, VS Code's servers shape)", () => {
  const f = scanFixture(C);

  it("reads the user's servers, with their inputs and environment references", () => {
    expect(f.servers.map((s) => [s.client, s.name, s.transport, s.scope])).toEqual([["copilot", "acme-hub", "http", "user"], ["copilot", "acme-notes", "stdio", "user"]]);
    expect(summary(f.server("acme-notes"))).toMatchObject({ command: "npx", env: { ACME_NOTES_KEY: "input:acme-notes-key", ACME_REGION: "env:ACME_REGION" } });
    expect(f.server("acme-hub").headers.map(describeValue)).toEqual(["literal"]);
  });

  it("a literal bearer token in requestInit.headers is reported at its value, tied to its server", () => {
    const hits = f.result.findings.filter((x) => x.ruleId === "hardcoded-secret");
    const [line, col] = find(C, FILE, '"Bearer ');
    expect(hits.map((x) => [x.server?.name, x.server?.client, ...(at(x.loc) ?? [])])).toEqual([["acme-hub", "copilot", line, col + '"Bearer '.length]]);
  });

  it("a Claude-style mcpServers map is named as never started, by this client's name", () => {
    const text = '{\n  "mcpServers": {\n    "acme-wiki": { "command": "npx", "args": ["-y", "@acme/wiki-mcp@2.0.0"] }\n  }\n}\n';
    const d = scanSources([{ path: "home/AppData/Local/github-copilot/intellij/mcp.json", text }]).diagnostics;
    expect(d.map((x) => x.message)).toEqual([
      "home/AppData/Local/github-copilot/intellij/mcp.json:2:3: Copilot for JetBrains reads servers from `servers`, not `mcpServers`, so it never starts 'acme-wiki' (rename the key to \"servers\")",
    ]);
  });
});

describe("Snowflake Cortex Code Desktop (Cortex Code/User/mcp.json, a VS Code fork)", () => {
  it("reads VS Code's servers shape under Cortex Code's name, and names a Claude-style map as never started", () => {
    const servers = '{\n  "servers": {\n    "acme-notes": { "type": "stdio", "command": "npx", "args": ["-y", "@acme/notes-mcp@1.2.0"], "env": { "ACME_KEY": "${input:acme-key}" } }\n  }\n}\n';
    const r = scanSources([{ path: "AppData/Roaming/Cortex Code/User/mcp.json", text: servers }]);
    expect(r.model.servers.map((s) => [s.client, s.name, s.scope, s.env.map((e) => e.ref.kind).join()])).toEqual([["cortex-code", "acme-notes", "user", "input"]]);
    const claude = '{\n  "mcpServers": { "acme-wiki": { "command": "acme-wiki-mcp" } }\n}\n';
    expect(scanSources([{ path: "Library/Application Support/Cortex Code/User/mcp.json", text: claude }]).diagnostics.map((d) => d.message)).toEqual([
      "Library/Application Support/Cortex Code/User/mcp.json:2:3: Cortex Code Desktop reads servers from `servers`, not `mcpServers`, so it never starts 'acme-wiki' (rename the key to \"servers\")",
    ]);
  });
});
