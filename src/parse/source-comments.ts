/**
 * Comments of files that are scanned as text (source code, dotenv, shell), so
 * that inline suppressions work there too: `//` and block comments for
 * JavaScript/TypeScript, `#` comments for dotenv, shell, YAML, TOML, INI.
 * Approximate by design (strings are skipped; regex literals are not).
 */
import type { DocComment } from "./doc.js";
import { textLines } from "./text-lines.js";

const SLASH = /\.(?:[cm]?[jt]sx?)$/i;
const HASH = /(?:^|\/)(?:\.env[^/]*|[^/]*\.(?:env|sh|bash|zsh|py|rb|ya?ml|toml|ini|cfg|conf|properties)|Dockerfile|\.npmrc)$/i;

export function sourceComments(rel: string, text: string): DocComment[] {
  if (SLASH.test(rel)) return slashComments(text, ['"', "'", "`"]);
  if (HASH.test(rel)) return hashComments(text);
  return [];
}

/**
 * `//` and block comments outside strings delimited by `quotes` (a string ends
 * at a line break, except a template literal), with their line numbers. A line
 * break is LF, CRLF or a lone CR (as LineIndex counts lines); a `//` comment's
 * span stops before it.
 */
export function slashComments(text: string, quotes: readonly string[]): DocComment[] {
  const quoteCodes = new Set(quotes.map((q) => q.charCodeAt(0)));
  const out: DocComment[] = [];
  let line = 1;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 10 || text.charCodeAt(i + 1) !== 10) line++;
      if (quote !== 96) quote = 0;
      continue;
    }
    if (quote) {
      if (c === 92) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if (quoteCodes.has(c)) quote = c;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const j = lineEnd(text, i);
      out.push({ text: text.slice(i + 2, j), span: { start: i, end: j }, line });
      i = j - 1;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      let j = text.indexOf("*/", i + 2);
      if (j < 0) j = text.length;
      const body = text.slice(i + 2, j);
      out.push({ text: body, span: { start: i, end: Math.min(text.length, j + 2) }, line });
      line += lineBreaks(body);
      i = j + 1;
    }
  }
  return out;
}

/** Offset of the first CR or LF at or after `from`, or the text's length. */
function lineEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return j;
  }
  return text.length;
}

function lineBreaks(s: string): number {
  return s.match(/\r\n?|\n/g)?.length ?? 0;
}

/** `#` comments outside quoted strings (YAML, TOML-like, dotenv, shell), with their line numbers; lines end at LF, CRLF or a lone CR. */
export function hashComments(text: string): DocComment[] {
  const out: DocComment[] = [];
  const re = /(^|[ \t])#([^\n\r]*)/g;
  let line = 1;
  for (const { start: lineStart, text: rawLine } of textLines(text)) {
    // Skip a '#' inside quotes with a cheap check: count quotes before it.
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(rawLine)) !== null) {
      const hashAt = m.index + (m[1] ? m[1].length : 0);
      const before = rawLine.slice(0, hashAt);
      const dq = (before.match(/"/g) ?? []).length;
      const sq = (before.match(/'/g) ?? []).length;
      if (dq % 2 === 1 || sq % 2 === 1) continue;
      out.push({ text: m[2] ?? "", span: { start: lineStart + hashAt, end: lineStart + rawLine.length }, line });
      break;
    }
    line++;
  }
  return out;
}
