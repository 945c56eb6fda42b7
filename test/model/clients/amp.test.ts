import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "amp";
const FILE = ".amp/settings.json";

describe("Amp (.amp/settings.json)", () => {
  const f = scanFixture(C);

  it("reads the servers under the flat key `amp.mcpServers`", () => {
    expect(f.servers.map((s) => [s.client, s.name, s.transport])).toEqual([["amp", "acme-notes", "stdio"], ["amp", "acme-remote", "http"]]);
    expect(at(f.server("acme-notes").loc)).toEqual(find(C, FILE, '"acme-notes": {'));
    expect(summary(f.server("acme-remote"))).toMatchObject({ headers: { Authorization: "env:ACME_MCP_TOKEN" } });
  });

  it("`amp.dangerouslyAllowAll: true` trusts every server wholesale, reported at the setting", () => {
    const [line, col] = find(C, FILE, '"amp.dangerouslyAllowAll": true');
    const trusted = f.result.findings.filter((x) => x.ruleId === "tool-auto-approval" && x.message.includes("amp.dangerouslyAllowAll"));
    expect(trusted.map((x) => [x.message.match(/'([^']+)'/)?.[1], ...(at(x.loc) ?? [])])).toEqual([["acme-notes", line, col + '"amp.dangerouslyAllowAll": '.length], ["acme-remote", line, col + '"amp.dangerouslyAllowAll": '.length]]);
  });

  it("an allow rule naming `mcp__<server>__<tool>` auto-approves that tool; a rule with `matches` does not count", () => {
    expect(summary(f.server("acme-notes"))).toMatchObject({ autoApprove: ["delete_note"], grants: ["trust-all:amp.dangerouslyAllowAll", "auto-approve-list:amp.permissions"] });
    expect(f.server("acme-remote").tools.grants.map((g) => g.kind)).toEqual(["trust-all"]);
    const listed = f.result.findings.find((x) => x.ruleId === "tool-auto-approval" && x.message.includes("delete_note"));
    expect(at(listed?.loc)).toEqual(find(C, FILE, '"mcp__acme-notes__delete_note"'));
  });

  it("without dangerouslyAllowAll, `mcp__<server>__*` allows every tool of that server", () => {
    const text = JSON.stringify({ "amp.mcpServers": { gh: { command: "gh-mcp" }, other: { command: "other-mcp" } }, "amp.permissions": [{ tool: "mcp__gh__*", action: "allow" }] }, null, 2);
    const r = scanSources([{ path: ".amp/settings.json", text }]);
    expect(r.model.servers.map((s) => [s.name, s.tools.autoApprove ?? "none"])).toEqual([["gh", "*"], ["other", "none"]]);
  });
});

describe("Amp in VS Code settings (.vscode/settings.json)", () => {
  it("reads `amp.mcpServers` there as Amp's servers, beside VS Code's own, with Amp's switches", () => {
    const text = JSON.stringify({ "amp.dangerouslyAllowAll": true, "amp.mcpServers": { notes: { command: "notes-mcp" } }, mcp: { servers: { files: { command: "files-mcp" } } } }, null, 2);
    const r = scanSources([{ path: ".vscode/settings.json", text }]);
    expect(r.model.servers.map((s) => [s.client, s.name, s.tools.grants.map((g) => g.key)])).toEqual([["vscode", "files", []], ["amp", "notes", ["amp.dangerouslyAllowAll"]]]);
    expect(r.findings.filter((f) => f.ruleId === "tool-auto-approval").map((f) => f.loc.line)).toEqual([2]);
  });
});
