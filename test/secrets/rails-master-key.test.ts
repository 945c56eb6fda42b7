/**
 * A Rails master key (`config/master.key`, `config/credentials/<env>.key`): 32 hex digits alone in a
 * file of that name are the key to the committed credentials.yml.enc. Values are built at test time.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { Fake } from "../../src/secrets/fake.js";

const f = new Fake("rails-master-key");
const key = f.hex(32);

/** `line:column level provider` of each hardcoded-secret finding. */
function findingsIn(path: string, text: string): string[] {
  return scanSources([{ path, text }]).findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.line}:${x.loc.column} ${x.level} ${x.secret?.provider ?? ""}`);
}

describe("a Rails master key file", () => {
  it.each(["config/master.key", "apps/shop/config/master.key", "config/credentials/production.key"])("%s holding 32 hex digits is reported at the key, as an error", (path) => {
    expect(findingsIn(path, `${key}\n`)).toEqual(["1:1 error generic-credential"]);
  });

  it("says what the key opens, and never prints it", () => {
    const r = scanSources([{ path: "config/master.key", text: key }]);
    expect(r.findings[0]?.message).toContain("Rails master key");
    expect(JSON.stringify(r.findings)).not.toContain(key.slice(4));
  });

  it.each([
    ["32 hex digits in a file of another name", "config/cache.key", `${key}\n`],
    ["32 hex digits in a text file", "notes/build-id.txt", `${key}\n`],
    ["a longer hex value in a master.key", "config/master.key", `${f.hex(64)}\n`],
    ["a placeholder in a master.key", "config/master.key", "0123456789abcdef0123456789abcdef\n"],
  ])("%s is not", (_name, path, text) => {
    expect(findingsIn(path, text)).toEqual([]);
  });
});
