/**
 * Text from scanned files (server names, keys, paths, source lines) made safe
 * for a terminal or a CI log: control characters (C0 but tab, DEL, C1) and
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
