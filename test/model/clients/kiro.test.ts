import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import type { McpServer } from "../../../src/model/types.js";
import { at, find, scanFixture, summary } from "./helpers.js";
import { buildLock, driftOf, lockEntry } from "../../../src/engine/lock.js";
import { inventoryText } from "../../../src/report/inventory.js";

const C = "kiro";
const FILE = ".kiro/settings/mcp.json";

describe("Kiro (.kiro/settings/mcp.json)", () => {
  const f = scanFixture(C);

  it("expands ${VAR}; `${env:X}` is unexpanded; autoApprove and disabledTools", () => {
    const s = f.server("acme-notes");
    expect(summary(s)).toEqual({
      client: "kiro", scope: "project", transport: "stdio", enabled: true, command: "uvx", args: ["acme-notes-mcp"],
      env: { ACME_API_KEY: "env:ACME_API_KEY", ACME_SECRET: "literal", ACME_REGION: "literal !${env:ACME_REGION}" }, headers: {},
      exclude: ["purge_notes"], autoApprove: ["search_notes", "delete_note"], grants: ["auto-approve-list:autoApprove"],
    });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-notes"'));
    expect(at(s.env[1]?.loc)).toEqual(find(C, FILE, '"FX08S4dB'));
  });

  it("reads autoApprove [\"*\"] and disabled: true", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toMatchObject({ transport: "http", enabled: false, autoApprove: "*", grants: ["auto-approve-all:autoApprove"] });
    expect(at(s.tools.grants[0]?.loc)).toEqual(find(C, FILE, '["*"]'));
  });
});

describe("Kiro CLI agent files (.kiro/agents/*.json)", () => {
  // The renamed Q Developer CLI: the same agent format, read from `.kiro/agents/` and `~/.kiro/agents/`.
  const text = `{
  "name": "backend",
  "mcpServers": {
    "acme-db": { "command": "acme-db-mcp", "env": { "DB_URL": "\${DATABASE_URL}", "DB_TOKEN": "\${env:DB_TOKEN}" } }
  },
  "tools": ["*"],
  "allowedTools": ["read", "@acme-db"],
  "includeMcpJson": true
}
`;
  const r = scanSources([{ path: ".kiro/agents/backend.json", text }]);

  it("yields the agent's servers, with its references and allowedTools grants", () => {
    const s = r.model.servers[0] as McpServer;
    expect(summary(s)).toEqual({
      client: "kiro", scope: "project", transport: "stdio", enabled: true, command: "acme-db-mcp", args: [],
      env: { DB_URL: "env:DATABASE_URL", DB_TOKEN: "env:DB_TOKEN" }, headers: {}, autoApprove: "*", grants: ["auto-approve-all:allowedTools"],
    });
    expect(at(s.loc)).toEqual([4, 5]);
  });

  it("is a Kiro client policy that flags tools * and includeMcpJson", () => {
    const p = r.model.policies.find((x) => x.file === ".kiro/agents/backend.json");
    expect([p?.client, p?.settings.map((x) => `${x.key}@${x.loc.line}:${x.loc.column} ${x.effect}`)]).toEqual(["kiro", ["tools@6:13 permissive", "includeMcpJson@8:21 permissive"]]);
  });
});

