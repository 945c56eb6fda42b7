/** Counted nouns for report summaries ("1 error", "2 warnings"). */
import type { Finding } from "../engine/finding.js";

/** `n` and the noun, with an s unless n is 1. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "1 error, 2 warnings, 0 notes": the findings of each level, as the text summary and the job summary say it. */
export function levelCounts(count: (level: Finding["level"]) => number): string {
  return `${counted(count("error"), "error")}, ${counted(count("warning"), "warning")}, ${counted(count("note"), "note")}`;
}

/**
 * Where the problems are, against what was read: "in 2 of 14 files scanned" (a reader of
 * "5 problems in 14 files" takes the problems to be spread over the 14); "in 3 files" when every
 * scanned file has one. `files` is the number of files with a problem.
 */
export function problemFiles(files: number, scanned: number): string {
  return files >= scanned ? `in ${counted(scanned, "file")}` : `in ${files} of ${counted(scanned, "file")} scanned`;
}
