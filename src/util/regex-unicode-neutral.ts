/**
 * Whether a pattern that compiled with the `u` flag matches exactly what it
 * matches without it, so that the flag can be dropped for V8's linear-time
 * engine (which, on Node 20, takes no `u`; see untrusted-regex.ts).
 *
 * With `u` the input is read as code points and a surrogate pair is one
 * character; without it, as UTF-16 code units. The two readings agree when
 * every atom of the pattern matches only characters of the Basic
 * Multilingual Plane that are no surrogates (one code unit, and one code
 * point): each step then consumes the same unit either way, and no match can
 * begin inside a pair (its first unit would be a low surrogate) unless it
 * begins with a zero-width test that holds there. Of those, `^`, `$` and `\b`
 * never hold between the two halves of a pair (both are no word characters,
 * and no line break); `\B` does, so a pattern with `\B` is not taken as
 * neutral (V8 on Node 20 answers `/\B/` inside a pair alike with and without
 * `u`, but the specification reads the pair as one character with `u`).
 *
 * So the pattern is neutral when it has no `.`, no negated class, no `\D`,
 * `\W`, `\S`, `\B`, no `\p{...}`, `\P{...}` or `\u{...}`, no lookaround or
 * back-reference, and no atom that matches a surrogate code unit (a `\uD83D`
 * escape, a class range across U+D800-U+DFFF, a character outside the BMP
 * written as itself). The `i` flag is left to the caller: with `u` it folds
 * `k` to the Kelvin sign and `\w` to more than ASCII, so the caller keeps `u`
 * then. Only patterns that compiled with `u` are given to it (`u` syntax is
 * stricter: `\-` outside a class or `\8` do not compile).
 */
import { isLookaround, parseRegex, some, type RegexNode } from "./regex-syntax.js";
import { unitsMatched } from "./regex-linear-rewrite.js";

/** An escape that matches beyond the BMP with `u`, or whose meaning `u` changes: `\D \W \S \p{...} \P{...} \u{...}`. */
const WIDE_ESCAPE = /^\\(?:[DWSpP]|u\{)/;

/** Does the pattern have such an escape (read escape by escape, so `\\p` is a backslash and a `p`)? */
function hasWideEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\\") continue;
    if (WIDE_ESCAPE.test(text.slice(i, i + 3))) return true;
    i++;
  }
  return false;
}

/** A one-character atom (a character, an escape, a class) that matches only BMP characters that are no surrogates. */
function narrowAtom(text: string): boolean {
  if (text === "." || text.startsWith("[^")) return false;
  // Only a `\u` escape or a character past ASCII can name a unit past U+00FF.
  if (!/\\u|[^\x00-\x7f]/.test(text)) return true;
  const units = unitsMatched(text, "");
  for (let c = 0xd800; c <= 0xdfff; c++) if (units[c]) return false;
  return true;
}

function neutralNode(n: RegexNode): boolean {
  if (n.kind === "char") return narrowAtom(n.text);
  if (n.kind === "assertion") return n.text !== "\\B";
  return n.kind !== "backref" && !isLookaround(n);
}

/** Does the pattern (which compiled with `u`) match the same without `u`? See above. */
export function unicodeNeutral(source: string): boolean {
  // On the whole source: the syntax tree reads `\u{1F600}` as `\u` and a `{`, as it is without `u`.
  if (hasWideEscape(source)) return false;
  return parseRegex(source).every((seq) => seq.every((n) => !some(n, (x) => !neutralNode(x))));
}