describe("Kiro agent profiles in Markdown (.kiro/agents/**/*.md, YAML front matter)", () => {
  const f = scanFixture(C);
  const MD = ".kiro/agents/team/backend.md";

  it("reads the front matter's mcpServers at their lines in the Markdown file, nested folders included; a literal there is a hard-coded secret", () => {
    expect(f.servers.filter((s) => s.file === MD).map((s) => [s.name, s.client, ...(at(s.loc) ?? [])])).toEqual([["acme-db", "kiro", ...find(C, MD, "acme-db:")], ["acme-tasks", "kiro", ...find(C, MD, "acme-tasks:")]]);
    expect(summary(f.server("acme-tasks", MD))).toMatchObject({ env: { ACME_API_KEY: "env:ACME_API_KEY" } });
    const [line, col] = find(C, MD, "ACME_DB_PASSWORD: ");
    expect(f.result.findings.filter((x) => x.loc.file === MD && x.ruleId === "hardcoded-secret").map((x) => at(x.loc))).toEqual([[line, col + 'ACME_DB_PASSWORD: "'.length]]);
  });

  it("`permissions` capability mcp: a whole-server allow is a permissive setting, a named tool an auto-approve grant (a destructive one reported), a deny a whole-server rule", () => {
    const p = f.result.model.policies.find((x) => x.file === MD);
    expect(p?.settings.map((s) => `${s.key}=${s.value}@${s.loc.line}:${s.loc.column} ${s.effect}`)).toEqual([`permissions=capability mcp: allow acme-db/*@${find(C, MD, "acme-db/*").join(":")} permissive`]);
    expect(p?.toolRules.filter((r) => r.wholeServer).map((r) => `${r.effect} ${r.wholeServer}`)).toEqual(["allow acme-db", "deny acme-legacy"]);
    expect(f.server("acme-tasks", MD).tools.autoApprove).toEqual(["search_tasks", "delete_task"]);
    expect(f.result.findings.filter((x) => x.loc.file === MD && (x.ruleId === "tool-auto-approval" || x.ruleId === "permissive-setting")).map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`)).toEqual([
      `permissive-setting ${find(C, MD, "acme-db/*").join(":")}`,
      `tool-auto-approval ${find(C, MD, "acme-tasks/delete_task").join(":")}`,
    ]);
  });

  it("an ask or deny rule keeps a named tool behind a prompt (exclude exempts tools from a rule); `capability: all` allows every call unless a deny for every MCP tool beats it; the body is scanned as text; no front matter, no model", () => {
    const agent = (front: string, body = "You help.\n") => scanSources([{ path: ".kiro/agents/helper.md", text: `---\n${front}---\n${body}` }]);
    const held = agent(`mcpServers:\n  notes: { command: notes-mcp }\npermissions:\n  - { capability: mcp, effect: allow, match: [notes/delete_note] }\n  - { capability: mcp, effect: ask, match: ["notes/delete_*"] }\n`);
    expect(held.model.servers[0]?.tools.grants).toEqual([]);
    // A rule does not decide the tools its `exclude` patterns name: this deny leaves notes' tools to the allow.
    const exempt = agent(`mcpServers:\n  notes: { command: notes-mcp }\npermissions:\n  - { capability: mcp, effect: allow, match: [notes/delete_note] }\n  - { capability: mcp, effect: deny, exclude: ["notes/*"] }\n  - { capability: mcp, effect: ask, match: [notes], exclude: [notes/delete_note] }\n`);
    expect(exempt.model.servers[0]?.tools.autoApprove).toEqual(["delete_note"]);
    expect(exempt.model.policies[0]?.toolRules.map((r) => `${r.effect} ${r.pattern} ${r.wholeServer ?? "-"}`)).toEqual(["allow mcp:notes/delete_note -", "deny mcp:* -", "ask mcp:notes -"]);
    const all = agent(`permissions:\n  - capability: all\n    effect: allow\n`);
    expect(all.model.policies[0]?.defaultDecision).toBe("allow");
    expect(all.findings.map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`)).toEqual(["permissive-setting 4:13"]);
    // An MCP deny (or ask) for every tool beats `capability: all` allow: MCP calls do not run unprompted.
    const closed = agent(`permissions:\n  - capability: all\n    effect: allow\n  - capability: mcp\n    effect: deny\n`);
    expect([closed.model.policies[0]?.defaultDecision, at(closed.model.policies[0]?.defaultLoc)]).toEqual(["deny", [6, 13]]);
    expect(closed.findings.map((x) => x.ruleId)).toEqual([]);
    const key = ["ACME", "API", "KEY"].join("_");
    const body = agent(`description: helper\n`, `Use ${key}=${["Hn3kQ9vL", "z2Rt7Wb4", "Xc8Md1Fp", "6Gs5Jy0A"].join("")} in the shell.\n`);
    expect(body.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => x.loc.line)).toEqual([4]);
    expect(scanSources([{ path: ".kiro/agents/plain.md", text: "# Just notes\n\nmcpServers: none here\n" }]).model.servers).toEqual([]);
    // An empty front matter, or one that is not a map (a line of text, a list), is no agent profile: no policy layer.
    for (const front of ["", "just a line of text\n", "- read\n- write\n"]) {
      const r = agent(front);
      expect([front, r.model.servers, r.model.policies, r.findings]).toEqual([front, [], [], []]);
    }
  });
});

