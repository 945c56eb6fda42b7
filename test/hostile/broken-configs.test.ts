/** A config with a syntax error is not modelled, but its secrets are still found (text scan). */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../src/rules/fake-secrets.js";

const token = fakeGitHubToken("ghp", "broken-configs");

describe("secrets in configs with syntax errors", () => {
  it.each([
    [".mcp.json", `{\n  "mcpServers": { "a": { "env": { "T": "${token}" } }\n  ,,\n`, 2],
    [".continue/config.yaml", `mcpServers:\n  - name: a\n    env: { T: ${token}\n  bad: [\n`, 3],
    [".codex/config.toml", `[mcp_servers.a\nenv = { T = "${token}" }\n`, 2],
  ])("%s", (file, text, line) => {
    const r = scanSources([{ path: file, text }]);
    expect(r.findings.filter((f) => f.ruleId === "parse-error").length).toBeGreaterThan(0);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.line)).toEqual([line]);
  });

  it("a YAML file whose first document parses and second does not: both documents' secrets, once each", () => {
    const other = fakeGitHubToken("ghp", "broken-configs-2");
    const r = scanSources([{ path: ".continue/config.yaml", text: `mcpServers:\n  - name: a\n    command: npx\n    env:\n      T: ${token}\n---\nbroken: [\nT: ${other}\n` }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.line)).toEqual([5, 8]);
  });

  it.each(["|", ">"])("a YAML value that starts with %s (a block scalar header) is not quoted whole by the parse error", (indicator) => {
    const password = indicator + fakeOpaqueKey("broken-configs-block", 24);
    const r = scanSources([{ path: ".continue/config.yaml", text: `mcpServers:\n  - name: a\n    command: npx\n    env:\n      DB_PASSWORD: ${password}\n` }]);
    const parse = r.diagnostics.filter((d) => d.code === "parse-error");
    expect(parse.map((d) => d.message)).toEqual([`.continue/config.yaml:5:21: YAML syntax error: Block scalar header includes extra characters: ${password.slice(0, 4)}\u2026`]);
    const printed = JSON.stringify([r.diagnostics, r.findings.map((f) => f.message)]);
    expect(printed).not.toContain(password.slice(1, 13));
  });

  it("a stray closing bracket in YAML: the values after it, which the parse errors quote as JSON strings, are not quoted whole", () => {
    const password = fakeOpaqueKey("broken-configs-stray", 24);
    const text = `mcpServers:\n  - name: a\n    command: npx\n    args: ["-y", "@acme/mcp@1.0.0"]\n    ]\n    env:\n      DB_PASSWORD: ${password}\n      GITHUB_TOKEN: "${token}"\n`;
    const r = scanSources([{ path: ".continue/config.yaml", text }]);
    const parse = r.diagnostics.filter((d) => d.code === "parse-error").map((d) => d.message);
    expect(parse).toContain(`.continue/config.yaml:7:20: YAML syntax error: Unexpected scalar token in YAML stream: ${password.slice(0, 4)}\u2026`);
    expect(parse).toContain(`.continue/config.yaml:8:21: YAML syntax error: Unexpected double-quoted-scalar token in YAML stream: "ghp\u2026`);
    const printed = JSON.stringify([r.diagnostics, r.findings.map((f) => f.message)]);
    for (const secret of [password, token]) expect(printed).not.toContain(secret.slice(4, 16));
  });

  it("an unquoted YAML value that starts with * (an alias with no anchor) is a parse error, and its secret is still found", () => {
    const password = "*" + fakeOpaqueKey("broken-configs-alias", 24);
    const r = scanSources([{ path: ".continue/config.yaml", text: `mcpServers:\n  - name: a\n    command: npx\n    env:\n      DB_PASSWORD: ${password}\n` }]);
    expect(r.diagnostics.filter((d) => d.code === "parse-error").map((d) => [d.loc?.line, d.loc?.column])).toEqual([[5, 20]]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.line, f.loc.column])).toEqual([[5, 20]]);
    expect(JSON.stringify([r.diagnostics, r.findings.map((f) => f.message)])).not.toContain(password.slice(1, 13));
  });
  // A backtick is a reserved indicator in YAML: the value does not parse, and the text scan must report it as it does `@` and `%`.
  it.each([
    [".continue/config.yaml", `mcpServers:\n  - name: a\n    command: npx\n    env:\n      DB_PASSWORD: PW\n`, 5, 20],
    [".env.yaml", `DB_HOST: localhost\nDB_PASSWORD: PW\n`, 2, 14],
    ["config.yaml", `database:\n  DB_PASSWORD: PW\n`, 2, 16],
  ])("an unquoted YAML value that starts with a backtick in %s: its secret is found", (file, template, line, column) => {
    const password = "`" + fakeOpaqueKey("broken-configs-backtick", 24);
    const r = scanSources([{ path: file, text: template.replace("PW", password) }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.line, f.loc.column])).toEqual([[line, column]]);
    expect(JSON.stringify([r.diagnostics, r.findings.map((f) => f.message)])).not.toContain(password.slice(1, 13));
  });

  // `DB_PASSWORD: !Xk2...` is a tag with an empty value to a YAML loader (the yaml package reads "", with a warning).
  it("an unquoted YAML value that starts with ! (read as a tag): a diagnostic, and the secret found in the server's env", () => {
    const password = "!" + fakeOpaqueKey("broken-configs-tag", 24);
    const r = scanSources([{ path: ".continue/config.yaml", text: `mcpServers:\n  - name: a\n    command: npx\n    env:\n      DB_PASSWORD: ${password}\n      DB_HOST: localhost\n` }]);
    const parse = r.diagnostics.filter((d) => d.code === "parse-error");
    expect(parse.map((d) => [d.level, d.loc?.line, d.loc?.column])).toEqual([["warning", 5, 20]]);
    expect(parse[0]?.message).toMatch(/starts with ! .*tag/);
    const secrets = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
    expect(secrets.map((f) => [f.loc.line, f.loc.column, f.loc.endColumn])).toEqual([[5, 20, 20 + password.length]]);
    expect(secrets[0]?.message).toMatch(/MCP server 'a'/);
    // The server is still modelled, with its other settings.
    expect(r.model.servers.map((s) => [s.name, s.credentials.map((c) => c.key)])).toEqual([["a", ["DB_PASSWORD", "DB_HOST"]]]);
    expect(JSON.stringify([r.diagnostics, r.findings.map((f) => f.message)])).not.toContain(password.slice(1, 13));
  });

  it("a tag on a value (!Ref Name, !secret name) is not read as a password", () => {
    const r = scanSources([{ path: ".continue/config.yaml", text: `mcpServers:\n  - name: a\n    command: npx\n    env:\n      DB_PASSWORD: !secret db_password_value_2024\n` }]);
    expect(r.diagnostics.filter((d) => d.code === "parse-error")).toEqual([]);
  });

  it.each([
    ["config.yaml", `DB_HOST: localhost\nDB_PASSWORD: PW\n`, 2, 14],
    [".env.yaml", `DB_PASSWORD: PW\n`, 1, 14],
  ])("an unquoted value that starts with ! in the text file %s: its secret is found", (file, template, line, column) => {
    const password = "!" + fakeOpaqueKey("broken-configs-tag-text", 24);
    const r = scanSources([{ path: file, text: template.replace("PW", password) }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.line, f.loc.column])).toEqual([[line, column]]);
  });
});

