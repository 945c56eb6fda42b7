/**
 * A token right after an escape (`\n`, `\r`, `\t` in a string literal, `%XX`
 * in a URL) starts there: the escape's last character is a letter or digit,
 * but it stands for a separator. A token character that is not part of an
 * escape still joins the token to the text before it.
 */
import { describe, expect, it } from "vitest";
import { fakeAnthropicKey, fakeAwsAccessKeyId, fakeGitHubToken, fakeJwt, fakeOpenAIProjectKey } from "../../src/rules/fake-secrets.js";
import { lookbehindReach } from "../../src/secrets/line-local.js";
import { cli, tempTree } from "../helpers.js";

interface Finding {
  readonly ruleId: string;
  readonly location: { readonly file: string; readonly line: number; readonly column: number };
  readonly secret?: { readonly provider: string };
}

async function secretsIn(files: Record<string, string>): Promise<{ file: string; column: number; provider: string | undefined }[]> {
  const res = await cli(["scan", ".", "--format", "json", "--no-config"], tempTree(files));
  const findings = (JSON.parse(res.stdout) as { findings: Finding[] }).findings;
  return findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => ({ file: f.location.file, column: f.location.column, provider: f.secret?.provider }));
}

const gh = fakeGitHubToken("ghp", "escape-boundary");

describe("a token after an escape sequence", () => {
  it.each([
    ["\\n", "JSON string, after a newline escape"],
    ["\\r", "JSON string, after a carriage-return escape"],
    ["\\t", "JSON string, after a tab escape"],
    ["%20", "URL, after an encoded space"],
    ["%3D", "URL, after an encoded ="],
    ["%3d", "URL, lower-case hex"],
    ["%2F", "URL, after an encoded /"],
    ["%40", "URL, after an encoded @"],
    ["%5B", "URL, after an encoded ["],
    ["%C3%A9", "URL, after an encoded non-ASCII letter (its UTF-8 bytes)"],
  ])("%s: %s", async (escape) => {
    const line = `{ "servers": { "a": { "command": "x", "env": { "V": "word${escape}${gh}" } } } }\n`;
    // Not an MCP config: only the file's text is scanned, not its decoded values.
    const found = await secretsIn({ "deploy/settings.json": line });
    expect(found).toEqual([{ file: "deploy/settings.json", column: line.indexOf(gh) + 1, provider: "github-pat-classic" }]);
  });

  it("the other prefixed providers too (OpenAI, Anthropic, AWS, JWT)", async () => {
    const tokens = [fakeOpenAIProjectKey("escape"), fakeAnthropicKey("escape"), fakeAwsAccessKeyId("escape"), fakeJwt("escape")];
    const text = tokens.map((t, i) => `const v${i} = "x\\t${t}";\nconst w${i} = "https://h.example/?k%3D${t}";\n`).join("");
    const found = await secretsIn({ "src/a.ts": text });
    expect(found.map((f) => f.provider)).toEqual(["openai-project-key", "openai-project-key", "anthropic-api-key", "anthropic-api-key", "aws-access-key-id", "aws-access-key-id", "jwt", "jwt"]);
  });

  it.each([
    ["xn", "a plain letter n"],
    ["%2", "a % with one hex digit"],
    ["-", "a dash"],
    ["%41", "an encoded letter (A)"],
    ["%5F", "an encoded underscore"],
    ["%2d", "an encoded dash, lower-case hex"],
    ["%37", "an encoded digit (7)"],
  ])("no token after %s (%s)", async (before) => {
    const found = await secretsIn({ "deploy/settings.json": `{ "servers": { "a": { "command": "x", "env": { "V": "word${before}${gh}" } } } }\n` });
    expect(found.filter((f) => f.provider === "github-pat-classic")).toEqual([]);
  });

  it("lookbehind reach counts a lookbehind nested in one (an upper bound), so the rules stay piece-safe", () => {
    expect(lookbehindReach(/(?<![a-z](?<!\\[nrt]))x/)).toBe(3);
    expect(lookbehindReach(/(?<![a-z](?:n))x/)).toBe(Infinity);
  });
});
