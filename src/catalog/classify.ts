/**
 * Decides which catalog format a path belongs to (path globs first; content
 * sniffing for YAML/JSON files whose names say nothing).
 */
import picomatch from "picomatch";
import { PATH_FORMATS, SNIFFED_FORMATS, SNIFF_EXTENSIONS, type FormatSpec } from "./formats.js";

interface Compiled {
  readonly spec: FormatSpec;
  readonly match: (p: string) => boolean;
}

let compiled: Compiled[] | undefined;

function matchers(): Compiled[] {
  compiled ??= PATH_FORMATS.map((spec) => {
    const m = picomatch(spec.globs as string[], { dot: true, nocase: false });
    // `**/x` also matches `x` at the root in picomatch; test both the path and `/`-prefixed path.
    return { spec, match: (p: string) => m(p) };
  });
  return compiled;
}

/** The format a path belongs to by name alone. */
export function classifyPath(relPath: string): FormatSpec | undefined {
  for (const c of matchers()) if (c.match(relPath)) return c.spec;
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
