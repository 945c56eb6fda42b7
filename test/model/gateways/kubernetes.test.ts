import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { credentialRows, factRows, findingRows, policyRows, scanFixture, serverRows } from "./helpers.js";
import { deployment } from "../../helpers.js";

describe("Kubernetes workloads running MCP servers", () => {
  it("MCP containers become servers with env literals, secretKeyRef/envFrom references and runtime facts", () => {
    const r = scanFixture("kubernetes/deploy/notes-mcp.yaml");
    expect(serverRows(r)).toEqual([
      { client: "kubernetes", name: "acme-notes-mcp/server", at: "16:15", transport: "container", image: "ghcr.io/acme/notes-mcp:1.4.2" },
      { client: "kubernetes", name: "reindex/reindex", at: "65:19", transport: "container", image: "ghcr.io/acme/notes-mcp:1.4.2", command: "node" },
    ]);
    expect(r.model.servers[0]?.args.map((a) => a.raw)).toEqual(["--transport", "streamable-http", "--port", "8080"]);
    expect(r.model.servers[1]?.args.map((a) => a.raw)).toEqual(["dist/reindex.js"]);
    expect(credentialRows(r, "acme-notes-mcp/server")).toEqual([
      { key: "ACME_KEY", ref: "literal", line: 21 },
      { key: "ACME_DB_URL", ref: "secretStore:acme-notes/db-url", line: 23 },
      { key: "envFrom:acme-notes-extra", ref: "secretStore:acme-notes-extra", line: 25 },
    ]);
    // The unmounted hostPath of the CronJob is not a fact of its container.
    expect(factRows(r)).toEqual(["acme-notes-mcp/server host-network 14:20", "acme-notes-mcp/server privileged 27:23", "acme-notes-mcp/server host-mount 36:17"]);
    expect(r.model.servers[0]?.facts[2]?.detail).toBe("hostPath mount of the Docker socket (root on the node)");
    expect(findingRows(r)).toEqual(["broad-resource-access 14:20", "broad-resource-access 27:23", "broad-resource-access 36:17"]);
  });

  it("a hardened deployment yields a server and no governance finding", () => {
    const r = scanFixture("kubernetes/deploy/notes-mcp-hardened.yaml");
    expect(credentialRows(r, "acme-notes-mcp/server")).toEqual([{ key: "ACME_DB_URL", ref: "secretStore:acme-notes/db-url", line: 12 }]);
    expect(findingRows(r)).toEqual([]);
  });
});

