/**
 * Shapes of installed third-party packages (node_modules) that read like credentials and are not:
 * code in a source map, header names in an SDK, tag names, keyboard-row test values, an SDK's API
 * examples document. Each next to the credential of the same shape that stays reported. Values are
 * built at test time.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { b64urlOf, Fake } from "../../src/secrets/fake.js";

const f = new Fake("vendor-noise");

/** hardcoded-secret findings as `line:column provider`. */
function secretsIn(path: string, text: string): string[] {
  const r = scanSources([{ path, text }]);
  return r.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.line}:${x.loc.column} ${x.secret?.provider ?? ""}`);
}

describe("code in a source map's sourcesContent (one JSON line, escaped line feeds)", () => {
  const map = (code: string) => `${JSON.stringify({ version: 3, sources: ["../src/config.ts"], sourcesContent: [code], mappings: "AAAA" })}\n`;

  it("a negated identifier (`ownPass: !!ownPass`) is an expression, not a password", () => {
    expect(secretsIn("lib/config.js.map", map("const d = {\n  type,\n  ownPass: !!ownPass,\n};\n"))).toEqual([]);
  });

  it("a quoted password in the same source is still reported at its first character", () => {
    const pw = f.alnum(18);
    const text = map(`const d = {\n  ownPass: "${pw}",\n};\n`);
    expect(secretsIn("lib/config.js.map", text)).toEqual([`1:${text.indexOf(pw) + 1} generic-password`]);
  });
});

describe("an HTTP header's name under a credential-named key (an SDK's parameter-to-header map)", () => {
  it("`x-amz-...-customer-key-MD5` is a header name", () => {
    const text = "var keys = {\n  SSECustomerKey: 'x-amz-server-side-encryption-customer-key-MD5',\n  CopySourceSSECustomerKey: 'x-amz-copy-source-server-side-encryption-customer-key-MD5'\n};\n";
    expect(secretsIn("lib/services/s3.js", text)).toEqual([]);
  });

  it("a key under the same name is still reported", () => {
    const key = f.alnum(32);
    expect(secretsIn("lib/services/s3.js", `var p = {\n  SSECustomerKey: '${key}'\n};\n`)).toEqual(["2:20 generic-credential"]);
  });
});

describe("a camel-case name with a short number under `Key` (an AWS tag)", () => {
  it("`capabilityKey1` is a name", () => {
    expect(secretsIn("template.json", `{\n  "Tags": [\n    { "Key": "capabilityKey1", "Value": "capabilityValue1" }\n  ]\n}\n`)).toEqual([]);
  });

  it("random key material under `Key` and a password of words are still reported", () => {
    const key = f.alnum(24);
    const pw = `Summer${f.letters(1).toUpperCase()}ime${f.digits(4)}`;
    const text = `{\n  "Key": "${key}",\n  "password": "${pw}"\n}\n`;
    expect(secretsIn("settings.json", text)).toEqual(["2:11 generic-credential", "3:16 generic-password"]);
  });
});

describe("keyboard rows typed as a test password (`asdf:qwer`)", () => {
  it("a URL's `asdf:qwer` userinfo is a test value", () => {
    expect(secretsIn("url/test.js", `var urls = [\n  'http://asdf:qwer@www.example.com',\n];\n`)).toEqual([]);
  });

  it("a random password in the same place is still reported", () => {
    const pw = f.alnum(14);
    expect(secretsIn("url/test.js", `var urls = [\n  'http://asdf:${pw}@db.internal',\n];\n`)).toEqual(["2:16 generic-url-userinfo"]);
  });
});

describe("an AWS SDK API examples document (aws-sdk apis/*.examples.json, botocore examples-1.json)", () => {
  const jwt = [b64urlOf('{"alg":"HS256","typ":"JWT"}'), b64urlOf('{"sub":"example-user","iss":"https://issuer.example","exp":1579729529}'), f.b64url(43)].join(".");
  const body = (head: string) =>
    `{\n${head}  "examples": {\n    "CreateToken": [\n      {\n        "input": {\n          "clientSecret": "${f.alnum(40)}"\n        },\n        "output": {\n          "accessToken": "${f.b64url(80)}",\n          "idToken": "${jwt}"\n        }\n      }\n    ]\n  }\n}\n`;

  it.each([
    ["aws-sdk/apis/sso-oidc-2019-06-10.examples.json", `  "version": "1.0",\n`],
    ["botocore/data/sso-oidc/2019-06-10/examples-1.json", `\t"version":"1.0",\n`],
  ])("%s: its illustrations are no findings", (path, head) => {
    expect(secretsIn(path, body(head))).toEqual([]);
    expect(scanSources([{ path, text: body(head) }]).findings).toEqual([]);
  });

  it("the same values in a document without that head are reported", () => {
    expect(secretsIn("fixtures/token-response.json", body(`  "version": "2.0",\n`))).toEqual(["7:28 generic-credential", "10:27 generic-credential", "11:23 jwt"]);
  });
});
