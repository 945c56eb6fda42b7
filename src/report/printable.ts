/**
 * Text from scanned files (server names, keys, paths, source lines) made safe
 * for a terminal, a CI log or a rendered report (Markdown, HTML): control characters (C0 but tab, DEL, C1) and
 * the bidirectional overrides become visible escapes, so a crafted name cannot
 * recolour the report, move the cursor, forge a finding line or hide one.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  if (c === "\n") return "\\n";
  if (c === "\r") return "\\r";
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

export function printable(s: string): string {
  return s.replace(UNPRINTABLE, escape);
}

/** The same, but line breaks stay (an HTML attribute or block whose lines are the report's own). */
export function printableLines(s: string): string {
  return s.split(/(\r\n|\n|\r)/).map((part, i) => (i % 2 ? part : printable(part))).join("");
}
