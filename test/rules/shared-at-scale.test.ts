/**
 * A credential that many servers share: each holder's finding stays bounded
 * (MAX_RELATED related locations, ten names in the message and a count), and
 * so does each verdict's evidence (ten names and a count: naming every holder
 * in every holder's evidence made the inventory grow with the square of the
 * servers, 3.7 s for a Markdown inventory of 3,200).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { MAX_RELATED } from "../../src/engine/run-rules.js";
import { verdictOf } from "../../src/engine/verdict.js";

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
