/**
 * Rewrites a regex (Annex B syntax, no `u` or `v` flag) into one with the same
 * matches and the same capture groups that V8's linear-time engine can run.
 * That engine takes no `i` flag and no repeat count past 16 (counts of nested
 * repeats multiply: `(?:x{4}){5}` is 20); see untrusted-regex.ts.
 *
 * - `i`: each atom that matches one character becomes the class of the
 *   characters it matches with `i` (`a` -> `[aA]`, `[a-f]` -> `[A-Fa-f]`).
 *   The class is computed by running the atom with `i` on every UTF-16 code
 *   unit, so escapes (`\w`, `\x41`, `\cA`, octal), classes and non-ASCII
 *   letters (`\u00e9` -> `[\u00c9\u00e9]`) are exact by construction.
 * - `X{n}` (n > 1) is written out n times (a group's captures kept in the last copy,
 *   the one whose values the original reports); `X{n,m}` as n copies and m-n
 *   nested optional copies `(?:X(?:X)?)?`, `X{n,}` as n copies and `X*`, both
 *   only where X is one character or a group with no captures that cannot
 *   match the empty string (where JavaScript's empty-iteration check changes
 *   nothing). Backtracking order is that of the original, so the first match
 *   is too.
 * Anything else is left as written; the caller asks V8 whether the result can
 * be run (back-references and lookarounds cannot).
 */
import { isCapturing, isLookaround, parseRegex, serializeNode, serializeRegex, some, type RegexNode } from "./regex-syntax.js";

/** A rewritten source longer than this is not used (repeat counts of thousands). */
const MAX_REWRITTEN_LENGTH = 20_000;

let allUnits: string | undefined;

const unitsCache = new Map<string, Uint8Array>();

/** The code units (0..0xFFFF) that a one-character atom matches with `flags` (64 KB per atom, kept). */
export function unitsMatched(atom: string, flags: string): Uint8Array {
  // Of the flags, only `s` (what `.` matches) and `i` change which character an atom matches.
  const used = flags.replace(/[^is]/g, "");
  const key = `${used}/${atom}`;
  let out = unitsCache.get(key);
  if (out) return out;
  allUnits ??= Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).join("");
  out = new Uint8Array(0x10000);
  for (const m of allUnits.matchAll(new RegExp(atom, `g${used}`))) out[m.index] = 1;
  // Patterns are few; a library scanning many repositories in one process does not keep them all.
  if (unitsCache.size >= 256) unitsCache.clear();
  unitsCache.set(key, out);
  return out;
}

const unitText = (c: number) => (/[0-9A-Za-z]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `\\u${c.toString(16).padStart(4, "0")}`);

/** A class of the set's code units, as ranges. */
function classOf(units: Uint8Array): string {
  let out = "";
  for (let c = 0; c < units.length; c++) {
    if (!units[c]) continue;
    let end = c;
    while (end + 1 < units.length && units[end + 1]) end++;
    out += end === c ? unitText(c) : end === c + 1 ? unitText(c) + unitText(end) : `${unitText(c)}-${unitText(end)}`;
    c = end;
  }
  return `[${out}]`;
}

/** A one-character atom that matches, without `i`, what it matches with `i` (`flags` may add `m` or `s`). */
function caselessAtom(text: string, flags: string): string {
  if (text.length === 1 && /[A-Za-z]/.test(text)) return `[${text.toUpperCase()}${text.toLowerCase()}]`;
  // An ASCII character that is no letter has no other case (non-ASCII characters are never folded to ASCII without `u`).
  if (text.length === 1 && text.charCodeAt(0) < 0x80) return text;
  const folded = unitsMatched(text, `i${flags}`);
  const plain = unitsMatched(text, flags);
  return folded.every((v, c) => v === plain[c]) ? text : classOf(folded);
}

function mapNodes(seqs: readonly (readonly RegexNode[])[], f: (n: RegexNode) => RegexNode): RegexNode[][] {
  return seqs.map((seq) => seq.map(f));
}

