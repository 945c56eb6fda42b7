/**
 * The one-byte view of non-ASCII UTF-8 files (discover/read.ts byteView,
 * engine/analyze-source.ts): whatever a file holds, analysing it through the
 * view gives exactly the analysis of the decoded text. Generated files mix
 * credential lines (keys, Authorization and Bearer values, URLs with
 * passwords, provider tokens) with non-ASCII characters of every UTF-8 length,
 * including those whose bytes contain 0xA0 and the non-ASCII spaces.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { makeReader } from "../../src/discover/read.js";
import { analyzeSource, prepareAnalysis } from "../../src/engine/analyze-source.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { parsedTrees } from "../../src/parse/typescript.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-view-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NON_ASCII = ["é", "à", "Р", "ü", "ß", "😀", "堠", "中文", "—", "“", "”", "…", "\u00a0", "\u2003", "\u3000", "\u2028", "\u202f", "\ufeff", "©"];
const token = fakeGitHubToken("ghp", "view");
const word = fc.oneof(
  fc.constantFrom(...NON_ASCII),
  fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/),
  fc.constantFrom(" ", " = ", ": ", '"', "'", ",", ";", "\t"),
);
const credential = fc.oneof(
  fc.tuple(fc.constantFrom("password", "apiKey", "DB_PASSWORD", "client_secret", "token"), fc.constantFrom(" = ", ": ", "=", " : "), fc.array(fc.oneof(fc.constantFrom(...NON_ASCII), fc.stringMatching(/^[A-Za-z0-9]{1,6}$/)), { minLength: 2, maxLength: 6 })).map(([k, op, v]) => `${k}${op}"${v.join("")}Xy9"`),
  fc.constantFrom(...NON_ASCII).map((sp) => `Authorization:${sp}Bearer${sp}Zx81Lq02Vb93Kd74Hs65`),
  fc.constantFrom(...NON_ASCII).map((sp) => `const GITHUB_TOKEN${sp}= "${token}"`),
  fc.constantFrom(...NON_ASCII).map((c) => `url: "https://user:P${c}ss9w0rdZq@db.example.test/x"`),
);
const line = fc.oneof({ weight: 3, arbitrary: fc.array(word, { maxLength: 12 }).map((ws) => ws.join("")) }, { weight: 1, arbitrary: credential });
const file = fc.tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom("src/a.js", "notes.md", "conf/app.env", "x.txt"));

describe("byte view", () => {
  it("gives the analysis of the decoded text for any mix of non-ASCII characters and credential lines", () => {
    const exact = makeReader();
    const view = makeReader(undefined, { byteView: true });
    const prep = prepareAnalysis({});
    let n = 0;
    fc.assert(
      fc.property(file, ([lines, rel]) => {
        const abs = path.join(dir, `f${n++}-${path.basename(rel)}`);
        fs.writeFileSync(abs, `é\n${lines.join("\n")}\n`);
        const a = analyzeSource({ abs, rel }, exact, prep);
        const b = analyzeSource({ abs, rel }, view, prep);
        expect(b).toEqual(a);
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it("parses MCP code with non-ASCII characters once, on its decoded text, with the decoded text's analysis", () => {
    const abs = path.join(dir, "server.ts");
    fs.writeFileSync(abs, 'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n// Notes — “server”\nconst server = new McpServer({ name: "notes", version: "1.0.0" });\nserver.tool("add_note", "Adds a note — é", async () => ({ content: [] }));\n');
    const prep = prepareAnalysis({});
    const parsed: number[] = [];
    const count = parsedTrees.parsed;
    parsedTrees.parsed = (chars) => {
      parsed.push(chars);
      count(chars);
    };
    try {
      const a = analyzeSource({ abs, rel: "src/server.ts" }, makeReader(), prep);
      expect(parsed).toHaveLength(1);
      const b = analyzeSource({ abs, rel: "src/server.ts" }, makeReader(undefined, { byteView: true }), prep);
      expect(parsed).toHaveLength(2);
      expect(b).toEqual(a);
      expect(b.analysis?.servers.map((s) => s.name)).toEqual(["notes"]);
    } finally {
      parsedTrees.parsed = count;
    }
  });

  it("gives the decoded text's analysis for credential values made of any mix of scripts", () => {
    // Values whose length and entropy differ in characters and in UTF-8 bytes: accented letters,
    // Cyrillic, CJK, emoji, digits and ASCII letters, under keys, flags, URLs and headers.
    const exact = makeReader();
    const view = makeReader(undefined, { byteView: true });
    const prep = prepareAnalysis({});
    const ch = fc.constantFrom("é", "à", "è", "ù", "â", "ê", "ç", "ü", "ö", "Ж", "я", "中", "文", "😀", "1", "2", "7", "x", "a", "Z", "Q");
    const value = fc.array(ch, { minLength: 3, maxLength: 16 }).map((cs) => cs.join(""));
    const layout = fc.constantFrom(
      (v: string) => `DB_PASSWORD="${v}"`,
      (v: string) => `api_token: ${v}`,
      (v: string) => `args:\n  - --password\n  - ${v}`,
      (v: string) => `env:\n  - name: CLIENT_SECRET\n    value: "${v}"`,
      (v: string) => `url: "https://admin:${v}@db.example.test/x"`,
      (v: string) => `Authorization: Bearer ${v}${v}`,
      (v: string) => `password = '${v}' # ${v}`,
    );
    let n = 0;
    fc.assert(
      fc.property(value, layout, fc.constantFrom("notes.txt", "conf/app.env", "src/a.js", "deploy.yaml"), (v, make, rel) => {
        const abs = path.join(dir, `mix${n++}-${path.basename(rel)}`);
        fs.writeFileSync(abs, `é\n${make(v)}\n`);
        expect(analyzeSource({ abs, rel }, view, prep)).toEqual(analyzeSource({ abs, rel }, exact, prep));
      }),
      { numRuns: 1000, seed: 20261126 },
    );
  });

  it("finds credentials of accented letters that the view's bytes would judge otherwise (entropy, repeat counts)", () => {
    // Each value is over the password check's entropy bar in characters and under it in UTF-8 bytes.
    const exact = makeReader();
    const view = makeReader(undefined, { byteView: true });
    const prep = prepareAnalysis({});
    const values = ["àâöàççxa", "àèxâêàààZü", "aZüZâèèêâ"];
    values.forEach((v, i) => {
      for (const [rel, text] of [
        [`pw${i}.txt`, `# settings\nDB_PASSWORD="${v}"\n`],
        [`pw${i}.yaml`, `args:\n  - --password\n  - ${v}\n`],
        [`pw${i}-env.txt`, `env:\n  - name: DB_PASSWORD\n    value: "${v}"\n`],
        // The name two lines up, past a blank line: only the value's line holds non-ASCII.
        [`pw${i}-gap.txt`, `env:\n  - name: DB_PASSWORD\n\n    value: "${v}"\n`],
      ] as const) {
        const abs = path.join(dir, rel);
        fs.writeFileSync(abs, text);
        const a = analyzeSource({ abs, rel }, exact, prep);
        expect(analyzeSource({ abs, rel }, view, prep), rel).toEqual(a);
        expect(a.analysis?.secrets.length, rel).toBe(1);
      }
    });
    // A provider's repeat counts characters: 60 of them here, over 100 bytes in the view.
    const django = path.join(dir, "settings.py");
    fs.writeFileSync(django, `# é\nSECRET_KEY = "aàù*üü17(é&(Zmöêk24ùêêЖkù-%k0ùZüùük4üö4p3Ж&=éê4éàùé($üt"\n`);
    const d = analyzeSource({ abs: django, rel: "settings.py" }, exact, prep);
    expect(analyzeSource({ abs: django, rel: "settings.py" }, view, prep)).toEqual(d);
    expect(d.analysis?.secrets.map((x) => x.detector)).toEqual(["django-secret-key"]);
    // Far apart, two groups of non-ASCII candidate lines are checked one by one: the first holds it.
    const abs = path.join(dir, "pw-two.txt");
    fs.writeFileSync(abs, `DB_PASSWORD="${values[0]}"\n${"plain line\n".repeat(4_000)}api_token = "é"\n`);
    const a = analyzeSource({ abs, rel: "pw-two.txt" }, exact, prep);
    expect(analyzeSource({ abs, rel: "pw-two.txt" }, view, prep)).toEqual(a);
    expect(a.analysis?.secrets.length).toBe(1);
  });

  describe("at the analysis's length limits, counted in characters of the text, not bytes of the view", () => {
    const exact = makeReader(8 * 1024 * 1024);
    const view = makeReader(8 * 1024 * 1024, { byteView: true });
    const prep = prepareAnalysis({});
    const both = (rel: string, text: string) => {
      const abs = path.join(dir, `limit-${path.basename(rel)}`);
      fs.writeFileSync(abs, text);
      const a = analyzeSource({ abs, rel }, exact, prep);
      expect(analyzeSource({ abs, rel }, view, prep)).toEqual(a);
      return a.analysis;
    };
    const secretLine = 'password = "Xk2Lw9Vb7Tn4Hs6Jd1"';

    it("examines a line of more than 64 KB that has fewer than 64 K characters", () => {
      // 40,000 two-byte characters: 80,000 bytes in the view, 40,000 characters in the text.
      const a = both("notes.txt", `intro\n${"é".repeat(40_000)} ${secretLine}\nend\n`);
      expect(a?.secrets.map((s) => s.detector)).toEqual(["generic-password"]);
    });

    it("at the cap exactly: a line of 64 K characters and one byte more is examined, one of 64 K + 1 characters is not", () => {
      const line = (chars: number) => `é${"x".repeat(chars - 2 - secretLine.length)} ${secretLine}`;
      expect(line(65_536).length).toBe(65_536);
      expect(both("notes.txt", `intro\n${line(65_536)}\nend\n`)?.secrets.map((s) => s.detector)).toEqual(["generic-password"]);
      expect(both("notes.txt", `intro\n${line(65_537)}\nend\n`)?.secrets).toEqual([]);
    });

    it("skips, as the text does, a line that is over the cap in characters too", () => {
      const a = both("notes.txt", `intro\n${"é".repeat(1_000)}${"x".repeat(70_000)} ${secretLine}\nend\n`);
      expect(a?.secrets).toEqual([]);
    });

    it("parses MCP code of more than 1,000,000 bytes that has fewer characters", () => {
      const code = [
        'import { Client } from "@modelcontextprotocol/sdk/client/index.js";',
        'import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";',
        'const transport = new StreamableHTTPClientTransport(new URL("https://wiki.example.com/mcp"));',
        'const client = new Client({ name: "wiki-agent", version: "1.0.0" });',
        "await client.connect(transport);",
      ].join("\n");
      // ~1.2 MB of UTF-8 in a comment, ~600,000 characters; nothing else in the file to find.
      const a = both("src/agent.ts", `${code}\n/* ${"é".repeat(600_000)} */\n`);
      expect(a?.file.format).not.toBe("text");
      expect(a?.servers.length).toBeGreaterThan(0);
      expect(a?.secrets).toEqual([]);
    });

    it("scans a text of more than 256 KB that has fewer characters whole, as the text is scanned", () => {
      // Over 256 KB the provider scan looks only near its keywords; this token sits 220 KB of the
      // view (110,000 characters of the text) after its rule's keyword. Built here: not a real token.
      let seed = 7;
      const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      const random = (n: number) => Array.from({ length: n }, () => chars[((seed = (seed * 1103515245 + 12345) % 2 ** 31) >>> 12) % 64]).join("");
      const token = `MT${random(24)}.${random(6)}.${random(38)}`;
      const a = both("notes.txt", `discord bot\n${"é".repeat(110_000)}\nsee ${token}\n${"é".repeat(30_000)}\n`);
      expect(a?.secrets.map((s) => s.detector)).toEqual(["discord-bot-token"]);
    });
  });
});
