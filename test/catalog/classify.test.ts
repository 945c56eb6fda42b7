/**
 * classifyPath compiles a format's globs only for paths that have the globs'
 * literal parts, and decides literal paths under a leading `**` without
 * picomatch (start-up: a run over a few files compiles no glob). It must
 * decide exactly as testing every format's globs in catalog order with
 * picomatch does, odd paths included (`.`/`..` folders, empty segments,
 * backslashes).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { classifyPath } from "../../src/catalog/classify.js";
import { PATH_FORMATS } from "../../src/catalog/formats.js";
import { FIXTURES } from "../helpers.js";

const reference = PATH_FORMATS.map((f) => ({ id: f.id, match: picomatch(f.globs as string[], { dot: true, nocase: false }) }));
const byEveryGlob = (p: string) => reference.find((r) => r.match(p))?.id;

/** Concrete paths for a glob: `**` as nothing or folders, `*` as several strings, each `{a,b}` alternative. */
function examplesOf(glob: string): string[] {
  let out = [glob];
  out = out.flatMap((g) => (g.startsWith("**/") ? [g.slice(3), `a/${g.slice(3)}`, `.hidden/b/${g.slice(3)}`] : [g]));
  out = out.flatMap((g) => (g.includes("/**/") ? [g.replace("/**/", "/"), g.replace("/**/", "/x/y/")] : [g]));
  out = out.flatMap((g) => {
    const m = /\{([^}]*)\}/.exec(g);
    return m ? (m[1] as string).split(",").map((alt) => g.replace(m[0], alt)) : [g];
  });
  return out.flatMap((g) => (g.includes("*") ? [g.replace(/\*/g, "x"), g.replace(/\*/g, ".dot"), g.replace(/\*/g, "")] : [g]));
}

function fixturePaths(): string[] {
  return fs
    .readdirSync(FIXTURES, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(FIXTURES, path.join(d.parentPath, d.name)).split(path.sep).join("/"));
}

describe("classifyPath", () => {
  const near = ["appsettings.json", "appsettings.Production.json", "x/appsettings.json.bak", ".env", ".env.local", "a/.env.x/y.json", "env.local", "Code - Insiders/User/mcp.json", "Code/User/profiles/p1/mcp.json", "code/User/mcp.json", ".CURSOR/mcp.json", ".cursor/MCP.json", ".cursor/mcp.json/x", "x.code-workspace", ".code-workspace", "a/.amazonq/cli-agents/x/y.json", "a\\.cursor\\mcp.json", "./.cursor/mcp.json", ".codex/a.config.toml", ".codex/config.toml.x", "managed-settings.d/.json", "src/index.d.ts", "src/a.tsx", "src/a.ts.map", "README.md", ""];
  const examples = [...PATH_FORMATS.flatMap((f) => f.globs.flatMap(examplesOf)), ...fixturePaths()];
  const odd = (p: string) => [`repo/${p}`, `./${p}`, `../${p}`, `a/../${p}`, `a/./${p}`, `a//${p}`, `/${p}`, `~/${p}`, `a/.../${p}`, `**/${p}`, `x${p}`, p.replace(/\//g, "\\")];
  const paths = [...new Set([...examples, ...examples.flatMap(odd), ...near])];

  it("decides as testing every format's globs in catalog order", () => {
    expect(paths.length).toBeGreaterThan(5000);
    const differ = paths.filter((p) => classifyPath(p)?.id !== byEveryGlob(p)).map((p) => `${p}: ${classifyPath(p)?.id} vs ${byEveryGlob(p)}`);
    expect(differ).toEqual([]);
    // The examples do reach most formats (the comparison is not vacuous).
    expect(new Set(paths.map((p) => classifyPath(p)?.id).filter(Boolean)).size).toBe(PATH_FORMATS.length);
  });
});
