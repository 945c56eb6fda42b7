import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import type { McpServer } from "../../../src/model/types.js";
import { at, describe as describeValue, find, scanFixture, summary } from "./helpers.js";

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

describe("Copilot coding agent: variables of the entry's own env in args", () => {
  // The shape of GitHub's own examples (Sentry, Atlassian): `$X` in args names a key of `env`.
  const file = `{
  "mcpServers": {
    "sentry": {
      "type": "local", "command": "npx", "tools": ["get_issue_details"],
      "args": ["@sentry/mcp-server@1.0.0", "--host=$SENTRY_HOST"],
      "env": { "SENTRY_HOST": "https://acme.sentry.example", "SENTRY_ACCESS_TOKEN": "$COPILOT_MCP_SENTRY_ACCESS_TOKEN" }
    },
    "rovo": {
      "type": "local", "command": "npx", "tools": ["get_issue"],
      "args": ["mcp-remote@1.0.0", "https://mcp.acme.example/v1/mcp", "--header", "Authorization: Basic \${ACME_API_KEY}", "--region=$ACME_REGION"],
      "env": { "ACME_API_KEY": "$COPILOT_MCP_ACME_API_KEY" }
    }
  }
}
`;
  const result = scanSources([{ path: AGENT, text: file }]);
  const server = (name: string) => result.model.servers.find((s) => s.name === name) as McpServer;

  it("are filled from that variable: not unexpanded, and a credential arg is a reference to it", () => {
    expect(server("sentry").args.map(describeValue)).toEqual(["literal", "env:SENTRY_HOST"]);
    const rovo = server("rovo");
    // `$ACME_REGION` is no key of its env: still unexpanded text.
    expect(rovo.args.map(describeValue)).toEqual(["literal", "literal", "literal", "env:ACME_API_KEY", "literal !$ACME_REGION"]);
    expect(rovo.credentials.filter((c) => c.source === "arg").map((c) => [c.key, describeValue(c)])).toEqual([["--header", "env:ACME_API_KEY"]]);
    const unexpanded = result.findings.filter((f) => f.ruleId === "unexpanded-reference");
    expect(unexpanded.map((f) => [f.server?.name, f.loc.line])).toEqual([["rovo", 10]]);
  });
});

describe("Copilot coding agent: a bare COPILOT_MCP_ name as an env value", () => {
  it("is a reference to that secret (the first documented form), not a literal", () => {
    const text = `{ "mcpServers": { "sentry": { "type": "local", "command": "acme-sentry-mcp", "tools": ["get_issue"],\n  "env": { "SENTRY_ACCESS_TOKEN": "COPILOT_MCP_SENTRY_ACCESS_TOKEN", "SENTRY_HOST": "sentry.acme.example" } } } }\n`;
    const s = scanSources([{ path: AGENT, text }]).model.servers[0] as McpServer;
    expect(s.env.map((v) => [v.key, describeValue(v)])).toEqual([["SENTRY_ACCESS_TOKEN", "env:COPILOT_MCP_SENTRY_ACCESS_TOKEN"], ["SENTRY_HOST", "literal"]]);
    expect(s.credentials.map((c) => describeValue(c))).toEqual(["env:COPILOT_MCP_SENTRY_ACCESS_TOKEN", "literal"]);
  });
});

