/**
 * MCP configuration a Helm chart's values file carries for the chart to render (engine/helm-value-configs.ts):
 * a block scalar that is a client's whole file, an `mcpServers` map written as values.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanSources, type ScanResult } from "../../../src/api.js";
import { inventoryText } from "../../../src/report/inventory.js";
import { fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { REPO_ROOT } from "../../helpers.js";

const DIR = "fixtures/helm-charts";
const read = (path: string) => ({ path, text: readFileSync(`${REPO_ROOT}/${DIR}/${path}`, "utf8") });
const rows = (r: ScanResult) => r.findings.map((f) => `${f.ruleId} ${f.level} ${f.loc.file}:${f.loc.line}:${f.loc.column}`);
const servers = (r: ScanResult) => r.model.servers.map((s) => `${s.client} ${s.name} ${s.file}:${s.loc.line}:${s.loc.column} ${s.url?.raw ?? s.command?.raw ?? ""} @${s.helmValue ?? "-"}`);

describe("MCP configuration in a Helm chart's values", () => {
  it("LibreChat's chart (real values): configYamlContent is its librechat.yaml, its servers in-cluster hops (notes), at their lines in the values file", () => {
    const r = scanSources([read("librechat/stacklok_values.yaml"), read("librechat/templates/configmap.yaml")]);
    expect(servers(r)).toEqual([
      "librechat stacklok-internal librechat/stacklok_values.yaml:24:7 http://mcp-knowledge-mcp-server-headless.toolhive-system.svc.cluster.local:8000/mcp @librechat.configYamlContent",
      "librechat kubernetes librechat/stacklok_values.yaml:27:7 http://mcp-mkp-headless.toolhive-system.svc.cluster.local:25482/sse @librechat.configYamlContent",
      "librechat time librechat/stacklok_values.yaml:30:7 http://mcp-time-mcp-server-headless.toolhive-system.svc.cluster.local:8000/mcp @librechat.configYamlContent",
    ]);
    // LibreChat calls the ToolHive proxies of its cluster: plain HTTP on a private network is a note, and no server is "unauthenticated".
    expect(rows(r)).toEqual([
      "plain-http-remote note librechat/stacklok_values.yaml:26:14",
      "plain-http-remote note librechat/stacklok_values.yaml:29:14",
      "plain-http-remote note librechat/stacklok_values.yaml:32:14",
    ]);
    expect(inventoryText(r.model)).toContain("time  [librechat]  http  librechat/stacklok_values.yaml:30\n    runs: http://mcp-time-mcp-server-headless.toolhive-system.svc.cluster.local:8000/mcp\n    configured in Helm value librechat.configYamlContent (the chart renders it for a pod of the cluster)\n");
  });

  it("an mcpo chart's config.mcpServers (real values) is a server map: its npx package is unpinned, at its line; the commented example is not read", () => {
    const r = scanSources([read("mcpo/values.yaml"), read("mcpo/templates/configmap.yaml")]);
    expect(servers(r)).toEqual(["unknown-client memory mcpo/values.yaml:35:5 npx @config"]);
    expect(rows(r)).toEqual(["unpinned-package warning mcpo/values.yaml:39:11"]);
  });

  it("a server map's client runs in the cluster: its plain-HTTP hop to a service there is a note, and not unauthenticated (as a ConfigMap's)", () => {
    const values = ["config:", "  mcpServers:", "    notes:", "      type: streamable-http", "      url: http://notes-mcp.notes.svc:8000/mcp", ""].join("\n");
    const r = scanSources([{ path: "charts/mcpo/values.yaml", text: values }]);
    expect(servers(r)).toEqual(["unknown-client notes charts/mcpo/values.yaml:3:5 http://notes-mcp.notes.svc:8000/mcp @config"]);
    expect(rows(r)).toEqual(["plain-http-remote note charts/mcpo/values.yaml:5:12"]);
    // The same map in a file no chart renders is a client on someone's machine: a warning, and no credential.
    const loose = scanSources([{ path: "mcp/servers.yaml", text: values.replace("config:\n  mcpServers:", "mcpServers:").replace(/^  /gm, "") }]);
    expect(rows(loose)).toEqual(["plain-http-remote warning mcp/servers.yaml:4:10", "unauthenticated-remote note mcp/servers.yaml:4:10"]);
  });

  it("a literal key in a values block is the server's credential, reported once at its column; other YAML files and folded or quoted values are not read", () => {
    const key = fakeOpaqueKey("helm-values", 32);
    const values = [
      "agent:",
      "  mcp.json: |",
      '    { "mcpServers": { "search": { "type": "http", "url": "https://search.acme.example/mcp",',
      `        "headers": { "X-API-Key": "${key}" } } } }`,
      "",
    ].join("\n");
    const r = scanSources([{ path: "deploy/chart/values-prod.yaml", text: values }]);
    expect(servers(r)).toEqual(["unknown-client search deploy/chart/values-prod.yaml:3:23 https://search.acme.example/mcp @agent.mcp.json"]);
    expect(r.model.servers[0]?.credentials.map((c) => `${c.key} ${c.ref.kind} ${c.loc.line}:${c.loc.column}`)).toEqual(["X-API-Key literal 4:35"]);
    expect(rows(r).filter((x) => x.startsWith("hardcoded-secret"))).toEqual(["hardcoded-secret warning deploy/chart/values-prod.yaml:4:36"]);
    expect(JSON.stringify(r.findings)).not.toContain(key);
    const notValues = scanSources([{ path: "deploy/chart/settings.yaml", text: values }]);
    expect(servers(notValues)).toEqual([]);
    const folded = scanSources([{ path: "values.yaml", text: values.replace("mcp.json: |", "mcp.json: >") }]);
    expect(servers(folded)).toEqual([]);
  });
});
