#!/usr/bin/env node
/**
 * Bundles the CLI (`npm run build`, after tsc): src/cli/main.ts and the scan
 * pool's worker become ESM files in dist/cli/, with code splitting so that
 * every dynamic `import()` of the sources (reports, config, --user, ...) stays
 * a lazily loaded chunk. A pre-commit run then loads ~20 files instead of
 * ~95 modules and their package.json look-ups. bin/mcplint.js imports
 * dist/cli/main.js; the library (dist/src/, tsc) is not bundled.
 *
 * All outputs sit flat in one folder: src/engine/pool.ts starts the worker as
 * `new URL("./scan-worker.js", import.meta.url)`, which resolves beside
 * whichever chunk holds the pool code. tree-sitter, tree-sitter-typescript
 * (native, optional), semver, yaml, @iarna/toml and picomatch are loaded with
 * `createRequire(import.meta.url)` on first use and so come from node_modules,
 * found from the chunk's folder as from dist/src/.
 *
 *   node scripts/build-cli.mjs                 # dist/cli/ (and dist/cli.meta.json: which sources each file holds)
 *   node scripts/build-cli.mjs --outdir DIR    # elsewhere (tests); DIR must lie inside this repository
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const CLI_OUT = args.includes("--outdir") ? path.resolve(args[args.indexOf("--outdir") + 1] ?? "") : path.join(REPO, "dist", "cli");

/**
 * commander requires node:child_process at load, for git-style executable
 * subcommands that mcplint does not have; loading it (with net, dgram and the
 * stream modules) costs ~9 ms of every start. Here commander gets a stand-in
 * that loads the real module on first use.
 */
const lazyChildProcessForCommander = {
  name: "lazy-child-process-for-commander",
  setup(b) {
    const commanderDir = `${path.sep}node_modules${path.sep}commander${path.sep}`;
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.importer.includes(commanderDir) ? { path: "child_process", namespace: "lazy-builtin" } : undefined));
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, () => ({
      contents: 'let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });',
      loader: "js",
    }));
  },
};

/**
 * jsonc-parser's modules have no side effects, but it does not say so: without
 * this its formatter's string tables (1,200 strings) are built at every start.
 */
const jsoncParserHasNoSideEffects = {
  name: "jsonc-parser-has-no-side-effects",
  setup(b) {
    const inPackage = (p) => p.split(path.sep).join("/").includes("/node_modules/jsonc-parser/");
    b.onResolve({ filter: /^\.|^jsonc-parser/ }, async (args) => {
      if (args.pluginData === "inner" || !(args.path.startsWith("jsonc-parser") || inPackage(args.importer))) return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: "inner" });
      return r.errors.length ? { errors: r.errors } : { path: r.path, external: r.external, sideEffects: false };
    });
  },
};

/** esbuild's `__require` (CommonJS dependencies requiring Node built-ins) needs a real `require` in the chunk that defines it. */
const REQUIRE_BANNER = 'import { createRequire as __mcplintCreateRequire } from "node:module";\nconst require = __mcplintCreateRequire(import.meta.url);\n';
const usesFreeRequire = (text) => text.includes('Dynamic require of "');

const result = await build({
  absWorkingDir: REPO,
  entryPoints: { main: "src/cli/main.ts", "scan-worker": "src/engine/scan-worker.ts" },
  outdir: CLI_OUT,
  write: false,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "[name]-[hash]",
  // Loaded with createRequire at run time from node_modules (native and optional, or first use only); listed so that a static import would stay out too.
  external: ["tree-sitter", "tree-sitter-typescript", "semver", "yaml", "@iarna/toml", "picomatch"],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ESM build is the same code.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  plugins: [lazyChildProcessForCommander, jsoncParserHasNoSideEffects],
  legalComments: "none",
  logLevel: "warning",
  metafile: true,
});

fs.rmSync(CLI_OUT, { recursive: true, force: true });
fs.mkdirSync(CLI_OUT, { recursive: true });
for (const out of result.outputFiles) fs.writeFileSync(out.path, usesFreeRequire(out.text) ? REQUIRE_BANNER + out.text : out.text);
fs.writeFileSync(`${CLI_OUT}.meta.json`, JSON.stringify(result.metafile));
