/**
 * The bounded memo behind classifyKey and the keyword pass's name check. Its
 * keys are slices of file texts; a stored slice must not keep the file's text
 * alive (a whole scan's peak memory grew with the tree because of that).
 */
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { describe, expect, it } from "vitest";
import { boundedMemo } from "../../src/secrets/memo.js";

/** The collector, exposed at run time (the same process, no flag at start). */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

describe("boundedMemo", () => {
  it("computes once per key and forgets everything past its bound", () => {
    const calls: string[] = [];
    const memo = boundedMemo((k) => {
      calls.push(k);
      return k.length;
    }, 2);
    expect([memo("ab"), memo("ab"), memo("abc")]).toEqual([2, 2, 3]);
    expect(calls).toEqual(["ab", "abc"]);
    memo("abcd"); // third key: the memo was full, starts again with this one
    memo("ab");
    expect(calls).toEqual(["ab", "abc", "abcd", "ab"]);
  });

  it("remembers undefined (most names are no credential) and falsy values", () => {
    let calls = 0;
    const memo = boundedMemo((k): string | undefined | false => {
      calls++;
      return k === "a" ? undefined : k === "b" ? false : k;
    }, 8);
    expect([memo("a"), memo("a"), memo("b"), memo("b"), memo("c"), memo("c")]).toEqual([undefined, undefined, false, false, "c", "c"]);
    expect(calls).toBe(3);
  });

  it("does not keep the texts its keys were sliced from", () => {
    const gc = collector();
    const memo = boundedMemo((k) => k.length, 8192);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 64; i++) {
      // A 1 MB text of its own each time; the key is a slice long enough to be a view into it in V8.
      const text = `${"x".repeat(1 << 20)} authorizationHeaderNumber${i} = 1`;
      const at = text.indexOf("authorization");
      expect(memo(text.slice(at, at + 27 + String(i).length))).toBe(27 + String(i).length);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 64 texts of 1 MB would be kept by views; the 64 keys themselves take a few kilobytes.
    expect(grown).toBeLessThan(16 * 1024 * 1024);
  });
});
