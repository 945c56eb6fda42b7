/**
 * `*` and `?` globs matched without a regex (Amazon Q `allowedTools`, Qwen Code
 * `mcp.allowed`, Amp and Kiro rule patterns). The glob and the text both come
 * from the scanned file, and a regex of many `.*` backtracks past any time
 * limit (`*a*a*a*a*a*a*a*a*a*a*a*a!` against 60 a's). Here the parts between
 * stars are placed leftmost, in order, which decides a wildcard match in
 * O(text x glob) steps. `*` is any run of characters, `?` any one character.
 */
export interface Wildcard {
  test(text: string): boolean;
}

export function wildcard(glob: string): Wildcard {
  const parts = glob.split("*");
  return { test: (text) => matches(parts, text) };
}

/** Does `part` (`?` for any one character) match `text` at `at`? */
function partAt(part: string, text: string, at: number): boolean {
  if (at < 0 || at + part.length > text.length) return false;
  for (let i = 0; i < part.length; i++) if (part[i] !== "?" && part[i] !== text[at + i]) return false;
  return true;
}

function matches(parts: readonly string[], text: string): boolean {
  const first = parts[0] ?? "";
  if (parts.length === 1) return first.length === text.length && partAt(first, text, 0);
  const last = parts[parts.length - 1] ?? "";
  const end = text.length - last.length;
  if (end < first.length || !partAt(first, text, 0) || !partAt(last, text, end)) return false;
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    let i = at;
    while (i + part.length <= end && !partAt(part, text, i)) i++;
    if (i + part.length > end) return false;
    at = i + part.length;
  }
  return true;
}
