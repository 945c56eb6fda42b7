/**
 * The credentials of the MCP servers people run (test/secrets/mcp-servers.ts):
 * each pasted into its server's slot (env, header, Authorization, flag,
 * positional argument, URL) in a client config is reported where it stands,
 * named and redacted; the placeholders people leave there and references in
 * every client's syntax are not.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { Fake } from "../../src/secrets/fake.js";
import { allCases, configText, PUBLIC_KEYS, SERVER_ROWS } from "./mcp-servers.js";

const SECRET_RULES = new Set(["hardcoded-secret", "shared-secret", "long-lived-token"]);
const cases = allCases();
const findings = scanSources(cases.map((c) => ({ path: c.path, text: c.text }))).findings;
const byFile = new Map<string, typeof findings>();
for (const f of findings) byFile.set(f.loc.file, [...(byFile.get(f.loc.file) ?? []), f]);
const secretFindings = (path: string) => (byFile.get(path) ?? []).filter((f) => SECRET_RULES.has(f.ruleId));

describe("credentials of common MCP servers pasted into a client config", () => {
  it("covers at least 60 servers", () => {
    expect(new Set(SERVER_ROWS.map((r) => r.server.replace(/-.*/, ""))).size).toBeGreaterThanOrEqual(60);
  });

  const pasted = cases.filter((c) => c.kind === "pasted").map((c) => ({ ...c, name: c.row.server, where: `${c.row.slot} ${c.row.key}`.trim() }));

  it.each(pasted)("$name ($where): reported at its line and column, named, attributed and redacted", (c) => {
    const hits = secretFindings(c.path)
      .filter((f) => f.ruleId === "hardcoded-secret")
      .map((f) => ({ line: f.loc.line, column: f.loc.column, provider: f.secret?.provider, server: f.server?.name }));
    expect(hits).toContainEqual({ line: c.line, column: c.column, provider: c.row.provider, server: c.row.server });
    const shown = JSON.stringify(secretFindings(c.path));
    expect(shown).not.toContain(c.value);
    for (let i = 0; i + 12 <= c.value.length; i += 6) expect(shown).not.toContain(c.value.slice(i, i + 12));
  });

  it("no placeholder people leave in these slots is reported", () => {
    const flagged = cases.filter((c) => c.kind === "placeholder" && secretFindings(c.path).length > 0).map((c) => `${c.row.server}: ${JSON.stringify(c.value)}`);
    expect(flagged).toEqual([]);
  });

  it("no reference in any client's syntax is reported", () => {
    const flagged = cases.filter((c) => c.kind === "reference" && secretFindings(c.path).length > 0).map((c) => `${c.row.server}: ${c.value} in ${c.path}`);
    expect(flagged).toEqual([]);
  });
});

