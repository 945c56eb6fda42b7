/** JSON and TOML nested 100,000 levels deep: refused without a stack overflow. */
import { describe, expect, it } from "vitest";
import { diagnosticFor, expectPlantedSecret, scanWithin, treeWithPlantedSecret } from "./hostile.js";

const DEPTH = 100_000;

describe("JSON nested 100,000 levels deep", () => {
  it.each([
    ["arrays", ".cursor/mcp.json", "[".repeat(DEPTH) + "]".repeat(DEPTH)],
    ["objects", ".vscode/mcp.json", '{"a":'.repeat(DEPTH) + "1" + "}".repeat(DEPTH)],
    ["unclosed", "claude_desktop_config.json", '{"mcpServers":' + "[".repeat(DEPTH)],
  ])("%s in %s: a parse-error diagnostic, no crash", async (_, file, text) => {
    const dir = treeWithPlantedSecret({ [file]: text });
    const result = await scanWithin(dir, 5_000);
    expect(diagnosticFor(result, file, "parse-error").message).toMatch(/nesting deeper than 256 levels/);
    expect(result.findings.some((f) => f.ruleId === "parse-error" && f.loc.file === file)).toBe(true);
    expectPlantedSecret(result);
  });

  it("in a file the catalog does not claim: plain-text scan only", async () => {
    const dir = treeWithPlantedSecret({ "data/deep.json": "[".repeat(DEPTH) + "]".repeat(DEPTH) });
    const result = await scanWithin(dir, 5_000);
    expect(result.model.files.find((f) => f.path === "data/deep.json")?.format).toBe("text");
    expectPlantedSecret(result);
  });
});

describe("TOML nested 100,000 levels deep", () => {
  it.each([
    ["arrays", "x = " + "[".repeat(DEPTH) + "]".repeat(DEPTH)],
    ["inline tables", "x = " + "{ a = ".repeat(DEPTH) + "1" + " }".repeat(DEPTH)],
  ])("%s: a parse-error diagnostic, no crash", async (_, text) => {
    const dir = treeWithPlantedSecret({ ".codex/config.toml": text });
    const result = await scanWithin(dir, 5_000);
    expect(diagnosticFor(result, ".codex/config.toml", "parse-error").message).toMatch(/nest/i);
    expectPlantedSecret(result);
  });
});
