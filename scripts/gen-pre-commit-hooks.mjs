#!/usr/bin/env node
// Writes .pre-commit-hooks.yaml from the catalog (src/catalog/hook-files.ts).
// Run: npm run gen:pre-commit-hooks   (test/adoption/pre-commit.test.ts fails when the file is stale)
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderPreCommitHooks } from "../src/catalog/hook-files.ts";

const target = fileURLToPath(new URL("../.pre-commit-hooks.yaml", import.meta.url));
writeFileSync(target, renderPreCommitHooks());
process.stdout.write(`wrote ${target}\n`);
