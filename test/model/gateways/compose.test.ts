import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { scanSources } from "../../../src/api.js";
import { withBase62Crc32 } from "../../../src/secrets/checksum.js";
import { Fake } from "../../../src/secrets/fake.js";
import { classifyValue } from "../../../src/model/refs.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { namesCredential } from "../../../src/model/credential-identity.js";
import { credentialRows, factRows, findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

const GOVERNANCE = ["missing-default-deny", "permissive-setting", "broad-resource-access", "gateway-audit-off", "unpinned-package"];

describe("Docker Compose: the Docker MCP gateway run from its image", () => {
  it("is a container server whose `command` items are the gateway's flags, read as for a client entry or a Kubernetes container", () => {
    const r = scanFixture("compose-docker-gateway/compose.yaml");
    // The agent service (no MCP in its name, image or launch line) is not a server.
    expect(serverRows(r)).toEqual([{ client: "docker-compose", name: "gateway", at: "3:3", transport: "container", image: "docker/mcp-gateway:latest" }]);
    expect(r.model.servers[0]?.args.map((a) => a.raw)).toEqual(["--transport=sse", "--port=8811", "--servers=duckduckgo,fetch", "--tools=fetch:*", "--verify-signatures=false", "--block-secrets=false", "--log-calls=false", "--allow-unauthenticated"]);
    expect(policyRows(r)).toEqual([
      { client: "docker-mcp", kind: "gateway", name: "gateway", decision: "allow", at: "15:9", reason: "--allow-unauthenticated with --transport=sse (any caller that reaches the port calls the gateway's tools without a token)" },
    ]);
    expect(settingRows(r)).toEqual(["--tools=fetch:* permissive 11:9", "--verify-signatures=false permissive 12:9", "--block-secrets=false permissive 13:9", "--allow-unauthenticated=true permissive 15:9"]);
    expect(findingRows(r, GOVERNANCE)).toEqual([
      "unpinned-package 4:12",
      "permissive-setting 11:9",
      "permissive-setting 12:9",
      "permissive-setting 13:9",
      "gateway-audit-off 14:9",
      "missing-default-deny 15:9",
      "permissive-setting 15:9",
    ]);
    // The gateway needs the Docker socket to start its servers: not reported (as for `docker run -v`).
    expect(factRows(r)).toEqual([]);
  });

  it("with a --servers list, pinned by digest and its secrets by reference: default-deny and nothing to report", () => {
    const r = scanFixture("compose-hardened/compose.yaml");
    expect(policyRows(r).map((p) => `${p.client} ${p.decision} ${p.at}`)).toEqual(["docker-mcp deny 7:9"]);
    // `--secrets=<path>` names the file the gateway reads its secrets from: a file reference, never a literal.
    expect(credentialRows(r, "gateway")).toEqual([
      { key: "secrets:mcp_secrets", ref: "secretStore:mcp_secrets", line: 11 },
      { key: "--secrets", ref: "file:/run/secrets/mcp_secrets", line: 9 },
    ]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}`)).toEqual([]);
  });
});

describe("Docker Compose: IBM ContextForge", () => {
  it("reads the `KEY=value` environment list as the gateway's switches, each at its value", () => {
    const r = scanFixture("compose-contextforge/docker-compose.yml");
    // The database beside it is not an MCP server.
    expect(serverRows(r)).toEqual([{ client: "docker-compose", name: "mcpgateway", at: "2:3", transport: "container", image: "ghcr.io/ibm/mcp-context-forge:0.7.0" }]);
    expect(policyRows(r)).toEqual([
      { client: "contextforge", kind: "gateway", name: "mcpgateway", decision: "allow", at: "8:23", reason: "AUTH_REQUIRED is false (authentication is off: the gateway serves unauthenticated requests)" },
    ]);
    expect(r.model.policies[0]?.governs).toEqual([r.model.servers[0]?.id]);
    expect(settingRows(r)).toEqual([
      "AUTH_REQUIRED=false permissive 8:23",
      "BASIC_AUTH_PASSWORD=the documented default permissive 10:29",
      "JWT_SECRET_KEY=the documented default permissive 11:24",
    ]);
    expect(r.model.policies[0]?.audit).toMatchObject({ configured: false, key: "AUDIT_TRAIL_ENABLED", loc: { line: 13, column: 29 } });
    expect(findingRows(r, GOVERNANCE)).toEqual(["missing-default-deny 8:23", "permissive-setting 8:23", "permissive-setting 10:29", "permissive-setting 11:24", "gateway-audit-off 13:29"]);
    // `${VAR:?message}` is Compose's required-variable form: a reference, not literal text.
    expect(credentialRows(r, "mcpgateway").find((c) => c.key === "DATABASE_URL")).toEqual({ key: "DATABASE_URL", ref: "env:POSTGRES_PASSWORD", line: 14 });
  });

  it("a switch written `${VAR:-fallback}` takes its fallback whenever the variable is unset", () => {
    const text = [
      "services:",
      "  gateway:",
      "    image: ${IMAGE_LOCAL:-mcpgateway/mcpgateway:latest}",
      "    environment:",
      "      - AUTH_REQUIRED=${AUTH_REQUIRED:-false}",
      "      - BASIC_AUTH_PASSWORD=${BASIC_AUTH_PASSWORD:-changeme}",
      "      - PLATFORM_ADMIN_EMAIL=${PLATFORM_ADMIN_EMAIL:-admin@example.com}",
      "",
    ].join("\n");
    const r = scanSources([{ path: "docker-compose.yml", text }]);
    expect(policyRows(r).map((p) => `${p.client} ${p.decision} ${p.at} ${p.reason}`)).toEqual([
      "contextforge allow 5:23 AUTH_REQUIRED is false (when AUTH_REQUIRED is unset) (authentication is off: the gateway serves unauthenticated requests)",
    ]);
    expect(settingRows(r)).toEqual(["AUTH_REQUIRED=false (when AUTH_REQUIRED is unset) permissive 5:23", "BASIC_AUTH_PASSWORD=the documented default (when BASIC_AUTH_PASSWORD is unset) permissive 6:29"]);
    const safe = scanSources([{ path: "docker-compose.yml", text: text.replace("${AUTH_REQUIRED:-false}", "${AUTH_REQUIRED:-true}") }]);
    expect(policyRows(safe).map((p) => `${p.decision} ${p.at}`)).toEqual(["deny 5:23"]);
  });

  it("is recognised by an image written `${IMAGE:-mcpgateway/mcpgateway:latest}` (the project's own compose file)", () => {
    const text = ["services:", "  gateway:", "    image: ${IMAGE_LOCAL:-mcpgateway/mcpgateway:latest}", "    environment:", "      - HOST=0.0.0.0", ""].join("\n");
    expect(policyRows(scanSources([{ path: "docker-compose.yml", text }])).map((p) => `${p.client} ${p.decision}`)).toEqual(["contextforge deny"]);
  });

  it("is not claimed by MCP_REQUIRE_AUTH alone: an MCP server's own switch of that name is no ContextForge policy", () => {
    const text = ["services:", "  notes-mcp:", "    image: ghcr.io/acme/notes-mcp:1.2.0", "    environment:", '      MCP_REQUIRE_AUTH: "false"', ""].join("\n");
    const r = scanSources([{ path: "docker-compose.yml", text }]);
    expect(serverRows(r).map((s) => s.name)).toEqual(["notes-mcp"]);
    expect(policyRows(r)).toEqual([]);
    expect(findingRows(r, GOVERNANCE)).toEqual([]);
  });

  it("with AUTH_REQUIRED left to its default, is default-deny", () => {
    const text = ["services:", "  gateway:", "    image: ghcr.io/ibm/mcp-context-forge:0.7.0", "    environment:", "      MCPGATEWAY_UI_ENABLED: \"false\"", ""].join("\n");
    const r = scanSources([{ path: "compose.yaml", text }]);
    expect(policyRows(r).map((p) => `${p.client} ${p.decision} ${p.at}`)).toEqual(["contextforge deny 2:3"]);
    expect(findingRows(r, GOVERNANCE)).toEqual([]);
  });
});

describe("Docker Compose: MCP servers as services", () => {
  it("models env literals, `${VAR}` references, bare names passed through, env_file, and runtime facts", () => {
    const r = scanFixture("compose-servers/docker-compose.yml");
    expect(serverRows(r)).toEqual([
      { client: "docker-compose", name: "github-mcp", at: "3:3", transport: "container", image: "ghcr.io/github/github-mcp-server:v0.20.1", command: "stdio" },
      { client: "docker-compose", name: "notes", at: "8:3", transport: "container", image: "node:22-alpine", command: "npx" },
      { client: "docker-compose", name: "notes-search", at: "17:3", transport: "container", image: "mcp/notes-search@sha256:8f14e45fceea167a5a36dedd4bea2543b6f1c1e4f3a1b0c9d8e7f6a5b4c3d2e1" },
    ]);
    expect(credentialRows(r, "github-mcp")).toEqual([{ key: "GITHUB_PERSONAL_ACCESS_TOKEN", ref: "env:GITHUB_PERSONAL_ACCESS_TOKEN", line: 7 }]);
    expect(credentialRows(r, "notes")).toEqual([
      { key: "ACME_NOTES_API_KEY", ref: "literal", line: 12 },
      { key: "NOTES_READ_ONLY", ref: "env:NOTES_READ_ONLY", line: 13 },
      { key: "env_file", ref: "file:./notes.env", line: 14 },
    ]);
    // A command string is split as Compose splits it, each word at its own column.
    const notes = r.model.servers.find((s) => s.name === "notes");
    expect(notes?.args.map((a) => `${a.raw}@${a.loc.line}:${a.loc.column}`)).toEqual(["-y@10:18", "@acme/notes-mcp@10:21", "--transport@10:37", "http@10:49"]);
    expect(factRows(r)).toEqual(["github-mcp all-toolsets 5:24", "notes host-mount 16:9", "notes-search host-network 21:19"]);
    expect(findingRows(r, [...GOVERNANCE, "hardcoded-secret", "shared-secret"])).toEqual([
      "broad-resource-access 5:24",
      "unpinned-package 10:21",
      "hardcoded-secret 12:28",
      "shared-secret 12:28",
      "broad-resource-access 16:9",
      "hardcoded-secret 20:27",
      "shared-secret 20:27",
      "broad-resource-access 21:19",
    ]);
  });

  it("reads `entrypoint` as the command and `command` as its arguments (an override file)", () => {
    const r = scanFixture("compose-servers/docker-compose.override.yml");
    const s = r.model.servers[0];
    expect(s?.command?.raw).toBe("npx");
    expect(s?.args.map((a) => a.raw)).toEqual(["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/"]);
    expect(factRows(r)).toEqual(["filesystem root-filesystem 5:15", "filesystem privileged 6:17"]);
  });

  it("places the words of a folded `command: >` and reads an entrypoint of the gateway's binary (`/docker-mcp gateway run`)", () => {
    const text = [
      "services:",
      "  notes-mcp:",
      "    image: ghcr.io/acme/notes-mcp:1.0.0",
      "    command: >",
      "      --transport sse",
      "      --api-key ${ACME_KEY:?set it}",
      "  gw:",
      "    image: docker/mcp-gateway:v2.0.1",
      '    entrypoint: ["/docker-mcp", "gateway", "run"]',
      "    command: --transport=sse --enable-all-servers --log-calls=false",
      "",
    ].join("\n");
    const r = scanSources([{ path: "docker-compose.yaml", text }]);
    const notes = r.model.servers.find((s) => s.name === "notes-mcp");
    expect(notes?.args.map((a) => `${a.raw}@${a.loc.line}:${a.loc.column}`)).toEqual(["--transport@5:7", "sse@5:19", "--api-key@6:7", "${ACME_KEY:?set it}@6:17"]);
    expect(credentialRows(r, "notes-mcp")).toEqual([{ key: "--api-key", ref: "env:ACME_KEY", line: 6 }]);
    expect(policyRows(r).map((p) => `${p.client} ${p.decision} ${p.at}`)).toEqual(["docker-mcp allow 10:30"]);
    expect(findingRows(r, GOVERNANCE)).toEqual(["missing-default-deny 10:30", "permissive-setting 10:30", "gateway-audit-off 10:51"]);
  });

  it("reports a literal token in a list-form environment at its value, and never prints it", () => {
    const token = "ghp_" + withBase62Crc32(new Fake("compose-gh").alnum(30));
    const text = ["services:", "  github:", "    image: ghcr.io/github/github-mcp-server:v0.20.1", "    environment:", `      - "GITHUB_PERSONAL_ACCESS_TOKEN=${token}"`, ""].join("\n");
    const r = scanSources([{ path: "deploy/docker-compose.prod.yml", text }]);
    expect(serverRows(r)).toEqual([{ client: "docker-compose", name: "github", at: "2:3", transport: "container", image: "ghcr.io/github/github-mcp-server:v0.20.1" }]);
    const hit = r.findings.find((f) => f.ruleId === "hardcoded-secret");
    expect(hit?.loc).toMatchObject({ line: 5, column: 39, endColumn: 39 + token.length });
    expect(hit?.message).toContain("'github'");
    expect(JSON.stringify(r.findings)).not.toContain(token.slice(4, 20));
  });
});

describe("Docker Compose files without MCP", () => {
  it("stay plain text: no server, no finding (privileged, root and `/` mounts of ordinary services are not this tool's business)", () => {
    const r = scanFixture("compose-unrelated/docker-compose.yml");
    expect(r.model.servers).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.model.files.map((f) => f.format)).toEqual(["text"]);
  });

  it("a file that names MCP only in a comment or another service's value is not claimed either", () => {
    const text = ["# the agent talks to an MCP gateway elsewhere", "services:", "  agent:", "    image: acme/agent:1.2.0", "    environment:", "      GATEWAY_URL: http://mcp.internal:8811/sse", ""].join("\n");
    const r = scanSources([{ path: "compose.yaml", text }]);
    expect(r.model.servers).toEqual([]);
    expect(r.model.files.map((f) => f.format)).toEqual(["text"]);
  });

  it("a database, cache or proxy beside the MCP servers is none, whatever project name its container or image namespace carries", () => {
    const text = [
      "services:",
      "  db:",
      "    image: postgres:latest",
      "    container_name: mcpjungle-db",
      "  proxy:",
      "    image: mcpgateway/nginx-cache:latest",
      "  cache:",
      "    image: ${REDIS_IMAGE:-redis:7}",
      "    container_name: mcp-cache",
      // Docker's MCP catalog image of the Postgres server, an MCP server named after its database, and a
      // database image started with an MCP server's command are MCP servers.
      "  pg:",
      "    image: mcp/postgres@sha256:" + "0".repeat(64),
      "  pgmcp:",
      "    image: crystaldba/postgres-mcp:0.3.0",
      "  redis-tools:",
      "    image: redis:7",
      "    command: [npx, -y, '@modelcontextprotocol/server-redis@2025.4.25']",
      "",
    ].join("\n");
    const r = scanSources([{ path: "compose.yaml", text }]);
    expect(r.model.servers.map((s) => s.name)).toEqual(["pg", "pgmcp", "redis-tools"]);
  });

  it("a vector store beside the MCP servers is none either (a real stack names every container after the project)", () => {
    const r = scanFixture("real-jenkins-mcp/docker-compose.mcp.yml");
    // Before: qdrant (container jenkins-mcp-enterprise-qdrant) was an MCP server with an unpinned-package warning at 7:12.
    expect(r.model.servers.map((s) => s.name)).toEqual(["jenkins-mcp-enterprise-server", "mcp-proxy"]);
    expect(r.findings).toEqual([]);
  });
});

describe("Docker Compose: Microsoft MCP Gateway", () => {
  it("in Development mode is a gateway policy that bypasses Entra, as for a Kubernetes container of the image", () => {
    const text = ["services:", "  gateway:", "    image: ghcr.io/microsoft/mcp-gateway:latest", "    environment:", "      ASPNETCORE_ENVIRONMENT: Development", "      Redis__ConnectionString: redis:6379", "  redis:", "    image: redis:7", ""].join("\n");
    const r = scanSources([{ path: "compose.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "docker-compose", name: "gateway", at: "2:3", transport: "container", image: "ghcr.io/microsoft/mcp-gateway:latest" }]);
    expect(policyRows(r)).toEqual([
      { client: "ms-mcp-gateway", kind: "gateway", name: "gateway", decision: "allow", at: "5:31", reason: "ASPNETCORE_ENVIRONMENT is Development (Entra ID authentication is bypassed, so any caller can pick its identity and roles)" },
    ]);
    expect(r.model.policies[0]?.governs).toEqual([r.model.servers[0]?.id]);
    expect(findingRows(r)).toEqual(["missing-default-deny 5:31", "permissive-setting 5:31"]);
  });

  it("reads the `KEY=value` list form; in Production with Entra configured it is default-deny", () => {
    const bypass = ["services:", "  mcpgateway:", "    image: ghcr.io/microsoft/mcp-gateway:1.0.0", "    environment:", "      - ASPNETCORE_ENVIRONMENT=Production", "      - Authentication__BypassEntra=true", ""].join("\n");
    expect(settingRows(scanSources([{ path: "docker-compose.yml", text: bypass }]))).toEqual(["Authentication__BypassEntra=true permissive 6:37"]);
    const prod = ["services:", "  mcpgateway:", "    image: ghcr.io/microsoft/mcp-gateway:1.0.0", "    environment:", "      - ASPNETCORE_ENVIRONMENT=Production", "      - AzureAd__TenantId=${TENANT_ID}", ""].join("\n");
    expect(policyRows(scanSources([{ path: "docker-compose.yml", text: prod }])).map((p) => `${p.client} ${p.decision} ${p.at}`)).toEqual(["ms-mcp-gateway deny 2:3"]);
  });

  it("a mode or bypass written `${VAR:-fallback}` takes its fallback whenever the variable is unset", () => {
    const env = (lines: string[]) => ["services:", "  mcpgateway:", "    image: ghcr.io/microsoft/mcp-gateway:1.0.0", "    environment:", ...lines, ""].join("\n");
    const dev = scanSources([{ path: "docker-compose.yml", text: env(["      - ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}"]) }]);
    expect(policyRows(dev).map((p) => `${p.decision} ${p.reason}`)).toEqual(["allow ASPNETCORE_ENVIRONMENT is Development (when ASPNETCORE_ENVIRONMENT is unset) (Entra ID authentication is bypassed, so any caller can pick its identity and roles)"]);
    const bypass = scanSources([{ path: "docker-compose.yml", text: env(["      - ASPNETCORE_ENVIRONMENT=Production", "      - Authentication__BypassEntra=${BYPASS:-true}"]) }]);
    expect(settingRows(bypass)).toEqual(["Authentication__BypassEntra=true (when BYPASS is unset) permissive 6:37"]);
    const prod = scanSources([{ path: "docker-compose.yml", text: env(["      - ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}"]) }]);
    expect(policyRows(prod).map((p) => p.decision)).toEqual(["deny"]);
  });
});

describe("Compose files with other names", () => {
  const github = ["services:", "  github:", "    image: ghcr.io/github/github-mcp-server:v0.20.1", "    environment:", "      GITHUB_PERSONAL_ACCESS_TOKEN: ${GITHUB_PAT}", ""].join("\n");

  it("are recognised by content: top-level Compose keys only, a services map whose services run an image or a build, one of them MCP", () => {
    const npx = ["name: agents", "x-common: &common", "  restart: unless-stopped", "services:", "  files:", "    <<: *common", "    build: ./files", "    command: npx -y @modelcontextprotocol/server-filesystem /data", "networks:", "  default: {}", ""].join("\n");
    const r = scanSources([
      { path: "deploy/mcp.yml", text: github },
      { path: "mcp-compose.yml", text: github },
      { path: "infra/agents.yaml", text: npx },
    ]);
    expect(r.model.files.map((f) => `${f.path} ${f.format}`).sort()).toEqual(["deploy/mcp.yml docker-compose-sniffed", "infra/agents.yaml docker-compose-sniffed", "mcp-compose.yml docker-compose-sniffed"]);
    expect(serverRows(r).map((s) => `${s.client} ${s.name} ${s.at}`).sort()).toEqual(["docker-compose files 5:3", "docker-compose github 2:3", "docker-compose github 2:3"]);
    expect(credentialRows(r, "github")).toEqual([{ key: "GITHUB_PERSONAL_ACCESS_TOKEN", ref: "env:GITHUB_PAT", line: 5 }]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}`)).toContain("unpinned-package infra/agents.yaml:8");
  });

  it("ordinary YAML stays unclaimed: workflows, Kubernetes, Helm values, OpenAPI, Compose files without MCP", () => {
    const files = {
      ".github/workflows/ci.yml": ["on: push", "jobs:", "  test:", "    runs-on: ubuntu-latest", "    services:", "      mcp:", "        image: ghcr.io/acme/notes-mcp:1.0.0", "    steps:", "      - run: npm test", ""],
      "k8s/service.yaml": ["apiVersion: v1", "kind: Service", "metadata: { name: notes-mcp }", "spec:", "  ports: [{ port: 8080 }]", ""],
      "charts/notes/values.yaml": ["replicaCount: 1", "services:", "  mcp:", "    image: ghcr.io/acme/notes-mcp:1.0.0", "    port: 8080", ""],
      "charts/other/values.yaml": ["services:", "  mcp:", "    image:", "      repository: ghcr.io/acme/notes-mcp", "      tag: 1.0.0", ""],
      "api/openapi.yaml": ["openapi: 3.1.0", "info: { title: MCP notes, version: 1.0.0 }", "paths: {}", "components:", "  schemas: {}", ""],
      "deploy/stack.yml": ["services:", "  web:", "    image: nginx:1.27", "    environment:", "      UPSTREAM: http://mcp.internal:8811", "  db:", "    image: postgres:16", ""],
    };
    const r = scanSources(Object.entries(files).map(([path, lines]) => ({ path, text: lines.join("\n") })));
    expect(r.model.servers).toEqual([]);
    expect(r.model.files.map((f) => f.format)).toEqual(Object.keys(files).map(() => "text"));
  });
});

