/**
 * The secret scan of a large text in pieces (src/secrets/pieces.ts): it may
 * say "nothing here" only when scanText over the whole text finds nothing.
 * Generated texts put credential lines of every kind the scan knows (keys,
 * flags with their value on the next line, `name:`/`value:` pairs, URLs with
 * passwords, Authorization values, provider tokens run at their keywords,
 * over the whole text and over windows, tokens whose validator reads around
 * them) among noise lines and blank lines, cut into pieces of a few hundred
 * bytes so that every kind falls on a piece's edge.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/secrets/index.js";
import { isLineLocal, lookbehindReach } from "../../src/secrets/line-local.js";
import { MAX_PIECE_CHARS, quietInPieces } from "../../src/secrets/pieces.js";
import { PROVIDERS } from "../../src/secrets/providers/index.js";
import { pieceSafe, WINDOW_THRESHOLD } from "../../src/secrets/scan-providers.js";
import { fakeAwsAccessKeyId, fakeGitHubToken, fakeOpaqueKey } from "../../src/rules/fake-secrets.js";

/** An opaque value with a digit (a value of letters only reads as a word, not a secret). */
const value = (seed: string, length: number) => `${fakeOpaqueKey(seed, length - 2)}7q`;
const ascii = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));
const awsSecret = (seed: string) => fakeOpaqueKey(seed, 18) + "/" + fakeOpaqueKey(seed + "b", 12) + "+" + fakeOpaqueKey(seed + "c", 8);
const twilioKey = (seed: string) => "S" + "K" + Buffer.from(fakeOpaqueKey(seed, 16)).toString("hex").slice(0, 32);

const noise = fc.oneof(
  fc.stringMatching(/^[ -~]{0,60}$/),
  fc.constantFrom("", "   ", "\t", "const x = 1;", "// key handling", "function token() { return next(); }", "passive = true", "keyboard: qwerty", "value: 3", "name: PATH"),
);
const credential = fc.oneof(
  fc.constantFrom(`password = "${value("pw", 16)}x9"`, `  apiKey: "${value("ak", 32)}"`, `export DB_PASSWORD=${value("db", 14)}7`),
  fc.constantFrom(`  - --token`, `  - --api-key`),
  fc.constantFrom(`  - ${value("flag", 32)}`),
  fc.constantFrom(`  - name: CLIENT_SECRET`, `    value: "${value("val", 30)}"`),
  fc.constantFrom(`url: "https://admin:${value("url", 14)}@db.example.test/x"`, `Authorization: Bearer ${value("bearer", 40)}`),
  fc.constantFrom(`const GITHUB_TOKEN = "${fakeGitHubToken("ghp", "pieces")}"`, `gh ${fakeGitHubToken("gho", "pieces")}`),
  // Run over the whole text (or windows): the keyword and the token on different lines.
  fc.constantFrom(`aws_secret_access_key = ${awsSecret("a")}`, `# aws credentials`, `${awsSecret("b")}`, `id ${fakeAwsAccessKeyId("p")}`, `key ${twilioKey("t")}`, "sk0", "twilio"),
  fc.constantFrom("machine example.test login me password " + value("netrc", 16), "db.example.test:5432:app:me:" + value("pg", 16)),
  // A fallback of a reference: `${NAME:-fallback}`.
  fc.constantFrom(`GITHUB_TOKEN=\${GITHUB_TOKEN:-${fakeGitHubToken("ghp", "fallback")}}`, `  url: https://\${HOST:-example.test}/mcp`),
);
/** Every provider rule's true-positive samples (some span lines: key blocks, service-account JSON). */
const samples = fc.constantFrom(...PROVIDERS.flatMap((r) => r.samples.tp));
const blank = " ".repeat(150);
/** Lines whose finding needs a line more than PIECE_CONTEXT away, or text past the end of a long line. */
const spread = fc.constantFrom(
  `  - name: CLIENT_SECRET\n${blank}\n${blank}\n${blank}\n${blank}\n${blank}\n${blank}\n    value: "${value("far", 30)}"`,
  `${"x".repeat(350)} ${awsSecret("long")}\nid ${fakeAwsAccessKeyId("long")}`,
  `machine example.test login me\n${"# padding\n".repeat(40)}  password ${value("netrc2", 16)}`,
);
const line = fc.oneof({ weight: 8, arbitrary: noise }, { weight: 2, arbitrary: credential }, { weight: 1, arbitrary: samples }, { weight: 1, arbitrary: spread });
/** A first line that changes how the whole text is read: a `.pgpass` entry (whose password is no finding itself), a `.netrc` entry. */
const head = fc.constantFrom("", "db.example.test:5432:app:me:x\n", "machine example.test login me\n");
/** Tails whose finding depends on the first line (a `.pgpass` entry, a `.netrc` password). */
const tail = fc.constantFrom("", `\ndb2.example.test:5432:app:me:${value("pg2", 16)}`, `\n  password ${value("netrc3", 16)}`);
const mixed = fc.tuple(head, fc.array(line, { minLength: 1, maxLength: 60 }), tail).map(([h, ls, t]) => h + ls.join("\n") + t);
/** One credential unit (or none) among noise: where it alone decides, a piece that misses it shows. */
const single = fc
  .tuple(head, fc.array(noise, { maxLength: 120, size: "max" }), fc.option(fc.oneof(credential, samples, spread), { freq: 3 }), fc.array(noise, { maxLength: 120, size: "max" }), tail)
  .map(([h, before, unit, after, t]) => h + [...before, ...(unit === null ? [] : [unit]), ...after].join("\n") + t);
