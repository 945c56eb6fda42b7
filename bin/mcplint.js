#!/usr/bin/env node
// mcplint entry: a tiny shim over the bundled CLI (dist/cli/, built by `npm ci` through `prepare`:
// tsc, then scripts/build-cli.mjs). One bundle loads in a few files where the tsc output is ~95 modules.
import { main } from "../dist/cli/main.js";

main().catch((err) => {
  process.stderr.write(`mcplint: internal error: ${err && err.message ? err.message : err}\n`);
  process.exitCode = 2;
});
