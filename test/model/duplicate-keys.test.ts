/**
 * A key written twice in one JSON object: every JSON reader (JSON.parse, the
 * clients) keeps the last entry. The rules see that one server (or variable,
 * or header) once; the earlier entry is dead config, reported at its key by
 * duplicate-key (not parse-error: the file parses); a token written in it is
 * still a committed secret.
 */
import { describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, tempTree } from "../helpers.js";

interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
}

async function findingsIn(files: Record<string, string>): Promise<{ rule: string; at: string; message: string }[]> {
  const res = await cli(["scan", ".", "--format", "json", "--no-config"], tempTree(files));
  const findings = (JSON.parse(res.stdout) as { findings: Finding[] }).findings;
  return findings.map((f) => ({ rule: f.ruleId, at: `${f.location.file}:${f.location.line}:${f.location.column}`, message: f.message }));
}

/** A server map, in a client's JSON shape, holding server `a` twice: a plain-HTTP remote, then another. */
const twice = (mapKey: string, token: string) => `{
  "${mapKey}": {
    "a": { "url": "http://old.example.com/mcp", "headers": { "Authorization": "Bearer ${token}" } },
    "a": { "url": "http://new.example.com/mcp", "headers": { "Authorization": "Bearer \${input:token}" } }
  }
}
`;

