/**
 * mcplint's library entry: scan paths (or in-memory sources) and get plain
 * data back. The CLI is a thin layer over this.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_MAX_FILE_SIZE, makeReader } from "./discover/read.js";
import { LOCK_FILE_NAME, parseLock, type LockFile } from "./engine/lock.js";
import { walk } from "./discover/walk.js";
import type { FileAnalysis } from "./engine/analyze-file.js";
import { analyzeSource, safeAnalyze, type FileOutcome } from "./engine/analyze-source.js";
import { analyzeInPool, poolSize } from "./engine/pool.js";
import { buildModel } from "./engine/build-model.js";
import type { Finding } from "./engine/finding.js";
import type { ScanModel } from "./engine/model.js";
import type { Level, Rule } from "./engine/rule.js";
import { runRules } from "./engine/run-rules.js";
import type { Diagnostic } from "./model/types.js";
import { RULES } from "./rules/index.js";

export type { Finding } from "./engine/finding.js";
export type { ScanModel, SecretHit, ScannedFile } from "./engine/model.js";
export type { Rule, RuleMeta, Level, Category } from "./engine/rule.js";
export type { McpServer, Policy, Diagnostic, ValueRef } from "./model/types.js";
export { RULES } from "./rules/index.js";
export { buildLock, serializeLock, LOCK_FILE_NAME } from "./engine/lock.js";

export interface ScanOptions {
  readonly paths?: readonly string[];
  readonly cwd?: string;
  readonly exclude?: readonly string[];
  readonly gitignore?: boolean;
  readonly maxFileSize?: number;
  /** Per-rule (or per-category) level overrides, or `off`. */
  readonly ruleLevels?: Readonly<Record<string, Level | "off">>;
  /** Options for rules (approved servers, lock ...). */
  readonly ruleOptions?: Readonly<Record<string, unknown>>;
  /**
   * The drift lock to compare against: a path, or false for none. Default:
   * `mcplint.lock.json` in the scan root when it exists.
   */
  readonly lockFile?: string | false;
  /**
   * Worker threads for reading and analysing files. Default: one per core
   * when the scan has 500 files or more, else none. 1 keeps the scan on the
   * calling thread; more than 1 uses the pool whatever the file count.
   */
  readonly threads?: number;
}

export interface ScanResult {
  readonly root: string;
  readonly model: ScanModel;
  readonly findings: Finding[];
  readonly diagnostics: Diagnostic[];
  readonly rules: readonly Rule[];
}

export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const walked = await walk({ paths: options.paths ?? ["."], cwd, ...(options.exclude ? { exclude: options.exclude } : {}), gitignore: options.gitignore !== false });
  const analyses: FileAnalysis[] = [];
  const diagnostics: Diagnostic[] = [...walked.diagnostics];
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const threads = poolSize(walked.files.length, options.threads);
  const outcomes: FileOutcome[] = threads > 1 ? (await analyzeInPool(walked.files, maxFileSize, threads)).outcomes 
      : (() => {
          const read = makeReader(maxFileSize);
          return walked.files.map((f) => analyzeSource(f, read));
        })();
  for (const o of outcomes) {
    diagnostics.push(...o.diagnostics);
    if (o.analysis) analyses.push(o.analysis);
  }
  const lock = loadLock(walked.root, options.lockFile, diagnostics);
  return finish(walked.root, analyses, diagnostics, lock ? { ...options, ruleOptions: { lock, ...options.ruleOptions } } : options);
}

function loadLock(root: string, lockFile: string | false | undefined, diagnostics: Diagnostic[]): LockFile | undefined {
  if (lockFile === false) return undefined;
  const file = lockFile ?? path.join(root, LOCK_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    if (lockFile) diagnostics.push({ level: "error", code: "config", message: `cannot read lock file ${lockFile}` });
    return undefined;
  }
  const parsed = parseLock(text);
  if (parsed.error) diagnostics.push({ level: "error", code: "config", message: `${path.basename(file)}: ${parsed.error}; drift not checked`, file: path.basename(file) });
  return parsed.lock;
}

/** Scans in-memory files (tests, staged content, examples). */
export function scanSources(sources: readonly { path: string; text: string }[], options: ScanOptions = {}): ScanResult {
  const diagnostics: Diagnostic[] = [];
  const analyses = sources.map((s) => safeAnalyze(s.path, s.text.replace(/^\uFEFF/, ""), Buffer.byteLength(s.text), diagnostics));
  return finish(options.cwd ?? ".", analyses, diagnostics, options);
}

function finish(root: string, analyses: readonly FileAnalysis[], diagnostics: Diagnostic[], options: ScanOptions): ScanResult {
  const model = buildModel(root, analyses, diagnostics);
  const ran = runRules(model, RULES, { ...(options.ruleLevels ? { levels: options.ruleLevels } : {}), ...(options.ruleOptions ? { options: options.ruleOptions } : {}) });
  const rules = RULES.filter((r) => (options.ruleLevels?.[r.id] ?? options.ruleLevels?.[r.meta.category]) !== "off");
  return { root, model, findings: ran.findings, diagnostics: [...model.diagnostics, ...ran.diagnostics], rules };
}
