/**
 * A JWT in a test file is reported like any other, but one whose HMAC signature a published key
 * makes (jwt.io's `your-256-bit-secret`, tutorials' `secret`) is an example anyone can mint.
 * Tokens are built and signed at test time.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { b64urlOf, Fake } from "../../src/secrets/fake.js";

const f = new Fake("jwt-public-key");
const HASH = { HS256: "sha256", HS384: "sha384", HS512: "sha512" } as const;

function signed(alg: keyof typeof HASH, key: string, payload: object): string {
  const body = `${b64urlOf(JSON.stringify({ alg, typ: "JWT" }))}.${b64urlOf(JSON.stringify(payload))}`;
  return `${body}.${createHmac(HASH[alg], key).update(body).digest("base64url")}`;
}

/** hardcoded-secret findings as `line:column provider`. */
function secretsIn(path: string, text: string): string[] {
  return scanSources([{ path, text }]).findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.line}:${x.loc.column} ${x.secret?.provider ?? ""}`);
}

const payload = { sub: f.uuid(), name: "Test User", role: "admin", iat: 1735689600, exp: 1893456000 };
const file = (token: string) => `describe("auth", () => {\n  const token = "${token}";\n  it("accepts", () => request.get("/me").set("Authorization", \`Bearer \${token}\`));\n});\n`;

describe("a JWT signed with a published key", () => {
  it.each([
    ["jwt.io's HS256 default", signed("HS256", "your-256-bit-secret", payload)],
    ["jwt.io's HS512 default", signed("HS512", "your-512-bit-secret", payload)],
    ["a tutorial's `secret`", signed("HS384", "secret", payload)],
  ])("%s: an example anyone can mint, not reported", (_name, token) => {
    expect(secretsIn("test/auth.test.ts", file(token))).toEqual([]);
  });

  it.each([
    ["signed with a key of its own", signed("HS256", f.alnum(32), payload)],
    ["with a signature no published key makes", `${signed("HS256", "your-256-bit-secret", payload).split(".").slice(0, 2).join(".")}.${f.b64url(43)}`],
  ])("%s: reported at its first character", (_name, token) => {
    expect(secretsIn("test/auth.test.ts", file(token))).toEqual(["2:18 jwt"]);
  });
});
