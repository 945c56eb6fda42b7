import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { parseDotenv } from "../../../src/parse/dotenv.js";
import { inventoryPolicy } from "../../../src/report/inventory.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

describe("IBM ContextForge", () => {
  it(".env: AUTH_REQUIRED=false allows; proxy trust, TLS skip and shipped default passwords are permissive", () => {
    const r = scanFixture("contextforge/.env");
    expect(r.model.files[0]?.format).toBe("contextforge-env");
    expect(policyRows(r)).toEqual([
      { client: "contextforge", kind: "gateway", name: ".env", decision: "allow", at: "9:15", reason: "AUTH_REQUIRED is false (authentication is off: the gateway serves unauthenticated requests)" },
    ]);
    expect(settingRows(r)).toEqual([
      "AUTH_REQUIRED=false permissive 9:15",
      "TRUST_PROXY_AUTH=true permissive 15:18",
      "SKIP_SSL_VERIFY=true permissive 16:17",
      "BASIC_AUTH_PASSWORD=the documented default permissive 11:21",
      "JWT_SECRET_KEY=the documented default permissive 12:16",
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 9:15", "permissive-setting 9:15", "permissive-setting 11:21", "permissive-setting 12:16", "permissive-setting 15:18", "permissive-setting 16:17"]);
    const msg = r.findings.find((f) => f.ruleId === "permissive-setting" && f.loc.line === 11)?.message;
    expect(msg).toBe("`BASIC_AUTH_PASSWORD` = the documented default in contextforge .env: a default password left in place: anyone who read the docs knows it.");
    // The JWT signing key is named for what it is, and its value (a documented default, but a key) is not printed.
    const jwt = r.findings.find((f) => f.ruleId === "permissive-setting" && f.loc.line === 12)?.message;
    expect(jwt).toBe("`JWT_SECRET_KEY` = the documented default in contextforge .env: a JWT signing key anyone who read the docs has: they can sign tokens the gateway accepts.");
    expect(JSON.stringify(r.findings)).not.toContain("my-test-key");
  });

  it("a template .env (.env.example, as the ContextForge repository ships one) documents the default passwords: not reported there, still reported in the .env copied from it", () => {
    // Trimmed from IBM/mcp-context-forge .env.example (fixtures/gateways/real-contextforge/.env.example).
    const text = "AUTH_ENCRYPTION_SECRET=__REPLACE_ME__run_init-secrets_before_starting\nBASIC_AUTH_USER=admin\nBASIC_AUTH_PASSWORD=changeme  # pragma: allowlist secret\nPLATFORM_ADMIN_PASSWORD=changeme\nTRUST_PROXY_AUTH=true\n";
    const r = scanSources([
      { path: "mcp-context-forge/.env.example", text },
      { path: "mcp-context-forge/.env.sample", text },
      { path: "deploy/.env", text },
    ]);
    expect(r.model.files.map((f) => `${f.path} ${f.format}`)).toEqual(["deploy/.env contextforge-env", "mcp-context-forge/.env.example contextforge-env", "mcp-context-forge/.env.sample contextforge-env"]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`).sort()).toEqual([
      "permissive-setting deploy/.env:3:21",
      "permissive-setting deploy/.env:4:25",
      "permissive-setting deploy/.env:5:18",
      // The template's other switches still say what a copy of it runs with.
      "permissive-setting mcp-context-forge/.env.example:5:18",
      "permissive-setting mcp-context-forge/.env.sample:5:18",
    ]);
  });

  it("DEFAULT_USER_PASSWORD left at the default that .env.example now documents is reported in a .env, not in the template", () => {
    const text = "PLATFORM_ADMIN_EMAIL=admin@example.com\nDEFAULT_USER_PASSWORD=UserP@ssw0rd!2026Secure\n";
    const r = scanSources([
      { path: "deploy/.env", text },
      { path: "mcp-context-forge/.env.example", text },
    ]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`)).toEqual(["permissive-setting deploy/.env:2:23"]);
    expect(JSON.stringify(r.findings)).not.toContain("UserP@ssw0rd");
  });

  it("hardened .env.production is deny by default; a .env without ContextForge keys stays plain text", () => {
    const r = scanFixture("contextforge/.env.production", "contextforge/unrelated/.env");
    expect(r.model.files.map((f) => `${f.path} ${f.format}`)).toEqual(["contextforge/.env.production contextforge-env", "contextforge/unrelated/.env text"]);
    expect(policyRows(r)).toEqual([
      { client: "contextforge", kind: "gateway", name: ".env.production", decision: "deny", at: "3:15", reason: "AUTH_REQUIRED is true (unauthenticated calls are rejected; access follows RBAC and token scopes)" },
    ]);
    expect(findingRows(r)).toEqual([]);
  });

  it("a .env whose only ContextForge-looking keys are names other software uses (AUTH_REQUIRED, MCP_REQUIRE_AUTH, BASIC_AUTH_PASSWORD) stays plain text", () => {
    const r = scanSources([
      { path: "api/.env", text: "PORT=3000\nDATABASE_URL=postgres://localhost/app\nAUTH_REQUIRED=false\n" },
      { path: "notes-mcp/.env.example", text: "MCP_HOST=0.0.0.0\nMCP_REQUIRE_AUTH=false\nBASIC_AUTH_PASSWORD=changeme\n" },
    ]);
    expect(r.model.files.map((f) => `${f.path} ${f.format}`)).toEqual(["api/.env text", "notes-mcp/.env.example text"]);
    expect(policyRows(r)).toEqual([]);
    expect(findingRows(r)).toEqual([]);
    // One key only ContextForge uses next to them makes it the gateway's.
    const cf = scanSources([{ path: "api/.env", text: "AUTH_REQUIRED=false\nMCP_CLIENT_AUTH_ENABLED=true\n" }]);
    expect(policyRows(cf).map((p) => `${p.client} ${p.decision} ${p.at}`)).toEqual(["contextforge allow 1:15"]);
  });

  it("a .env switch written `${VAR:-fallback}` is read at its fallback (what the gateway gets when the variable is unset)", () => {
    const r = scanSources([{ path: "deploy/.env", text: "MCPGATEWAY_UI_ENABLED=true\nAUTH_REQUIRED=${AUTH_REQUIRED:-false}\n" }]);
    expect(policyRows(r).map((p) => `${p.decision} ${p.at}`)).toEqual(["allow 2:15"]);
    expect(findingRows(r)).toEqual(["missing-default-deny 2:15", "permissive-setting 2:15"]);
  });

  it("Helm values of mcp-stack: MCP_REQUIRE_AUTH false, default passwords, existingSecret as a reference", () => {
    const r = scanFixture("contextforge/charts/mcp-stack/values.yaml");
    expect(serverRows(r)).toEqual([{ client: "contextforge", name: "mcp-context-forge", at: "3:1", transport: "container", image: "ghcr.io/ibm/mcp-context-forge" }]);
    expect(credentialRows(r, "mcp-context-forge")).toEqual([
      { key: "BASIC_AUTH_USER", ref: "literal", line: 14 },
      { key: "BASIC_AUTH_PASSWORD", ref: "literal", line: 15 },
      { key: "PLATFORM_ADMIN_PASSWORD", ref: "literal", line: 16 },
      { key: "JWT_SECRET_KEY", ref: "literal", line: 17 },
      { key: "existingSecret", ref: "secretStore:acme-postgres-credentials", line: 19 },
    ]);
    expect(policyRows(r)).toEqual([
      { client: "contextforge", kind: "gateway", name: "mcpContextForge", decision: "allow", at: "12:23", reason: "MCP_REQUIRE_AUTH is false (/mcp serves unauthenticated callers their public tools)" },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 12:23", "permissive-setting 12:23", "permissive-setting 15:26", "permissive-setting 16:30", "permissive-setting 17:21"]);
  });

  it("dotenv parse: spans of keys and values, quotes, export, comments", () => {
    const text = "# c\nexport A=1\nB = \"two words\" # note\nC='x#y'\nnot a pair\nD=\n";
    const r = parseDotenv(text);
    expect(r.problems).toEqual([]);
    const doc = r.doc;
    if (doc.type !== "object") throw new Error("object expected");
    expect(doc.entries.map((e) => [e.key, text.slice(e.keySpan.start, e.keySpan.end), "value" in e.value ? e.value.value : undefined, text.slice(e.value.span.start, e.value.span.end)])).toEqual([
      ["A", "A", "1", "1"],
      ["B", "B", "two words", '"two words"'],
      ["C", "C", "x#y", "'x#y'"],
      ["D", "D", "", ""],
    ]);
    expect(r.comments.map((c) => [c.line, c.text])).toEqual([
      [1, " c"],
      [3, " note"],
    ]);
  });
});

describe("IBM ContextForge authentication mode (inventory `authn`)", () => {
  // As ContextForge's proxy-authentication guide and a deployment behind an auth proxy set it.
  const env = (lines: string[]) => scanSources([{ path: "deploy/.env", text: ["MCPGATEWAY_UI_ENABLED=true", "AUTH_REQUIRED=true", ...lines, ""].join("\n") }]);
  const authn = (lines: string[]) => inventoryPolicy(env(lines).model.policies[0]!).authn;

  it("MCP_CLIENT_AUTH_ENABLED=false with TRUST_PROXY_AUTH=true: the caller is whoever the proxy header names, not a JWT (was: jwt/basic)", () => {
    expect(authn(["MCP_CLIENT_AUTH_ENABLED=false", "TRUST_PROXY_AUTH=true", "PROXY_USER_HEADER=X-Authenticated-User"])).toEqual({ required: true, mode: "proxy-header" });
    expect(authn(["MCP_CLIENT_AUTH_ENABLED=false", "TRUST_PROXY_AUTH=true", "TRUST_PROXY_AUTH_DANGEROUSLY=true"])).toEqual({ required: true, mode: "proxy-header" });
  });

  it("MCP_CLIENT_AUTH_ENABLED=false without an honoured proxy header reads no JWT either", () => {
    expect(authn(["MCP_CLIENT_AUTH_ENABLED=false"])).toEqual({ required: true, mode: "MCP_CLIENT_AUTH_ENABLED=false" });
    expect(authn(["MCP_CLIENT_AUTH_ENABLED=false", "TRUST_PROXY_AUTH=true", "TRUST_PROXY_AUTH_DANGEROUSLY=false"])).toEqual({ required: true, mode: "MCP_CLIENT_AUTH_ENABLED=false" });
  });

  it("client authentication left on is JWT or basic (unchanged)", () => {
    expect(authn([])).toEqual({ required: true, mode: "jwt/basic" });
    expect(authn(["MCP_CLIENT_AUTH_ENABLED=true", "TRUST_PROXY_AUTH=true"])).toEqual({ required: true, mode: "jwt/basic" });
  });
});
