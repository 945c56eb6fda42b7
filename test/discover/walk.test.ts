/**
 * The walker: which files a scan sees. `.gitignore` files apply to their own
 * folder and below (as in git), excluded folders are not entered, skipped
 * folders (`.git`, `node_modules`) are never walked, links are reported and
 * not followed, `--exclude` globs apply to paths and base names.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../../src/api.js";
import { walk } from "../../src/discover/walk.js";

let root: string;

function put(rel: string, text = "x\n"): void {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "mcplint-walk-"));
  put(".gitignore", "dist/\n*.log\n!keep.log\n/only-top.json\n");
  put(".mcp.json", "{}");
  put("app.log");
  put("keep.log");
  put("only-top.json");
  put("dist/.mcp.json");
  put("dist/.gitignore", "!*.json\n");
  put("dist/deep/x.json");
  put("sub/only-top.json");
  put("sub/.gitignore", "local.json\nbuild\n");
  put("sub/local.json");
  put("sub/build/out.json");
  put("sub/kept.json");
  put("other/local.json");
  put("node_modules/pkg/.mcp.json");
  put("sub/node_modules/pkg/index.js");
  put(".git/config");
  put(".vscode/mcp.json", "{}");
  mkdirSync(path.join(root, "dist/links"), { recursive: true });
  symlinkSync("/", path.join(root, "dist/links/to-root"));
  symlinkSync(".mcp.json", path.join(root, "link.json"));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const rels = (r: Awaited<ReturnType<typeof walk>>) => r.files.map((f) => f.rel);

describe("walk", () => {
  it("gives each file's absolute path as the root joined with its relative path (also when the root is given with a trailing separator)", async () => {
    for (const given of [root, root + path.sep, path.join(root, "sub", "..")]) {
      const r = await walk({ paths: [given], cwd: tmpdir() });
      expect(r.files.length).toBeGreaterThan(5);
      for (const f of r.files) expect(f.abs).toBe(path.join(r.root, ...f.rel.split("/")));
    }
  });

  it("honours .gitignore files at every level and never enters skipped folders; paths are sorted", async () => {
    const r = await walk({ paths: ["."], cwd: root });
    expect(rels(r)).toEqual([".gitignore", ".mcp.json", ".vscode/mcp.json", "keep.log", "other/local.json", "sub/.gitignore", "sub/kept.json", "sub/only-top.json"]);
    // The link in the ignored folder is not reported; the one outside it is, and not followed.
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(["symlink-not-followed link.json"]);
  });

  it("reports the files found so far after each folder (the scan starts pool workers and their first chunks from it)", async () => {
    const counts: number[] = [];
    const seen: string[][] = [];
    const r = await walk({ paths: ["."], cwd: root, onFiles: (found) => (counts.push(found.length), seen.push(found.map((f) => f.rel))) });
    expect(counts.length).toBeGreaterThan(3);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(r.files.length);
    // The list only grows: every earlier report is a prefix of the last one, which holds every file.
    const last = seen.at(-1) ?? [];
    for (const s of seen) expect(last.slice(0, s.length)).toEqual(s);
    expect([...last].sort()).toEqual(rels(r));
  });

  it("without .gitignore, lists every regular file outside the skipped folders", async () => {
    const r = await walk({ paths: ["."], cwd: root, gitignore: false });
    expect(rels(r)).toContain("dist/deep/x.json");
    expect(rels(r)).toContain("sub/build/out.json");
    expect(rels(r)).toContain("app.log");
    expect(rels(r).some((p) => p.includes("node_modules") || p.startsWith(".git/"))).toBe(false);
    expect(r.diagnostics.map((d) => d.file).sort()).toEqual(["dist/links/to-root", "link.json"]);
  });

  it("a subfolder keeps paths relative to the current folder and applies its own .gitignore", async () => {
    const r = await walk({ paths: ["sub"], cwd: root });
    expect(rels(r)).toEqual(["sub/.gitignore", "sub/kept.json", "sub/only-top.json"]);
  });

  it("--exclude globs match paths and base names", async () => {
    const r = await walk({ paths: ["."], cwd: root, exclude: ["sub/**", "*.log"] });
    expect(rels(r)).toEqual([".gitignore", ".mcp.json", ".vscode/mcp.json", "other/local.json"]);
  });

  it.each([["sub"], ["sub/"], ["**/sub"], ["sub/**"]])("--exclude %s leaves out the folder and everything under it", async (glob) => {
    const r = await walk({ paths: ["."], cwd: root, exclude: [glob, "*.log", ".gitignore"] });
    expect(rels(r)).toEqual([".mcp.json", ".vscode/mcp.json", "other/local.json"]);
  });

  it.each([["absolute"], ["./"]])("--exclude takes an %s path as the folder it names (`--exclude \"$PWD/sub\"`, `./sub`)", async (form) => {
    const glob = form === "absolute" ? path.join(root, "sub") : "./sub";
    const r = await walk({ paths: ["."], cwd: root, exclude: [glob, "*.log", ".gitignore"] });
    expect(rels(r)).toEqual([".mcp.json", ".vscode/mcp.json", "other/local.json"]);
  });

  it.each([["sub/**"], ["./sub"], ["absolute"]])("--exclude %s is a path from the root, as in .gitignore: a folder of that name deeper down is still walked", async (form) => {
    put("a/sub/x.json");
    try {
      const glob = form === "absolute" ? path.join(root, "sub") : form;
      expect(rels(await walk({ paths: ["."], cwd: root, exclude: [glob, "*.log", ".gitignore"] }))).toEqual([".mcp.json", ".vscode/mcp.json", "a/sub/x.json", "other/local.json"]);
      // A name (no `/`) still leaves out every folder of that name.
      for (const name of ["sub", "sub/", "**/sub"]) expect(rels(await walk({ paths: ["."], cwd: root, exclude: [name, "*.log", ".gitignore"] }))).toEqual([".mcp.json", ".vscode/mcp.json", "other/local.json"]);
    } finally {
      rmSync(path.join(root, "a"), { recursive: true, force: true });
    }
  });

  it("--exclude with a leading / is anchored at the root, as in a .gitignore file (`/sub`, `/sub/**`): not a name matched anywhere, not a path of the file system", async () => {
    put("a/sub/x.json");
    try {
      for (const glob of ["/sub", "/sub/", "/sub/**", "//sub"]) {
        expect(rels(await walk({ paths: ["."], cwd: root, exclude: [glob, "*.log", ".gitignore"] }))).toEqual([".mcp.json", ".vscode/mcp.json", "a/sub/x.json", "other/local.json"]);
      }
      expect(rels(await walk({ paths: ["."], cwd: root, exclude: ["/a/sub", "/sub", "*.log", ".gitignore"] }))).toEqual([".mcp.json", ".vscode/mcp.json", "other/local.json"]);
    } finally {
      rmSync(path.join(root, "a"), { recursive: true, force: true });
    }
  });

  it("--exclude with a folder's name leaves it out at any depth, and a path only where it is", async () => {
    put("a/b/sub/x.json");
    try {
      expect(rels(await walk({ paths: ["a"], cwd: root, exclude: ["sub"] }))).toEqual([]);
      expect(rels(await walk({ paths: ["a", "sub"], cwd: root, exclude: ["a/b"] }))).toEqual(["sub/.gitignore", "sub/kept.json", "sub/only-top.json"]);
    } finally {
      rmSync(path.join(root, "a"), { recursive: true, force: true });
    }
  });

  it("--exclude of a folder leaves out files and folders named under it on the command line, as the walk leaves them out", async () => {
    for (const glob of ["sub", "sub/", "**/sub"]) {
      expect(rels(await walk({ paths: ["sub/kept.json", ".mcp.json", "sub/build"], cwd: root, exclude: [glob] }))).toEqual([".mcp.json"]);
    }
    expect(rels(await walk({ paths: ["sub/kept.json", "other/local.json"], cwd: root, exclude: ["other"] }))).toEqual(["sub/kept.json"]);
  });

  it("a missing path is an error diagnostic and the other paths are still walked", async () => {
    const r = await walk({ paths: ["nope", "other"], cwd: root });
    expect(rels(r)).toEqual(["other/local.json"]);
    expect(r.diagnostics).toMatchObject([{ level: "error", code: "unreadable", file: "nope" }]);
  });
});

