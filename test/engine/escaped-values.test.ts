/**
 * A configuration value with escapes (a JSON private key's `\n`, a `\"`) is
 * not in the text as the parser returns it: a secret found in it is located
 * on the value, at its first character when it starts the value.
 */
import { expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeOpaqueKey } from "../../src/rules/fake-secrets.js";

it("a private key written with \\n escapes in a JSON env value is located at -----BEGIN, not at the quote", () => {
  const body = Array.from({ length: 6 }, (_, i) => fakeOpaqueKey(`escaped-pem-${i}`, 64)).join("\\n");
  const pem = ["-----BEGIN ", "PRIVATE KEY-----\\n", body, "\\n-----END ", "PRIVATE KEY-----\\n"].join("");
  const text = `{ "servers": { "gcp": { "command": "gcp-mcp",\n  "env": { "GOOGLE_PRIVATE_KEY": "${pem}" } } } }\n`;
  const r = scanSources([{ path: ".vscode/mcp.json", text }]);
  const hits = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
  const line2 = text.split("\n")[1] as string;
  expect(hits.map((f) => [f.loc.line, f.loc.column])).toEqual([[2, line2.indexOf("-----BEGIN") + 1]]);
  expect(JSON.stringify(r.findings)).not.toContain(body.slice(0, 40));
});
