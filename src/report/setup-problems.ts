/**
 * The problems a scan had reading the set-up, as reports list them: the
 * warnings and errors among its diagnostics, one per file (a broken file has
 * several), so that a reader sees that part of the set-up was not analysed.
 * Notes (a skipped binary or oversized file) are left out.
 */
import type { Diagnostic } from "../model/types.js";

export function setupProblems(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => d.level !== "note" && (d.file === undefined || (!seen.has(d.file) && seen.add(d.file))));
}

/** Problems listed in full in the Markdown report and the job summary (the rest are counted). */
export const MAX_PROBLEMS = 10;