describe("the root that reported paths are relative to", () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), "mcplint-root-"));
    for (const d of ["r/a/.cursor", "r/b/.roo", "elsewhere"]) mkdirSync(path.join(base, d), { recursive: true });
    writeFileSync(path.join(base, "r/a/.cursor/mcp.json"), "{}");
    writeFileSync(path.join(base, "r/b/.roo/mcp.json"), "{}");
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("is the deepest folder holding every scanned path when they are outside the current folder", async () => {
    const cwd = path.join(base, "elsewhere");
    const result = await walk({ paths: [path.join(base, "r/a"), path.join(base, "r/b/.roo/mcp.json")], cwd });
    expect(result.root).toBe(path.join(base, "r"));
    expect(result.files.map((f) => f.rel).sort()).toEqual(["a/.cursor/mcp.json", "b/.roo/mcp.json"]);
  });

  it("lets each client's config be recognised when two folders outside the current one are scanned", async () => {
    writeFileSync(path.join(base, "r/a/.cursor/mcp.json"), JSON.stringify({ mcpServers: { s: { command: "npx", args: ["-y", "x"] } } }));
    writeFileSync(path.join(base, "r/b/.roo/mcp.json"), JSON.stringify({ mcpServers: { s: { command: "npx", args: ["-y", "x"] } } }));
    const result = await scan({ paths: [path.join(base, "r/a"), path.join(base, "r/b")], cwd: path.join(base, "elsewhere"), lockFile: false });
    expect(result.findings.filter((f) => f.ruleId === "unpinned-package").map((f) => f.loc.file)).toEqual(["a/.cursor/mcp.json", "b/.roo/mcp.json"]);
  });

  it("is the current folder when every path is inside it, and the scanned folder when one path is outside", async () => {
    expect((await walk({ paths: ["a", "b"], cwd: path.join(base, "r") })).root).toBe(path.join(base, "r"));
    expect((await walk({ paths: [path.join(base, "r/a")], cwd: path.join(base, "elsewhere") })).root).toBe(path.join(base, "r/a"));
  });

  it("sits above the catalog folder a file or folder outside the current folder is in, so its format is still known (`~/.cursor/mcp.json`)", async () => {
    writeFileSync(path.join(base, "r/a/.cursor/mcp.json"), JSON.stringify({ mcpServers: { s: { command: "npx", args: ["-y", "x"] } } }));
    const cwd = path.join(base, "elsewhere");
    for (const p of ["r/a/.cursor/mcp.json", "r/a/.cursor"]) {
      const result = await scan({ paths: [path.join(base, p)], cwd, lockFile: false });
      expect(result.root).toBe(path.join(base, "r/a"));
      expect(result.model.servers.map((s) => [s.client, s.name, s.loc.file])).toEqual([["cursor", "s", ".cursor/mcp.json"]]);
      expect(result.findings.filter((f) => f.ruleId === "unpinned-package").map((f) => f.loc.file)).toEqual([".cursor/mcp.json"]);
    }
    mkdirSync(path.join(base, "r/c/.continue/mcpServers"), { recursive: true });
    writeFileSync(path.join(base, "r/c/.continue/mcpServers/x.yaml"), "name: x\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: s\n    command: npx\n    args: [\"-y\", \"x@1.0.0\"]\n");
    const nested = await scan({ paths: [path.join(base, "r/c/.continue/mcpServers/x.yaml")], cwd, lockFile: false });
    expect(nested.model.servers.map((s) => [s.client, s.loc.file])).toEqual([["continue", ".continue/mcpServers/x.yaml"]]);
  });

  it("sits above the catalog folder the current folder is (`cd .cursor && mcplint scan`), unless that folder is a repository's root", async () => {
    writeFileSync(path.join(base, "r/a/.cursor/mcp.json"), JSON.stringify({ mcpServers: { s: { command: "npx", args: ["-y", "x"] } } }));
    const cwd = path.join(base, "r/a/.cursor");
    for (const paths of [["."], ["mcp.json"]]) {
      const result = await scan({ paths, cwd, lockFile: false });
      expect(result.root).toBe(path.join(base, "r/a"));
      expect(result.findings.filter((f) => f.ruleId === "unpinned-package").map((f) => f.loc.file)).toEqual([".cursor/mcp.json"]);
    }
    mkdirSync(path.join(cwd, ".git"));
    try {
      expect((await walk({ paths: ["."], cwd })).root).toBe(cwd);
    } finally {
      rmSync(path.join(cwd, ".git"), { recursive: true });
    }
  });

  it("does not climb out of a folder whose name a catalog path has only as a plain word (a repository named `zed` or `codex`)", async () => {
    for (const name of ["zed", "codex", "goose"]) mkdirSync(path.join(base, name), { recursive: true });
    for (const name of ["zed", "codex", "goose"]) expect((await walk({ paths: [path.join(base, name)], cwd: path.join(base, "elsewhere") })).root).toBe(path.join(base, name));
  });
});

