import { defineRule } from "../../engine/rule.js";

/**
 * A key written twice in one JSON object or YAML mapping. The file parses;
 * its client keeps the last entry (a YAML loader may refuse the file instead), and the earlier one is dead configuration that reviewers
 * still read as live. Reported apart from parse-error, whose title says the
 * file does not parse.
 */
export default defineRule({
  id: "duplicate-key",
  meta: {
    title: "Key written twice in one JSON object or YAML mapping",
    name: "DuplicateKey",
    description:
      "A key of an MCP configuration file is written twice in one JSON object or YAML mapping (a server name, an environment variable, a header). JSON readers, and so the client, keep the last entry; YAML forbids it, and a loader keeps the last entry or refuses the file. The earlier one is ignored, though a reviewer reads it as live (a read-only flag, a pinned version, a safer URL that no longer applies). mcplint checks the entry the client reads; a token written in the ignored one is still a committed secret.",
    category: "parse-error",
    level: "warning",
    precision: "very-high",
    help: "Delete the ignored entry, or merge what it says into the last one, so that the file reads as the client runs it.",
    cwe: [],
    references: ["https://www.rfc-editor.org/rfc/rfc8259#section-4", "https://yaml.org/spec/1.2.2/#3211-nodes"],
    tags: ["correctness"],
  },
  messages: {
    shadowed: "{message} (delete it, or merge it into the last one).",
  },
  check(model, ctx) {
    for (const p of model.parseErrors) {
      if (p.shadowed) ctx.report({ messageId: "shadowed", data: { message: p.message }, loc: p.loc, identity: `${p.format}\u0000${p.message}` });
    }
  },
  examples: {
    bad: [
      // A server name written twice: the client starts the last entry only, without --read-only.
      { file: ".cursor/mcp.json", code: `{ "mcpServers": {\n  "notes": { "command": "acme-notes-mcp", "args": ["--read-only"] },\n  "notes": { "command": "acme-notes-mcp" }\n} }\n`, expect: { line: 2, column: 3 } },
      // A variable written twice in one env block: the reference wins, the first value is dead.
      { file: ".vscode/mcp.json", code: `{ "servers": { "gh": { "command": "github-mcp-server", "env": { "GITHUB_HOST": "github.com", "GITHUB_HOST": "\${input:host}" } } } }\n`, expect: { line: 1, column: 65 } },
      // The same in YAML, which forbids it: a loader refuses the file or keeps the last entry.
      { file: ".config/goose/config.yaml", code: `GOOSE_MODE: approve\nextensions:\n  notes:\n    cmd: acme-notes-mcp\n  notes:\n    cmd: acme-notes-mcp\n    args: [--read-only]\n`, expect: { line: 3, column: 3 } },
    ],
    good: [
      // One name in two objects is two keys.
      { file: ".cursor/mcp.json", code: `{ "mcpServers": {\n  "notes": { "command": "acme-notes-mcp", "env": { "NOTES_MODE": "read" } },\n  "search": { "command": "acme-search-mcp", "env": { "NOTES_MODE": "read" } }\n} }\n` },
      // A key a YAML merge (`<<`) brings in is overridden by the mapping's own, as YAML means it.
      { file: "librechat.yaml", code: `x-base: &base\n  type: streamable-http\n  url: https://old.example.com/mcp\nmcpServers:\n  notes:\n    <<: *base\n    url: https://mcp.example.com/mcp\n` },
    ],
  },
});
