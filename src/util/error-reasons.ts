/**
 * What V8's errors about a given text say, without the text they quote: the
 * text is a file's or a configuration value's, and may be a secret.
 */

/**
 * What a JSON.parse error says, without the text it quotes: V8 quotes up to
 * ten characters around the error, and the whole text when it is short
 * (`Unexpected token 'T', "T=<value>" is not valid JSON`). A file given as a
 * baseline or found as the lock may be any file, a secret's among them.
 */
export function jsonErrorReason(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return raw.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, " (not valid JSON)");
}

/**
 * What a regex compile error says, without the pattern: V8 quotes the whole
 * pattern (`Invalid regular expression: /.../: Unterminated group`), and an
 * allow entry is a known secret value.
 */
export function regexErrorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const reason = /^Invalid regular expression: \/.*\/[a-z]*: ([^:]+)$/s.exec(raw)?.[1];
  return `invalid regular expression: ${reason ?? "syntax error"}`;
}
