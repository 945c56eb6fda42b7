/**
 * Regexes from scanned files are compiled so that V8's linear-time engine can
 * take over a runaway backtrack (untrusted-regex.ts): as written when it can,
 * else rewritten without the `i` flag and with repeat counts written out, else
 * refused. The rewrite must match exactly what the original matches: the
 * property tests compare every match (index, text, groups) of the original
 * and of the rewrite on random strings; for a pattern with lookarounds, asked
 * only whether it matches (secrets.allow, Amp rules, Next.js matchers), the
 * bounded matcher's answer is compared with V8's. The catastrophic cases are
 * run in a child process in test/hostile/custom-pattern-redos.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileUntrusted, untrustedTest } from "../../src/util/untrusted-regex.js";

/** Every match of a global regex: index, text, groups. */
const matches = (re: RegExp, s: string) => [...s.matchAll(re)].map((m) => [m.index, ...m, JSON.stringify(m.groups)]);

/** The compiled form of a pattern that must be rewritten (not compiled as written). */
function rewritten(source: string, flags: string): RegExp {
  const r = compileUntrusted(source, flags);
  if (!r.ok) throw new Error(r.message);
  expect([r.re.source, r.re.flags], "rewritten").not.toEqual([source, flags]);
  return r.re;
}

/** Characters near the patterns' letters, their other cases, non-ASCII letters that fold or nearly fold, and line breaks. */
const ALPHABET = [..."aAbBcCdDeEfFgGhHkKsSxXzZ_-#!019 \n\t\\", "\u00e9", "\u00c9", "\u017f", "\u212a", "\u0130", "\u0131", "\u0001", "\u0008", "\ud83d"];
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.constantFrom("acme_" + "a1".repeat(20), "sk-" + "AbCd".repeat(10), "ghp_" + "x".repeat(36), "ab".repeat(25), "Ghp_AbC"),
);

function sameMatches(cases: readonly (readonly [string, string])[]) {
  for (const [source, flags] of cases) {
    const original = new RegExp(source, `g${flags}`);
    const re = rewritten(source, `g${flags}`);
    fc.assert(
      fc.property(text, (s) => {
        expect(matches(re, s), `${original} vs ${re} on ${JSON.stringify(s)}`).toEqual(matches(original, s));
      }),
      { numRuns: 300 },
    );
  }
}

describe("a pattern with the i flag is rewritten without it, with the same matches", () => {
  it("letters, classes, escapes, negated classes, groups and counted repeats", () => {
    sameMatches([
      ["^(\\w+)#$|(\\w+)-", "i"], // the original runs here with backtracking: nothing catastrophic
      ["acme_[a-z0-9]{4}", "i"],
      ["\\bsk-[A-F0-9]{2,18}\\b", "i"],
      ["[^a-f]+x", "i"],
      ["(?<tok>ghp_[A-Za-z]{3,})", "i"],
      ["\\x41\\u00e9[\\w-]\\cA\\101\\8\\k<n>", "i"],
      ["[\\b\\cJ\\c_]|\\c_x|\\B\\w", "i"],
      ["(ab|cd){3}", "i"],
      ["z{2,20}?k", "i"],
      ["[k-z]+\\d\\D\\s\\S\\W", "i"],
      ["[^\\W_]e\\u00c9|\\u212a|\\u017f", "i"],
      ["^a.b$", "ims"],
    ]);
  });
});

describe("a pattern with repeat counts past the linear engine's limit is rewritten with the counts written out, with the same matches", () => {
  it("fixed counts (a group's captures from the last copy), ranges, open ranges, lazy repeats", () => {
    sameMatches([
      ["(ab){20}", ""],
      ["((a)|b){17}", ""],
      ["(?:a|b){2,20}", ""],
      ["(?:ab|a){3,18}?b", ""],
      ["(?:a|b){2,20}?[ab]|[ab]{17,}?b", ""],
      ["[a-c]{17,}x", ""],
      ["x{0,20}y|(?:z{4}){5}", ""],
      ["acme_([a-z0-9]{32})", ""],
    ]);
  });
});

/** Code points that the `u` flag reads otherwise: a surrogate pair (one character with `u`), lone halves, and BMP letters. */
const WIDE = ["\ud83d\ude00", "\ud83d", "\ude00", "\u00e9", "\u212a", "a", "b", "k", "_", "#", "!", " ", "\n", "1"];
const wideText = fc.string({ unit: fc.constantFrom(...WIDE), maxLength: 40 });
/** Word characters around a pair or a lone half: `\\B` holds inside the pair without u only. */
const AROUND_PAIRS = ["a\ud83d\ude00b", "\ud83d\ude00", "k\ud83db", "a\ude00_", "\u00e9\ud83d\ude00\ud83d\ude001"];

