/**
 * Provider patterns that start with their keyword run only at the keyword
 * pass's positions (a sticky regex per position) instead of over the whole
 * text. That must give exactly the matches of a run over the whole text, for
 * every rule it applies to, on the rules' own samples and on generated texts
 * that pack keywords, near-tokens and tokens together (overlaps, adjacent
 * tokens, prefixes of other tokens, texts above the window threshold).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROVIDERS } from "../../src/secrets/providers/index.js";
import { scanProviders, startsWithKeyword } from "../../src/secrets/scan-providers.js";
import type { ProviderRule } from "../../src/secrets/types.js";
import { prefilterText } from "../../src/secrets/text-prefilter.js";

const rule = (pattern: RegExp, keywords: string[]): ProviderRule => ({ id: "t", title: "t", pattern, keywords, confidence: "high", samples: { tp: [], fp: [] } });
const both = (text: string) => {
  const hits = prefilterText(text).rules;
  return { atPositions: scanProviders(text, hits), global: scanProviders(text, hits, { global: true }) };
};

describe("which rules run at keyword positions", () => {
  it.each([
    [/(?<![A-Za-z0-9_-])(?<secret>pat[A-Za-z0-9]{14}\.[a-f0-9]{64})(?![A-Za-z0-9_-])/, ["pat"], true],
    [/(?<![A-Za-z])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/i, ["accountkey="], true],
    [/(?<secret>ya29\.[A-Za-z0-9_-]{50,2000})/, ["ya29."], true],
    [/(?<secret>tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})/, ["tvly-"], true],
    // Alternatives (at the top or in a group that must occur) each open with a keyword.
    [/(?<secret>ntn_[A-Za-z0-9]{46}|secret_[A-Za-z0-9]{43})/, ["ntn_", "secret_"], true],
    [/(?<secret>(?:AKIA|ASIA)[A-Z2-7]{16})/, ["akia", "asia"], true],
    [/(?:datadog|dd_api)[\w.-]{0,40}?=(?<secret>[a-f0-9]{32})/i, ["datadog", "dd_api"], true],
    // An alternative that does not lets a match start elsewhere.
    [/(?<secret>abc[0-9]{4})|xyz[0-9]{4}/, ["abc"], false],
    [/(?<secret>(?:AKIA|ABCD)[A-Z2-7]{16})/, ["akia"], false],
    // A class that must occur: each of its characters after the literal (SK0 ... SKf).
    [/(?<![A-Za-z0-9])(?<secret>SK[0-9a-fA-F]{32})/, [..."0123456789abcdef"].map((c) => `sk${c}`), true],
    [/(?<secret>SK[0-9a-g]{32})/, [..."0123456789abcdef"].map((c) => `sk${c}`), false],
    // A class or group that may be absent ends the opening.
    [/(?<secret>SK[0-9a-f]*x)/, [..."0123456789abcdef"].map((c) => `sk${c}`), false],
    [/(?<secret>(?:AKIA)?[A-Z2-7]{16})/, ["akia"], false],
    // A quantified last character may be absent: the literal is only "pa".
    [/(?<secret>pat?[A-Za-z0-9]{14})/, ["pat"], false],
    // The keyword is not where the match starts.
    [/(?<secret>[0-9a-f]{32}-us\d{1,2})/, ["-us1"], false],
    [/(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]{64,}?-----END)/, ["private key-----"], false],
    // A one-character keyword is not searched by the keyword pass.
    [/(?<secret>q~[A-Za-z0-9]{30})/, ["q"], false],
    // An escaped letter is a class (\d), not a literal.
    [/(?<secret>\d{8}:AA[A-Za-z0-9_-]{33})/, [":aa"], false],
  ] as const)("%s %j -> %s", (pattern, keywords, expected) => {
    expect(startsWithKeyword(rule(pattern, [...keywords]))).toBe(expected);
  });

  it("a keyword that counts only in capitals opens a match only in a pattern that needs it in capitals", () => {
    const capital = (pattern: RegExp): ProviderRule => ({ ...rule(pattern, ["akia"]), capitalKeywords: ["akia"] });
    expect(startsWithKeyword(capital(/(?<secret>AKIA[A-Z2-7]{16})/))).toBe(true);
    expect(startsWithKeyword(capital(/(?<secret>AKIA[A-Z2-7]{16})/i))).toBe(false);
    expect(startsWithKeyword(capital(/(?<secret>akia[A-Z2-7]{16})/))).toBe(false);
  });

  it("the catalog's prefixed token formats do (so the speed-up does not silently vanish)", () => {
    const anchored = new Set(PROVIDERS.filter(startsWithKeyword).map((r) => r.id));
    for (const id of ["airtable-pat", "mailgun-api-key", "github-pat-classic", "jwt", "google-api-key", "npm-access-token", "notion-integration-token", "aws-access-key-id", "twilio-api-key", "datadog-api-key", "mistral-api-key"]) expect(anchored.has(id), id).toBe(true);
    for (const id of ["aws-secret-access-key", "mailchimp-api-key", "private-key-pem", "sentry-dsn", "exa-api-key"]) expect(anchored.has(id), id).toBe(false);
  });
});

describe("running at keyword positions gives the whole-text matches", () => {
  const anchored = PROVIDERS.filter(startsWithKeyword);
  const samples = anchored.flatMap((r) => [...r.samples.tp, ...r.samples.fp]);

  it("on every anchored rule's samples, alone and packed together", () => {
    for (const s of samples) {
      const { atPositions, global } = both(s);
      expect(atPositions, s).toEqual(global);
    }
    const packed = [samples.join(""), samples.join("\n"), samples.join(" "), samples.map((s) => s.replace(/[^A-Za-z0-9]/g, "")).join("")];
    for (const text of packed) {
      const { atPositions, global } = both(text);
      expect(atPositions).toEqual(global);
    }
    // The comparison is not empty: one token per line is found by both.
    expect(both(samples.join("\n")).global.length).toBeGreaterThan(20);
  });

  it("a keyword inside an earlier match starts no second match, as in a whole-text run", () => {
    // PuTTY's first line takes any text, so a second header can sit inside the first match.
    const putty = PROVIDERS.find((r) => r.id === "private-key-putty");
    const sample = putty?.samples.tp[0] ?? "";
    const nested = `PuTTY-User-Key-File-3: ${sample}`;
    const { atPositions, global } = both(nested);
    expect(global.filter((m) => m.detector === "private-key-putty")).toHaveLength(1);
    expect(atPositions).toEqual(global);
  });

  it("on generated texts of keywords, token pieces and separators (also above the window threshold)", () => {
    const tokens = anchored.flatMap((r) => r.samples.tp.map((s) => s.match(r.pattern)?.groups?.["secret"] ?? "")).filter(Boolean);
    const keywords = anchored.flatMap((r) => r.keywords);
    const piece = fc.oneof(
      fc.constantFrom(...tokens),
      fc.constantFrom(...keywords),
      fc.constantFrom(...keywords).map((k) => k.toUpperCase()),
      fc.constantFrom(...tokens).chain((t) => fc.integer({ min: 1, max: t.length - 1 }).map((n) => t.slice(0, n))),
      fc.stringMatching(/^[A-Za-z0-9_.=-]{1,20}$/),
      fc.constantFrom(" ", "\n", '"', "=", ":", "-", "_", "."),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 60 }), fc.boolean(), (pieces, large) => {
        const body = pieces.join("");
        const text = large ? `${"x ".repeat(140_000)}${body}\n${body}` : body;
        const { atPositions, global } = both(text);
        expect(atPositions).toEqual(global);
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});

/**
 * Keywords that count only in capitals (ProviderRule.capitalKeywords): a
 * rule whose pattern needs the token's prefix in capitals finds with the
 * capital hits alone all that it finds over the whole text.
 */
