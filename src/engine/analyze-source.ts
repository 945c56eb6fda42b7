/**
 * One walked file to its part of the scan: read (size cap, binary and
 * encoding checks) and analyze. Shared by the single-threaded path and the
 * pool's workers, so both give the same outcome for the same file. Settings
 * are plain data (they cross to worker threads) and compiled once per scan.
 */
import { isAscii } from "node:buffer";
import { utf16Length } from "../util/utf8.js";
import { isConfigPath, maySniff, sniffCandidates } from "../catalog/classify.js";
import { dialectOf, MAX_PARSE_CHARS, parsedTrees, shouldParse } from "../parse/typescript.js";
import { isMiddlewareFile } from "../parse/mcp-code-markers.js";
import { examinedSpan, hasNetrcEntry, looksLikePgpass, MAX_GENERIC_LINE } from "../secrets/generic.js";
import { scanText } from "../secrets/index.js";
import { prefilterText, type TextBytes, type TextHits } from "../secrets/text-prefilter.js";
import { WINDOW_THRESHOLD } from "../secrets/scan-providers.js";
import { quietInPieces } from "../secrets/pieces.js";
import { TERRAFORM_STATE_FILE } from "./terraform-state.js";
import { readSourceSync, type FileReader, type ReadResult } from "../discover/read.js";
import type { WalkedFile } from "../discover/walk.js";
import type { Diagnostic } from "../model/types.js";
import { analyzeFile, isCodeFile, quietText, type AnalyzeOptions, type FileAnalysis } from "./analyze-file.js";
import { patternDetectors, type PatternSpec } from "./custom-detectors.js";
import { parseAllowList, withoutAllowed, type AllowEntry } from "./secret-allow.js";

/** What a scan's configuration changes in per-file analysis (serializable). */
export interface AnalysisSettings {
  /** Extra secret patterns (configuration `secrets.patterns`). */
  readonly secretPatterns?: readonly PatternSpec[];
  /** Values (or `/regex/flags`) known to be test data. */
  readonly secretAllow?: readonly string[];
  /**
   * The size limit for client and gateway configuration files (catalog paths)
   * when the scan's own limit is the default one: Claude Code's
   * `~/.claude.json` keeps each project's history and often passes 2 MiB, and
   * skipping it would drop every server it configures.
   */
  readonly configMaxFileSize?: number;
}

/** Settings compiled once (regexes, detectors). */
export interface PreparedAnalysis {
  readonly analyze: AnalyzeOptions;
  readonly allow: readonly AllowEntry[];
  /** AnalysisSettings.configMaxFileSize. */
  readonly configMax?: number;
}

export function prepareAnalysis(settings: AnalysisSettings = {}): PreparedAnalysis {
  return {
    analyze: settings.secretPatterns?.length ? { extraDetectors: patternDetectors(settings.secretPatterns) } : {},
    allow: parseAllowList(settings.secretAllow ?? []),
    ...(settings.configMaxFileSize ? { configMax: settings.configMaxFileSize } : {}),
  };
}

export interface FileOutcome {
  /** Diagnostics about this file, in the order a sequential scan emits them. */
  readonly diagnostics: Diagnostic[];
  /** Absent when the file could not be read as text. */
  readonly analysis?: FileAnalysis;
  /** The file's mode bits, when read from disk. */
  readonly mode?: number;
}

/** analyzeSource for each file in order, with the reader told the order (it reads files ahead). */
export function analyzeAll(files: readonly Pick<WalkedFile, "abs" | "rel">[], read: FileReader, prep: PreparedAnalysis): FileOutcome[] {
  read.plan(files);
  try {
    return files.map((f) => analyzeSource(f, read, prep));
  } finally {
    read.close();
  }
}

/**
 * analyzeAll for a long run on this thread: between files, the trees parsed so far are freed when
 * enough were parsed (parse/tree-memory.ts), which needs the event loop to turn.
 */
export async function analyzeAllReleasing(files: readonly Pick<WalkedFile, "abs" | "rel">[], read: FileReader, prep: PreparedAnalysis): Promise<FileOutcome[]> {
  read.plan(files);
  try {
    const out: FileOutcome[] = [];
    for (const f of files) {
      out.push(analyzeSource(f, read, prep));
      if (parsedTrees.due()) await parsedTrees.release();
    }
    return out;
  } finally {
    read.close();
  }
}

/**
 * `read` is one scan's reader (`makeReader` in discover/read.ts). With a byte
 * view (non-ASCII UTF-8 read as one byte per character), the file is first
 * analysed on the view; a result that is plain text with nothing in it is
 * final (ASCII patterns find the same there), anything else (a finding, a
 * catalog format, a comment, custom patterns) is redone on the decoded text,
 * so reported locations and values are always the exact ones. Files with a
 * space character above ASCII (read.ts), or with a line or a length that one
 * of the analysis's limits treats differently in bytes and in characters
 * (limitsAgree), skip the view. What the view can still judge differently: a
 * repeat bounded in characters over non-ASCII text (a quoted value of more
 * than 2,000 bytes but fewer characters), which no credential format has, and
 * likewise the provider scan's windows around keywords in texts over 256 KB
 * (70,000 bytes of the view are fewer characters of the text).
 */
