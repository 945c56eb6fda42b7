import { describe, expect, it } from "vitest";
import { findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

describe("Kong AI MCP Proxy (decK)", () => {
  it("no default_acl and a tool without acl: allowed; payload logging on", () => {
    const r = scanFixture("kong/kong.yaml");
    expect(r.model.files[0]?.format).toBe("kong-deck");
    expect(serverRows(r)).toEqual([{ client: "kong", name: "acme-notes-mcp", at: "3:9", transport: "http", url: "http://notes.internal:8080/mcp" }]);
    expect(policyRows(r)).toEqual([
      { client: "kong", kind: "gateway", name: "acme-mcp-route", decision: "allow", at: "11:3", reason: "no config.default_acl and tools search_notes have no acl (no ACL means allowed)" },
    ]);
    expect(r.model.policies[0]?.toolRules.map((t) => `${t.effect} ${t.pattern} ${t.loc.line}`)).toEqual(["allow delete_note: notes-admins 20"]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: false });
    expect(settingRows(r)).toEqual(["config.logging.log_payloads=true permissive 14:21"]);
    expect(findingRows(r)).toEqual(["missing-default-deny 11:3", "permissive-setting 14:21"]);
  });

  it("default_acl with an allow list and key-auth on the route: denied by default", () => {
    const r = scanFixture("kong/kong-acl.yaml");
    expect(policyRows(r)).toEqual([
      { client: "kong", kind: "gateway", name: "acme-mcp-route", decision: "deny", at: "14:9", reason: "config.default_acl has an allow list (subjects it does not name are denied)" },
    ]);
    expect(r.model.policies[0]?.authn).toMatchObject({ required: true, mode: "key-auth" });
    expect(findingRows(r)).toEqual([]);
  });
});
