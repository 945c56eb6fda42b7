/**
 * Assembles the scan model from per-file analyses.
 */
import { linkCode, type FileLinks } from "../model/code-links.js";
import { linkTools } from "../model/code-tools.js";
import type { Diagnostic } from "../model/types.js";
import type { FileAnalysis } from "./analyze-file.js";
import type { ScanModel } from "./model.js";

/** `context`: links of files read for them only (not scanned: nothing else of theirs is in the model). */
export function buildModel(root: string, analyses: readonly FileAnalysis[], walkDiagnostics: readonly Diagnostic[], context: readonly FileLinks[] = []): ScanModel {
  const sorted = [...analyses].sort((a, b) => byPath(a.file.path, b.file.path));
  const links = [...sorted.flatMap((a) => (a.links ? [{ file: a.file.path, links: a.links }] : [])), ...context].sort((a, b) => byPath(a.file, b.file));
  return {
    root,
    files: sorted.map((a) => a.file),
    // Tools a server of one file serves from classes of another (NestJS providers): joined as the policies are.
    servers: linkTools(
      sorted.flatMap((a) => a.servers),
      links,
    ),
    // A router mounted by another file, a Next.js middleware in front of an app's routes: joined now that every file is read.
    policies: linkCode(
      sorted.flatMap((a) => a.policies),
      links,
    ),
    secrets: sorted.flatMap((a) => a.secrets),
    diagnostics: dedupeDiagnostics([...walkDiagnostics, ...sorted.flatMap((a) => a.diagnostics)]),
    parseErrors: sorted.flatMap((a) => a.parseProblems.map((p) => ({ ...p, format: a.file.format }))),
    suppressionDirectives: sorted.flatMap((a) => a.directives ?? []),
  };
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Identical diagnostics (e.g. `parser-unavailable`, which every source file yields alike) are reported once. */
function dedupeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify([d.level, d.code, d.message, d.file, d.loc]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
