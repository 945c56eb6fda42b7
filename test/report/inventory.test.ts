/** The inventory shows each server's verdict and approval record; existing fields stay as they were. */
import { describe, expect, it } from "vitest";
import { lockEntry } from "../../src/engine/lock.js";
import { scan, scanSources } from "../../src/api.js";
import { REPO_ROOT } from "../helpers.js";
import { inventoryJson, inventoryText } from "../../src/report/inventory.js";
import { Fake } from "../../src/secrets/fake.js";

const files = [
  { path: ".mcp.json", text: `{ "mcpServers": {\n  "notes": { "type": "http", "url": "https://mcp.acme.example/notes", "headers": { "Authorization": "Bearer \${NOTES_TOKEN}" } },\n  "gw": { "command": "docker", "args": ["mcp", "gateway", "run", "--log-calls=false"] }\n} }\n` },
];
const options = { approved: [{ url: "https://mcp.acme.example/*", approvedBy: "sec-team", approvedAt: "2026-01-05", reference: "SEC-42", expires: "2026-12-31" }], today: "2026-06-01" };

describe("inventory verdicts", () => {
  it("JSON keeps the existing fields and adds a verdict object per server", () => {
    const r = scanSources(files);
    const doc = JSON.parse(inventoryJson(r.model, options)) as { servers: Record<string, unknown>[] };
    const notes = doc.servers.find((s) => s["name"] === "notes");
    expect(Object.keys(notes ?? {})).toEqual(["name", "client", "file", "line", "column", "scope", "transport", "enabled", "args", "url", "credentials", "envPassthrough", "tools", "facts", "verdict"]);
    expect(notes?.["verdict"]).toMatchObject({
      identity: { value: "unique-workload-identity" },
      authorization: { value: "unknown" },
      traceability: { value: "unknown" },
      approval: { status: "approved", approvedBy: "sec-team", approvedAt: "2026-01-05", reference: "SEC-42", expires: "2026-12-31" },
    });
  });

  it("text shows the verdict line and the approval record under each server", () => {
    const out = inventoryText(scanSources(files).model, options);
    expect(out).toContain("    identity: unique-workload-identity; authorization: unknown; traceability: unknown\n    approval: approved by sec-team on 2026-01-05 (SEC-42) expires 2026-12-31\n");
    expect(out).toContain("    identity: none; authorization: unknown; traceability: absent\n    approval: NOT on the approved list (command docker)\n");
  });
});

