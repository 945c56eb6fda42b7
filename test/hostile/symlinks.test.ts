/** Symbolic links are never followed: loops, links out of the root, links to devices. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/api.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { diagnosticFor, expectPlantedSecret, scanWithin, treeWithPlantedSecret } from "./hostile.js";

describe("symbolic links", () => {
  it("loops (self, pair, folder to its parent) are reported and not followed", async () => {
    const dir = treeWithPlantedSecret();
    fs.symlinkSync("self", path.join(dir, "self"));
    fs.symlinkSync("pong", path.join(dir, "ping"));
    fs.symlinkSync("ping", path.join(dir, "pong"));
    fs.mkdirSync(path.join(dir, "sub"));
    fs.symlinkSync("..", path.join(dir, "sub", "up"));
    const result = await scanWithin(dir, 3_000);
    for (const rel of ["self", "ping", "pong"]) expect(diagnosticFor(result, rel, "symlink-loop").message).toBe(`${rel}: symbolic link loop; not followed`);
    expect(diagnosticFor(result, "sub/up", "symlink-outside-root").message).toMatch(/not followed/);
    expect(result.model.files.map((f) => f.path)).toEqual([".mcp.json"]);
    expectPlantedSecret(result);
  });

  it("links out of the scanned root are not followed: a secret outside is not read", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-outside-"));
    const outsideToken = fakeGitHubToken("ghp", "outside-the-root");
    fs.writeFileSync(path.join(outside, ".mcp.json"), JSON.stringify({ mcpServers: { x: { command: "npx", env: { T: outsideToken } } } }));
    const dir = treeWithPlantedSecret();
    fs.symlinkSync(outside, path.join(dir, "linked-folder"));
    fs.mkdirSync(path.join(dir, ".cursor"));
    fs.symlinkSync(path.join(outside, ".mcp.json"), path.join(dir, ".cursor", "mcp.json"));
    fs.symlinkSync("/etc/passwd", path.join(dir, "passwd"));
    const result = await scanWithin(dir, 3_000);
    for (const rel of ["linked-folder", ".cursor/mcp.json", "passwd"]) {
      expect(diagnosticFor(result, rel, "symlink-outside-root").message).toBe(`${rel}: symbolic link to a path outside the scanned root; not followed`);
    }
    expect(result.model.secrets.map((s) => s.loc.file)).toEqual([".mcp.json"]);
    expectPlantedSecret(result);
  });

  it("a link given on the command line is not followed either", async () => {
    const dir = treeWithPlantedSecret();
    fs.symlinkSync(".mcp.json", path.join(dir, "alias.json"));
    const result = await scan({ cwd: dir, paths: ["alias.json", ".mcp.json"] });
    expect(diagnosticFor(result, "alias.json", "symlink-outside-root").message).toBe("alias.json is a symbolic link; links are not followed");
    expectPlantedSecret(result);
  });

  it("links to devices (/dev/zero, /dev/random) and dangling links are never opened", async () => {
    const dir = treeWithPlantedSecret();
    fs.symlinkSync("/dev/zero", path.join(dir, "zero.json"));
    fs.mkdirSync(path.join(dir, ".vscode"));
    fs.symlinkSync("/dev/random", path.join(dir, ".vscode", "mcp.json"));
    fs.symlinkSync("does-not-exist", path.join(dir, "dangling.yaml"));
    const result = await scanWithin(dir, 3_000);
    diagnosticFor(result, "zero.json", "symlink-outside-root");
    diagnosticFor(result, ".vscode/mcp.json", "symlink-outside-root");
    expect(diagnosticFor(result, "dangling.yaml", "unreadable").message).toBe("dangling.yaml: dangling symbolic link; skipped");
    expectPlantedSecret(result);
  });
});
