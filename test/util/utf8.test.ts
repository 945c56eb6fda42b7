import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf16Length } from "../../src/util/utf8.js";

describe("utf16Length", () => {
  it("is the length of the decoded text, for any text and any range between characters", () => {
    const piece = fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("a".repeat(5000), "é", "中文", "😀", "\u0800", "\uffff", "x".repeat(4095)));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join("");
        const bytes = Buffer.from(text, "utf8");
        expect(utf16Length(bytes)).toBe(Buffer.from(bytes).toString("utf8").length);
        // A range between two piece boundaries (character boundaries in the bytes).
        const edges = [0];
        for (const p of pieces) edges.push((edges[edges.length - 1] as number) + Buffer.byteLength(p, "utf8"));
        const [i, j] = [a % edges.length, b % edges.length].sort((x, y) => x - y) as [number, number];
        const s = edges[i] as number;
        const e = edges[j] as number;
        expect(utf16Length(bytes, s, e)).toBe(bytes.subarray(s, e).toString("utf8").length);
      }),
      { numRuns: 1000 },
    );
  });
});
