/**
 * The whole-repository text scan and `${NAME:-fallback}`: the fallback is
 * written in the file and is the credential whenever NAME is unset (Compose
 * files, `.env`, shell scripts). Placeholders and weak generic guesses in a
 * fallback stay quiet, as the reference around them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fallbackSecrets, prefilterText, scanText } from "../../src/secrets/index.js";
import { fakeGitHubToken, fakeOpaqueKey, fakeOpenAIProjectKey } from "../../src/rules/fake-secrets.js";

describe("secrets in the fallback of ${NAME:-fallback} in text files", () => {
  it("are found at the fallback, under NAME", () => {
    const gh = fakeGitHubToken("ghp", "text-fallback");
    const key = fakeOpaqueKey("text-fallback", 32);
    const oa = fakeOpenAIProjectKey("text-fallback");
    const text = [
      "services:",
      "  mcp:",
      "    environment:",
      `      - GITHUB_TOKEN=\${GITHUB_TOKEN:-${gh}}`,
      `      - ACME_API_KEY=\${ACME_API_KEY-${key}}`,
      `      OPENAI_API_KEY: "\${OPENAI_API_KEY:-${oa}}"`,
      "",
    ].join("\n");
    const found = scanText(text).map((m) => [m.detector, m.key, text.slice(m.start, m.end) === m.secret && [gh, key, oa].includes(m.secret)]);
    expect(found).toEqual([
      ["github-pat-classic", "GITHUB_TOKEN", true],
      ["generic-credential", "ACME_API_KEY", true],
      ["openai-project-key", "OPENAI_API_KEY", true],
    ]);
  });

  it("placeholders and common defaults stay quiet", () => {
    const fallbacks = ["POSTGRES_PASSWORD:-postgres", "JWT_SECRET:-changeme", "API_KEY:-your-api-key", "OPENAI_API_KEY:-sk-xxx", "API_KEY:-fallback-value-1234", "PORT:-8080", "REDIS_PASSWORD:-", "MINIO_ROOT_PASSWORD:-minioadmin"];
    for (const f of fallbacks) expect(scanText(`X=\${${f}}\n`), f).toEqual([]);
  });
});

describe("the fallbacks checked at the keyword pass's `${` positions", () => {
  const key = fakeOpaqueKey("fallback-positions", 32);
  const piece = fc.constantFrom(
    `\${ACME_API_KEY:-${key}}`,
    `\${DB_PASSWORD-${key}}`,
    "${PORT:-8080}",
    "${A:-${B:-x}}",
    "$${X:-y}",
    "`${x}-${y}`",
    "${",
    "}",
    "-",
    " ",
    "\n",
    "TOKEN=",
  );
  const text = fc.array(piece, { maxLength: 20 }).map((ps) => ps.join(""));

  it("are the fallbacks a search of the whole text finds", () => {
    fc.assert(
      fc.property(text, (t) => {
        const hits = prefilterText(t);
        expect(hits.dollarBraces).toEqual([...t.matchAll(/\$\{/g)].map((m) => m.index));
        expect(fallbackSecrets(t, hits.dollarBraces)).toEqual(fallbackSecrets(t));
      }),
      { numRuns: 1000 },
    );
  });

  it("finds one per `${` and no more than 200 in a text", () => {
    const one = `K=\${ACME_API_KEY:-${key}}\n`;
    expect(fallbackSecrets(one, prefilterText(one).dollarBraces).map((m) => m.secret)).toEqual([key]);
    const many = one.repeat(250);
    expect(fallbackSecrets(many, prefilterText(many).dollarBraces)).toHaveLength(200);
    expect(fallbackSecrets(one, [])).toEqual([]);
  });
});
