#!/usr/bin/env node
/**
 * Measures the TypeScript/JavaScript MCP analysis (not a test):
 *   npx tsx scripts/measure-ts.mjs [glob ...]
 * For each corpus: how many files the prefilter skips, and the parse and
 * adapter cost per file (median, p95) for files that go through the parser.
 * "forced" also parses every file up to the size cap, ignoring the prefilter,
 * to show what the prefilter saves on real code.
 */
import * as fs from "node:fs";
import fg from "fast-glob";
import { LineIndex } from "../src/model/location.js";
import { analyzeTypeScriptSdk } from "../src/model/adapters/typescript-sdk.js";
import { snapshotTree } from "../src/parse/ts-tree-snapshot.js";
import { dialectOf, loadTreeSitter, MAX_PARSE_CHARS, shouldParse } from "../src/parse/typescript.js";

/** name -> [globs, repeats]: per-file timings are the median over the repeats (the machine may be shared). */
const DEFAULT_CORPORA = {
  fixtures: [["fixtures/typescript/**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}"], 15],
  "typescript/lib": [["node_modules/typescript/lib/*.js"], 5],
  "node_modules (all)": [["node_modules/**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}"], 1],
};

const pct = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => (Number.isNaN(x) ? "-" : x.toFixed(2));

const t0 = performance.now();
const loaded = loadTreeSitter();
const loadMs = performance.now() - t0;
if (!loaded.ok) {
  console.error(`tree-sitter unavailable: ${loaded.reason}`);
  process.exit(1);
}
// Warm both grammars so the first file does not pay for parser creation.
for (const d of ["typescript", "tsx"]) loaded.parserFor(d).parser.parse(() => "");

/** Median of `repeats` runs of `fn`, and the last result. */
function timed(repeats, fn) {
  const times = [];
  let value;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    value = fn();
    times.push(performance.now() - start);
  }
  return { value, ms: pct(times, 50) };
}

/** A parse as a scan does it: tree-sitter's parse, then the tree's snapshot (src/parse/ts-tree-snapshot.ts). */
function parse(file, text, repeats) {
  const { parser, names } = loaded.parserFor(dialectOf(file));
  const r = timed(repeats, () => snapshotTree(parser.parse((i) => text.slice(i, i + 16_384)), names));
  return { root: r.value, ms: r.ms };
}

function measure(name, globs, repeats = 1) {
  const files = fg.sync(globs, { dot: true, followSymbolicLinks: false });
  let bytes = 0, skipped = 0, tooLarge = 0, prefilterMs = 0, servers = 0, policies = 0;
  const parseMs = [], adapterMs = [], forcedMs = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    bytes += text.length;
    const p0 = performance.now();
    const mcp = shouldParse(text);
    prefilterMs += performance.now() - p0;
    if (text.length > MAX_PARSE_CHARS) {
      tooLarge++;
      if (!mcp) skipped++;
      continue;
    }
    const parsed = parse(file, text, repeats);
    forcedMs.push(parsed.ms);
    if (!mcp) {
      skipped++;
      continue;
    }
    parseMs.push(parsed.ms);
    const a = timed(repeats, () => analyzeTypeScriptSdk({ file, text, lines: new LineIndex(text), client: "sdk-typescript", scope: "code", root: parsed.root }));
    const out = a.value;
    adapterMs.push(a.ms);
    servers += out.servers.length;
    policies += out.policies.length;
  }
  const n = files.length;
  console.log(`\n## ${name}: ${n} files, ${(bytes / 1e6).toFixed(1)} MB (per-file median of ${repeats} runs)`);
  console.log(`prefilter skips ${skipped}/${n} (${n ? ((100 * skipped) / n).toFixed(1) : 0}%), ${tooLarge} over the ${MAX_PARSE_CHARS / 1e6} MB cap; prefilter total ${ms(prefilterMs)} ms`);
  console.log(`parsed (MCP files): ${parseMs.length}; parse median ${ms(pct(parseMs, 50))} ms, p95 ${ms(pct(parseMs, 95))} ms; adapter median ${ms(pct(adapterMs, 50))} ms; ${servers} servers, ${policies} policies`);
  const forcedTotal = forcedMs.reduce((a, b) => a + b, 0);
  console.log(`forced parse of every file <= cap: ${forcedMs.length} files, median ${ms(pct(forcedMs, 50))} ms, p95 ${ms(pct(forcedMs, 95))} ms, total ${ms(forcedTotal)} ms`);
}

console.log(`binding load (createRequire tree-sitter + grammars): ${ms(loadMs)} ms`);
const args = process.argv.slice(2);
if (args.length > 0) measure(args.join(" "), args);
else for (const [name, [globs, repeats]] of Object.entries(DEFAULT_CORPORA)) measure(name, globs, repeats);
