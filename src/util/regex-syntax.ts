/**
 * JavaScript regex source without the `u` or `v` flag (the Annex B syntax that
 * `new RegExp(source)` accepts), as a tree that keeps each part's text as
 * written, so that a rewrite of some parts serializes back to a pattern that
 * means the same. Only patterns that compiled are given to it.
 */

export type RegexNode =
  /** An atom that matches exactly one UTF-16 code unit: a character, an escape, a class, `.`. */
  | { readonly kind: "char"; readonly text: string }
  /** `^`, `$`, `\b`, `\B`. */
  | { readonly kind: "assertion"; readonly text: string }
  | { readonly kind: "backref"; readonly text: string }
  /** `open` is `(`, `(?:`, `(?<name>`, `(?=`, `(?!`, `(?<=` or `(?<!`. */
  | { readonly kind: "group"; readonly open: string; readonly alternatives: readonly RegexNode[][] }
  | { readonly kind: "quantified"; readonly body: RegexNode; readonly min: number; readonly max: number; readonly lazy: boolean; readonly text: string };

export type Alternatives = readonly (readonly RegexNode[])[];

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/;
const GROUP_OPEN = /^\((?:\?(?::|=|!|<=|<!|<[^>]*>))?/;

export const isCapturing = (open: string) => open === "(" || (open.startsWith("(?<") && open !== "(?<=" && open !== "(?<!");
export const isLookaround = (n: RegexNode) => n.kind === "group" && n.open !== "(?:" && !isCapturing(n.open);

/** Does the node or a node inside it satisfy `f`? */
export function some(node: RegexNode, f: (n: RegexNode) => boolean): boolean {
  if (f(node)) return true;
  if (node.kind === "quantified") return some(node.body, f);
  return node.kind === "group" && node.alternatives.some((seq) => seq.some((n) => some(n, f)));
}

/** Capturing groups, and whether one is named (then `\k<name>` is a back-reference, else `\k` is a `k`). */
function captures(source: string): { count: number; named: boolean } {
  let count = 0;
  let named = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "[") i = classEnd(source, i) - 1;
    else if (c === "(") {
      const open = GROUP_OPEN.exec(source.slice(i))?.[0] ?? "(";
      if (isCapturing(open)) count++;
      if (open.length > 4 && isCapturing(open)) named = true;
    }
  }
  return { count, named };
}

/** The index after the class that opens at `start` (`]` right after `[` or `[^` closes it: `[]`, `[^]`). */
function classEnd(source: string, start: number): number {
  let j = start + 1;
  if (source[j] === "^") j++;
  while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
  return j + 1;
}

function quantifierAt(source: string, i: number): Omit<Extract<RegexNode, { kind: "quantified" }>, "kind" | "body"> | undefined {
  const m = QUANTIFIER.exec(source.slice(i));
  if (!m) return undefined;
  const text = m[0];
  const lazy = text.length > 1 && text.endsWith("?");
  const head = text[0];
  if (head === "*") return { min: 0, max: Infinity, lazy, text };
  if (head === "+") return { min: 1, max: Infinity, lazy, text };
  if (head === "?") return { min: 0, max: 1, lazy, text };
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
  return { min, max, lazy, text };
}

type Leaf = Extract<RegexNode, { kind: "char" | "assertion" | "backref" }>;

/** The escape at `i` (a `\`), outside a class. */
function escapeAt(source: string, i: number, groups: { count: number; named: boolean }): Leaf {
  const rest = source.slice(i);
  if (/^\\[bB]/.test(rest)) return { kind: "assertion", text: rest.slice(0, 2) };
  const decimal = /^\\([1-9]\d*)/.exec(rest);
  if (decimal && Number(decimal[1]) <= groups.count) return { kind: "backref", text: decimal[0] };
  if (groups.named && rest.startsWith("\\k")) return { kind: "backref", text: /^\\k<[^>]*>/.exec(rest)?.[0] ?? "\\k" };
  // Fixed-length escapes, and legacy octal escapes (`\12`, `\377`; `\8` is an `8`).
  const fixed = /^\\(?:c[A-Za-z]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|[0-3][0-7]{0,2}|[4-7][0-7]?)/.exec(rest)?.[0];
  if (fixed) return { kind: "char", text: fixed };
  return { kind: "char", text: rest.slice(0, 2) };
}

/** The source's alternatives. */
export function parseRegex(source: string): Alternatives {
  const groups = captures(source);
  let i = 0;
  const atom = (): RegexNode => {
    const c = source[i] as string;
    if (c === "(") {
      const open = GROUP_OPEN.exec(source.slice(i))?.[0] ?? "(";
      i += open.length;
      const inner = alternatives();
      i++; // the `)`
      return { kind: "group", open, alternatives: inner };
    }
    if (c === "^" || c === "$") {
      i++;
      return { kind: "assertion", text: c };
    }
    if (c === "[") {
      const end = classEnd(source, i);
      const text = source.slice(i, end);
      i = end;
      return { kind: "char", text };
    }
    if (c === "\\" && source[i + 1] === "c" && !/[A-Za-z]/.test(source[i + 2] ?? "")) {
      // `\c` before no letter is a backslash, and the `c` is read on its own next.
      i++;
      return { kind: "char", text: "\\\\" };
    }
    if (c === "\\") {
      const node = escapeAt(source, i, groups);
      i += node.text.length;
      return node;
    }
    i++;
    return { kind: "char", text: c };
  };
  const alternatives = (): RegexNode[][] => {
    const alts: RegexNode[][] = [[]];
    while (i < source.length && source[i] !== ")") {
      const seq = alts[alts.length - 1] as RegexNode[];
      if (source[i] === "|") {
        i++;
        alts.push([]);
        continue;
      }
      const q = seq.length > 0 ? quantifierAt(source, i) : undefined;
      if (q) {
        seq.push({ kind: "quantified", body: seq.pop() as RegexNode, ...q });
        i += q.text.length;
      } else seq.push(atom());
    }
    return alts;
  };
  return alternatives();
}

export function serializeNode(node: RegexNode): string {
  switch (node.kind) {
    case "group":
      return `${node.open}${serializeRegex(node.alternatives)})`;
    case "quantified":
      return `${serializeNode(node.body)}${node.text}`;
    default:
      return node.text;
  }
}

export function serializeRegex(alternatives: Alternatives): string {
  return alternatives.map((seq) => seq.map(serializeNode).join("")).join("|");
}
