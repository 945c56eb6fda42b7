/**
 * A value that holds a reference the client expands can still carry a literal
 * credential in its other parts: a connection string whose host is a variable,
 * a URL whose path is a variable but whose `api_key` is pasted in, a header
 * that joins a variable and a token. The literal part is a hard-coded secret.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { inventoryJson, inventoryText } from "../../src/report/inventory.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../src/rules/fake-secrets.js";
import { Fake } from "../../src/secrets/fake.js";

const f = new Fake("mixed-reference-values");

describe("literal credentials beside a reference in one value", () => {
  it("are reported at the literal, with the server, in every slot", () => {
    const pw = `Xq7${f.alnum(14)}`;
    const key = fakeOpaqueKey("mixed-ref", 32);
    const gh = fakeGitHubToken("ghp", "mixed-ref");
    const lines = [
      `{ "mcpServers": {`,
      `  "pg-arg": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://admin:${pw}@\${DB_HOST}:5432/app"] },`,
      `  "pg-env": { "command": "acme-db-mcp", "env": { "DATABASE_URL": "postgresql://admin:${pw}@\${DB_HOST}:5432/app" } },`,
      `  "url": { "type": "http", "url": "https://mcp.acme.example/\${TENANT}/mcp?api_key=${key}" },`,
      `  "hdr": { "type": "http", "url": "https://mcp.acme.example/mcp", "headers": { "X-Auth": "\${USER_ID}:${gh}" } }`,
      `} }`,
      "",
    ];
    const r = scanSources([{ path: ".mcp.json", text: lines.join("\n") }]);
    const hits = r.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => [x.server?.name, x.loc.line, x.loc.column]);
    const col = (line: number, s: string) => (lines[line - 1] as string).indexOf(s) + 1;
    expect(hits).toEqual([
      ["pg-arg", 2, col(2, pw)],
      ["pg-env", 3, col(3, pw)],
      ["url", 4, col(4, key)],
      ["hdr", 5, col(5, gh)],
    ]);
    // The model still records how the value is referenced.
    expect(r.model.servers.find((s) => s.name === "pg-env")?.credentials[0]?.ref).toEqual({ kind: "env", name: "DB_HOST" });
  });

  it("references alone (every part a reference or placeholder) stay quiet", () => {
    const text = [
      `{ "mcpServers": {`,
      `  "pg": { "command": "acme-db-mcp", "env": { "DATABASE_URL": "postgresql://\${DB_USER}:\${DB_PASSWORD}@\${DB_HOST}:5432/app" } },`,
      `  "url": { "type": "http", "url": "https://mcp.acme.example/\${TENANT}/mcp?api_key=\${ACME_KEY}", "headers": { "Authorization": "Bearer \${ACME_TOKEN}", "X-Auth": "\${USER_ID}:<your-token>" } }`,
      `} }`,
      "",
    ].join("\n");
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.findings.filter((x) => x.ruleId === "hardcoded-secret")).toEqual([]);
  });
});

describe("the inventory of a reference that holds a literal credential", () => {
  it("keeps the reference, adds the redacted literal and never prints it whole", () => {
    const key = fakeOpaqueKey("mixed-ref-inventory", 32);
    const pw = `Xq7${f.alnum(14)}`;
    const text = [
      `{ "mcpServers": {`,
      `  "url": { "type": "http", "url": "https://mcp.acme.example/\${TENANT}/mcp?api_key=${key}" },`,
      `  "pg": { "command": "acme-db-mcp", "env": { "DATABASE_URL": "postgresql://admin:${pw}@\${DB_HOST}:5432/app" } }`,
      `} }`,
      "",
    ].join("\n");
    const r = scanSources([{ path: ".mcp.json", text }]);
    const json = inventoryJson(r.model);
    const out = [json, inventoryText(r.model)].join("\n");
    expect(out).not.toContain(key);
    expect(out).not.toContain(key.slice(0, 12));
    expect(out).not.toContain(pw);
    const creds = (JSON.parse(json) as { servers: { name: string; credentials: Record<string, unknown>[] }[] }).servers.map((s) => [s.name, s.credentials.map((c) => [c.key, c.reference, c.name, c.secret])]);
    expect(creds).toEqual([
      ["url", [["url", "env", "TENANT", "Credential in URL query parameter `api_key`"]]],
      ["pg", [["DATABASE_URL", "env", "DB_HOST", "PostgreSQL connection string with password"]]],
    ]);
    expect(inventoryText(r.model)).toContain("credential env DATABASE_URL: env DB_HOST with LITERAL Xq");
  });
});

describe("the fallback of `${NAME:-fallback}` is in the file whatever the client expands", () => {
  it("is reported in a client that does not expand `${NAME}` and for every reference of a value", () => {
    const gh = fakeGitHubToken("ghp", "fallback-unexpanded");
    const key = fakeOpaqueKey("fallback-second", 32);
    const lines = [
      `{ "mcpServers": { "gh": { "command": "github-mcp-server", "env": {`,
      `  "GITHUB_TOKEN": "\${GITHUB_TOKEN:-${gh}}",`,
      `  "ACME_API_KEY": "\${ACME_API_KEY:-${key}}"`,
      `} } } }`,
      "",
    ];
    const hits = (file: string) =>
      scanSources([{ path: file, text: lines.join("\n") }])
        .findings.filter((x) => x.ruleId === "hardcoded-secret")
        .map((x) => `${x.loc.line}:${x.loc.column}`);
    const expected = [`2:${(lines[1] as string).indexOf(gh) + 1}`, `3:${(lines[2] as string).indexOf(key) + 1}`];
    expect(hits(".cursor/mcp.json")).toEqual(expected);
    expect(hits("claude_desktop_config.json")).toEqual(expected);
    expect(hits(".mcp.json")).toEqual(expected);
  });

  it("the second reference's fallback of a value counts too", () => {
    const key = fakeOpaqueKey("fallback-two-refs", 32);
    const line = `{ "mcpServers": { "r": { "type": "http", "url": "https://mcp.acme.example/mcp", "headers": { "X-Api-Key": "\${ACME_TENANT}:\${ACME_API_KEY:-${key}}" } } } }`;
    const r = scanSources([{ path: ".mcp.json", text: `${line}\n` }]);
    expect(r.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => x.loc.column)).toEqual([line.indexOf(key) + 1]);
  });
});
