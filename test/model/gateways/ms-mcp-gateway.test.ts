import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows } from "./helpers.js";

describe("Microsoft MCP Gateway", () => {
  it("appsettings: Entra on is deny by default; BypassEntra true allows", () => {
    const r = scanFixture("ms-mcp-gateway/src/appsettings.json", "ms-mcp-gateway/src/appsettings.Development.json");
    expect(policyRows(r)).toEqual([
      { client: "ms-mcp-gateway", kind: "gateway", name: "appsettings.Development.json", decision: "allow", at: "3:20", reason: "Authentication.BypassEntra is true (Entra ID is bypassed, so any caller can pick its identity and roles)" },
      { client: "ms-mcp-gateway", kind: "gateway", name: "appsettings.json", decision: "deny", at: "4:3", reason: "AzureAd (Entra ID) is configured and BypassEntra is not set (adapters are limited to their creator, mcp.admin and requiredRoles)" },
    ]);
    // AllowedHosts: "*" in the production file (MCP-CONFIG-FORMATS lists it as permissive).
    expect(findingRows(r)).toEqual(["missing-default-deny 3:20", "permissive-setting 3:20", "permissive-setting 3:19"]);
  });

  it("an Entra-protected ASP.NET app's appsettings (AzureAd, AllowedHosts \"*\", nothing of the gateway) is not the gateway's", () => {
    const webapi = [
      "{",
      '  "AzureAd": { "Instance": "https://login.microsoftonline.com/", "Domain": "contoso.onmicrosoft.com", "TenantId": "22222222-2222-2222-2222-222222222222", "ClientId": "33333333-3333-3333-3333-333333333333", "Scopes": "access_as_user" },',
      '  "Logging": { "LogLevel": { "Default": "Information" } },',
      '  "AllowedHosts": "*"',
      "}",
      "",
    ].join("\n");
    const r = scanSources([{ path: "src/Api/appsettings.json", text: webapi }]);
    expect(r.model.files.map((f) => `${f.path} ${f.format}`)).toEqual(["src/Api/appsettings.json text"]);
    expect(policyRows(r)).toEqual([]);
    expect(findingRows(r)).toEqual([]);
    // The gateway's own sections (or its name in the file) still make it the gateway's.
    const gw = scanSources([
      { path: "a/appsettings.json", text: webapi.replace('"AllowedHosts"', '"ContainerRegistrySettings": { "Endpoint": "localhost:5000" },\n  "AllowedHosts"') },
      { path: "b/appsettings.Production.json", text: '{ "AzureAd": { "TenantId": "t", "Audience": "api://mcp-gateway" } }\n' },
    ]);
    expect(policyRows(gw).map((p) => `${p.name} ${p.decision}`)).toEqual(["appsettings.json deny", "appsettings.Production.json deny"]);
  });

  it("Kubernetes deployment in Development mode bypasses Entra", () => {
    const r = scanFixture("ms-mcp-gateway/deployment/k8s/local-deployment.yml");
    expect(serverRows(r)).toEqual([{ client: "kubernetes", name: "mcpgateway/mcpgateway-container", at: "17:17", transport: "container", image: "localhost:5000/microsoft-mcpgateway-service:latest" }]);
    expect(credentialRows(r, "mcpgateway/mcpgateway-container")).toEqual([
      { key: "ASPNETCORE_ENVIRONMENT", ref: "literal", line: 21 },
      { key: "Redis__ConnectionString", ref: "secretStore:redis-secret/connectionString", line: 25 },
    ]);
    expect(policyRows(r)).toEqual([
      { client: "ms-mcp-gateway", kind: "gateway", name: "mcpgateway/mcpgateway-container", decision: "allow", at: "21:22", reason: "ASPNETCORE_ENVIRONMENT is Development (Entra ID authentication is bypassed, so any caller can pick its identity and roles)" },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 21:22", "permissive-setting 21:22"]);
  });

  it("adapter registration: environmentVariables are literal credentials; requiredRoles narrow access", () => {
    const r = scanFixture("ms-mcp-gateway/adapters/acme-notes.json");
    expect(serverRows(r)).toEqual([{ client: "ms-mcp-gateway", name: "acme-notes", at: "2:11", transport: "container", image: "acme/notes-mcp:1.0.0" }]);
    expect(credentialRows(r, "acme-notes")).toEqual([
      { key: "ACME_KEY", ref: "literal", line: 6 },
      { key: "ACME_REGION", ref: "literal", line: 7 },
    ]);
    expect(policyRows(r)).toEqual([
      { client: "ms-mcp-gateway", kind: "authz", name: "acme-notes", decision: "deny", at: "10:3", reason: "requiredRoles names mcp.notes.reader (others than the creator and mcp.admin are denied)" },
    ]);
    expect(findingRows(r)).toEqual([]);
  });

  it("adapter image: imageVersion is its tag, unless imageName has a tag or digest; no version floats", () => {
    const images = (body: object) => {
      const r = scanSources([{ path: "adapters/a.json", text: JSON.stringify({ name: "a", requiredRoles: ["r"], ...body }) }]);
      return { image: r.model.servers[0]?.image?.raw, unpinned: r.findings.filter((f) => f.ruleId === "unpinned-package").length };
    };
    expect(images({ imageName: "acme/notes-mcp", imageVersion: "1.0.0" })).toEqual({ image: "acme/notes-mcp:1.0.0", unpinned: 0 });
    expect(images({ imageName: "registry:5000/acme/notes-mcp:2.0", imageVersion: "1.0.0" })).toEqual({ image: "registry:5000/acme/notes-mcp:2.0", unpinned: 0 });
    expect(images({ imageName: "acme/notes-mcp", imageVersion: "latest" })).toEqual({ image: "acme/notes-mcp:latest", unpinned: 1 });
    expect(images({ imageName: "acme/notes-mcp", requiredRoles: [] })).toEqual({ image: "acme/notes-mcp", unpinned: 1 });
  });
});

describe("Microsoft MCP Gateway deployed from its cloud template (real file: deployment/k8s/cloud-deployment-template.yml)", () => {
  const read = () => readFileSync(new URL("../../../fixtures/gateways/real-ms-mcp-gateway/deployment/k8s/cloud-deployment-template.yml", import.meta.url), "utf8");

  it("a container whose image is a deploy-time variable is the gateway by its name: Production keeps Entra ID on", () => {
    const r = scanSources([{ path: "deployment/k8s/cloud-deployment-template.yml", text: read() }]);
    expect(policyRows(r)).toEqual([
      { client: "ms-mcp-gateway", kind: "gateway", name: "mcpgateway/mcpgateway-container", decision: "deny", at: "33:17", reason: "Entra ID authentication on (adapters are limited to their creator, mcp.admin and requiredRoles)" },
    ]);
    expect(r.model.servers.map((s) => verdictOf(r.model, s).authorization.value)).toEqual(["default-deny"]);
  });

  it("the same template set to Development bypasses Entra ID", () => {
    const text = read().replace('value: "Production"', 'value: "Development"');
    const r = scanSources([{ path: "deployment/k8s/cloud-deployment-template.yml", text }]);
    expect(policyRows(r).map((p) => `${p.decision} ${p.at}`)).toEqual(["allow 39:22"]);
    expect(findingRows(r, ["missing-default-deny", "permissive-setting"])).toEqual(["missing-default-deny 39:22", "permissive-setting 39:22"]);
  });
});
