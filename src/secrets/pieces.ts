/**
 * The secret scan of a large text in pieces of whole lines, for the common
 * case of a file that holds no secret. V8 keeps a string of more than 128 KB
 * on memory pages of its own, mapped for it and unmapped at the next
 * collection: making one cost 40-50 times the copy of a smaller string on
 * this project's machines (scripts/bench/string-cost.mjs), ~0.4 s of one
 * thread's ~3.3 s over the benchmark corpus. Each piece here is a string
 * under that size. The answer is either "scanText over the whole text finds
 * nothing" or "not known": the caller then scans the whole text as before,
 * so a finding always comes from the whole-text scan, with its exact values.
 *
 * Why a piece sees what the whole text holds, for its own lines (the pieces'
 * own lines partition the text; each piece also holds the non-blank line
 * before its first own line, the line after its last one and, either side,
 * the rules' context (scan-providers.ts, pieceContext: the most that a rule
 * reads around a match)):
 * - the keyword pass: no keyword holds a line feed, and what it looks at
 *   around a keyword (the name it sits in, the line's end) is on its line;
 * - the generic checks read a candidate line, the non-blank line before it
 *   and the line after it; the fallbacks of `${NAME:-fallback}` are on one line
 *   (a piece may check more of them than the whole text's cap: more, never less);
 * - a provider rule the pieces take (scan-providers.ts, pieceSafe) has a
 *   line-local pattern: its matches in a text are the matches of runs over
 *   each line alone, and its lookbehinds and validator read within
 *   that context of a match. A rule run at its keywords finds the same at
 *   each keyword of a piece's own lines; a rule run over the whole text is
 *   run over every piece (a piece is whole lines but for the edges of its
 *   context); a rule run over windows around its keywords (texts over
 *   WINDOW_THRESHOLD) is run over the same windows, each made a string of
 *   its own from that context before the window to its end;
 * - whole-text conditions (a `.netrc` entry, a `.pgpass` shape) and any rule
 *   the pieces cannot take make the answer "not known".
 * A match anywhere in a piece, even in the context lines that another piece
 * owns, makes the answer "not known" as well: a piece can find more than the
 * whole text (its edge lines lack their context), never less.
 */
import { scanGeneric, hasNetrcEntry, looksLikePgpass } from "./generic.js";
import { fallbackSecrets } from "./index.js";
import { pieceContext, pieceSafe, runPatternFrom, runsAtKeywords, scanProviders, WINDOW_THRESHOLD, windowsFor } from "./scan-providers.js";
import { MAX_POSITIONS, prefilterText, type TextHits } from "./text-prefilter.js";

/** Own bytes of a piece, at most (a longer line is a piece of its own). */
export const PIECE_BYTES = 64 * 1024;
/** A piece string longer than this would be a large string again: such a text is not taken in pieces. */
export const MAX_PIECE_CHARS = 120 * 1024;

export interface PieceOptions {
  /** scanText's `code` (program source: only quoted values are literals). */
  readonly code: boolean;
  /** More conditions on each piece (its text, bytes and keyword hits); false makes the answer "not known". */
  readonly check?: (text: string, bytes: Uint8Array, hits: TextHits) => boolean;
  /** Own bytes per piece (tests use small ones). */
  readonly pieceBytes?: number;
}

interface Piece {
  /** The piece's string covers bytes [from, to); its own lines are [own, ownEnd). */
  readonly from: number;
  readonly to: number;
  readonly own: number;
  readonly ownEnd: number;
}

/**
 * Would scanText over the text of `bytes` find nothing? `bytes` are the
 * text's characters one byte each (an ASCII text, or the reader's byte view
 * of UTF-8, whose byte 0xA0 reads as U+00A1 as in read.ts). True: certainly
 * nothing, and every piece passed `options.check`; false: not known.
 */
