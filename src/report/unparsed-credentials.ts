/**
 * Literal values under credential names (`"DB_PASSWORD": "<pw>"`,
 * `api_key: <key>`, `token = "<t>"`) in a file that did not parse, for the
 * text report's code frames to mask. A file that parses has its credentials
 * in the model (engine/redact-values.ts literalCredentialLocs); one that does
 * not has none, and the frame of its syntax error would print a weak password
 * that no detector reports in full.
 */
import { LineIndex, type Loc } from "../model/location.js";
import { isSwitchValue } from "../model/credential-identity.js";
import { classifyKey } from "../secrets/keys.js";

/** A name, bare or quoted, then `:` or `=`, then the value's first character. */
const PAIR = /(?<![\w.-])(["']?)([A-Za-z_][\w.-]{0,100})\1[ \t]*[:=][ \t]*(["']?)/g;

/** A value that is a reference, not a literal: `${VAR}`, `{{ secret }}`, `%VAR%`, `<placeholder>`, `$VAR`. */
const REFERENCE = /^[$%{<]/;

export function unparsedCredentialLocs(file: string, text: string): Loc[] {
  const out: Loc[] = [];
  const lines = new LineIndex(text);
  for (const m of text.matchAll(PAIR)) {
    const name = m[2] as string;
    if (classifyKey(name) === undefined) continue;
    const quote = m[3] as string;
    const start = (m.index ?? 0) + m[0].length;
    const end = valueEnd(text, start, quote);
    const value = text.slice(start, end);
    if (value === "" || REFERENCE.test(value) || isSwitchValue(value)) continue;
    out.push(lines.loc(file, { start, end }));
  }
  return out;
}

/** Where a value starting at `start` ends: at its closing quote, or (unquoted) at a space, `,`, `}`, `]` or `#`; never past its line. */
function valueEnd(text: string, start: number, quote: string): number {
  for (let i = start; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\n" || c === "\r") return i;
    if (quote && c === "\\" && text[i + 1] !== "\n" && text[i + 1] !== "\r") i++;
    else if (quote ? c === quote : /[\s,}\]#]/.test(c)) return i;
  }
  return text.length;
}
