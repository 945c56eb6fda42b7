import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "qwen-code";
const FILE = ".qwen/settings.json";

describe("Qwen Code (.qwen/settings.json, a fork of Gemini CLI)", () => {
  const f = scanFixture(C);

  it("reads the servers beside the permission keys, with Gemini's `$VAR`/`${VAR}` references and includeTools", () => {
    expect(f.servers.filter((s) => s.file === FILE).map((s) => s.name).sort()).toEqual(["acme-db", "acme-events", "acme-notes", "acme-remote"]);
    const s = f.server("acme-notes");
    expect(summary(s)).toMatchObject({ client: "qwen-code", scope: "project", transport: "stdio", command: "acme-notes-mcp", env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_HOME: "env:ACME_HOME" }, include: ["search_notes", "get_note", "delete_note", "archive_note"] });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes": {'));
  });

  it("trust: true is a trust-all grant, reported; a literal password is a hard-coded secret", () => {
    const s = f.server("acme-db");
    expect(summary(s)).toMatchObject({ trust: true, grants: ["trust-all:trust"], env: { ACME_DB_PASSWORD: "literal" } });
    const trust = f.result.findings.find((x) => x.ruleId === "tool-auto-approval" && x.message.includes("trusted wholesale"));
    const [line, col] = find(C, FILE, '"trust": true');
    expect(at(trust?.loc)).toEqual([line, col + '"trust": '.length]);
    expect(f.result.findings.filter((x) => x.ruleId === "hardcoded-secret" && x.loc.file === FILE).map((x) => x.loc.line)).toEqual([find(C, FILE, '"ACME_DB_PASSWORD"')[0]]);
  });

  it("httpUrl is streamable HTTP and `url` is SSE, as in Gemini CLI", () => {
    expect(summary(f.server("acme-remote"))).toMatchObject({ transport: "http", headers: { Authorization: "env:ACME_MCP_TOKEN" }, exclude: ["delete_note"] });
    expect(summary(f.server("acme-events"))).toMatchObject({ transport: "sse", url: "https://events.acme.example/sse" });
  });

  const policy = (file: string) => {
    const p = f.result.model.policies.find((x) => x.file === file);
    if (!p) throw new Error(`no policy for ${file}`);
    return p;
  };
  const settings = (file: string) => policy(file).settings.map((s) => `${s.key}=${s.value}@${s.loc.line}:${s.loc.column} ${s.effect}`);
  const findings = (file: string, rule: string) => f.result.findings.filter((x) => x.loc.file === file && x.ruleId === rule).map((x) => `${x.loc.line}:${x.loc.column}`);

  it("permissions.allow naming one MCP tool auto-approves it, unless an ask or deny rule catches it; a destructive one is reported", () => {
    const s = f.server("acme-notes", FILE);
    expect(s.tools.grants.map((g) => `${g.kind}:${g.key}:${(g.tools ?? []).join(",")}`)).toEqual(["auto-approve-list:permissions.allow:search_notes", "auto-approve-list:permissions.allow:delete_note"]);
    expect(s.tools.autoApprove).toEqual(["search_notes", "delete_note"]);
    const [line, col] = find(C, FILE, '"mcp__acme-notes__delete_note"');
    expect(f.result.findings.filter((x) => x.ruleId === "tool-auto-approval" && x.message.includes("delete_note")).map((x) => at(x.loc))).toEqual([[line, col]]);
  });

  it("whole-server allows (permissions.allow `mcp__<server>`, the legacy tools.allowed `mcp__<server>__*`) and tools.approvalMode yolo are permissive settings at their values", () => {
    const at2 = (needle: string, skip = 0): string => {
      const [l, c] = find(C, FILE, needle);
      return `${l}:${c + skip}`;
    };
    expect(settings(FILE)).toEqual([
      `permissions.allow="mcp__acme-remote"@${at2('"mcp__acme-remote"')} permissive`,
      `tools.allowed="mcp__acme-db__*"@${at2('"mcp__acme-db__*"')} permissive`,
      `tools.approvalMode="yolo"@${at2('"approvalMode": "yolo"', '"approvalMode": '.length)} permissive`,
    ]);
    expect(findings(FILE, "permissive-setting")).toEqual([at2('"mcp__acme-remote"'), at2('"approvalMode": "yolo"', '"approvalMode": '.length), at2('"mcp__acme-db__*"')]);
    const p = policy(FILE);
    expect(p.toolRules.filter((r) => r.wholeServer).map((r) => `${r.effect} ${r.wholeServer}`)).toEqual(["allow acme-remote", "allow acme-db", "deny acme-events"]);
    // yolo decides the default, where the permissive setting already reports it: no second finding.
    expect({ d: p.defaultDecision, loc: `${p.defaultLoc.line}:${p.defaultLoc.column}` }).toEqual({ d: "allow", loc: at2('"approvalMode": "yolo"', '"approvalMode": '.length) });
    expect(findings(FILE, "missing-default-deny")).toEqual([]);
  });

  it("of the `tools.approvalMode` values (plan, default, auto-edit, auto, yolo) only yolo runs MCP tools with no check: auto-edit approves file edits only, auto has a classifier decide (as Claude Code's `auto` and `acceptEdits`, Gemini's `auto_edit`, which are not flagged)", () => {
    const scan = (mode: string) => {
      const text = JSON.stringify({ tools: { approvalMode: mode }, mcp: { allowed: ["notes"] }, mcpServers: { notes: { command: "notes-mcp", includeTools: ["search_notes"] } } }, null, 2);
      const r = scanSources([{ path: FILE, text }]);
      return [mode, r.model.policies[0]?.defaultDecision, ...r.findings.map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`)];
    };
    expect(["plan", "default", "auto-edit", "auto", "yolo"].map(scan)).toEqual([
      ["plan", "deny"],
      ["default", "deny"],
      ["auto-edit", "deny"],
      ["auto", "deny"],
      ["yolo", "allow", "permissive-setting 3:21"],
    ]);
  });

  it("the inventory verdict follows the rules: a whole-server allow opens a server, a whole-server deny closes it", () => {
    const verdict = (name: string) => verdictOf(f.result.model, f.server(name, FILE)).authorization.value;
    expect(verdict("acme-remote")).toBe("allow-by-default");
    expect(verdict("acme-events")).toBe("default-deny");
  });

  it("system settings: mcp.allowed globs make the default deny; a server they leave out (or mcp.excluded names) exposes no tool; `mcp__*` approves every MCP tool", () => {
    const SYS = "etc/qwen-code/settings.json";
    const p = policy(SYS);
    expect(p.kind).toBe("managed");
    expect({ d: p.defaultDecision, line: p.defaultLoc.line, column: p.defaultLoc.column }).toEqual({ d: "deny", line: 4, column: 16 });
    expect(p.serverAllow?.map((m) => `${m.value}@${m.loc.line}:${m.loc.column}`)).toEqual(["acme-*@4:17"]);
    expect(p.serverDeny?.map((m) => `${m.value}@${m.loc.line}:${m.loc.column}`)).toEqual(["acme-legacy@5:18"]);
    expect(settings(SYS)).toEqual(['permissions.allow="mcp__*"@8:15 permissive']);
    expect(findings(SYS, "broad-resource-access")).toEqual([]);
    expect(f.servers.filter((s) => s.file === SYS).map((s) => `${s.name} ${s.scope}`)).toEqual(["acme-wiki system", "acme-legacy system", "scratch system"]);
  });

  it("rules that cannot match an MCP tool (`Bash(...)`, Gemini-style `mcp_<server>_<tool>`) are not MCP rules; `*` is every MCP tool", () => {
    const text = `{ "permissions": { "allow": ["Bash(git *)", "mcp_notes_delete_note", "notes__delete_note", "*"] },\n  "mcpServers": { "notes": { "command": "notes-mcp", "includeTools": ["delete_note"] } } }\n`;
    const r = scanSources([{ path: ".qwen/settings.json", text }]);
    expect(r.model.policies[0]?.toolRules.map((x) => x.pattern)).toEqual(["*"]);
    expect(r.model.servers[0]?.tools.grants).toEqual([]);
    expect(r.findings.filter((x) => x.ruleId === "permissive-setting").map((x) => `${x.loc.line}:${x.loc.column} ${x.message.replace(/.*: /, "")}`)).toEqual([`1:${text.indexOf(`"*"`) + 1} every tool of every MCP server runs without a confirmation prompt.`]);
  });

  it("an extension's own repository (qwen-extension.json at its root) is read for its servers (project scope)", () => {
    const SRC = "acme-qwen-ext/qwen-extension.json";
    expect(summary(f.server("acme-qwen-notes", SRC))).toMatchObject({ client: "qwen-code", scope: "project", trust: true, env: { ACME_API_KEY: "literal" } });
    expect(f.result.findings.filter((x) => x.loc.file === SRC).map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column} ${x.server?.name ?? "-"}`)).toEqual(["hardcoded-secret 8:33 acme-qwen-notes", "tool-auto-approval 9:16 acme-qwen-notes"]);
  });

  it("an installed extension's qwen-extension.json is read for its servers (user scope), with trust and a literal key reported", () => {
    const EXT = "home/.qwen/extensions/acme-tools/qwen-extension.json";
    const s = f.server("acme-tools", EXT);
    expect(summary(s)).toMatchObject({ client: "qwen-code", scope: "user", command: "node", trust: true, env: { ACME_API_KEY: "literal" } });
    expect(f.result.findings.filter((x) => x.loc.file === EXT).map((x) => `${x.ruleId} ${x.loc.line}`)).toEqual(["hardcoded-secret 9", "tool-auto-approval 10"]);
  });

  it("reads the flat V1 keys Qwen Code still migrates on load (approvalMode, allowedTools, allowMCPServers, excludeMCPServers), not once `$version` is 2 or more", () => {
    const run = (text: string) => scanSources([{ path: ".qwen/settings.json", text }]);
    const yolo = run(`{\n  "approvalMode": "yolo",\n  "mcpServers": { "notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } }\n}\n`);
    const p = yolo.model.policies[0];
    expect([p?.defaultDecision, p?.settings.map((x) => `${x.key}=${x.value}@${x.loc.line}:${x.loc.column} ${x.effect}`)]).toEqual(["allow", ['approvalMode="yolo"@2:19 permissive']]);
    expect(yolo.findings.map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`)).toEqual(["permissive-setting 2:19"]);

    const lists = run(`{\n  "allowedTools": ["mcp__notes__delete_note", "mcp__notes__search_notes"],\n  "allowMCPServers": ["notes"],\n  "excludeMCPServers": ["legacy"],\n  "mcpServers": { "notes": { "command": "acme-notes-mcp", "includeTools": ["delete_note", "search_notes"] }, "legacy": { "command": "legacy-mcp", "includeTools": ["get"] } }\n}\n`);
    const q = lists.model.policies[0];
    expect([q?.defaultDecision, q?.serverAllow?.map((m) => m.value), q?.serverDeny?.map((m) => m.value)]).toEqual(["deny", ["notes"], ["legacy"]]);
    expect(lists.findings.map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column} ${x.message.replace(/.*: /, "")}`)).toEqual(["tool-auto-approval 2:20 delete_note."]);

    // A versioned (V2+) file is not migrated: its top-level approvalMode is read by no one.
    const versioned = run(`{\n  "$version": 3,\n  "approvalMode": "yolo",\n  "mcp": { "allowed": ["notes"] },\n  "mcpServers": { "notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } }\n}\n`);
    expect([versioned.model.policies[0]?.defaultDecision, versioned.findings.map((x) => x.ruleId)]).toEqual(["deny", []]);
  });
});

