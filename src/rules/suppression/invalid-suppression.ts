import { defineRule } from "../../engine/rule.js";
import { fakeGitHubToken } from "../fake-secrets.js";

/**
 * Runs after suppressions are applied (the engine runs `suppression` rules
 * last), so it knows which comments were used.
 */
export default defineRule({
  id: "invalid-suppression",
  meta: {
    title: "Suppression comment that is malformed, unknown or unused",
    name: "InvalidSuppression",
    description:
      "An inline `mcplint-disable-line` / `mcplint-disable-next-line` comment hides findings from reviews and code scanning. One that names no rule, gives no reason, names a rule that does not exist or has a malformed date suppresses nothing and misleads readers; one that matches no finding any more is dead weight that would silently hide a future problem on that line.",
    category: "suppression",
    level: "warning",
    precision: "very-high",
    help:
      "Write `mcplint-disable-next-line <rule-id> -- <reason>` (or `mcplint-disable-line`) in a comment, optionally with `until=YYYY-MM-DD` before ` -- ` so that the finding comes back after that day. Rule ids are listed by `mcplint --list-rules`. Remove comments that no longer suppress anything (reported as notes). For files that cannot hold comments (strict JSON), use `suppressions:` in `.mcplint.yaml`.",
    cwe: [],
    references: ["https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/sarif-v2.1.0-os.html#_Toc34317757"],
    tags: ["maintainability"],
  },
  messages: {
    invalid: "This suppression comment suppresses nothing: it {problem}.",
    unknown: "This suppression comment names '{rule}', which is neither a rule id nor a category (see mcplint --list-rules).",
    unused: "This suppression comment for {rules} matches no finding on line {line}; remove it.",
  },
  check(model, ctx) {
    for (const d of model.suppressionDirectives ?? []) {
      const identity = `${d.kind}\u0000${d.rules.join(",")}\u0000${d.reason}`;
      if (d.problems.length) {
        for (const p of d.problems) ctx.report({ messageId: "invalid", data: { problem: p }, loc: d.loc, identity: `${identity}\u0000${p}` });
        continue;
      }
      for (const rule of d.unknownRules ?? []) ctx.report({ messageId: "unknown", data: { rule }, loc: d.loc, identity: `${identity}\u0000unknown:${rule}` });
      if (d.used === false && !d.expired && !(d.unknownRules ?? []).length) {
        ctx.report({ messageId: "unused", data: { rules: d.rules.join(", "), line: d.targetLine }, loc: d.loc, identity: `${identity}\u0000unused`, level: "note" });
      }
    }
  },
  examples: {
    bad: [
      {
        file: ".vscode/mcp.json",
        code: `{
  "servers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
      // mcplint-disable-next-line hardcoded-secret
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeGitHubToken("ghp", "invalid-suppression")}" } }
  }
}
`,
        expect: { line: 4, column: 7 },
      },
      {
        file: "librechat.yaml",
        code: `mcpServers:
  notes:
    # mcplint-disable-next-line -- no rule named
    url: https://mcp.example.com/notes
`,
        expect: { line: 3, column: 5 },
      },
      {
        file: ".continue/config.yaml",
        code: `mcpServers:
  - name: notes
    # mcplint-disable-next-line hardcoded-secret -- nothing on the next line any more
    command: npx
`,
        expect: { line: 3, column: 5 },
      },
    ],
    good: [
      {
        file: ".vscode/mcp.json",
        code: `{
  "servers": {
    "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
      // mcplint-disable-next-line hardcoded-secret until=2999-12-31 -- revoked test token kept for the demo
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeGitHubToken("ghp", "invalid-suppression")}" } }
  }
}
`,
      },
    ],
  },
});
