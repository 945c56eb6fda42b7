/**
 * The kinds of candidate lines (secrets/text-prefilter.ts LINE_FULL,
 * LINE_VALUE, LINE_URL): a line whose only line word is `value` is examined
 * only under a credential `name:` line, one with only a URL only by the URL
 * checks. These tests check that the narrowing never changes what the
 * generic checks report: the same matches as with every line examined whole.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayAssign, scanGeneric } from "../../src/secrets/generic.js";
import { classifyKey } from "../../src/secrets/keys.js";
import { LINE_AUTH, LINE_BEARER, LINE_FULL, LINE_URL, LINE_VALUE, prefilterText } from "../../src/secrets/text-prefilter.js";

/** The generic checks with every candidate line examined whole (no line kinds). */
function wholeLines(text: string, quotedOnly = false) {
  const { candidates, netrc } = prefilterText(text);
  return scanGeneric(text, { candidates, netrc }, quotedOnly);
}

const VALUE = "Zq8xW3rT9LmN2pVb7Kc";
/**
 * A name whose unquoted value the assignment check cuts at 2,000 characters
 * just after `PASSWORD` (the line's own word there is `PASSWORDx`, no
 * credential word): the cut name is a password name, and the `value` after
 * it is reported. Such long lines are examined whole.
 */
