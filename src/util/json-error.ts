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
