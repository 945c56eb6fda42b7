/**
 * decK renders `${{ env "DECK_NAME" }}` templates over the raw file text before it
 * parses the YAML, so `- "${{ env "DECK_ISSUER" }}"` is a valid decK value although
 * the text is not valid YAML as written. Reading each template's double quotes as
 * single quotes (same length, so every offset and location stays put) gives the
 * document decK parses, with the template kept as the value.
 */
const TEMPLATE = /\$\{\{[^\n]*?\}\}/g;

/** The text with `"` read as `'` inside one-line `${{ ... }}` templates; undefined when there is none to change. */
export function withTemplateQuotesAsSingle(text: string): string | undefined {
  if (!text.includes("${{")) return undefined;
  const out = text.replace(TEMPLATE, (t) => t.replaceAll('"', "'"));
  return out === text ? undefined : out;
}
