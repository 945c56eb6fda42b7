/**
 * Decides which catalog format a path belongs to (path globs first; content
 * sniffing for YAML/JSON files whose names say nothing).
 */
import picomatch from "picomatch";
import { PATH_FORMATS, SNIFFED_FORMATS, SNIFF_EXTENSIONS, type FormatSpec } from "./formats.js";

interface Classifier {
  /** Full matcher per format (catalog order). */
  readonly matchers: readonly ((p: string) => boolean)[];
  /** Literal last segment of a glob -> formats, ascending. */
  readonly byName: ReadonlyMap<string, readonly number[]>;
  /** Formats whose glob ends in a wildcard segment, with a test for the file name. */
  readonly wildcards: readonly { readonly index: number; readonly test: (name: string) => boolean }[];
}

let classifier: Classifier | undefined;

/**
 * Built on first use. A path's file name picks the few formats that can
 * match (a map lookup, plus the handful of globs whose last segment is a
 * wildcard); only those run their full glob, in catalog order. Testing every
 * glob of every format on every path cost 30 us a path.
 */
function build(): Classifier {
  const byName = new Map<string, number[]>();
  const wildcards: { index: number; test: (name: string) => boolean }[] = [];
  const matchers = PATH_FORMATS.map((spec, index) => {
    for (const g of spec.globs) {
      const last = g.slice(g.lastIndexOf("/") + 1);
      if (last.includes("**") || /\{[^}]*\//.test(g)) wildcards.push({ index, test: () => true });
      else if (/[*?[\]{}()!+@\\]/.test(last)) wildcards.push({ index, test: picomatch(last, { dot: true, nocase: false }) });
      else byName.set(last, [...(byName.get(last) ?? []), index]);
    }
    return picomatch(spec.globs as string[], { dot: true, nocase: false });
  });
  return { matchers, byName, wildcards };
}

/** The format a path belongs to by name alone. */
export function classifyPath(relPath: string): FormatSpec | undefined {
  classifier ??= build();
  const name = relPath.slice(relPath.lastIndexOf("/") + 1);
  const candidates = new Set<number>(classifier.byName.get(name) ?? []);
  for (const w of classifier.wildcards) if (!candidates.has(w.index) && w.test(name)) candidates.add(w.index);
  for (const i of [...candidates].sort((a, b) => a - b)) {
    if (classifier.matchers[i]?.(relPath)) return PATH_FORMATS[i];
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
