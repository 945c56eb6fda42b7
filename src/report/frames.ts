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
 * thousands of findings made the report quadratic in them).
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
  return (loc) => maskLine(lines[loc.line - 1], loc, byLine.get(loc.line) ?? []);
}

/** `line` (line `loc.line` of its file) with `secrets` (those on it) masked. */
function maskLine(line: string | undefined, loc: Loc, secrets: readonly Loc[]): string | undefined {
  if (line === undefined) return undefined;
  // Work in UTF-16 indices: build the masked string by slices. Masks are
  // shorter or longer than what they hide, so `at` follows where the finding
  // starts in the masked line (a long line is cut around it, not around its
  // column in the original).
  const target = loc.column - 1;
  let at = target;
  let out = "";
  let from = 0;
  for (const s of mergedSpans(secrets.map((s) => ({ start: s.line === loc.line ? s.column - 1 : 0, end: s.endLine === loc.line ? s.endColumn - 1 : line.length })))) {
    const keep = Math.min(4, Math.max(0, s.end - s.start - 8));
    const mask = line.slice(s.start, s.start + keep) + "*".repeat(Math.max(3, Math.min(12, s.end - s.start - keep)));
    out += line.slice(from, s.start);
    if (s.start < target && target < s.end) at = out.length;
    else if (s.end <= target) at += mask.length - (s.end - s.start);
    out += mask;
    from = s.end;
  }
  out += line.slice(from);
  const before = at;
  out = out.replace(TOKEN_LIKE, (run: string, offset: number) => {
    const masked = maskRun(run);
    if (offset < before && before < offset + run.length) at -= before - offset;
    else if (offset + run.length <= before) at += masked.length - run.length;
    return masked;
  });
  if (out.length > MAX_FRAME) {
    // Cut between characters, not inside a surrogate pair (an emoji would print as U+FFFD).
    let start = Math.max(0, Math.min(at - 40, out.length - MAX_FRAME));
    if (isLowSurrogate(out.charCodeAt(start))) start++;
    let end = start + MAX_FRAME;
    if (end < out.length && isLowSurrogate(out.charCodeAt(end))) end--;
    out = (start > 0 ? "…" : "") + out.slice(start, end) + (end < out.length ? "…" : "");
  }
  return out;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
