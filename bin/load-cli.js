"use strict";
/**
 * Loads the bundled CLI (dist/cli/mcplint.cjs, built by scripts/build-cli.mjs)
 * with V8's code cache: the build runs the CLI once on sample configurations
 * and saves the compiled code beside the bundle (mcplint.cjs.cache), so a
 * short run (a pre-commit hook) skips most of the parsing and compiling of
 * ~1 MB of JavaScript. The cache belongs to one build (its first line repeats
 * the bundle's build id line, with a digest of the code) and one V8 (V8
 * refuses a cache made by another version or with other flags); without a
 * usable cache the bundle compiles as usual.
 */
const fs = require("node:fs");
const { createRequire } = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const BUNDLE = path.join(__dirname, "..", "dist", "cli", "mcplint.cjs");

/** The cache file of a bundle. */
const cacheFileOf = (bundle) => `${bundle}.cache`;

/** The cache file's first line: the bundle's build id line and the SHA-256 of the code that follows. */
const cacheHeader = (buildLine, data) => `${buildLine} sha256:${require("node:crypto").createHash("sha256").update(data).digest("hex")}`;

/**
 * Reads a whole file into `buf` when it fits (else into a new buffer); the bytes read. Memory
 * that a process touches for the first time is costly on some virtual machines (~20 us a 4 KB
 * page on this project's): the code cache is read into the buffer that held the bundle.
 */
function readInto(file, buf) {
  const fd = fs.openSync(file, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const into = size <= buf.length ? buf : Buffer.allocUnsafe(size);
    let n = 0;
    for (let got; n < size && (got = fs.readSync(fd, into, n, size - n, null)) > 0; ) n += got;
    return into.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The cache's code for this bundle, or undefined: missing, from another
 * build, or damaged. V8 checks versions, flags and lengths but not the bytes
 * themselves (a flipped byte ends the process in its deserializer), hence
 * the digest. `scratch`: a buffer the cache may be read into.
 */
function cachedDataFor(bundle, buildLine, scratch = Buffer.alloc(0)) {
  let bytes;
  try {
    bytes = readInto(cacheFileOf(bundle), scratch);
  } catch {
    return undefined;
  }
  const nl = bytes.indexOf(10);
  if (nl <= 0 || !bytes.toString("latin1", 0, nl).startsWith(`${buildLine} sha256:`)) return undefined;
  const data = bytes.subarray(nl + 1);
  return bytes.toString("latin1", 0, nl) === cacheHeader(buildLine, data) ? data : undefined;
}

/**
 * Runs the bundle's module code and returns its exports, the compiled script
 * (`script.createCachedData()` is how the build makes the cache), the
 * bundle's build id line (the cache's header starts with it) and whether a
 * cache was given and accepted.
 */
function loadCli({ bundle = BUNDLE, useCache = true } = {}) {
  if (!fs.existsSync(bundle)) throw new MissingBundle(bundle);
  // The build makes sure that the bundle is ASCII, where latin1 is the same text as UTF-8 and
  // about twice as fast to read (V8's UTF-8 decoding of 1 MB took ~10 ms here).
  const bytes = fs.readFileSync(bundle);
  const source = bytes.latin1Slice(0, bytes.length);
  const buildLine = source.slice(0, source.indexOf("\n"));
  // The bundle's bytes are in the string now: their buffer takes the cache.
  const cachedData = useCache ? cachedDataFor(bundle, buildLine, bytes) : undefined;
  // The file is one function expression (the CommonJS wrapper is written by the build).
  // Dynamic import() inside the bundle resolves as in a CommonJS module (Node >= 20.12 has the
  // constant; before, the bundle has no import() of its own to need it).
  const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new vm.Script(source, { filename: bundle, ...(cachedData ? { cachedData } : {}), ...(dynamicImport ? { importModuleDynamically: dynamicImport } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  return { exports: module.exports, script, buildLine, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

/** The CLI was not built (a checkout without `npm ci` / `npm run build`). */
class MissingBundle extends Error {
  constructor(bundle) {
    super(`the bundled CLI is missing (${path.relative(process.cwd(), bundle) || bundle}): run \`npm run build\` (\`npm ci\` builds too)`);
    this.name = "MissingBundle";
  }
}

module.exports = { BUNDLE, MissingBundle, cacheFileOf, cacheHeader, loadCli };
