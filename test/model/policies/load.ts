/**
 * Loads one fixture folder (`fixtures/policies/<client>`) as in-memory sources
 * with paths relative to it, and scans them.
 */
import * as path from "node:path";
import { scanSources, type ScanResult } from "../../../src/api.js";
import type { Policy } from "../../../src/model/types.js";
import { folderSources } from "../../helpers.js";

const root = path.resolve(__dirname, "../../../fixtures/policies");

export function scanFixture(client: string): ScanResult {
  return scanSources(folderSources(path.join(root, client)));
}

export function policyOf(result: ScanResult, file: string): Policy {
  const p = result.model.policies.find((x) => x.file === file);
  if (!p) throw new Error(`no policy for ${file}: ${result.model.policies.map((x) => x.file).join(", ")}`);
  return p;
}

/** Settings as `key=value@line:col effect`, for compact assertions. */
export function settingsOf(p: Policy): string[] {
  return p.settings.map((s) => `${s.key}=${s.value}@${s.loc.line}:${s.loc.column} ${s.effect}`);
}

/** Findings of some rules as `rule line:col level`, for one file. */
export function findingsOf(result: ScanResult, file: string, rules: readonly string[]): string[] {
  return result.findings.filter((f) => f.loc.file === file && rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column} ${f.level}`);
}