describe("keywords that count only in capitals", () => {
  const capital = PROVIDERS.map((r, i) => ({ r, i })).filter(({ r }) => r.capitalKeywords?.length);
  const index = (id: string) => PROVIDERS.findIndex((r) => r.id === id);

  it("are keywords of their rule, and the rules that have them are known", () => {
    for (const { r } of capital) for (const k of r.capitalKeywords ?? []) expect(r.keywords, r.id).toContain(k);
    expect(capital.map(({ r }) => r.id)).toEqual(["aws-access-key-id", "aws-secret-access-key", "x-bearer-token"]);
  });

  it("in other letters do not run the rule (place names in time zone and locale data)", () => {
    const rules = prefilterText("Asia/Tokyo, Slovakia, Eurasia, akia, Acca").rules;
    for (const { i } of capital) expect(rules.has(i)).toBe(false);
    const upper = prefilterText("id ASIA and AKIA").rules;
    for (const id of ["aws-access-key-id", "aws-secret-access-key"]) expect(upper.get(index(id))).toEqual([3, 12]);
  });

  it("an X bearer token's run of 21 capital A's runs its rule; the same run in small letters (hex, base64 of zeros) does not", () => {
    const x = index("x-bearer-token");
    expect(prefilterText(`key: ${"a".repeat(21)}`).rules.has(x)).toBe(false);
    expect(prefilterText(`key: ${"A".repeat(21)}`).rules.get(x)).toEqual([5]);
  });

  it("an access key id's rule finds, from its capital hits, every match of its pattern over the whole text", () => {
    const id = index("aws-access-key-id");
    const rule = PROVIDERS[id] as ProviderRule;
    const tokens = rule.samples.tp.map((s) => s.match(rule.pattern)?.groups?.["secret"] ?? "").filter(Boolean);
    const cased = fc.tuple(fc.constantFrom(...rule.keywords), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })).map(([k, up]) => [...k].map((c, j) => (up[j] ? c.toUpperCase() : c)).join(""));
    const piece = fc.oneof(
      fc.constantFrom(...tokens),
      cased,
      cased.map((k) => k + "ABCDEFGHIJKLMNOP".slice(0, 16)),
      fc.stringMatching(/^[A-Z2-7a-z0-9]{1,20}$/),
      fc.constantFrom(" ", "\n", '"', "=", ":", "/"),
    );
    let found = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const gated = scanProviders(text, prefilterText(text).rules).filter((m) => m.detector === rule.id);
        const whole = scanProviders(text, new Map([[id, [0]]]), { global: true });
        expect(gated).toEqual(whole);
        found += whole.length;
      }),
      { numRuns: 400, seed: 20261126 },
    );
    expect(found).toBeGreaterThan(50);
  });

  it("a secret access key counts near a capital access key id, not near a place name", () => {
    const rule = PROVIDERS[index("aws-secret-access-key")] as ProviderRule;
    const secret = rule.samples.tp.find((s) => s.startsWith("User name,"))?.split(",").pop()?.trim() ?? "";
    expect(secret).toHaveLength(40);
    expect(scanProviders(`region: Asia/Tokyo\nkey: ${secret}\n`).filter((m) => m.detector === rule.id)).toEqual([]);
    const id = ["ABIA", "QWERTYUIOPASDFGH"].join("");
    expect(scanProviders(`id: ${id}\nkey: ${secret}\n`).filter((m) => m.detector === rule.id).map((m) => m.secret)).toEqual([secret]);
  });
});
