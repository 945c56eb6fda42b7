/**
 * The keyword pass's needle search in WebAssembly (over bytes) must give the
 * pairs of the JS search (over the text with one character per byte) exactly:
 * same needles, positions and order, whatever the bytes above ASCII are, when
 * its output fills and the scan goes on, at the very end of the input. And
 * the module must be the compile of its .wat source.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { byteSearchFor, makeByteSearch } from "../../src/secrets/needle-bytes.js";
import { buildNeedles, findNeedles } from "../../src/secrets/prefilter.js";
import { KEYWORD_NEEDLES, prefilterText } from "../../src/secrets/text-prefilter.js";
import { NEEDLE_SCAN_WASM } from "../../src/secrets/wasm/needle-scan-binary.js";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const js = (bytes: Uint8Array) => findNeedles(KEYWORD_NEEDLES, latin1(bytes));
const wasm = (bytes: Uint8Array, capacity?: number) => {
  const search = capacity === undefined ? byteSearchFor(KEYWORD_NEEDLES) : makeByteSearch(KEYWORD_NEEDLES, capacity);
  if (!search) throw new Error("no WebAssembly search");
  return [...search.find(bytes)];
};

/** Pieces that make needles, near-needles, case variants and non-ASCII bytes likely. */
const piece = fc.oneof(
  fc.constantFrom(...KEYWORD_NEEDLES.needles),
  fc.constantFrom(...KEYWORD_NEEDLES.needles).map((w) => w.toUpperCase()),
  fc.constantFrom(...KEYWORD_NEEDLES.needles).map((w) => w.slice(0, Math.max(2, w.length - 1))),
  fc.stringMatching(/^[A-Za-z0-9_:./~\-]{1,6}$/),
  fc.constantFrom(" ", "\n", "\r\n", '"', "=", "\x7f", "\x00"),
  fc.constantFrom([0xa0], [0xc3, 0xa9], [0xe2, 0x80, 0xa8], [0xff], [0x80, 0x80]).map((b) => Buffer.from(b).toString("latin1")),
);
const text = fc.array(piece, { maxLength: 60 }).map((xs) => Buffer.from(xs.join(""), "latin1"));

