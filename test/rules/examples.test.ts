/**
 * The table-driven rule test: every rule's bad examples must report (at the
 * expected line and column), every good example must not.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { RULES } from "../../src/rules/index.js";
import type { RuleExample } from "../../src/engine/rule.js";

function run(ruleId: string, ex: RuleExample) {
  const sources = [{ path: ex.file, text: ex.code, ...(ex.mode !== undefined ? { mode: ex.mode } : {}) }, ...Object.entries(ex.extraFiles ?? {}).map(([path, text]) => ({ path, text }))];
  const result = scanSources(sources, { ruleOptions: ex.options ?? {} });
  return result.findings.filter((f) => f.ruleId === ruleId);
}

describe.each(RULES.map((r) => [r.id, r] as const))("rule %s", (id, rule) => {
  it.each(rule.examples.bad.map((ex, i) => [i, ex] as const))("bad example %i reports", (_i, ex) => {
    const found = run(id, ex);
    expect(found.length, `expected ${id} to report on ${ex.file}`).toBeGreaterThan(0);
    if (ex.expect) {
      const first = found.find((f) => f.loc.file === ex.file) ?? found[0];
      expect({ line: first?.loc.line, column: ex.expect.column === undefined ? undefined : first?.loc.column }).toEqual({ line: ex.expect.line, column: ex.expect.column });
      if (ex.expect.count !== undefined) expect(found.length).toBe(ex.expect.count);
    }
  });
  it.each(rule.examples.good.map((ex, i) => [i, ex] as const))("good example %i is clean", (_i, ex) => {
    expect(run(id, ex).map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([]);
  });
});
