/**
 * `.env` files (KEY=VALUE lines) as a one-object DocNode tree with exact spans,
 * so that dotenv-configured gateways are read like any other format.
 * Accepts `export KEY=...`, quoted values and `#` comments; other lines are
 * skipped (as loaders do), so there are no syntax problems; never throws.
 */
import type { DocComment, DocEntry, DocNode } from "./doc.js";
import type { ParseProblem } from "./problem.js";
import { textLines } from "./text-lines.js";

export interface DotenvResult {
  readonly doc: DocNode;
  readonly problems: ParseProblem[];
  readonly comments: DocComment[];
}

const LINE = /^([ \t]*)(export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

export function parseDotenv(text: string): DotenvResult {
  const entries: DocEntry[] = [];
  const comments: DocComment[] = [];
  let lineNo = 1;
  // A line ends at LF, CRLF or a lone CR, as dotenv loaders read it.
  for (const { start: offset, text: line } of textLines(text)) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith("#")) {
      const at = offset + line.length - trimmed.length;
      comments.push({ text: trimmed.slice(1), span: { start: at, end: offset + line.length }, line: lineNo });
    } else if (trimmed !== "") {
      const m = LINE.exec(line);
      if (m) {
        const keyStart = offset + (m[1]?.length ?? 0) + (m[2]?.length ?? 0);
        const key = m[3] ?? "";
        const rest = m[4] ?? "";
        const restStart = offset + line.length - (line.length - line.trimEnd().length) - rest.length;
        const { value, start, end, comment } = readValue(rest);
        if (comment) comments.push({ text: comment.text, span: { start: restStart + comment.at, end: offset + line.length }, line: lineNo });
        entries.push({ key, keySpan: { start: keyStart, end: keyStart + key.length }, value: { type: "string", value, span: { start: restStart + start, end: restStart + end } } });
      }
      // Lines that are not KEY=VALUE are ignored, as dotenv loaders do.
    }
    lineNo++;
  }
  return { doc: { type: "object", span: { start: 0, end: text.length }, entries }, problems: [], comments };
}

/** The value of `rest` (after `=`), its span within `rest` (quotes included) and a trailing comment. */
function readValue(rest: string): { value: string; start: number; end: number; comment?: { text: string; at: number } } {
  const q = rest[0];
  if (q === '"' || q === "'") {
    const close = rest.indexOf(q, 1);
    if (close > 0) {
      const after = rest.slice(close + 1);
      const hash = after.indexOf("#");
      const inner = rest.slice(1, close);
      const value = q === '"' ? inner.replace(/\\n/g, "\n").replace(/\\(["\\])/g, "$1") : inner;
      return { value, start: 0, end: close + 1, ...(hash >= 0 ? { comment: { text: after.slice(hash + 1), at: close + 1 + hash } } : {}) };
    }
  }
  const hash = rest.search(/[ \t]#/);
  const value = (hash >= 0 ? rest.slice(0, hash) : rest).trimEnd();
  return { value, start: 0, end: value.length, ...(hash >= 0 ? { comment: { text: rest.slice(rest.indexOf("#", hash) + 1), at: rest.indexOf("#", hash) } } : {}) };
}
