/**
 * Decides which catalog format a path belongs to (path globs first; content
 * sniffing for YAML/JSON files whose names say nothing).
 */
import picomatch from "picomatch";
import { PATH_FORMATS, SNIFFED_FORMATS, SNIFF_EXTENSIONS, type FormatSpec } from "./formats.js";

interface Classifier {
  /** Full matcher per format (catalog order), compiled when a path first needs it. */
  readonly matchers: (((p: string) => boolean) | undefined)[];
  /** Per format, per glob: the segments it needs literally (a path without one of them cannot match). */
  readonly literalSegments: readonly (readonly (readonly string[])[])[];
  /** Literal last segment of a glob -> formats, ascending. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  /** Formats whose glob ends in a wildcard segment, with a test for the file name. */
  readonly wildcards: readonly { readonly index: number; readonly test: (name: string) => boolean }[];
}

let classifier: Classifier | undefined;

/** Characters that make a glob segment more than a literal name (picomatch syntax). */
const GLOB_SYNTAX = /[*?[\]{}()!+@\\]/;
const GLOB_OPTIONS = { dot: true, nocase: false } as const;

/**
 * A file-name test for a wildcard last segment (`*.json`, `.env.*`),
 * compiled on the first name that has the segment's literal start and end
 * (without them picomatch cannot match); one compiled test per pattern.
 */
function nameTest(segment: string, compiled: Map<string, (name: string) => boolean>): (name: string) => boolean {
  const first = segment.search(GLOB_SYNTAX);
  let last = segment.length - 1;
  while (last > first && !GLOB_SYNTAX.test(segment.charAt(last))) last--;
  const prefix = segment.slice(0, first);
  const suffix = segment.slice(last + 1);
  return (name) => {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) return false;
    let test = compiled.get(segment);
    if (!test) compiled.set(segment, (test = picomatch(segment, GLOB_OPTIONS)));
    return test(name);
  };
}

/**
 * Built on first use. A path's file name picks the few formats that can
 * match (a map lookup, plus the handful of globs whose last segment is a
 * wildcard); only those run their full glob, in catalog order. Testing every
 * glob of every format on every path cost 30 us a path; compiling every
 * format's globs up front cost ~8 ms of a run over a few files, so globs are
 * compiled only for a path that has their literal parts.
 */
function build(): Classifier {
  const byName = new Map<string, number[]>();
  const wildcards: { index: number; test: (name: string) => boolean }[] = [];
  const compiled = new Map<string, (name: string) => boolean>();
  PATH_FORMATS.forEach((spec, index) => {
    for (const g of spec.globs) {
      const last = g.slice(g.lastIndexOf("/") + 1);
      if (last.includes("**") || /\{[^}]*\//.test(g)) wildcards.push({ index, test: () => true });
      else if (GLOB_SYNTAX.test(last)) wildcards.push({ index, test: nameTest(last, compiled) });
      else byName.set(last, [...(byName.get(last) ?? []), index]);
    }
  });
  const literalSegments = PATH_FORMATS.map((spec) => spec.globs.map((g) => g.split("/").filter((seg) => !GLOB_SYNTAX.test(seg))));
  return { matchers: [], literalSegments, byName, wildcards };
}

/** Whether format `index` matches the path: its globs compile only when one of them has all its literal segments in the path. */
function formatMatches(c: Classifier, index: number, relPath: string, segments: ReadonlySet<string>): boolean {
  const matcher = c.matchers[index];
  if (matcher) return matcher(relPath);
  if (!c.literalSegments[index]?.some((literals) => literals.every((seg) => segments.has(seg)))) return false;
  return (c.matchers[index] = picomatch((PATH_FORMATS[index]?.globs ?? []) as string[], GLOB_OPTIONS))(relPath);
}

/** The format a path belongs to by name alone. */
export function classifyPath(relPath: string): FormatSpec | undefined {
  classifier ??= build();
  const name = relPath.slice(relPath.lastIndexOf("/") + 1);
  const candidates = new Set<number>(classifier.byName.get(name) ?? []);
  for (const w of classifier.wildcards) if (!candidates.has(w.index) && w.test(name)) candidates.add(w.index);
  const segments = new Set(relPath.split(/[\\/]/));
  for (const i of [...candidates].sort((a, b) => a - b)) {
    if (formatMatches(classifier, i, relPath, segments)) return PATH_FORMATS[i];
  }
  return undefined;
}

/** Sniffed formats whose cheap text test passes for this file (parse, then call `sniff`). */
export function sniffCandidates(relPath: string, text: string): FormatSpec[] {
  const dot = relPath.lastIndexOf(".");
  const ext = dot >= 0 ? relPath.slice(dot).toLowerCase() : "";
  if (!SNIFF_EXTENSIONS.has(ext)) return [];
  return SNIFFED_FORMATS.filter((f) => !f.sniffText || f.sniffText.test(text));
}

/** The syntax to parse a sniffed file with, by extension. */
export function sniffSyntax(relPath: string): "jsonc" | "yaml" {
  return relPath.toLowerCase().endsWith(".json") ? "jsonc" : "yaml";
}
