/**
 * One walked file to its part of the scan: read (size cap, binary and
 * encoding checks) and analyze. Shared by the single-threaded path and the
 * pool's workers, so both give the same outcome for the same file.
 */
import type { ReadResult } from "../discover/read.js";
import type { WalkedFile } from "../discover/walk.js";
import type { Diagnostic } from "../model/types.js";
import { analyzeFile, type FileAnalysis } from "./analyze-file.js";

export interface FileOutcome {
  /** Diagnostics about this file, in the order a sequential scan emits them. */
  readonly diagnostics: Diagnostic[];
  /** Absent when the file could not be read as text. */
  readonly analysis?: FileAnalysis;
}

/** `read` is one scan's reader (`makeReader` in discover/read.ts). */
export function analyzeSource(file: WalkedFile, read: (abs: string, rel: string) => ReadResult): FileOutcome {
  const r = read(file.abs, file.rel);
  if (!r.ok) return { diagnostics: [r.diagnostic] };
  const diagnostics = [...r.notes];
  return { diagnostics, analysis: safeAnalyze(file.rel, r.text, r.bytes, diagnostics) };
}

/** analyzeFile that turns a bug into a diagnostic instead of ending the scan. */
export function safeAnalyze(rel: string, text: string, bytes: number, diagnostics: Diagnostic[]): FileAnalysis {
  try {
    return analyzeFile(rel, text, bytes);
  } catch (err) {
    diagnostics.push({ level: "error", code: "internal", message: `${rel}: analysis failed: ${(err as Error).message} (this is a bug in mcplint; the scan went on)`, file: rel });
    return { file: { path: rel, format: "text", bytes }, servers: [], policies: [], secrets: [], diagnostics: [], parseProblems: [], comments: [] };
  }
}
