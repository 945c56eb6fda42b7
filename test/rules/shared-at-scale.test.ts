/**
 * A credential that many servers share: each holder's finding stays bounded
 * (MAX_RELATED related locations, ten names in the message and a count), and
 * so does each verdict's evidence (ten names and a count: naming every holder
 * in every holder's evidence made the inventory grow with the square of the
 * servers, 3.7 s for a Markdown inventory of 3,200).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { MAX_RELATED, runRules } from "../../src/engine/run-rules.js";
import sharedReference from "../../src/rules/shared-identity/shared-credential-reference.js";
import sharedSecret from "../../src/rules/shared-secret/shared-secret.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { verdictOf } from "../../src/engine/verdict.js";
import { inventoryServer } from "../../src/report/inventory.js";

const N = 30;
const servers = Object.fromEntries(Array.from({ length: N }, (_, i) => [`srv-${i}`, { command: "npx", args: ["-y", `@acme/pkg-${i}@1.0.0`], env: { GITHUB_TOKEN: "${GITHUB_PAT}" } }]));
const text = JSON.stringify({ mcpServers: servers }, null, 2) + "\n";

describe(`one reference given to ${N} servers`, () => {
  const r = scanSources([{ path: ".mcp.json", text }]);
  const shared = r.findings.filter((f) => f.ruleId === "shared-credential-reference");

  it("gives each holder one finding with the count, ten names and the rest counted, and at most MAX_RELATED related locations", () => {
    expect(shared).toHaveLength(N);
    const first = shared.find((f) => f.message.startsWith("Server 'srv-0'"));
    expect(first?.message).toContain(`which ${N} servers share ('srv-1', 'srv-2',`);
    expect(first?.message).toContain(`'srv-10' and ${N - 1 - 10} more)`);
    expect(shared.every((f) => f.related.length === MAX_RELATED)).toBe(true);
    expect(first?.related[0]?.message).toBe("also given to server 'srv-1' (claude-code)");
  });

  it("the identity verdict names ten other holders and counts the rest", () => {
    const s = r.model.servers.find((x) => x.name === "srv-0");
    const v = s && verdictOf(r.model, s);
    expect(v?.identity.value).toBe("shared-credential");
    const note = v?.identity.evidence[0]?.note ?? "";
    expect(note).toBe(`env:GITHUB_PAT is also given to ${Array.from({ length: 10 }, (_, i) => `'srv-${i + 1}' (claude-code)`).join(", ")} and ${N - 1 - 10} more`);
  });
});

describe("one reference and one literal token given to 6,000 servers", () => {
  const token = fakeGitHubToken("ghp", "shared-at-scale");
  const many = Object.fromEntries(Array.from({ length: 6_000 }, (_, i) => [`srv-${i}`, { command: "npx", args: ["-y", `@acme/pkg-${i}@1.0.0`], env: { GITHUB_TOKEN: "${GITHUB_PAT}", OTHER_TOKEN: token } }]));
  const { model } = scanSources([{ path: ".mcp.json", text: JSON.stringify({ mcpServers: many }, null, 2) }]);

  // Each holder's finding lists a bounded number of the others; building the whole list of
  // others for every holder took time and memory that grow with the square of the holders
  // (33 s for these two rules here; about one now).
  it("both rules report every holder in time", () => {
    const t0 = performance.now();
    const { findings } = runRules(model, [sharedReference, sharedSecret]);
    const ms = performance.now() - t0;
    expect(findings.filter((f) => f.ruleId === "shared-credential-reference")).toHaveLength(6_000);
    expect(findings.filter((f) => f.ruleId === "shared-secret")).toHaveLength(6_000);
    expect(findings.every((f) => f.related.length === MAX_RELATED)).toBe(true);
    expect(ms, `the rules took ${Math.round(ms)} ms`).toBeLessThan(5_000);
  }, 60_000);
});

describe("the verdicts of 5,000 servers of one file, each with a literal key and all with one reference", () => {
  const key = (i: number) => [`Zq9${i}xK7mP2vL8n`, `R4tW6yB3cD5fH1jQ0sU${i}`].join("");
  const many = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`srv-${i}`, { command: "npx", args: ["-y", "@acme/pkg@1.0.0"], env: { GITHUB_TOKEN: "${GITHUB_PAT}", API_KEY: key(i) } }]));
  const { model } = scanSources([{ path: ".mcp.json", text: JSON.stringify({ mcpServers: many }, null, 2) }]);

  // Each verdict looked through every secret of the file for those inside its server's values
  // (6.5 s for these 5,000 verdicts; ~0.3 s now).
  it("are made in time, each naming only its own server's key", () => {
    const t0 = performance.now();
    const verdicts = model.servers.map((s) => verdictOf(model, s));
    const ms = performance.now() - t0;
    expect(verdicts.every((v) => v.identity.value === "literal-secret" && v.identity.evidence.length === 1)).toBe(true);
    const s = model.servers.find((x) => x.name === "srv-1234");
    const line = model.secrets.find((h) => h.server?.name === "srv-1234")?.loc.line;
    expect(s && verdictOf(model, s).identity.evidence.map((e) => e.line)).toEqual([line]);
    expect(ms, `the verdicts took ${Math.round(ms)} ms`).toBeLessThan(3_000);
  }, 60_000);
  // Each inventory entry looked through every secret of the file for those inside its values (13 s here).
  it("have their inventory entries made in time, each value's key withheld but its preview", () => {
    const t0 = performance.now();
    const rows = model.servers.map((s) => inventoryServer(s, model));
    const ms = performance.now() - t0;
    const row = rows.find((r) => r.name === "srv-1234");
    expect(row?.credentials.find((c) => c.key === "API_KEY")?.value).toBe(`${key(1234).slice(0, 4)}…[REDACTED]`);
    expect(ms, `the inventory took ${Math.round(ms)} ms`).toBeLessThan(3_000);
  }, 60_000);
});

describe("the inventory of 1,500 servers with secret-store references, in a tree of 12,000 files", () => {
  const sources = Array.from({ length: 1_500 }, (_, i) => [
    { path: `p${i}/.continue/config.yaml`, text: `name: a\nversion: 1.0.0\nschema: v1\nmcpServers:\n  - name: s${i}\n    command: npx\n    args: ["-y", "pkg${i}@1.0.0"]\n    env:\n      API_TOKEN: \${{ secrets.TOKEN_${i} }}\n` },
    ...Array.from({ length: 7 }, (_, k) => ({ path: `p${i}/f${k}.js`, text: "module.exports = 1;\n" })),
  ]).flat();
  const { model } = scanSources(sources);

  // Which files each server loads its credentials from was worked out for each server over the set
  // of every scanned file (8 s here; 23 s for 3,000 servers in 15,000 files).
  it("is made in time", () => {
    const t0 = performance.now();
    // As the JSON inventory makes each row: the server's entry and its verdict.
    const rows = model.servers.map((s) => ({ ...inventoryServer(s, model), verdict: verdictOf(model, s) }));
    const ms = performance.now() - t0;
    expect(rows).toHaveLength(1_500);
    expect(rows.every((r) => r.verdict.identity.value === "unique-workload-identity")).toBe(true);
    expect(ms, `the inventory took ${Math.round(ms)} ms`).toBeLessThan(2_000);
  }, 60_000);
});
