import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "gh-aw";
const WF = ".github/workflows/issue-triage.md";
const SHARED = ".github/workflows/shared/mcp/acme-wiki.md";

describe("GitHub Agentic Workflows: `mcp-servers` and `tools.github` in a workflow's front matter", () => {
  const f = scanFixture(C);
  const findings = (file: string) => f.result.findings.filter((x) => x.loc.file === file).map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`);
  const pos = (file: string, needle: string) => find(C, file, needle).join(":");

  it("reads a container server: its image, `${{ secrets.X }}` as a reference, `allowed` as what runs unprompted", () => {
    const s = f.server("notion", WF);
    expect(summary(s)).toEqual({
      client: "gh-aw", scope: "project", transport: "container", enabled: true, args: [],
      env: { NOTION_TOKEN: "secretStore:secrets.NOTION_TOKEN" }, headers: {},
      include: ["search_pages", "get_page"], autoApprove: ["search_pages", "get_page"], grants: ["auto-approve-list:allowed"],
    });
    expect(s.image?.raw).toBe("mcp/notion");
    expect(at(s.loc)).toEqual(find(C, WF, "notion:"));
    expect(at(s.tools.grants[0]?.loc)).toEqual(find(C, WF, '["search_pages"'));
  });

  it("reports a literal env token (redacted), `allowed: [\"*\"]`, an autonomous delete tool and the untagged image at their lines", () => {
    expect(summary(f.server("acme-search", WF))).toMatchObject({ transport: "stdio", command: "npx", env: { ACME_API_KEY: "literal" }, autoApprove: "*", grants: ["auto-approve-all:allowed"] });
    expect(summary(f.server("acme-records", WF))).toMatchObject({ transport: "http", headers: { Authorization: "secretStore:secrets.ACME_RECORDS_TOKEN" }, autoApprove: ["search_records", "delete_record"] });
    const key = find(C, WF, "CIrsr1j3");
    expect(findings(WF)).toEqual(
      expect.arrayContaining([
        `unpinned-package ${pos(WF, '"mcp/notion"')}`,
        `hardcoded-secret ${key[0]}:${key[1]}`,
        `tool-auto-approval ${pos(WF, '["*"]')}`,
        `tool-auto-approval ${find(C, WF, "- search_records")[0]}:${find(C, WF, "- search_records")[1]}`,
        `broad-resource-access ${pos(WF, "deepwiki:")}`,
      ]),
    );
    // `${{ secrets.X }}` is a reference: no secret finding on any of them.
    expect(f.result.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.file}:${x.loc.line}`)).toEqual([`${WF}:${key[0]}`]);
    expect(JSON.stringify(f.result.findings)).not.toContain("CIrsr1j3L8cVZ7Jp0ukhDtLB6NQ6hgJ5");
  });

  it("a server with no `allowed` exposes every tool it offers (a note), not an auto-approval", () => {
    const s = f.server("deepwiki", WF);
    expect(s.tools.grants.map((g) => `${g.kind}:${g.key}`)).toEqual(["all-tools:allowed"]);
    const note = f.result.findings.find((x) => x.ruleId === "broad-resource-access" && x.loc.line === s.loc.line);
    expect(note?.level).toBe("note");
    expect(f.result.findings.some((x) => x.ruleId === "tool-auto-approval" && x.loc.line === s.loc.line)).toBe(false);
  });

  it("models the built-in GitHub server with its `github-token` reference; its toolsets narrow it (no grant)", () => {
    const s = f.server("github", WF);
    expect(s.transport).toBe("container");
    expect(s.credentials.map((c) => `${c.key} ${c.ref.kind}`)).toEqual(["github-token secretStore"]);
    expect(s.tools.grants).toEqual([]);
    expect(at(s.loc)).toEqual(find(C, WF, "github:"));
  });

  it("the GitHub server: `allowed` (names or `{ name, max-calls }`) narrows a read-only server, no auto-approval; `mode: gh-proxy` is no MCP server", () => {
    const wf = (github: string) => `---\non: issues\ntools:\n  github:\n${github}---\n`;
    const read = (github: string) => scanSources([{ path: ".github/workflows/a.md", text: wf(github) }]);
    const r = read(`    mode: remote\n    allowed:\n      - name: issue_read\n        max-calls: 1\n      - list_labels\n`);
    expect(r.model.servers.map((x) => [x.name, x.transport, x.tools.include, x.tools.grants.length])).toEqual([["github", "http", ["issue_read", "list_labels"], 0]]);
    expect(read(`    allowed: ["*"]\n`).findings.filter((x) => x.ruleId === "tool-auto-approval")).toEqual([]);
    expect(read(`    mode: gh-proxy\n`).model.servers).toEqual([]);
    // A custom server's `{ name, max-calls }` entries (documented for `tools.github`) are read as tool names too.
    const custom = scanSources([{ path: ".github/workflows/b.md", text: `---\non: issues\nmcp-servers:\n  notes:\n    command: acme-notes-mcp\n    allowed:\n      - name: delete_note\n        max-calls: 1\n---\n` }]);
    expect(custom.model.servers[0]?.tools.autoApprove).toEqual(["delete_note"]);
    expect(custom.findings.filter((x) => x.ruleId === "tool-auto-approval").map((x) => `${x.loc.line}:${x.loc.column}`)).toEqual(["7:7"]);
  });

  it("reads a shared import (front matter only) and leaves other Markdown of the folder as plain text", () => {
    expect(summary(f.server("acme-wiki", SHARED))).toMatchObject({ transport: "http", headers: { "X-Acme-Key": "secretStore:secrets.ACME_WIKI_KEY" }, autoApprove: ["get_page", "search"] });
    expect(f.servers.map((s) => s.file).filter((p) => p.endsWith("README.md"))).toEqual([]);
    expect(f.result.model.files.find((x) => x.path === ".github/workflows/README.md")?.format).toBe("text");
  });

  it("a literal provider token in `env` is reported once, redacted; the same key as `${{ secrets.X }}` is not", () => {
    const token = fakeGitHubToken();
    const wf = (v: string) => `---\non: workflow_dispatch\nmcp-servers:\n  tickets:\n    command: acme-tickets-mcp\n    env:\n      GH_TOKEN: "${v}"\n    allowed: [get_ticket]\n---\n\nDo it.\n`;
    const bad = scanSources([{ path: ".github/workflows/a.md", text: wf(token) }]);
    expect(bad.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.line}:${x.loc.column}`)).toEqual(["7:18"]);
    expect(JSON.stringify(bad.findings)).not.toContain(token);
    const good = scanSources([{ path: ".github/workflows/a.md", text: wf("${{ secrets.GH_TOKEN }}") }]);
    expect(good.findings.filter((x) => x.ruleId === "hardcoded-secret")).toEqual([]);
    expect(good.model.servers.map((s) => `${s.name} ${s.client}`)).toEqual(["tickets gh-aw"]);
  });

  it("every `${{ ... }}` is evaluated and the MCP gateway expands `${VAR}` (gh-aw's shared azure-devops.md and serena.md): no unexpanded-reference; elsewhere they still are", () => {
    const ado = `---\nimport-schema:\n  organization:\n    type: string\nmcp-servers:\n  azure-devops:\n    url: "https://mcp.dev.azure.com/\${{ github.aw.import-inputs.organization }}"\n    headers:\n      Authorization: "Bearer \${{ secrets.ADO_MCP_AUTH_TOKEN }}"\n    allowed: [wit_get_work_item]\n---\n`;
    const serena = `---\nmcp-servers:\n  serena:\n    container: "ghcr.io/oraios/serena:v1.2.0"\n    entrypointArgs:\n      - start-mcp-server\n      - --project\n      - \\\${GITHUB_WORKSPACE}\n    env:\n      PATH: \\\${PATH}\n      DD_API_KEY: "\${{ secrets.DD_API_KEY || secrets.DATADOG_KEY }}"\n    allowed: [find_symbol]\n---\n`;
    const r = scanSources([{ path: ".github/workflows/shared/mcp/azure-devops.md", text: ado }, { path: ".github/workflows/shared/mcp/serena.md", text: serena }]);
    expect(r.findings.map((x) => `${x.ruleId} ${x.loc.file}:${x.loc.line}`)).toEqual([]);
    expect(r.model.servers.flatMap((s) => s.credentials.map((c) => `${s.name} ${c.key} ${c.ref.kind === "secretStore" ? c.ref.name : c.ref.kind}`))).toEqual([
      "azure-devops Authorization secrets.ADO_MCP_AUTH_TOKEN",
      "serena PATH env",
      "serena DD_API_KEY secrets.DD_API_KEY",
    ]);
    // A client that evaluates no Actions expression receives the text: reported, with its `$`.
    const claude = scanSources([{ path: ".mcp.json", text: `{ "mcpServers": { "ado": { "type": "http", "url": "https://mcp.dev.azure.com/\${{ github.aw.import-inputs.organization }}" } } }\n` }]);
    expect(claude.findings.filter((x) => x.ruleId === "unexpanded-reference").map((x) => x.message)).toEqual([
      "Server 'ado' (claude-code): url holds `${{ github.aw.import-inputs.organization }}`, which claude-code does not expand here (it expands `${VAR}`); the server receives the literal text.",
    ]);
  });

  it("a plain-http hop to a service container of the job (gh-aw's shared jupyter.md) is a note, as a gateway's; a public http:// host stays a warning", () => {
    const wf = (url: string) => `---\nservices:\n  jupyter-mcp:\n    image: datalayer/jupyter-mcp-server:0.17.0\nmcp-servers:\n  jupyter:\n    type: http\n    url: "${url}"\n    allowed: [get_cell_output]\n---\n`;
    const hop = (url: string) => scanSources([{ path: ".github/workflows/shared/mcp/jupyter.md", text: wf(url) }]).findings.filter((x) => x.ruleId === "plain-http-remote").map((x) => `${x.loc.line}:${x.loc.column} ${x.level} ${x.message.split(" ").slice(0, 2).join(" ")}`);
    expect(hop("http://jupyter-mcp:3000")).toEqual(["8:10 note Server-side client"]);
    expect(hop("http://mcp.acme.example/mcp")).toEqual(["8:10 warning Server 'jupyter'"]);
  });

  it("`services:` are the job's service containers, no MCP server: a literal password there is a file finding; the compiled .lock.yml is not read as a second copy of the servers", () => {
    const pw = fakeGitHubToken("ghp", "gh-aw-services");
    const md = `---\non: issues\nengine: copilot\nservices:\n  postgres:\n    image: postgres:16\n    env:\n      POSTGRES_PASSWORD: ${pw}\nmcp-servers:\n  notes:\n    command: npx\n    args: ["-y", "@acme/notes-mcp@1.2.3"]\n    allowed: [search]\n---\n# Triage\n`;
    const lock = `name: "Triage"\non: issues\njobs:\n  agent:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          cat > /tmp/gh-aw/mcp-config.json << 'EOF'\n          {"mcpServers": {"notes": {"command": "npx", "args": ["-y", "@acme/notes-mcp@1.2.3"]}}}\n          EOF\n`;
    const r = scanSources([{ path: ".github/workflows/triage.md", text: md }, { path: ".github/workflows/triage.lock.yml", text: lock }]);
    expect(r.model.servers.map((s) => `${s.client} ${s.name} ${s.file}`)).toEqual(["gh-aw notes .github/workflows/triage.md"]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.loc.line}:${f.loc.column} ${f.server?.name ?? "-"}`)).toEqual(["8:26 -"]);
  });

  it("a `container:` server launches what its `entrypointArgs` run (a real workflow's `node:lts` + `npx -y github:...`); its docker `args` give facts", () => {
    const text = `---\non: workflow_dispatch\nmcp-servers:\n  jfrog:\n    container: "node:lts"\n    args: ["--privileged"]\n    entrypointArgs:\n      - npx\n      - -y\n      - github:jfrog/mcp-jfrog\n    allowed: [jfrog_list_repositories]\n---\n`;
    const r = scanSources([{ path: ".github/workflows/jfrog.md", text }]);
    const s = r.model.servers[0];
    expect([s?.transport, s?.image?.raw, s?.command?.raw, s?.args.map((a) => a.raw)]).toEqual(["container", "node:lts", "npx", ["-y", "github:jfrog/mcp-jfrog"]]);
    expect(r.findings.filter((x) => x.ruleId === "unpinned-package" || x.ruleId === "broad-resource-access").map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`)).toEqual(["broad-resource-access 6:12", "unpinned-package 10:9"]);
  });

  it("does not claim Markdown in `.github/workflows/` without agentic front matter, nor Markdown elsewhere", () => {
    const servers = "mcp-servers:\n  x:\n    command: acme-x\n";
    const r = scanSources([
      { path: ".github/workflows/notes.md", text: `# Notes\n\n---\n${servers}---\n` },
      { path: ".github/workflows/doc.md", text: `---\ntitle: Doc\n---\n\n${servers}` },
      { path: "docs/agent.md", text: `---\non: push\n${servers}---\n` },
    ]);
    expect(r.model.servers).toEqual([]);
    expect(r.model.files.map((x) => x.format)).toEqual(["text", "text", "text"]);
  });
});
