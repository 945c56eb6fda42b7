/**
 * Decides which catalog format a path belongs to (path globs first; content
 * sniffing for YAML/JSON files whose names say nothing).
 */
import { PATH_FORMATS, SNIFFED_FORMATS, SNIFF_EXTENSIONS, type FormatSpec } from "./formats.js";
import { GLOB_SYNTAX, globMatcher } from "./glob.js";

/** One glob of a format: the segments it needs literally, and its test, compiled when a path first needs it. */
interface GlobTest {
  readonly glob: string;
  readonly literals: readonly string[];
  match?: (path: string) => boolean;
}

interface Classifier {
  /** Per format (catalog order), its globs. */
  readonly globs: readonly (readonly GlobTest[])[];
  /** Literal last segment of a glob -> formats, ascending. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  /** Formats whose glob ends in a wildcard segment, with a test that the file name may match. */
  readonly wildcards: readonly { readonly index: number; readonly test: (name: string) => boolean }[];
}

let classifier: Classifier | undefined;

const GLOB_OPTIONS = { dot: true, nocase: false } as const;

/**
 * A cheap test that a file name may match a wildcard last segment (`*.json`,
 * `.env.*`, `*.{ts,js}`): it has the literal start and end of the segment,
 * or of one of its `{a,b}` alternatives. Without them picomatch cannot match;
 * with them, the format's full globs decide.
 */
function nameMayMatch(segment: string): (name: string) => boolean {
  const brace = /\{([^{}]*)\}/.exec(segment);
  const alternatives = brace && !GLOB_SYNTAX.test(brace[1] as string) ? (brace[1] as string).split(",").map((alt) => segment.replace(brace[0], alt)) : [segment];
  const ends = alternatives.map((alt) => {
    const first = alt.search(GLOB_SYNTAX);
    let last = alt.length - 1;
    while (last > first && !GLOB_SYNTAX.test(alt.charAt(last))) last--;
    return first < 0 ? { prefix: alt, suffix: alt } : { prefix: alt.slice(0, first), suffix: alt.slice(last + 1) };
  });
  return (name) => ends.some((e) => name.startsWith(e.prefix) && name.endsWith(e.suffix));
}

/**
 * A glob's test. Literal segments after a leading `**` (most of the catalog:
 * `.cursor/mcp.json` anywhere) are decided as picomatch decides them with
 * `dot: true`, without picomatch: the path is the literal part, or ends in
 * `/` + the literal part after folders none of which is `.` or `..`. Other
 * globs, and paths with backslashes (separators to picomatch on Windows),
 * go to picomatch.
 */
function globTest(glob: string): (path: string) => boolean {
  const tail = glob.startsWith("**/") ? glob.slice(3) : undefined;
  let full: ((path: string) => boolean) | undefined;
  const picomatchTest = (p: string) => (full ??= globMatcher(glob, GLOB_OPTIONS))(p);
  if (tail === undefined || tail.split("/").some((seg) => !seg || GLOB_SYNTAX.test(seg))) return picomatchTest;
  return (p) => {
    if (p.includes("\\")) return picomatchTest(p);
    if (p === tail) return true;
    if (!p.endsWith(`/${tail}`)) return false;
    return !p.slice(0, p.length - tail.length - 1).split("/").some((seg) => seg === "." || seg === "..");
  };
}

/**
 * Built on first use. A path's file name picks the few formats that can
 * match (a map lookup, plus the handful of globs whose last segment is a
 * wildcard); only those run their globs, in catalog order. Testing every
 * glob of every format on every path cost 30 us a path; compiling every
 * format's globs up front cost ~8 ms of a run over a few files, so a glob is
 * compiled only for a path that has its literal segments, and a literal
 * path under a leading `**` needs no compiling.
 */
function build(): Classifier {
  const byName = new Map<string, number[]>();
  const wildcards: { index: number; test: (name: string) => boolean }[] = [];
  PATH_FORMATS.forEach((spec, index) => {
    for (const g of spec.globs) {
      const last = g.slice(g.lastIndexOf("/") + 1);
      if (last.includes("**") || /\{[^}]*\//.test(g)) wildcards.push({ index, test: () => true });
      else if (GLOB_SYNTAX.test(last)) wildcards.push({ index, test: nameMayMatch(last) });
      else byName.set(last, [...(byName.get(last) ?? []), index]);
    }
  });
  const globs = PATH_FORMATS.map((spec) => spec.globs.map((glob): GlobTest => ({ glob, literals: glob.split("/").filter((seg) => !GLOB_SYNTAX.test(seg)) })));
  return { globs, byName, wildcards };
}

/** Whether format `index` matches the path (`segments`: its path segments). */
function formatMatches(c: Classifier, index: number, relPath: string, segments: ReadonlySet<string>): boolean {
  return (c.globs[index] ?? []).some((g) => g.literals.every((seg) => segments.has(seg)) && (g.match ??= globTest(g.glob))(relPath));
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

/** A client or gateway configuration file by its path (a catalog format that is not source code). */
export function isConfigPath(relPath: string): boolean {
  const spec = classifyPath(relPath);
  return spec !== undefined && spec.syntax !== "typescript";
}

/**
 * Sniffed formats whose cheap text test passes for this file (parse, then
 * call `sniff`). `mayMention`: false when the keyword pass found none of the
 * formats' words (SNIFF_WORDS) in the text: then none can pass.
 */
export function sniffCandidates(relPath: string, text: string, mayMention = true): FormatSpec[] {
  const dot = relPath.lastIndexOf(".");
  const ext = dot >= 0 ? relPath.slice(dot).toLowerCase() : "";
  if (!SNIFF_EXTENSIONS.has(ext) || !mayMention) return [];
  return SNIFFED_FORMATS.filter((f) => !f.sniffText || f.sniffText.test(text));
}

/** Can a file at this path be a content-sniffed format (by its extension)? */
export function maySniff(relPath: string): boolean {
  const dot = relPath.lastIndexOf(".");
  return dot >= 0 && SNIFF_EXTENSIONS.has(relPath.slice(dot).toLowerCase()) && SNIFFED_FORMATS.length > 0;
}

/** The syntax to parse a sniffed file with, by extension. */
export function sniffSyntax(relPath: string): "jsonc" | "yaml" {
  return relPath.toLowerCase().endsWith(".json") ? "jsonc" : "yaml";
}
