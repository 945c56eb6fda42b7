/**
 * tool-auto-approval on auto-approve lists as real configs spell tool names:
 * snake_case, camelCase (Atlassian's remote server: createJiraIssue) and
 * dashed (Notion's API-post-page) alike.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";

function messages(path: string, text: string): string[] {
  return scanSources([{ path, text }]).findings.filter((f) => f.ruleId === "tool-auto-approval").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);
}

describe("tool-auto-approval on auto-approve lists", () => {
  it("reports state-changing tools whatever the spelling of their names", () => {
    const text = `{ "mcpServers": {
  "atlassian": { "command": "npx", "args": ["-y", "mcp-remote@0.1.18", "https://mcp.atlassian.com/v1/sse"], "alwaysAllow": ["getJiraIssue", "searchJiraIssuesUsingJql", "createJiraIssue", "editJiraIssue"] },
  "notion": { "command": "npx", "args": ["-y", "@notionhq/notion-mcp-server@1.8.1"], "alwaysAllow": ["API-get-self", "API-post-page", "API-patch-block-children"] }
} }
`;
    // At the list: the column of its `[`.
    const col = (line: number) => {
      const l = text.split("\n")[line - 1] as string;
      return l.indexOf("[", l.indexOf('"alwaysAllow"')) + 1;
    };
    expect(messages("cline_mcp_settings.json", text)).toEqual([
      `2:${col(2)} Server 'atlassian' (cline) auto-approves tools that change state: createJiraIssue, editJiraIssue.`,
      `3:${col(3)} Server 'notion' (cline) auto-approves tools that change state: API-post-page, API-patch-block-children.`,
    ]);
  });

  it("read-only names in any spelling are no finding", () => {
    const text = `{ "mcpServers": { "atlassian": { "url": "https://mcp.atlassian.com/v1/sse", "autoApprove": ["getJiraIssue", "getConfluencePage", "lookupJiraAccountId", "get_settings", "list_commands"] } } }\n`;
    expect(messages(".kiro/settings/mcp.json", text)).toEqual([]);
  });
});
