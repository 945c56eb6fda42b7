import { describe, expect, it } from "vitest";
import { wildcard } from "../../src/util/wildcard.js";

/** The anchored regex the adapters used before: the reference for what a glob matches. */
const asRegex = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);

describe("wildcard: `*` and `?` globs without a regex", () => {
  it("matches as the anchored regex of the glob does", () => {
    const globs = ["", "*", "**", "?", "notes", "notes/*", "*/delete_*", "mcp__*", "a*b", "a*b*c", "*a*", "a?c", "?*?", "*.example/*", "x*x", "ab*ba", "a**b", "(a+)"];
    const texts = ["", "a", "ab", "abc", "aXbYc", "notes", "notes/delete_note", "mcp__notes__x", "x", "xx", "xax", "aba", "abba", "abcba", "acb", "https://notes.example/mcp", "(a+)", "aab"];
    for (const g of globs) for (const t of texts) expect([g, t, wildcard(g).test(t)]).toEqual([g, t, asRegex(g).test(t)]);
  });

  it("decides a glob of many stars against a long text at once (a regex of .* backtracks without end there)", () => {
    const start = Date.now();
    expect(wildcard(`${"*a".repeat(12)}!`).test("a".repeat(60))).toBe(false);
    expect(wildcard(`${"*a".repeat(12)}*`).test("a".repeat(60))).toBe(true);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
