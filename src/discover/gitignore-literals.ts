import { escapeRegExp } from "../util/escape-regexp.js";

/**
 * A quick "certainly not ignored" test for one .gitignore file, in front of
 * the `ignore` package's rule-by-rule check. Every rule that can match a
 * path needs some literal text of its pattern in it (`*.log`: `.log`;
 * `build/`: `build`; `docs/**` + `/api`: `docs`), so a path that holds the
 * literal of no rule matches no rule and is not ignored (a negated rule only
 * takes a match back: it needs none). One regular expression of those
 * literals answers that for most paths; the package then judges only the
 * rest (its check runs every rule's own expression, once per path: a
 * 150-line .gitignore over 15,000 files cost a quarter of the scan's CPU).
 *
 * Sound only where each literal is surely in every path its rule matches:
 * the test is not made (undefined) for a file with an escape (`\#`, `\ `),
 * braces, or characters above ASCII (the package's case folding is its own),
 * or with a rule that has no literal (`*`, `**`), which may match anything.
 * Matching ignores case, as the package does by default.
 */
export function ignoredPathTest(content: string): ((path: string) => boolean) | undefined {
  const literals = new Set<string>();
  for (const raw of content.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (/[\\{}]|[^\x20-\x7e]/.test(line)) return undefined;
    if (line.startsWith("!")) continue;
    const literal = longestLiteral(line);
    if (literal === undefined) return undefined;
    literals.add(literal.toLowerCase());
  }
  if (literals.size === 0) return () => false;
  const any = new RegExp([...literals].map(escapeRegExp).join("|"));
  return (path) => any.test(path.toLowerCase());
}

/**
 * The longest run of a pattern that every path it matches holds as written: the text between its
 * wildcards (`*`, `**`, `?`, a `[...]` class) with the slashes next to them left out (`**` may
 * match no folder at all), and without a leading or trailing slash. Undefined when there is none
 * (or a class is left open).
 */
function longestLiteral(pattern: string): string | undefined {
  if (/\[[^\]]*$/.test(pattern)) return undefined;
  const runs = pattern.split(/\/?(?:\*+|\?|\[[^\]]*\])\/?/).map((r) => r.replace(/^\/+|\/+$/g, ""));
  const best = runs.reduce((a, b) => (b.length > a.length ? b : a), "");
  return best === "" ? undefined : best;
}