describe("inventory credentials", () => {
  // As real opencode, Cursor and Codex files mix them: credentials next to plain settings.
  const mixed = [
    {
      path: "opencode.json",
      text: `{ "mcp": {
  "netbox": { "type": "local", "command": ["python3", "-m", "netbox_mcp"], "environment": { "NETBOX_URL": "http://127.0.0.1:8000", "NETBOX_TOKEN": "{env:NETBOX_TOKEN}", "LOG_LEVEL": "debug", "PORT": "3000", "TENANT": "{env:ACME_TENANT}", "DATABASE_URL": "{env:DATABASE_URL}" } },
  "docs": { "type": "remote", "url": "https://docs.acme.example/mcp", "headers": { "Accept": "application/json", "X-Client-Name": "opencode", "X-Api-Key": "{env:DOCS_KEY}" } },
  "plain": { "type": "local", "command": ["acme-plain"], "environment": { "ACME_REGION": "eu-west-1", "ACME_KEY": "your-key-here" } }
} }
`,
    },
  ];

  it("lists values under credential names or from secret-named variables, not plain settings (LOG_LEVEL, PORT, Accept)", async () => {
    const r = scanSources(mixed);
    const doc = JSON.parse(inventoryJson(r.model)) as { servers: { name: string; credentials: { key: string }[] }[] };
    const keys = (name: string) => doc.servers.find((s) => s.name === name)?.credentials.map((c) => c.key);
    expect(keys("netbox")).toEqual(["NETBOX_TOKEN", "DATABASE_URL"]);
    expect(keys("docs")).toEqual(["X-Api-Key"]);
    // A credential slot holding a placeholder is still a credential slot a reviewer wants to see.
    expect(keys("plain")).toEqual(["ACME_KEY"]);
    const text = inventoryText(r.model);
    expect(text).not.toMatch(/credential \w+ (LOG_LEVEL|PORT|NETBOX_URL|TENANT|Accept|X-Client-Name|ACME_REGION):/);
    expect(text).toContain("    credential env NETBOX_TOKEN: env NETBOX_TOKEN\n");
    const { toMarkdown } = await import("../../src/report/markdown.js");
    expect(toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind: "inventory" })).not.toContain("LOG\\_LEVEL");
  });

  it("a credential slot holding a reference its client does not expand says so: text and markdown name the reference", async () => {
    const r = scanSources([{ path: ".codex/config.toml", text: `[mcp_servers.docs]\ncommand = "docs-mcp"\nenv = { DOCS_TOKEN = "\${DOCS_TOKEN}" }\n` }]);
    expect(inventoryText(r.model)).toContain("    credential env DOCS_TOKEN: LITERAL [REDACTED]; `${DOCS_TOKEN}` not expanded by codex: the server receives the text\n");
    const { toMarkdown } = await import("../../src/report/markdown.js");
    expect(toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind: "inventory" })).toContain("| docs | codex | DOCS\\_TOKEN | env | literal \\[REDACTED\\]; `${DOCS_TOKEN}` not expanded by codex: the server receives the text |");
  });

  it("a placeholder is shown as one, not as a LITERAL credential (the identity verdict already ignores it)", async () => {
    const text = JSON.stringify({ context_servers: { github: { url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: "Bearer YOUR_GITHUB_PAT" } }, docs: { command: "docs-mcp", env: { DOCS_API_KEY: "<your-docs-key>" } } } }, null, 2);
    const r = scanSources([{ path: ".zed/settings.json", text }]);
    expect(inventoryText(r.model)).toContain("    credential header Authorization: placeholder [REDACTED]\n");
    expect(inventoryText(r.model)).toContain("    credential env DOCS_API_KEY: placeholder [REDACTED]\n");
    expect(inventoryText(r.model)).not.toContain("LITERAL");
    const doc = JSON.parse(inventoryJson(r.model)) as { servers: { credentials: Record<string, unknown>[] }[] };
    expect(doc.servers.map((s) => s.credentials.map((c) => [c.reference, c.value, c.placeholder]))).toEqual([[["literal", "[REDACTED]", true]], [["literal", "[REDACTED]", true]]]);
    const { toMarkdown } = await import("../../src/report/markdown.js");
    expect(toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind: "inventory" })).toContain("| github | zed | Authorization | header | placeholder \\[REDACTED\\] |");
  });

  it("an empty value is shown as an unfilled slot, not as a LITERAL credential (a real Kiro file's `\"FIGMA_ACCESS_TOKEN\": \"\"`)", async () => {
    const r = await scan({ paths: ["fixtures/clients/kiro/real-ymca"], cwd: REPO_ROOT, lockFile: false });
    expect(inventoryText(r.model)).toContain("    credential env FIGMA_ACCESS_TOKEN: empty\n");
    expect(inventoryText(r.model)).not.toContain("LITERAL");
    const { toMarkdown } = await import("../../src/report/markdown.js");
    expect(toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind: "inventory" })).toContain("| figma | kiro | FIGMA\\_ACCESS\\_TOKEN | env | empty |");
  });

  it("a credential the code computes at run time says so in text and markdown (a real client's `Bearer ${accessToken}` from a parameter)", async () => {
    const r = await scan({ paths: ["fixtures/typescript/real-agent-clients/token-param-transport.ts"], cwd: REPO_ROOT, lockFile: false });
    expect(inventoryText(r.model)).toContain("    credential header Authorization: computed by the code at run time\n");
    const { toMarkdown } = await import("../../src/report/markdown.js");
    expect(toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind: "inventory" })).toMatch(/\| header \| computed by the code at run time \|/);
  });

  it("names each credential row's client in markdown (one server name in several clients)", async () => {
    const entry = `{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@1.0.0"], "env": { "GITHUB_TOKEN": "\${env:GITHUB_PAT}" } } } }\n`;
    const r = scanSources([{ path: ".cursor/mcp.json", text: entry }, { path: ".mcp.json", text: entry.replace("${env:GITHUB_PAT}", "${GITHUB_PAT}") }]);
    const { toMarkdown } = await import("../../src/report/markdown.js");
    const out = toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind: "inventory" });
    expect(out).toContain("| Server | Client | Key | Source | Reference |");
    expect(out).toContain("| github | cursor | GITHUB\\_TOKEN | env | env GITHUB\\_PAT |");
    expect(out).toContain("| github | claude-code | GITHUB\\_TOKEN | env | env GITHUB\\_PAT |");
  });

  it("a switch under a credential-like name (MCP_REQUIRE_AUTH=false) is no credential and gives the server no identity", () => {
    const text = `services:\n  notes-mcp:\n    image: ghcr.io/acme/notes-mcp:1.2.0\n    environment:\n      MCP_REQUIRE_AUTH: "false"\n      DISABLE_AUTH: "1"\n      NOTES_API_TOKEN: \${NOTES_API_TOKEN}\n`;
    const r = scanSources([{ path: "docker-compose.yml", text }]);
    const doc = JSON.parse(inventoryJson(r.model)) as { servers: { credentials: { key: string }[] }[] };
    expect(doc.servers[0]?.credentials.map((c) => c.key)).toEqual(["NOTES_API_TOKEN"]);
    const alone = scanSources([{ path: "docker-compose.yml", text: text.replace(/ {6}NOTES_API_TOKEN.*\n/, "") }]);
    expect(inventoryText(alone.model)).toContain("identity: none");
  });
});

