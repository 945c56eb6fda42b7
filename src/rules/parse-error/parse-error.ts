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
    securitySeverity: 2.0,
    help: "Fix the syntax at the reported position (validate the file with the client, `jq`, or a YAML/TOML linter), then scan again.",
    cwe: [],
    references: ["https://www.rfc-editor.org/rfc/rfc8259"],
    tags: ["correctness"],
  },
  messages: {
    syntax: "{message} (file not analysed).",
  },
  check(model, ctx) {
    for (const p of model.parseErrors) {
      ctx.report({ messageId: "syntax", data: { message: p.message }, loc: p.loc, identity: `${p.format}\u0000${p.message}` });
    }
  },
  examples: {
    bad: [{ file: ".mcp.json", code: `{ "mcpServers": { "a": { "command": "npx", } \n`, expect: { line: 2, column: 1 } }],
    good: [{ file: ".mcp.json", code: `{ "mcpServers": { "a": { "command": "npx" } } }\n` }],
  },
});
