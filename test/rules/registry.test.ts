/**
 * Polices the rule registry: unique ids equal to file names, every rule
 * listed, metadata complete, every message template used by an example.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CATEGORIES } from "../../src/engine/rule.js";
import { RULES } from "../../src/rules/index.js";

const rulesDir = path.resolve(__dirname, "../../src/rules");
const HYGIENE = ["parse-error", "invalid-suppression", "duplicate-key"];

function ruleFiles(): { id: string; category: string }[] {
  const out: { id: string; category: string }[] = [];
  for (const category of fs.readdirSync(rulesDir)) {
    const dir = path.join(rulesDir, category);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const f of fs.readdirSync(dir)) if (f.endsWith(".ts")) out.push({ id: f.replace(/\.ts$/, ""), category });
  }
  return out;
}

describe("rule registry", () => {
  it("lists every rule file exactly once, id = file name, category = folder", () => {
    const files = ruleFiles().sort((a, b) => a.id.localeCompare(b.id));
    const registered = RULES.map((r) => ({ id: r.id, category: r.meta.category })).sort((a, b) => a.id.localeCompare(b.id));
    expect(registered).toEqual(files);
  });

  it("has unique ids and names", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.meta.name)).size).toBe(RULES.length);
  });

  it.each(RULES.map((r) => [r.id, r] as const))("%s has complete metadata and examples", (_id, r) => {
    expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(CATEGORIES).toContain(r.meta.category);
    expect(r.meta.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    expect(r.meta.title.length).toBeGreaterThan(10);
    expect(r.meta.title.endsWith(".")).toBe(false);
    expect(r.meta.description.length).toBeGreaterThan(40);
    expect(r.meta.description.length).toBeLessThanOrEqual(1024);
    expect(r.meta.help.length).toBeGreaterThan(20);
    // Every rule but the scan's own housekeeping (hygiene) has a security score.
    if (HYGIENE.includes(r.id)) expect(r.meta.securitySeverity).toBeUndefined();
    else {
      expect(r.meta.securitySeverity).toBeGreaterThan(0);
      expect(r.meta.securitySeverity).toBeLessThanOrEqual(10);
    }
    for (const c of r.meta.cwe) expect(c).toMatch(/^CWE-\d+$/);
    expect(r.meta.references.length).toBeGreaterThan(0);
    for (const ref of r.meta.references) expect(ref).toMatch(/^https:\/\//);
    expect(r.examples.bad.length).toBeGreaterThan(0);
    expect(r.examples.good.length).toBeGreaterThan(0);
    expect(Object.keys(r.messages).length).toBeGreaterThan(0);
    for (const t of Object.values(r.messages)) expect(t.length).toBeGreaterThan(10);
  });
});