describe("inventory and Cookie headers", () => {
  it("a Cookie header is a credential: listed by reference, a literal session reported at its value and never printed", () => {
    const sid = new Fake("inventory-cookie").alnum(40);
    const r = scanSources([
      { path: ".codex/config.toml", text: `[mcp_servers.ship]\nurl = "http://127.0.0.1:8080/mcp"\nenv_http_headers = { "Cookie" = "URBIT_MCP_COOKIE" }\n` },
      { path: ".mcp.json", text: `{ "mcpServers": { "app": { "type": "http", "url": "https://app.acme.example/mcp",\n  "headers": { "Cookie": "theme=dark; session=${sid}" } } } }\n` },
    ]);
    const doc = JSON.parse(inventoryJson(r.model)) as { servers: { name: string; credentials: { key: string; reference: string; name?: string }[] }[] };
    const creds = (name: string) => doc.servers.find((s) => s.name === name)?.credentials.map((c) => `${c.key} ${c.reference} ${c.name ?? ""}`.trim());
    expect(creds("ship")).toEqual(["Cookie env URBIT_MCP_COOKIE"]);
    expect(creds("app")).toEqual(["Cookie literal"]);
    const hit = r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column}`);
    expect(hit).toEqual([`.mcp.json:2:${'  "headers": { "Cookie": "theme=dark; session='.length + 1}`]);
    expect(inventoryJson(r.model) + inventoryText(r.model)).not.toContain(sid.slice(4));
  });
});

describe("approval lines", () => {
  it("say who approved, and that an expired approval expired (it read 'expired by bob')", async () => {
    const { approvalLine } = await import("../../src/report/inventory.js");
    expect(approvalLine({ status: "expired", identity: "x", approvedBy: "bob", approvedAt: "2024-01-01", reference: "SEC-1", expires: "2025-01-01" })).toBe("approval: EXPIRED 2025-01-01 (approved by bob on 2024-01-01 (SEC-1))");
    expect(approvalLine({ status: "expired", identity: "x", expires: "2025-01-01" })).toBe("approval: EXPIRED 2025-01-01");
    expect(approvalLine({ status: "approved", identity: "x" })).toBe("approval: approved no expiry");
  });
});

describe("inventory of a server implemented in the scanned code", () => {
  const server = [
    {
      path: "src/server.ts",
      text: `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nconst server = new McpServer({ name: "files", version: "1.0.0" });\nserver.tool("delete_file", "Deletes a file", async () => ({ content: [] }));\nserver.registerTool("read_file", { description: "x" }, async () => ({ content: [] }));\n`,
    },
  ];

  it("lists the tools it registers, destructive ones marked, in JSON, text, markdown and HTML", async () => {
    const r = scanSources(server);
    const doc = JSON.parse(inventoryJson(r.model)) as { servers: Record<string, unknown>[] };
    expect(doc.servers[0]?.["registeredTools"]).toEqual([
      { name: "delete_file", destructive: true, line: 3 },
      { name: "read_file", destructive: false, line: 4 },
    ]);
    expect(inventoryText(r.model)).toContain("    registers tools: delete_file (destructive), read_file\n");
    const { toMarkdown } = await import("../../src/report/markdown.js");
    expect(toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind: "inventory" })).toContain("| files | `src/server.ts:2` | delete\\_file (destructive), read\\_file |");
    const { toHtml } = await import("../../src/report/html.js");
    expect(toHtml({ model: r.model, findings: r.findings, rules: r.rules })).toContain("<small>registers: delete_file (destructive), read_file</small>");
  });

  it("says nothing of registered tools for a server that a client calls", () => {
    const doc = JSON.parse(inventoryJson(scanSources(files).model)) as { servers: Record<string, unknown>[] };
    expect(doc.servers.every((s) => !("registeredTools" in s))).toBe(true);
    expect(inventoryText(scanSources(files).model)).not.toContain("registers tools");
  });
});

describe("inventory and URL passwords", () => {
  it("withholds the password of URL userinfo even when no detector reported it (a weak one), and keeps references", () => {
    const text = `{ "mcpServers": { "db": { "command": "npx", "args": ["-y", "pg-mcp@1.0.0", "postgresql://app:${["hunter2", "secretpw"].join("")}@db.internal:5432/app", "postgres://ro:\${PGPASS}@db/app"] } } }\n`;
    const r = scanSources([{ path: ".mcp.json", text }]);
    const out = inventoryText(r.model);
    expect(out).not.toContain("hunter2");
    expect(out).toContain("postgresql://app:[REDACTED]@db.internal:5432/app");
    expect(out).toContain("postgres://ro:${PGPASS}@db/app");
    expect(inventoryJson(r.model)).not.toContain("hunter2");
  });
  it("also a password with an unencoded '#' and a weak credential query parameter, in inventory and lock", () => {
    const pw = ["hunter", "2#", "pw"].join("");
    const weak = ["dev", "token", "42"].join("");
    const text = `{ "mcpServers": { "db": { "command": "npx", "args": ["-y", "pg-mcp@1.0.0", "postgresql://app:${pw}@db.internal:5432/app"] }, "remote": { "command": "npx", "args": ["-y", "mcp-remote@0.1.29", "https://mcp.acme.example/sse?team=ops&token=${weak}", "https://mcp.acme.example/sse?token=\${ACME_TOKEN}"] } } }\n`;
    const r = scanSources([{ path: ".mcp.json", text }]);
    const lock = JSON.stringify(r.model.servers.map((s) => lockEntry(s, r.model)));
    for (const out of [inventoryText(r.model), inventoryJson(r.model), lock]) {
      expect(out).not.toContain("hunter");
      expect(out).not.toContain(weak);
      expect(out).toContain("https://mcp.acme.example/sse?team=ops&token=[REDACTED]");
      expect(out).toContain("https://mcp.acme.example/sse?token=${ACME_TOKEN}");
    }
  });
  it("withholds a weak credential given as an argument (--password <pw>, --password=<pw>, -e DB_PASSWORD=<pw>, --header X-Api-Key: <key>) as its credential row does", () => {
    const weak = ["hunt", "er2"].join("");
    const text = JSON.stringify({ mcpServers: {
      db: { command: "npx", args: ["-y", "mysql-mcp@1.0.0", "-H", "Accept: text/event-stream", "--password", weak, `--db-password=${weak}`] },
      box: { command: "docker", args: ["run", "-i", "--rm", "-e", `DB_PASSWORD=${weak}`, "-e", "PORT=3000", "acme/mcp:1.0"] },
      remote: { command: "npx", args: ["-y", "mcp-remote@0.1.29", "https://mcp.acme.example/mcp", "--header", `X-Api-Key: ${weak}`] },
    } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    const lock = JSON.stringify(r.model.servers.map((s) => lockEntry(s, r.model)));
    for (const out of [inventoryText(r.model), inventoryJson(r.model), lock]) {
      expect(out).not.toContain(weak);
      expect(out).toContain("--db-password=[REDACTED]");
      expect(out).toContain("DB_PASSWORD=[REDACTED]");
      expect(out).toContain("X-Api-Key: [REDACTED]");
      // What names no credential stays readable.
      expect(out).toContain("Accept: text/event-stream");
      expect(out).toContain("PORT=3000");
    }
  });
});