export function quietInPieces(bytes: Uint8Array, options: PieceOptions): boolean {
  const pieces = cut(bytes, options.pieceBytes ?? PIECE_BYTES);
  if (!pieces) return false;
  // Rules run over the whole text or its windows (not at keywords): their keywords' positions in the text.
  const spread = new Map<number, number[]>();
  const wholeRun = new Set<number>();
  for (const p of pieces) {
    const pieceBytes = bytes.subarray(p.from, p.to);
    const text = oneByteString(pieceBytes);
    const hits = prefilterText(text, { oneByte: pieceBytes });
    if (options.check && !options.check(text, pieceBytes, hits)) return false;
    if (hasNetrcEntry(text, hits) || looksLikePgpass(text)) return false;
    for (const [r, positions] of hits.rules) {
      if (!pieceSafe(r)) return false;
      if (runsAtKeywords(r)) continue;
      let list = spread.get(r);
      if (!list) spread.set(r, (list = []));
      // A piece's list stops at MAX_POSITIONS: the whole text's has at least as many, and so runs the pattern whole.
      if (positions.length >= MAX_POSITIONS) wholeRun.add(r);
      for (const pos of positions) if (p.from + pos >= p.own && p.from + pos < p.ownEnd) list.push(p.from + pos);
    }
    if (scanProviders(text, hits.rules, { only: runsAtKeywords }).length > 0 || scanGeneric(text, hits, options.code).length > 0 || fallbackSecrets(text, hits.dollarBraces).length > 0) return false;
  }
  // The rules run over the whole text: over every piece, made again (keeping each piece's string
  // from the first pass would let them outlive a young-generation collection).
  const whole = [...spread].filter(([r, positions]) => bytes.length <= WINDOW_THRESHOLD || wholeRun.has(r) || positions.length >= MAX_POSITIONS).map(([r]) => r);
  if (whole.length > 0) {
    for (const p of pieces) {
      const text = oneByteString(bytes.subarray(p.from, p.to));
      if (whole.some((r) => runPatternFrom(r, text, 0).length > 0)) return false;
    }
  }
  for (const [r, positions] of spread) {
    if (whole.includes(r)) continue;
    for (const [s, e] of windowsFor(positions, bytes.length)) {
      const from = Math.max(0, s - pieceContext());
      if (runPatternFrom(r, oneByteString(bytes.subarray(from, e)), s - from).length > 0) return false;
    }
  }
  return true;
}

/** The characters of one-byte text (read.ts's byte view: byte 0xA0 as U+00A1). */
function oneByteString(bytes: Uint8Array): string {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
  return bytes.includes(0xa0) ? s.replaceAll("\u00a0", "\u00a1") : s;
}

/** The pieces of the text, or undefined when one would be too long a string (lines too long). */
function cut(bytes: Uint8Array, pieceBytes: number): Piece[] | undefined {
  const n = bytes.length;
  const pieces: Piece[] = [];
  for (let own = 0; own < n; ) {
    let ownEnd = n;
    if (own + pieceBytes < n) {
      ownEnd = bytes.lastIndexOf(10, own + pieceBytes - 1) + 1;
      if (ownEnd <= own) {
        const nl = bytes.indexOf(10, own + pieceBytes);
        ownEnd = nl < 0 ? n : nl + 1;
      }
    }
    const before = previousNonBlankStart(bytes, own) ?? own;
    // The context edges fall inside lines: widened to whole UTF-8 characters, as a piece's lines with
    // characters above ASCII are decoded (a piece that began inside one mapped every keyword of its
    // first decoded lines one character off, and missed a password there).
    let from = Math.max(0, Math.min(before, own - pieceContext()));
    for (let k = 0; k < 3 && from > 0 && isContinuationByte(bytes[from] as number); k++) from--;
    const nextLineEnd = ownEnd < n ? bytes.indexOf(10, ownEnd) : n;
    let to = Math.min(n, Math.max(nextLineEnd < 0 ? n : nextLineEnd, ownEnd + pieceContext()));
    for (let k = 0; k < 3 && to < n && isContinuationByte(bytes[to] as number); k++) to++;
    if (to - from > MAX_PIECE_CHARS) return undefined;
    pieces.push({ from, to, own, ownEnd });
    own = ownEnd;
  }
  return pieces;
}

/** A byte that continues a UTF-8 character (10xxxxxx): no character starts there (at most three follow a lead byte). */
function isContinuationByte(c: number): boolean {
  return (c & 0xc0) === 0x80;
}

/** Start of the non-blank line before the line starting at `lineStart` (as generic.ts's previousNonBlank reads it), if any. */
function previousNonBlankStart(bytes: Uint8Array, lineStart: number): number | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const s = bytes.lastIndexOf(10, end - 1) + 1;
    for (let i = s; i < end; i++) if (!isBlankByte(bytes[i] as number)) return s;
    end = s - 1;
  }
  return undefined;
}

/**
 * Bytes that String.prototype.trim removes, one byte per character: tab,
 * vertical tab, form feed, carriage return, space (and the line feed, which
 * ends a line). Byte 0xA0 is U+00A1 in a piece, which trim keeps.
 */
function isBlankByte(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
