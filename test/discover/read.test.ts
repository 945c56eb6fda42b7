/**
 * The file reader, as the scan uses it: with an fstat before the read (files
 * named by the user, user-level files whose mode matters) and without one for
 * files the walk listed (`walked`), which must give the same text, the same
 * size-cap note and the same encodings, whatever the size of the file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { makeReader } from "../../src/discover/read.js";
import { tempTree } from "../helpers.js";

const KB = 1024;
/** Text of `n` bytes with a line structure and a marker at the end (a short read would lose it). */
const sized = (n: number) => {
  const line = "const value = 'abcdefghijklmnopqrstuvwxyz0123456789';\n";
  return (line.repeat(Math.ceil(n / line.length)).slice(0, n - 4) + "END\n").slice(0, n);
};

describe("reader", () => {
  const sizes = [0, 1, 64 * KB - 1, 64 * KB, 64 * KB + 1, 200 * KB, 1024 * KB, 2048 * KB];
  const files: Record<string, string> = Object.fromEntries(sizes.map((n) => [`f${n}.txt`, sized(n)]));
  files["utf8.txt"] = `${"é".repeat(40 * KB)} Grüße\n`;
  files["bom16.txt"] = "";
  const dir = tempTree(files);
  fs.writeFileSync(path.join(dir, "bom16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("héllo\n", "utf16le")]));

  it.each([1024 * KB, 2048 * KB, 100 * 1024 * KB])("walked and stat'ed reads agree under a cap of %d bytes", (cap) => {
    const walked = makeReader(cap, { walked: true });
    const statted = makeReader(cap);
    // The same readers for every file, in an order that grows and shrinks the scratch buffer.
    for (const rel of [...Object.keys(files), ...Object.keys(files).reverse()]) {
      const abs = path.join(dir, rel);
      const a = walked(abs, rel);
      const b = statted(abs, rel);
      if (b.ok) {
        expect(a.ok, rel).toBe(true);
        if (!a.ok) continue;
        expect(a.text, rel).toBe(b.text);
        expect(a.bytes, rel).toBe(b.bytes);
        expect(a.mode, rel).toBeUndefined();
        expect(b.mode, rel).toBeTypeOf("number");
        if (rel.startsWith("f")) expect(a.text.length, rel).toBe(Number(rel.slice(1, -4)));
      } else {
        expect(a, rel).toEqual(b);
        expect(b.diagnostic.message).toMatch(/^f\d+\.txt: \d+ bytes is over the size limit of \d+ bytes \(--max-file-size\); skipped$/);
      }
    }
    expect(statted(path.join(dir, "bom16.txt"), "bom16.txt")).toMatchObject({ ok: true, text: "héllo\n" });
  });

  it("a walked file of exactly the cap is read whole; one byte more is over it, with the real size", () => {
    const read = makeReader(64 * KB, { walked: true });
    expect(read(path.join(dir, `f${64 * KB}.txt`), "a")).toMatchObject({ ok: true, bytes: 64 * KB });
    const over = read(path.join(dir, `f${200 * KB}.txt`), "b");
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.diagnostic.message).toBe(`b: ${200 * KB} bytes is over the size limit of ${64 * KB} bytes (--max-file-size); skipped`);
  });
});
