/**
 * The literal prefilter in front of the `ignore` package (discover/gitignore-literals.ts):
 * it may only ever say "not ignored" for paths the package would not ignore.
 */
import fc from "fast-check";
import ignore from "ignore";
import { describe, expect, it } from "vitest";
import { ignoredPathTest } from "../../src/discover/gitignore-literals.js";

const PIECES = ["a", "b", "B", "ab", ".", "x.log", "/", "*", "**", "?", "[ab]", "[!a]", "-", "_", "dist", "Build"];
const pattern = fc.tuple(fc.constantFrom("", "!", "/", "**/", "#", " "), fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 }), fc.constantFrom("", "/", "/**", " ")).map(([a, b, c]) => a + b.join("") + c);
const segment = fc.array(fc.constantFrom("a", "b", "B", "x", ".", "log", "dist", "build", "-", "_"), { minLength: 1, maxLength: 4 }).map((x) => x.join("")).filter((s) => !/^\.+$/.test(s));
const pathArb = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([s, dir]) => s.join("/") + (dir ? "/" : ""));

describe("ignoredPathTest", () => {
  it("never says 'not ignored' for a path the ignore package ignores (property, 2,000 files of rules)", () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 8 }), fc.array(pathArb, { minLength: 1, maxLength: 12 }), (rules, paths) => {
        const content = rules.join("\n");
        const test = ignoredPathTest(content);
        if (test === undefined) return;
        const ig = ignore().add(content);
        for (const p of paths) if (ig.ignores(p)) expect(test(p), `${JSON.stringify(content)} ignores ${p}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("says 'not ignored' for paths that hold no rule's literal, in any case", () => {
    const test = ignoredPathTest("# build output\nnode_modules/\n*.log\n/dist\n!keep.log\n**/coverage/**\n");
    expect(test).toBeDefined();
    expect(["src/index.ts", "src/app/main.js", "docs/readme.md"].map((p) => test?.(p))).toEqual([false, false, false]);
    expect(["node_modules/", "a/debug.LOG", "dist/", "x/Coverage/y.js", "keep.log"].map((p) => test?.(p))).toEqual([true, true, true, true, true]);
  });

  it("is not made where a rule may match anything or the file uses what it does not read", () => {
    for (const content of ["*\n!src/\n", "\\#notes.txt\n", "foo\\ \n", "{a,b}.js\n", "caf\u00e9/\n", "[ab\n", "/**/\n"]) expect(ignoredPathTest(content), JSON.stringify(content)).toBeUndefined();
  });

  it("a file of comments and blank lines ignores nothing", () => {
    expect(ignoredPathTest("# nothing\n\n   \n")?.("any/path.js")).toBe(false);
  });
});