describe("a JSON file that does not parse", () => {
  it("is reported once, at its first syntax error, not at every character the parser skips after it", () => {
    const text = `</details>\n\n## Configuration\n\n"mcpServers": { "git": { "command": "uvx", "args": ["mcp-server-git"] } }\n`;
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "parse-error").map((f) => [f.loc.line, f.loc.column, f.message])).toEqual([[1, 1, "JSON syntax error: invalid symbol (file not analysed)."]]);
    expect(r.diagnostics.filter((d) => d.code === "parse-error")).toHaveLength(1);
  });

  it("problems before the first error (a comment, a trailing comma in strict JSON) are still reported", () => {
    const r = scanSources([{ path: ".mcp.json", text: `{\n  // team servers\n  "mcpServers": { "a": { "command": "npx", } \n` }]);
    expect(r.findings.filter((f) => f.ruleId === "parse-error").map((f) => [f.loc.line, f.loc.column])).toEqual([
      [2, 3],
      [3, 42],
      [4, 1],
    ]);
  });
});

describe("a trailing comma in a strict JSON file", () => {
  it("is reported at the comma, not at the bracket on the line after it", () => {
    const text = `{\n  "mcpServers": {\n    "notes": { "command": "acme-notes-mcp" },\n  }\n}\n`;
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "parse-error").map((f) => [f.loc.line, f.loc.column, f.loc.endColumn])).toEqual([[3, 45, 46]]);
    expect(r.model.servers.map((s) => s.name)).toEqual(["notes"]);
  });
});

