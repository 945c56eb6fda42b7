/**
 * A linear pre-check of bracket nesting for YAML flow collections and TOML
 * arrays / inline tables, run before the real parser: both parsers recurse
 * and slow down badly (seconds) on inputs nested tens of thousands deep.
 * Real configs nest fewer than 20 levels.
 */

/** Deeper nesting than this is refused, as for JSON. */
export const MAX_NESTING = 256;

/**
 * True when `[`/`{` nesting outside quotes and `#` comments goes deeper than
 * `limit`. A quote opens a string only at the start of a token (after space,
 * `[`, `{`, `,`, `:`, `=` or at a line start), and every string ends at the
 * end of its line, so that an apostrophe in a plain word cannot hide
 * brackets from the count.
 */
export function nestsDeeperThan(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  let quote = 0; // char code of the open quote, 0 outside strings
  let prev = 10; // previous significant char code (10 = line start)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      quote = 0;
      prev = 10;
      continue;
    }
    if (quote !== 0) {
      if (c === 92 && quote === 34) i++;
      else if (c === quote) quote = 0;
      continue;
    }
    if ((c === 34 || c === 39) && isTokenStart(prev)) quote = c;
    else if (c === 35 && (prev === 10 || prev === 32 || prev === 9)) {
      const nl = text.indexOf("\n", i);
      if (nl < 0) break;
      i = nl - 1;
      continue;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return true;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    }
    prev = c;
  }
  return false;
}

function isTokenStart(prev: number): boolean {
  return prev === 10 || prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58 || prev === 61;
}
