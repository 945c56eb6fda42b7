import { describe, expect, it } from "vitest";
import { PROVIDERS, detectInValue, scanText } from "../../src/secrets/index.js";
import { withBase62Crc32, validBase62Crc32Token } from "../../src/secrets/checksum.js";
import { Fake } from "../../src/secrets/fake.js";

describe("provider catalog", () => {
  it("has at least 60 providers with unique kebab-case ids", () => {
    expect(PROVIDERS.length).toBeGreaterThanOrEqual(60);
    const ids = PROVIDERS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    for (const id of ids) expect(id.startsWith("generic-")).toBe(false);
  });

  it("every rule has lowercase keywords, a title, and tp and fp samples", () => {
    for (const p of PROVIDERS) {
      expect(p.keywords.length, p.id).toBeGreaterThan(0);
      for (const k of p.keywords) expect(k, p.id).toBe(k.toLowerCase());
      expect(p.title.length, p.id).toBeGreaterThan(0);
      expect(p.samples.tp.length, p.id).toBeGreaterThan(0);
      expect(p.samples.fp.length, p.id).toBeGreaterThan(0);
    }
  });

  const cases = PROVIDERS.flatMap((p) => [
    ...p.samples.tp.map((s, i) => ({ id: p.id, kind: "tp" as const, i, s })),
    ...p.samples.fp.map((s, i) => ({ id: p.id, kind: "fp" as const, i, s })),
  ]);

  it.each(cases)("$id $kind[$i]", ({ id, kind, s }) => {
    const hits = scanText(s).filter((m) => m.detector === id);
    if (kind === "tp") {
      expect(hits.length, `${id} should detect its sample`).toBeGreaterThan(0);
      for (const h of hits) {
        expect(s.slice(h.start, h.end)).toBe(h.secret);
        expect(h.secret.length).toBeGreaterThanOrEqual(8);
      }
    } else {
      expect(hits, `${id} must not fire on its fp sample`).toEqual([]);
    }
  });

  it("each tp sample is also found through detectInValue when given as a bare value", () => {
    for (const p of PROVIDERS) {
      for (const s of p.samples.tp) {
        const m = /^([A-Z][A-Z0-9_]*)=(.+)$/s.exec(s);
        if (!m) continue;
        const [, key, value] = m;
        const hits = detectInValue(value ?? "", { key: key ?? "", source: "env" });
        expect(hits.some((h) => h.detector === p.id), `${p.id} via detectInValue`).toBe(true);
        for (const h of hits) expect((value ?? "").slice(h.start, h.end)).toBe(h.secret);
      }
    }
  });
});

describe("checksummed tokens", () => {
  const body = new Fake("checksum-test").alnum(30);
  const good = withBase62Crc32(body);
  const bad = good.slice(0, -2) + (good.slice(-2) === "zz" ? "yy" : "zz");

  it("validates the base62 CRC32 suffix", () => {
    expect(validBase62Crc32Token("ghp_" + good, 4)).toBe(true);
    expect(validBase62Crc32Token("ghp_" + bad, 4)).toBe(false);
  });

  for (const [prefix, id] of [
    ["ghp_", "github-pat-classic"],
    ["gho_", "github-oauth-token"],
    ["ghu_", "github-user-to-server-token"],
    ["ghs_", "github-server-to-server-token"],
    ["ghr_", "github-refresh-token"],
    ["npm_", "npm-access-token"],
  ] as const) {
    it(`${id}: a corrupted checksum is not that provider`, () => {
      expect(scanText(`TOKEN=${prefix}${good}`).some((m) => m.detector === id)).toBe(true);
      const wrong = scanText(`TOKEN=${prefix}${bad}`);
      expect(wrong.some((m) => m.detector === id)).toBe(false);
      // It may still be reported as a generic credential, at lower confidence.
      for (const m of wrong) expect(m.detector.startsWith("generic-")).toBe(true);
    });
  }

  it("classic PATs carry a no-expiry lifetime", () => {
    const [m] = scanText(`GITHUB_TOKEN=ghp_${good}`);
    expect(m?.lifetime).toEqual({ kind: "no-expiry", note: expect.any(String) });
  });
});

describe("JWT lifetime", () => {
  it("decodes exp and iat", () => {
    const enc = (o: object): string => Buffer.from(JSON.stringify(o)).toString("base64url");
    const token = `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ sub: "svc-41", iat: 1700000000, exp: 1900000000 })}.${new Fake("jwt").b64url(43)}`;
    const [m] = detectInValue(`Bearer ${token}`, { key: "Authorization", source: "header" });
    expect(m?.detector).toBe("jwt");
    expect(m?.lifetime).toEqual({ kind: "jwt", exp: 1900000000, iat: 1700000000 });
    expect(m?.start).toBe(7);
  });
});
