import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "../../src/parse/nesting.js";

describe("nestsDeeperThan", () => {
  it("counts [ and { nesting", () => {
    expect(nestsDeeperThan("a: " + "[".repeat(3) + "]".repeat(3), 3)).toBe(false);
    expect(nestsDeeperThan("a: " + "[".repeat(4), 3)).toBe(true);
    expect(nestsDeeperThan("x = " + "{ a = ".repeat(4), 3)).toBe(true);
  });

  it("ignores brackets in quoted strings and # comments", () => {
    expect(nestsDeeperThan(`a: "[[[[[\\"[[[["\nb: '{{{{{'\nc: 1 # [[[[[[\n# {{{{{{`, 3)).toBe(false);
  });

  it("an apostrophe inside a plain word does not hide brackets that follow", () => {
    expect(nestsDeeperThan("a: don't\nb: [[[[[", 3)).toBe(true);
    expect(nestsDeeperThan("a: it's [[[[[", 3)).toBe(true);
  });

  it("strings end at the end of their line", () => {
    expect(nestsDeeperThan("a: 'open\nb: [[[[[", 3)).toBe(true);
  });

  it("unbalanced closers do not go negative", () => {
    expect(nestsDeeperThan("]]]]]]" + "[[[", 3)).toBe(false);
  });
});
