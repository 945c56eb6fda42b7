/**
 * Whether a regex matches a string (what `test` answers), in time bounded by
 * the pattern's size and the string's length, for patterns with lookarounds
 * that V8's linear-time engine does not run (untrusted-regex.ts). For each
 * part of the pattern and each position, the set of positions where that part
 * can end is computed once (a bit set): a lookaround is a test of such a set,
 * a repeat the positions reached by up to (minimum + length + 1) iterations
 * (more iterations than that include empty ones, which reach nothing new;
 * JavaScript's rule that stops an empty iteration changes no answer for the
 * same reason). Without back-references (which need the captured text) that
 * is the whole of what `test` decides. Annex B syntax: no `u` or `v` flag.
 * The work is capped (MAX_STEPS): a test that runs out answers no match.
 */
import { parseRegex, some, type Alternatives, type RegexNode } from "./regex-syntax.js";
import { unitsMatched } from "./regex-linear-rewrite.js";

/** Longer strings are not tested (the work grows with the cube of the length). */
export const MAX_TESTED_LENGTH = 256;
/** Larger repeat counts are refused. */
const MAX_COUNT = 256;
/**
 * Positions visited per test, at most (about a second): a pattern built to make the work cubic in
 * the length for each of many parts stops there, and the string counts as not matched.
 */
const MAX_STEPS = 50_000_000;

/** Thrown when a test runs out of steps. */
const OUT_OF_STEPS = Symbol("out of steps");

const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;
const WORD = /[A-Za-z0-9_]/;

/** A test for the pattern; undefined when it has back-references or repeat counts past MAX_COUNT. */
export function boundedTest(source: string, flags: string): ((s: string) => boolean) | undefined {
  const tree = parseRegex(source);
  const refused = (n: RegexNode) => n.kind === "backref" || (n.kind === "quantified" && (n.min > MAX_COUNT || (n.max !== Infinity && n.max > MAX_COUNT)));
  if (tree.some((seq) => seq.some((n) => some(n, refused)))) return undefined;
  const multiline = flags.includes("m");
  const atoms = new Map<string, Uint8Array>();
  const caseless = flags.includes("i");
  const matchesUnit = (atom: string, unit: number) => {
    if (atom.length === 1 && atom !== "." && !caseless) return atom.charCodeAt(0) === unit;
    let set = atoms.get(atom);
    if (!set) atoms.set(atom, (set = unitsMatched(atom, flags)));
    return set[unit] === 1;
  };

  return (s) => {
    if (s.length > MAX_TESTED_LENGTH) return false;
    const n = s.length;
    const words = (n >> 5) + 1;
    const empty = () => new Uint32Array(words);
    const one = (p: number) => {
      const b = empty();
      b[p >> 5] = 1 << (p & 31);
      return b;
    };
    const has = (b: Uint32Array, p: number) => ((b[p >> 5] as number) & (1 << (p & 31))) !== 0;
    const or = (into: Uint32Array, b: Uint32Array) => {
      let grew = false;
      for (let w = 0; w < words; w++) {
        const v = (into[w] as number) | (b[w] as number);
        if (v !== into[w]) grew = true;
        into[w] = v;
      }
      return grew;
    };
    let steps = 0;
    const each = (b: Uint32Array, f: (p: number) => void) => {
      steps += n + 1;
      if (steps > MAX_STEPS) throw OUT_OF_STEPS;
      for (let p = 0; p <= n; p++) if (has(b, p)) f(p);
    };
    const isWordAt = (p: number) => p >= 0 && p < n && WORD.test(s[p] as string);
    const memo = new Map<object, (Uint32Array | undefined)[]>();

    const assertion = (text: string, p: number): boolean => {
      if (text === "^") return p === 0 || (multiline && LINE_TERMINATOR.test(s[p - 1] as string));
      if (text === "$") return p === n || (multiline && LINE_TERMINATOR.test(s[p] as string));
      const boundary = isWordAt(p - 1) !== isWordAt(p);
      return text === "\\b" ? boundary : !boundary;
    };

    const alternativesEnds = (alts: Alternatives, p: number): Uint32Array => {
      let row = memo.get(alts);
      if (!row) memo.set(alts, (row = []));
      return (row[p] ??= sequencesEnds(alts, p));
    };

    const sequencesEnds = (alts: Alternatives, p: number): Uint32Array => {
      const out = empty();
      for (const seq of alts) {
        let at = one(p);
        for (const node of seq) {
          const next = empty();
          each(at, (q) => or(next, ends(node, q)));
          at = next;
        }
        or(out, at);
      }
      return out;
    };

    const repeatEnds = (node: Extract<RegexNode, { kind: "quantified" }>, p: number): Uint32Array => {
      const out = empty();
      if (node.min === 0) or(out, one(p));
      let layer = one(p);
      const last = Math.min(node.max, node.min + n + 1);
      for (let k = 1; k <= last; k++) {
        const next = empty();
        each(layer, (q) => or(next, ends(node.body, q)));
        layer = next;
        if (k >= node.min && !or(out, layer) && k > node.min && node.max === Infinity) break;
        if (layer.every((w) => w === 0)) break;
      }
      return out;
    };

    function compute(node: RegexNode, p: number): Uint32Array {
      switch (node.kind) {
        case "char":
          return p < n && matchesUnit(node.text, s.charCodeAt(p)) ? one(p + 1) : empty();
        case "assertion":
          return assertion(node.text, p) ? one(p) : empty();
        case "quantified":
          return repeatEnds(node, p);
        case "group": {
          const { open, alternatives } = node;
          if (open === "(?=" || open === "(?!") {
            const matched = alternativesEnds(alternatives, p).some((w) => w !== 0);
            return matched === (open === "(?=") ? one(p) : empty();
          }
          if (open === "(?<=" || open === "(?<!") {
            // Does the body match some text that ends here?
            let matched = false;
            for (let q = 0; q <= p && !matched; q++) matched = has(alternativesEnds(alternatives, q), p);
            return matched === (open === "(?<=") ? one(p) : empty();
          }
          return alternativesEnds(alternatives, p);
        }
        default:
          return empty();
      }
    }

    function ends(node: RegexNode, p: number): Uint32Array {
      let row = memo.get(node);
      if (!row) memo.set(node, (row = []));
      return (row[p] ??= compute(node, p));
    }

    try {
      for (let p = 0; p <= n; p++) if (alternativesEnds(tree, p).some((w) => w !== 0)) return true;
    } catch (err) {
      if (err !== OUT_OF_STEPS) throw err;
    }
    return false;
  };
}
