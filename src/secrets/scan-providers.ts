/**
 * Runs the provider catalog over a text: keyword prefilter, then each hit
 * rule's pattern (compiled once, here at module load), then entropy,
 * placeholder and validator checks.
 */
import type { SecretMatch } from "./api.js";
import { shannonEntropy } from "./entropy.js";
import { containsReference, isPlaceholder } from "./placeholders.js";
import { PROVIDERS } from "./providers/index.js";
import { isLineLocal, lookbehindReach } from "./line-local.js";
import { MAX_POSITIONS, prefilterText } from "./text-prefilter.js";
import type { ProviderRule } from "./types.js";

interface CompiledRule {
  readonly rule: ProviderRule;
  readonly re: RegExp;
  /**
   * For a rule whose matches all start with one of its keywords: the pattern, sticky (`y`), run
   * only at the keyword's positions; null for the others. Decided on the rule's first run (a
   * pre-commit run meets a few rules; deciding for all 109 at load cost ~5 ms of every start).
   */
  sticky?: RegExp | null;
  /** pieceSafe's answer, decided on first use (not at load: every start would pay for 119 rules). */
  pieceSafe?: boolean;
}

/** The rule's pattern with its own flags plus `d` (match indices) and `mode` (`g` or `y`). */
function withMode(rule: ProviderRule, mode: "g" | "y"): RegExp {
  return new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gyd]/g, "")}${mode}d`);
}

function compile(rule: ProviderRule): CompiledRule {
  return { rule, re: withMode(rule, "g") };
}

function stickyOf(c: CompiledRule): RegExp | null {
  if (c.sticky === undefined) c.sticky = startsWithKeyword(c.rule) ? withMode(c.rule, "y") : null;
  return c.sticky;
}

const META = "[](){}*+?|^$.";
const QUANTIFIER = "*+?{";

/** Most openings (see startsWithKeyword) a pattern may have for the check; past it the answer is false. */
const MAX_OPENINGS = 64;

/**
 * Does every match of the rule start with one of its keywords? The check
 * lists the pattern's openings: the literal text every match of each of its
 * alternatives starts with (after leading lookbehinds), through groups that
 * must occur (each of their alternatives in turn) and one character class
 * that must occur (each of its characters). True when a keyword (ASCII, two
 * characters or more, as the keyword pass finds them) starts every opening,
 * ASCII case aside; a keyword that counts only in capitals
 * (ProviderRule.capitalKeywords) must start it in capitals, in a pattern
 * that is not case-insensitive. Conservative: anything the check does not
 * understand ends an opening there, and a shorter opening only fails more
 * keywords; the pattern then runs over the whole text as before.
 */
export function startsWithKeyword(rule: ProviderRule): boolean {
  const src = rule.pattern.source;
  const caseless = rule.pattern.flags.includes("i");
  const keywords = rule.keywords.filter((k) => k.length >= 2 && /^[\x00-\x7f]+$/.test(k));
  const opensWith = (opening: string, k: string) => opening.toLowerCase().startsWith(k) && (!rule.capitalKeywords?.includes(k) || (!caseless && opening.startsWith(k.toUpperCase())));
  const keyed = (opening: string) => keywords.some((k) => opensWith(opening, k));
  const openings = openingsOf(src, 0, src.length, keyed);
  return openings !== undefined && openings.length > 0 && openings.every(keyed);
}

/**
 * The openings of the matches of src[from, to), each of its top-level
 * alternatives in turn; undefined past MAX_OPENINGS. An opening that `enough`
 * accepts is not lengthened.
 */
function openingsOf(src: string, from: number, to: number, enough: (opening: string) => boolean): string[] | undefined {
  const out: string[] = [];
  let start = from;
  const ends: number[] = [];
  for (const t of structure(src, from)) {
    if (t.i >= to) break;
    if (t.c === "|" && t.depth === 0) ends.push(t.i);
  }
  ends.push(to);
  for (const end of ends) {
    out.push(...sequenceOpenings(src, start, end, enough));
    if (out.length > MAX_OPENINGS) return undefined;
    start = end + 1;
  }
  return out;
}

/** The openings of one alternative src[from, to) (no top-level `|`): its literal start, then one group or class it must pass. */
function sequenceOpenings(src: string, from: number, to: number, enough: (opening: string) => boolean): string[] {
  let i = from;
  while (src.startsWith("(?<!", i) || src.startsWith("(?<=", i)) {
    i = afterGroup(src, i);
    if (i < 0 || i > to) return [""];
  }
  let literal = "";
  while (i < to) {
    const c = src[i] as string;
    if ((c === "(" || c === "[") && enough(literal)) return [literal];
    if (c === "(") {
      if (src.startsWith("(?=", i) || src.startsWith("(?!", i) || src.startsWith("(?<=", i) || src.startsWith("(?<!", i)) return [literal];
      const after = afterGroup(src, i);
      if (after < 0 || after > to || !occursOnce(src, after)) return [literal];
      const open = src.startsWith("(?:", i) ? i + 3 : src.startsWith("(?<", i) ? src.indexOf(">", i) + 1 : i + 1;
      const inner = openingsOf(src, open, after - 1, (o) => enough(literal + o));
      return inner ? inner.map((o) => literal + o) : [literal];
    }
    if (c === "[") {
      const chars = classChars(src, i);
      if (!chars || !occursOnce(src, chars.after)) return [literal];
      return chars.list.map((ch) => literal + ch);
    }
    let ch: string;
    let next: number;
    if (c === "\\") {
      const e = src[i + 1];
      // \d, \w, \s, \b, back-references, \u escapes: not a plain character.
      if (e === undefined || /[A-Za-z0-9]/.test(e)) return [literal];
      ch = e;
      next = i + 2;
    } else if (META.includes(c)) return [literal];
    else {
      ch = c;
      next = i + 1;
    }
    // A character that a quantifier follows may be absent or repeated.
    if (next < src.length && QUANTIFIER.includes(src[next] as string)) return [literal];
    literal += ch;
    i = next;
  }
  return [literal];
}

/** Does what ends at `at` occur at least once (no quantifier, `+`, or `{n` with n >= 1)? Lazy or not. */
function occursOnce(src: string, at: number): boolean {
  const q = src[at];
  if (q === undefined || !QUANTIFIER.includes(q)) return true;
  if (q === "+") return true;
  return q === "{" && /^\{[1-9]/.test(src.slice(at, at + 3));
}

/**
 * The characters of the class opening at `open` (plain characters, ranges of
 * them, escaped punctuation, \d), and the index after it; undefined for a
 * negated class, other escapes, or more than MAX_OPENINGS characters.
 */
function classChars(src: string, open: number): { list: string[]; after: number } | undefined {
  const list: string[] = [];
  let i = open + 1;
  if (src[i] === "^") return undefined;
  const one = (at: number): { ch: string; next: number } | undefined => {
    if (src[at] !== "\\") return src[at] === undefined ? undefined : { ch: src[at] as string, next: at + 1 };
    const e = src[at + 1];
    return e === undefined || /[A-Za-z0-9]/.test(e) ? undefined : { ch: e, next: at + 2 };
  };
  while (i < src.length && src[i] !== "]") {
    if (src.startsWith("\\d", i)) {
      list.push(..."0123456789");
      i += 2;
      continue;
    }
    const lo = one(i);
    if (!lo) return undefined;
    if (src[lo.next] === "-" && src[lo.next + 1] !== "]") {
      const hi = one(lo.next + 1);
      if (!hi) return undefined;
      for (let c = lo.ch.charCodeAt(0); c <= hi.ch.charCodeAt(0); c++) list.push(String.fromCharCode(c));
      i = hi.next;
    } else {
      list.push(lo.ch);
      i = lo.next;
    }
    if (list.length > MAX_OPENINGS) return undefined;
  }
  return i < src.length && list.length > 0 ? { list, after: i + 1 } : undefined;
}

/**
 * The pattern's structural characters from `from` on, with the group depth
 * after each (escapes and character classes are stepped over).
 */
function* structure(src: string, from: number): Generator<{ readonly i: number; readonly c: string; readonly depth: number }> {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    const c = src[i] as string;
    if (c === "\\") i++;
    else if (c === "[") {
      for (i++; i < src.length && src[i] !== "]"; i++) if (src[i] === "\\") i++;
    } else {
      if (c === "(") depth++;
      else if (c === ")") depth--;
      yield { i, c, depth };
    }
  }
}

/** The index after the group that opens at `start`, or -1. */
function afterGroup(src: string, start: number): number {
  for (const t of structure(src, start)) if (t.c === ")" && t.depth === 0) return t.i + 1;
  return -1;
}

const COMPILED: readonly CompiledRule[] = PROVIDERS.map(compile);

/** Texts above this size are scanned only in windows around keyword hits. */
export const WINDOW_THRESHOLD = 256 * 1024;
const WINDOW_BEFORE = 2048;
const WINDOW_AFTER = 70_000;

/** A provider match plus the rule's rank (catalog order) for overlap resolution. */
export interface RankedMatch extends SecretMatch {
  readonly rank: number;
}

/** The windows of a text of `length` characters that a rule with keywords at `positions` (ascending) is run over (texts over WINDOW_THRESHOLD). */
export function windowsFor(positions: readonly number[], length: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of positions) {
    const s = Math.max(0, p - WINDOW_BEFORE);
    const e = Math.min(length, p + WINDOW_AFTER);
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function runRule(c: CompiledRule, rank: number, text: string, from: number, to: number, out: RankedMatch[], seen: Set<string>): void {
  const { re } = c;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index >= to) break;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    accept(c.rule, rank, text, m, out, seen);
  }
}

/**
 * The sticky pattern at each keyword position: the same matches as a global
 * run over the whole text (every match starts at a keyword; a position
 * inside the previous match is skipped, as the global run would resume after it).
 */
function runAtPositions(rule: ProviderRule, re: RegExp, rank: number, text: string, positions: readonly number[], out: RankedMatch[], seen: Set<string>): void {
  let end = 0;
  for (const p of positions) {
    if (p < end) continue;
    re.lastIndex = p;
    const m = re.exec(text);
    if (m === null || m[0].length === 0) continue;
    end = p + m[0].length;
    accept(rule, rank, text, m, out, seen);
  }
}

/**
 * Is the candidate the first segment of a JWT (`eyJ...` then `.` and the
 * next segment)? A keyed or path pattern that stops at the dot (Brave's key
 * under BRAVE_API_KEY, Zapier's URL path) would name a JWT's header, the
 * same base64 of `{"alg":...}` in every token, as that provider's key; the
 * jwt rule judges the whole token (and knows the documented examples).
 */
function isJwtHeaderSegment(secret: string, text: string, end: number): boolean {
  return secret.startsWith("eyJ") && text[end] === "." && /[A-Za-z0-9_-]/.test(text[end + 1] ?? "");
}

/** A pattern match through the rule's checks (entropy, placeholders, validator) into `out`. */
function accept(rule: ProviderRule, rank: number, text: string, m: RegExpExecArray, out: RankedMatch[], seen: Set<string>): void {
  const groupSpan = m.indices?.groups?.["secret"] ?? m.indices?.[1] ?? m.indices?.[0];
  const secret = m.groups?.["secret"] ?? m[1] ?? m[0];
  if (!groupSpan || secret === undefined) return;
  const [start, end] = groupSpan;
  const key = `${start}:${end}`;
  if (seen.has(key)) return;
  if (rule.id !== "jwt" && isJwtHeaderSegment(secret, text, end)) return;
  if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return;
  if (!rule.skipPlaceholderCheck && (isPlaceholder(secret) || containsReference(secret))) return;
  if (rule.validate && !rule.validate(secret, { text, start, end })) return;
  seen.add(key);
  const lifetime = typeof rule.lifetime === "function" ? rule.lifetime(secret) : rule.lifetime;
  out.push({ detector: rule.id, title: rule.title, confidence: rule.confidence, start, end, secret, rank, ...(lifetime ? { lifetime } : {}) });
}

/**
 * Provider matches in `text` (offsets into `text`). `hits` is the keyword
 * pass's rule -> positions map (computed here when not given). `global`
 * runs every pattern over the text (or its windows), never only at keyword
 * positions (tests compare the two).
 */
export function scanProviders(
  text: string,
  hits: ReadonlyMap<number, readonly number[]> = prefilterText(text).rules,
  options: { readonly global?: boolean; readonly only?: (ruleIndex: number) => boolean } = {},
): RankedMatch[] {
  const out: RankedMatch[] = [];
  const order = [...hits.keys()].filter((r) => options.only?.(r) ?? true).sort((a, b) => a - b);
  for (const ruleIndex of order) {
    const positions = hits.get(ruleIndex) ?? [];
    const c = COMPILED[ruleIndex];
    if (!c) continue;
    const seen = new Set<string>();
    const sticky = positions.length < MAX_POSITIONS && !options.global ? stickyOf(c) : null;
    if (sticky) {
      runAtPositions(c.rule, sticky, ruleIndex, text, positions, out, seen);
    } else if (text.length <= WINDOW_THRESHOLD || positions.length >= MAX_POSITIONS) {
      runRule(c, ruleIndex, text, 0, text.length, out, seen);
    } else {
      for (const [s, e] of windowsFor(positions, text.length)) runRule(c, ruleIndex, text.slice(0, e), s, e, out, seen);
    }
  }
  return out;
}

export const PROVIDER_COUNT = PROVIDERS.length;

/**
 * Does scanProviders run this rule only at its keywords' positions (while
 * they are fewer than MAX_POSITIONS)? Otherwise its pattern runs over the
 * whole text, or over windows around the keywords (texts over WINDOW_THRESHOLD).
 */
export function runsAtKeywords(ruleIndex: number): boolean {
  const c = COMPILED[ruleIndex];
  return c !== undefined && stickyOf(c) !== null;
}

/**
 * Can the scan of a text in pieces (pieces.ts) judge this rule? Its pattern
 * sees nothing past a line end (line-local.ts), its lookbehinds read a known
 * number of characters, and a validator that reads the text says how far
 * (ProviderRule.contextChars).
 */
export function pieceSafe(ruleIndex: number): boolean {
  const c = COMPILED[ruleIndex];
  if (!c) return false;
  if (c.pieceSafe === undefined) {
    const rule = c.rule;
    const bounded = isLineLocal(rule.pattern) && lookbehindReach(rule.pattern) !== Infinity;
    c.pieceSafe = bounded && (!rule.validate || rule.validate.length < 2 || rule.contextChars !== undefined);
  }
  return c.pieceSafe;
}

let pieceContextChars: number | undefined;

/** The most text that a piece-safe rule reads before a match's start or after its end (lookbehinds, validators); computed on first use. */
export function pieceContext(): number {
  pieceContextChars ??= PROVIDERS.reduce((most, rule, i) => (pieceSafe(i) ? Math.max(most, rule.contextChars ?? 0, lookbehindReach(rule.pattern)) : most), 0);
  return pieceContextChars;
}

/**
 * The rule's pattern over `text` from `from` to its end, through the rule's
 * checks: scanProviders' run over one window, when `text` is the scanned
 * text up to the window's end.
 */
export function runPatternFrom(ruleIndex: number, text: string, from: number): RankedMatch[] {
  const c = COMPILED[ruleIndex];
  const out: RankedMatch[] = [];
  if (c) runRule(c, ruleIndex, text, from, text.length, out, new Set());
  return out;
}
