/** Every framework id a rule carries is in the verified table, with its title and source. */
import { describe, expect, it } from "vitest";
import { FRAMEWORKS } from "../../src/rules/frameworks.js";
import { RULES } from "../../src/rules/index.js";
import { ruleDescriptor } from "../../src/report/sarif.js";

describe("framework mapping", () => {
  it.each(RULES.map((r) => [r.id, r] as const))("%s uses verified framework ids only", (_id, r) => {
    for (const id of r.meta.frameworks ?? []) expect(Object.keys(FRAMEWORKS), `${r.id}: ${id}`).toContain(id);
  });

  it("the table has well-formed ids, titles and https sources", () => {
    for (const [id, e] of Object.entries(FRAMEWORKS)) {
      expect(id).toMatch(/^(owasp-agentic\/ASI(0[1-9]|10)|nist-csf\/(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2})$/);
      expect(e.title.length).toBeGreaterThan(5);
      expect(e.source.url).toMatch(/^https:\/\//);
      expect(e.source.title.length).toBeGreaterThan(5);
    }
  });

  it("SARIF carries them as tags, at most 20", () => {
    for (const r of RULES) {
      const tags = ruleDescriptor(r).properties?.tags ?? [];
      expect(tags.length).toBeLessThanOrEqual(20);
      for (const id of r.meta.frameworks ?? []) expect(tags).toContain(id);
    }
    const tags = ruleDescriptor(RULES.find((r) => r.id === "missing-default-deny")!).properties?.tags;
    expect(tags).toEqual(expect.arrayContaining(["owasp-agentic/ASI03", "nist-csf/PR.AA-05", "external/cwe/cwe-862"]));
  });
});
