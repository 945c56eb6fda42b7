/**
 * The file reader, as the scan uses it: with an fstat before the read (files
 * named by the user, user-level files whose mode matters) and without one for
 * files the walk listed (`walked`), which must give the same text, the same
 * size-cap note and the same encodings, whatever the size of the file.
 */
import * as fs from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
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

describe("byte view", () => {
  // Every character above ASCII that JavaScript's `\s` matches (U+00A0, U+2028, U+3000 ...).
  const spaces = Array.from({ length: 0xffff - 0x80 }, (_, i) => String.fromCharCode(0x80 + i)).filter((c) => /\s/.test(c) && !/[\ud800-\udfff]/.test(c));
  const dir = tempTree(Object.fromEntries([...spaces.map((c, i) => [`space${i}.txt`, `machine${c}h login u password p\nkey = "é"\n`]), ["accented.txt", `key = "é${"\u00e0"}"\n`]]));

  it("is given only for text without a space above ASCII: the analysis of a view relies on it", () => {
    expect(spaces.length).toBeGreaterThanOrEqual(17);
    const read = makeReader(undefined, { byteView: true });
    spaces.forEach((c, i) => {
      const r = read(path.join(dir, `space${i}.txt`), `space${i}.txt`);
      expect(r.ok && r.exact, `U+${c.charCodeAt(0).toString(16)}`).toBeUndefined();
    });
    const accented = read(path.join(dir, "accented.txt"), "accented.txt");
    expect(accented.ok && typeof accented.exact).toBe("function");
  });
});

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

  describe("planned reads (a batch read ahead, then taken one by one)", () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 90; i++) many[`m/${String(i).padStart(3, "0")}.txt`] = sized(((i * 7919) % 40) * KB + (i % 3));
    const tree = tempTree({ ...files, ...many, "logo.png": "not read", "gone.txt": "deleted before the read" });
    fs.writeFileSync(path.join(tree, "bom16.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("héllo\n", "utf16le")]));
    fs.mkdirSync(path.join(tree, "dir.txt"));
    // Sizes that fill the 2 MB batch in the middle of a file, a file over the cap, errors, a skipped name.
    const order = [...Object.keys(many).slice(0, 40), "f1048576.txt", "f204800.txt", "f2097152.txt", "logo.png", "gone.txt", "dir.txt", "utf8.txt", "bom16.txt", ...Object.keys(many).slice(40), "f0.txt", "f1.txt", "f65535.txt"];
    const list = order.map((rel) => ({ abs: path.join(tree, rel), rel }));
    // Open descriptors, where the system lists them (Linux); elsewhere those checks are skipped.
    const listsFds = fs.existsSync("/proc/self/fd");
    const openFds = () => (listsFds ? fs.readdirSync("/proc/self/fd").length : 0);
    const same = (a: ReturnType<ReturnType<typeof makeReader>>, b: ReturnType<ReturnType<typeof makeReader>>, rel: string) => {
      if (!b.ok) return expect(a, rel).toEqual(b);
      expect(a.ok, rel).toBe(true);
      if (!a.ok) return;
      expect({ text: a.text, bytes: a.bytes, notes: a.notes, exact: a.exact?.(), oneByte: a.oneByte && Buffer.from(a.oneByte).toString("latin1") }, rel).toEqual({ text: b.text, bytes: b.bytes, notes: b.notes, exact: b.exact?.(), oneByte: b.oneByte && Buffer.from(b.oneByte).toString("latin1") });
    };

    it.each([64 * KB, 1024 * KB, 2048 * KB, 100 * 1024 * KB])("give what single reads give, under a cap of %d bytes, and leave no file open", (cap) => {
      fs.rmSync(path.join(tree, "gone.txt"), { force: true });
      const before = openFds();
      const planned = makeReader(cap, { walked: true, byteView: true });
      const single = makeReader(cap, { walked: true, byteView: true });
      planned.plan(list);
      for (const f of list) same(planned(f.abs, f.rel), single(f.abs, f.rel), f.rel);
      expect(openFds()).toBe(before);
      // Out of order: a later file first, then from the start; then one file left unread.
      planned.plan(list);
      const late = list[60] as { abs: string; rel: string };
      same(planned(late.abs, late.rel), single(late.abs, late.rel), late.rel);
      for (const f of list.slice(0, 50)) same(planned(f.abs, f.rel), single(f.abs, f.rel), f.rel);
      planned.close();
      expect(openFds()).toBe(before);
      // A batch that ends inside a file (the batch holds 2 MB, or one file at the cap) keeps that
      // file open until it is taken, or dropped. (Under a 1 MB cap the 2 MB file is over it, and
      // its first 256 KB make the reader ask its size and close it at once: the next test.)
      if (![64 * KB, 2048 * KB].includes(cap) || !listsFds) return;
      const small = list[1] as { abs: string; rel: string };
      planned.plan([small, { abs: path.join(tree, "f2097152.txt"), rel: "f2097152.txt" }]);
      planned(small.abs, small.rel);
      expect(openFds()).toBe(before + 1);
      planned.close();
      expect(openFds()).toBe(before);
    });

    it("a file over the cap is skipped after its first 256 KB, by its size, not read to the cap", () => {
      const cjsFs = createRequire(import.meta.url)("node:fs") as typeof fs;
      const real = cjsFs.readSync;
      let bytesRead = 0;
      cjsFs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
        const n = (real as (...a: unknown[]) => number)(...args);
        bytesRead += n;
        return n;
      }) as typeof fs.readSync;
      syncBuiltinESMExports();
      try {
        const planned = makeReader(1024 * KB, { walked: true });
        const big = { abs: path.join(tree, "f2097152.txt"), rel: "f2097152.txt" };
        planned.plan([big]);
        const r = planned(big.abs, big.rel);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.diagnostic.message).toBe(`f2097152.txt: ${2048 * KB} bytes is over the size limit of ${1024 * KB} bytes (--max-file-size); skipped`);
        expect(bytesRead).toBe(256 * KB);
        // At the end of a batch (less room left than the probe): its size is asked when it is taken.
        fs.writeFileSync(path.join(tree, "fill1.txt"), sized(1024 * KB));
        fs.writeFileSync(path.join(tree, "fill2.txt"), sized(900 * KB));
        const filler = ["fill1.txt", "fill2.txt"].map((rel) => ({ abs: path.join(tree, rel), rel }));
        planned.plan([...filler, big]);
        for (const f of filler) planned(f.abs, f.rel);
        bytesRead = 0;
        expect(planned(big.abs, big.rel).ok).toBe(false);
        expect(bytesRead).toBe(0);
      } finally {
        cjsFs.readSync = real;
        syncBuiltinESMExports();
      }
    });

    it("read ahead: the files after the one asked for are read before it is taken", () => {
      const planned = makeReader(2048 * KB, { walked: true });
      planned.plan(list.slice(0, 5));
      const first = planned((list[0] as { abs: string }).abs, (list[0] as { rel: string }).rel);
      expect(first.ok).toBe(true);
      // Changed on disk after the batch was read: the reader gives what it read ahead.
      const second = list[1] as { abs: string; rel: string };
      const was = fs.readFileSync(second.abs, "latin1");
      fs.writeFileSync(second.abs, "changed\n");
      try {
        expect(planned(second.abs, second.rel)).toMatchObject({ ok: true, text: was });
      } finally {
        fs.writeFileSync(second.abs, was, "latin1");
        planned.close();
      }
    });
  });
});