export function analyzeSource(file: Pick<WalkedFile, "abs" | "rel">, read: (abs: string, rel: string) => ReadResult, prep: PreparedAnalysis): FileOutcome {
  const r = withConfigLimit(file, read(file.abs, file.rel), prep);
  if (!r.ok) return { diagnostics: [unreadConfig(file.rel, r.diagnostic)] };
  const diagnostics = [...r.notes];
  const mode = r.mode !== undefined ? { mode: r.mode } : {};
  if (r.lazy && r.oneByte && quietLarge(file.rel, r.oneByte, r.exact !== undefined, prep)) return { diagnostics, analysis: quietText(file.rel, r.bytes), ...mode };
  const viewBytes = r.exact ? r.oneByte : undefined;
  if (viewBytes && !prep.analyze.extraDetectors?.length && limitsAgree(file.rel, viewBytes, () => shouldParse(r.text))) {
    const problems: Diagnostic[] = [];
    let hits: TextHits | undefined;
    const quick = safeAnalyze(file.rel, r.text, r.bytes, problems, { ...prep, analyze: { ...prep.analyze, onKeywordHits: (h) => (hits = h), byteView: true } }, { oneByte: viewBytes });
    // A sniffed format's candidate (a YAML parser may refuse C1 control characters of a view) always gets the text.
    const empty = problems.length === 0 && isEmptyText(quick);
    if (empty && hits && sniffCandidates(file.rel, r.text, hits.mentions.sniff).length === 0 && candidateLinesAgree(file.rel, r.text, viewBytes, hits)) return { diagnostics, analysis: quick, ...mode };
  }
  // A byte view's bytes are the decoded text's UTF-8.
  if (r.exact) return { diagnostics, analysis: safeAnalyze(file.rel, r.exact(), r.bytes, diagnostics, prep, r.oneByte && { utf8: r.oneByte }), ...mode };
  const textBytes = r.oneByte ? { oneByte: r.oneByte } : r.utf8 ? { utf8: r.utf8 } : undefined;
  return { diagnostics, analysis: safeAnalyze(file.rel, r.text, r.bytes, diagnostics, prep, textBytes), ...mode };
}

/**
 * Would the analysis of a large one-byte text (a lazy read, whose string is
 * not made yet) certainly find nothing in it? Judged in pieces (secrets/pieces.ts)
 * for a file that the analysis would only scan for secrets: not a
 * configuration path, no custom patterns, and no piece that mentions what
 * makes the analysis do more (a suppression comment, MCP code to parse, a
 * content-sniffed format's words). `view`: the bytes are the reader's byte
 * view of UTF-8, which must also pass the checks that let the view stand for
 * the text (limitsAgree, candidateLinesAgree). False: not known, analyse the text.
 */
function quietLarge(rel: string, bytes: Uint8Array, view: boolean, prep: PreparedAnalysis): boolean {
  // A Terraform state's secrets are where its structure says (terraform-state.ts), which no piece sees.
  if (prep.analyze.extraDetectors?.length || isConfigPath(rel) || isMiddlewareFile(rel) || TERRAFORM_STATE_FILE.test(rel)) return false;
  // Taken as parsed when it is source (the pieces stop at any mention of MCP code anyway).
  if (view && !limitsAgree(rel, bytes, () => true)) return false;
  const source = dialectOf(rel) !== undefined;
  const sniffable = maySniff(rel);
  const check = (text: string, pieceBytes: Uint8Array, hits: TextHits) =>
    !hits.mentions.mcplint && !(source && hits.mentions.mcpCode) && !(sniffable && hits.mentions.sniff) && (!view || candidateLinesAgree(rel, text, pieceBytes, hits));
  try {
    return quietInPieces(bytes, { code: isCodeFile(rel), check });
  } catch {
    return false;
  }
}

/**
 * A client or gateway configuration file (by its path) that could not be read
 * as text (binary, over the size limit, not a regular file) is a gap in what
 * the scan can say about the set-up: a warning, which the text report shows,
 * not one of the notes about the tree's other files.
 */
function unreadConfig(rel: string, d: Diagnostic): Diagnostic {
  return d.level === "note" && isConfigPath(rel) ? { ...d, level: "warning", message: `${d.message}; its MCP configuration is not analysed` } : d;
}

/** A configuration file (by its path) over the scan's size limit, read again up to PreparedAnalysis.configMax. */
function withConfigLimit(file: Pick<WalkedFile, "abs" | "rel">, r: ReadResult, prep: PreparedAnalysis): ReadResult {
  if (r.ok || r.diagnostic.code !== "too-large" || !prep.configMax || !isConfigPath(file.rel)) return r;
  return readSourceSync(file.abs, file.rel, prep.configMax, undefined, { byteView: true });
}

