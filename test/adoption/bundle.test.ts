/**
 * The bundled CLI (scripts/build-cli.mjs; what bin/mcplint.js runs), built
 * here from the current sources into test-output/ with a copy of the bin and
 * package.json beside it, as in the package. It must give the library's
 * results (JSON report and inventory on every fixture folder, also through its
 * worker pool), start-up stays lazy (`--version` and a pre-commit run over
 * three JSON configurations run only the modules they need) and the code
 * cache is made, taken, and ignored when it does not belong to the bundle.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import * as vm from "node:vm";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeReader } from "../../src/discover/read.js";
import { analyzeSource, prepareAnalysis, type FileOutcome } from "../../src/engine/analyze-source.js";
import type { PoolReply, PoolRequest } from "../../src/engine/pool.js";
import { cli, FIXTURES, REPO_ROOT, tempTree } from "../helpers.js";

const ROOT = path.join(REPO_ROOT, "test-output", `bundle-${process.pid}`);
const OUT = path.join(ROOT, "dist", "cli");
const BIN = path.join(ROOT, "bin", "mcplint.js");
const PRE_COMMIT_FILES = ["fixtures/clients/claude-code/.mcp.json", "fixtures/clients/cursor/.cursor/mcp.json", "fixtures/clients/vscode/.vscode/mcp.json"];

interface Metafile {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown> }>;
}

beforeAll(() => {
  fs.rmSync(ROOT, { recursive: true, force: true });
  fs.mkdirSync(path.join(ROOT, "bin"), { recursive: true });
  for (const f of ["mcplint.js", "load-cli.js", "package.json"]) fs.copyFileSync(path.join(REPO_ROOT, "bin", f), path.join(ROOT, "bin", f));
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(ROOT, "package.json"));
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build-cli.mjs"), "--outdir", OUT], { cwd: REPO_ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bundling failed: ${r.stderr}`);
}, 120_000);

afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

/** The bundled bin, as a user runs it (no colours, no CI variables). */
function bundled(argv: string[], nodeArgs: string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, BIN, ...argv], { cwd: REPO_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 });
}

describe("the bundled CLI and a reader that stops early", () => {
  it.each([["sarif"], ["text"]])("`mcplint scan --format %s | head -c 100` prints no stack trace (EPIPE) and keeps the scan's exit code", (format) => {
    const script = `{ "${process.execPath}" "${BIN}" scan fixtures --format ${format}; echo "status=$?" >&3; } 3>&2 | head -c 100 >/dev/null`;
    const r = spawnSync("sh", ["-c", script], { cwd: REPO_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } });
    expect(r.stderr).toBe("status=1\n");
  });
});

describe("the bundled CLI and a report that cannot be written", () => {
  // /dev/full fails every write with ENOSPC: a full disk under `mcplint scan > report.txt`.
  it.runIf(fs.existsSync("/dev/full"))("stdout on a full disk: one line on stderr and exit 2, no stack trace, not the scan's exit code", () => {
    // Findings (exit 1 before) and a clean folder (exit 0 before: read as a clean scan).
    for (const folder of ["fixtures/clients/cursor", tempTree({ ".mcp.json": '{ "mcpServers": {} }\n' })]) {
      const full = fs.openSync("/dev/full", "w");
      try {
        const r = spawnSync(process.execPath, [BIN, "scan", folder, "--fail-on", "none"], { cwd: REPO_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }, stdio: ["ignore", full, "pipe"] });
        expect({ folder, status: r.status, stderr: r.stderr }).toEqual({ folder, status: 2, stderr: "mcplint: cannot write to standard output: ENOSPC\n" });
      } finally {
        fs.closeSync(full);
      }
    }
  });
});

