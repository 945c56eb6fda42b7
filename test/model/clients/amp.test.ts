import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { inventoryText } from "../../../src/report/inventory.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "amp";
const FILE = ".amp/settings.json";

describe("Amp: a bridge with OAuth client settings", () => {
  it("mcp-remote given --static-oauth-client-info has OAuth settings: no unauthenticated-remote note; a bare bridge still gets one", () => {
    const f = scanFixture(C);
    const OAUTH = "oauth-bridge/.amp/settings.json";
    const notes = f.result.findings.filter((x) => x.ruleId === "unauthenticated-remote" && x.loc.file === OAUTH);
    expect(notes.map((x) => [x.server?.name, ...(at(x.loc) ?? [])])).toEqual([["acme-open", ...find(C, OAUTH, '"https://open.acme.example/mcp"')]]);
  });
});

describe("Amp (.amp/settings.json)", () => {
  const f = scanFixture(C);

  it("reads the servers under the flat key `amp.mcpServers`", () => {
    expect(f.servers.filter((s) => s.file === FILE).map((s) => [s.client, s.name, s.transport])).toEqual([["amp", "acme-notes", "stdio"], ["amp", "acme-remote", "http"], ["amp", "scratch", "stdio"]]);
    expect(at(f.server("acme-notes").loc)).toEqual(find(C, FILE, '"acme-notes": {'));
    expect(summary(f.server("acme-remote"))).toMatchObject({ headers: { Authorization: "env:ACME_MCP_TOKEN" } });
  });

  it("`amp.dangerouslyAllowAll: true` trusts every server that starts wholesale, reported at the setting; a server `amp.mcpPermissions` rejects is not trusted", () => {
    const [line, col] = find(C, FILE, '"amp.dangerouslyAllowAll": true');
    const trusted = f.result.findings.filter((x) => x.ruleId === "tool-auto-approval" && x.message.includes("amp.dangerouslyAllowAll"));
    const value = col + '"amp.dangerouslyAllowAll": '.length;
    expect(trusted.map((x) => [x.message.match(/'([^']+)'/)?.[1], ...(at(x.loc) ?? [])])).toEqual([["acme-notes", line, value], ["acme-remote", line, value]]);
    const scratch = f.server("scratch", FILE);
    expect({ enabled: scratch.enabled, grants: scratch.tools.grants, autoApprove: scratch.tools.autoApprove }).toEqual({ enabled: false, grants: [], autoApprove: undefined });
    // Its authorization verdict is the reject rule, not the open default of the list.
    const v = verdictOf(f.result.model, scratch).authorization;
    const [ruleLine] = find(C, FILE, '{ "matches": { "command": "python"');
    expect({ value: v.value, evidence: v.evidence.map((e) => [e.file, e.line, e.key, e.note]) }).toEqual({
      value: "default-deny",
      evidence: [[FILE, ruleLine, "command python *--unsafe*", "every tool of 'scratch' is denied"]],
    });
  });

  it("an allow rule naming `mcp__<server>__<tool>` auto-approves that tool; a rule with `matches` does not count", () => {
    expect(summary(f.server("acme-notes", FILE))).toMatchObject({ autoApprove: ["delete_note"], grants: ["trust-all:amp.dangerouslyAllowAll", "auto-approve-list:amp.permissions"] });
    expect(f.server("acme-remote", FILE).tools.grants.map((g) => g.kind)).toEqual(["trust-all"]);
    const listed = f.result.findings.find((x) => x.ruleId === "tool-auto-approval" && x.message.includes("delete_note"));
    expect(at(listed?.loc)).toEqual(find(C, FILE, '"mcp__acme-notes__delete_note"'));
  });

  it("the inventory shows `amp.dangerouslyAllowAll` as trust, not as an empty auto-approve list", () => {
    const text = inventoryText(f.result.model);
    const scopes = (name: string) => text.split("\n").slice(text.split("\n").findIndex((l) => l.startsWith(`${name}  [amp]`))).find((l) => l.trim().startsWith("scope:"))?.trim();
    expect([scopes("acme-notes"), scopes("acme-remote")]).toEqual(["scope: trust: all tools; auto-approve: delete_note", "scope: trust: all tools"]);
    const tools = f.server("acme-remote", FILE).tools;
    expect([tools.trust, tools.autoApprove]).toEqual([true, undefined]);
  });

  it("without dangerouslyAllowAll, `mcp__<server>__*` allows every tool of that server", () => {
    const text = JSON.stringify({ "amp.mcpServers": { gh: { command: "gh-mcp" }, other: { command: "other-mcp" } }, "amp.permissions": [{ tool: "mcp__gh__*", action: "allow" }] }, null, 2);
    const r = scanSources([{ path: ".amp/settings.json", text }]);
    expect(r.model.servers.map((s) => [s.name, s.tools.autoApprove ?? "none"])).toEqual([["gh", "*"], ["other", "none"]]);
  });
});

describe("Amp `amp.mcpPermissions` (server-level allow/reject rules, first match wins, unmatched servers start)", () => {
  const f = scanFixture(C);
  const MANAGED = "etc/ampcode/managed-settings.json";
  const policy = (file: string) => {
    const p = f.result.model.policies.find((x) => x.file === file);
    if (!p) throw new Error(`no policy for ${file}`);
    return p;
  };
  const matchers = (ms: readonly { by: string; value: string; loc: { line: number; column: number } }[] | undefined) => (ms ?? []).map((m) => `${m.by} ${m.value}@${m.loc.line}:${m.loc.column}`);

  it("workspace settings: rules without a catch-all reject leave the default open, reported as a note at the list; the server a reject rule matches first never starts", () => {
    const p = policy(FILE);
    const [line, col] = find(C, FILE, '"amp.mcpPermissions": [');
    const listAt = col + '"amp.mcpPermissions": '.length;
    expect({ kind: p.kind, d: p.defaultDecision, loc: at(p.defaultLoc) }).toEqual({ kind: "client", d: "allow", loc: [line, listAt] });
    expect(matchers(p.serverDeny)).toEqual([`command python *--unsafe*@${find(C, FILE, '"python", "args": "*--unsafe*"').join(":")}`]);
    expect(matchers(p.serverAllow)).toEqual([`url https://mcp.acme.example/*@${find(C, FILE, '"https://mcp.acme.example/*"').join(":")}`]);
    expect(f.servers.filter((s) => s.file === FILE).map((s) => `${s.name} ${s.enabled}`)).toEqual(["acme-notes true", "acme-remote true", "scratch false"]);
    expect(f.result.findings.filter((x) => x.ruleId === "missing-default-deny" && x.loc.file === FILE).map((x) => [x.level, ...(at(x.loc) ?? [])])).toEqual([["note", line, listAt]]);
  });

  it("managed settings ending in catch-all rejects (`command: \"*\"`, `url: \"*\"`) are default-deny: only the servers an allow rule matches first start", () => {
    const p = policy(MANAGED);
    expect({ kind: p.kind, d: p.defaultDecision, loc: at(p.defaultLoc) }).toEqual({ kind: "managed", d: "deny", loc: [2, 25] });
    expect(matchers(p.serverAllow)).toEqual(["command npx * @acme/*@3:31", "url https://mcp.acme.example/*@4:27"]);
    expect(f.servers.filter((s) => s.file === MANAGED).map((s) => `${s.name} ${s.enabled}`)).toEqual(["acme-wiki true", "other-tool false"]);
    expect(f.result.findings.filter((x) => x.loc.file === MANAGED && x.ruleId === "missing-default-deny")).toEqual([]);
    expect(verdictOf(f.result.model, f.server("acme-wiki", MANAGED)).authorization.value).toBe("default-deny");
  });

  it("managed settings without `amp.mcpPermissions`, or with a catch-all for local servers only, fail open (an error, as for other managed settings)", () => {
    const open = (text: string) => scanSources([{ path: MANAGED, text }]).findings.filter((x) => x.ruleId === "missing-default-deny").map((x) => `${x.level} ${x.loc.line}:${x.loc.column} ${x.message.replace(/.*fails open: /, "")}`);
    expect(open(`{ "amp.mcpServers": {} }\n`)).toEqual(["error 1:1 unset `amp.mcpPermissions` lets every MCP server start (end the list with catch-all `reject` rules, `command: \"*\"` and `url: \"*\"`). Effective default: allow."]);
    expect(open(`{ "amp.mcpPermissions": [{ "matches": { "command": "*" }, "action": "reject" }] }\n`)).toEqual(["error 1:25 remote servers that no `amp.mcpPermissions` rule matches start (Amp allows a server no rule matches; add a catch-all `reject` rule). Effective default: allow."]);
  });

  it("a rule whose every condition is a bare `*` is a catch-all (`command: \"*\", args: \"*\"`); one with a narrower condition is not", () => {
    const decision = (permissions: unknown[]) => {
      const r = scanSources([{ path: MANAGED, text: JSON.stringify({ "amp.mcpPermissions": permissions }, null, 2) }]);
      const missing = r.findings.filter((x) => x.ruleId === "missing-default-deny").map((x) => `${x.level} ${x.loc.line}:${x.loc.column}`);
      return [r.model.policies[0]?.defaultDecision, ...missing];
    };
    const remote = { matches: { url: "*" }, action: "reject" };
    expect(decision([{ matches: { command: "*", args: "*" }, action: "reject" }, remote])).toEqual(["deny"]);
    expect(decision([{ matches: { command: ["*"], args: ["**"] }, action: "reject" }, remote])).toEqual(["deny"]);
    expect(decision([{ matches: { args: "*" }, action: "reject" }, remote])).toEqual(["deny"]);
    expect(decision([{ matches: { command: "*", args: "*--unsafe*" }, action: "reject" }, remote])).toEqual(["allow", "error 2:25"]);
    // A url condition never holds for a local server: this rule matches no server at all.
    expect(decision([{ matches: { command: "*", url: "*" }, action: "reject" }])).toEqual(["allow", "error 2:25"]);
  });

  it("the same key in VS Code settings is Amp's policy, not VS Code's", () => {
    const text = JSON.stringify({ "amp.mcpServers": { notes: { url: "https://notes.example/mcp" } }, "amp.mcpPermissions": [{ matches: { url: "https://notes.example/*" }, action: "reject" }] }, null, 2);
    const r = scanSources([{ path: ".vscode/settings.json", text }]);
    expect(r.model.policies.map((p) => `${p.client} ${p.id}`)).toEqual(["vscode .vscode/settings.json#policy", "amp .vscode/settings.json#amp-mcp-permissions"]);
    expect(r.model.servers.map((s) => `${s.client} ${s.name} ${s.enabled}`)).toEqual(["amp notes false"]);
  });
});

describe("Amp in VS Code settings (.vscode/settings.json)", () => {
  it("reads `amp.mcpServers` there as Amp's servers, beside VS Code's own, with Amp's switches", () => {
    const text = JSON.stringify({ "amp.dangerouslyAllowAll": true, "amp.mcpServers": { notes: { command: "notes-mcp" } }, mcp: { servers: { files: { command: "files-mcp" } } } }, null, 2);
    const r = scanSources([{ path: ".vscode/settings.json", text }]);
    expect(r.model.servers.map((s) => [s.client, s.name, s.tools.grants.map((g) => g.key)])).toEqual([["vscode", "files", []], ["amp", "notes", ["amp.dangerouslyAllowAll"]]]);
    expect(r.findings.filter((f) => f.ruleId === "tool-auto-approval").map((f) => f.loc.line)).toEqual([2]);
  });

  it("reads them under `settings` of a .code-workspace file, as VS Code's own switches there", () => {
    const text = JSON.stringify({ folders: [{ path: "." }], settings: { "amp.mcpServers": { notes: { command: "notes-mcp" } }, "amp.mcpPermissions": [{ matches: { command: "notes-mcp" }, action: "reject" }] } }, null, 2);
    const r = scanSources([{ path: "acme.code-workspace", text }]);
    expect(r.model.servers.map((s) => `${s.client} ${s.name} ${s.enabled} ${s.loc.line}`)).toEqual(["amp notes false 9"]);
    expect(r.model.policies.map((p) => `${p.client} ${p.defaultDecision} ${p.defaultLoc.line}`)).toEqual(["vscode ask 1", "amp allow 13"]);
  });
});

describe("Amp skills: an `mcp.json` next to the skill's SKILL.md", () => {
  // Amp's own example (ampcode.com/news/lazy-load-mcp-with-skills): a bare map, `includeTools` with a comment.
  const official = `{\n\t"chrome-devtools": {\n\t\t"command": "npx",\n\t\t"args": ["-y", "chrome-devtools-mcp@latest"],\n\t\t"includeTools": [\n\t\t\t// Tool names or glob patterns\n\t\t\t"navigate_page",\n\t\t\t"take_screenshot"\n\t\t]\n\t}\n}\n`;
  it("its servers are Amp's, narrowed by `includeTools`, and checked (a workspace skill, and a dotfiles checkout's skills/)", () => {
    const r = scanSources([
      { path: ".agents/skills/ui-preview/mcp.json", text: official },
      { path: "skills/context7-docs/mcp.json", text: `{\n  "context7": {\n    "command": "npx",\n    "args": ["-y", "@upstash/context7-mcp"],\n    "includeTools": ["resolve-library-id", "query-docs"]\n  }\n}\n` },
    ]);
    expect(r.diagnostics).toEqual([]);
    expect(r.model.servers.map((s) => `${s.client} ${s.name} ${s.file}:${s.loc.line} include=${s.tools.include?.join(",") ?? "-"}`)).toEqual([
      "amp chrome-devtools .agents/skills/ui-preview/mcp.json:2 include=navigate_page,take_screenshot",
      "amp context7 skills/context7-docs/mcp.json:2 include=resolve-library-id,query-docs",
    ]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`)).toEqual([
      "unpinned-package .agents/skills/ui-preview/mcp.json:4:18",
      "unpinned-package skills/context7-docs/mcp.json:4:20",
    ]);
  });
  it("a `skills/<name>/mcp.json` that holds no server entry gives nothing", () => {
    const r = scanSources([{ path: "skills/notes/mcp.json", text: `{ "name": "notes", "version": "1.0.0", "tools": ["search"] }\n` }]);
    expect(r.model.servers).toEqual([]);
    expect(r.findings).toEqual([]);
  });
});