const TRUNCATED_NAME = `name: ${"Ab9-".repeat(498)}PASSWORDx, value: ${VALUE}`;
describe("candidate line kinds", () => {
  it.each([
    ["const value = compute(x);", [LINE_VALUE]],
    ["const apiKey = x; // value", [LINE_FULL]],
    ["see https://example.test/docs", [LINE_URL]],
    ["value: https://user:pw@example.test", [LINE_VALUE | LINE_URL]],
    ["keyboard.defaultValue = https://x.test; passValue = 1", [LINE_FULL | LINE_VALUE | LINE_URL]],
    ["nextValue\nauthor keyboard\ntokenValue", [LINE_VALUE, LINE_FULL]],
    ["author: x; apiKey = 1; Authorization = y", [LINE_FULL | LINE_AUTH]],
    ["const token = 'Bearer ' + t", [LINE_FULL | LINE_BEARER]],
  ])("%j", (text, kinds) => {
    expect(prefilterText(text).lineKinds).toEqual(kinds);
  });

  it("examines a line of 2,000 characters or more whole, whatever its words", () => {
    expect(prefilterText(TRUNCATED_NAME).lineKinds).toEqual([LINE_VALUE]);
    expect(scanGeneric(TRUNCATED_NAME).map((m) => m.secret)).toEqual([VALUE]);
  });

  it("finds a value under a credential name on the line above, a PHP define, and a URL password on a line without a credential word", () => {
    const yaml = `env:\n  - name: SERVICE_API_TOKEN\n\n    value: "${VALUE}"\n  - name: LOG_LEVEL\n    value: "${VALUE}"\n`;
    expect(scanGeneric(yaml).map((m) => [m.detector, m.key, m.secret])).toEqual([["generic-credential", "SERVICE_API_TOKEN", VALUE]]);
    expect(scanGeneric(`define('DB_PASSWORD', '${VALUE}');\n`).map((m) => [m.detector, m.secret])).toEqual([["generic-password", VALUE]]);
    const url = "mirror = https://deploy:Hx7Lq2Vb9Zk4Tw@registry.example.test/simple\n";
    expect(scanGeneric(url).map((m) => [m.detector, m.secret])).toEqual([["generic-url-userinfo", "Hx7Lq2Vb9Zk4Tw"]]);
  });

  const NAMES = ["API_TOKEN", "LOG_LEVEL", "dbPassword", "nextToken", "keyboard", "client_secret", "value", "name"];
  const piece = fc.oneof(
    fc.constantFrom(...NAMES).map((n) => `- name: ${n}`),
    fc.constantFrom(...NAMES).map((n) => `{"name": "${n}", "value": "${VALUE}"}`),
    fc.constantFrom("value", "Value", "defaultValue", "VALUE", "tokenValue").map((k) => `  ${k}: "${VALUE}"`),
    fc.constantFrom("value", "keyValue").map((k) => `${k} = ${VALUE}9`),
    fc.constantFrom("https://u:Hx7Lq2Vb9Zk4Tw@h.test/x", "https://h.test/?token=Tq4Wz8Lm2Xc7Vb5N", "http://h.test/a", "postgres://app:app@db/x"),
    fc.constantFrom("- --token", `- ${VALUE}`, `--password=${VALUE}`, `Authorization: Bearer ${VALUE}`, "machine h login u password Pw9xLq2Zk7", "keyboard value author"),
    fc.constantFrom(`proxy-authorization=${VALUE}`, `"Bearer ${VALUE}"`, `h.set("AUTHORIZATION", "Basic ${Buffer.from("u:Pw9xLq2Zk7").toString("base64")}")`, `define('DB_PASSWORD', '${VALUE}');`, "defined(x)", "authorName = bearerish"),
    fc.constantFrom("", "  ", "# note", "x".repeat(2100), TRUNCATED_NAME),
  );
  const text = fc.tuple(fc.array(fc.array(piece, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }), fc.constantFrom(" ", ", ", "")).map(([lines, sep]) => lines.map((l) => l.join(sep)).join("\n"));

  it("reports exactly what examining every candidate line whole reports", () => {
    fc.assert(
      fc.property(text, fc.boolean(), (t, quotedOnly) => {
        expect(scanGeneric(t, prefilterText(t), quotedOnly)).toEqual(wholeLines(t, quotedOnly));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("assignment gate", () => {
  const TAIL = /["']?\]?\s{0,5}(?::=|=>|\?\?=|=|:)(?![=:])/y;
  /** Every key the assignment check could take in `line` (a run of key characters from its start or after a dot, up to its end) that names a credential or is `value`, followed by an operator. */
  function reportableKeys(line: string, quotedOnly = false): string[] {
    const out: string[] = [];
    const quote = /[ \t]{0,5}["'`]/y;
    for (const run of line.matchAll(/[A-Za-z0-9_.-]+/g)) {
      const end = (run.index ?? 0) + run[0].length;
      for (let i = 0; i < run[0].length; i++) {
        if (i > 0 && run[0][i - 1] !== ".") continue;
        const key = run[0].slice(i);
        if (!/^[A-Za-z_]/.test(key) || key.length > 101) continue;
        TAIL.lastIndex = end;
        if (!TAIL.test(line)) continue;
        quote.lastIndex = TAIL.lastIndex;
        if (quotedOnly && !quote.test(line)) continue;
        if (classifyKey(key) !== undefined || /^value$/i.test(key)) out.push(key);
      }
    }
    return out;
  }
  const part = fc.oneof(
    fc.constantFrom("apiKey", "API_KEY", "db.password", "x-auth-token", "clientSecret", "value", "Value", "nextToken", "keyboard", "name", "my_pat", "Credentials", "salt", "pwd", "foo", "a.b", "pass-word"),
    fc.constantFrom("=", ":", " = ", " : ", "?:", "==", "=>", ":=", "??=", "\"", "'", "`", "]", "[", " ", "  ", "\t", ".", ",", ";", "(", "{", "$", "@"),
    fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
  );
  const line = fc.array(part, { maxLength: 14 }).map((ps) => ps.join(""));

  it("lets through every line with a key the assignment check could report", () => {
    fc.assert(
      fc.property(line, (l) => {
        if (reportableKeys(l).length > 0) expect(mayAssign(l), l).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("lets through, in source code, every line with such a key before a quoted value", () => {
    fc.assert(
      fc.property(line, (l) => {
        if (reportableKeys(l, true).length > 0) expect(mayAssign(l, true), l).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("stops, in source code, assignments of expressions, which only quoted values can be reported from", () => {
    for (const l of ["const token = getToken();", "this.apiKey = options.apiKey", "password: process.env.PW,"]) expect([mayAssign(l), mayAssign(l, true)], l).toEqual([true, false]);
    for (const l of ['const token = "abc";', "apiKey: 'k',", "secret =  `s`"]) expect(mayAssign(l, true), l).toBe(true);
    expect(scanGeneric(`const token = getToken(); const apiKey = "${VALUE}";`, undefined, true).map((m) => m.secret)).toEqual([VALUE]);
  });

  it("stops lines of declarations and code without such an assignment", () => {
    for (const l of ["nextToken?: string;", "if (key in cache) return;", "const keys = Object.keys(o)", "keyboard shortcuts"]) expect(mayAssign(l), l).toBe(l === "const keys = Object.keys(o)");
  });
});