describe("a token with its provider's prefix, pasted into another slot than its server's", () => {
  // Each row whose token has its format's prefix (and is the whole value) as a bearer header in .vscode/mcp.json,
  // in Codex's http_headers and, where it needs no URL escape, as a URL's `api_key`. Left out: formats found
  // beside the provider's name only (Brave's BSA..., which a key name must name), and generic detections.
  const KEYED = new Set(["brave-search-api-key"]);
  const secretOf = (row: (typeof SERVER_ROWS)[number]) => row.secret(new Fake(`mcp-servers/${row.server}`));
  const rows = SERVER_ROWS.filter((r) => r.template === undefined && r.prefix !== undefined && secretOf(r).startsWith(r.prefix) && !r.provider.startsWith("generic-") && !KEYED.has(r.provider));
  const cases = rows.flatMap((row) => {
    const secret = secretOf(row);
    const out = [
      { name: `${row.server} as a VS Code bearer header`, path: `slots/${row.server}/.vscode/mcp.json`, text: JSON.stringify({ servers: { [row.server]: { type: "http", url: "https://mcp.example.com/mcp", headers: { Authorization: `Bearer ${secret}` } } } }, null, 2) + "\n", row, secret },
      { name: `${row.server} in Codex http_headers`, path: `slots/${row.server}/.codex/config.toml`, text: `[mcp_servers.${row.server}]\nurl = "https://mcp.example.com/mcp"\nhttp_headers = { "X-Api-Key" = ${JSON.stringify(secret)} }\n`, row, secret },
    ];
    if (/^[A-Za-z0-9._~-]+$/.test(secret)) out.push({ name: `${row.server} in a URL's query`, path: `slots/${row.server}/.cursor/mcp.json`, text: JSON.stringify({ mcpServers: { [row.server]: { url: `https://mcp.example.com/mcp?api_key=${secret}` } } }, null, 2) + "\n", row, secret });
    return out;
  });
  const found = scanSources(cases.map((c) => ({ path: c.path, text: c.text }))).findings.filter((f) => f.ruleId === "hardcoded-secret");

  it("covers 40 formats or more", () => expect(new Set(rows.map((r) => r.provider)).size).toBeGreaterThanOrEqual(40));

  it.each(cases)("$name: named by its format at its line and column, redacted", (c) => {
    const at = c.text.indexOf(c.secret);
    const line = c.text.slice(0, at).split("\n").length;
    const column = at - c.text.lastIndexOf("\n", at - 1);
    const hits = found.filter((f) => f.loc.file === c.path);
    expect(hits.map((f) => ({ line: f.loc.line, column: f.loc.column, provider: f.secret?.provider }))).toContainEqual({ line, column, provider: c.row.provider });
    const shown = JSON.stringify(hits);
    for (let i = 0; i + 12 <= c.secret.length; i += 6) expect(shown).not.toContain(c.secret.slice(i, i + 12));
  });
});

describe("publishable keys under the names MCP servers read", () => {
  it.each(PUBLIC_KEYS.map((p) => ({ ...p, name: p.key })))("$name: a key made for browsers is not a hard-coded secret", ({ key, value }) => {
    const v = value(new Fake(`public/${key}`));
    const text = JSON.stringify({ mcpServers: { app: { command: "npx", args: ["-y", "app-mcp@1.0.0"], env: { [key]: v } } } }, null, 2) + "\n";
    expect(scanSources([{ path: ".cursor/mcp.json", text }]).findings.filter((f) => SECRET_RULES.has(f.ruleId))).toEqual([]);
  });
});

describe("one server's credential pasted for a second server too", () => {
  // Each row's token in its slot for two servers: one in the project's .mcp.json, one (`<name>-2`) in .vscode/mcp.json.
  const pairs = SERVER_ROWS.map((row) => {
    const secret = row.secret(new Fake(`shared/${row.server}`));
    const files = [
      { path: `shared/${row.server}/.mcp.json`, text: configText(".mcp.json", row, secret) },
      { path: `shared/${row.server}/.vscode/mcp.json`, text: configText(".vscode/mcp.json", { ...row, server: `${row.server}-2` }, secret) },
    ];
    return { row, secret, files, name: row.server };
  });
  const shared = scanSources(pairs.flatMap((p) => p.files)).findings.filter((f) => f.ruleId === "shared-secret");

  it.each(pairs)("$name: shared-secret at both places, each pointing at the other, redacted", ({ row, secret, files }) => {
    const at = files.map((f) => {
      const i = f.text.indexOf(secret);
      return { file: f.path, line: f.text.slice(0, i).split("\n").length, column: i - f.text.lastIndexOf("\n", i - 1) };
    });
    const hits = shared.filter((f) => files.some((x) => x.path === f.loc.file));
    expect(hits.map((f) => ({ file: f.loc.file, line: f.loc.line, column: f.loc.column })).sort((a, b) => a.file.localeCompare(b.file))).toEqual([...at].sort((a, b) => a.file.localeCompare(b.file)));
    for (const h of hits) expect(h.related.map((r) => r.loc.file)).toEqual(files.map((f) => f.path).filter((p) => p !== h.loc.file));
    expect(hits.map((h) => h.server?.name).sort()).toEqual([row.server, `${row.server}-2`].sort());
    const shown = JSON.stringify(hits);
    const from = Math.max(0, (row.prefix?.length ?? 0) - 11);
    for (let i = from; i + 12 <= secret.length; i++) if (i + 12 > (row.prefix?.length ?? 0)) expect(shown).not.toContain(secret.slice(i, i + 12));
  });
});
