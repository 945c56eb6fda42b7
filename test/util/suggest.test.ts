/** "Did you mean": edit distance with transpositions, and the nearest command within a small distance. */
import { describe, expect, it } from "vitest";
import { editDistance, similarCommand } from "../../src/util/suggest.js";

describe("similarCommand", () => {
  it("counts an adjacent transposition as one edit", () => {
    expect(editDistance("scna", "scan")).toBe(1);
    expect(editDistance("inventroy", "inventory")).toBe(1);
    expect(editDistance("", "lock")).toBe(4);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("suggests the nearest name within one edit (short names) or two (longer ones), never the word itself", () => {
    const names = ["scan", "inventory", "lock"];
    expect(similarCommand("scna", names)).toBe("scan");
    expect(similarCommand("SCAN", names)).toBe("scan");
    expect(similarCommand("invntry", names)).toBe("inventory");
    expect(similarCommand("lck", names)).toBe("lock");
    expect(similarCommand("docs", names)).toBeUndefined();
    expect(similarCommand("src", names)).toBeUndefined();
    expect(similarCommand("scan", names)).toBeUndefined();
  });
});