describe("the bundled CLI gives the library's results", { timeout: 120_000 }, () => {
  const folders = fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `fixtures/${d.name}`);

  it.each(folders)("scan %s --format json", async (folder) => {
    const argv = ["scan", folder, "--format", "json", "--fail-on", "none"];
    const library = await cli(argv, REPO_ROOT);
    const bundle = bundled(argv);
    expect(bundle.stderr).toBe(library.stderr);
    expect(bundle.status).toBe(library.exitCode);
    expect(JSON.parse(library.stdout).summary.filesScanned).toBeGreaterThan(0);
    expect(bundle.stdout).toBe(library.stdout);
  });

  it("scan fixtures --threads 2 (the bundled worker pool) and inventory", async () => {
    for (const argv of [["scan", "fixtures", "--format", "json", "--fail-on", "none", "--threads", "2"], ["inventory", "fixtures", "--format", "json"]]) {
      const library = await cli(argv, REPO_ROOT);
      const bundle = bundled(argv);
      expect(bundle.status, argv.join(" ")).toBe(library.exitCode);
      expect(bundle.stdout, argv.join(" ")).toBe(library.stdout);
    }
  });

  it("its scan worker starts and answers as the sources' analysis does", async () => {
    // The pool falls back to the main thread when a worker fails, so a broken worker bundle would not show above.
    const files = ["clients/cursor/.cursor/mcp.json", "policies/codex/.codex/config.toml", "clients/continue/.continue/config.yaml", "typescript/agent/src/github-agent.ts", "typescript/server-express/src/server.ts"]
      .filter((rel) => fs.existsSync(path.join(FIXTURES, rel)))
      .map((rel) => ({ abs: path.join(FIXTURES, rel), rel }));
    expect(files.length).toBe(5);
    const worker = new Worker(pathToFileURL(path.join(OUT, "scan-worker.js")));
    try {
      const request: PoolRequest = { id: 7, files, maxFileSize: 2 * 1024 * 1024, settings: {} };
      const reply = await new Promise<PoolReply>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
        worker.postMessage(request);
      });
      const read = makeReader(request.maxFileSize, { byteView: true, walked: true });
      const prep = prepareAnalysis({});
      const expected: FileOutcome[] = files.map((f) => analyzeSource(f, read, prep));
      expect(reply.id).toBe(7);
      expect(reply.outcomes).toEqual(expected);
    } finally {
      await worker.terminate();
    }
  });
});

/**
 * What a run of the bundled bin initialises. The CLI bundle is one CommonJS
 * file in which esbuild wraps every lazily imported module in an init
 * function (`__esm({ "src/x.ts"() {...} })`, `__commonJS({ "node_modules/y.js"() {...} })`);
 * a copy of the bundle whose two wrapper helpers record each init that runs
 * tells which of them ran, and modules outside any wrapper run at load. Plus
 * the CommonJS modules required from node_modules (yaml, @iarna/toml,
 * tree-sitter, semver, picomatch are loaded with createRequire).
 */
