#!/usr/bin/env node
// mcplint entry: a tiny shim over the built CLI (dist/ is built by `npm ci` through `prepare`).
import { main } from "../dist/src/cli/main.js";

main().catch((err) => {
  process.stderr.write(`mcplint: internal error: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 2;
});
