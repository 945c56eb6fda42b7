#!/usr/bin/env node
"use strict";
// mcplint entry: runs the bundled CLI (dist/cli/, built by `npm ci` through `prepare`: tsc, then
// scripts/build-cli.mjs) with its code cache (load-cli.js).
const { loadCli } = require("./load-cli.js");

loadCli()
  .exports.main()
  .catch((err) => {
    process.stderr.write(`mcplint: internal error: ${err && err.message ? err.message : err}\n`);
    process.exitCode = 2;
  });
