import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { redact, scanText } from "../../src/secrets/index.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const corpus = path.resolve(repoRoot, "..", "shared", "corpus");
const publicDocs = path.join(corpus, "public-docs");

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

const present = existsSync(publicDocs);
if (!present) console.warn(`[secrets corpus] skipped: ${publicDocs} not found (the shared corpus sits beside the repository)`);

describe.skipIf(!present)("public MCP docs corpus (placeholders everywhere)", () => {
  it("yields zero secret matches from scanText on every file", () => {
    const files = walk(publicDocs);
    expect(files.length).toBeGreaterThan(0);
    const findings: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of scanText(text)) {
        const line = text.slice(0, m.start).split("\n").length;
        findings.push(`${path.relative(publicDocs, file)}:${line} ${m.detector} ${redact(m.secret)}`);
      }
    }
    console.log(`[secrets corpus] ${files.length} files scanned, ${findings.length} findings`);
    expect(findings).toEqual([]);
  });
});