describe(".gitignore files above a scanned folder", () => {
  let repo: string;
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), "mcplint-gitabove-"));
    for (const d of [".git", "app/generated/.cursor", "app/src"]) mkdirSync(path.join(repo, d), { recursive: true });
    writeFileSync(path.join(repo, ".gitignore"), "generated/\n/app/src/local.json\n");
    writeFileSync(path.join(repo, "app/generated/.cursor/mcp.json"), "{}");
    writeFileSync(path.join(repo, "app/src/local.json"), "{}");
    writeFileSync(path.join(repo, "app/src/kept.json"), "{}");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("apply inside their repository, as git applies them: to a subfolder scanned from the top or from inside it", async () => {
    expect((await walk({ paths: ["app"], cwd: repo })).files.map((f) => f.rel)).toEqual(["app/src/kept.json"]);
    expect((await walk({ paths: ["."], cwd: path.join(repo, "app") })).files.map((f) => f.rel)).toEqual(["src/kept.json"]);
    expect((await walk({ paths: ["."], cwd: path.join(repo, "app"), gitignore: false })).files.map((f) => f.rel)).toEqual(["generated/.cursor/mcp.json", "src/kept.json", "src/local.json"]);
  });

  it("leave a folder scanned by name alone when they ignore the folder itself (as ripgrep does)", async () => {
    expect((await walk({ paths: ["app/generated"], cwd: repo })).files.map((f) => f.rel)).toEqual(["app/generated/.cursor/mcp.json"]);
    expect((await walk({ paths: ["."], cwd: path.join(repo, "app/generated") })).files.map((f) => f.rel)).toEqual([".cursor/mcp.json"]);
  });

  it("do not apply outside a repository", async () => {
    rmSync(path.join(repo, ".git"), { recursive: true });
    try {
      expect((await walk({ paths: ["app"], cwd: repo })).files.map((f) => f.rel)).toEqual(["app/generated/.cursor/mcp.json", "app/src/kept.json", "app/src/local.json"]);
    } finally {
      mkdirSync(path.join(repo, ".git"));
    }
  });
});

