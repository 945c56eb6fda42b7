/**
 * Credentials passed as CLI flags in a server's args: every flag that names a
 * credential, in both spellings (`--flag=X`, `--flag X`), is the same finding
 * on the same value X (its location, hash and key).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeOpaqueKey } from "../../src/rules/fake-secrets.js";
import { secretHash } from "../../src/secrets/index.js";

const secret = fakeOpaqueKey("arg-credentials", 40);
const password = "Tr7#kLm2!qZx" + "9vB";

function hitsFor(args: string[]) {
  const text = JSON.stringify({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0", ...args] } } }) + "\n";
  const r = scanSources([{ path: ".mcp.json", text }]);
  return { text, hits: r.model.secrets.map((h) => ({ column: h.loc.column, hash: h.hash, key: h.key, server: h.server?.name })) };
}

describe("credential flags in args", () => {
  it.each([
    ["--key=", secret],
    ["--pass=", password],
    ["--auth=", secret],
    ["--pat=", secret],
  ])("%s<value>: the value after '=' is the secret, not the whole argument", (flag, value) => {
    const { text, hits } = hitsFor([flag + value]);
    expect(hits).toEqual([{ column: text.indexOf(value) + 1, hash: secretHash(value), key: flag.slice(0, -1), server: "acme" }]);
  });

  it.each([
    ["--github-token", secret],
    ["--db-password", password],
    ["--oauth2Bearer", secret],
    ["--slack-bot-token", secret],
  ])("%s <value> is read as the same flag with =<value> is", (flag, value) => {
    const separate = hitsFor([flag, value]);
    expect(separate.hits).toEqual([{ column: separate.text.indexOf(value) + 1, hash: secretHash(value), key: flag, server: "acme" }]);
    expect(hitsFor([`${flag}=${value}`]).hits.map((h) => [h.hash, h.key])).toEqual([[secretHash(value), flag]]);
  });

  it("a credential-named flag followed by another flag takes no value, and non-credential flags take none", () => {
    expect(hitsFor(["--api-token-stdin", "--token", secret]).hits.map((h) => h.key)).toEqual(["--token"]);
    expect(hitsFor(["--max-tokens", "4096", "--token-file", "/run/secrets/token"]).hits).toEqual([]);
  });
});
