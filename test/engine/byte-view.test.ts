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
});
