import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keepDisjoint } from "../../src/util/disjoint-spans.js";

/** The definition: each span kept when it overlaps no span kept before it. */
function naive<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  const kept: T[] = [];
  for (const s of spans) if (!kept.some((k) => s.start < k.end && k.start < s.end)) kept.push(s);
  return kept;
}

const span = fc.tuple(fc.nat(40), fc.nat(8)).map(([start, len]) => ({ start, end: start + len }));

describe("keepDisjoint", () => {
  it("keeps what the one-by-one definition keeps, in the same order (property)", () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 40 }), (spans) => {
        expect(keepDisjoint(spans)).toEqual(naive(spans));
      }),
      { numRuns: 3000 },
    );
  });

  it("spans that only touch are both kept; a span inside a kept one is not", () => {
    const a = { start: 0, end: 5 };
    const b = { start: 5, end: 9 };
    const inside = { start: 2, end: 3 };
    expect(keepDisjoint([a, b, inside])).toEqual([a, b]);
  });

  it("100,000 spans in time (each asks the one kept span that can overlap it)", () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => ({ start: i * 10, end: i * 10 + 5 }));
    const t0 = performance.now();
    expect(keepDisjoint(spans)).toHaveLength(100_000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
