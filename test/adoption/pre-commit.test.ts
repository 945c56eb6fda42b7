/**
 * pre-commit integration: the generated hooks file, its `files:` regex against
 * the catalog and the fixtures, the unfiltered hook, many file names on the command line, --staged,
 * and a real `pre-commit run` (skipped when pre-commit is not installed).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { hookFilesRegex, renderPreCommitHooks } from "../../src/catalog/hook-files.js";
import { classifyPath } from "../../src/catalog/classify.js";
import { PATH_FORMATS } from "../../src/catalog/formats.js";
import { fakeAnthropicKey, fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, FIXTURES, REPO_ROOT, tempTree } from "../helpers.js";

// A key with no lifetime facts, so that only hardcoded-secret reports it.
const token = fakeAnthropicKey("pre-commit-test");
const leaky = JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.2.3"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2) + "\n";
const clean = JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.2.3"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PAT}" } } } }, null, 2) + "\n";

interface Hook {
  id: string;
  entry: string;
  language: string;
  files?: string;
  pass_filenames: boolean;
  require_serial: boolean;
}
const hooks = parse(fs.readFileSync(path.join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];

/** Python's verbose regex (`(?x)`, unescaped whitespace ignored) as a JavaScript RegExp. */
function pythonVerbose(source: string): RegExp {
  return new RegExp(source.replace(/^\(\?x\)/, "").replace(/(?<!\\)\s+/g, ""));
}

/** A concrete path for a glob: `**\/` dropped, `*` as `x`, `{a,b}` as `a`. */
function exampleOf(glob: string): string {
  return glob.replace(/^\*\*\//, "").replace(/\/\*\*\//g, "/x/").replace(/\{([^,}]*)[^}]*\}/g, "$1").replace(/\*/g, "x");
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(REPO_ROOT, path.join(d.parentPath, d.name)).split(path.sep).join("/"));
}

describe(".pre-commit-hooks.yaml", () => {
  it("is generated from the catalog (run npm run gen:pre-commit-hooks)", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8")).toBe(renderPreCommitHooks());
  });

  it("declares the node hooks", () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language, h.pass_filenames, h.require_serial])).toEqual([
      ["mcplint", "mcplint scan", "node", true, false],
      ["mcplint-staged", "mcplint scan --staged", "node", false, false],
      ["mcplint-all-files", "mcplint scan", "node", true, false],
    ]);
    for (const h of hooks.slice(0, 2)) expect(h.files?.trimEnd(), h.id).toBe(hookFilesRegex());
  });

  it("mcplint-all-files passes every staged file: no files, types or exclude filter (a full scan reads every file for secrets, and models JSON/YAML by content)", () => {
    // pre-commit's `text` type would leave out UTF-16 configurations, which mcplint reads; mcplint skips binaries itself.
    const all = hooks.find((h) => h.id === "mcplint-all-files");
    expect(all && Object.keys(all).filter((k) => ["files", "types", "types_or", "exclude", "exclude_types"].includes(k))).toEqual([]);
  });

  const files = pythonVerbose(hooks[0]?.files ?? "");

  it.each(PATH_FORMATS.flatMap((f) => f.globs.map((g) => [f.id, g, exampleOf(g)] as const)))("files: matches %s path %s (%s)", (_id, _glob, example) => {
    expect(classifyPath(example), `example ${example} should be in the catalog`).toBeDefined();
    expect(files.test(example)).toBe(true);
    expect(files.test(`some/folder/${example}`)).toBe(true);
  });

  it("files: matches every fixture that the catalog models", () => {
    const modelled = listFiles(FIXTURES).filter((p) => classifyPath(p));
    for (const p of modelled) expect(files.test(p), p).toBe(true);
  });

  it("files: matches the files a server loads by name, though the catalog keeps them as text (Goose secrets.yaml, env files)", () => {
    for (const p of [".config/goose/secrets.yaml", "goose/secrets.yaml", ".env", "config/.env.local"]) {
      expect(classifyPath(p)?.id, p).not.toBe("goose");
      expect(files.test(p), p).toBe(true);
    }
  });

  it("files: leaves unrelated files alone", () => {
    // Source files are catalog files too (SDK calls), so only prose and look-alikes stay out.
    for (const p of ["README.md", "docs/mcp.json.md", "x.mcp.json.bak"]) expect(files.test(p), p).toBe(false);
  });
});

