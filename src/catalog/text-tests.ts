/**
 * Cheap tests on a file's text, run before a file of a generic name is parsed to
 * see whether it belongs to a format (FormatSpec.sniffText).
 */

/** A cheap test on a file's text (a RegExp, or one with a literal gate in front). */
export interface TextTest {
  test(text: string): boolean;
}

/** A cheap test that one of these keys appears as a YAML or JSON key. */
export function keyText(keys: string): TextTest {
  const re = new RegExp(`(^|[{,\\s])["']?(${keys})["']?\\s*:`, "m");
  const words = keys.split("|");
  // A native substring search first: most YAML/JSON files never name the key, and the regex (a
  // separator class at every character) costs ten times as much.
  return { test: (text) => words.some((w) => text.includes(w)) && re.test(text) };
}

/**
 * Every test passes. The sniff's own keys, tested on the text before it is
 * parsed: a JSON or YAML file that merely has a `routes` or `registry` key (an
 * AWS API model, a package.json) is not parsed to be refused.
 */
export function allOf(...tests: TextTest[]): TextTest {
  return { test: (text) => tests.every((t) => t.test(text)) };
}
