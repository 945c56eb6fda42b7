/** YAML alias bombs ("billion laughs") and deep YAML nesting stop early with a diagnostic. */
import { describe, expect, it } from "vitest";
import { diagnosticFor, expectPlantedSecret, scanWithin, treeWithPlantedSecret } from "./hostile.js";

function billionLaughs(levels = 10): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(",")}]`);
  }
  return lines.join("\n") + "\nmcpServers:\n  - name: bomb\n    command: npx\n    args: *" + String.fromCharCode(96 + levels) + "\n";
}

describe("YAML alias bomb", () => {
  it.each([".continue/config.yaml", "goose/config.yaml", "librechat.yaml"])("%s: expansion stops at the node budget, with a diagnostic, quickly", async (file) => {
    const dir = treeWithPlantedSecret({ [file]: billionLaughs() });
    const result = await scanWithin(dir, 5_000);
    expect(diagnosticFor(result, file, "parse-error").message).toMatch(/alias bomb/);
    expectPlantedSecret(result);
  });

  it("a bomb in an unclaimed YAML file is never expanded (plain-text secret scan only)", async () => {
    const dir = treeWithPlantedSecret({ "deploy/values.yaml": billionLaughs(12) });
    const result = await scanWithin(dir, 5_000);
    expect(result.model.files.find((f) => f.path === "deploy/values.yaml")?.format).toBe("text");
    expectPlantedSecret(result);
  });
});

describe("deeply nested YAML", () => {
  it.each([
    ["flow sequences", "mcpServers: " + "[".repeat(100_000)],
    ["block sequences", "mcpServers:\n" + "- ".repeat(20_000) + "x\n"],
    ["flow maps", "mcpServers: " + "{a: ".repeat(50_000)],
  ])("%s: refused with a diagnostic, quickly", async (_, text) => {
    const dir = treeWithPlantedSecret({ ".continue/config.yaml": text });
    const result = await scanWithin(dir, 10_000);
    expect(result.diagnostics.some((d) => d.file === ".continue/config.yaml" && d.code === "parse-error")).toBe(true);
    expectPlantedSecret(result);
  });
});
