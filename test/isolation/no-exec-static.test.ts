/**
 * Static proof that a scan never executes or connects: no module reachable
 * from the library and CLI entries imports child_process or a network
 * module. The one exception is `src/discover/staged.ts` (git access for
 * `--staged`), which may import child_process and must only be reachable
 * through a dynamic `import()`, i.e. loaded only when --staged asks for it.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.js";
import { isBuiltin, opaqueDynamicImports, reachable, usesCreateRequire } from "./import-graph.js";

const ENTRIES = ["src/api.ts", "src/cli/run.ts", "src/cli/main.ts"].map((p) => path.join(REPO_ROOT, p));
const FORBIDDEN = ["child_process", "net", "tls", "http", "https", "http2", "dns", "dgram", "cluster", "inspector"];
const STAGED = path.join(REPO_ROOT, "src/discover/staged.ts");
const rel = (abs: string) => path.relative(REPO_ROOT, abs).split(path.sep).join("/");
const forbidden = (spec: string) => FORBIDDEN.includes(spec.split("/")[0] as string);

describe("the scan path imports no process or network module", () => {
  const all = reachable(ENTRIES, ["static", "dynamic", "require"]);
  const staticOnly = reachable(ENTRIES, ["static"]);

  it("the graph is real: it reaches the parsers, the rules and the reporters", () => {
    const files = [...all.keys()].map(rel);
    for (const f of ["src/discover/walk.ts", "src/discover/read.ts", "src/parse/yaml.ts", "src/parse/toml.ts", "src/rules/index.ts", "src/report/sarif.ts", "src/report/inventory.ts"]) expect(files).toContain(f);
    expect(files.length).toBeGreaterThan(30);
  });

  it("no reachable module imports child_process, net, tls, http(s/2), dns, dgram (staged.ts aside)", () => {
    const offenders = [...all.entries()].filter(([file]) => file !== STAGED).flatMap(([file, edges]) => edges.filter((e) => !e.local && forbidden(e.to)).map((e) => `${rel(file)} → ${e.to} (${e.kind})`));
    expect(offenders).toEqual([]);
  });

  it("no reachable module uses require() or createRequire (which would hide imports from this check)", () => {
    // Named exceptions, each a lazy load kept off the start-up path: the tree-sitter native
    // binding (a CommonJS addon), semver (first version range), yaml and @iarna/toml (first
    // YAML or TOML file), picomatch (first glob that needs it), worker_threads (first pool
    // worker; a few-file scan never starts one), node:v8 (the CLI's tuning for a large tree, and
    // the backtracking bound for regexes from scanned files: configured patterns, Amp rules),
    // node:v8 and node:vm in tree-memory.ts (V8's collector, read as the constant `gc` from a
    // fresh context, to free tree-sitter trees during a scan; nothing scanned is evaluated).
    // Their literal targets are
    // checked here; the pool resolves tsx's loader path for workers when run from sources (tests).
    const LAZY: Record<string, readonly string[]> = {
      "src/parse/typescript.ts": ["tree-sitter", "tree-sitter-typescript"],
      "src/engine/approved.ts": ["semver"],
      "src/parse/yaml.ts": ["yaml"],
      "src/parse/toml.ts": ["@iarna/toml"],
      "src/catalog/glob.ts": ["picomatch"],
      "src/engine/pool.ts": ["worker_threads"],
      "src/cli/long-run.ts": ["v8"],
      "src/util/untrusted-regex.ts": ["v8"],
      "src/parse/tree-memory.ts": ["v8", "vm"],
    };
    const offenders = [...all.entries()].flatMap(([file, edges]) => edges.filter((e) => e.kind === "require" && !(LAZY[rel(file)] ?? []).includes(e.to)).map((e) => `${rel(file)} requires ${e.to}`));
    expect(offenders).toEqual([]);
    expect([...all.keys()].filter(usesCreateRequire).map(rel).sort()).toEqual(["src/catalog/glob.ts", "src/cli/long-run.ts", "src/engine/approved.ts", "src/engine/pool.ts", "src/parse/toml.ts", "src/parse/tree-memory.ts", "src/parse/typescript.ts", "src/parse/yaml.ts", "src/util/untrusted-regex.ts"]);
  });

  it("every dynamic import has a literal specifier (the graph misses nothing)", () => {
    const opaque = [...all.keys()].flatMap((f) => opaqueDynamicImports(f).map((i) => `${rel(f)}: ${i}`));
    expect(opaque).toEqual([]);
  });

  it("every bare import is a Node built-in or a declared dependency", async () => {
    const pkg = (await import("../../package.json", { with: { type: "json" } })).default as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]);
    const bare = [...all.values()].flat().filter((e) => !e.local);
    const unknown = bare.filter((e) => !isBuiltin(e.to) && !declared.has(e.to.startsWith("@") ? e.to.split("/").slice(0, 2).join("/") : (e.to.split("/")[0] as string)));
    expect(unknown.map((e) => `${rel(e.from)} → ${e.to}`)).toEqual([]);
  });

  it("src/discover/staged.ts, when present, is reachable only through dynamic import()", () => {
    expect(staticOnly.has(STAGED), "staged.ts must not be imported statically from the scan path").toBe(false);
    const intoStaged = [...all.values()].flat().filter((e) => e.local && e.to === STAGED);
    for (const e of intoStaged) expect(e.kind, `${rel(e.from)} imports staged.ts`).toBe("dynamic");
  });
});

describe("the import-graph checker itself", () => {
  it("sees static, side-effect, re-export, dynamic and require imports, and skips type-only ones", async () => {
    const { tempTree } = await import("../helpers.js");
    const dir = tempTree({
      "entry.ts": `import { a } from "./a.js";\nimport type { T } from "./types.js";\nexport * from "./b.js";\nimport "./side.js";\n// import "./commented.js";\nconst s = await import("./staged.js");\n`,
      "a.ts": `import { spawn } from "node:child_process";\nexport const a = 1;\n`,
      "b.ts": `const net = require("net");\n`,
      "side.ts": "",
      "types.ts": `import * as http from "node:http";\n`,
      "staged.ts": `import { execFile } from "node:child_process";\n`,
    });
    const graph = reachable([path.join(dir, "entry.ts")], ["static", "dynamic", "require"]);
    const files = [...graph.keys()].map((f) => path.basename(f)).sort();
    expect(files).toEqual(["a.ts", "b.ts", "entry.ts", "side.ts", "staged.ts"]);
    const bare = [...graph.values()].flat().filter((e) => !e.local).map((e) => `${path.basename(e.from)}:${e.to}:${e.kind}`).sort();
    expect(bare).toEqual(["a.ts:child_process:static", "b.ts:net:require", "staged.ts:child_process:static"]);
    expect([...reachable([path.join(dir, "entry.ts")], ["static"]).keys()].map((f) => path.basename(f)).sort()).toEqual(["a.ts", "b.ts", "entry.ts", "side.ts"]);
  });
});
