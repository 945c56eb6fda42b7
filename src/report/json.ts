/**
 * The JSON report: a documented, stable shape (see README, "JSON output").
 * Secrets appear only as redacted previews and keyed fingerprints.
 */
import type { Finding } from "../engine/finding.js";
import type { Rule } from "../engine/rule.js";
import type { Diagnostic } from "../model/types.js";
import { toolVersion } from "./version.js";
import type { UserLocationResult } from "../api.js";
import { userLocationsJson } from "./user-locations.js";

export const JSON_SCHEMA_VERSION = 1;

export interface JsonInput {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly rules: readonly Rule[];
  readonly filesScanned: number;
  readonly showSuppressed?: boolean;
  /** With `--user`: every known user-level location and the files found there. */
  readonly userLocations?: readonly UserLocationResult[];
}

export function toJson(input: JsonInput): string {
  const findings = input.findings.filter((f) => input.showSuppressed || !f.suppression);
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) if (!f.suppression) counts[f.level]++;
  const doc = {
    tool: { name: "mcplint", version: toolVersion() },
    schemaVersion: JSON_SCHEMA_VERSION,
    summary: { filesScanned: input.filesScanned, findings: counts.error + counts.warning + counts.note, ...counts, suppressed: input.findings.filter((f) => f.suppression).length },
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      category: f.category,
      level: f.level,
      message: f.message,
      location: { file: f.loc.file, line: f.loc.line, column: f.loc.column, endLine: f.loc.endLine, endColumn: f.loc.endColumn },
      ...(f.server ? { server: f.server } : {}),
      ...(f.secret ? { secret: f.secret } : {}),
      related: f.related.map((r) => ({ file: r.loc.file, line: r.loc.line, column: r.loc.column, message: r.message })),
      fingerprint: f.fingerprint,
      ...(f.suppression ? { suppression: f.suppression } : {}),
    })),
    diagnostics: input.diagnostics.map((d) => ({ level: d.level, code: d.code, message: d.message, ...(d.file ? { file: d.file } : {}), ...(d.loc ? { line: d.loc.line, column: d.loc.column } : {}) })),
    ...(input.userLocations ? { userLocations: userLocationsJson(input.userLocations) } : {}),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
