/** Binary files (NUL bytes, a PNG) are recognised and skipped, whatever their name. */
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";
import { diagnosticFor, expectPlantedSecret, PLANTED, scanWithin, treeWithPlantedSecret } from "./hostile.js";

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89]),
  Buffer.from(`tEXt${PLANTED}`),
]);

describe("binary files", () => {
  it.each([
    ["logo.png", PNG],
    [".cursor/mcp.json", PNG],
    ["blob.bin", Buffer.from([0, 1, 2, 3, 0, 255, 254, 0])],
    [".codex/config.toml", Buffer.concat([Buffer.from('model = "x"\n'), Buffer.alloc(64), Buffer.from(PLANTED)])],
    ["nul-at-8k.env", Buffer.concat([Buffer.from("A=".padEnd(8000, "a")), Buffer.from([0])])],
  ])("%s is skipped as binary with a note (a warning for a client's configuration file)", async (rel, content) => {
    const dir = treeWithPlantedSecret({ [rel]: content });
    const result = await scanWithin(dir, 3_000);
    const config = rel.startsWith(".cursor/") || rel.startsWith(".codex/");
    expect(diagnosticFor(result, rel, "binary")).toMatchObject(
      config ? { level: "warning", message: `${rel}: binary file; skipped; its MCP configuration is not analysed` } : { level: "note", message: `${rel}: binary file; skipped` },
    );
    expect(result.model.files.some((f) => f.path === rel)).toBe(false);
    expectPlantedSecret(result);
  });

  it("a client's configuration file skipped as binary is named in the text report; other binary files are not", async () => {
    const dir = treeWithPlantedSecret({ ".cursor/mcp.json": PNG, "logo.png": PNG });
    const r = await cli(["scan"], dir);
    expect(r.stdout).toContain("warning: .cursor/mcp.json: binary file; skipped; its MCP configuration is not analysed");
    expect(r.stdout).not.toContain("logo.png");
  });
});
