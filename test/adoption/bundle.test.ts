/**
 * The bundled CLI (scripts/build-cli.mjs; what bin/mcplint.js runs), built
 * here from the current sources into test-output/ with a copy of the bin and
 * package.json beside it, as in the package. It must give the library's
 * results (JSON report and inventory on every fixture folder, also through its
 * worker pool), and start-up stays lazy: `--version` and a pre-commit run over
 * three JSON configurations load only what they need (module-load traces
 * mapped to sources through esbuild's metafile).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeReader } from "../../src/discover/read.js";
import { analyzeSource, prepareAnalysis, type FileOutcome } from "../../src/engine/analyze-source.js";
import type { PoolReply, PoolRequest } from "../../src/engine/pool.js";
import { cli, FIXTURES, REPO_ROOT } from "../helpers.js";

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
  fs.copyFileSync(path.join(REPO_ROOT, "bin", "mcplint.js"), BIN);
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(ROOT, "package.json"));
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build-cli.mjs"), "--outdir", OUT], { cwd: REPO_ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bundling failed: ${r.stderr}`);
}, 120_000);

afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

/** The bundled bin, as a user runs it (no colours, no CI variables). */
function bundled(argv: string[], nodeArgs: string[] = []) {
  return spawnSync(process.execPath, [...nodeArgs, BIN, ...argv], { cwd: REPO_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 });
}

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
      const read = makeReader(request.maxFileSize);
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
 * What a run of the bundled bin loads: the bundle's files (ESM resolve hook)
 * mapped to the sources and packages inside them, plus the CommonJS modules
 * required from node_modules (yaml, @iarna/toml, tree-sitter, semver are
 * loaded with createRequire, which the ESM hook does not see).
 */
function loadedBy(argv: string[]): { files: string[]; inputs: string[]; required: string[] } {
  const dir = fs.mkdtempSync(path.join(ROOT, "trace-"));
  const trace = path.join(dir, "esm.txt");
  const cjs = path.join(dir, "cjs.txt");
  const hooks = `import { appendFileSync } from "node:fs"; export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(trace)}, r.url + "\\n"); return r; }`;
  const preload = [
    `import { register } from "node:module"; import Module from "node:module"; import { writeFileSync } from "node:fs";`,
    `register(${JSON.stringify("data:text/javascript," + encodeURIComponent(hooks))});`,
    `process.on("exit", () => writeFileSync(${JSON.stringify(cjs)}, Object.keys(Module._cache).join("\\n")));`,
  ].join("\n");
  const r = bundled(argv, ["--import", "data:text/javascript," + encodeURIComponent(preload)]);
  expect(r.status, r.stderr).toBe(0);
  const outDir = pathToFileURL(OUT).href + "/";
  const files = [...new Set(fs.readFileSync(trace, "utf8").split("\n").filter((u) => u.startsWith(outDir)).map((u) => u.slice(outDir.length)))].sort();
  const meta = JSON.parse(fs.readFileSync(`${OUT}.meta.json`, "utf8")) as Metafile;
  const outputs = new Map(Object.entries(meta.outputs).map(([out, o]) => [path.basename(out), Object.keys(o.inputs)]));
  const inputs = [...new Set(files.flatMap((f) => outputs.get(f) ?? [`(not in the metafile: ${f})`]))].sort();
  const required = fs.readFileSync(cjs, "utf8").split("\n").filter(Boolean).map((p) => path.relative(REPO_ROOT, p).split(path.sep).join("/"));
  return { files, inputs, required };
}

const under = (list: readonly string[], prefix: string) => list.filter((p) => p.startsWith(prefix));

describe("the bundled CLI loads lazily", { timeout: 60_000 }, () => {
  it("--version loads neither ajv, tree-sitter, yaml, the rules, the API nor the configuration loader", () => {
    const { files, inputs, required } = loadedBy(["--version"]);
    expect(files).toContain("main.js");
    expect(inputs).toContain("src/cli/run.ts");
    for (const heavy of ["node_modules/ajv/", "node_modules/yaml/", "node_modules/@iarna/toml/", "src/rules/", "src/api.ts", "src/config/load.ts", "src/config/schema.ts", "src/config/validate.ts", "src/secrets/", "src/model/"]) expect(under(inputs, heavy), heavy).toEqual([]);
    for (const heavy of ["node_modules/tree-sitter", "node_modules/yaml/", "node_modules/@iarna/toml/", "node_modules/semver/"]) expect(under(required, heavy), heavy).toEqual([]);
  });

  it("a pre-commit run over three JSON configurations loads no YAML, TOML, tree-sitter, picomatch, ajv, configuration loader or other report code", () => {
    const { inputs, required } = loadedBy(["scan", ...PRE_COMMIT_FILES, "--format", "json", "--fail-on", "none"]);
    // The trace is real: the scan engine and its rules were loaded.
    for (const needed of ["src/api.ts", "src/rules/index.ts", "src/parse/jsonc.ts", "src/report/json.ts"]) expect(inputs).toContain(needed);
    const heavy = ["node_modules/yaml/", "node_modules/@iarna/toml/", "node_modules/picomatch/", "node_modules/ajv", "node_modules/chalk/", "src/report/sarif.ts", "src/report/html.ts", "src/report/markdown.ts", "src/report/text.ts", "src/report/github.ts", "src/discover/staged.ts", "src/config/load.ts"];
    for (const h of heavy) expect(under(inputs, h), h).toEqual([]);
    for (const h of ["node_modules/tree-sitter", "node_modules/yaml/", "node_modules/@iarna/toml/", "node_modules/semver/", "node_modules/picomatch/"]) expect(under(required, h), h).toEqual([]);
  });
});
