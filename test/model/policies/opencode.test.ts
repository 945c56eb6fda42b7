import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";

/** opencode `permission`: the built-in `"*": "allow"` first, then the config's rules; the last match wins. */
describe("opencode permission rules", () => {
  const RULES = ["tool-auto-approval", "permissive-setting", "missing-default-deny"];
  const scan = (path: string, text: string) => scanSources([{ path, text }]);
  const findings = (path: string, text: string) =>
    scan(path, text)
      .findings.filter((f) => RULES.includes(f.ruleId))
      .map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column} ${f.level} ${f.message}`);
  const servers = `"mcp": {\n    "github": { "type": "remote", "url": "https://api.githubcopilot.com/mcp/", "oauth": {} },\n    "notes": { "type": "local", "command": ["acme-notes-mcp"] }\n  }`;

  it("a server's own allow after a `*` that asks auto-approves its tools; named allows are checked for tools that change state", () => {
    const text = `{\n  ${servers},\n  "permission": {\n    "*": "ask",\n    "github_*": "allow",\n    "notes_get_note": "allow",\n    "notes_delete_note": "allow"\n  }\n}\n`;
    expect(findings("opencode.json", text)).toEqual([
      "tool-auto-approval 8:17 warning Server 'github' (opencode) auto-approves every tool (`permission` has `github_*`).",
      "tool-auto-approval 10:26 warning Server 'notes' (opencode) auto-approves tools that change state: delete_note.",
    ]);
    const r = scan("opencode.json", text);
    expect(r.model.policies[0]?.defaultDecision).toBe("ask");
    expect(r.model.servers.find((s) => s.name === "github")?.tools.autoApprove).toBe("*");
  });

  it("the last matching rule wins: a later `*` that asks, or an ask for the tool, keeps the prompt", () => {
    const text = `{\n  ${servers},\n  "permission": {\n    "github_*": "allow",\n    "notes_delete_note": "allow",\n    "*": "ask"\n  }\n}\n`;
    expect(findings("opencode.json", text)).toEqual([]);
  });

  it("`permission: \"allow\"` (every permission at once) and an agent's `*` allow are permissive settings", () => {
    const text = `{\n  ${servers},\n  "permission": "allow",\n  "agent": { "build": { "permission": { "*": "allow" } } }\n}\n`;
    expect(findings("opencode.json", text)).toEqual([
      "permissive-setting 6:17 warning `permission` = \"allow\" in opencode opencode.json: every tool call, MCP tools included, runs without approval.",
      "permissive-setting 7:46 warning `agent.build.permission` = \"allow\" in opencode opencode.json: agent 'build' runs every tool call, MCP tools included, without approval.",
    ]);
  });

  it("the user's global config with servers and no `*` rule keeps opencode's own default, allow: a note at the document", () => {
    const text = `{\n  ${servers},\n  "permission": { "bash": "ask", "github_*": "ask" }\n}\n`;
    expect(findings(".config/opencode/opencode.json", text)).toEqual([
      "missing-default-deny 1:1 note Settings '.config/opencode/opencode.json' (opencode) set no default-deny: no `permission` rule for `*`: opencode's own default allows every tool, MCP tools included, without approval (set `\"permission\": { \"*\": \"ask\" }`, or `\"<server>_*\": \"ask\"` for each server).",
    ]);
    // A project file sits on the user's config, which may ask: unknown, no finding (also in a project folder named opencode).
    expect(findings("opencode.json", text)).toEqual([]);
    expect(findings("tools/opencode/opencode.json", text)).toEqual([]);
    expect(scan("opencode.json", text).model.policies[0]?.defaultDecision).toBe("unknown");
  });

  it("the legacy `tools` map's false removes a server's tools; a later allow of them wins", () => {
    expect(findings(".config/opencode/opencode.json", `{\n  ${servers},\n  "tools": { "github_*": false, "notes_*": false }\n}\n`)).toEqual([]);
    expect(findings("opencode.json", `{\n  ${servers},\n  "tools": { "github_*": false },\n  "permission": { "*": "ask", "github_*": "allow" }\n}\n`)).toEqual([
      "tool-auto-approval 7:43 warning Server 'github' (opencode) auto-approves every tool (`permission` has `github_*`).",
    ]);
  });

  it("an MCP tool asks with the input pattern `*`: an object value decides it by its `*` entry", () => {
    const text = `{\n  ${servers},\n  "permission": { "*": { "*": "ask" }, "notes_*": { "*": "allow", "x": "deny" } }\n}\n`;
    expect(findings("opencode.json", text)).toEqual(["tool-auto-approval 6:58 warning Server 'notes' (opencode) auto-approves every tool (`permission` has `notes_*`)."]);
  });

  it("server names are matched as opencode writes them into tool names (characters outside [A-Za-z0-9_-] become _)", () => {
    const text = `{\n  "mcp": { "acme.notes": { "type": "local", "command": ["acme-notes-mcp"] } },\n  "permission": { "*": "ask", "acme_notes_*": "allow" }\n}\n`;
    expect(findings("opencode.json", text)).toEqual(["tool-auto-approval 3:47 warning Server 'acme.notes' (opencode) auto-approves every tool (`permission` has `acme_notes_*`)."]);
  });

  it("`.agents/mcp.json` is a bare server map: a server named `permission` is a server", () => {
    const r = scan(".agents/mcp.json", `{ "permission": { "command": "acme-perm-mcp" } }\n`);
    expect(r.model.servers.map((s) => s.name)).toEqual(["permission"]);
    expect(r.model.policies).toEqual([]);
  });
});