function caseless(node: RegexNode, flags: string): RegexNode {
  switch (node.kind) {
    case "char":
      return { kind: "char", text: caselessAtom(node.text, flags) };
    case "group":
      return { ...node, alternatives: mapNodes(node.alternatives, (n) => caseless(n, flags)) };
    case "quantified":
      return { ...node, body: caseless(node.body, flags) };
    default:
      return node;
  }
}

/** The node with its capturing groups made non-capturing (the copies before the last). */
function withoutCaptures(node: RegexNode): RegexNode {
  if (node.kind === "quantified") return { ...node, body: withoutCaptures(node.body) };
  if (node.kind !== "group") return node;
  return { kind: "group", open: isCapturing(node.open) ? "(?:" : node.open, alternatives: mapNodes(node.alternatives, withoutCaptures) };
}

const isCaptureGroup = (n: RegexNode) => n.kind === "group" && isCapturing(n.open);
/** What matches or fails by context, not by the characters it consumes. */
const isContextual = (n: RegexNode) => n.kind === "assertion" || n.kind === "backref" || isLookaround(n);

/** Cannot match the empty string anywhere: nothing contextual in it, and no empty match. */
const neverEmpty = (node: RegexNode) => !some(node, isContextual) && !new RegExp(`^(?:${serializeNode(node)})$`).test("");

const group = (seq: RegexNode[]): RegexNode => ({ kind: "group", open: "(?:", alternatives: [seq] });
const quantify = (body: RegexNode, text: "?" | "??" | "*" | "*?"): RegexNode => ({ kind: "quantified", body, min: 0, max: text.startsWith("?") ? 1 : Infinity, lazy: text.length === 2, text });

function expandRepeats(node: RegexNode): RegexNode {
  if (node.kind === "group") return { ...node, alternatives: mapNodes(node.alternatives, expandRepeats) };
  if (node.kind !== "quantified") return node;
  const body = expandRepeats(node.body);
  const { min, max, lazy } = node;
  const written = { ...node, body };
  // `?`, `*` and `+` are left as written (the engine counts them 1, 1 and 2).
  if (min <= 1 && (max <= 1 || max === Infinity)) return written;
  // Copies past the length limit are not made (the result would not be used).
  if (serializeNode(body).length * (max === Infinity ? min + 1 : max) > MAX_REWRITTEN_LENGTH) return written;
  const oneChar = body.kind === "char";
  const plainGroup = body.kind === "group" && (body.open === "(?:" || isCapturing(body.open));
  if (!oneChar && !plainGroup) return written;
  if (min === max) {
    const copy = withoutCaptures(body);
    return group([...Array.from({ length: min - 1 }, () => copy), body]);
  }
  if (!oneChar && (some(body, isCaptureGroup) || !neverEmpty(body))) return written;
  const seq: RegexNode[] = Array.from({ length: min }, () => body);
  if (max === Infinity) seq.push(quantify(body, lazy ? "*?" : "*"));
  else {
    let tail: RegexNode | undefined;
    for (let k = min; k < max; k++) tail = quantify(group(tail ? [body, tail] : [body]), lazy ? "??" : "?");
    if (tail) seq.push(tail);
  }
  return group(seq);
}

/**
 * The source rewritten without the `i` flag (when `flags` has it) and with repeat counts written
 * out, and the flags to compile it with; undefined when the result would be too long.
 */
export function linearRewrite(source: string, flags: string): { source: string; flags: string } | undefined {
  const rest = flags.replace("i", "");
  let alternatives = parseRegex(source);
  if (flags.includes("i")) alternatives = mapNodes(alternatives, (n) => caseless(n, rest));
  const out = serializeRegex(mapNodes(alternatives, expandRepeats));
  return out.length <= MAX_REWRITTEN_LENGTH ? { source: out, flags: rest } : undefined;
}
