/** A credential commented out in a parsed config file is still in the file: it is reported where it stands. */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";

const token = fakeGitHubToken("ghp", "config-comments");

describe("secrets in the comments of parsed config files", () => {
  it.each([
    // An old token left in a comment above the reference that replaced it.
    [".cursor/mcp.json", `{\n  "mcpServers": { "github": { "command": "gh-mcp", "env": {\n    // "GITHUB_TOKEN": "${token}",\n    "GITHUB_TOKEN": "\${env:GITHUB_TOKEN}" } } }\n}\n`, "3:25"],
    [".vscode/settings.json", `{\n  /* token: ${token} */\n  "editor.fontSize": 12\n}\n`, "2:13"],
    [".codex/config.toml", `# token = "${token}"\nmodel = "o3"\n`, "1:12"],
    [".continue/config.yaml", `name: acme\n# GITHUB_TOKEN: ${token}\nmcpServers: []\n`, "2:17"],
  ])("%s", (file, text, at) => {
    const r = scanSources([{ path: file, text }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual([at]);
    expect(JSON.stringify(r.findings)).not.toContain(token);
  });

  it("a secret both in a value and in a comment is reported at each place once", () => {
    const r = scanSources([{ path: ".codex/config.toml", text: `[mcp_servers.gh]\ncommand = "gh-mcp"\nenv = { GITHUB_TOKEN = "${token}" } # was "${token}"\n` }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(["3:25", "3:76"]);
  });
});
