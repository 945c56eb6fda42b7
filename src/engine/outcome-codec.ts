/**
 * File outcomes as a worker sends them: most files of a large tree are plain
 * text with nothing in them, and such an outcome travels as its byte count
 * alone. Structured cloning ~7,000 of those objects (seven lists each) took
 * the worker ~40 ms to write and the calling thread ~70 ms to read, after
 * its own share of the files, when nothing else was left to do; a number
 * costs neither. Unpacked, an outcome is equal to the one analyzeSource gave,
 * key for key and in the same key order (reports serialise it).
 */
import { NONE } from "./analyze-file.js";
import type { FileOutcome } from "./analyze-source.js";

/** An outcome, or the byte count of a plain text file with nothing in it. */
export type PackedOutcome = FileOutcome | number;

const OUTCOME_KEYS = ["diagnostics", "analysis"];
const ANALYSIS_KEYS = ["file", "servers", "policies", "secrets", "diagnostics", "parseProblems", "comments"];
const FILE_KEYS = ["path", "format", "bytes"];

const hasKeys = (o: object, keys: readonly string[]): boolean => {
  const own = Object.keys(o);
  return own.length === keys.length && own.every((k, i) => k === keys[i]);
};

/** Is `o` exactly what the analysis gives for a text file `rel` with nothing in it (see analyze-file.ts)? */
function isPlainEmpty(rel: string, o: FileOutcome): boolean {
  const a = o.analysis;
  if (!a || o.diagnostics.length !== 0 || !hasKeys(o, OUTCOME_KEYS) || !hasKeys(a, ANALYSIS_KEYS) || !hasKeys(a.file, FILE_KEYS)) return false;
  return (
    a.file.path === rel &&
    a.file.format === "text" &&
    a.servers.length === 0 &&
    a.policies.length === 0 &&
    a.secrets.length === 0 &&
    a.diagnostics.length === 0 &&
    a.parseProblems.length === 0 &&
    a.comments.length === 0
  );
}

/** `outcomes[i]` is the outcome of the file with relative path `rels[i]`. */
export function packOutcomes(files: readonly { readonly rel: string }[], outcomes: readonly FileOutcome[]): PackedOutcome[] {
  return outcomes.map((o, i) => (isPlainEmpty((files[i] as { rel: string }).rel, o) ? (o.analysis as NonNullable<FileOutcome["analysis"]>).file.bytes : o));
}

/** The inverse of packOutcomes for the same files. */
export function unpackOutcomes(files: readonly { readonly rel: string }[], packed: readonly PackedOutcome[]): FileOutcome[] {
  return packed.map((p, i) =>
    typeof p === "number"
      ? {
          diagnostics: [],
          analysis: { file: { path: (files[i] as { rel: string }).rel, format: "text", bytes: p }, servers: NONE, policies: NONE, secrets: NONE, diagnostics: NONE, parseProblems: NONE, comments: NONE },
        }
      : p,
  );
}
