#!/usr/bin/env node
// Regenerates docs/rules/*.md and the README rule table from rule metadata.
// Run `npm run docs` (builds first). A test fails when the committed files are stale.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { RULES } = await import(path.join(root, "dist/src/rules/index.js"));
const { rulePage, withRuleTable, providersPage, coveragePage } = await import(path.join(root, "dist/src/docs/rule-docs.js"));
const { PROVIDERS } = await import(path.join(root, "dist/src/secrets/index.js"));

const dir = path.join(root, "docs", "rules");
fs.mkdirSync(dir, { recursive: true });
const wanted = new Set(RULES.map((r) => `${r.id}.md`));
for (const f of fs.readdirSync(dir)) if (f.endsWith(".md") && !wanted.has(f)) fs.rmSync(path.join(dir, f));
for (const r of RULES) fs.writeFileSync(path.join(dir, `${r.id}.md`), rulePage(r));
const readmePath = path.join(root, "README.md");
fs.writeFileSync(readmePath, withRuleTable(fs.readFileSync(readmePath, "utf8"), RULES));
fs.writeFileSync(path.join(root, "docs", "providers.md"), providersPage(PROVIDERS));
fs.writeFileSync(path.join(root, "docs", "coverage.md"), coveragePage(RULES));
console.log(`wrote ${RULES.length} rule pages and the README rule table`);
