import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/engine/finding.js";
import type { Diagnostic } from "../../src/model/types.js";
import { stepSummary } from "../../src/report/github.js";
import { toText } from "../../src/report/text.js";

const tooLarge = (i: number): Diagnostic => ({ level: "note", code: "too-large", message: `big${i}.json: 3000000 bytes is over the size limit of 2097152 bytes (--max-file-size); skipped`, file: `big${i}.json` });
const binary: Diagnostic = { level: "note", code: "binary", message: "logo.png: binary file; skipped", file: "logo.png" };

describe("text report: files left unscanned", () => {
  it("names a file skipped for its size (a config over the limit is a gap in the scan), not binary files", () => {
    const out = toText({ findings: [], diagnostics: [tooLarge(1), binary], filesScanned: 3 });
    expect(out).toBe("note: big1.json: 3000000 bytes is over the size limit of 2097152 bytes (--max-file-size); skipped\n✔ No problems found in 3 files (2 file diagnostics)\n");
  });

  it("when no file was scanned at all, names why (ten, then counts the rest)", () => {
    expect(toText({ findings: [], diagnostics: [binary], filesScanned: 0 })).toBe("note: logo.png: binary file; skipped\n✔ No problems found in 0 files (1 file diagnostic)\n");
    const many = Array.from({ length: 12 }, (_, i): Diagnostic => ({ ...binary, message: `logo${i}.png: binary file; skipped`, file: `logo${i}.png` }));
    const lines = toText({ findings: [], diagnostics: many, filesScanned: 0 }).trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("note: logo"))).toHaveLength(10);
    expect(lines).toContain("note: … and 2 more files not scanned (--format json lists them)");
  });

  it("names ten, then counts the rest; --quiet names none", () => {
    const many = Array.from({ length: 13 }, (_, i) => tooLarge(i));
    const lines = toText({ findings: [], diagnostics: many, filesScanned: 5 }).trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("note: big"))).toHaveLength(10);
    expect(lines).toContain("note: … and 3 more files over the size limit (--format json lists them)");
    expect(toText({ findings: [], diagnostics: many, filesScanned: 5, quiet: true })).toBe("✔ No problems found in 5 files (13 file diagnostics)\n");
  });
});

describe("text report: the summary line", () => {
  const finding = (file: string, level: Finding["level"], suppressed = false): Finding =>
    ({ ruleId: "hardcoded-secret", category: "secrets", level, message: "m", loc: { file, line: 1, column: 1 }, related: [], fingerprint: `fp-${file}-${level}`, ...(suppressed ? { suppression: { kind: "inline", justification: "j" } } : {}) }) as unknown as Finding;
  const summary = (findings: Finding[], filesScanned: number) => toText({ findings, diagnostics: [], filesScanned, quiet: true }).trimEnd().split("\n").pop();

  it("says how many of the scanned files hold the problems, not only how many were scanned", () => {
    expect(summary([finding("a.json", "warning"), finding("a.json", "note"), finding("b.json", "error")], 14)).toBe("✖ 3 problems (1 error, 1 warning, 1 note) in 2 of 14 files scanned");
    expect(summary([finding("a.json", "warning")], 1)).toBe("✖ 1 problem (0 errors, 1 warning, 0 notes) in 1 file");
  });

  it("does not count a file whose only finding is suppressed", () => {
    expect(summary([finding("a.json", "warning"), finding("b.json", "warning", true)], 3)).toBe("✖ 1 problem (0 errors, 1 warning, 0 notes) in 1 of 3 files scanned (1 suppressed)");
  });
});

describe("job summary: the count line", () => {
  it("says how many of the scanned files hold the problems", () => {
    const f = (file: string) => ({ ruleId: "hardcoded-secret", category: "secrets", level: "warning", message: "m", loc: { file, line: 1, column: 1 }, related: [], fingerprint: `fp-${file}` }) as unknown as Finding;
    expect(stepSummary([f("a.json"), f("a.json")], 9)).toContain("**2 problems** (0 errors, 2 warnings, 0 notes) in 1 of 9 files scanned.");
  });
});
