/**
 * The report for people: findings grouped by file, `path:line:col`, level,
 * rule id, message and a masked code frame, then a summary line.
 */
import type { Finding } from "../engine/finding.js";
import type { Diagnostic } from "../model/types.js";
import type { Loc } from "../model/location.js";
import { fileFrames, type SourceLookup } from "./frames.js";
import { printable } from "./printable.js";
import { counted, levelCounts, problemFiles } from "./counts.js";
import type { UserLocationResult } from "../api.js";
import { userLocationsText } from "./user-locations.js";

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

export const NO_COLORS: Colors = { red: (s) => s, yellow: (s) => s, blue: (s) => s, dim: (s) => s, bold: (s) => s, underline: (s) => s };

export interface TextInput {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly filesScanned: number;
  readonly source?: SourceLookup;
  /** Locations of every detected secret, for masking frames. */
  readonly secretLocs?: readonly Loc[];
  readonly colors?: Colors;
  readonly quiet?: boolean;
  readonly showSuppressed?: boolean;
  /** With `--user`: the known user-level locations and what was found there (left out with `quiet`). */
  readonly userLocations?: readonly UserLocationResult[];
}

/** Skipped files that the text report names one by one (over the size limit; any, when nothing was scanned). */
const MAX_SKIPPED_SHOWN = 10;

export function toText(input: TextInput): string {
  const c = input.colors ?? NO_COLORS;
  const out: string[] = [];
  const shown = input.findings.filter((f) => input.showSuppressed || !f.suppression);
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) {
    const list = byFile.get(f.loc.file) ?? [];
    list.push(f);
    byFile.set(f.loc.file, list);
  }
  const levelText = (l: Finding["level"]) => (l === "error" ? c.red("error  ") : l === "warning" ? c.yellow("warning") : c.blue("note   "));
  for (const [file, list] of byFile) {
    out.push(c.underline(printable(file)));
    const text = input.source?.(file);
    const frameOf = text === undefined ? undefined : fileFrames(text, file, input.secretLocs ?? []);
    for (const f of list) {
      const sup = f.suppression ? c.dim(` (suppressed: ${printable(f.suppression.justification)})`) : "";
      out.push(`  ${printable(f.loc.file)}:${f.loc.line}:${f.loc.column}  ${levelText(f.level)}  ${c.dim(f.ruleId)}  ${printable(f.message)}${sup}`);
      if (frameOf) {
        const frame = frameOf(f.loc);
        if (frame !== undefined && frame.trim()) {
          out.push(c.dim(`    ${String(f.loc.line).padStart(4)} | ${printable(frame.trimEnd())}`));
        }
      }
      for (const r of f.related.slice(0, 5)) out.push(c.dim(`    ↳ ${printable(r.loc.file)}:${r.loc.line}:${r.loc.column} ${printable(r.message)}`));
      if (f.related.length > 5) out.push(c.dim(`    ↳ … and ${f.related.length - 5} more`));
    }
    out.push("");
  }
  if (!input.quiet) {
    let tooLarge = 0;
    let other = 0;
    // Nothing scanned at all (`mcplint scan logo.png`, a hook given only skipped files): the notes
    // are the whole answer, so they are named, not only counted.
    const nothingScanned = input.filesScanned === 0;
    for (const d of input.diagnostics) {
      // Parse errors are findings (rule parse-error) already. Of the notes (binary files, links,
      // a tree has thousands) only files left unscanned for their size are listed: a config over
      // the limit is a gap in the scan that the reader must see. The others are in json/sarif.
      if (d.code === "parse-error") continue;
      if (d.level === "note" && d.code === "too-large" && ++tooLarge > MAX_SKIPPED_SHOWN) continue;
      if (d.level === "note" && d.code !== "too-large" && (!nothingScanned || ++other > MAX_SKIPPED_SHOWN)) continue;
      out.push(c.dim(`${d.level}: ${printable(d.message)}`));
    }
    if (tooLarge > MAX_SKIPPED_SHOWN) out.push(c.dim(`note: … and ${tooLarge - MAX_SKIPPED_SHOWN} more files over the size limit (--format json lists them)`));
    if (other > MAX_SKIPPED_SHOWN) out.push(c.dim(`note: … and ${other - MAX_SKIPPED_SHOWN} more files not scanned (--format json lists them)`));
    if (input.userLocations) out.push(...userLocationsText(input.userLocations).map((line, i) => (i === 0 ? line : c.dim(line))), "");
  }
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of shown) if (!f.suppression) counts[f.level]++;
  const suppressed = input.findings.filter((f) => f.suppression).length;
  const total = counts.error + counts.warning + counts.note;
  const skipped = input.diagnostics.filter((d) => d.file).length;
  const summary =
    total === 0
      ? `✔ No problems found in ${counted(input.filesScanned, "file")}`
      : `✖ ${counted(total, "problem")} (${levelCounts((l) => counts[l])}) ${problemFiles(new Set(shown.filter((f) => !f.suppression).map((f) => f.loc.file)).size, input.filesScanned)}`;
  const extra = [suppressed ? `${suppressed} suppressed` : "", skipped ? counted(skipped, "file diagnostic") : ""].filter(Boolean).join(", ");
  out.push(c.bold(summary + (extra ? ` (${extra})` : "")));
  return out.join("\n") + "\n";
}
