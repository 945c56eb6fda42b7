/**
 * The walker: which files a scan sees. `.gitignore` files apply to their own
 * folder and below (as in git), excluded folders are not entered, skipped
 * folders (`.git`, `node_modules`) are never walked, links are reported and
 * not followed, `--exclude` globs apply to paths and base names.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(["symlink-outside-root link.json"]);
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

  it("a missing path is an error diagnostic and the other paths are still walked", async () => {
    const r = await walk({ paths: ["nope", "other"], cwd: root });
    expect(rels(r)).toEqual(["other/local.json"]);
    expect(r.diagnostics).toMatchObject([{ level: "error", code: "unreadable", file: "nope" }]);
  });
});
