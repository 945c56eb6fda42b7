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

/**
 * Does every match of the rule start with one of its keywords? True when the
 * pattern is (optional leading lookbehinds) (optional `(?<secret>`) and then
 * literal characters of which a keyword (ASCII, two characters or more, as
 * the keyword pass finds them) is a prefix, with no alternation that could
 * start a match elsewhere. Conservative: anything it does not understand
 * answers false, and the pattern then runs over the whole text as before.
 */
export function startsWithKeyword(rule: ProviderRule): boolean {
  const src = rule.pattern.source;
  let i = 0;
  while (src.startsWith("(?<!", i) || src.startsWith("(?<=", i)) {
    i = afterGroup(src, i);
    if (i < 0) return false;
  }
  if (src.startsWith("(?<secret>", i)) i += "(?<secret>".length;
  let literal = "";
  while (i < src.length) {
    let ch: string;
    let next: number;
    if (src[i] === "\\") {
      const e = src[i + 1];
      // \d, \w, \s, \b, back-references, \u escapes: not a plain character.
      if (e === undefined || /[A-Za-z0-9]/.test(e)) break;
      ch = e;
      next = i + 2;
    } else if (META.includes(src[i] as string)) break;
    else {
      ch = src[i] as string;
      next = i + 1;
    }
    // A character that a quantifier follows may be absent or repeated.
    if (next < src.length && QUANTIFIER.includes(src[next] as string)) break;
    literal += ch;
    i = next;
  }
  if (hasShallowAlternation(src, i)) return false;
  const lower = literal.toLowerCase();
  return rule.keywords.some((k) => k.length >= 2 && /^[\x00-\x7f]+$/.test(k) && lower.startsWith(k));
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

/** Is there a `|` from `from` on that is not inside a group opened after `from`? (Such a `|` lets a match start with something else.) */
function hasShallowAlternation(src: string, from: number): boolean {
  for (const t of structure(src, from)) if (t.c === "|" && t.depth <= 0) return true;
  return false;
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

/** A pattern match through the rule's checks (entropy, placeholders, validator) into `out`. */
function accept(rule: ProviderRule, rank: number, text: string, m: RegExpExecArray, out: RankedMatch[], seen: Set<string>): void {
  const groupSpan = m.indices?.groups?.["secret"] ?? m.indices?.[1] ?? m.indices?.[0];
  const secret = m.groups?.["secret"] ?? m[1] ?? m[0];
  if (!groupSpan || secret === undefined) return;
  const [start, end] = groupSpan;
  const key = `${start}:${end}`;
  if (seen.has(key)) return;
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
  const rule = PROVIDERS[ruleIndex];
  if (!rule || !isLineLocal(rule.pattern) || lookbehindReach(rule.pattern) === Infinity) return false;
  return !rule.validate || rule.validate.length < 2 || rule.contextChars !== undefined;
}

/** The most text that a piece-safe rule reads before a match's start or after its end (lookbehinds, validators). */
export const PIECE_CONTEXT = PROVIDERS.reduce((most, rule, i) => (pieceSafe(i) ? Math.max(most, rule.contextChars ?? 0, lookbehindReach(rule.pattern)) : most), 0);

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
