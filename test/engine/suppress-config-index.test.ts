/**
 * Configuration suppressions are looked up through an index of their globs'
 * leading names (suppress.ts configEntries): the first entry that matches a
 * finding must be the one a plain walk over every entry in file order finds.
 */
import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/finding.js";
import { applySuppressions, type ExternalSuppression } from "../../src/engine/suppress.js";
import { costRatio } from "../helpers.js";

const now = new Date("2026-03-01T12:00:00Z");

function finding(file: string, ruleId: string, fingerprint = `fp-${file}`): Finding {
  return { ruleId, category: ruleId === "hardcoded-secret" ? "secrets" : "supply-chain", level: "warning", message: "m", loc: { file, line: 1, column: 1 }, related: [], fingerprint } as unknown as Finding;
}

function suppressedBy(findings: readonly Finding[], entries: readonly ExternalSuppression[]): (string | undefined)[] {
  const { findings: out } = applySuppressions(findings, { config: { source: ".mcplint.yaml", entries }, now, knownRules: new Set() });
  return out.map((f) => f.suppression?.justification);
}

/** The plain walk: every entry in file order, as written. */
function reference(findings: readonly Finding[], entries: readonly ExternalSuppression[]): (string | undefined)[] {
  return findings.map((f) => {
    const e = entries.find(
      (e) =>
        (e.path === f.loc.file || picomatch(e.path.replace(/^\/+(?=[^/])/, ""), { dot: true })(f.loc.file)) &&
        (f.ruleId === e.rule || f.category === e.rule) &&
        (e.fingerprint === undefined || e.fingerprint === f.fingerprint),
    );
    return e?.reason;
  });
}

const segment = fc.constantFrom("a", "b", "pkg", ".mcp.json", "x.yaml", ".cursor");
const globSegment = fc.constantFrom("a", "b", "pkg", ".mcp.json", "*", "**", "*.json", "{a,b}", ".", "..", "", "a*", '"a"', "[ab]", "?");
const file = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join("/"));
const entry = fc.record({
  path: fc.tuple(fc.boolean(), fc.array(globSegment, { minLength: 1, maxLength: 5 })).map(([lead, s]) => (lead ? "/" : "") + s.join("/"))
    // The schema asks for a non-empty path.
    .filter((p) => p !== ""),
  rule: fc.constantFrom("hardcoded-secret", "unpinned-package", "secrets"),
  fingerprint: fc.option(fc.constantFrom("fp-a/.mcp.json", "fp-pkg/a/x.yaml"), { nil: undefined }),
});

describe("configuration suppressions", () => {
  it("pick the same entry as a walk over every entry in file order", () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 12 }).map((es) => es.map((e, i) => ({ ...e, reason: `r${i}` }) as ExternalSuppression)),
        fc.array(fc.tuple(file, fc.constantFrom("hardcoded-secret", "unpinned-package")), { maxLength: 12 }).map((fs) => fs.map(([f, r]) => finding(f, r))),
        (entries, findings) => {
          expect(suppressedBy(findings, entries)).toEqual(reference(findings, entries));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("an earlier entry with a pattern wins over a later one keyed by its folder, and the other way round", () => {
    const f = [finding("packages/api/.mcp.json", "hardcoded-secret")];
    expect(suppressedBy(f, [{ path: "**/.mcp.json", rule: "secrets", reason: "any" }, { path: "packages/api/**", rule: "secrets", reason: "api" }])).toEqual(["any"]);
    expect(suppressedBy(f, [{ path: "packages/api/**", rule: "secrets", reason: "api" }, { path: "**/.mcp.json", rule: "secrets", reason: "any" }])).toEqual(["api"]);
    expect(suppressedBy(f, [{ path: "packages/web/**", rule: "secrets", reason: "web" }, { path: "packages", rule: "secrets", reason: "folder" }])).toEqual([undefined]);
  });

  it("2,000 entries against 2,000 findings in as many folders cost about 8x what 250 against 250 do, not 64x", () => {
    const setUp = (n: number) => ({
      entries: Array.from({ length: n }, (_, i): ExternalSuppression => ({ path: `repo/p${i}/**`, rule: "unpinned-package", reason: `p${i}` })),
      findings: Array.from({ length: n }, (_, i) => finding(`repo/p${i}/.mcp.json`, "unpinned-package")),
    });
    const small = setUp(250);
    const large = setUp(2000);
    const got = suppressedBy(large.findings, large.entries);
    expect(got[0]).toBe("p0");
    expect(got[1999]).toBe("p1999");
    // Every glob tried on every finding up to its own (~2 million picomatch tests at 2,000) grows 64x; indexed by folder, ~8x.
    // A ratio of two sizes in one run, not a time limit: a loaded machine slows both.
    const ratio = costRatio(() => suppressedBy(small.findings, small.entries), () => suppressedBy(large.findings, large.entries), 24);
    expect(ratio, `x${ratio.toFixed(1)}`).toBeLessThan(24);
  });
});