const text = fc.oneof(mixed, single);

describe("quietInPieces", () => {
  it("says 'nothing' only when the whole-text scan finds nothing, wherever the pieces cut", () => {
    let quiet = 0;
    let found = 0;
    fc.assert(
      fc.property(text, fc.integer({ min: 16, max: 600 }), fc.boolean(), (t, pieceBytes, code) => {
        const whole = scanText(t, { code });
        const q = quietInPieces(ascii(t), { code, pieceBytes });
        if (q) quiet++;
        if (whole.length > 0) found++;
        if (q) expect(whole).toEqual([]);
      }),
      { numRuns: 1000, seed: 20261126 },
    );
    // Both sides were exercised.
    expect(quiet).toBeGreaterThan(100);
    expect(found).toBeGreaterThan(300);
  });

  it("judges a text over the window threshold by the windows around each keyword", () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `const item${i} = compute(${i}); // padding line`).join("\n");
    const clean = `${filler(4000)}\n# aws_secret_access_key is read from the environment\n${filler(4000)}\n`;
    expect(clean.length).toBeGreaterThan(WINDOW_THRESHOLD);
    expect(scanText(clean)).toEqual([]);
    expect(quietInPieces(ascii(clean), { code: false })).toBe(true);
    // The keyword far before the value (another piece, inside its window); a key ID beside the value.
    const dirty = `${filler(4000)}\n# aws_secret_access_key is read from the environment\n${filler(400)}\nkeys ${fakeAwsAccessKeyId("w")} ${awsSecret("w")}\n${filler(3600)}\n`;
    expect(scanText(dirty).map((m) => m.detector)).toContain("aws-secret-access-key");
    expect(quietInPieces(ascii(dirty), { code: false })).toBe(false);
  });

  it("gives up on lines too long for small strings, and on pieces its check refuses", () => {
    const longLine = "x".repeat(MAX_PIECE_CHARS + 10);
    expect(quietInPieces(ascii(`a\n${longLine}\nb\n`), { code: false })).toBe(false);
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join("\n");
    expect(quietInPieces(ascii(text), { code: false })).toBe(true);
    expect(quietInPieces(ascii(text), { code: false, check: (t) => !t.includes("line 4321") })).toBe(false);
  });

  it("leaves a text to the whole scan when it meets a rule whose matches span lines", () => {
    const pem = PROVIDERS.find((r) => r.id === "private-key-pem")?.samples.tp[0] ?? "";
    expect(pem.split("\n").length).toBeGreaterThan(3);
    const padding = Array.from({ length: 200 }, (_, i) => `line ${i}`).join("\n");
    const t = `${padding}\n${pem}\n${padding}\n`;
    expect(scanText(t).map((m) => m.detector)).toContain("private-key-pem");
    // Pieces far shorter than the key block: no piece holds all of it.
    expect(quietInPieces(ascii(t), { code: false, pieceBytes: 64 })).toBe(false);
  });

  it("reads a byte view's 0xA0 as U+00A1, as read.ts does", () => {
    // `password = "ab<0xA0>cd..."`: as a no-break space the value would split; as U+00A1 it is one value.
    const bytes = new Uint8Array([...Buffer.from('password = "Zq81Xv'), 0xc3, 0xa0, ...Buffer.from('Lp09Kd77Wm"\n')]);
    expect(quietInPieces(bytes, { code: false })).toBe(false);
  });
});

describe("the provider rules and the pieces", () => {
  it("takes a rule only when its pattern is line-local with a bounded lookbehind and its validator's reach is known", () => {
    for (const [i, rule] of PROVIDERS.entries()) {
      const readsText = rule.validate !== undefined && rule.validate.length >= 2;
      expect(pieceSafe(i), rule.id).toBe(isLineLocal(rule.pattern) && lookbehindReach(rule.pattern) !== Infinity && (!readsText || rule.contextChars !== undefined));
      // A validator that reads around its match says how far (else the pieces cannot take its rule).
      if (readsText) expect(rule.contextChars, rule.id).toBeGreaterThan(0);
    }
    // Most rules are taken: the pieces are worth it only if few files meet a rule they cannot judge.
    expect(PROVIDERS.filter((_, i) => pieceSafe(i)).length).toBeGreaterThan(PROVIDERS.length * 0.9);
  });

  it("line-local: patterns that can see past a line end are not", () => {
    expect(isLineLocal(/(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/)).toBe(true);
    expect(isLineLocal(/[^"\n]{3}/)).toBe(true);
    expect(isLineLocal(/[^\s:@]+@/)).toBe(true);
    expect(isLineLocal(/^key=/m)).toBe(true);
    for (const re of [/a\sb/, /[^"]+/, /[\s\S]{4}/, /a.b/s, /^key=/, /end$/, /[\t-\r]/, /[\x00-\x7f]/, /a\nb/, /\p{L}/u, /a(?=\s*:)/, /[\u0000-\u00ff]/]) expect(isLineLocal(re), String(re)).toBe(false);
  });

  it("lookbehind reach: the characters a lookbehind reads, unbounded with quantifiers", () => {
    expect(lookbehindReach(/abc/)).toBe(0);
    expect(lookbehindReach(/(?<![A-Za-z0-9_-])x/)).toBe(1);
    expect(lookbehindReach(/(?<=ab\]c)x(?<!q)/)).toBe(4);
    expect(lookbehindReach(/(?<=a+)x/)).toBe(Infinity);
    expect(lookbehindReach(/(?<=a|bc)x/)).toBe(Infinity);
  });
});