const hasGit = spawnSync("git", ["--version"]).status === 0;

describe.skipIf(!hasGit)(".gitignore and files that git tracks", () => {
  // A .gitignore does not apply to tracked files: a .mcp.json or .env committed before a rule
  // matched it (or added with `git add -f`) is in every clone and in the commit code scanning
  // analyses, so the walk must not skip it. Tracked paths come from the index file, not from git.
  let repo: string;
  const git = (cwd: string, ...args: string[]) => {
    const r = spawnSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], { cwd, encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
  };
  beforeAll(() => {
    repo = mkdtempSync(path.join(tmpdir(), "mcplint-tracked-"));
    git(repo, "init", "-q");
    const files: Record<string, string> = { ".gitignore": ".mcp.json\n.env\nlocal/\n*.log\n", ".mcp.json": "{}", "app/.env": "A=1\n", "local/.cursor/mcp.json": "{}", "local/other.json": "{}", "x.log": "x\n", "app/y.log": "y\n" };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    }
    git(repo, "add", ".gitignore");
    git(repo, "add", "-f", ".mcp.json", "app/.env", "local/.cursor/mcp.json");
    git(repo, "commit", "-qm", "init");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it.each([2, 3, 4])("are walked though ignored; untracked ignored files are not (index version %i)", async (version) => {
    git(repo, "update-index", "--index-version", String(version));
    expect((await walk({ paths: ["."], cwd: repo })).files.map((f) => f.rel)).toEqual([".gitignore", ".mcp.json", "app/.env", "local/.cursor/mcp.json"]);
    expect((await walk({ paths: ["app"], cwd: repo })).files.map((f) => f.rel)).toEqual(["app/.env"]);
    expect((await walk({ paths: ["."], cwd: path.join(repo, "app") })).files.map((f) => f.rel)).toEqual([".env"]);
  });

  it("in a linked worktree too (.git is a gitdir: file)", async () => {
    const wt = `${repo}-wt`;
    git(repo, "worktree", "add", "-q", wt);
    try {
      expect((await walk({ paths: ["."], cwd: wt })).files.map((f) => f.rel)).toEqual([".gitignore", ".mcp.json", "app/.env", "local/.cursor/mcp.json"]);
    } finally {
      rmSync(wt, { recursive: true, force: true });
    }
  });
});

describe("a .git file", () => {
  it("a linked worktree's or submodule's `.git` pointer file is git's: not listed, like the `.git` folder", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "mcplint-gitfile-"));
    try {
      writeFileSync(path.join(root, ".git"), "gitdir: /elsewhere/.git/worktrees/wt\n");
      mkdirSync(path.join(root, "sub"));
      writeFileSync(path.join(root, "sub", ".git"), "gitdir: ../.git/modules/sub\n");
      writeFileSync(path.join(root, ".mcp.json"), "{}");
      const r = await walk({ paths: ["."], cwd: root });
      expect(r.files.map((f) => f.rel).sort()).toEqual([".mcp.json"]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