describe("Copilot CLI workspace file `.github/mcp.json`", () => {
  // `copilot mcp --help`: "Workspace .mcp.json or .github/mcp.json"; `mcpServers` or the bare Claude-style map.
  const WS = ".github/mcp.json";

  it("is read as Copilot CLI servers of the project, with its `${VAR}` references", () => {
    const text = `{
  "mcpServers": {
    "sonarqube": {
      "command": "docker",
      "args": ["run", "-i", "--rm", "-e", "SONARQUBE_TOKEN", "mcp/sonarqube"],
      "env": { "SONARQUBE_TOKEN": "\${SONARQUBE_TOKEN}" }
    },
    "docs": { "type": "http", "url": "https://docs.acme.example/mcp", "tools": ["*"] }
  }
}
`;
    const r = scanSources([{ path: WS, text }]);
    expect(r.model.servers.map((s) => [s.name, s.client, s.scope, s.transport, at(s.loc)])).toEqual([
      ["sonarqube", "copilot", "project", "stdio", [3, 5]],
      ["docs", "copilot", "project", "http", [8, 5]],
    ]);
    const sonar = r.model.servers[0] as McpServer;
    expect(sonar.env.map((v) => [v.key, describeValue(v)])).toEqual([["SONARQUBE_TOKEN", "env:SONARQUBE_TOKEN"]]);
    // The CLI confirms each call: `tools: ["*"]` only filters.
    expect((r.model.servers[1] as McpServer).tools.grants.map((g) => g.kind)).toEqual(["all-tools"]);
  });

  it("reads the bare map too", () => {
    const text = `{ "acme": { "type": "local", "command": "acme-mcp", "env": { "ACME_KEY": "$ACME_KEY" } } }\n`;
    const s = scanSources([{ path: WS, text }]).model.servers;
    expect(s.map((x) => [x.name, x.client, x.command?.raw, x.env.map(describeValue)])).toEqual([["acme", "copilot", "acme-mcp", ["env:ACME_KEY"]]]);
  });

  it("says so when the servers sit under VS Code's `servers` key, which Copilot ignores", () => {
    for (const path of [WS, AGENT]) {
      const r = scanSources([{ path, text: `{\n  "servers": { "orchard": { "type": "http", "url": "https://ai.acme.example" } }\n}\n` }]);
      expect(r.model.servers).toEqual([]);
      expect(r.diagnostics.map((d) => [d.level, d.loc?.line, d.loc?.column])).toEqual([["warning", 2, 3]]);
      expect(r.diagnostics[0]?.message).toContain("never starts 'orchard'");
    }
  });
});

