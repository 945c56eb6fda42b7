#!/usr/bin/env node
"use strict";
// mcplint entry: runs the bundled CLI (dist/cli/, built by `npm ci` through `prepare`: tsc, then
// scripts/build-cli.mjs) with its code cache (load-cli.js).
const { loadCli, MissingBundle } = require("./load-cli.js");

let cli;
try {
  cli = loadCli().exports;
} catch (err) {
  if (!(err instanceof MissingBundle)) throw err;
  process.stderr.write(`mcplint: ${err.message}\n`);
  process.exitCode = 2;
}
cli?.main().catch((err) => {
  process.stderr.write(`mcplint: internal error: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 2;
});