describe("Kubernetes workloads whose names do not say MCP", () => {
  it("are MCP servers when a container runs an @modelcontextprotocol package (as Compose services are)", () => {
    const text = deployment("github", ["      - name: server", "        image: node:22-alpine", '        args: [npx, -y, "@modelcontextprotocol/server-github"]']);
    const r = scanSources([{ path: "deploy/github.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "kubernetes", name: "github/server", at: "8:15", transport: "container", image: "node:22-alpine", command: "npx" }]);
  });

  it("args that start with a package runner (no `command`: the image's entrypoint execs them) are the launch line", () => {
    const text = deployment("github", ["      - name: server", "        image: node:22.11.0-alpine", '        args: [npx, -y, "@modelcontextprotocol/server-github"]']);
    const r = scanSources([{ path: "deploy/github.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "kubernetes", name: "github/server", at: "8:15", transport: "container", image: "node:22.11.0-alpine", command: "npx" }]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["unpinned-package 10:25"]);
    // A subcommand of the image's own entrypoint stays an argument.
    const own = scanSources([{ path: "deploy/gh.yaml", text: deployment("github", ["      - name: server", "        image: ghcr.io/github/github-mcp-server:0.20.0", '        args: ["stdio", "--read-only"]']) }]);
    expect(own.model.servers[0]?.command).toBeUndefined();
    expect(own.model.servers[0]?.args.map((a) => a.raw)).toEqual(["stdio", "--read-only"]);
  });

  it("a Knative Service runs its containers as a Deployment does; a plain v1 Service runs none", () => {
    const knative = ["apiVersion: serving.knative.dev/v1", "kind: Service", "metadata:", "  name: fetch", "spec:", "  template:", "    spec:", "      containers:", "      - name: server", "        image: mcp/fetch:latest", ""].join("\n");
    const plain = ["apiVersion: v1", "kind: Service", "metadata:", "  name: mcp-fetch", "spec:", "  selector: { app: mcp-fetch }", "  ports: [{ port: 8080 }]", ""].join("\n");
    const r = scanSources([{ path: "deploy/fetch.yaml", text: knative }, { path: "deploy/fetch-svc.yaml", text: plain }]);
    expect(serverRows(r)).toEqual([{ client: "kubernetes", name: "fetch/server", at: "9:15", transport: "container", image: "mcp/fetch:latest" }]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`)).toEqual(["unpinned-package deploy/fetch.yaml:10:16"]);
  });

  it("ordinary workloads (nginx, postgres) stay plain text", () => {
    const nginx = deployment("web", ["      - name: nginx", "        image: nginx:1.27", '        args: ["-g", "daemon off;"]']);
    const postgres = deployment("db", ["      - name: postgres", "        image: postgres:16", "        env:", "        - name: POSTGRES_PASSWORD", "          valueFrom: { secretKeyRef: { name: db, key: password } }"]);
    const r = scanSources([{ path: "k8s/web.yaml", text: nginx }, { path: "k8s/db.yaml", text: postgres }]);
    expect(r.model.servers).toEqual([]);
    expect(r.model.files.map((f) => f.format)).toEqual(["text", "text"]);
  });
});

describe("Kubernetes configMapKeyRef (a ConfigMap is not a Secret)", () => {
  const r = scanFixture("kubernetes/deploy/notion-mcp-configmap.yaml");

  it("a credential-named variable (or ConfigMap key) read from a ConfigMap is the server's credential, by reference", () => {
    expect(credentialRows(r, "notion-mcp/server")).toEqual([
      { key: "NOTION_TOKEN", ref: "configMap:notion-settings/token", line: 13 },
      { key: "SETTINGS", ref: "configMap:notion-settings/api-key", line: 15 },
      { key: "GITHUB_TOKEN", ref: "secretStore:gh/token", line: 19 },
    ]);
  });

  it("is reported where the ConfigMap is named (configmap-credential); the same from a Secret, or LOG_LEVEL, is not", () => {
    const found = r.findings.filter((f) => f.ruleId === "configmap-credential");
    expect(found.map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([
      "13:41 Server 'notion-mcp/server' (kubernetes) reads its credential NOTION_TOKEN from ConfigMap notion-settings/token: a ConfigMap is stored unencrypted and readable by every account that may read ConfigMaps. Keep it in a Secret (secretKeyRef).",
      "15:41 Server 'notion-mcp/server' (kubernetes) reads its credential SETTINGS from ConfigMap notion-settings/api-key: a ConfigMap is stored unencrypted and readable by every account that may read ConfigMaps. Keep it in a Secret (secretKeyRef).",
    ]);
    expect(found.every((f) => f.level === "warning" && f.server?.name === "notion-mcp/server")).toBe(true);
  });
});

describe("kagent RemoteMCPServer (fixtures/gateways/kubernetes/kagent/remote-mcp-servers.yaml)", () => {
  const KEY = fakeOpaqueKey("kagent-wiki", 40);
  const text = readFileSync(new URL("../../../fixtures/gateways/kubernetes/kagent/remote-mcp-servers.yaml", import.meta.url), "utf8").replace("WIKI_KEY_HERE", KEY);
  const r = scanSources([{ path: "k8s/remote-mcp-servers.yaml", text }]);

  it("is a server its agents call at spec.url, with headersFrom from a Secret, a ConfigMap or written in place", () => {
    expect(serverRows(r)).toEqual([
      { client: "kagent", name: "notes-tools", at: "6:9", transport: "http", url: "http://notes-mcp.kagent.svc.cluster.local:8080/mcp" },
      { client: "kagent", name: "wiki-tools", at: "19:9", transport: "sse", url: "https://wiki-mcp.acme.example/sse" },
      { client: "kagent", name: "search-tools", at: "32:9", transport: "http", url: "https://search-mcp.acme.example/mcp" },
    ]);
    expect(credentialRows(r, "notes-tools")).toEqual([{ key: "Authorization", ref: "secretStore:notes-token/token", line: 14 }]);
    expect(credentialRows(r, "wiki-tools")).toEqual([
      { key: "X-Api-Key", ref: "literal", line: 27 },
      { key: "Authorization", ref: "configMap:wiki-settings/authorization-header", line: 25 },
    ]);
  });

  it("reports the literal key (for its server), the ConfigMap header and the server with no credential", () => {
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column} ${f.server?.name ?? "-"}`)).toEqual([
      "plain-http-remote 9:8 notes-tools",
      "configmap-credential 25:18 wiki-tools",
      "hardcoded-secret 27:14 wiki-tools",
      "unauthenticated-remote 34:8 search-tools",
    ]);
    expect(JSON.stringify(r.findings)).not.toContain(KEY);
  });
});

describe("Kubernetes `$(VAR)` (dependent environment variables)", () => {
  const manifest = (extra: string[]) =>
    deployment("github-mcp", [
      "      - name: server",
      "        image: ghcr.io/github/github-mcp-server:0.20.0",
      '        args: ["stdio", "--token", "$(GITHUB_TOKEN)"]',
      "        env:",
      "        - name: GITHUB_TOKEN",
      "          valueFrom: { secretKeyRef: { name: gh, key: token } }",
      ...extra,
    ]);

  it("is a reference to the container's env variable in args and env values, not a literal", () => {
    const r = scanSources([{ path: "deploy/github-mcp.yaml", text: manifest(["        - name: AUTH_HEADER", '          value: "Bearer $(GITHUB_TOKEN)"']) }]);
    expect(credentialRows(r, "github-mcp/server")).toEqual([
      { key: "AUTH_HEADER", ref: "env:GITHUB_TOKEN", line: 15 },
      { key: "GITHUB_TOKEN", ref: "secretStore:gh/token", line: 13 },
      { key: "--token", ref: "env:GITHUB_TOKEN", line: 10 },
    ]);
    expect(r.findings.map((f) => f.ruleId)).not.toContain("unexpanded-reference");
  });

  it("stays plain text in a client file, and `$$(VAR)` is Kubernetes' escape for the text", () => {
    const s = scanSources([{ path: ".mcp.json", text: '{ "mcpServers": { "n": { "command": "acme-mcp", "args": ["--token", "$(ACME_TOKEN)"] } } }\n' }]).model.servers[0];
    expect(s?.args[1]?.ref).toEqual({ kind: "literal" });
    expect(s?.args[1]?.unexpanded).toBeUndefined();
    const r = scanSources([{ path: "deploy/github-mcp.yaml", text: manifest(["        - name: NOTE", '          value: "$$(GITHUB_TOKEN)"']) }]);
    expect(credentialRows(r, "github-mcp/server")[0]).toEqual({ key: "NOTE", ref: "literal", line: 15 });
  });
});

describe("kagent MCPServer (kagent.dev, the kmcp controller)", () => {
  it("is a server run from spec.deployment (real file: Apocrathia/homelab github/mcpserver-kmcp.yaml, digest-pinned)", () => {
    const r = scanFixture("real-toolhive/homelab/github/mcpserver-kmcp.yaml");
    expect(serverRows(r)).toEqual([
      { client: "kagent", name: "github", at: "6:9", transport: "container", image: "ghcr.io/github/github-mcp-server:v1.7.0@sha256:c491ffdf6f4c85cb5397021bc655edb8ab825c6f5f568e7597d77a1bd7c4d308" },
    ]);
    expect(r.model.servers[0]?.args.map((a) => a.raw)).toEqual(["http", "--port", "8080", "--toolsets", "context,repos,pull_requests,issues,users"]);
    // The resource has no authorization of its own: no policy, nothing to report.
    expect(policyRows(r)).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it("its cmd and args launch a package, its env and envFrom secrets are references (kmcp's npx example)", () => {
    const text = [
      "apiVersion: kagent.dev/v1alpha1",
      "kind: MCPServer",
      "metadata:",
      "  name: github-server",
      "spec:",
      "  deployment:",
      "    cmd: npx",
      "    args: [\"-y\", \"@modelcontextprotocol/server-github\"]",
      "    env:",
      "      - name: GITHUB_TOKEN",
      "        valueFrom: { secretKeyRef: { name: github-secrets, key: token } }",
      "    envFrom:",
      "      - secretRef: { name: github-extra }",
      "  transportType: stdio",
      "",
    ].join("\n");
    const r = scanSources([{ path: "k8s/github-server.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "kagent", name: "github-server", at: "4:9", transport: "container", command: "npx" }]);
    expect(credentialRows(r, "github-server")).toEqual([
      { key: "GITHUB_TOKEN", ref: "secretStore:github-secrets/token", line: 11 },
      { key: "envFrom:github-extra", ref: "secretStore:github-extra", line: 13 },
    ]);
    expect(findingRows(r, ["unpinned-package"])).toEqual(["unpinned-package 8:18"]);
  });
});

describe("1MCP (1mcp-app/agent) deployed in Kubernetes", () => {
  const agent = (env: readonly string[], extra: readonly string[] = []) =>
    scanSources([{ path: "deploy/1mcp.yaml", text: deployment("one-mcp", ["      - name: agent", "        image: ghcr.io/1mcp-app/agent:0.27.4", ...extra, ...(env.length ? ["        env:", ...env] : [])]) }]);

  it("its auth switch is read from the container's env as in Compose: off or unset is allow, on is unknown", () => {
    const off = agent(["          - name: ONE_MCP_ENABLE_AUTH", '            value: "false"', "          - name: GITHUB_TOKEN", "            valueFrom: { secretKeyRef: { name: one-mcp, key: github } }"]);
    expect(policyRows(off)).toEqual([{ client: "1mcp", kind: "gateway", name: "one-mcp/agent", decision: "allow", at: "12:20", reason: "ONE_MCP_ENABLE_AUTH is false: anyone who reaches 1MCP may call every server's tools" }]);
    expect(findingRows(off)).toEqual(["missing-default-deny 12:20", "permissive-setting 12:20"]);
    const unset = agent([]);
    expect(policyRows(unset).map((p) => `${p.decision} ${p.at} ${p.reason}`)).toEqual(["allow 8:15 ONE_MCP_ENABLE_AUTH is not set (1MCP's authentication is off by default): anyone who reaches 1MCP may call every server's tools"]);
    const on = agent(["          - name: ONE_MCP_ENABLE_AUTH", '            value: "true"']);
    expect(policyRows(on).map((p) => `${p.decision} ${p.at}`)).toEqual(["unknown 12:20"]);
    expect(findingRows(on)).toEqual([]);
    const flag = agent([], ['        args: ["serve", "--enable-auth"]']);
    expect(policyRows(flag).map((p) => `${p.decision} ${p.at}`)).toEqual(["unknown 10:25"]);
  });

  it("a switch from a Secret or ConfigMap, or an envFrom beside no switch, is unknown", () => {
    const secret = agent(["          - name: ONE_MCP_ENABLE_AUTH", "            valueFrom: { configMapKeyRef: { name: one-mcp, key: auth } }"]);
    expect(policyRows(secret).map((p) => `${p.decision} ${p.reason}`)).toEqual(["unknown ONE_MCP_ENABLE_AUTH comes from a Secret or a ConfigMap: whether 1MCP asks callers for a token depends on its value when it starts"]);
    const envFrom = agent([], ["        envFrom:", "          - configMapRef: { name: one-mcp-settings }"]);
    expect(policyRows(envFrom).map((p) => `${p.decision} ${p.reason}`)).toEqual(["unknown ONE_MCP_ENABLE_AUTH is not set here, and 1MCP also reads envFrom: whether it asks callers for a token depends on it"]);
  });
});

describe("Vault Agent Injector annotations (vault.hashicorp.com/agent-inject-secret-*)", () => {
  const pod = (name: string, annotations: readonly string[], container = "server") =>
    [
      "apiVersion: apps/v1",
      "kind: Deployment",
      `metadata: { name: ${name} }`,
      "spec:",
      "  template:",
      "    metadata:",
      "      annotations:",
      ...annotations.map((a) => `        ${a}`),
      "    spec:",
      "      containers:",
      `      - name: ${container}`,
      "        image: ghcr.io/github/github-mcp-server:v0.10.0",
      '        args: ["sh", "-c", ". /vault/secrets/github && exec /server/github-mcp-server stdio"]',
      "",
    ].join("\n");
  const github = ['vault.hashicorp.com/agent-inject: "true"', 'vault.hashicorp.com/role: "github-mcp"', 'vault.hashicorp.com/agent-inject-secret-github: "secret/data/mcp/github"'];

  it("a secret the injector writes into the server's pod is its credential by reference (was: no credential at all)", () => {
    const r = scanSources([{ path: "deploy/github-mcp.yaml", text: pod("github-mcp", github) }]);
    expect(credentialRows(r, "github-mcp/server")).toEqual([{ key: "vault.hashicorp.com/agent-inject-secret-github", ref: "secretStore:vault:secret/data/mcp/github", line: 10 }]);
    const s = r.model.servers[0];
    expect(s && verdictOf(r.model, s).identity).toMatchObject({ value: "unique-workload-identity", evidence: [{ line: 10, key: "vault.hashicorp.com/agent-inject-secret-github", note: "secret:vault:secret/data/mcp/github used by this server only" }] });
  });

  it("no injection (agent-inject absent or false), or agent-inject-containers leaving the server out, gives no credential", () => {
    const off = scanSources([{ path: "deploy/a.yaml", text: pod("a-mcp", ['vault.hashicorp.com/agent-inject: "false"', github[2] as string]) }]);
    expect(credentialRows(off, "a-mcp/server")).toEqual([]);
    const other = scanSources([{ path: "deploy/b.yaml", text: pod("b-mcp", [...github, 'vault.hashicorp.com/agent-inject-containers: "sidecar"']) }]);
    expect(credentialRows(other, "b-mcp/server")).toEqual([]);
    const listed = scanSources([{ path: "deploy/c.yaml", text: pod("c-mcp", [...github, 'vault.hashicorp.com/agent-inject-containers: "sidecar, server"']) }]);
    expect(credentialRows(listed, "c-mcp/server").map((c) => c.ref)).toEqual(["secretStore:vault:secret/data/mcp/github"]);
  });

  it("two servers given one Vault secret share it; the fields a template reads tell secrets of one path apart", () => {
    const template = (field: string) => [`vault.hashicorp.com/agent-inject-template-github: '{{ with secret "secret/data/mcp" }}{{ .Data.data.${field} }}{{ end }}'`];
    const path = ['vault.hashicorp.com/agent-inject: "true"', 'vault.hashicorp.com/agent-inject-secret-github: "secret/data/mcp"'];
    const shared = scanSources([
      { path: "deploy/issues.yaml", text: pod("issues-mcp", github) },
      { path: "deploy/repos.yaml", text: pod("repos-mcp", github).replace("ghcr.io/github/github-mcp-server:v0.10.0", "ghcr.io/acme/repos-mcp:1.0.0") },
    ]);
    expect(shared.findings.filter((f) => f.ruleId === "shared-credential-reference").map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column}`)).toEqual(["deploy/issues.yaml:10:57", "deploy/repos.yaml:10:57"]);
    const apart = scanSources([
      { path: "deploy/issues.yaml", text: pod("issues-mcp", [...path, ...template("issues_token")]) },
      { path: "deploy/repos.yaml", text: pod("repos-mcp", [...path, ...template("repos_token")]).replace("ghcr.io/github/github-mcp-server:v0.10.0", "ghcr.io/acme/repos-mcp:1.0.0") },
    ]);
    expect(apart.findings.filter((f) => f.ruleId === "shared-credential-reference")).toEqual([]);
    expect(credentialRows(apart, "repos-mcp/server").map((c) => c.ref)).toEqual(["secretStore:vault:secret/data/mcp#repos_token"]);
  });

  it("a ToolHive MCPServer with the annotations on its proxy pod (podTemplateMetadataOverrides) gets the secret", () => {
    const text = `apiVersion: toolhive.stacklok.dev/v1alpha1
kind: MCPServer
metadata: { name: github }
spec:
  image: ghcr.io/github/github-mcp-server:v0.10.0
  transport: stdio
  resourceOverrides:
    proxyDeployment:
      podTemplateMetadataOverrides:
        annotations:
          vault.hashicorp.com/agent-inject: "true"
          vault.hashicorp.com/role: "toolhive-mcp-workloads"
          vault.hashicorp.com/agent-inject-secret-github-config: "workload-secrets/data/github-mcp/config"
`;
    const r = scanSources([{ path: "k8s/github.yaml", text }]);
    expect(credentialRows(r, "github")).toEqual([{ key: "vault.hashicorp.com/agent-inject-secret-github-config", ref: "secretStore:vault:workload-secrets/data/github-mcp/config", line: 13 }]);
  });
});

describe("An image the manifest says is never pulled", () => {
  it("imagePullPolicy: Never runs the node's own copy: its `latest` is no unpinned-package (a real manifest of a locally built server)", () => {
    const r = scanFixture("real-k8s/ottowikimcp/mcpserver.yaml");
    expect(serverRows(r)).toEqual([{ client: "kubernetes", name: "mcpserver/mcpserver", at: "16:17", transport: "container", image: "ottowikimcp-server:latest" }]);
    // Before: "runs container image 'ottowikimcp-server' at `latest`: every start fetches whatever the registry serves" at 17:18.
    expect(r.findings.filter((f) => f.ruleId === "unpinned-package")).toEqual([]);
    const always = scanSources([{ path: "k8s/m.yaml", text: readFileSync(`${process.cwd()}/fixtures/gateways/real-k8s/ottowikimcp/mcpserver.yaml`, "utf8").replace("imagePullPolicy: Never", "imagePullPolicy: Always") }]);
    expect(always.findings.filter((f) => f.ruleId === "unpinned-package").map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(["17:18"]);
  });

  it("Compose's pull_policy: never the same", () => {
    const text = (policy: string) => `services:\n  notes-mcp:\n    image: notes-mcp:latest\n    pull_policy: ${policy}\n`;
    expect(scanSources([{ path: "compose.yaml", text: text("never") }]).findings.filter((f) => f.ruleId === "unpinned-package")).toEqual([]);
    expect(scanSources([{ path: "compose.yaml", text: text("always") }]).findings.filter((f) => f.ruleId === "unpinned-package").map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(["3:12"]);
  });
});

describe("the MCP Inspector deployed in Kubernetes", () => {
  it("a container that runs its package with DANGEROUSLY_OMIT_AUTH=true fails open; one without it adds no policy", () => {
    const inspector = (env: readonly string[]) =>
      scanSources([{ path: "deploy/inspector.yaml", text: deployment("mcp-inspector", ["      - name: mcp-inspector", "        image: registry.access.redhat.com/ubi9/nodejs-22:9.6", '        command: ["/bin/bash", "-c"]', "        args:", '          - "npx @modelcontextprotocol/inspector"', ...(env.length ? ["        env:", ...env] : [])]) }]);
    const open = inspector(["          - name: DANGEROUSLY_OMIT_AUTH", '            value: "true"']);
    expect(policyRows(open).map((p) => `${p.client} ${p.name} ${p.decision} ${p.at}`)).toEqual(["mcp-inspector mcp-inspector/mcp-inspector allow 15:20"]);
    expect(findingRows(open)).toEqual(["missing-default-deny 15:20", "permissive-setting 15:20"]);
    expect(inspector([]).model.policies).toEqual([]);
  });
});

describe("ContextForge deployed in Kubernetes", () => {
  const gateway = (env: readonly string[], extra: readonly string[] = []) =>
    scanSources([{ path: "deploy/contextforge.yaml", text: deployment("mcpgateway", ["      - name: gateway", "        image: ghcr.io/ibm/mcp-context-forge:1.0.0", ...extra, ...(env.length ? ["        env:", ...env] : [])]) }]);

  it("its switches are read from the container's env as in Compose: AUTH_REQUIRED=false fails open (was: authorization unknown, nothing reported)", () => {
    const off = gateway(["          - name: AUTH_REQUIRED", '            value: "false"', "          - name: JWT_SECRET_KEY", "            valueFrom: { secretKeyRef: { name: cf, key: jwt } }"]);
    expect(policyRows(off)).toEqual([{ client: "contextforge", kind: "gateway", name: "mcpgateway/gateway", decision: "allow", at: "12:20", reason: "AUTH_REQUIRED is false (authentication is off: the gateway serves unauthenticated requests)" }]);
    expect(findingRows(off)).toEqual(["missing-default-deny 12:20", "permissive-setting 12:20"]);
    const unset = gateway([]);
    expect(policyRows(unset).map((p) => `${p.decision} ${p.reason}`)).toEqual(["deny AUTH_REQUIRED is unset (defaults to true: unauthenticated calls are rejected)"]);
  });

  it("beside envFrom, a switch the env list does not set may come from there: unknown (the real Knative service of ContextForge's repository)", () => {
    const r = scanFixture("real-contextforge/knative/mcpgateway-knative-service.yaml");
    expect(policyRows(r).map((p) => `${p.client} ${p.decision} ${p.at} ${p.reason}`)).toEqual([
      "contextforge unknown 13:15 AUTH_REQUIRED and MCP_REQUIRE_AUTH are not set here, and ContextForge also reads envFrom: whether it asks callers to authenticate depends on it",
    ]);
    const written = gateway(["          - name: MCP_REQUIRE_AUTH", '            value: "false"'], ["        envFrom:", "          - configMapRef: { name: cf-env }"]);
    expect(policyRows(written).map((p) => `${p.decision} ${p.at}`)).toEqual(["allow 14:20"]);
  });
});
