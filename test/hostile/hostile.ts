/**
 * Shared set-up for the hostile-file tests: a temporary tree holding one good
 * config with a planted (fake) secret, to which each test adds its hostile
 * files; and the checks every test makes (the scan finishes in time and the
 * planted secret is still reported).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import { scan, type ScanOptions, type ScanResult } from "../../src/api.js";
import type { Diagnostic } from "../../src/model/types.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { tempTree } from "../helpers.js";

export const PLANTED = fakeGitHubToken("ghp", "hostile-neighbour");
/** The good file next to the hostile ones; the token sits on line 10. */
export const GOOD_FILE = ".mcp.json";
export const GOOD_TEXT = JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.0.0"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: PLANTED } } } }, null, 2) + "\n";
export const PLANTED_LINE = 10;

/** A temporary tree with the good file, plus `files`. */
export function treeWithPlantedSecret(files: Record<string, string | Buffer> = {}): string {
  const dir = tempTree({ [GOOD_FILE]: GOOD_TEXT });
  for (const [rel, content] of Object.entries(files)) write(dir, rel, content);
  return dir;
}

export function write(dir: string, rel: string, content: string | Buffer): string {
  const abs = path.join(dir, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, content);
  return abs;
}

/** Scans `dir` (as cwd) and fails when it takes longer than `limitMs`. */
export async function scanWithin(dir: string, limitMs: number, options: ScanOptions = {}): Promise<ScanResult & { ms: number }> {
  const t0 = performance.now();
  const result = await scan({ cwd: dir, paths: ["."], ...options });
  const ms = performance.now() - t0;
  expect(ms, `scan took ${Math.round(ms)} ms (limit ${limitMs} ms)`).toBeLessThan(limitMs);
  expect(result.diagnostics.filter((d) => d.code === "internal")).toEqual([]);
  return { ...result, ms };
}

/** The planted secret of the good file is reported where it is. */
export function expectPlantedSecret(result: ScanResult): void {
  const hit = result.findings.find((f) => f.ruleId === "hardcoded-secret" && f.loc.file === GOOD_FILE);
  expect(hit, "the planted secret next to the hostile files is still reported").toBeDefined();
  expect(hit?.loc.line).toBe(PLANTED_LINE);
}

/** The one diagnostic about `file` with this code. */
export function diagnosticFor(result: ScanResult, file: string, code: string): Diagnostic {
  const found = result.diagnostics.filter((d) => d.file === file && d.code === code);
  expect(found, `expected a '${code}' diagnostic for ${file}; got ${JSON.stringify(result.diagnostics)}`).toHaveLength(1);
  return found[0] as Diagnostic;
}
