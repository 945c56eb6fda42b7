/** lastPathSegment: a path's last segment over either separator, without splitting the whole path. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastPathSegment } from "../../src/util/path-segment.js";

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
    const t0 = performance.now();
    for (let i = 0; i < 50; i++) lastPathSegment("\\".repeat(100_000) + "x");
    // A split and pop made 50 arrays of 100,001 strings (~1 s); the searches from the end take microseconds.
    expect(performance.now() - t0).toBeLessThan(100);
  });
});
