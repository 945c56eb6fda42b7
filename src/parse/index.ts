/**
 * One entry point for every structured syntax: text in, DocNode trees, syntax
 * problems and comments out. Never throws on bad input.
 */
import type { DocComment, DocNode } from "./doc.js";
import { parseDotenv } from "./dotenv.js";
import { parseJsonc } from "./jsonc.js";
import type { ParseProblem } from "./problem.js";
import { parseToml } from "./toml.js";
import { parseYaml } from "./yaml.js";

export interface ParsedDocument {
  readonly docs: DocNode[];
  readonly problems: ParseProblem[];
  readonly comments: DocComment[];
}

export type StructuredSyntax = "json" | "jsonc" | "yaml" | "toml" | "dotenv";

export function parseStructured(syntax: StructuredSyntax, text: string): ParsedDocument {
  switch (syntax) {
    case "json":
    case "jsonc": {
      const r = parseJsonc(text);
      return { docs: r.doc ? [r.doc] : [], problems: r.problems, comments: r.comments };
    }
    case "yaml":
      return parseYaml(text);
    case "dotenv": {
      const r = parseDotenv(text);
      return { docs: [r.doc], problems: r.problems, comments: r.comments };
    }
    case "toml": {
      const r = parseToml(text);
      return { docs: r.doc ? [r.doc] : [], problems: r.diagnostics, comments: tomlComments(text) };
    }
  }
}

/** `#` comments of a TOML file (outside strings, approximately), for inline suppressions. */
function tomlComments(text: string): DocComment[] {
  const out: DocComment[] = [];
  let offset = 0;
  let line = 1;
  for (const raw of text.split("\n")) {
    let inStr: string | undefined;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i];
      if (inStr) {
        if (c === "\\" && inStr === '"') i++;
        else if (c === inStr) inStr = undefined;
      } else if (c === '"' || c === "'") inStr = c;
      else if (c === "#") {
        out.push({ text: raw.slice(i + 1).replace(/\r$/, ""), span: { start: offset + i, end: offset + raw.length }, line });
        break;
      }
    }
    offset += raw.length + 1;
    line++;
  }
  return out;
}
