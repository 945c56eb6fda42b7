/**
 * tool-auto-approval on auto-approve lists as real configs spell tool names:
 * snake_case, camelCase (Atlassian's remote server: createJiraIssue) and
 * dashed (Notion's API-post-page) alike.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { isDestructiveToolName } from "../../src/model/tool-names.js";

function messages(path: string, text: string): string[] {
  return scanSources([{ path, text }]).findings.filter((f) => f.ruleId === "tool-auto-approval").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);
}

describe("tool-auto-approval on auto-approve lists", () => {
  it("reports state-changing tools whatever the spelling of their names", () => {
    const text = `{ "mcpServers": {
  "atlassian": { "command": "npx", "args": ["-y", "mcp-remote@0.1.18", "https://mcp.atlassian.com/v1/sse"], "autoApprove": ["getJiraIssue", "searchJiraIssuesUsingJql", "createJiraIssue", "editJiraIssue"] },
  "notion": { "command": "npx", "args": ["-y", "@notionhq/notion-mcp-server@1.8.1"], "autoApprove": ["API-get-self", "API-post-page", "API-patch-block-children"] }
} }
`;
    // At the list: the column of its `[`.
    const col = (line: number) => {
      const l = text.split("\n")[line - 1] as string;
      return l.indexOf("[", l.indexOf('"autoApprove"')) + 1;
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

describe("which tool names change state", () => {
  it.each([
    "change_sonar_issue_status", "add_issue_comment", "git_add", "git_commit", "assign_issue", "close_pull_request", "merge_pull_request", "move_card", "rename_page",
    "archive_channel", "approve_deployment", "transfer_issue", "send_message", "post_message", "publish_release", "push_files", "deploy_app", "restart_service",
    "stop_instance", "kill_process", "cancel_workflow_run", "browser_click", "browser_type", "search_and_replace", "installPackage", "mcp_jira_reopen_issue",
    "resolve_issue", "resolve_review_thread", "resolveComment", "resolve_alert",
    // Script run in a page (Playwright, Puppeteer, Chrome DevTools MCP) and schema migrations (Prisma MCP), as public Kilo Code and Cline files auto-approve them.
    "browser_evaluate", "puppeteer_evaluate", "playwright_evaluate", "evaluate_script", "migrate-dev", "migrate_deploy",
    // SPARQL Update, and a run verb on anything but a SPARQL query.
    "sparql_update", "execute_sparql_update", "run_sparql_insert", "execute_sql", "run_query", "execute_cypher",
    // A call of whatever the arguments say: the AWS API MCP server's call_aws runs any AWS CLI command.
    "call_aws", "callAws", "call_tool", "call_api", "call_endpoint",
  ])("%s changes state", (name) => expect(isDestructiveToolName(name)).toBe(true));

  it.each([
    "get_merge_request", "list_merge_requests", "get_post", "get_workflow_run", "list_workflow_runs", "get_commit", "list_commits", "search_code", "read_file",
    "describe_instance", "query_run_status", "fetch_command_output", "get_change", "list_changes", "get_start_time", "getJiraIssue", "API-get-self",
    "add", "add_numbers", "addTwoNumbers", "get_settings", "list_commands", "get_file_type", "search_closed_issues", "browser_snapshot", "sonar_issue_status",
    "resolve-library-id", "resolve_library_id", "resolveLibraryId", "resolve_symbol", "resolve_hostname",
    "evaluate_response", "evaluate_model", "migrate-status", "migration_diff",
    // A SPARQL query reads (mcp-wikidata's execute_sparql: "Execute a SPARQL query on Wikidata").
    "execute_sparql", "executeSparql", "execute_sparql_query", "run_sparql", "sparql_query", "exec-sparql",
    // A call graph, and a chain's read-only contract call.
    "call_graph", "get_call_hierarchy", "callStack", "find_call_sites", "call_contract", "eth_call", "call_view_function",
  ])("%s is read-only", (name) => expect(isDestructiveToolName(name)).toBe(false));

  it("Context7's lookups in a real auto-approve list are no finding", () => {
    // The shape Cline, Roo and Kiro users commit: Context7 with both of its read tools auto-approved.
    const text = `{ "mcpServers": { "context7": { "command": "npx", "args": ["-y", "@upstash/context7-mcp@1.0.14"], "alwaysAllow": ["resolve-library-id", "get-library-docs"] } } }\n`;
    expect(messages(".roo/mcp.json", text)).toEqual([]);
  });

  it("a Playwright page script and a Prisma migration in a real auto-approve list are reported, the status read is not", () => {
    const text = `{ "mcpServers": {
  "playwright": { "command": "npx", "args": ["-y", "@playwright/mcp@0.0.38"], "alwaysAllow": ["browser_navigate", "browser_snapshot", "browser_evaluate"] },
  "prisma": { "command": "npx", "args": ["-y", "prisma@6.16.2", "mcp"], "alwaysAllow": ["migrate-status", "migrate-dev"] }
} }
`;
    expect(messages(".kilocode/mcp.json", text).map((m) => m.replace(/^\S+ /, ""))).toEqual([
      "Server 'playwright' (kilo-code) auto-approves tools that change state: browser_evaluate.",
      "Server 'prisma' (kilo-code) auto-approves tools that change state: migrate-dev.",
    ]);
  });

  it("an auto-approve list with a status change is reported", () => {
    const text = `{ "mcpServers": { "sonar": { "command": "npx", "args": ["-y", "sonarqube-mcp-server@1.0.0"], "alwaysAllow": ["search_sonar_issues_in_projects", "change_sonar_issue_status"] } } }\n`;
    expect(messages(".roo/mcp.json", text).map((m) => m.replace(/^\S+ /, ""))).toEqual(["Server 'sonar' (roo-code) auto-approves tools that change state: change_sonar_issue_status."]);
  });

  it("Roo Code auto-approving Wikidata's SPARQL query tool is no finding; a SPARQL update tool is", () => {
    // The mcp-wikidata server's tools: search_entity, search_property, get_properties, get_metadata, execute_sparql (queries query.wikidata.org).
    const wikidata = `{ "mcpServers": { "wikidata": { "command": "uv", "args": ["--directory", "/opt/mcp-wikidata", "run", "src/server.py"], "alwaysAllow": ["search_entity", "get_properties", "execute_sparql"] } } }\n`;
    expect(messages(".roo/mcp.json", wikidata)).toEqual([]);
    const store = `{ "mcpServers": { "triples": { "command": "acme-triples-mcp", "alwaysAllow": ["execute_sparql", "sparql_update"] } } }\n`;
    expect(messages(".roo/mcp.json", store).map((m) => m.replace(/^\S+ /, ""))).toEqual(["Server 'triples' (roo-code) auto-approves tools that change state: sparql_update."]);
  });
});
