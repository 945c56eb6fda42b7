/**
 * The YAML front matter of a Markdown file (Kiro agent profiles): the lines
 * between a `---` first line and the next `---` (or `...`) line. It is parsed
 * as YAML with every other character blanked (line breaks kept), so spans,
 * lines and columns are those of the whole file. No front matter: no document.
 * An opening `---` that no closing line follows is no front matter either (the
 * body would be read as YAML): no document, and a problem at the opening line
 * so the file is reported as not analysed rather than silently empty.
 * The opening line ends in LF or CRLF: a file with lone-CR line ends has no
 * front matter, as gh-aw reads it (ExtractFrontmatterFromContent splits lines
 * at LF, so its first line is the whole file); its text is still scanned.
 */
import type { ParsedDocument } from "./index.js";
import { parseYaml } from "./yaml.js";

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;

/** Every character but line breaks as a space. */
const blank = (s: string): string => s.replace(/[^\r\n]/g, " ");

/**
 * The text of a Markdown file's front matter (between its `---` lines), or
 * undefined when it has none: a cheap look before parsing anything.
 */
export function frontMatterText(text: string): string | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  return close ? rest.slice(0, close.index) : undefined;
}

export function parseFrontMatter(text: string): ParsedDocument {
  const open = OPEN.exec(text);
  if (!open) return { docs: [], problems: [], comments: [] };
  const start = open[0].length;
  const close = CLOSE.exec(text.slice(start));
  if (!close) {
    const problem = { message: "front matter opened by `---` on line 1 is never closed (no `---` or `...` line follows)", span: { start: 0, end: 3 } };
    return { docs: [], problems: [problem], comments: [] };
  }
  const end = start + close.index;
  return parseYaml(blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end)));
}
