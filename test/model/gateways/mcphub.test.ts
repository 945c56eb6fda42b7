import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

// The real file's secrets are placeholders in the fixture; made-up values go in here, never committed.
const BEARER = fakeOpaqueKey("mcphub-bearer", 32);
const CLIENT_SECRET = fakeOpaqueKey("mcphub-oauth-client", 64);
const UPSTREAM = readFileSync(new URL("../../../fixtures/gateways/real-mcphub/upstream/mcp_settings.json", import.meta.url), "utf8")
  .replace("BEARER_KEY_HERE", BEARER)
  .replace("CLIENT_SECRET_HERE", CLIENT_SECRET);

const settings = (routing: string, extra = "") => `{ "mcpServers": { "notes": { "command": "acme-notes-mcp" } },${extra}
  "systemConfig": { "routing": ${routing} } }
`;

describe("MCPHub mcp_settings.json (mcpServers beside systemConfig, bearerKeys, users)", () => {
  it("MCPHub's own example: one bearerAuthKey admits callers to every server's tools; its literal keys are reported, never printed whole", () => {
    const r = scanSources([{ path: "mcp_settings.json", text: UPSTREAM }]);
    expect(serverRows(r).map((s) => `${s.client} ${s.name} ${s.at}`)).toEqual(["mcphub amap 3:5", "mcphub playwright 8:5", "mcphub slack 12:5"]);
    expect(policyRows(r)).toEqual([
      { client: "mcphub", kind: "gateway", name: "routes", decision: "allow", at: "27:24", reason: "bearerAuthKey only authenticates: every caller with the key may call every server's tools" },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 27:24"]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.line)).toEqual([27, 33]);
    const text = JSON.stringify(r.findings);
    for (const s of [BEARER, CLIENT_SECRET]) expect(text).not.toContain(s);
  });

  it("a deployment's file: ${VAR} values are references; a key with accessType all is a permissive setting, and an unset enableBearerAuth is unknown", () => {
    const r = scanFixture("real-mcphub/fly/mcp_settings.json");
    expect(credentialRows(r, "zulipchat")).toEqual([
      { key: "ZULIP_EMAIL", ref: "env:ZULIP_EMAIL", line: 7 },
      { key: "ZULIP_API_KEY", ref: "env:ZULIP_API_KEY", line: 8 },
      { key: "ZULIP_SITE", ref: "env:ZULIP_SITE", line: 9 },
    ]);
    expect(findingRows(r, ["unexpanded-reference", "hardcoded-secret"])).toEqual([]);
    expect(policyRows(r).map((p) => `${p.name} ${p.decision}`)).toEqual(["routes unknown"]);
    expect(settingRows(r)).toEqual(["bearerKeys[0].accessType=all permissive 19:21"]);
    expect(findingRows(r)).toEqual(["permissive-setting 19:21"]);
  });

  it("enableBearerAuth false lets every caller through: allow, and a permissive setting", () => {
    const r = scanSources([{ path: "mcp_settings.json", text: settings(`{ "enableBearerAuth": false, "skipAuth": true }`) }]);
    expect(policyRows(r).map((p) => `${p.decision} ${p.at}`)).toEqual(["allow 2:54"]);
    expect(settingRows(r)).toEqual(["routing.skipAuth=true permissive 2:73", "routing.enableBearerAuth=false permissive 2:54"]);
    const notes = r.model.servers[0];
    expect(notes && verdictOf(r.model, notes).authorization.value).toBe("allow-by-default");
  });

  it("keys scoped to groups, with MCPHub's OAuth server off, are default deny; with it on (or left to its default) unknown", () => {
    const keys = `\n  "bearerKeys": [{ "name": "agent", "token": "\${AGENT_KEY}", "enabled": true, "accessType": "groups", "allowedGroups": ["notes"] }],`;
    const off = scanSources([{ path: "mcp_settings.json", text: settings(`{ "enableBearerAuth": true }, "oauthServer": { "enabled": false }`, keys) }]);
    expect(policyRows(off).map((p) => p.decision)).toEqual(["deny"]);
    expect(findingRows(off)).toEqual([]);
    const on = scanSources([{ path: "mcp_settings.json", text: settings(`{ "enableBearerAuth": true }`, keys) }]);
    expect(policyRows(on).map((p) => p.decision)).toEqual(["unknown"]);
  });

  it("a client's mcp_settings.json (Roo Code, Cline: mcpServers alone) is not MCPHub's", () => {
    const r = scanSources([{ path: "mcp_settings.json", text: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "alwaysAllow": ["search_notes"] } } }\n` }]);
    expect(r.model.servers.map((s) => s.client)).toEqual(["unknown-client"]);
    expect(r.model.policies.filter((p) => p.client === "mcphub")).toEqual([]);
  });
});
