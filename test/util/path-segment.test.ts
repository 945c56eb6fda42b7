/** lastPathSegment: a path's last segment over either separator, without splitting the whole path. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastPathSegment } from "../../src/util/path-segment.js";
import { costRatio } from "../helpers.js";

describe("lastPathSegment", () => {
  it("is the last element of a split on either separator", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("/", "\\", "a", "npx", ".exe", " ", "C:"), { maxLength: 12 }).map((xs) => xs.join("")), (p) => {
        expect(lastPathSegment(p)).toBe(p.split(/[\\/]/).pop());
      }),
    );
    expect(lastPathSegment("C:\\Program Files\\nodejs\\npx.cmd")).toBe("npx.cmd");
    expect(lastPathSegment("/usr/local/bin/uvx")).toBe("uvx");
    expect(lastPathSegment("docker")).toBe("docker");
  });

  it("reads a path of 100,000 separators without an array of its segments", () => {
    const long = "\\".repeat(100_000) + "x";
    // Timed against the split and pop it replaced (an array of 100,001 strings), in the same run:
    // a timed limit failed under heavy load. The search from the end takes a small part of it.
    const ratio = costRatio(() => long.split(/[\\/]/).pop(), () => lastPathSegment(long), 0.2);
    expect(ratio, `x${ratio.toFixed(3)}`).toBeLessThan(0.2);
  });
});