describe("a Kiro Markdown agent whose front matter is never closed", () => {
  it("is not read as YAML to the end of the file: a parse-error warning at the opening `---`, no server or policy; its text still gets the secret scan", () => {
    const key = ["ACME", "API", "KEY"].join("_");
    const value = ["Hn3kQ9vL", "z2Rt7Wb4", "Xc8Md1Fp", "6Gs5Jy0A"].join("");
    // Without the closing line every line below would be YAML: the body's `key: value` lines become settings.
    const text = `---\ndescription: notes\nmcpServers:\n  notes: { command: notes-mcp, env: { ${key}: "${value}" } }\nallowedTools: ["@notes"]\n`;
    const r = scanSources([{ path: ".kiro/agents/notes.md", text }]);
    expect([r.model.servers, r.model.policies]).toEqual([[], []]);
    expect(r.findings.map((x) => `${x.ruleId} ${x.level} ${x.loc.line}:${x.loc.column} ${x.message}`)).toEqual([
      "parse-error warning 1:1 front matter opened by `---` on line 1 is never closed (no `---` or `...` line follows) (file not analysed).",
      expect.stringMatching(/^hardcoded-secret note 4:54 /),
    ]);
    expect(JSON.stringify(r.findings)).not.toContain(value);
  });
});

describe("Kiro permission rules (~/.kiro/settings/permissions.yaml)", () => {
  const f = scanFixture(C);
  const PERM = "home/.kiro/settings/permissions.yaml";

  it("an mcp allow with no match approves every MCP tool: a permissive setting at its effect; a call no rule matches asks", () => {
    const p = f.result.model.policies.find((x) => x.file === PERM);
    const [line, col] = find(C, PERM, "effect: allow", 2);
    expect(p?.settings.map((s) => `${s.key}=${s.value}@${s.loc.line}:${s.loc.column}`)).toEqual([`rules=capability mcp: allow *@${line}:${col + "effect: ".length}`]);
    expect({ d: p?.defaultDecision, deny: p?.toolRules.filter((r) => r.effect === "deny").map((r) => r.wholeServer) }).toEqual({ d: "ask", deny: ["acme-legacy"] });
    expect(f.result.findings.filter((x) => x.loc.file === PERM).map((x) => `${x.ruleId} ${x.loc.line}:${x.loc.column}`)).toEqual([`permissive-setting ${line}:${col + "effect: ".length}`]);
  });
});


describe("Kiro: `disabledTools: []` as Kiro saves it", () => {
  // A public .kiro/settings/mcp.json (fixtures/clients/kiro/real-call-center) writes `"autoApprove": [], "disabledTools": []`.
  const text = `{ "mcpServers": { "aws-docs": { "command": "uvx", "args": ["awslabs.aws-documentation-mcp-server@1.1.0"], "autoApprove": [], "disabledTools": [] },
  "aws-cli": { "command": "uvx", "args": ["mcp-server-aws-cli@0.2.0"], "disabledTools": ["aws_cli"] } } }\n`;

  it("an empty list excludes nothing: no `exclude: ` in the inventory, none in the lock, and no drift from a lock that recorded one", () => {
    const r = scanSources([{ path: FILE, text }]);
    expect(inventoryText(r.model)).not.toContain("exclude: \n");
    expect(inventoryText(r.model)).toContain("exclude: aws_cli");
    const lock = buildLock(r.model).servers.map((e) => [e.name, e.scope]);
    expect(lock).toEqual([["aws-cli", { exclude: ["aws_cli"] }], ["aws-docs", {}]]);
    const docs = r.model.servers.find((s) => s.name === "aws-docs") as McpServer;
    const now = lockEntry(docs, { secrets: [] });
    expect(driftOf(now, { ...now, scope: { ...now.scope, exclude: [] } })).toEqual([]);
    expect(driftOf(now, { ...now, scope: { ...now.scope, exclude: ["aws_cli"] } }).map((d) => d.detail)).toEqual(["tools removed from the exclude list"]);
  });
});