/**
 * Do the analysis's length limits treat the view as they treat the text? A
 * line or a file has at least as many bytes as UTF-16 units, so a line over
 * the generic checks' cap in the view may be within it in the text (and be
 * examined there), a file over the provider scan's window threshold may be
 * scanned whole in the text, and a source over the parse limit may be parsed
 * there. Each limit is compared with the text's own length where the view's
 * is over it; the file is analysed on the text when one differs. `bytes`:
 * the view's; `parses`: would the source be parsed (its MCP markers)?
 */
function limitsAgree(rel: string, bytes: Uint8Array, parses: () => boolean): boolean {
  const length = bytes.length;
  // Each bound holds for the text whenever it holds for its view with a third of the length: a
  // character of one to three bytes is one UTF-16 unit, one of four bytes two.
  const within = (s: number, e: number, limit: number) => (e - s) / 3 <= limit && utf16Length(bytes, s, e) <= limit;
  // A line over the cap holds a multiple of the cap: only the lines around those are looked at
  // (found in the bytes, one per character of the view: native searches both ways).
  for (let p = MAX_GENERIC_LINE; p < length; p += MAX_GENERIC_LINE) {
    const s = bytes.lastIndexOf(10, p) + 1;
    let e = bytes.indexOf(10, p);
    if (e < 0) e = length;
    if (e - s > MAX_GENERIC_LINE && within(s, e, MAX_GENERIC_LINE)) return false;
    p = Math.max(p, e - (e % MAX_GENERIC_LINE));
  }
  if (length > WINDOW_THRESHOLD && within(0, length, WINDOW_THRESHOLD)) return false;
  return !(length > MAX_PARSE_CHARS && dialectOf(rel) !== undefined && parses() && within(0, length, MAX_PARSE_CHARS));
}

/**
 * Would the generic checks find nothing in the text, as they found nothing in
 * the view? They read the candidate lines, the line after each and the
 * non-blank line before it (every line of a `.pgpass`-shaped file; a
 * `.netrc` entry changes what they read). Where those lines are ASCII they
 * are the same strings in both. A value with characters above ASCII is not:
 * its length and entropy are those of its UTF-8 bytes in the view (a
 * password of accented letters can fall under the entropy bar there and be
 * over it in the text; a provider pattern's repeat counts characters, so a
 * Django key of 60 accented characters matches in the text and not in its
 * 100-odd bytes). So the candidate lines with such characters, with the lines
 * around them, are decoded and scanned again as text (providers and generic
 * checks); a file with a `.pgpass` shape or a `.netrc` entry is analysed on
 * the text whole.
 */
function candidateLinesAgree(rel: string, view: string, bytes: Uint8Array, hits: TextHits): boolean {
  // U+2028/U+2029 end a line for the `.netrc` test in the text; a view never has them (read.ts
  // gives a text with a space above ASCII decoded, and `\s` matches both).
  if (looksLikePgpass(view) || hasNetrcEntry(view, hits)) return false;
  let group: { from: number; to: number } | undefined;
  const groupFinds = (g: { from: number; to: number }) => {
    const utf8 = bytes.subarray(g.from, g.to);
    const text = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.length).toString("utf8");
    return scanText(text, { code: isCodeFile(rel), hits: prefilterText(text, { utf8 }) }).length > 0;
  };
  for (const pos of hits.candidates) {
    // A line over the cap is not examined (limitsAgree: nor in the text).
    const span = examinedSpan(view, pos);
    if (!span || isAscii(bytes.subarray(span[0], span[1]))) continue;
    const [from, to] = span;
    // Neighbouring lines share one decoded piece (lines between them are checked too: more, never less).
    if (group && from <= group.to + 1 && to - group.from <= 32 * 1024) group.to = Math.max(group.to, to);
    else {
      if (group && groupFinds(group)) return false;
      group = { from, to };
    }
  }
  return !(group && groupFinds(group));
}

/** A text file in which the analysis found nothing. */
function isEmptyText(a: FileAnalysis): boolean {
  return a.file.format === "text" && a.links === undefined && a.secrets.length === 0 && a.servers.length === 0 && a.policies.length === 0 && a.diagnostics.length === 0 && a.parseProblems.length === 0 && a.comments.length === 0;
}

/**
 * analyzeFile that turns a bug into a diagnostic instead of ending the scan.
 * `textBytes`: the text's bytes for the keyword pass (ReadResult.oneByte / utf8).
 */
export function safeAnalyze(rel: string, text: string, bytes: number, diagnostics: Diagnostic[], prep: PreparedAnalysis, textBytes?: TextBytes): FileAnalysis {
  try {
    const a = analyzeFile(rel, text, bytes, textBytes ? { ...prep.analyze, textBytes } : prep.analyze);
    return prep.allow.length ? { ...a, secrets: withoutAllowed(a.secrets, text, prep.allow) } : a;
  } catch (err) {
    diagnostics.push({ level: "error", code: "internal", message: `${rel}: analysis failed: ${(err as Error).message} (this is a bug in mcplint; the scan went on)`, file: rel });
    return { file: { path: rel, format: "text", bytes }, servers: [], policies: [], secrets: [], diagnostics: [], parseProblems: [], comments: [] };
  }
}
