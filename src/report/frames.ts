/**
 * Code frames for the text report: the offending line with every known secret
 * on it masked, and any other run that looks like key material, so that no
 * secret is printed whole.
 */
import type { Loc } from "../model/location.js";
import { shannonEntropy } from "../secrets/entropy.js";

export type SourceLookup = (file: string) => string | undefined;

const MAX_FRAME = 160;

/** A run of token characters long enough to be a credential. */
const TOKEN_LIKE = /[A-Za-z0-9+/_=-]{24,}/g;

/**
 * Does a run look like random key material (upper and lower case letters and
 * digits, high entropy)? A frame masks such a run even where no detector
 * reported it (a value the scan could not tie to a credential): package
 * names, paths, URLs, versions, UUIDs and hex digests are left readable.
 */
function looksRandom(t: string): boolean {
  return /[A-Z]/.test(t) && /[a-z]/.test(t) && /[0-9]/.test(t) && shannonEntropy(t) >= 4;
}

/** A name before `=` (`JWT_SECRET_KEY=`, `--api-key=`, `apiKey=`): upper or lower snake case, kebab case or camelCase of letters. */
const KEY_PREFIX = /^(-{0,2}(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*|[a-z][a-z0-9]*(?:[_.-][a-z0-9]+)*|[a-z]+(?:[A-Z][a-z]+)+)=)(.+)$/;

/**
 * A random-looking run keeps its first 4 characters. A run written `NAME=value` keeps its name
 * readable and masks the value the same way (`JWT_SECRET_KEY=Zk3V************`), unless the name
 * itself looks random.
 */
function maskRun(t: string): string {
  if (!looksRandom(t)) return t;
  const kv = KEY_PREFIX.exec(t);
  const key = kv?.[1];
  const value = kv?.[2];
  if (key && value && !looksRandom(key)) return key + value.slice(0, Math.min(4, Math.max(0, value.length - 8))) + "*".repeat(12);
  return t.slice(0, 4) + "*".repeat(12);
}

type Span = { start: number; end: number };

/**
 * The spans sorted by start, with overlapping and repeated ones joined. Two
 * findings often share one secret (a literal and its long-lived token finding,
 * a header value and the token inside it): masked one after the other, the
 * second would cut text after the first's shorter mask.
 */
function mergedSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * The masked source line of `loc`, or undefined. `secrets`: the locations of
 * the scan's secrets (any file: those of `loc.file` are masked). Secrets keep
 * at most their first 4 characters.
 */
export function maskedLine(text: string, loc: Loc, secrets: readonly Loc[]): string | undefined {
  return fileFrames(text, loc.file, secrets)(loc);
}

/**
 * maskedLine for the findings of one file: the text is split and the file's
 * secrets are grouped by line once, not once per finding (a file with
 * thousands of findings made the report quadratic in them), and a line is
 * masked once for all the findings on it (a one-line JSON file of 2,000
 * servers, each with a finding, masked its whole line 2,000 times: 15 s for
 * the text report).
 */
export function fileFrames(text: string, file: string, secrets: readonly Loc[]): (loc: Loc) => string | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const byLine = new Map<number, Loc[]>();
  for (const s of secrets) {
    if (s.file !== file) continue;
    for (let l = s.line; l <= Math.min(s.endLine, lines.length); l++) {
      const list = byLine.get(l) ?? [];
      list.push(s);
      byLine.set(l, list);
    }
  }
  const masked = new Map<number, MaskedLine>();
  return (loc) => {
    const line = lines[loc.line - 1];
    if (line === undefined) return undefined;
    let m = masked.get(loc.line);
    if (m === undefined) {
      m = maskLine(line, loc.line, byLine.get(loc.line) ?? []);
      masked.set(loc.line, m);
    }
    return frameAt(m, loc.column - 1);
  };
}

/**
 * A replaced piece of a string: `start`-`end` in the input became
 * `outStart`-`outEnd` in the output. Masks are shorter or longer than what
 * they hide, so a finding's column moves with the masks before it.
 */
interface Shift {
  readonly start: number;
  readonly end: number;
  readonly outStart: number;
  readonly outEnd: number;
}

/** A line with its secrets masked, then its random-looking runs; and how each step moved the text. */
interface MaskedLine {
  readonly text: string;
  readonly secretShifts: readonly Shift[];
  readonly runShifts: readonly Shift[];
}

/**
 * Where input index `at` is in the output: inside a replaced piece, at the
 * start of its replacement; elsewhere, moved as the pieces before it moved.
 * `shifts` are sorted and do not overlap.
 */
function shifted(at: number, shifts: readonly Shift[]): number {
  let lo = 0;
  let hi = shifts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((shifts[mid] as Shift).start < at) lo = mid + 1;
    else hi = mid;
  }
  const s = shifts[lo - 1];
  if (s === undefined) return at;
  return at < s.end ? s.outStart : at + (s.outEnd - s.end);
}

/** `line` (line `lineNo` of its file) with `secrets` (those on it) masked. */
function maskLine(line: string, lineNo: number, secrets: readonly Loc[]): MaskedLine {
  // Work in UTF-16 indices: build the masked string by slices.
  const secretShifts: Shift[] = [];
  let out = "";
  let from = 0;
  for (const s of mergedSpans(secrets.map((s) => ({ start: s.line === lineNo ? s.column - 1 : 0, end: s.endLine === lineNo ? s.endColumn - 1 : line.length })))) {
    const keep = Math.min(4, Math.max(0, s.end - s.start - 8));
    const mask = line.slice(s.start, s.start + keep) + "*".repeat(Math.max(3, Math.min(12, s.end - s.start - keep)));
    out += line.slice(from, s.start);
    secretShifts.push({ start: s.start, end: s.end, outStart: out.length, outEnd: out.length + mask.length });
    out += mask;
    from = s.end;
  }
  out += line.slice(from);
  const runShifts: Shift[] = [];
  let delta = 0;
  const text = out.replace(TOKEN_LIKE, (run: string, offset: number) => {
    const masked = maskRun(run);
    // Every run, masked or not: a finding inside a run is framed from the run's start.
    runShifts.push({ start: offset, end: offset + run.length, outStart: offset + delta, outEnd: offset + delta + masked.length });
    delta += masked.length - run.length;
    return masked;
  });
  return { text, secretShifts, runShifts };
}

/** The masked line around UTF-16 column `column` of the original line, cut to MAX_FRAME characters. */
function frameAt(line: MaskedLine, column: number): string {
  const out = line.text;
  if (out.length <= MAX_FRAME) return out;
  const at = shifted(shifted(column, line.secretShifts), line.runShifts);
  // Cut between characters, not inside a surrogate pair (an emoji would print as U+FFFD).
  let start = Math.max(0, Math.min(at - 40, out.length - MAX_FRAME));
  if (isLowSurrogate(out.charCodeAt(start))) start++;
  let end = start + MAX_FRAME;
  if (end < out.length && isLowSurrogate(out.charCodeAt(end))) end--;
  return (start > 0 ? "…" : "") + out.slice(start, end) + (end < out.length ? "…" : "");
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
