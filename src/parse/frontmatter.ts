/**
 * The YAML front matter of a Markdown file (Kiro agent profiles): the lines
 * between a `---` first line and the next `---` (or `...`) line. It is parsed
 * as YAML with every other character blanked (line breaks kept), so spans,
 * lines and columns are those of the whole file. No front matter: no document.
 */
import type { ParsedDocument } from "./index.js";
import { parseYaml } from "./yaml.js";

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** Every character but line breaks as a space. */
const blank = (s: string): string => s.replace(/[^\r\n]/g, " ");

export function parseFrontMatter(text: string): ParsedDocument {
  const open = OPEN.exec(text);
  if (!open) return { docs: [], problems: [], comments: [] };
  const start = open[0].length;
  const close = CLOSE.exec(text.slice(start));
  const end = close ? start + close.index : text.length;
  return parseYaml(blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end)));
}
