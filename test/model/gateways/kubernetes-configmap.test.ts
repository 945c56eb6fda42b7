import { describe, expect, it } from "vitest";
import { scanSources, type ScanResult } from "../../../src/api.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";
import { credentialRows, policyRows, scanFixture, serverRows } from "./helpers.js";
import { inventoryServer, inventoryText } from "../../../src/report/inventory.js";
import type { McpServer } from "../../../src/model/types.js";
import { mayHoldMcpConfig } from "../../../src/engine/configmap-configs.js";

const rows = (r: ScanResult) => r.findings.map((f) => `${f.ruleId} ${f.level} ${f.loc.line}:${f.loc.column}`);

const configMap = (name: string, data: string[]) => ["apiVersion: v1", "kind: ConfigMap", `metadata: { name: ${name} }`, "data:", ...data, ""].join("\n");

describe("MCP configuration files kept in a Kubernetes ConfigMap", () => {
  it("a real agents' mcp.json (spruyt-labs): its servers, at their lines inside the block scalar, as a client in the cluster calls them", () => {
    const r = scanFixture("real-k8s/spruyt-labs/claude-mcp-config.yaml");
    expect(serverRows(r)).toEqual([
      { client: "unknown-client", name: "context7", at: "10:9", transport: "http", url: "https://mcp.context7.com/mcp" },
      { client: "unknown-client", name: "discord", at: "17:9", transport: "http", url: "http://discord-mcp.discord-mcp.svc:8080/mcp" },
      { client: "unknown-client", name: "github", at: "21:9", transport: "http", url: "http://github-mcp-server.github-mcp.svc:8082/mcp" },
      { client: "unknown-client", name: "homeassistant", at: "28:9", transport: "http", url: "http://${HOME_ASSISTANT_IP4}:8123/api/mcp" },
      { client: "unknown-client", name: "kubectl", at: "35:9", transport: "http", url: "http://kubectl-mcp-server.kubectl-mcp.svc:8000/mcp" },
      { client: "unknown-client", name: "victoriametrics", at: "39:9", transport: "http", url: "http://mcp-victoriametrics.observability.svc:8080/mcp" },
      { client: "unknown-client", name: "brave-search", at: "43:9", transport: "http", url: "http://brave-search-mcp-server.brave-search-mcp.svc:8000/mcp" },
    ]);
    expect(r.model.servers.every((s) => s.configMap?.name === "claude-mcp-config" && s.configMap.key === "mcp.json")).toBe(true);
    // The inventory says where the servers are configured, for people and in JSON.
    expect(inventoryText(r.model)).toContain(
      "discord  [unknown-client]  http  real-k8s/spruyt-labs/claude-mcp-config.yaml:17\n    runs: http://discord-mcp.discord-mcp.svc:8080/mcp\n    configured in ConfigMap claude-mcp-config, key mcp.json (read by a pod of the cluster)\n",
    );
    expect(inventoryServer(r.model.servers[1] as McpServer, r.model).configMap).toEqual({ name: "claude-mcp-config", key: "mcp.json" });
    // Flux's `$${X}` (an escaped `${X}` it leaves for the client) is a reference, not a literal.
    expect(credentialRows(r, "context7")).toEqual([{ key: "CONTEXT7_API_KEY", ref: "env:CONTEXT7_API_KEY", line: 14 }]);
    expect(credentialRows(r, "github")).toEqual([{ key: "Authorization", ref: "env:GITHUB_MCP_TOKEN", line: 25 }]);
    // In-cluster services over plain HTTP are a note, as a gateway's hop is; none is "unauthenticated" (the
    // caller is a pod of the cluster). The templated host that gets a bearer token over plain HTTP stays an error.
    expect(rows(r)).toEqual([
      "plain-http-remote note 19:18",
      "plain-http-remote note 23:18",
      "plain-http-remote error 30:18",
      "plain-http-remote note 37:18",
      "plain-http-remote note 41:18",
      "plain-http-remote note 45:18",
    ]);
    expect(r.findings[0]?.message).toBe(
      "Server-side client unknown-client reaches its upstream 'discord' over http:// at discord-mcp.discord-mcp.svc on a private network: calls are readable by anyone on that network; use TLS or a mesh with mutual TLS.",
    );
  });

  it("a key that names a client's file is read as that file; a literal token is reported once, where it is written, with its server", () => {
    const token = fakeGitHubToken("ghp", "configmap");
    const text = configMap("agent-mcp", [
      "  .mcp.json: |",
      "    {",
      '      "mcpServers": {',
      '        "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],',
      `          "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${token}" } }`,
      "      }",
      "    }",
    ]);
    const r = scanSources([{ path: "k8s/agent.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "claude-code", name: "github", at: "8:9", transport: "stdio", command: "npx" }]);
    expect(r.model.files[0]?.format).toBe("claude-code-project");
    // The package string (8:54), the token itself (9:53): columns inside the block scalar as written.
    expect(rows(r)).toEqual(["unpinned-package warning 8:54", "hardcoded-secret error 9:53", "long-lived-token warning 9:53"]);
    expect(r.findings[1]?.message).toContain("'github'");
  });

  it("in a manifest that also runs MCP workloads, a secret in the ConfigMap's file is reported once, at its place (not at the value's start)", () => {
    const token = fakeGitHubToken("ghp", "configmap-workload");
    const text = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: { name: agent-mcp }",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: agent",
      "          image: ghcr.io/acme/agent-mcp:1.0.0",
      "---",
      configMap("agent-mcp", ["  mcp.json: |", "    {", '      "mcpServers": {', `        "gh": { "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "Bearer ${token}" } }`, "      }", "    }"]),
    ].join("\n");
    const r = scanSources([{ path: "k8s/agent.yaml", text }]);
    expect(r.model.files[0]?.format).toBe("kubernetes-mcp");
    expect(serverRows(r).map((s) => s.name)).toEqual(["agent-mcp/agent", "gh"]);
    expect(rows(r).filter((x) => x.startsWith("hardcoded-secret"))).toEqual(["hardcoded-secret error 18:100"]);
  });

  it("a ToolHive authz file and an agentgateway config in ConfigMaps are policies of their own, located inside the value", () => {
    const text = [
      configMap("authz", ["  authz.json: |", '    { "version": "1.0", "type": "cedarv1",', '      "cedar": { "policies": ["permit(principal, action, resource);"], "entities_json": "[]" } }']),
      "---",
      configMap("gateway", [
        "  config.yaml: |",
        "    binds:",
        "    - port: 3000",
        "      listeners:",
        "      - routes:",
        "        - backends:",
        "          - mcp:",
        "              targets:",
        "              - name: everything",
        "                stdio: { cmd: npx, args: [\"@modelcontextprotocol/server-everything@2025.9.25\"] }",
      ]),
    ].join("\n");
    const r = scanSources([{ path: "k8s/mcp-config.yaml", text }]);
    expect(policyRows(r).map((p) => `${p.client} ${p.kind} ${p.decision} ${p.at}`)).toEqual(["toolhive authz allow 7:31", "agentgateway gateway allow 19:11"]);
    expect(serverRows(r)).toEqual([{ client: "agentgateway", name: "everything", at: "22:23", transport: "stdio", command: "npx" }]);
    expect(rows(r).filter((x) => x.startsWith("missing-default-deny"))).toEqual(["missing-default-deny error 7:31", "missing-default-deny error 19:11"]);
  });

  it("values whose text the YAML parser changes, templates, fragments and other shapes are not read (the text scan still covers them)", () => {
    const server = '{ "mcpServers": { "notes": { "url": "https://mcp.acme.example/mcp" } } }';
    const text = configMap("not-read", [
      `  quoted.json: ${JSON.stringify(server)}`,
      "  folded.json: >",
      `    ${server}`,
      "  templated.json: |",
      '    { "mcpServers": { "notes": { "url": "{{ .Values.url }}", "env": { "X": "{{ index .Values.env 0 "value" }}" } } } }',
      "  list.json: |",
      '    {"servers":[{"name":"notes","url":"https://mcp.acme.example/mcp"}]}',
      "  LOG_LEVEL: info",
    ]);
    const r = scanSources([{ path: "k8s/not-read.yaml", text }]);
    expect(r.model.servers).toEqual([]);
    expect(r.model.files[0]?.format).toBe("text");
    expect(r.findings).toEqual([]);
  });

  it("a one-line plain or single-quoted value is read where it is written", () => {
    const text = configMap("inline", [`  mcp.json: '{ "mcpServers": { "notes": { "url": "https://mcp.acme.example/mcp" } } }'`]);
    const r = scanSources([{ path: "k8s/inline.yaml", text }]);
    expect(serverRows(r)).toEqual([{ client: "unknown-client", name: "notes", at: "5:32", transport: "http", url: "https://mcp.acme.example/mcp" }]);
    expect(rows(r)).toEqual(["unauthenticated-remote note 5:50"]);
  });

  it("a manifest whose ConfigMaps name no MCP configuration word is not parsed for its data (dashboards, app settings)", () => {
    const dashboard = configMap("grafana-dashboard", ["  dashboard.json: |", '    { "panels": [{ "id": 1, "title": "requests", "targets": [{ "expr": "rate(http_requests_total[5m])" }] }] }']);
    expect(mayHoldMcpConfig(dashboard)).toBe(false);
    for (const words of ['"mcpServers"', "mcp_servers:", '"type": "cedarv1"', "binds:", '"network": {', "routers:"]) {
      expect(mayHoldMcpConfig(configMap("c", ["  f.json: |", `    { ${words} }`])), words).toBe(true);
    }
    // Not a ConfigMap: nothing to read.
    expect(mayHoldMcpConfig('kind: Secret\nstringData:\n  mcp.json: |\n    { "mcpServers": {} }\n')).toBe(false);
  });

  it("a ToolHive MCPServer's own authz ConfigMap stays that MCPServer's policy only", () => {
    const text = [
      configMap("authz-config", ["  authz.json: |", '    { "version": "1.0", "type": "cedarv1", "cedar": { "policies": ["permit(principal, action, resource);"], "entities_json": "[]" } }']),
      "---",
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: MCPServer",
      "metadata: { name: fetch }",
      "spec:",
      "  image: ghcr.io/stackloklabs/gofetch/server:1.0.0",
      "  authzConfig: { type: configMap, configMap: { name: authz-config } }",
    ].join("\n");
    const r = scanSources([{ path: "k8s/fetch.yaml", text }]);
    expect(policyRows(r).map((p) => p.name)).toEqual(["fetch"]);
  });
});

describe("ConfigMap values of hostile size", () => {
  it("a block scalar with 100,000 empty lines inside is compared in linear time", () => {
    const body = `    { "mcpServers": {${"\n".repeat(100_000)}    "notes": { "url": "https://mcp.acme.example/mcp" } } }`;
    const text = configMap("big", ["  mcp.json: |", body]);
    const t0 = performance.now();
    const r = scanSources([{ path: "k8s/big.yaml", text }]);
    // A `\n+$` over the value took 35 s here (quadratic in the run of line breaks); linear, under 2 s on a busy machine.
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(serverRows(r).map((s) => `${s.name} ${s.at}`)).toEqual(["notes 100006:5"]);
  });
});