describe("Copilot custom agent profiles: `mcp-servers` in the YAML front matter", () => {
  const f = scanFixture(C);
  const REPO = ".github/agents/acme-triage.agent.md";
  const ORG = ".github-private/agents/acme-release.md";
  const findings = (file: string) => f.result.findings.filter((x) => x.loc.file === file).map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`);

  it("reads a repository agent's servers; `${{ secrets.X }}`, `${{ vars.X }}` and `$COPILOT_MCP_X` are references", () => {
    const s = f.server("acme-tickets", REPO);
    expect(summary(s)).toEqual({
      client: "copilot", scope: "project", transport: "stdio", enabled: true, command: "npx", args: ["-y", "@acme/tickets-mcp@2.1.0"],
      env: { ACME_TOKEN: "secretStore:secrets.COPILOT_MCP_ACME_TOKEN", ACME_ORG: "secretStore:vars.COPILOT_MCP_ACME_ORG", ACME_SITE: "env:COPILOT_MCP_ACME_SITE" }, headers: {},
      // The agent's own `tools` allows only `acme-tickets/get_ticket` of the two the server lists.
      include: ["get_ticket"], autoApprove: ["get_ticket"], grants: ["auto-approve-list:tools"],
    });
    expect(at(s.loc)).toEqual(find(C, REPO, "acme-tickets:"));
    expect(at(s.tools.grants[0]?.loc)).toEqual(find(C, REPO, "['read'"));
  });

  it("reports a literal header, a reference the agent does not expand and `tools: [\"*\"]` at their lines", () => {
    expect(summary(f.server("acme-ops", REPO))).toMatchObject({ transport: "http", url: "https://ops.acme.example/mcp", headers: { Authorization: "literal !${ACME_OPS_TOKEN}", "X-Acme-Key": "literal" }, autoApprove: "*" });
    const [star, ref, key] = [find(C, REPO, '["*"]'), find(C, REPO, "'Bearer"), find(C, REPO, "'3dp8")];
    expect(findings(REPO)).toEqual([`tool-auto-approval ${star.join(":")}`, `unexpanded-reference ${ref.join(":")}`, `hardcoded-secret ${key[0]}:${key[1] + 1}`]);
    const secret = f.result.findings.find((x) => x.loc.file === REPO && x.ruleId === "hardcoded-secret");
    expect(secret?.message).toContain("header of MCP server 'acme-ops' (copilot)");
    expect(JSON.stringify(f.result.findings)).not.toContain("3dp8ivVmEy0lxldBlrUAYKtPLbi2HjzY");
  });

  it("reads an organization agent in `.github-private/agents/*.md`", () => {
    expect(summary(f.server("acme-notes", ORG))).toMatchObject({ command: "acme-notes-mcp", env: { ACME_NOTES_TOKEN: "env:COPILOT_MCP_ACME_NOTES_TOKEN" }, autoApprove: ["search_notes", "delete_note"] });
    expect(findings(ORG)).toEqual([`tool-auto-approval ${find(C, ORG, "['search_notes'").join(":")}`]);
  });

  it("narrows a server's `tools: [\"*\"]` to what the agent's own `tools` names (GitHub's documented example)", () => {
    const agent = (tools: string) => `---\nname: my-custom-agent-with-mcp\ndescription: Custom agent description\n${tools}mcp-servers:\n  custom-mcp:\n    type: 'local'\n    command: 'some-command'\n    args: ['--arg1', '--arg2']\n    tools: ["*"]\n    env:\n      ENV_VAR_NAME: \${{ secrets.COPILOT_MCP_ENV_VAR_VALUE }}\n---\n\nPrompt\n`;
    const run = (tools: string) => {
      const r = scanSources([{ path: ".github/agents/my.agent.md", text: agent(tools) }]);
      return { tools: r.model.servers[0]?.tools, findings: r.findings.map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`) };
    };
    const one = run("tools: ['tool-a', 'tool-b', 'custom-mcp/tool-1']\n");
    expect(one.tools).toMatchObject({ include: ["tool-1"], autoApprove: ["tool-1"], grants: [{ kind: "auto-approve-list", key: "tools", tools: ["tool-1"], loc: { line: 4, column: 8 } }] });
    expect(one.findings).toEqual([]);
    expect(run("tools: 'read, custom-mcp/delete_all'\n").tools?.autoApprove).toEqual(["delete_all"]);
    const none = run("tools: []\n");
    expect([none.tools?.include, none.tools?.autoApprove, none.tools?.grants.filter((g) => g.key === "tools")]).toEqual([[], undefined, []]);
    // No agent `tools` (every tool), `*` or `custom-mcp/*`: the server's `*` runs unprompted.
    for (const tools of ["", "tools: ['*']\n", "tools: ['custom-mcp/*']\n"]) expect(run(tools).findings).toEqual([`tool-auto-approval ${tools ? 10 : 9}:12`]);
  });

  it("reads a Copilot CLI personal agent (`.copilot/agents/*.md`) as the CLI runs it: `tools: [\"*\"]` offers every tool, each call asked for", () => {
    const front = "---\ndescription: 'x'\nmcp-servers:\n  acme-a:\n    type: 'local'\n    command: 'acme-a-mcp'\n    tools: [\"*\"]\n    env: { ACME_A_TOKEN: $ACME_A_TOKEN }\n---\n";
    const r = scanSources([{ path: "dotfiles/.copilot/agents/acme-a.md", text: front }]);
    expect(r.model.servers.map((s) => `${s.name} ${s.client} ${s.scope} ${describeValue(s.env[0] as McpServer["env"][number])}`)).toEqual(["acme-a copilot user env:ACME_A_TOKEN"]);
    expect(r.findings.map((x) => `${x.ruleId} ${x.level} ${x.loc.line}:${x.loc.column}`)).toEqual(["broad-resource-access note 7:12"]);
  });

  it("reads `agents/*.agent.md` when the `.github-private` checkout itself is scanned; other Markdown stays text", () => {
    const front = "---\ndescription: 'x'\nmcp-servers:\n  acme-a:\n    type: 'local'\n    command: 'acme-a-mcp'\n---\n";
    const r = scanSources([{ path: "agents/acme-a.agent.md", text: front }, { path: "docs/acme-b.md", text: front.replace("acme-a", "acme-b") }]);
    expect(r.model.servers.map((s) => `${s.name} ${s.client} ${s.file}`)).toEqual(["acme-a copilot agents/acme-a.agent.md"]);
  });
});
