import { describe, expect, it } from "vitest";
import { PROVIDERS, detectInValue, scanText } from "../../src/secrets/index.js";

const FILLERS = ["a", "0", "-", "_", "=", "A", ".", "/", "+", " ", ":", "\\n", "x1"];
const SIZE = 100 * 1024;

describe("linear time on adversarial input", () => {
  it("compiled patterns are reused (no per-call compilation)", () => {
    // A rule's RegExp object is data; the engine compiles a g/d copy once at load.
    for (const p of PROVIDERS) expect(p.pattern).toBeInstanceOf(RegExp);
  });

  it("each provider pattern finishes within 200 ms on keyword + 100 KB of repeated characters", () => {
    const slow: string[] = [];
    for (const p of PROVIDERS) {
      const re = new RegExp(p.pattern.source, p.pattern.flags.replace("g", "") + "g");
      for (const kw of p.keywords) {
        for (const fill of FILLERS) {
          const text = kw + fill.repeat(Math.ceil(SIZE / fill.length));
          const t0 = performance.now();
          re.lastIndex = 0;
          while (re.exec(text) !== null) {
            /* drain */
          }
          const ms = performance.now() - t0;
          if (ms > 200) slow.push(`${p.id} kw=${kw} fill=${JSON.stringify(fill)} ${ms.toFixed(0)}ms`);
        }
      }
    }
    expect(slow).toEqual([]);
  });

  it("scanText stays fast on adversarial and repeated-keyword inputs", () => {
    const inputs: string[] = [];
    for (const fill of FILLERS) inputs.push(fill.repeat(SIZE / fill.length));
    const allKeywords = PROVIDERS.flatMap((p) => p.keywords).join(" ");
    inputs.push((allKeywords + " ").repeat(Math.ceil(SIZE / allKeywords.length)));
    inputs.push(("API_KEY=" + "a".repeat(60) + "\n").repeat(SIZE / 70));
    inputs.push("token: " + "a1".repeat(SIZE)); // one very long line: generic skipped, providers run
    inputs.push(("https://u:" + "p".repeat(40) + "@h/?token=" + "z".repeat(40) + "\n").repeat(1000));
    for (const text of inputs) {
      const t0 = performance.now();
      scanText(text);
      detectInValue(text.slice(0, 20000), { key: "API_KEY", source: "env" });
      const ms = performance.now() - t0;
      expect(ms, `${JSON.stringify(text.slice(0, 30))}… took ${ms.toFixed(0)} ms`).toBeLessThan(1500);
    }
  });

  it("a minified line of thousands of { value: \"...\" } objects: each value's key is looked for once, not over the whole line", () => {
    // Each `value` asks what names it (a flow mapping's key before it, the line above): the ask read
    // the whole line before it, and the line above, once per value. Eight 60 KB lines took ~5 s.
    let line = "";
    for (let i = 0; line.length < 60_000; i++) line += `o${i}={value:"k${i}"},`;
    const text = Array.from({ length: 8 }, () => line).join("\n") + "\n";
    const t0 = performance.now();
    scanText(text, { code: true });
    const ms = performance.now() - t0;
    expect(ms, `took ${ms.toFixed(0)} ms`).toBeLessThan(2000);
  });

  it("scans a 1 MB realistic config quickly", () => {
    const block = `{\n  "mcpServers": {\n    "github": {\n      "command": "npx",\n      "args": ["-y", "@modelcontextprotocol/server-github"],\n      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_TOKEN}", "LOG_LEVEL": "debug" }\n    }\n  }\n}\n`;
    const text = block.repeat(Math.ceil((1024 * 1024) / block.length));
    const t0 = performance.now();
    const ms0 = scanText(text);
    const ms = performance.now() - t0;
    console.log(`[secrets perf] 1 MB config scanned in ${ms.toFixed(0)} ms`);
    expect(ms0).toEqual([]);
    expect(ms).toBeLessThan(3000);
  });
});
