/**
 * SARIF names files by their path in the repository (GitHub places an alert
 * by it, and a workflow may scan from a subfolder, `working-directory: sub`,
 * or from above a checkout): from the top of the git repository holding the
 * scanned paths, whatever folder the scan runs from. The text report keeps
 * paths from the folder it runs in.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli } from "../helpers.js";

const parent = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-sarif-repo-"));
afterAll(() => fs.rmSync(parent, { recursive: true, force: true }));
const repo = path.join(parent, "repo");
fs.mkdirSync(path.join(repo, ".git"), { recursive: true });
fs.mkdirSync(path.join(repo, "packages", "agent"), { recursive: true });
fs.writeFileSync(path.join(repo, "packages", "agent", ".mcp.json"), JSON.stringify({ mcpServers: { gh: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.0.0"], env: { GITHUB_TOKEN: fakeGitHubToken("ghp", "sarif-repo") } } } }, null, 2));

async function sarifUris(argv: string[], cwd: string): Promise<{ uris: string[]; fingerprints: string[] }> {
  const r = await cli(["scan", ...argv, "--format", "sarif", "--fail-on", "none"], cwd);
  const log = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string> }[] }[] };
  const results = log.runs[0]?.results ?? [];
  return { uris: [...new Set(results.map((x) => x.locations[0]?.physicalLocation.artifactLocation.uri ?? ""))], fingerprints: results.map((x) => x.partialFingerprints["mcplintFinding/v1"] ?? "").sort() };
}

describe("SARIF paths in the repository", () => {
  it("are the same from the repository's top, from a subfolder and from above it", async () => {
    const top = await sarifUris(["packages/agent"], repo);
    expect(top.uris).toEqual(["packages/agent/.mcp.json"]);
    expect(await sarifUris(["."], path.join(repo, "packages", "agent"))).toEqual(top);
    expect(await sarifUris(["."], path.join(repo, "packages"))).toEqual(top);
    expect(await sarifUris(["repo"], parent)).toEqual(top);
  });

  it("with a file from outside the repository beside it, the repository's files keep their paths (and fingerprints), the other is named with ../", async () => {
    const outside = path.join(parent, "other");
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(outside, ".mcp.json"), fs.readFileSync(path.join(repo, "packages", "agent", ".mcp.json")));
    const alone = await sarifUris(["."], repo);
    const both = await sarifUris([".", "../other/.mcp.json"], repo);
    expect(both.uris).toEqual(["../other/.mcp.json", "packages/agent/.mcp.json"]);
    expect(both.fingerprints).toEqual(expect.arrayContaining(alone.fingerprints));
    fs.rmSync(outside, { recursive: true });
  });

  it("a finding about a settings file as a whole (its policy is named by its path) keeps its fingerprint too", async () => {
    const settings = path.join(repo, "packages", "cli", ".gemini", "settings.json");
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ mcpServers: { git: { command: "uvx", args: ["mcp-server-git==0.6.2"] } } }, null, 2));
    const top = await sarifUris(["packages/cli"], repo);
    expect(top.fingerprints).toHaveLength(2);
    expect(await sarifUris(["."], path.join(repo, "packages", "cli"))).toEqual(top);
    expect(await sarifUris(["repo/packages/cli"], parent)).toEqual(top);
    fs.rmSync(path.join(repo, "packages", "cli"), { recursive: true });
  });

  it("the text report keeps the path from the folder the scan runs in", async () => {
    const r = await cli(["scan", ".", "--fail-on", "none"], path.join(repo, "packages", "agent"));
    expect(r.stdout).toContain(".mcp.json");
    expect(r.stdout).not.toContain("packages/agent/.mcp.json");
  });
});
