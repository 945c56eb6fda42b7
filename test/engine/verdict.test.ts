/**
 * Governance verdicts per server: identity, authorization (with the policy
 * named), traceability, approval record — each with evidence.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { verdictOf } from "../../src/engine/verdict.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { FIXTURES, folderSources } from "../helpers.js";

function verdicts(files: Record<string, string>, options: Record<string, unknown> = {}) {
  const r = scanSources(Object.entries(files).map(([path, text]) => ({ path, text })));
  return Object.fromEntries(r.model.servers.map((s) => [s.name, verdictOf(r.model, s, options)]));
}

describe("identity verdict", () => {
  it("literal secret, shared reference, own reference, none", () => {
    const token = fakeGitHubToken();
    const v = verdicts({
      ".mcp.json": `{ "mcpServers": {
  "pasted": { "command": "npx", "args": ["-y", "@acme/a@1.0.0"], "env": { "GITHUB_TOKEN": "${token}" } },
  "issues": { "command": "npx", "args": ["-y", "@acme/issues@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_PAT}" } },
  "repos": { "command": "npx", "args": ["-y", "@acme/repos@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_PAT}" } },
  "notes": { "command": "npx", "args": ["-y", "@acme/notes@1.0.0"], "env": { "NOTES_TOKEN": "\${NOTES_TOKEN}" } },
  "clock": { "command": "npx", "args": ["-y", "@acme/clock@1.0.0"] }
} }
`,
    });
    expect(v["pasted"]?.identity.value).toBe("literal-secret");
    expect(JSON.stringify(v["pasted"])).not.toContain(token);
    expect(v["pasted"]?.identity.evidence[0]).toMatchObject({ file: ".mcp.json", line: 2, key: "GITHUB_TOKEN" });
    expect(v["issues"]?.identity).toMatchObject({ value: "shared-credential", evidence: [{ line: 3, key: "GITHUB_TOKEN", note: "env:GITHUB_PAT is also given to 'repos' (claude-code)" }] });
    expect(v["notes"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ line: 5, note: "env:NOTES_TOKEN used by this server only" }] });
    expect(v["clock"]?.identity).toMatchObject({ value: "none", evidence: [{ line: 6, note: "no credential configured: the process runs as the local user" }] });
  });

  it("the same server set up in several clients with one reference is one workload, as shared-credential-reference says; another server given it shares it", () => {
    const launch = (ref: string) => `{ "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"], "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${ref}" } }`;
    const files = {
      ".mcp.json": `{ "mcpServers": { "github": ${launch("${GITHUB_TOKEN}")} } }\n`,
      ".cursor/mcp.json": `{ "mcpServers": { "github": ${launch("${env:GITHUB_TOKEN}")} } }\n`,
      ".vscode/mcp.json": `{ "servers": { "gh": { "type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer \${env:GH_REMOTE}" } } } }\n`,
      "opencode.json": `{ "mcp": { "gh": { "type": "remote", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer {env:GH_REMOTE}" } } } }\n`,
    };
    const r = scanSources(Object.entries(files).map(([path, text]) => ({ path, text })));
    const of = (client: string) => verdictOf(r.model, r.model.servers.find((s) => s.client === client)!, {}).identity.value;
    expect(r.findings.filter((f) => f.ruleId === "shared-credential-reference")).toEqual([]);
    expect(["claude-code", "cursor", "vscode", "opencode"].map(of)).toEqual(Array(4).fill("unique-workload-identity"));
    // A different server (another package) given the same variable shares the identity.
    const more = { ...files, ".kiro/settings/mcp.json": `{ "mcpServers": { "issues": { "command": "npx", "args": ["-y", "@acme/issues@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_TOKEN}" } } } }\n` };
    const r2 = scanSources(Object.entries(more).map(([path, text]) => ({ path, text })));
    expect(verdictOf(r2.model, r2.model.servers.find((s) => s.client === "cursor")!, {}).identity.value).toBe("shared-credential");
  });

  it("a placeholder, or a plain setting in env, is no identity; a literal under a credential name is one", () => {
    const v = verdicts({
      ".mcp.json": `{ "mcpServers": {
  "placeholder": { "command": "acme-a", "env": { "GITHUB_TOKEN": "your-token-here" } },
  "setting": { "command": "acme-b", "env": { "ACME_REGION": "eu-west-1" } },
  "weak": { "command": "acme-c", "env": { "DB_PASSWORD": "s3cr3t" } }
} }
`,
    });
    expect(v["placeholder"]?.identity.value).toBe("none");
    expect(v["setting"]?.identity.value).toBe("none");
    expect(v["weak"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ key: "DB_PASSWORD", note: "literal value that no detector flagged" }] });
  });

  it("a credential that is only a reference its client does not expand is no identity: the server receives the reference's text (real: fixtures/clients/claude-code/real-jenkins)", () => {
    const files = folderSources(path.join(FIXTURES, "clients/claude-code/real-jenkins"));
    const r = scanSources(files);
    const jenkins = r.model.servers.find((s) => s.name === "jenkins")!;
    expect(jenkins.credentials[0]).toMatchObject({ key: "Authorization", unexpanded: ["${input:jenkins-basic-auth}"] });
    expect(verdictOf(r.model, jenkins, {}).identity).toMatchObject({ value: "none", evidence: [{ file: ".mcp.json", line: 3, note: "no credential configured for this server" }] });
    // The same reference where the client expands it (VS Code) is the server's own identity; text beside an unexpanded reference still is one.
    const v = verdicts({
      ".vscode/mcp.json": `{ "servers": { "jenkins": { "type": "http", "url": "https://ci.acme.example/mcp-server/stateless", "headers": { "Authorization": "Basic \${input:jenkins-basic-auth}" } } } }\n`,
      ".mcp.json": `{ "mcpServers": { "mixed": { "type": "http", "url": "https://ci.acme.example/mcp", "headers": { "X-Api-Key": "s3cr3t-pw\${input:suffix}" } } } }\n`,
    });
    expect(v["jenkins"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ key: "Authorization", note: "input:jenkins-basic-auth used by this server only" }] });
    expect(v["mixed"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ key: "X-Api-Key", note: "literal value that no detector flagged" }] });
  });

  it("a setting read from the environment (`${VAR:-default}`) is no identity either; a credential-named one is (real: MCPJungle, ContextForge compose files)", () => {
    const v = verdicts({
      "docker-compose.yml": `services:
  mcpjungle:
    image: mcpjungle/mcpjungle:0.2.0
    environment:
      SERVER_MODE: \${SERVER_MODE:-enterprise}
      OTEL_ENABLED: \${OTEL_ENABLED:-true}
  mcp-gateway:
    image: ghcr.io/ibm/mcp-context-forge:1.0.0
    environment:
      - APP_DOMAIN=\${APP_DOMAIN:-http://localhost:8080}
      - AUTH_ENCRYPTION_SECRET=\${AUTH_ENCRYPTION_SECRET}
      - SSRF_ALLOW_LOCALHOST=\${SSRF_ALLOW_LOCALHOST:-true}
`,
    });
    expect(v["mcpjungle"]?.identity.value).toBe("none");
    expect(v["mcp-gateway"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ key: "AUTH_ENCRYPTION_SECRET", note: "env:AUTH_ENCRYPTION_SECRET used by this server only" }] });
    expect(v["mcp-gateway"]?.identity.evidence).toHaveLength(1);
  });

  it("a plain header (Accept, a client name) is no identity either; a literal under a credential header name is one", () => {
    const v = verdicts({
      ".cursor/mcp.json": `{ "mcpServers": {
  "docs": { "url": "https://docs.acme.example/mcp", "headers": { "Accept": "application/json, text/event-stream", "X-Client-Name": "cursor" } },
  "keyed": { "url": "https://api.acme.example/mcp", "headers": { "Accept": "application/json", "X-Api-Key": "s3cr3t-pw" } }
} }
`,
    });
    expect(v["docs"]?.identity).toMatchObject({ value: "none", evidence: [{ line: 2, note: "no credential configured for this server" }] });
    expect(v["keyed"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ key: "X-Api-Key", note: "literal value that no detector flagged" }] });
    expect(v["keyed"]?.identity.evidence).toHaveLength(1);
  });

  it("mcp-remote's static OAuth client is OAuth settings, as a client's `oauth` block: inline, from a file, or with a pasted client secret", () => {
    const secret = ["Zq8vK2mN", "4pR7tW1x", "Y5bC9dF3"].join("");
    const launch = (info: string) => `{ "command": "npx", "args": ["-y", "mcp-remote@0.1.29", "https://mcp.acme.example/mcp", ${info}] }`;
    const v = verdicts({
      ".mcp.json": `{ "mcpServers": {
  "public": ${launch(`"--static-oauth-client-info", "{\\"client_id\\":\\"acme-cli\\"}"`)},
  "filed": ${launch(`"--static-oauth-client-info=@/home/me/.acme/oauth.json"`)},
  "pasted": ${launch(`"--static-oauth-client-info", "{\\"client_id\\":\\"acme-cli\\",\\"client_secret\\":\\"${secret}\\"}"`)},
  "bare": ${launch(`"--debug"`)}
} }
`,
    });
    expect(v["public"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ line: 2, key: "--static-oauth-client-info", note: "--static-oauth-client-info: credential kept in the client's store for this server" }] });
    expect(v["filed"]?.identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ line: 3, key: "--static-oauth-client-info", note: "file:/home/me/.acme/oauth.json used by this server only" }] });
    expect(v["pasted"]?.identity).toMatchObject({ value: "literal-secret", evidence: [{ line: 4, key: "client_secret" }] });
    expect(JSON.stringify(v["pasted"])).not.toContain(secret);
    expect(v["bare"]?.identity.value).toBe("none");
  });

  it("LibreChat admin-sourced key is one shared identity; a per-user key is not", () => {
    const v = verdicts({
      "librechat.yaml": `mcpServers:
  shared:
    type: streamable-http
    url: https://mcp.acme.example/shared
    apiKey: { source: admin, authorization_type: bearer }
  mine:
    type: streamable-http
    url: https://mcp.acme.example/mine
    apiKey: { source: user, authorization_type: bearer }
`,
    });
    expect(v["shared"]?.identity).toMatchObject({ value: "shared-credential", evidence: [{ file: "librechat.yaml", line: 5, key: "apiKey.source" }] });
    expect(v["mine"]?.identity.value).toBe("unique-workload-identity");
  });
});

describe("identity verdict of a server implemented in the scanned code", () => {
  it("is unknown: its code reads the credentials it uses at run time (real: makenotion/notion-mcp-server scripts/start-server.ts, trimmed); a client entry for it stays none", () => {
    const server = `import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";
import { initProxy } from "../src/init-server";
const app = express();
const authToken = process.env.AUTH_TOKEN || randomBytes(32).toString("hex");
const authenticateToken = (req, res, next) => { const token = req.headers["authorization"]?.split(" ")[1]; if (token !== authToken) return res.status(403).end(); next(); };
app.use("/mcp", authenticateToken);
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  const proxy = await initProxy(specPath, baseUrl);
  await proxy.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
`;
    const r = scanSources([
      { path: "scripts/start-server.ts", text: server },
      { path: ".mcp.json", text: `{ "mcpServers": { "notion-mcp-server": { "command": "npx", "args": ["-y", "@notionhq/notion-mcp-server@1.9.0"] } } }\n` },
    ]);
    const byFile = Object.fromEntries(r.model.servers.map((s) => [s.file, verdictOf(r.model, s, {})]));
    expect(byFile["scripts/start-server.ts"]?.identity).toMatchObject({ value: "unknown", evidence: [{ file: "scripts/start-server.ts", note: "a server implemented in the scanned code: the credentials it uses are read by its code at run time" }] });
    expect(byFile["scripts/start-server.ts"]?.authorization.value).toBe("default-deny");
    expect(byFile[".mcp.json"]?.identity.value).toBe("none");
  });
});

describe("authorization verdict", () => {
  it("is unknown for a stdio server in a client with no policy", () => {
    const v = verdicts({ ".mcp.json": `{ "mcpServers": { "clock": { "command": "acme-clock" } } }\n` });
    expect(v["clock"]?.authorization).toEqual({ value: "unknown", evidence: [{ file: ".mcp.json", line: 1, key: "clock", note: "no policy file for claude-code in the scan: the files cannot tell what this stdio server may do" }] });
  });

  it("names the client policy that denies by default", () => {
    const v = verdicts({ ".gemini/settings.json": `{ "mcp": { "allowed": ["acme-notes"] },\n  "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } } }\n` });
    expect(v["acme-notes"]?.authorization.value).toBe("default-deny");
    expect(v["acme-notes"]?.authorization.policy).toMatchObject({ client: "gemini-cli", file: ".gemini/settings.json" });
    expect(v["acme-notes"]?.authorization.evidence[0]?.file).toBe(".gemini/settings.json");
  });

  it("is allow-by-default when the server is trusted or the policy fails open", () => {
    const v = verdicts({
      ".gemini/settings.json": `{ "mcp": { "allowed": ["trusted"] }, "mcpServers": { "trusted": { "command": "acme-x", "trust": true } } }\n`,
      ".config/goose/config.yaml": `extensions:\n  acme-notes: { type: stdio, cmd: acme-notes-mcp, enabled: true }\n`,
    });
    expect(v["trusted"]?.authorization).toMatchObject({ value: "allow-by-default", evidence: [{ key: "trust" }] });
    expect(v["acme-notes"]?.authorization.value).toBe("allow-by-default");
    expect(v["acme-notes"]?.authorization.policy?.client).toBe("goose");
  });

  it("in a monorepo, a package's project settings govern that package's servers only, the nearest project's settings first", () => {
    const launch = (pkg: string) => `{ "command": "npx", "args": ["-y", "@acme/${pkg}@1.0.0"] }`;
    const v = verdicts({
      ".mcp.json": `{ "mcpServers": { "notes": ${launch("notes")} } }\n`,
      ".claude/settings.json": `{ "permissions": { "defaultMode": "default", "allow": ["mcp__notes__search"] } }\n`,
      "packages/web/.mcp.json": `{ "mcpServers": { "web-tools": ${launch("web")} } }\n`,
      "packages/web/.claude/settings.json": `{ "permissions": { "defaultMode": "bypassPermissions" } }\n`,
      "packages/api/.mcp.json": `{ "mcpServers": { "api-tools": ${launch("api")} } }\n`,
      "packages/api/.vscode/mcp.json": `{ "servers": { "api-vscode": ${launch("api-vscode")} } }\n`,
      "packages/web/.vscode/settings.json": `{ "chat.tools.autoApprove": true }\n`,
    });
    expect(v["web-tools"]?.authorization).toMatchObject({ value: "allow-by-default", policy: { file: "packages/web/.claude/settings.json" } });
    // The web package's bypassPermissions does not reach the root's server nor the api package's.
    expect(v["notes"]?.authorization).toMatchObject({ value: "default-deny", policy: { file: ".claude/settings.json" } });
    expect(v["api-tools"]?.authorization).toMatchObject({ value: "default-deny", policy: { file: ".claude/settings.json" } });
    expect(v["api-vscode"]?.authorization.value).toBe("unknown");
  });

  it("does not read a Claude Code settings file without permissions.defaultMode as prompting (the client decides: auto mode since v2.1.283)", () => {
    const files = { ".mcp.json": `{ "mcpServers": { "notes": { "command": "acme-notes" } } }\n` };
    const unset = verdicts({ ...files, ".claude/settings.json": `{ "permissions": { "allow": ["mcp__notes__search"] } }\n` });
    expect(unset["notes"]?.authorization.value).toBe("unknown");
    expect(unset["notes"]?.authorization.evidence[0]?.note).toContain(".claude/settings.json");
    const manual = verdicts({ ...files, ".claude/settings.json": `{ "permissions": { "defaultMode": "default", "allow": ["mcp__notes__search"] } }\n` });
    expect(manual["notes"]?.authorization).toMatchObject({ value: "default-deny", evidence: [{ line: 1, note: expect.stringContaining("asks a person") }] });
  });

  it("is allow-by-default when a governing policy allows every tool of the server by name (Claude Code mcp__server), whatever default it states", () => {
    const v = verdicts({
      ".mcp.json": `{ "mcpServers": {\n  "github": { "command": "acme-github" },\n  "notes": { "command": "acme-notes" }\n} }\n`,
      ".claude/settings.json": `{ "permissions": {\n  "allow": ["mcp__github", "mcp__notes__search_notes"],\n  "deny": ["mcp__github__delete_repository"]\n} }\n`,
      "managed-settings.json": `{ "allowedMcpServers": [{ "serverCommand": ["acme-github"] }, { "serverCommand": ["acme-notes"] }] }\n`,
    });
    expect(v["github"]?.authorization).toMatchObject({ value: "allow-by-default", policy: { file: ".claude/settings.json" }, evidence: [{ file: ".claude/settings.json", line: 2, key: "mcp__github" }] });
    expect(v["notes"]?.authorization.value).toBe("default-deny");
    const denied = verdicts({
      ".mcp.json": `{ "mcpServers": { "github": { "command": "acme-github" } } }\n`,
      ".claude/settings.json": `{ "permissions": { "allow": ["mcp__github"], "deny": ["mcp__github"] } }\n`,
    });
    expect(denied["github"]?.authorization.value).toBe("default-deny");
  });

  it("is default-deny for a server whose every tool a rule denies, even where the layer allows what no rule names (Gemini CLI policy)", () => {
    const v = verdicts({
      ".gemini/settings.json": `{ "mcpServers": { "acme-db": { "command": "acme-db-mcp" }, "notes": { "command": "notes-mcp" } } }\n`,
      "etc/gemini-cli/policies/mcp.toml": `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 10\n\n[[rule]]\nmcpName = "acme-db"\ndecision = "deny"\npriority = 45\n`,
    });
    expect(v["acme-db"]?.authorization).toMatchObject({ value: "default-deny", policy: { file: "etc/gemini-cli/policies/mcp.toml" }, evidence: [{ file: "etc/gemini-cli/policies/mcp.toml", line: 7 }] });
    expect(v["notes"]?.authorization.value).toBe("allow-by-default");
    // A deny below the catch-all allow's priority never applies.
    const low = verdicts({
      ".gemini/settings.json": `{ "mcpServers": { "acme-db": { "command": "acme-db-mcp" } } }\n`,
      "etc/gemini-cli/policies/mcp.toml": `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 100\n\n[[rule]]\nmcpName = "acme-db"\ndecision = "deny"\npriority = 5\n`,
    });
    expect(low["acme-db"]?.authorization.value).toBe("allow-by-default");
  });
});

describe("traceability verdict", () => {
  it("reads the Docker MCP gateway --log-calls flag; unknown elsewhere", () => {
    const v = verdicts({
      ".mcp.json": `{ "mcpServers": {
  "quiet": { "command": "docker", "args": ["mcp", "gateway", "run", "--log-calls=false"] },
  "default": { "command": "docker", "args": ["mcp", "gateway", "run", "--servers", "acme-notes"] },
  "plain": { "command": "acme-notes-mcp" }
} }
`,
    });
    expect(v["quiet"]?.traceability).toEqual({ value: "absent", evidence: [{ file: ".mcp.json", line: 2, key: "--log-calls", note: "Docker MCP gateway: --log-calls=false: the gateway does not log tool calls" }] });
    expect(v["default"]?.traceability.value).toBe("audit-configured");
    expect(v["plain"]?.traceability.value).toBe("unknown");
  });
});

describe("approval record", () => {
  const files = { ".vscode/mcp.json": `{ "servers": { "notes": { "type": "http", "url": "https://mcp.acme.example/notes" }, "other": { "type": "http", "url": "https://other.example/mcp" } } }\n` };
  const approved = [{ url: "https://mcp.acme.example/*", approvedBy: "sec-team", approvedAt: "2026-01-05", reference: "SEC-42", expires: "2026-12-31" }];

  it("carries who approved, when, the reference and the expiry", () => {
    const v = verdicts(files, { approved, today: "2026-06-01" });
    expect(v["notes"]?.approval).toEqual({ status: "approved", identity: "URL https://mcp.acme.example/notes", approvedBy: "sec-team", approvedAt: "2026-01-05", reference: "SEC-42", expires: "2026-12-31" });
    expect(v["other"]?.approval?.status).toBe("unapproved");
  });

  it("marks an expired approval", () => {
    expect(verdicts(files, { approved, today: "2027-01-02" })["notes"]?.approval?.status).toBe("expired");
  });

  it("is absent without an approved list", () => {
    expect(verdicts(files)["notes"]?.approval).toBeUndefined();
  });
});

describe("authorization verdict with several endpoints", () => {
  it("one unauthenticated endpoint in front of a server makes it allow-by-default, whatever the others deny", async () => {
    const text = `import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
const server = new McpServer({ name: "notes", version: "1.0.0" });
const app = express();
const bearer = requireBearerAuth({ verifier });
app.post("/mcp", bearer, async (req, res) => { const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }); await server.connect(t); await t.handleRequest(req, res, req.body); });
app.get("/mcp", async (req, res) => { const t = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined }); await server.connect(t); await t.handleRequest(req, res); });
`;
    const v = verdicts({ "server.ts": text });
    expect(v["notes"]?.authorization).toMatchObject({ value: "allow-by-default", policy: { name: "GET /mcp", line: 9 } });
  });
});