describe("needle search over bytes (WebAssembly)", () => {
  it("is the compile of needle-scan.wat", async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { compileNeedleScan } = (await import("../../scripts/build-wasm.mjs")) as { compileNeedleScan: () => Promise<string> };
    expect(await compileNeedleScan()).toBe(NEEDLE_SCAN_WASM);
  });

  it("runs here", () => {
    expect(byteSearchFor(KEYWORD_NEEDLES)).toBeDefined();
  });

  it("gives the JS search's pairs on generated texts", () => {
    fc.assert(
      fc.property(text, (bytes) => {
        expect(wasm(bytes)).toEqual(js(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same pairs when its output fills and the scan goes on", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 8, max: 40 }), (bytes, capacity) => {
        expect(wasm(bytes, capacity)).toEqual(js(bytes));
      }),
      { numRuns: 200 },
    );
    // Four buckets' worth of hits in a row, two pairs per call at most for the biggest bucket.
    const many = Buffer.from("secret_key token TOKEN pat pwd ".repeat(50), "latin1");
    const biggest = Math.max(...KEYWORD_NEEDLES.buckets.map((b) => b.length));
    expect(wasm(many, biggest)).toEqual(js(many));
    expect(js(many).length).toBeGreaterThan(400);
  });

  it("finds needles at the ends of the input, and nothing in inputs under two bytes", () => {
    for (const s of ["pat", "PAT", "q~", "xq~", "eyj", "://", "secret", "x secret_key", ""]) {
      const bytes = Buffer.from(s, "latin1");
      expect(wasm(bytes), s).toEqual(js(bytes));
    }
    expect(wasm(Buffer.from("q~", "latin1")).length).toBe(2);
    expect(wasm(Buffer.from("p", "latin1"))).toEqual([]);
  });

  it("treats every byte above ASCII alike and as no needle character", () => {
    // A two-character bucket ("q~") followed by non-ASCII, and needles broken by non-ASCII bytes.
    const bytes = Buffer.from([0x71, 0x7e, 0xa0, 0x70, 0x61, 0xe9, 0x74, 0x6b, 0x65, 0x79, 0xff]);
    expect(wasm(bytes)).toEqual(js(bytes));
    expect(wasm(bytes).filter((_, i) => i % 2 === 0).map((id) => KEYWORD_NEEDLES.needles[id])).toEqual(["q~", "key"]);
  });

  it("leaves to the JS search the sets it cannot hold", () => {
    expect(makeByteSearch(buildNeedles(["ab\x7fc", "token"]).set)).toBeUndefined();
    const pairs: string[] = [];
    for (let a = 97; a < 123 && pairs.length < 300; a++) for (let b = 97; b < 123 && pairs.length < 300; b++) pairs.push(String.fromCharCode(a, b, 120));
    expect(makeByteSearch(buildNeedles(pairs).set)).toBeUndefined();
    expect(makeByteSearch(buildNeedles(pairs.slice(0, 254)).set)).toBeDefined();
    // Within 254 buckets, one needle list per bucket and third character: 85 x 3 lists are too many.
    const thirds = (buckets: number) => pairs.slice(0, buckets).flatMap((p) => ["x", "y", "z"].map((c) => p.slice(0, 2) + c));
    expect(makeByteSearch(buildNeedles(thirds(85)).set)).toBeUndefined();
    const fits = makeByteSearch(buildNeedles(thirds(84)).set);
    expect(fits).toBeDefined();
    const bytes = Buffer.from("aax abY ABZ acq ac", "latin1");
    expect([...(fits as { find(b: Uint8Array): Int32Array }).find(bytes)]).toEqual(findNeedles(buildNeedles(thirds(84)).set, latin1(bytes)));
  });
});

describe("the keyword pass with bytes", () => {
  it("gives the hits of the pass over the text (byte views included)", () => {
    fc.assert(
      fc.property(text, (bytes) => {
        // The reader's byte view shows 0xA0 as U+00A1; the bytes keep 0xA0.
        const view = latin1(bytes).replaceAll("\u00a0", "\u00a1");
        expect(prefilterText(view, { oneByte: bytes })).toEqual(prefilterText(view));
      }),
      { numRuns: 300 },
    );
  });

  it("gives the hits of the pass over the text from its UTF-8 bytes (positions in UTF-16 units)", () => {
    // Characters of every UTF-8 length, astral ones (two UTF-16 units) among them, around keywords.
    const wide = fc.constantFrom("é", "Р", "—", "中", "…", "\u00a0", "\u3000", "😀", "𝒜", "\u2028");
    const utf8Text = fc.array(fc.oneof(piece.filter((p) => /^[\x00-\x7f]*$/.test(p)), wide), { maxLength: 60 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(utf8Text, (text) => {
        expect(prefilterText(text, { utf8: Buffer.from(text, "utf8") })).toEqual(prefilterText(text));
      }),
      { numRuns: 300 },
    );
    const text = "😀 token = é secret_key 中 pat";
    expect(prefilterText(text, { utf8: Buffer.from(text, "utf8") }).candidates).toEqual([text.indexOf("token")]);
  });

  it("converts positions across long gaps (counted in 4 KB blocks) as across short ones", () => {
    const wide = fc.constantFrom("é", "中", "😀", "\u00a0", " token=", " secret_key ", "\n");
    const long = fc.constantFrom("x".repeat(5000), "é".repeat(2500) + "y".repeat(3000), "😀".repeat(1100), "a".repeat(4095) + "中");
    const utf8Text = fc.array(fc.oneof(wide, long), { maxLength: 12 }).map((xs) => xs.join(""));
    fc.assert(
      fc.property(utf8Text, (text) => {
        expect(prefilterText(text, { utf8: Buffer.from(text, "utf8") })).toEqual(prefilterText(text));
      }),
      { numRuns: 200 },
    );
  });

  it("searches the text when the bytes are not as long as it", () => {
    const hits = prefilterText("token=abc", { oneByte: Buffer.from("nothing", "latin1") });
    expect(hits.candidates).toEqual([0]);
    // UTF-8 bytes that cannot be the text's (fewer bytes than characters).
    expect(prefilterText("x token=abc", { utf8: Buffer.from("nothing", "latin1") }).candidates).toEqual([2]);
  });

  describe("without WebAssembly (node --jitless)", () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.resetModules();
    });
    it("falls back to the JS search", async () => {
      vi.stubGlobal("WebAssembly", undefined);
      vi.resetModules();
      const fresh = await import("../../src/secrets/text-prefilter.js");
      const bytes = Buffer.from("const apiToken = 'x'; // secret_key", "latin1");
      expect(fresh.prefilterText(latin1(bytes), { oneByte: bytes })).toEqual(prefilterText(latin1(bytes)));
      const freshBytes = await import("../../src/secrets/needle-bytes.js");
      expect(freshBytes.byteSearchFor(fresh.KEYWORD_NEEDLES)).toBeUndefined();
    });
  });
});
