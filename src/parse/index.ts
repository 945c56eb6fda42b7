/**
 * One entry point for every structured syntax: text in, DocNode trees, syntax
 * problems and comments out. Never throws on bad input.
 */
import type { Span } from "../model/location.js";
import type { DocComment, DocNode } from "./doc.js";
import { parseDotenv } from "./dotenv.js";
import { parseFrontMatter } from "./frontmatter.js";
import { parseJsonc } from "./jsonc.js";
import type { ParseProblem } from "./problem.js";
import { parseToml } from "./toml.js";
import { parseYaml } from "./yaml.js";

export interface ParsedDocument {
  readonly docs: DocNode[];
  readonly problems: ParseProblem[];
  /** Problems that did not stop the read (YAML: see YamlResult.warnings; JSON: keys written twice). */
  readonly warnings?: ParseProblem[];
  readonly comments: DocComment[];
  /** Text the parse set aside (a Helm template's control lines, parse/helm-template.ts; a JSON entry whose key is written again): the text scan covers it as it does comments. */
  readonly unread?: readonly Span[];
}

/** `frontmatter`: the YAML front matter of a Markdown file. */
export type StructuredSyntax = "json" | "jsonc" | "yaml" | "toml" | "dotenv" | "frontmatter";

/** `strictJson`: a `json` file whose client refuses comments and trailing commas (FormatSpec.strict). `keepRepeatedKeys`: see parseJsonc and parseYaml. */
export function parseStructured(syntax: StructuredSyntax, text: string, strictJson = false, keepRepeatedKeys = false): ParsedDocument {
  switch (syntax) {
    case "json":
    case "jsonc": {
      const r = parseJsonc(text, strictJson && syntax === "json", keepRepeatedKeys);
      return { docs: r.doc ? [r.doc] : [], problems: r.problems, warnings: r.shadowed, comments: r.comments, ...(r.unread.length > 0 ? { unread: r.unread } : {}) };
    }
    case "yaml":
      return parseYaml(text, keepRepeatedKeys);
    case "frontmatter":
      return parseFrontMatter(text);
    case "dotenv": {
      const r = parseDotenv(text);
      return { docs: [r.doc], problems: r.problems, comments: r.comments };
    }
    case "toml": {
      const r = parseToml(text);
      return { docs: r.doc ? [r.doc] : [], problems: r.diagnostics, comments: r.comments };
    }
  }
}
