import { defineRule } from "../../engine/rule.js";
import { fakeGitHubToken } from "../fake-secrets.js";

const GROUP_READ = 0o040;
const OTHER_READ = 0o004;

/**
 * File modes are recorded for user-level files (`mcplint scan --user`) on
 * POSIX only: in a repository every reader of the repository reads the file
 * anyway, and `hardcoded-secret` covers that.
 */
export default defineRule({
  id: "world-readable-secret-file",
  meta: {
    title: "Configuration file with a literal secret is readable by other users",
    name: "WorldReadableSecretFile",
    description:
      "A user-level MCP configuration file holds a literal credential and its permissions let the file's group or every account on the machine read it. Other users, services running under other accounts and backup or indexing agents can then copy the credential without any exploit.",
    category: "hardcoded-secret",
    level: "warning",
    precision: "very-high",
    securitySeverity: 6.5,
    help:
      "Restrict the file to its owner now: `chmod 600 <file>`. Better, move the credential out of the file into the client's secret mechanism (an environment variable, `${input:...}`, the OS keychain) and rotate it if other people use the machine.",
    cwe: ["CWE-732"],
    references: ["https://cwe.mitre.org/data/definitions/732.html", "https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["secret", "permissions"],
  },
  messages: {
    readable: "{file} holds {count} literal secret{s} and is readable by {who} (mode {mode}); run chmod 600 on it and move the secret out of the file.",
  },
  check(model, ctx) {
    for (const file of model.files) {
      if (file.mode === undefined || (file.mode & (GROUP_READ | OTHER_READ)) === 0) continue;
      const secrets = model.secrets.filter((s) => s.loc.file === file.path);
      const first = secrets[0];
      if (!first) continue;
      const who = file.mode & OTHER_READ ? "every user on the machine" : "the file's group";
      ctx.report({
        messageId: "readable",
        data: { file: file.path, count: secrets.length, s: secrets.length === 1 ? "" : "s", who, mode: "0" + (file.mode & 0o777).toString(8).padStart(3, "0") },
        loc: first.loc,
        identity: "readable",
      });
    }
  },
  examples: {
    bad: [
      {
        file: ".cursor/mcp.json",
        mode: 0o644,
        code: `{
  "mcpServers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeGitHubToken("ghp", "world-readable")}" } }
  }
}
`,
        expect: { line: 4, column: 49 },
      },
    ],
    good: [
      {
        file: ".cursor/mcp.json",
        mode: 0o600,
        code: `{ "mcpServers": { "github": { "command": "npx", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeGitHubToken("ghp", "world-readable")}" } } } }
`,
      },
      {
        file: ".cursor/mcp.json",
        mode: 0o644,
        code: `{ "mcpServers": { "github": { "command": "npx", "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${env:GITHUB_PAT}" } } } }
`,
      },
    ],
  },
});
