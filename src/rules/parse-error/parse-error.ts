import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "parse-error",
  meta: {
    title: "MCP configuration file does not parse",
    name: "ParseError",
    description: "A file that an MCP client or gateway reads has a syntax error. The client may ignore it, fall back to defaults or refuse to start, and mcplint cannot check what it configures.",
    category: "parse-error",
    level: "warning",
    precision: "very-high",
    help: "Fix the syntax at the reported position (validate the file with the client, `jq`, or a YAML/TOML linter), then scan again.",
    cwe: [],
    references: ["https://www.rfc-editor.org/rfc/rfc8259"],
    tags: ["correctness"],
  },
  messages: {
    syntax: "{message} (file not analysed).",
    strict: "{message}: the client refuses the file, so none of its servers start until it is fixed (mcplint read it as written).",
    asWritten: "{message}; mcplint read the value as written.",
  },
  check(model, ctx) {
    // A key written twice parses: duplicate-key reports it.
    for (const p of model.parseErrors) {
      if (!p.shadowed) ctx.report({ messageId: p.asWritten ? "asWritten" : p.analysed ? "strict" : "syntax", data: { message: p.message }, loc: p.loc, identity: `${p.format}\u0000${p.message}` });
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{ "mcpServers": { "a": { "command": "npx", } \n`, expect: { line: 1, column: 42 } },
      // Claude Code reads .mcp.json as strict JSON: a comment makes it refuse the file.
      { file: ".mcp.json", code: `{\n  // team servers\n  "mcpServers": { "notes": { "command": "acme-notes-mcp" } }\n}\n`, expect: { line: 2, column: 3 } },
      // A trailing comma is reported at the comma (the parser finds it at the bracket after it).
      { file: ".claude/settings.json", code: `{ "permissions": { "allow": ["mcp__notes"], } }\n`, expect: { line: 1, column: 43 } },
    ],
    good: [
      { file: ".mcp.json", code: `{ "mcpServers": { "a": { "command": "npx" } } }\n` },
      // VS Code reads JSONC: comments and trailing commas are fine there.
      { file: ".vscode/mcp.json", code: `{\n  // team servers\n  "servers": { "notes": { "command": "acme-notes-mcp", }, },\n}\n` },
      // A key written twice parses (duplicate-key reports it).
      { file: ".cursor/mcp.json", code: `{ "mcpServers": {\n  "notes": { "command": "acme-notes-mcp" },\n  "notes": { "command": "acme-notes-mcp", "args": ["--read-only"] }\n} }\n` },
    ],
  },
});
