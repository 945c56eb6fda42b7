/**
 * Agents that keep an `mcpServers` map (or VS Code's `servers`) in a file of their own, read under their own client:
 * Kimi CLI (`.kimi/mcp.json`), iFlow CLI (`.iflow/settings.json`, a Gemini CLI fork: a `url` is SSE, `httpUrl` streamable
 * HTTP), Augment's Auggie CLI (`.augment/settings.json`) and GitHub Copilot for Xcode (`github-copilot/xcode/mcp.json`).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { FAKE_CREDENTIAL } from "../../helpers.js";

const json = (v: unknown) => JSON.stringify(v, null, 2);

describe("Kimi CLI, iFlow CLI, Auggie, Copilot for Xcode", () => {
  const r = scanSources([
    { path: ".kimi/mcp.json", text: json({ mcpServers: { docs: { url: "https://mcp.context7.com/mcp", transport: "http", headers: { CONTEXT7_API_KEY: FAKE_CREDENTIAL } } } }) },
    { path: ".iflow/settings.json", text: json({ theme: "Default", mcpServers: { search: { url: "https://search.acme.test/sse" }, notes: { httpUrl: "https://notes.acme.test/mcp", headers: { Authorization: "Bearer ${NOTES_TOKEN}" } } } }) },
    { path: ".augment/settings.json", text: json({ mcpServers: { files: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"] } } }) },
    { path: "home/.config/github-copilot/xcode/mcp.json", text: json({ servers: { cupertino: { type: "stdio", command: "/opt/homebrew/bin/cupertino", args: ["serve"] } } }) },
  ]);

  it("reads each file's servers under its client, with the client's transport defaults", () => {
    expect(r.model.servers.map((s) => [s.file, s.client, s.scope, s.name, s.transport])).toEqual([
      [".augment/settings.json", "augment", "project", "files", "stdio"],
      [".iflow/settings.json", "iflow", "project", "search", "sse"],
      [".iflow/settings.json", "iflow", "project", "notes", "http"],
      [".kimi/mcp.json", "kimi", "project", "docs", "http"],
      ["home/.config/github-copilot/xcode/mcp.json", "copilot", "user", "cupertino", "stdio"],
    ]);
  });

  it("reports their findings on the server", () => {
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.file, f.server?.name])).toEqual([[".kimi/mcp.json", "docs"]]);
    expect(r.findings.filter((f) => f.ruleId === "broad-resource-access").map((f) => [f.loc.file, f.server?.name])).toEqual([[".augment/settings.json", "files"]]);
  });
});
