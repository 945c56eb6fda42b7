/** gateway-audit-off reads Policy.audit from any gateway adapter (the generic model). */
import { describe, expect, it } from "vitest";
import { runRules } from "../../src/engine/run-rules.js";
import type { ScanModel } from "../../src/engine/model.js";
import type { Policy } from "../../src/model/types.js";
import rule from "../../src/rules/missing-audit/gateway-audit-off.js";

const loc = (line: number) => ({ file: "gateway/config.yaml", line, column: 1, endLine: line, endColumn: 10 });

function gateway(audit: Policy["audit"]): Policy {
  return { id: "gw", client: "agentgateway", kind: "gateway", name: "acme-gw", file: "gateway/config.yaml", loc: loc(1), toolRules: [], settings: [], defaultDecision: "deny", defaultReason: "allow rules name the tools", defaultLoc: loc(1), governs: [], ...(audit ? { audit } : {}) };
}

function run(...policies: Policy[]) {
  const model: ScanModel = { root: ".", files: [], servers: [], policies, secrets: [], diagnostics: [], parseErrors: [] };
  return runRules(model, [rule]).findings;
}

describe("gateway-audit-off on the generic model", () => {
  it("reports a gateway whose audit is off, at the audit key", () => {
    const f = run(gateway({ configured: false, key: "frontendPolicies.accessLog", loc: loc(3), detail: "no access log or tracing configuration" }));
    expect(f.map((x) => `${x.loc.line} ${x.message}`)).toEqual(["3 Gateway 'acme-gw' (agentgateway) records no audit trail of MCP calls: no access log or tracing configuration."]);
  });
  it("reports a file-level log setting once, not once per route that reads it", () => {
    const off = { configured: false, key: "frontendPolicies.accessLog", loc: loc(1), detail: "no access log or tracing configuration" };
    const routes = ["notes", "wiki", "binds[0].listeners[0].routes[2]"].map((name, i) => ({ ...gateway(off), id: `gw#${i}`, name, loc: loc(5 + i) }));
    const f = run(...routes);
    expect(f.map((x) => `${x.loc.line} ${x.message}`)).toEqual(["1 Gateway 'gateway/config.yaml (3 routes)' (agentgateway) records no audit trail of MCP calls: no access log or tracing configuration."]);
    // A route with its own setting elsewhere in the file is still its own finding.
    expect(run(routes[0] as Policy, { ...gateway({ ...off, loc: loc(9) }), id: "gw#9", name: "other" })).toHaveLength(2);
  });
  it("is quiet when audit is configured or unknown", () => {
    expect(run(gateway({ configured: true, key: "spec.audit.enabled", loc: loc(4), detail: "on" }))).toEqual([]);
    expect(run(gateway(undefined))).toEqual([]);
  });
});