describe("Compose interpolation forms", () => {
  it("`${VAR:?err}`, `${VAR-d}`, `${VAR:+alt}` are references only where shell-style interpolation runs", () => {
    const compose = ["dollar-brace", "shell-brace", "dollar"] as const;
    expect(classifyValue("${TOKEN:?set TOKEN}", compose).ref).toEqual({ kind: "env", name: "TOKEN" });
    expect(classifyValue("${TOKEN-fallback}", compose).ref).toEqual({ kind: "env", name: "TOKEN", default: "fallback" });
    expect(classifyValue("${TOKEN:+x}", compose).ref).toEqual({ kind: "env", name: "TOKEN" });
    expect(classifyValue("$$TOKEN", compose).ref).toEqual({ kind: "literal" });
    // Claude Code expands `${VAR}` and `${VAR:-d}` only: the other forms stay text, as before.
    expect(classifyValue("${TOKEN:?set TOKEN}", ["dollar-brace"])).toEqual({ ref: { kind: "literal" } });
  });
});

describe("Docker Compose: a file of several YAML documents is one model", () => {
  it("reads the services of every document, a service defined again merged into its first definition (keys replaced, environment merged by variable)", () => {
    const r = scanFixture("compose-multidoc/compose.yaml");
    expect(serverRows(r)).toEqual([{ client: "docker-compose", name: "wiki-mcp", at: "7:3", transport: "container", image: "mcp/acme-wiki:1.3.0" }]);
    // ACME_WIKI_URL from the second document, ACME_WIKI_TOKEN as the third document overrides it (a literal).
    expect(credentialRows(r, "wiki-mcp")).toEqual([{ key: "ACME_WIKI_URL", ref: "literal", line: 10 }, { key: "ACME_WIKI_TOKEN", ref: "literal", line: 18 }]);
    expect(r.model.servers[0]?.env.map((e) => `${e.key}@${e.loc.line}:${e.loc.column}`)).toEqual(["ACME_WIKI_URL@10:22", "ACME_WIKI_TOKEN@18:24"]);
    expect(factRows(r)).toEqual(["wiki-mcp privileged 16:17"]);
    expect(findingRows(r, ["hardcoded-secret", "broad-resource-access"])).toEqual(["broad-resource-access 16:17", "hardcoded-secret 18:24"]);
  });

  it("appends a later document's lists as Compose does (volumes by container path, env_file); command is replaced", () => {
    const text = [
      "services:",
      "  notes-mcp:",
      "    image: acme/notes-mcp:1.0.0",
      "    command: [\"--old\"]",
      "    env_file: base.env",
      "    volumes:",
      "      - /:/host",
      "      - ~/.ssh:/keys",
      "---",
      "services:",
      "  notes-mcp:",
      "    command: [\"--new\"]",
      "    env_file: [extra.env]",
      "    volumes:",
      "      - ./data:/data",
      "      - ./keys:/keys",
      "",
    ].join("\n");
    const r = scanSources([{ path: "compose.yaml", text }]);
    const s = r.model.servers[0];
    // The mount of / from the first document stays; ~/.ssh at /keys is replaced by the later mount at the same path.
    expect(factRows(r)).toEqual(["notes-mcp host-mount 7:9"]);
    expect(s?.credentials.map((c) => `${c.key}@${c.loc.line}`)).toEqual(["env_file@5", "env_file@13"]);
    expect(s?.args.map((a) => a.raw)).toEqual(["--new"]);
  });

  it("a file with another name is Compose's only when every document is", () => {
    const text = readFileSync(new URL("../../../fixtures/gateways/compose-multidoc/compose.yaml", import.meta.url), "utf8");
    const servers = (t: string) => scanSources([{ path: "deploy/mcp.yml", text: t }]).model.servers.map((s) => `${s.client} ${s.name}`);
    expect(servers(text)).toEqual(["docker-compose wiki-mcp"]);
    expect(servers(`${text}---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: wiki }\n`)).toEqual([]);
  });
});


