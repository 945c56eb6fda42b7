import { describe, expect, it } from "vitest";
import { lineHashFor, lineHashes } from "../../src/report/line-hash.js";
import { cli, tempTree } from "../helpers.js";

// Expected values from github/codeql-action src/fingerprints.test.ts (values only).
const EMPTY = "c129715d7a2bc9a3:1";
const HELLO = [
  "e9496ae3ebfced30:1",
  "fb7c023a8b9ccb3f:1",
  "ce8ba1a563dcdaca:1",
  "e20e36e16fcb0cc8:1",
  "b3edc88f2938467e:1",
  "c8e28b0b4002a3a0:1",
  EMPTY,
];

describe("lineHashes (GitHub primaryLocationLineHash)", () => {
  it("hashes the empty input", () => {
    expect(lineHashes("")).toEqual([EMPTY]);
  });

  it("skips spaces and tabs", () => {
    expect(lineHashes(" a\nb\n  \t\tc\n d")).toEqual([
      "271789c17abda88f:1",
      "54703d4cd895b18:1",
      "180aee12dab6264:1",
      "a23a3dc5e078b07b:1",
    ]);
  });

  it("hashes a text without a trailing newline", () => {
    expect(lineHashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End")).toEqual([
      "8b7cf3e952e7aeb2:1",
      "b1ae1287ec4718d9:1",
      "bff680108adb0fcc:1",
      "c6805c5e1288b612:1",
      "b86d3392aea1be30:1",
      "e6ceba753e1a442:1",
    ]);
  });

  it.each([
    ["LF", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n"],
    ["CR", " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r"],
    ["CRLF", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n"],
    ["mixed", " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n"],
  ])("normalizes %s line endings", (_name, text) => {
    expect(lineHashes(text)).toEqual(HELLO);
  });

  it("numbers identical hashes in order", () => {
    expect(lineHashes("Lorem ipsum dolor sit amet.\n".repeat(10))).toEqual([
      "a7f2ff13bc495cf2:1",
      "a7f2ff13bc495cf2:2",
      "a7f2ff13bc495cf2:3",
      "a7f2ff13bc495cf2:4",
      "a7f2ff13bc495cf2:5",
      "a7f2ff13bc495cf2:6",
      "a7f2ff1481e87703:1",
      "a9cf91f7bbf1862b:1",
      "55ec222b86bcae53:1",
      "cc97dc7b1d7d8f7b:1",
      EMPTY,
    ]);
  });

  it("returns one hash per line as split(/\\r\\n|\\r|\\n/) counts them", () => {
    for (const text of ["x", "x\n", "\n\n", "a\r\nb\rc\n", "x".repeat(150), "a\n".repeat(250), "é 😀\t\n\u2028z"]) {
      expect(lineHashes(text)).toHaveLength(text.split(/\r\n|\r|\n/).length);
    }
  });

  it("only the next 100 non-blank characters matter", () => {
    const tail = "y".repeat(100);
    expect(lineHashes(`a\n${tail}1`)[0]).toBe(lineHashes(`a\n${tail}2`)[0]);
    expect(lineHashes(`a\n${"y".repeat(97)}1`)[0]).not.toBe(lineHashes(`a\n${"y".repeat(97)}2`)[0]);
    expect(lineHashes("a b\tc\n")).toEqual(lineHashes("abc\n"));
  });

  it("matches an independent vector (alpha/beta, from a third-party port)", () => {
    expect(lineHashes("alpha\nbeta\nalpha\n")).toEqual(["8d07ce75f7b3af45:1", "ca140c3f893ffa65:1", "26f09ff008857193:1", EMPTY]);
    expect(lineHashes(" a l p h a \r\n\tbeta\r\nalpha\r\n")).toEqual(lineHashes("alpha\nbeta\nalpha\n"));
  });

  it("agrees with a direct (non-rolling) BigInt evaluation of the definition", () => {
    // hash(line) = sum of w[j] * 37^(99-j) mod 2^64 over the 100-character window w.
    const direct = (text: string): string[] => {
      const stream: number[] = [];
      const starts = [0];
      const norm = text.replace(/\r\n?/g, "\n");
      for (const ch of norm.split("")) {
        const c = ch.charCodeAt(0);
        if (c === 32 || c === 9) continue;
        stream.push(c);
        if (c === 10) starts.push(stream.length);
      }
      stream.push(0xffff);
      const seen = new Map<string, number>();
      return starts.map((s) => {
        let h = 0n;
        for (let j = 0; j < 100; j++) h = BigInt.asUintN(64, h * 37n + BigInt(stream[s + j] ?? 0));
        const hex = h.toString(16);
        const n = (seen.get(hex) ?? 0) + 1;
        seen.set(hex, n);
        return `${hex}:${n}`;
      });
    };
    let seed = 7;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pieces = ["a", "Z", " ", "\t", "\n", "\r", "\r\n", "\uffff", "\ufffe", "😀", "é", "{", "}", "0"];
    for (let i = 0; i < 200; i++) {
      let text = "";
      const n = Math.floor(rand() * 400);
      for (let k = 0; k < n; k++) text += pieces[Math.floor(rand() * pieces.length)];
      expect(lineHashes(text), JSON.stringify(text)).toEqual(direct(text));
    }
  });

  it("lineHashFor picks one line, defaulting to the first", () => {
    const text = " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n";
    expect(lineHashFor(text, 2)).toBe(HELLO[1]);
    expect(lineHashFor(text, 7)).toBe(EMPTY);
    expect(lineHashFor(text, 0)).toBe(HELLO[0]);
    expect(lineHashFor(text, 99)).toBe(HELLO[0]);
    expect(lineHashFor("", 1)).toBe(EMPTY);
  });
});

describe("the SARIF report of many findings in one file", () => {
  // 1,000 servers of one file share a reference: 1,000 findings. Every finding's line hash was
  // computed by hashing the whole file again (20 s here; about a second now, as each file is hashed once).
  const servers = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`srv-${i}`, { command: "npx", args: ["-y", `@acme/pkg-${i}@1.0.0`], env: { API_TOKEN: "${SHARED_TOKEN}" } }]));
  const text = JSON.stringify({ mcpServers: servers }, null, 2);

  it("is written in time, each result with its own line's hash", async () => {
    const dir = tempTree({ ".mcp.json": text });
    // Modules loaded first (from the TypeScript sources), outside the timed run.
    await cli(["scan", ".", "--format", "sarif"], tempTree({ ".mcp.json": "{}" }));
    const t0 = performance.now();
    const r = await cli(["scan", ".", "--format", "sarif", "--fail-on", "none"], dir);
    const ms = performance.now() - t0;
    const results = (JSON.parse(r.stdout) as { runs: { results: { partialFingerprints: { primaryLocationLineHash: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] }).runs[0]?.results ?? [];
    expect(results).toHaveLength(1_000);
    const all = lineHashes(text);
    for (const res of results) expect(res.partialFingerprints.primaryLocationLineHash).toBe(all[(res.locations[0]?.physicalLocation.region.startLine ?? 0) - 1]);
    expect(ms, `the scan took ${Math.round(ms)} ms`).toBeLessThan(6_000);
  }, 60_000);
});