function loadedBy(argv: string[]): { inputs: string[]; required: string[] } {
  const dir = fs.mkdtempSync(path.join(ROOT, "trace-"));
  fs.cpSync(path.join(ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
  fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
  fs.cpSync(OUT, path.join(dir, "dist", "cli"), { recursive: true });
  const bundleFile = path.join(dir, "dist", "cli", "mcplint.cjs");
  const text = fs.readFileSync(bundleFile, "latin1");
  const traced = text
    .replace(/function __init\(\) ?\{/, "$&if (fn) globalThis.__mcplintInits?.add(__getOwnPropNames(fn)[0]);")
    .replace(/function __require\(\) ?\{/, "$&if (!mod) globalThis.__mcplintInits?.add(__getOwnPropNames(cb)[0]);");
  expect(traced.length - text.length, "both wrapper helpers were found").toBeGreaterThan(110);
  fs.writeFileSync(bundleFile, traced);
  const out = path.join(dir, "trace.json");
  const preload = `import Module from "node:module"; import { writeFileSync } from "node:fs"; globalThis.__mcplintInits = new Set();
process.on("exit", () => writeFileSync(${JSON.stringify(out)}, JSON.stringify({ inits: [...globalThis.__mcplintInits], cjs: Object.keys(Module._cache) })));`;
  const r = spawnSync(process.execPath, ["--import", "data:text/javascript," + encodeURIComponent(preload), path.join(dir, "bin", "mcplint.js"), ...argv], { cwd: REPO_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } });
  expect(r.status, r.stderr).toBe(0);
  const trace = JSON.parse(fs.readFileSync(out, "utf8")) as { inits: string[]; cjs: string[] };
  const wrapped = new Set([...text.matchAll(/= ?__(?:esm|commonJS)\(\{\s*"([^"]+)"/g)].map((m) => m[1] as string));
  expect(wrapped.size, "lazy modules in the bundle").toBeGreaterThan(100);
  const meta = JSON.parse(fs.readFileSync(`${OUT}.meta.json`, "utf8")) as Metafile;
  const bundleInputs = Object.entries(meta.outputs).find(([name]) => name.endsWith("mcplint.cjs"))?.[1].inputs ?? {};
  const ran = new Set(trace.inits);
  const inputs = Object.keys(bundleInputs).filter((i) => !wrapped.has(i) || ran.has(i)).sort();
  const required = trace.cjs.filter((p) => !p.startsWith(dir)).map((p) => path.relative(REPO_ROOT, p).split(path.sep).join("/"));
  return { inputs, required };
}

const under = (list: readonly string[], prefix: string) => list.filter((p) => p.startsWith(prefix));

describe("the bundled CLI loads lazily", { timeout: 60_000 }, () => {
  it("--version runs neither ajv, tree-sitter, yaml, the rules, the API nor the configuration loader", () => {
    const { inputs, required } = loadedBy(["--version"]);
    expect(inputs).toContain("src/cli/run.ts");
    for (const heavy of ["node_modules/ajv/", "node_modules/yaml/", "node_modules/@iarna/toml/", "src/rules/", "src/api.ts", "src/config/load.ts", "src/config/schema.ts", "src/config/validate.ts", "src/secrets/", "src/model/"]) expect(under(inputs, heavy), heavy).toEqual([]);
    for (const heavy of ["node_modules/tree-sitter", "node_modules/yaml/", "node_modules/@iarna/toml/", "node_modules/semver/"]) expect(under(required, heavy), heavy).toEqual([]);
  });

  it("a pre-commit run over three JSON configurations runs no YAML, TOML, tree-sitter, picomatch, ajv, configuration loader or other report code", () => {
    const { inputs, required } = loadedBy(["scan", ...PRE_COMMIT_FILES, "--format", "json", "--fail-on", "none"]);
    // The trace is real: the scan engine and its rules ran.
    for (const needed of ["src/api.ts", "src/rules/index.ts", "src/parse/jsonc.ts", "src/report/json.ts"]) expect(inputs).toContain(needed);
    const heavy = ["node_modules/yaml/", "node_modules/@iarna/toml/", "node_modules/picomatch/", "node_modules/ajv", "node_modules/chalk/", "src/report/sarif.ts", "src/report/html.ts", "src/report/markdown.ts", "src/report/text.ts", "src/report/github.ts", "src/discover/staged.ts", "src/config/load.ts"];
    for (const h of heavy) expect(under(inputs, h), h).toEqual([]);
    for (const h of ["node_modules/tree-sitter", "node_modules/yaml/", "node_modules/@iarna/toml/", "node_modules/semver/", "node_modules/picomatch/"]) expect(under(required, h), h).toEqual([]);
  });
});

describe("the bundle's start-up work", () => {
  const text = () => fs.readFileSync(path.join(OUT, "mcplint.cjs"), "latin1");

  it("reads the sources' fs, path and os namespaces from the modules themselves, without a copy of their exports per import", () => {
    const copies = [...text().matchAll(/([\w$]+)=__toESM\(require\("(node:[a-z/_]+)"\),1\)/g)].map((m) => `${m[1]} ${m[2]}`);
    // What is left: dependencies' default imports (chalk's `import process from "node:process"`), which read `.default` of the copy.
    expect(copies.filter((c) => !c.startsWith("import_node_"))).toEqual([]);
    expect(text()).toMatch(/\bfs\d*=require\("node:fs"\)/);
  });

  it("is whitespace-minified: the build id, the wrapper and the directives on their own lines, then few lines of code", () => {
    const lines = text().split("\n");
    expect(lines.length).toBeLessThan(3000);
    expect(lines.slice(1, 3)).toEqual(["(function (exports, require, module, __filename, __dirname) {", '"use strict";']);
  });
});

describe("the bin's loader", { timeout: 60_000 }, () => {
  it("says how to build when the bundle is missing, with exit code 2", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, "unbuilt-"));
    fs.cpSync(path.join(ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
    const r = spawnSync(process.execPath, [path.join(dir, "bin", "mcplint.js"), "scan", "."], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^mcplint: the bundled CLI is missing \(.*mcplint\.cjs\): run `npm run build` \(`npm ci` builds too\)\n$/);
  });

  it.skipIf(!vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER)("runs a bundle whose code uses import()", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, "import-"));
    const bundle = path.join(dir, "mcplint.cjs");
    fs.writeFileSync(bundle, '// mcplint build test\n(function (exports, require, module, __filename, __dirname) {\n"use strict";\nexports.main = () => import("node:path").then((m) => m.posix.join("a", "b"));\n})');
    const loader = JSON.stringify(path.join(ROOT, "bin", "load-cli.js"));
    const r = spawnSync(process.execPath, ["-e", `require(${loader}).loadCli({ bundle: ${JSON.stringify(bundle)} }).exports.main().then((v) => process.stdout.write(v))`], { encoding: "utf8" });
    // Node 20 flags the loader constant as experimental when an import() uses it (the bundle itself has none).
    expect(r.stderr).not.toMatch(/Error|ERR_/);
    expect(r.stdout).toBe("a/b");
  });
});

describe("the code cache", { timeout: 60_000 }, () => {
  const BUNDLE = path.join(OUT, "mcplint.cjs");
  /** Loads the bundle in a fresh process as the bin does; says whether V8 took the cache. */
  const cacheUsed = (bundle: string) => {
    const loader = JSON.stringify(path.join(ROOT, "bin", "load-cli.js"));
    const r = spawnSync(process.execPath, ["-e", `process.stdout.write(String(require(${loader}).loadCli({ bundle: ${JSON.stringify(bundle)} }).cacheUsed))`], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  it("is made by the build, belongs to its bundle and is taken by V8", () => {
    const [bundleLine = "", wrapper, directive] = fs.readFileSync(BUNDLE, "latin1").split("\n");
    expect(bundleLine).toMatch(/^\/\/ mcplint build [0-9a-f-]{36}$/);
    // One CommonJS function expression whose body is strict, as the ES module sources were.
    expect(wrapper).toBe("(function (exports, require, module, __filename, __dirname) {");
    expect(directive).toBe('"use strict";');
    const cache = fs.readFileSync(`${BUNDLE}.cache`);
    expect(cache.subarray(0, cache.indexOf(10)).toString("latin1")).toMatch(new RegExp(`^${bundleLine} sha256:[0-9a-f]{64}$`));
    expect(cache.length).toBeGreaterThan(100_000);
    expect(cacheUsed(BUNDLE)).toBe("true");
  });

  it("is read whole when it is larger than its bundle (the loader reads it into the bundle's buffer when it fits)", () => {
    const dir = fs.mkdtempSync(path.join(ROOT, "small-"));
    const bundle = path.join(dir, "mcplint.cjs");
    fs.writeFileSync(bundle, '// mcplint build small\n(function (exports, require, module, __filename, __dirname) {\n"use strict";\nexports.main = () => 6 * 7;\n})');
    const loader = path.join(ROOT, "bin", "load-cli.js");
    const script = `const l = require(${JSON.stringify(loader)}); const c = l.loadCli({ bundle: ${JSON.stringify(bundle)}, useCache: false }); const data = c.script.createCachedData();
      require("node:fs").writeFileSync(l.cacheFileOf(${JSON.stringify(bundle)}), Buffer.concat([Buffer.from(l.cacheHeader(c.buildLine, data) + "\\n", "latin1"), data]));`;
    expect(spawnSync(process.execPath, ["-e", script], { encoding: "utf8" }).status).toBe(0);
    expect(fs.statSync(`${bundle}.cache`).size).toBeGreaterThan(fs.statSync(bundle).size);
    expect(cacheUsed(bundle)).toBe("true");
  });

  it("is ignored when it belongs to another build, is damaged or is missing, and the CLI gives the same report", () => {
    const argv = ["scan", ...PRE_COMMIT_FILES, "--format", "json", "--fail-on", "none"];
    const expected = bundled(argv);
    expect(expected.status).toBe(0);
    for (const damage of ["other build", "flipped bytes", "truncated", "missing"]) {
      const dir = fs.mkdtempSync(path.join(ROOT, "cache-"));
      fs.cpSync(path.join(ROOT, "bin"), path.join(dir, "bin"), { recursive: true });
      fs.copyFileSync(path.join(ROOT, "package.json"), path.join(dir, "package.json"));
      fs.cpSync(OUT, path.join(dir, "dist", "cli"), { recursive: true });
      const cacheFile = path.join(dir, "dist", "cli", "mcplint.cjs.cache");
      const cache = fs.readFileSync(cacheFile);
      const nl = cache.indexOf(10);
      if (damage === "missing") fs.rmSync(cacheFile);
      else if (damage === "other build") {
        const header = cache.subarray(0, nl).toString("latin1").replace(/build [0-9a-f-]{36}/, "build 00000000-0000-0000-0000-000000000000");
        fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(`${header}\n`), cache.subarray(nl + 1)]));
      } else if (damage === "truncated") fs.writeFileSync(cacheFile, cache.subarray(0, nl + 1 + Math.floor((cache.length - nl) / 2)));
      else {
        // V8 itself does not check the bytes: without the digest this run would end in its deserializer.
        for (let i = nl + 1000; i < cache.length; i += 997) cache[i] = (cache[i] ?? 0) ^ 0x5a;
        fs.writeFileSync(cacheFile, cache);
      }
      expect(cacheUsed(path.join(dir, "dist", "cli", "mcplint.cjs")), damage).toBe("false");
      const r = spawnSync(process.execPath, [path.join(dir, "bin", "mcplint.js"), ...argv], { cwd: REPO_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } });
      expect(r.status, damage).toBe(0);
      expect(r.stdout, damage).toBe(expected.stdout);
    }
  });
});