describe("Docker Compose: the gateway under its earlier image name (real file: docker/mcp-gateway examples/filesystem)", () => {
  it("docker/agents_gateway is the Docker MCP gateway: its --servers list makes it default-deny and --log-calls' default audits it", () => {
    const r = scanFixture("real-docker-mcp/filesystem/docker-compose.yaml");
    expect(serverRows(r)).toEqual([{ client: "docker-compose", name: "gateway", at: "2:3", transport: "container", image: "docker/agents_gateway:v2" }]);
    expect(policyRows(r)).toEqual([{ client: "docker-mcp", kind: "gateway", name: "gateway", decision: "deny", at: "8:9", reason: "--servers names the enabled servers (others are not started)" }]);
    const server = r.model.servers[0];
    expect(server && verdictOf(r.model, server)).toMatchObject({ authorization: { value: "default-deny" }, traceability: { value: "audit-configured" } });
    expect(findingRows(r, GOVERNANCE)).toEqual([]);
  });
});

describe("Docker Compose: 1MCP (1mcp-app/agent)", () => {
  const compose = (env: string, extra = "") => `services:
  1mcp:
    image: ghcr.io/1mcp-app/agent:0.27.4
${extra}    environment:
${env}`;

  it("a real deployment: ONE_MCP_ENABLE_AUTH defaults to false when unset, so anyone who reaches 1MCP calls every server", () => {
    const r = scanFixture("real-1mcp/docker-compose.yml");
    expect(policyRows(r)).toEqual([
      { client: "1mcp", kind: "gateway", name: "1mcp", decision: "allow", at: "15:28", reason: "ONE_MCP_ENABLE_AUTH is false (when ONE_MCP_ENABLE_AUTH is unset): anyone who reaches 1MCP may call every server's tools" },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 15:28", "permissive-setting 15:28"]);
    const agent = r.model.servers.find((s) => s.name === "1mcp");
    expect(agent && verdictOf(r.model, agent).authorization.value).toBe("allow-by-default");
    // The auth switch is no credential: the agent holds the two tokens it passes on, nothing else.
    expect(agent?.credentials.filter(namesCredential).map((c) => c.key)).toEqual(["SEMAPHORE_MCP_TOKEN", "SENTRY_AUTH_TOKEN"]);
  });

  it("the tokens 1MCP's container passes on to the servers of its mcp.json are theirs: no shared-credential-reference between 1MCP and them", () => {
    const r = scanFixture("real-1mcp/docker-compose.yml", "real-1mcp/mcp.json");
    // Before: 1MCP and 'semaphore' / 'sentry' were reported as two workloads on SEMAPHORE_MCP_TOKEN and SENTRY_AUTH_TOKEN (4 notes).
    expect(r.findings.filter((f) => f.ruleId === "shared-credential-reference")).toEqual([]);
    const agent = r.model.servers.find((s) => s.name === "1mcp");
    const sentry = r.model.servers.find((s) => s.name === "sentry");
    const agentVerdict = agent && verdictOf(r.model, agent).identity;
    expect(agentVerdict?.value).toBe("unique-workload-identity");
    expect(agentVerdict?.evidence.map((e) => e.note)).toEqual(["env:SEMAPHORE_MCP_TOKEN handed on to the servers of its configuration", "env:SENTRY_AUTH_TOKEN handed on to the servers of its configuration"]);
    expect(sentry && verdictOf(r.model, sentry).identity.value).toBe("unique-workload-identity");
    // Two servers of the configuration on one token still share it; 1MCP's own settings stay its own.
    const shared = scanSources([
      { path: "compose.yaml", text: compose(`      ONE_MCP_ENABLE_AUTH: "true"\n      GITHUB_TOKEN: \${GITHUB_TOKEN}\n`) },
      { path: "mcp.json", text: `{ "mcpServers": {\n  "issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_TOKEN}" } },\n  "repos": { "command": "npx", "args": ["-y", "@acme/repos-mcp@1.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_TOKEN}" } }\n} }\n` },
    ]);
    expect(shared.findings.filter((f) => f.ruleId === "shared-credential-reference").map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.server?.name}`)).toEqual(["mcp.json:2:100 issues", "mcp.json:3:98 repos"]);
  });

  it("auth on (environment or --enable-auth) is unknown: the tag scopes a token reaches are granted with it; unset with an env_file is unknown", () => {
    const on = scanSources([{ path: "compose.yaml", text: compose(`      ONE_MCP_ENABLE_AUTH: "true"\n`) }]);
    expect(policyRows(on).map((p) => `${p.decision} ${p.at}`)).toEqual(["unknown 5:28"]);
    expect(findingRows(on)).toEqual([]);
    const flag = scanSources([{ path: "compose.yaml", text: compose(`      ONE_MCP_PORT: "3050"\n`, `    command: ["serve", "--enable-auth"]\n`) }]);
    expect(policyRows(flag).map((p) => p.decision)).toEqual(["unknown"]);
    const file = scanSources([{ path: "compose.yaml", text: compose(`      ONE_MCP_PORT: "3050"\n`, `    env_file: .env.1mcp\n`) }]);
    expect(policyRows(file).map((p) => p.decision)).toEqual(["unknown"]);
    const none = scanSources([{ path: "compose.yaml", text: compose(`      ONE_MCP_PORT: "3050"\n`) }]);
    expect(policyRows(none).map((p) => `${p.decision} ${p.reason}`)).toEqual(["allow ONE_MCP_ENABLE_AUTH is not set (1MCP's authentication is off by default): anyone who reaches 1MCP may call every server's tools"]);
  });
});

describe("Docker Compose: the MCP Inspector with DANGEROUSLY_OMIT_AUTH", () => {
  // The service as the Inspector's README runs its image (docker run -p 6274 -p 6277 -e HOST=0.0.0.0 ...), written in Compose.
  const inspector = (env: string) => `services:\n  mcp-inspector:\n    image: ghcr.io/modelcontextprotocol/inspector:0.17.2\n    ports:\n      - "6274:6274"\n      - "6277:6277"\n    environment:\n      HOST: 0.0.0.0\n${env}`;

  it("DANGEROUSLY_OMIT_AUTH=true turns its session token off: the Inspector's proxy fails open, the switch is a permissive setting (was: authorization unknown, nothing reported)", () => {
    const r = scanSources([{ path: "docker-compose.yml", text: inspector('      DANGEROUSLY_OMIT_AUTH: "true"\n') }]);
    expect(policyRows(r)).toEqual([
      {
        client: "mcp-inspector",
        kind: "gateway",
        name: "mcp-inspector",
        decision: "allow",
        at: "9:30",
        reason: "DANGEROUSLY_OMIT_AUTH is true: its proxy asks no session token: whoever reaches it can have it start any command on its host (stdio) or call any URL, and a web page open in a browser on that host can too (CVE-2025-49596)",
      },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 9:30", "permissive-setting 9:30"]);
    expect(verdictOf(r.model, r.model.servers[0]!).authorization.value).toBe("allow-by-default");
  });

  it("the npx launch of its package is the Inspector too; `1` and a `${VAR:-true}` fallback are on, as the list form writes them", () => {
    const npx = `services:\n  inspector:\n    image: node:22-alpine\n    command: ["npx", "-y", "@modelcontextprotocol/inspector@0.17.2"]\n    environment:\n      - DANGEROUSLY_OMIT_AUTH=\${OMIT_AUTH:-1}\n`;
    const r = scanSources([{ path: "compose.yaml", text: npx }]);
    expect(policyRows(r).map((p) => `${p.client} ${p.decision} ${p.at} ${p.reason.slice(0, 56)}`)).toEqual(["mcp-inspector allow 6:31 DANGEROUSLY_OMIT_AUTH is 1 (when OMIT_AUTH is unset): it"]);
  });

  it("unset or empty, the token is on and nothing is added; 'false' is unknown (earlier releases read any value that is not empty as set)", () => {
    expect(scanSources([{ path: "docker-compose.yml", text: inspector("") }]).model.policies).toEqual([]);
    expect(scanSources([{ path: "docker-compose.yml", text: inspector('      DANGEROUSLY_OMIT_AUTH: ""\n') }]).model.policies).toEqual([]);
    const off = scanSources([{ path: "docker-compose.yml", text: inspector('      DANGEROUSLY_OMIT_AUTH: "false"\n') }]);
    expect(policyRows(off).map((p) => `${p.decision} ${p.at}`)).toEqual(["unknown 9:30"]);
    expect(findingRows(off)).toEqual([]);
  });

  it("the same variable in another service is that service's own business", () => {
    const other = `services:\n  notes-mcp:\n    image: ghcr.io/acme/notes-mcp:1.2.0\n    environment:\n      DANGEROUSLY_OMIT_AUTH: "true"\n`;
    expect(scanSources([{ path: "docker-compose.yml", text: other }]).model.policies).toEqual([]);
  });
});

describe("Docker Compose: ContextForge beside an env_file", () => {
  const service = (env: string) => `services:\n  mcpgateway:\n    image: ghcr.io/ibm/mcp-context-forge:1.0.0\n    env_file: .env\n${env}`;

  it("with neither AUTH_REQUIRED nor MCP_REQUIRE_AUTH written, the env_file may set them: unknown, not the built-in deny (was: default-deny)", () => {
    const r = scanSources([{ path: "docker-compose.yml", text: service("    environment:\n      HOST: 0.0.0.0\n") }]);
    expect(policyRows(r).map((p) => `${p.client} ${p.decision} ${p.at} ${p.reason}`)).toEqual([
      "contextforge unknown 2:3 AUTH_REQUIRED and MCP_REQUIRE_AUTH are not set here, and ContextForge also reads an env_file: whether it asks callers to authenticate depends on it",
    ]);
  });

  it("a switch written in the service still decides", () => {
    const r = scanSources([{ path: "docker-compose.yml", text: service("    environment:\n      AUTH_REQUIRED: \"false\"\n") }]);
    expect(policyRows(r).map((p) => `${p.decision} ${p.at}`)).toEqual(["allow 6:22"]);
    const on = scanSources([{ path: "docker-compose.yml", text: service("    environment:\n      AUTH_REQUIRED: \"true\"\n") }]);
    expect(policyRows(on).map((p) => `${p.decision} ${p.at}`)).toEqual(["deny 6:22"]);
  });
});