describe("a server map that parses but has another shape", () => {
  const config = (r: ReturnType<typeof scanSources>) => r.diagnostics.filter((d) => d.code === "config").map((d) => [d.file, d.loc?.line, d.loc?.column, d.message]);

  it("an array or a string where clients read an object of named servers is named at its key; its secret is still found; no server is modelled", () => {
    const text = JSON.stringify({ mcpServers: [{ command: "npx", env: { GITHUB_TOKEN: token } }] }, null, 2);
    const r = scanSources([
      { path: ".mcp.json", text },
      { path: ".cursor/mcp.json", text: `{ "mcpServers": "npx -y @acme/notes-mcp" }` },
      { path: ".vscode/mcp.json", text: `{\n  "servers": [ { "type": "stdio", "command": "npx" } ]\n}` },
    ]);
    expect(config(r)).toEqual([
      [".cursor/mcp.json", 1, 3, '.cursor/mcp.json:1:3: `mcpServers` is a string, not an object of named servers ("mcpServers": { "<name>": { "command": ... } }); no server is read from it'],
      [".mcp.json", 2, 3, '.mcp.json:2:3: `mcpServers` is an array, not an object of named servers ("mcpServers": { "<name>": { "command": ... } }); no server is read from it'],
      [".vscode/mcp.json", 2, 3, '.vscode/mcp.json:2:3: `servers` is an array, not an object of named servers ("servers": { "<name>": { "command": ... } }); no server is read from it'],
    ]);
    expect(r.model.servers).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.file, f.loc.line])).toEqual([[".mcp.json", 6]]);
  });

  it("an entry that is no object (a command line as a string, a number, a list) is named; its object siblings are modelled", () => {
    const r = scanSources([
      { path: ".mcp.json", text: `{\n  "mcpServers": {\n    "notes": "npx -y @acme/notes-mcp",\n    "count": 1,\n    "list": ["npx"],\n    "ok": { "command": "npx", "args": ["-y", "@acme/ok-mcp@1.0.0"] }\n  }\n}` },
      { path: ".zed/settings.json", text: `{ "context_servers": { "z": true } }` },
    ]);
    expect(config(r)).toEqual([
      [".mcp.json", 3, 5, ".mcp.json:3:5: server 'notes' in `mcpServers` is a string, not an object with a command or url; not read as a server"],
      [".mcp.json", 4, 5, ".mcp.json:4:5: server 'count' in `mcpServers` is a number, not an object with a command or url; not read as a server"],
      [".mcp.json", 5, 5, ".mcp.json:5:5: server 'list' in `mcpServers` is an array, not an object with a command or url; not read as a server"],
      [".zed/settings.json", 1, 24, ".zed/settings.json:1:24: server 'z' in `context_servers` is a boolean, not an object with a command or url; not read as a server"],
    ]);
    expect(r.model.servers.map((s) => s.name)).toEqual(["ok"]);
  });

  it("a null map or entry, an empty map and a $-named note configure nothing and are not named", () => {
    const r = scanSources([
      { path: ".mcp.json", text: `{ "mcpServers": null }` },
      { path: ".cursor/mcp.json", text: `{ "mcpServers": { "$comment": "servers the team shares", "old": null } }` },
      { path: ".roo/mcp.json", text: `{ "mcpServers": {} }` },
    ]);
    expect(config(r)).toEqual([]);
  });
});
