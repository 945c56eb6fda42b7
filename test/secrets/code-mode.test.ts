/**
 * In program source, an unquoted right-hand side is an expression, not a
 * value: `pass = !this.isNot` must not be a password; a quoted literal still is.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";

describe("secrets in source code", () => {
  it("ignores unquoted expressions under credential-named keys", () => {
    const text = `const pass = !this.isNot && received === expected;\nthis._passThroughOptions = !!passThrough;\nconst token = getTokenFromVault(process.env.VAULT_ADDR);\n`;
    const r = scanSources([{ path: "src/matcher.js", text }]);
    expect(r.findings).toEqual([]);
  });

  it("still reports a quoted literal password in code at its exact position", () => {
    const text = `export const config = {\n  dbPassword: "Zq8!vN3#pL6@wR1xT9",\n};\n`;
    const r = scanSources([{ path: "src/config.ts", text }]);
    const f = r.findings.find((x) => x.ruleId === "hardcoded-secret");
    expect(f?.loc).toMatchObject({ line: 2, column: 16 });
    expect(JSON.stringify(r.findings)).not.toContain("Zq8!vN3#pL6@wR1xT9");
  });

  it("keeps reporting unquoted values in config-style text files", () => {
    const r = scanSources([{ path: "deploy/.env", text: "DB_PASSWORD=Zq8vN3pL6wR1xT9kM4\n" }]);
    expect(r.findings.some((f) => f.ruleId === "hardcoded-secret")).toBe(true);
  });
});
