#!/usr/bin/env node
/**
 * Bundles the CLI (`npm run build`, after tsc) into dist/cli/:
 *
 * - mcplint.cjs: src/cli/main.ts as ONE CommonJS file, which bin/mcplint.js
 *   runs through `vm.Script` with V8's code cache (bin/load-cli.js). Modules
 *   that the sources import dynamically (reports, the configuration loader,
 *   ajv, --user, ...) stay lazy inside it: esbuild wraps each in an init
 *   function that runs on the first import. Its first line is a build id,
 *   then the file is one CommonJS function expression (the wrapper that
 *   Node would add), so that the bin compiles it without a copy.
 * - mcplint.cjs.cache: the code cache, made by running the bundle once on
 *   sample configurations (scripts/train-code-cache.mjs) and tied to the
 *   build id. A pre-commit run then compiles almost nothing.
 * - scan-worker.js (+ chunks): the pool's worker, ESM as before.
 *
 * src/engine/pool.ts starts the worker as `new URL("./scan-worker.js",
 * import.meta.url)`; in the CommonJS bundle `import.meta.url` is the bundle's
 * own file URL, so the worker is found beside it. tree-sitter,
 * tree-sitter-typescript (native, optional), semver, yaml, @iarna/toml and
 * picomatch are loaded with `createRequire(import.meta.url)` on first use and
 * so come from node_modules. The library (dist/src/, tsc) is not bundled.
 *
 *   node scripts/build-cli.mjs                 # dist/cli/ (and dist/cli.meta.json: which sources each file holds)
 *   node scripts/build-cli.mjs --outdir DIR    # elsewhere (tests); DIR must lie inside this repository
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
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

/** esbuild's `__require` (CommonJS dependencies requiring Node built-ins) needs a real `require` in the ESM chunk that defines it. */
const REQUIRE_BANNER = 'import { createRequire as __mcplintCreateRequire } from "node:module";\nconst require = __mcplintCreateRequire(import.meta.url);\n';
const usesFreeRequire = (text) => text.includes('Dynamic require of "');

const common = {
  absWorkingDir: REPO,
  outdir: CLI_OUT,
  write: false,
  bundle: true,
  platform: "node",
  target: "node20",
  // Loaded with createRequire at run time from node_modules (native and optional, or first use only); listed so that a static import would stay out too.
  external: ["tree-sitter", "tree-sitter-typescript", "semver", "yaml", "@iarna/toml", "picomatch"],
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; its ESM build is the same code.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  plugins: [lazyChildProcessForCommander, jsoncParserHasNoSideEffects],
  legalComments: "none",
  minifyWhitespace: true,
  logLevel: "warning",
  metafile: true,
};

/** The CLI: one CommonJS file for the code cache. The first line is the build id that the cache file repeats. */
const cli = await build({
  ...common,
  entryPoints: { mcplint: "src/cli/main.ts" },
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  define: { "import.meta.url": "__mcplintUrl" },
  // The CommonJS function wrapper is part of the file (after the build id line): bin/load-cli.js
  // compiles the file as it is, without a 1 MB concatenation at every start.
  // "use strict" first: a statement before it would make it a plain string and the bundle sloppy
  // (ES modules are always strict; frozen shared lists rely on writes to them throwing).
  banner: { js: `// mcplint build ${randomUUID()}\n(function (exports, require, module, __filename, __dirname) {\n"use strict";\nconst __mcplintUrl = require("node:url").pathToFileURL(__filename).href;` },
  footer: { js: "})" },
});

/** The pool's worker: ESM, chunks split as the sources load them. */
const worker = await build({
  ...common,
  entryPoints: { "scan-worker": "src/engine/scan-worker.ts" },
  splitting: true,
  format: "esm",
  chunkNames: "[name]-[hash]",
});

/**
 * The sources import Node built-ins as namespaces (`import * as fs from "node:fs"`), which
 * esbuild's CommonJS output turns into a copy of the module's exports (`__toESM`: an object
 * with a getter per export) at every start: ~30 copies of fs, path and os, ~0.6 MB of garbage
 * and a young-generation collection. A namespace that the bundle only reads properties of
 * (never `.default`, which only the copy has) can be the module itself. Dependencies' default
 * imports (chalk's `import process from "node:process"`) keep the copy: their variables read `.default`.
 */
function withoutBuiltinCopies(text) {
  return text.replace(/(?<![\w$.])([A-Za-z_$][\w$]*) ?= ?__toESM\(require\(("node:[a-z/_]+")\), ?1\)/g, (all, name, id) => {
    const escaped = name.replace(/\$/g, "\\$");
    // `.default` or a computed read (`fs[key]`) of this variable (not of a property of that name: `uri.path[0]`).
    return new RegExp(`(?<![\\w$.])${escaped}(?:\\.default\\b|\\[)`).test(text) ? all : `${name}=require(${id})`;
  });
}

// The bin reads the bundle as UTF-8; pure ASCII becomes a one-byte string through V8's fast path
// (one non-ASCII character made the read of the 1 MB file ~4x slower). esbuild escapes strings but
// not regular expression literals: write such characters as \u escapes in the sources.
const bundleText = withoutBuiltinCopies(cli.outputFiles[0]?.text ?? "");
const nonAscii = bundleText.search(/[^\x00-\x7f]/);
if (nonAscii >= 0) {
  const line = bundleText.slice(0, nonAscii).split("\n").length;
  process.stderr.write(`build-cli: the CLI bundle has a non-ASCII character on line ${line}: ${bundleText.split("\n")[line - 1]?.trim().slice(0, 120)}\n`);
  process.exit(1);
}

fs.rmSync(CLI_OUT, { recursive: true, force: true });
fs.mkdirSync(CLI_OUT, { recursive: true });
for (const out of cli.outputFiles) fs.writeFileSync(out.path, out === cli.outputFiles[0] ? bundleText : out.text);
for (const out of worker.outputFiles) fs.writeFileSync(out.path, usesFreeRequire(out.text) ? REQUIRE_BANNER + out.text : out.text);
fs.writeFileSync(`${CLI_OUT}.meta.json`, JSON.stringify({ inputs: { ...worker.metafile.inputs, ...cli.metafile.inputs }, outputs: { ...worker.metafile.outputs, ...cli.metafile.outputs } }));

// The code cache, made in a process of its own (the training run loads the bundle as the bin does).
// Without it the CLI works, only its start is slower: a failure here warns and does not fail the
// install (test/adoption/bundle.test.ts makes sure that the build does make one).
const train = spawnSync(process.execPath, [path.join(REPO, "scripts", "train-code-cache.mjs"), path.join(CLI_OUT, "mcplint.cjs")], { encoding: "utf8" });
if (train.status !== 0) {
  fs.rmSync(path.join(CLI_OUT, "mcplint.cjs.cache"), { force: true });
  process.stderr.write(`build-cli: warning: no code cache (the CLI starts ~15% slower without it):\n${train.stderr}${train.stdout}`);
}