describe("a pattern with the u flag runs without it where u changes no match (the linear engine takes no u)", () => {
  it("ASCII and BMP characters, classes, \\d \\w \\s \\b, anchors, groups, counted repeats: the same matches as with u", () => {
    for (const source of ["^ghp_[A-Za-z0-9]+$", "(a+)+$", "\\bk_\\d{2,20}\\b|(?<t>[a-z_]+)#", "\\u00e9+[\\x00-\\x7f\\u0100-\\ud7ff]", "^(?:\\w+\\s?)+!$"]) {
      const r = compileUntrusted(source, "gu");
      expect(r.ok && r.re.flags, source).toBe("g");
      if (!r.ok) continue;
      const original = new RegExp(source, "gu");
      fc.assert(
        fc.property(wideText, (s) => {
          expect(matches(r.re, s), `${original} on ${JSON.stringify(s)}`).toEqual(matches(original, s));
        }),
        { numRuns: 300 },
      );
      const t = untrustedTest(source, "u");
      expect(t.ok).toBe(true);
      if (t.ok) fc.assert(fc.property(wideText, (s) => t.test(s) === new RegExp(source, "u").test(s)), { numRuns: 300 });
    }
  });

  it("the patterns it keeps u on are those where u changes a match: generated patterns, checked against V8 with and without u", () => {
    const atoms = ["a", "k", "_", "#", "\\w", "\\d", "\\s", "[a-k]", "\\u00e9", "[\\u0000-\\uffff]", "\\ud83d", ".", "[^a]", "\\S", "\\W", "\\b", "\\B", "^", "$"];
    const piece = fc.tuple(fc.constantFrom(...atoms), fc.constantFrom("", "+", "*", "?", "{2}")).map(([a, q]) => (/^[\^$]$|^\\[bB]$/.test(a) ? a : a + q));
    const pattern = fc.array(piece, { minLength: 1, maxLength: 5 }).map((xs) => xs.join(""));
    let dropped = 0;
    let kept = 0;
    fc.assert(
      fc.property(pattern, fc.array(wideText, { minLength: 8, maxLength: 8 }), (source, strings) => {
        const r = compileUntrusted(source, "u");
        if (!r.ok) return void kept++;
        if (r.re.flags.includes("u")) return;
        dropped++;
        for (const s of [...strings, ...AROUND_PAIRS]) expect(r.re.test(s), `${source} on ${JSON.stringify(s)}`).toBe(new RegExp(source, "u").test(s));
      }),
      { numRuns: 2000 },
    );
    // Both kinds were generated: the property is not vacuous.
    expect(dropped).toBeGreaterThan(100);
    expect(kept).toBeGreaterThan(100);
  });
});

describe("patterns the linear engine cannot run are refused with a message that does not quote them", () => {
  it.each([
    ["(a+)+$|(?=x)", "", "lookarounds"],
    ["(?<!x)(a+)+$", "", "lookarounds"],
    ["(a)\\1", "", "back-references"],
    ["(?<n>a)\\k<n>", "i", "back-references"],
    ["(.+)+$", "u", "the u flag on this pattern"],
    ["(a+)+\\B", "u", "the u flag on this pattern"],
    ["(k+)+$", "iu", "the u flag on this pattern"],
    ["(ab){2,20}", "", "repeat counts"],
  ])("%s /%s", (source, flags, part) => {
    const r = compileUntrusted(source, flags);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/^regular expression not accepted: V8's linear-time engine \(Node\.js [\d.]+\) does not run /);
    expect(r.message).toContain(part);
    expect(r.message).not.toContain(source);
  });

  it("patterns the engine takes are compiled as written (prefixes, classes, \\b, anchors, small counts, m s y g flags)", () => {
    for (const [source, flags] of [["\\bacme_[a-z0-9]{16}\\b", "g"], ["^ghp_0+$", "ms"], ["(?<key>x)|y{2,}", "y"]] as const) {
      const r = compileUntrusted(source, flags);
      expect(r.ok && [r.re.source, r.re.flags]).toEqual([source, flags]);
    }
  });
});

describe("a pattern with lookarounds, where only whether it matches is asked, is matched in bounded time with V8's answer", () => {
  it("lookaheads and lookbehinds, negative and positive, nested, with i, m, s, anchors, \\b and counted repeats", () => {
    const cases = [
      ["^\\/((?!api|_next\\/static|favicon\\.ico).*)$", ""],
      ["^(?!.*\\.).*$", "i"],
      ["(?<=ghp_)[a-z]{3}(?!x)", "i"],
      ["(?<!\\b[ab])c+(?=(?:a|b){2,20}$)", ""],
      ["^a(?=[^\\n]*b$)", "m"],
      ["(?=.)(?<=(?<!z)x.)\\B", "s"],
      ["(?:(?!ab)[a-z])+b{17}", ""],
      ["(?<=\\u00e9)k|(?=K)\\w", "i"],
    ] as const;
    for (const [source, flags] of cases) {
      expect(compileUntrusted(source, flags).ok, "not run by V8's engines").toBe(false);
      const original = new RegExp(source, flags);
      const r = untrustedTest(source, flags);
      if (!r.ok) throw new Error(r.message);
      fc.assert(
        fc.property(text, (s) => {
          expect(r.test(s), `${original} on ${JSON.stringify(s)}`).toBe(original.test(s));
        }),
        { numRuns: 300 },
      );
    }
  });

  it("finishes on a catastrophic pattern, and does not match a string past its length limit", () => {
    const r = untrustedTest("(a+)+(?=!)", "");
    expect(r.ok && [r.test(`${"a".repeat(250)}?`), r.test(`${"a".repeat(250)}!`), r.test(`${"a".repeat(300)}!`)]).toEqual([false, true, false]);
  });

  it("a pattern built to make the work large for each of many parts stops at its step budget (no match) in seconds, not minutes", () => {
    const r = untrustedTest(`${"(?:.{0,200}){0,200}".repeat(200)}(?=!)x`, "s");
    const started = Date.now();
    expect(r.ok && r.test("y".repeat(256))).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a back-reference is refused: its answer needs the captured text", () => {
    expect(untrustedTest("(a)(?=b)\\1", "")).toMatchObject({ ok: false, message: expect.stringContaining("does not run back-references") });
  });
});