describe("what mcplint-all-files passes", () => {
  it("a secret in a file no catalog path names (a properties file, a content-sniffed server list) fails the run; binaries and big files are skipped, quietly", async () => {
    const gh = fakeGitHubToken("ghp", "pre-commit-any-file");
    const dir = tempTree({
      "deploy/app.properties": `spring.application.name=notes\ngithub.token=${gh}\n`,
      "tools/servers.json": leaky,
      "README.md": "# Notes\n",
    });
    fs.writeFileSync(path.join(dir, "logo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    fs.writeFileSync(path.join(dir, "blob.dat"), Buffer.alloc(3 * 1024 * 1024, 7));
    const r = await cli(["scan", "deploy/app.properties", "tools/servers.json", "README.md", "logo.png", "blob.dat"], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/deploy\/app\.properties:2:14 +\w+ +hardcoded-secret/);
    expect(r.stdout).toMatch(/tools\/servers\.json:\d+:\d+ +\w+ +hardcoded-secret .*MCP server 'github'/);
    expect(r.stdout).not.toContain(gh);
    const skipped = await cli(["scan", "logo.png", "blob.dat", "README.md"], dir);
    expect(skipped.exitCode).toBe(0);
    expect(skipped.stdout).toContain("No problems found in 1 file");
  });
});

describe("many file names (pass_filenames)", () => {
  it("scans exactly the files given", async () => {
    const dir = tempTree({ "a/.mcp.json": clean, "b/.cursor/mcp.json": clean.replace("${GITHUB_PAT}", "${env:GITHUB_PAT}"), "c/.mcp.json": leaky });
    const some = await cli(["scan", "a/.mcp.json", "b/.cursor/mcp.json"], dir);
    expect(some.exitCode).toBe(0);
    expect(some.stdout).toContain("No problems found in 2 files");
    const all = await cli(["scan", "a/.mcp.json", "b/.cursor/mcp.json", "c/.mcp.json"], dir);
    expect(all.exitCode).toBe(1);
    expect(all.stdout).toContain("c/.mcp.json:10:42");
  });

  it("leaves out a file named in a folder that the configuration excludes, in each spelling a full scan honours", async () => {
    for (const glob of ["testdata", "testdata/", "**/testdata", "testdata/**"]) {
      const dir = tempTree({ ".mcplint.yaml": `exclude:\n  - "${glob}"\n`, "a/.mcp.json": clean, "testdata/deep/.mcp.json": leaky });
      expect((await cli(["scan"], dir)).exitCode).toBe(0);
      const named = await cli(["scan", "a/.mcp.json", "testdata/deep/.mcp.json"], dir);
      expect(named.stdout).toContain("No problems found in 1 file");
      expect(named.exitCode).toBe(0);
    }
  });
});

describe("a route file named alone (pass_filenames) reads its app's middleware for its links only", () => {
  const route = `import { createMcpHandler } from "mcp-handler";\nconst handler = createMcpHandler((server) => {\n  server.tool("delete_note", "Delete a note", {}, async () => ({ content: [] }));\n}, {}, { basePath: "/api" });\nexport { handler as GET, handler as POST };\n`;
  const middleware = (matcher: string) =>
    `import { NextResponse, type NextRequest } from "next/server";\nconst fallback = "${token}";\nexport function middleware(request: NextRequest) {\n  if (request.headers.get("authorization") !== \`Bearer \${process.env.MCP_TOKEN ?? fallback}\`) {\n    return NextResponse.json({ error: "unauthorized" }, { status: 401 });\n  }\n  return NextResponse.next();\n}\nexport const config = { matcher: ["${matcher}"] };\n`;

  it("guarded by the middleware as in a full scan; a matcher that leaves /api out keeps the error; the middleware's secret is not reported", async () => {
    const dir = tempTree({ "middleware.ts": middleware("/api/:path*"), "app/api/[transport]/route.ts": route });
    const named = await cli(["scan", "app/api/[transport]/route.ts", "--format", "json"], dir);
    expect(named.exitCode).toBe(0);
    expect(JSON.parse(named.stdout).findings).toEqual([]);
    expect(named.stdout).not.toContain("middleware.ts");
    expect((await cli(["scan", "."], dir)).exitCode).toBe(1);

    const open = tempTree({ "middleware.ts": middleware("/dashboard/:path*"), "app/api/[transport]/route.ts": route });
    const r = await cli(["scan", "app/api/[transport]/route.ts", "--format", "json"], open);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`)).toEqual(["missing-default-deny app/api/[transport]/route.ts"]);
  });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
}

function tempRepo(files: Record<string, string>): string {
  const dir = tempTree(files);
  git(dir, "init", "-q");
  return dir;
}

describe("mcplint scan --staged", () => {
  it("scans the index, not the working tree", async () => {
    const dir = tempRepo({ ".mcp.json": clean });
    git(dir, "add", ".mcp.json");
    fs.writeFileSync(path.join(dir, ".mcp.json"), leaky);
    expect((await cli(["scan"], dir)).exitCode).toBe(1);
    const staged = await cli(["scan", "--staged"], dir);
    expect(staged.exitCode).toBe(0);
    expect(staged.stdout).toContain("No problems found in 1 file");

    git(dir, "add", ".mcp.json");
    fs.writeFileSync(path.join(dir, ".mcp.json"), clean);
    expect((await cli(["scan"], dir)).exitCode).toBe(0);
    const r = await cli(["scan", "--staged"], dir);
    expect(r.exitCode).toBe(1);
    // The code frame comes from the staged text, masked.
    expect(r.stdout).toContain(".mcp.json:10:42");
    expect(r.stdout).toContain('"GITHUB_PERSONAL_ACCESS_TOKEN": "sk-a');
    expect(r.stdout).not.toContain(token);
  });

  it("with paths (lint-staged appends the staged files' absolute paths), scans what is staged of them, from the index", async () => {
    const dir = tempRepo({ "a/.mcp.json": leaky, "b/.mcp.json": leaky, "c/.mcp.json": leaky });
    git(dir, "add", "a/.mcp.json", "b/.mcp.json");
    // The working tree no longer holds the secret: the index does.
    fs.writeFileSync(path.join(dir, "a/.mcp.json"), clean);
    const files = (r: { stdout: string }) => [...new Set(JSON.parse(r.stdout).findings.map((f: { location: { file: string } }) => f.location.file))];
    const one = await cli(["scan", "--staged", "--format", "json", path.join(dir, "a/.mcp.json")], dir);
    expect(one.exitCode).toBe(1);
    expect(files(one)).toEqual(["a/.mcp.json"]);
    // A folder, relative to the current folder; c/ is not staged, so nothing of it is read.
    const folders = await cli(["scan", "--staged", "--format", "json", "b", "c"], dir);
    expect(files(folders)).toEqual(["b/.mcp.json"]);
    expect(JSON.parse(folders.stdout).summary.filesScanned).toBe(1);
    const outside = await cli(["scan", "--staged", tempTree({ "x.json": "{}" })], dir);
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain("is not in the repository");
  });

  it("a named path that the index has and the working tree lacks (added, then deleted) is read from the index; one staged for deletion scans nothing; one git does not know is still a missing path", async () => {
    const dir = tempRepo({ "kept/.mcp.json": clean, "gone/.mcp.json": clean });
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "init");
    fs.mkdirSync(path.join(dir, "added"));
    fs.writeFileSync(path.join(dir, "added/.mcp.json"), leaky);
    git(dir, "add", "added/.mcp.json");
    fs.rmSync(path.join(dir, "added"), { recursive: true });
    git(dir, "rm", "-q", "gone/.mcp.json");
    // As a hook passes `git diff --cached --name-only`: the deleted file too.
    const r = await cli(["scan", "--staged", "--format", "json", "added/.mcp.json", "gone/.mcp.json", path.join(dir, "added")], dir);
    expect([r.exitCode, r.stderr]).toEqual([1, ""]);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string; line: number } }[]; summary: { filesScanned: number } };
    expect(out.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.location.file}:${f.location.line}`)).toEqual(["added/.mcp.json:10"]);
    expect(out.summary.filesScanned).toBe(1);
    const deletedOnly = await cli(["scan", "--staged", "gone/.mcp.json"], dir);
    expect([deletedOnly.exitCode, deletedOnly.stderr]).toEqual([0, ""]);
    const typo = await cli(["scan", "--staged", "added/.mpc.json", "kept"], dir);
    expect([typo.exitCode, typo.stderr]).toEqual([2, "mcplint: no such file or folder: added/.mpc.json\n"]);
  });

  it("a file in a merge conflict is named as unmerged (its sides are not one staged content), not skipped in silence; the other staged files are scanned", async () => {
    const dir = tempRepo({ ".mcp.json": clean, "other/.mcp.json": clean });
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "init");
    const main = git(dir, "rev-parse", "--abbrev-ref", "HEAD").trim();
    git(dir, "checkout", "-qb", "side");
    fs.writeFileSync(path.join(dir, ".mcp.json"), leaky);
    git(dir, "commit", "-qam", "side");
    git(dir, "checkout", "-q", main);
    fs.writeFileSync(path.join(dir, ".mcp.json"), clean.replace("${GITHUB_PAT}", "${GH_PAT}"));
    git(dir, "commit", "-qam", "main");
    expect(() => git(dir, "merge", "-q", "side")).toThrow();
    fs.writeFileSync(path.join(dir, "other/.mcp.json"), leaky);
    git(dir, "add", "other/.mcp.json");
    const r = await cli(["scan", "--staged", "--format", "json"], dir);
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string } }[]; diagnostics: unknown[] };
    expect(r.exitCode).toBe(1);
    expect(out.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.location.file)).toEqual(["other/.mcp.json"]);
    expect(out.diagnostics).toEqual([{ level: "warning", code: "unreadable", message: ".mcp.json: unmerged (a merge conflict); not scanned until it is resolved and staged", file: ".mcp.json" }]);
    expect((await cli(["scan", "--staged"], dir)).stdout).toContain("warning: .mcp.json: unmerged (a merge conflict); not scanned until it is resolved and staged");
  });

  it("reads a staged commit of 2,000 files in time (one git process per batch, not per file), and files of the same content each", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2_000; i++) files[`pkg${i % 20}/f${i}.js`] = `module.exports = { id: "v${i}" };\n`;
    const leak = `GITHUB_TOKEN=${fakeGitHubToken("ghp", "staged-batch")}\n`;
    Object.assign(files, { "a/.env": leak, "b/.env": leak });
    const dir = tempRepo(files);
    git(dir, "add", "-A");
    const t0 = performance.now();
    const r = await cli(["scan", "--staged", "--format", "json"], dir);
    const ms = performance.now() - t0;
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string } }[]; summary: { filesScanned: number } };
    expect(out.summary.filesScanned).toBe(2_002);
    expect(out.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.location.file).sort()).toEqual(["a/.env", "b/.env"]);
    // One `git show` per file took ~15 ms each (30 s here).
    expect(ms, `the staged scan took ${Math.round(ms)} ms`).toBeLessThan(10_000);
  }, 90_000);

  it("skips a staged submodule (a commit of another repository, not content) without a warning", async () => {
    const dir = tempRepo({ ".mcp.json": leaky });
    // A gitlink entry, as 'git submodule add' or bumping a submodule stages it.
    git(dir, "update-index", "--add", "--cacheinfo", `160000,${"1".repeat(40)},vendor/lib`);
    git(dir, "add", ".mcp.json");
    const r = await cli(["scan", "--staged"], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(".mcp.json:10:42");
    expect(r.stdout + r.stderr).not.toContain("vendor/lib");
    expect(r.stdout).toContain("in 1 file");
  });

  it("compares the staged servers with the index's lock (a config change staged without relocking is drift)", async () => {
    const dir = tempRepo({ "app/.mcp.json": clean });
    expect((await cli(["lock"], dir)).exitCode).toBe(0);
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "lock");
    fs.writeFileSync(path.join(dir, "app/.mcp.json"), clean.replace("server-github@1.2.3", "server-github@1.3.0"));
    git(dir, "add", "app/.mcp.json");
    // The working tree's lock is not what the commit is checked against: the index's is.
    fs.writeFileSync(path.join(dir, "mcplint.lock.json"), "{ broken");
    const r = await cli(["scan", "--staged", "--format", "json"], path.join(dir, "app"));
    const drift = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "config-drift");
    expect(drift.map((f: { location: { file: string }; message: string }) => [f.location.file, f.message])).toEqual([["app/.mcp.json", expect.stringContaining("version 1.2.3 → 1.3.0")]]);
    expect(r.stderr).not.toContain("mcplint.lock.json");
  });

  it("reads a staged file whose name starts with a digit and a colon (not stage 2 of another file)", async () => {
    const dir = tempRepo({ "configs/2:notes.json": "{}\n", "2:notes.json": leaky });
    git(dir, "add", "-A");
    const r = await cli(["scan", "--staged"], dir);
    expect(r.stdout + r.stderr).not.toContain("cannot read");
    expect(r.stdout).toContain("2:notes.json:10:42");
  });

  it("scans only added, copied, modified and renamed files; from a subfolder too", async () => {
    const dir = tempRepo({ "old/.mcp.json": leaky, "sub/readme.txt": "hi\n" });
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "init");
    git(dir, "rm", "-q", "old/.mcp.json");
    const r = await cli(["scan", "--staged"], path.join(dir, "sub"));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("No problems found in 0 files");
  });

  it("from a subfolder, paths in the repository's .mcplint.yaml hold (the staged paths are relative to the top folder)", async () => {
    const config = "exclude:\n  - vendor/**\nsuppressions:\n  - path: packages/agent/.mcp.json\n    rule: hardcoded-secret\n    reason: revoked demo token\n";
    const dir = tempRepo({ ".mcplint.yaml": config, "packages/agent/.mcp.json": leaky, "vendor/lib/.mcp.json": leaky });
    git(dir, "add", "-A");
    const r = await cli(["scan", "--staged", "--format", "json"], path.join(dir, "packages", "agent"));
    const open = JSON.parse(r.stdout).findings.filter((f: { ruleId: string; suppression?: unknown }) => f.ruleId === "hardcoded-secret" && !f.suppression);
    expect(open).toEqual([]);
  });

  it("leaves out a staged file in a folder that the configuration excludes by its name", async () => {
    const dir = tempRepo({ ".mcplint.yaml": "exclude:\n  - testdata\n", "testdata/deep/.mcp.json": leaky, ".mcp.json": clean });
    git(dir, "add", "-A");
    const r = await cli(["scan", "--staged"], dir);
    expect(r.stdout).toContain("No problems found in 2 files");
    expect(r.exitCode).toBe(0);
  });

  it("reads a staged client configuration over 2 MiB up to the configuration limit, as a full scan does (16 MiB unless --max-file-size is given)", async () => {
    const big = { ...JSON.parse(leaky).mcpServers, history: { command: "node", args: ["server.js"], env: { NOTES: "n".repeat(2_500_000) } } };
    const dir = tempRepo({ ".mcp.json": JSON.stringify({ mcpServers: big }, null, 2) });
    git(dir, "add", "-A");
    const full = await cli(["scan", "--format", "json"], dir);
    const staged = await cli(["scan", "--staged", "--format", "json"], dir);
    const rules = (r: { stdout: string }) => JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(rules(full)).toContain("hardcoded-secret");
    expect(rules(staged)).toEqual(rules(full));
    const capped = await cli(["scan", "--staged", "--format", "json", "--max-file-size", "1m"], dir);
    expect(JSON.parse(capped.stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(["too-large"]);
  });

  it("reports drift from the repository's lock (mcplint lock) in the staged content, from a subfolder too", async () => {
    const notes = clean.replace("github", "notes").replace("GITHUB_PAT", "NOTES_PAT");
    const dir = tempRepo({ ".mcp.json": clean, "packages/agent/.mcp.json": notes });
    expect((await cli(["lock"], dir)).exitCode).toBe(0);
    git(dir, "add", "-A");
    const same = await cli(["scan", "--staged", "--format", "json"], dir);
    expect(JSON.parse(same.stdout).findings).toEqual([]);
    fs.writeFileSync(path.join(dir, "packages/agent/.mcp.json"), notes.replace("@1.2.3", "@2.0.0"));
    git(dir, "add", "-A");
    for (const cwd of [dir, path.join(dir, "packages")]) {
      const r = await cli(["scan", "--staged", "--format", "json"], cwd);
      expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string; location: { file: string }; message: string }) => `${f.ruleId} ${f.location.file} ${f.message}`)).toEqual([
        "config-drift packages/agent/.mcp.json Server 'notes' (claude-code) drifted from the lock: version 1.2.3 → 2.0.0.",
      ]);
      expect(r.exitCode).toBe(1);
    }
  });

  it("a staged symbolic link at a client's path (.cursor/mcp.json -> ../.mcp.json) is read as the file it points to, not as its target's name", async () => {
    const dir = tempRepo({ ".mcp.json": clean.replace('"${GITHUB_PAT}"', '"${env:GITHUB_PAT}"') });
    fs.mkdirSync(path.join(dir, ".cursor"));
    fs.symlinkSync("../.mcp.json", path.join(dir, ".cursor", "mcp.json"));
    fs.symlinkSync(".mcp.json", path.join(dir, "alias.json"));
    git(dir, "add", "-A");
    const r = await cli(["scan", "--staged", "--format", "json"], dir);
    const out = JSON.parse(r.stdout);
    expect(out.findings.filter((f: { ruleId: string }) => f.ruleId === "parse-error")).toEqual([]);
    // Cursor expands ${env:VAR}; Claude Code does not: the shared file is wrong for one of them.
    expect(out.findings.filter((f: { ruleId: string }) => f.ruleId === "unexpanded-reference").map((f: { location: { file: string } }) => f.location.file)).toEqual([".mcp.json"]);
    expect(out.diagnostics).toEqual([{ level: "note", code: "symlink-not-followed", message: "alias.json: staged symbolic link; not followed", file: "alias.json" }]);
    // The same secret through the link is reported once, at the real file.
    fs.writeFileSync(path.join(dir, ".mcp.json"), leaky);
    git(dir, "add", "-A");
    const leak = JSON.parse((await cli(["scan", "--staged", "--format", "json"], dir)).stdout);
    expect(leak.findings.filter((f: { category: string }) => f.category === "hardcoded-secret" || f.category === "shared-secret").map((f: { location: { file: string } }) => f.location.file)).toEqual([".mcp.json"]);
  });

  describe("cross-file links of staged code read their context from the index, and report nothing in it", () => {
    const route = `import { createMcpHandler } from "mcp-handler";\nconst handler = createMcpHandler((server) => {\n  server.tool("delete_note", "Delete a note", {}, async () => ({ content: [] }));\n}, {}, { basePath: "/api" });\nexport { handler as GET, handler as POST };\n`;
    const middleware = (matcher: string, extra = "") =>
      `import { NextResponse, type NextRequest } from "next/server";\n${extra}export function middleware(request: NextRequest) {\n  if (request.headers.get("authorization") !== \`Bearer \${process.env.MCP_TOKEN}\`) {\n    return NextResponse.json({ error: "unauthorized" }, { status: 401 });\n  }\n  return NextResponse.next();\n}\nexport const config = { matcher: ["${matcher}"] };\n`;
    const json = async (args: string[], dir: string) => JSON.parse((await cli([...args, "--format", "json"], dir)).stdout) as { findings: { ruleId: string; location: { file: string } }[]; diagnostics: unknown[] };
    const denials = (out: { findings: { ruleId: string; location: { file: string } }[] }) => out.findings.filter((f) => f.ruleId === "missing-default-deny").map((f) => f.location.file);
    /** The route staged, everything else committed and unchanged. */
    function repo(files: Record<string, string>, stagedFile: string, stagedText: string): string {
      const dir = tempRepo(files);
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", "base");
      fs.mkdirSync(path.dirname(path.join(dir, stagedFile)), { recursive: true });
      fs.writeFileSync(path.join(dir, stagedFile), stagedText);
      git(dir, "add", "-A");
      return dir;
    }

    it("a route staged, the app's middleware committed: guarded, as in a full scan; a matcher that leaves /api out: the error stays", async () => {
      const dir = repo({ "middleware.ts": middleware("/api/:path*") }, "app/api/[transport]/route.ts", route);
      const staged = await cli(["scan", "--staged"], dir);
      expect(staged.exitCode).toBe(0);
      expect(staged.stdout).toContain("No problems found in 1 file");
      expect(denials(await json(["scan", "."], dir))).toEqual([]);

      const open = repo({ "middleware.ts": middleware("/dashboard/:path*") }, "app/api/[transport]/route.ts", route);
      expect(denials(await json(["scan", "--staged"], open))).toEqual(["app/api/[transport]/route.ts"]);
      expect(denials(await json(["scan", "."], open))).toEqual(["app/api/[transport]/route.ts"]);
      // A src/ app reads src/middleware.ts, not the root one (as a full scan does).
      const src = repo({ "src/middleware.ts": middleware("/api/:path*") }, "src/app/api/[transport]/route.ts", route);
      expect(denials(await json(["scan", "--staged"], src))).toEqual([]);
    });

    it("a secret in a context file is not reported, nor anything else of that file", async () => {
      const extra = `const fallback = "${token}";\n`;
      const dir = repo({ "middleware.ts": middleware("/api/:path*", extra) }, "app/api/[transport]/route.ts", route);
      const r = await cli(["scan", "--staged", "--format", "json"], dir);
      expect(r.exitCode).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.findings).toEqual([]);
      expect(out.diagnostics).toEqual([]);
      expect(r.stdout).not.toContain("middleware.ts");
      expect((await cli(["scan", "."], dir)).exitCode).toBe(1);
    });

    it("a router staged, mounted behind auth by a committed app: guarded; a handler staged, served open by a committed route file: the error a full scan gives", async () => {
      const router = `import { Router } from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nexport const mcpRouter = Router();\nmcpRouter.post("/", async (req, res) => {\n  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n  await transport.handleRequest(req, res, req.body);\n});\n`;
      const app = `import express from "express";\nimport { requireAuth } from "./auth";\nimport { mcpRouter } from "./routes/mcp";\nconst app = express();\napp.use("/mcp", requireAuth, mcpRouter);\napp.listen(3000);\n`;
      const dir = repo({ "src/app.ts": app }, "src/routes/mcp.ts", router);
      expect(denials(await json(["scan", "."], dir))).toEqual([]);
      expect(denials(await json(["scan", "--staged"], dir))).toEqual([]);
      const openApp = repo({ "src/app.ts": app.replace("requireAuth, ", "") }, "src/routes/mcp.ts", router);
      expect(denials(await json(["scan", "--staged"], openApp))).toEqual(["src/routes/mcp.ts"]);

      const lib = `import { createMcpHandler } from "mcp-handler";\n\nexport const mcpHandler = createMcpHandler((server) => {\n  server.tool("drop_table", "Drop a table", {}, async () => ({ content: [] }));\n});\n`;
      const reexport = `import { mcpHandler } from "@/lib/mcp";\n\nexport { mcpHandler as GET, mcpHandler as POST };\n`;
      const served = repo({ "src/app/[transport]/route.ts": reexport }, "src/lib/mcp.ts", lib);
      expect(denials(await json(["scan", "--staged"], served))).toEqual(["src/lib/mcp.ts"]);
      const guarded = repo({ "src/app/[transport]/route.ts": reexport, "src/middleware.ts": middleware("/mcp") }, "src/lib/mcp.ts", lib);
      expect(denials(await json(["scan", "--staged"], guarded))).toEqual([]);
    });
  });

  it("a router mounted by an app that names no MCP (app.use(\"/v1\", api)): read on disk and in the index, as the app mounts it", async () => {
    const api = `import { Router } from "express";\nimport { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";\nexport const api = Router();\napi.post("/mcp", async (req, res) => {\n  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });\n  await transport.handleRequest(req, res, req.body);\n});\n`;
    const app = (mount: string) => `import express from "express";\nimport { api } from "./routes/api";\nconst app = express();\n${mount}\napp.listen(3000);\n`;
    const denials = async (args: string[], dir: string) => (JSON.parse((await cli([...args, "--format", "json"], dir)).stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === "missing-default-deny").map((f) => f.message);
    const open = tempRepo({ "src/routes/api.ts": api, "src/app.ts": app(`app.use("/v1", api);`) });
    git(open, "add", "-A");
    const expected = [expect.stringContaining("Endpoint 'POST /v1/mcp' (sdk-typescript) fails open")];
    expect(await denials(["scan", "."], open)).toEqual(expected);
    // Only the router staged: the committed app is read from the index.
    git(open, "commit", "-q", "-m", "base");
    fs.appendFileSync(path.join(open, "src/routes/api.ts"), "// changed\n");
    git(open, "add", "-A");
    expect(await denials(["scan", "--staged"], open)).toEqual(expected);
    const guarded = tempRepo({ "src/routes/api.ts": api, "src/app.ts": app(`app.use("/v1", requireAuth, api);`) });
    git(guarded, "add", "-A");
    expect(await denials(["scan", "."], guarded)).toEqual([]);
    expect(await denials(["scan", "--staged"], guarded)).toEqual([]);
  });

  it("outside a repository, or with --user, is exit 2", async () => {
    const dir = tempTree({ ".mcp.json": clean });
    const outside = await cli(["scan", "--staged"], dir);
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toContain("--staged: not in a git repository");
    // --user with --staged was ignored: no user-level file scanned, and exit 0.
    const withUser = await cli(["scan", "--staged", "--user"], tempRepo({}), { HOME: dir });
    expect(withUser.exitCode).toBe(2);
    expect(withUser.stderr).toContain("--staged scans what is staged, --user the home folder's configuration");
  });
});

const hasPreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasPreCommit) console.warn("SKIPPED: the real pre-commit test needs `pre-commit` on PATH (apt-get install pre-commit, or pip install pre-commit).");

describe.skipIf(!hasPreCommit)("the real pre-commit framework", () => {
  // pre-commit installs the hook from a committed revision: this tests HEAD of this repository, not uncommitted changes.
  it("fails on a staged secret (red) and passes on a clean file (green)", { timeout: 900_000 }, () => {
    const head = git(REPO_ROOT, "rev-parse", "HEAD").trim();
    const dir = tempRepo({ ".pre-commit-config.yaml": `repos:\n  - repo: ${JSON.stringify(REPO_ROOT)}\n    rev: ${head}\n    hooks:\n      - id: mcplint\n      - id: mcplint-all-files\n` });
    // A shared cache: pre-commit keys environments by repo and revision, so only a new HEAD reinstalls (about 2 minutes).
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(process.env.MCPLINT_TEST_SHARED_TMPDIR ?? os.tmpdir(), "mcplint-test-pre-commit-home"), PRE_COMMIT_COLOR: "never", NO_COLOR: "1" };
    fs.writeFileSync(path.join(dir, ".mcp.json"), leaky);
    git(dir, "add", "-A");
    const red = spawnSync("pre-commit", ["run"], { cwd: dir, env, encoding: "utf8", timeout: 850_000 });
    expect(red.status, red.stdout + red.stderr).toBe(1);
    expect(red.stdout).toContain("mcplint (MCP configuration)");
    expect(red.stdout).toContain("Failed");
    expect(red.stdout).toContain("hardcoded-secret");
    expect(red.stdout).not.toContain(token);

    fs.writeFileSync(path.join(dir, ".mcp.json"), clean);
    git(dir, "add", "-A");
    const green = spawnSync("pre-commit", ["run"], { cwd: dir, env, encoding: "utf8", timeout: 300_000 });
    expect(green.status, green.stdout + green.stderr).toBe(0);
    expect(green.stdout).toMatch(/mcplint \(MCP configuration\)\.+Passed/);

    // A file no catalog path names, staged alone: mcplint's `files:` pattern leaves it out, mcplint-all-files reads it.
    git(dir, "commit", "-q", "-m", "clean");
    const gh = fakeGitHubToken("ghp", "pre-commit-properties");
    fs.mkdirSync(path.join(dir, "deploy"));
    fs.writeFileSync(path.join(dir, "deploy/app.properties"), `github.token=${gh}\n`);
    git(dir, "add", "-A");
    const other = spawnSync("pre-commit", ["run"], { cwd: dir, env, encoding: "utf8", timeout: 300_000 });
    expect(other.status, other.stdout + other.stderr).toBe(1);
    expect(other.stdout).toMatch(/mcplint \(MCP configuration\)\.+\(no files to check\)Skipped/);
    expect(other.stdout).toMatch(/mcplint \(every staged file\)\.+Failed/);
    expect(other.stdout).toMatch(/deploy\/app\.properties:1:14 +\w+ +hardcoded-secret/);
    expect(other.stdout).not.toContain(gh);
  });
});
