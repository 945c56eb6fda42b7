/**
 * The whole-repository text scan and `${NAME:-fallback}`: the fallback is
 * written in the file and is the credential whenever NAME is unset (Compose
 * files, `.env`, shell scripts). Placeholders and weak generic guesses in a
 * fallback stay quiet, as the reference around them.
 */
import { describe, expect, it } from "vitest";
import { scanText } from "../../src/secrets/index.js";
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