describe("a server name written twice in one JSON object", () => {
  it.each([
    [".cursor/mcp.json", "mcpServers"],
    [".vscode/mcp.json", "servers"],
    [".mcp.json", "mcpServers"],
  ])("%s: one server (the last), the first entry reported as ignored, its token still found", async (file, mapKey) => {
    const token = fakeGitHubToken("ghp", "duplicate-key");
    const found = await findingsIn({ [file]: twice(mapKey, token) });
    const http = found.filter((f) => f.rule === "plain-http-remote");
    expect(http.map((f) => f.at)).toEqual([`${file}:4:19`]);
    expect(http[0]?.message).toContain("new.example.com");
    const shadowed = found.filter((f) => f.rule === "duplicate-key" || f.rule === "parse-error");
    expect(shadowed).toEqual([{ rule: "duplicate-key", at: `${file}:3:5`, message: expect.stringContaining('key "a" is written again later in this object') }]);
    expect(found.filter((f) => f.rule === "hardcoded-secret").map((f) => f.at)).toEqual([`${file}:3:87`]);
    expect(JSON.stringify(found)).not.toContain(token);
  });

  it("a variable written twice in env: the last value counts (no literal token reported as the server's)", async () => {
    const token = fakeGitHubToken("ghp", "duplicate-env");
    const text = `{ "mcpServers": { "gh": { "command": "github-mcp-server", "env": { "GITHUB_TOKEN": "${token}", "GITHUB_TOKEN": "\${GITHUB_TOKEN}" } } } }\n`;
    const found = await findingsIn({ ".cursor/mcp.json": text });
    expect(found.filter((f) => f.rule === "duplicate-key" || f.rule === "parse-error").map((f) => `${f.rule} ${f.at}`)).toEqual(["duplicate-key .cursor/mcp.json:1:68"]);
    // The dead value is a committed token all the same, but not one the server is given.
    const secrets = found.filter((f) => f.rule === "hardcoded-secret");
    expect(secrets.map((f) => f.at)).toEqual([".cursor/mcp.json:1:85"]);
    expect(secrets[0]?.message).not.toContain("MCP server 'gh'");
  });

  it("is a duplicate-key finding, not a parse-error finding nor a parse-error diagnostic: the file parses", async () => {
    const res = await cli(["scan", ".", "--format", "json", "--no-config"], tempTree({ ".cursor/mcp.json": `{ "mcpServers": {\n  "notes": { "command": "acme-notes-mcp", "args": ["--read-only"] },\n  "notes": { "command": "acme-notes-mcp" }\n} }\n` }));
    const out = JSON.parse(res.stdout) as { findings: Finding[]; diagnostics: { code: string }[] };
    expect(out.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`)).toEqual(["duplicate-key .cursor/mcp.json:2:3"]);
    expect(out.findings[0]?.message).toBe('JSON: key "notes" is written again later in this object, and JSON readers keep the last one: this entry is ignored (delete it, or merge it into the last one).');
    expect(out.diagnostics.filter((d) => d.code === "parse-error")).toEqual([]);
    expect(res.exitCode).toBe(1);
  });
});

/**
 * YAML forbids a key written twice in one mapping; its loaders refuse the file or keep the last
 * entry. Either way the earlier entry is dead config: read as JSON is, with the last entry.
 */
describe("a key written twice in one YAML mapping", () => {
  it.each([
    ["librechat.yaml", "mcpServers:\n  a:\n    type: streamable-http\n    url: http://old.example.com/mcp\n    headers: { Authorization: \"Bearer TOKEN\" }\n  a:\n    type: streamable-http\n    url: http://new.example.com/mcp\n", "2:3", "8:10", "5:39"],
    [".config/goose/config.yaml", "GOOSE_MODE: approve\nextensions:\n  a:\n    type: streamable_http\n    uri: http://old.example.com/mcp\n    headers: { Authorization: \"Bearer TOKEN\" }\n  a:\n    type: streamable_http\n    uri: http://new.example.com/mcp\n", "3:3", "9:10", "6:39"],
  ])("%s: one server (the last), the first entry reported as ignored, its token still found", async (file, text, dead, live, secret) => {
    const token = fakeGitHubToken("ghp", "duplicate-yaml");
    const found = await findingsIn({ [file]: text.replace("TOKEN", token) });
    const http = found.filter((f) => f.rule === "plain-http-remote");
    expect(http.map((f) => f.at)).toEqual([`${file}:${live}`]);
    expect(http[0]?.message).toContain("new.example.com");
    expect(found.filter((f) => f.rule === "duplicate-key" || f.rule === "parse-error")).toEqual([{ rule: "duplicate-key", at: `${file}:${dead}`, message: expect.stringContaining('YAML: key "a" is written again later in this mapping') }]);
    expect(found.filter((f) => f.rule === "hardcoded-secret").map((f) => f.at)).toEqual([`${file}:${secret}`]);
    expect(JSON.stringify(found)).not.toContain(token);
  });

  it("Continue: a field written twice in one server item counts with its last value", async () => {
    const text = "name: a\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: notes\n    url: https://new.example.com/mcp\n    apiKey: ${{ secrets.NOTES_KEY }}\n    url: http://old.example.com/mcp\n";
    const found = await findingsIn({ ".continue/config.yaml": text });
    expect(found.filter((f) => f.rule === "duplicate-key" || f.rule === "parse-error").map((f) => `${f.rule} ${f.at}`)).toEqual(["duplicate-key .continue/config.yaml:6:5"]);
    expect(found.filter((f) => f.rule === "plain-http-remote").map((f) => f.at)).toEqual([".continue/config.yaml:8:10"]);
  });

  it("a key a merge (<<) brings in is no repeat: the mapping's own key wins, silently", async () => {
    const text = "x-base: &base\n  type: streamable-http\n  url: http://old.example.com/mcp\nmcpServers:\n  a:\n    <<: *base\n    url: https://new.example.com/mcp\n    headers: { Authorization: \"Bearer ${NOTES_TOKEN}\" }\n";
    const found = await findingsIn({ "librechat.yaml": text });
    expect(found.filter((f) => f.rule === "duplicate-key" || f.rule === "parse-error" || f.rule === "plain-http-remote")).toEqual([]);
  });

  it("a Helm template may write a key in both branches of an if: both stay (no duplicate-key)", async () => {
    const text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: mcp\nspec:\n  template:\n    spec:\n      {{- if .Values.hostNetwork }}\n      hostNetwork: true\n      {{- else }}\n      hostNetwork: false\n      {{- end }}\n      containers:\n        - name: server\n          image: ghcr.io/acme/notes-mcp:1.2.3\n";
    const found = await findingsIn({ "chart/templates/deployment.yaml": text, "chart/Chart.yaml": "apiVersion: v2\nname: mcp\nversion: 0.1.0\n" });
    expect(found.filter((f) => f.rule === "duplicate-key" || f.rule === "parse-error")).toEqual([]);
  });
});
