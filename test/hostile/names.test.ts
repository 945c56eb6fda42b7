/**
 * File names with spaces, non-ASCII letters, `#` and `%`: scanned, reported
 * with their real names in text and JSON, percent-encoded in SARIF URIs.
 */
import { describe, expect, it } from "vitest";
import type { Log } from "sarif";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { run } from "../../src/cli/run.js";
import { cli } from "../helpers.js";
import { expectPlantedSecret, scanWithin, treeWithPlantedSecret } from "./hostile.js";

const token = fakeGitHubToken("ghp", "odd-names");
const config = JSON.stringify({ mcpServers: { s: { command: "npx", env: { GITHUB_TOKEN: token } } } }, null, 2);

const NAMES: Record<string, string> = {
  "my configs/.mcp.json": "my%20configs/.mcp.json",
  "équipe/日本/.cursor/mcp.json": "%C3%A9quipe/%E6%97%A5%E6%9C%AC/.cursor/mcp.json",
  "a#b/.mcp.json": "a%23b/.mcp.json",
  "100%/.mcp.json": "100%25/.mcp.json",
  "q?&=+;,'/.env": "q%3F%26%3D%2B%3B%2C'/.env",
  "emoji 😀 dir/notes.txt": "emoji%20%F0%9F%98%80%20dir/notes.txt",
};

describe("odd file names", () => {
  const files = Object.fromEntries(Object.keys(NAMES).map((rel) => [rel, rel.endsWith(".env") || rel.endsWith(".txt") ? `GITHUB_TOKEN=${token}\n` : config]));

  it("are scanned and their findings carry the real names", async () => {
    const dir = treeWithPlantedSecret(files);
    const result = await scanWithin(dir, 3_000);
    const secretFiles = new Set(result.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.file));
    for (const rel of Object.keys(NAMES)) expect(secretFiles.has(rel), rel).toBe(true);
    expect(result.model.servers.filter((s) => s.file.endsWith("mcp.json")).map((s) => s.file).sort()).toEqual([".mcp.json", "100%/.mcp.json", "a#b/.mcp.json", "my configs/.mcp.json", "équipe/日本/.cursor/mcp.json"]);
    expectPlantedSecret(result);
  });

  it("SARIF artifact URIs are percent-encoded (RFC 3986), text output shows the names as they are", async () => {
    const dir = treeWithPlantedSecret(files);
    const sarif = JSON.parse((await cli(["scan", "--format", "sarif"], dir)).stdout) as Log;
    const uris = new Set((sarif.runs[0]?.results ?? []).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri));
    for (const encoded of Object.values(NAMES)) expect(uris.has(encoded), `${encoded} in ${[...uris].join(" ")}`).toBe(true);
    for (const uri of uris) expect(uri).toMatch(/^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]+$/);
    const text = (await cli(["scan"], dir)).stdout;
    for (const rel of Object.keys(NAMES)) expect(text).toContain(`${rel}:`);
  });
});

describe("folders named like user-level or absolute paths", () => {
  // A folder called `~` (a script's quoted "~/...") and a Windows path saved as a file name on
  // Linux (`C:\work\.mcp.json`, one name) are the repository's files, not the home folder's or a drive's.
  const odd = { "~/.cursor/mcp.json": config, "C:/.mcp.json": config, "C:\\work\\.env": `GITHUB_TOKEN=${token}\n` };

  it("SARIF places them under %SRCROOT% with their relative names", async () => {
    const dir = treeWithPlantedSecret(odd);
    const sarif = JSON.parse((await cli(["scan", "--format", "sarif", "--no-config"], dir)).stdout) as Log;
    const places = new Set((sarif.runs[0]?.results ?? []).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation).map((a) => `${a?.uriBaseId} ${a?.uri}`));
    expect([...places].sort()).toEqual(["%SRCROOT% .mcp.json", "%SRCROOT% C%3A%5Cwork%5C.env", "%SRCROOT% C%3A/.mcp.json", "%SRCROOT% ~/.cursor/mcp.json"]);
    expect(Object.keys(sarif.runs[0]?.originalUriBaseIds ?? {})).toEqual(["%SRCROOT%"]);
  });

  it("a real user-level file beside them is still placed under the home folder", async () => {
    const home = treeWithPlantedSecret({ ".gemini/settings.json": config });
    const dir = treeWithPlantedSecret(odd);
    const sarif = JSON.parse((await run(["scan", "--user", ".", "--format", "sarif", "--no-config"], { cwd: dir, env: { NO_COLOR: "1", HOME: home }, stdoutIsTTY: false, platform: "linux" })).stdout) as Log;
    const places = (sarif.runs[0]?.results ?? []).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation).map((a) => `${a?.uriBaseId} ${a?.uri}`);
    expect(places).toContain("USERHOME .gemini/settings.json");
    expect(places).toContain("%SRCROOT% ~/.cursor/mcp.json");
    expect(places).toContain("%SRCROOT% C%3A/.mcp.json");
  });
});
