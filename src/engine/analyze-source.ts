/**
 * One walked file to its part of the scan: read (size cap, binary and
 * encoding checks) and analyze. Shared by the single-threaded path and the
 * pool's workers, so both give the same outcome for the same file. Settings
 * are plain data (they cross to worker threads) and compiled once per scan.
 */
import type { ReadResult } from "../discover/read.js";
import type { WalkedFile } from "../discover/walk.js";
import type { Diagnostic } from "../model/types.js";
import { analyzeFile, type AnalyzeOptions, type FileAnalysis } from "./analyze-file.js";
import { patternDetectors, type PatternSpec } from "./custom-detectors.js";
import { parseAllowList, withoutAllowed, type AllowEntry } from "./secret-allow.js";

/** What a scan's configuration changes in per-file analysis (serializable). */
export interface AnalysisSettings {
  /** Extra secret patterns (configuration `secrets.patterns`). */
  readonly secretPatterns?: readonly PatternSpec[];
  /** Values (or `/regex/flags`) known to be test data. */
  readonly secretAllow?: readonly string[];
}

/** Settings compiled once (regexes, detectors). */
export interface PreparedAnalysis {
  readonly analyze: AnalyzeOptions;
  readonly allow: readonly AllowEntry[];
}

export function prepareAnalysis(settings: AnalysisSettings = {}): PreparedAnalysis {
  return {
    analyze: settings.secretPatterns?.length ? { extraDetectors: patternDetectors(settings.secretPatterns) } : {},
    allow: parseAllowList(settings.secretAllow ?? []),
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

/** `read` is one scan's reader (`makeReader` in discover/read.ts). */
export function analyzeSource(file: Pick<WalkedFile, "abs" | "rel">, read: (abs: string, rel: string) => ReadResult, prep: PreparedAnalysis): FileOutcome {
  const r = read(file.abs, file.rel);
  if (!r.ok) return { diagnostics: [r.diagnostic] };
  const diagnostics = [...r.notes];
  return { diagnostics, analysis: safeAnalyze(file.rel, r.text, r.bytes, diagnostics, prep), ...(r.mode !== undefined ? { mode: r.mode } : {}) };
}

/** analyzeFile that turns a bug into a diagnostic instead of ending the scan. */
export function safeAnalyze(rel: string, text: string, bytes: number, diagnostics: Diagnostic[], prep: PreparedAnalysis): FileAnalysis {
  try {
    const a = analyzeFile(rel, text, bytes, prep.analyze);
    return prep.allow.length ? { ...a, secrets: withoutAllowed(a.secrets, text, prep.allow) } : a;
  } catch (err) {
    diagnostics.push({ level: "error", code: "internal", message: `${rel}: analysis failed: ${(err as Error).message} (this is a bug in mcplint; the scan went on)`, file: rel });
    return { file: { path: rel, format: "text", bytes }, servers: [], policies: [], secrets: [], diagnostics: [], parseProblems: [], comments: [] };
  }
}
