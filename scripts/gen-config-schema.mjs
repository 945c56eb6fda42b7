#!/usr/bin/env node
// Writes schemas/mcplint.schema.json from src/config/schema.ts (the one source).
// Run: npm run gen:config-schema   (test/config/schema.test.ts fails when the file is stale)
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderConfigSchema } from "../src/config/schema.ts";

const target = fileURLToPath(new URL("../schemas/mcplint.schema.json", import.meta.url));
writeFileSync(target, renderConfigSchema());
process.stdout.write(`wrote ${target}\n`);
