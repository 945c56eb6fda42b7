/**
 * A server its configuration disables (`disabled: true` in Cline, Roo, Kiro...,
 * `enabled: false` in Goose and Codex) is still reported: it is one switch
 * away from running. Its findings say it is disabled, except those about a
 * literal credential, which is exposed whether or not the server runs.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";

const literal = ["Qm7vX2pLr9", "TzW4kB8nYe", "Hd3s"].join("");
const NOTE = "The server is disabled in this configuration: this applies when it is enabled.";

const cline = `{ "mcpServers": {
  "off-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"], "disabled": true, "autoApprove": ["*"],
    "env": { "ACME_API_KEY": "${literal}" } },
  "off-http": { "url": "http://mcp.acme.example/mcp", "disabled": true },
  "on-fs": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"], "autoApprove": ["*"] }
} }
`;
const codex = `[mcp_servers.offcodex]\ncommand = "npx"\nargs = ["-y", "@acme/notes-mcp"]\nenabled = false\ndefault_tools_approval_mode = "approve"\n`;

describe("findings about a disabled server", () => {
  const r = scanSources([
    { path: "cline_mcp_settings.json", text: cline },
    { path: ".codex/config.toml", text: codex },
  ]);
  const byServer = (name: string) => r.findings.filter((f) => f.server?.name === name).map((f) => [f.ruleId, f.level, f.message.endsWith(NOTE)]);

  it("say that the server is disabled, at the same level", () => {
    expect(byServer("off-fs")).toEqual([
      ["unpinned-package", "warning", true],
      ["broad-resource-access", "warning", true],
      ["tool-auto-approval", "warning", true],
      // The literal is in the file whether or not the server runs.
      ["hardcoded-secret", "warning", false],
    ]);
    expect(byServer("off-http")).toEqual([
      ["plain-http-remote", "warning", true],
      ["unauthenticated-remote", "note", true],
    ]);
    expect(byServer("offcodex")).toEqual([
      ["unpinned-package", "warning", true],
      ["tool-auto-approval", "warning", true],
    ]);
  });

  it("and only those: an enabled server's findings do not", () => {
    expect(byServer("on-fs")).toEqual([
      ["unpinned-package", "warning", false],
      ["broad-resource-access", "warning", false],
      ["tool-auto-approval", "warning", false],
    ]);
  });
});
