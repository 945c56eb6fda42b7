import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "copilot";
const AGENT = ".github/copilot/mcp.json";

describe("GitHub Copilot coding agent (repo copy) and CLI", () => {
  const f = scanFixture(C);

  it("expands only COPILOT_MCP_* names for the coding agent; `tools` run autonomously", () => {
    const s = f.server("acme-issues");
    expect(summary(s)).toEqual({
      client: "copilot", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/issues-mcp"],
      env: { ACME_TOKEN: "env:COPILOT_MCP_ACME_TOKEN", ACME_ORG: "env:COPILOT_MCP_ACME_ORG:-acme" }, headers: {},
      include: ["get_issue", "list_issues"], autoApprove: ["get_issue", "list_issues"], grants: ["auto-approve-list:tools"],
    });
    expect(at(s.loc)).toEqual(find(C, AGENT, '"acme-issues"'));
    expect(at(s.tools.grants[0]?.loc)).toEqual(find(C, AGENT, '["get_issue"'));
  });

  it("treats a non-COPILOT_MCP_ reference as unexpanded and `tools: [\"*\"]` as auto-approve-all", () => {
    const s = f.server("acme-deploy");
    expect(summary(s)).toEqual({
      client: "copilot", scope: "project", transport: "http", enabled: true, args: [], url: "https://deploy.acme.example/mcp", env: {},
      headers: { Authorization: "literal !${ACME_DEPLOY_TOKEN}", "X-Acme-Key": "literal" }, autoApprove: "*", grants: ["auto-approve-all:tools"],
    });
    expect(at(s.headers[1]?.loc)).toEqual(find(C, AGENT, '"OSRMH6GP'));
  });

  it("an autonomous list with a destructive tool is an auto-approve list", () => {
    expect(summary(f.server("acme-writer"))).toMatchObject({ include: ["search_docs", "delete_doc"], grants: ["auto-approve-list:tools"] });
  });

  it("the CLI file expands any $VAR/${VAR} and `tools` only filters (calls are still confirmed)", () => {
    const s = f.server("acme-cli");
    expect(summary(s)).toEqual({
      client: "copilot", scope: "user", transport: "stdio", enabled: true, command: "acme-cli-mcp", args: [],
      env: { ACME_TOKEN: "env:ACME_TOKEN", ACME_HOME: "builtin:HOME" }, headers: {}, grants: [],
    });
    expect(s.tools.grants.map((g) => `${g.kind}:${g.key}`)).toEqual(["all-tools:tools"]);
  });
});
