/**
 * mcplint's library entry: scan paths (or in-memory sources) and get plain
 * data back. The CLI is a thin layer over this.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_MAX_FILE_SIZE, DEFAULT_MAX_FILE_SIZE, decode, makeReader } from "./discover/read.js";
import { defaultLockPath, lockFolder, parseLock, rebaseLock, type LockFile, type LockGone } from "./engine/lock.js";
import { goneFileTest } from "./discover/gone-files.js";
import { excludeFilter, fingerprintRoot, inExcludedFolder, repositoryOf, walk, type WalkedFile, type WalkResult } from "./discover/walk.js";
import { outsideOf, pathFrom, shownFrom } from "./util/path-from.js";
import { treeContext, walkedContext } from "./discover/context-files.js";
import { distinctUserFiles, existingUserFiles, searchUserLocations, type UserEnvironment } from "./discover/user-locations.js";
import { codeLinksOf, type FileAnalysis } from "./engine/analyze-file.js";
import { analyzeAllReleasing, analyzeSource, prepareAnalysis, safeAnalyze, type AnalysisSettings, type FileOutcome } from "./engine/analyze-source.js";
import { analyzeInPool, POOL_THRESHOLD, poolSize, warmWorkers, type WarmWorkers } from "./engine/pool.js";
import { buildModel } from "./engine/build-model.js";
import { linkContext, sourcesContext, type LinkContextReader } from "./engine/link-context.js";
import type { FileLinks } from "./model/code-links.js";
import type { PatternSpec } from "./engine/custom-detectors.js";
import { compareFindings, type Finding } from "./engine/finding.js";
import type { ScanModel } from "./engine/model.js";
import type { Level, Rule } from "./engine/rule.js";
import { runRules } from "./engine/run-rules.js";
import { applySuppressions, type ExternalSuppression } from "./engine/suppress.js";
import type { Diagnostic } from "./model/types.js";
import { RULES, ruleAndCategoryIds } from "./rules/index.js";

export type { Finding } from "./engine/finding.js";
export type { ScanModel, SecretHit, ScannedFile } from "./engine/model.js";
export type { Rule, RuleMeta, Level, Category } from "./engine/rule.js";
export type { McpServer, Policy, Diagnostic, ValueRef } from "./model/types.js";
export type { UserEnvironment } from "./discover/user-locations.js";
export { RULES } from "./rules/index.js";
export { buildLock, serializeLock, rebaseLock, lockFolder, LOCK_FILE_NAME } from "./engine/lock.js";

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
   * the nearest `mcplint.lock.json` from the one folder scanned (else the
   * scan root) up to the top of its git repository (engine/lock.ts,
   * defaultLockPath). Paths in a lock are relative to the folder it is in.
   */
  readonly lockFile?: string | false;
  /**
   * A lock the caller read (scanSources: the index's `mcplint.lock.json` for
   * `--staged`); `path` is where it is, for its relative paths. `lockFile` wins.
   */
  readonly lockSource?: { readonly path: string; readonly text: string };
  /** Values (or `/regex/flags`) known to be test data: never reported as secrets. */
  readonly secretAllow?: readonly string[];
  /** Extra secret patterns (configuration `secrets.patterns`). */
  readonly secretPatterns?: readonly PatternSpec[];
  /** Suppressions from the configuration file, and the file's name for reports. */
  readonly suppressions?: { readonly source: string; readonly entries: readonly ExternalSuppression[] };
  /** Fingerprints accepted by a baseline file (see `parseBaseline`). */
  readonly baseline?: { readonly source: string; readonly fingerprints: ReadonlySet<string>; readonly rootRelative?: boolean };
  /** "Today" for suppression expiry dates (tests). */
  readonly now?: Date;
  /**
   * Also scan every known client's user-level configuration for this
   * environment (`--user`). Without `paths`, only those are scanned.
   */
  readonly user?: UserEnvironment;
  /**
   * Worker threads for reading and analysing files. Default: one per core
   * when the scan has 500 files or more, else none. 1 keeps the scan on the
   * calling thread; more than 1 uses the pool whatever the file count.
   */
  readonly threads?: number;
  /**
   * Called once, during the walk, when the tree turns out large (as many
   * files as a pool starts at, whatever `threads` says). The CLI tunes V8
   * for a long run there (cli/long-run.ts); the library leaves the process alone.
   */
  readonly onLargeTree?: () => void;
}

export interface ScanResult {
  readonly root: string;
  readonly model: ScanModel;
  readonly findings: Finding[];
  readonly diagnostics: Diagnostic[];
  readonly rules: readonly Rule[];
  /** Absolute paths of reported files that do not lie under `root` (user-level files, `~/...`). */
  readonly sourcePaths?: ReadonlyMap<string, string>;
  /** The rule options the scan ran with (approved servers, lock ...), for reports. */
  readonly ruleOptions: Readonly<Record<string, unknown>>;
  /** The drift lock the scan compared against, when it read one. */
  readonly lockFile?: string;
  /**
   * With `user`: every known user-level location, by client, with the files found there as reports
   * name them (none: the location is absent).
   */
  readonly userLocations?: readonly UserLocationResult[];
  /**
   * Why no lock was compared, when that was not for want of one: drift checks turned off
   * (`lockFile: false`, `lock: false` in the configuration), or a lock file that could not be
   * read or is not a lock (its path in `file`; a diagnostic says why).
   */
  readonly lockSkipped?: { readonly reason: "off" } | { readonly reason: "unreadable"; readonly file: string };
  /**
   * The top folder of the git repository holding the scanned paths, when it is not `root` (a
   * scan run from a subfolder or from above the repository): SARIF names files from it, as
   * GitHub places alerts by their paths in the repository.
   */
  readonly repositoryRoot?: string;
}

/** One known user-level location and the files found there (UserLocationSearch, with the reported names). */
export interface UserLocationResult {
  readonly client: string;
  readonly location: string;
  readonly found: readonly string[];
}

export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths ?? (options.user ? [] : ["."]);
  // Once the walk has seen enough files for a pool, its workers start loading (on their own
  // threads) while the walk goes on; a small tree never starts one.
  // They also get the first chunks of the files found, so that scanning starts during the walk.
  let warm: WarmWorkers | undefined;
  let large = false;
  const onFiles = (found: readonly WalkedFile[]) => {
    if (!large && found.length >= POOL_THRESHOLD) {
      large = true;
      options.onLargeTree?.();
    }
    // Asked once per folder until a pool starts (poolSize looks up the machine's cores: a system call).
    const size = warm ? 0 : poolSize(found.length, options.threads);
    if (size > 1) warm = warmWorkers(size - 1, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, analysisSettings(options));
    warm?.prefeed(found);
  };
  try {
    const walked = paths.length
      ? await walk({ paths, cwd, ...(options.exclude ? { exclude: options.exclude } : {}), gitignore: options.gitignore !== false, onFiles })
      : { root: cwd, files: [], diagnostics: [] };
    const lockDir = lockFolder(paths, cwd, walked.root);
    const repository = paths.length ? repositoryOf(paths, cwd) : undefined;
    // Files named one by one (the pre-commit hook): a route file's app middleware is read beside them, for its links only.
    // Folders: the walked files that import a router no parsed file mounts are read again for their links.
    const context = paths.length > 0 && paths.every((p) => isFile(path.resolve(cwd, p))) ? treeContext(walked.root, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) : walkedContext(walked.files, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    const gone = goneFileTest({ paths, cwd, root: walked.root, ...(options.exclude ? { exclude: options.exclude } : {}) });
    const result = await scanWalked(options, walked, warm, defaultLockPath(lockDir, repository), fingerprintRoot(paths, cwd, lockDir), context, gone);
    return repository !== undefined && path.resolve(repository) !== path.resolve(walked.root) ? { ...result, repositoryRoot: repository } : result;
  } finally {
    warm?.close();
  }
}

/** What the configuration changes in per-file analysis (plain data: it goes to the workers). */
function analysisSettings(options: ScanOptions): AnalysisSettings {
  return {
    ...(options.secretPatterns ? { secretPatterns: options.secretPatterns } : {}),
    ...(options.secretAllow ? { secretAllow: options.secretAllow } : {}),
    ...(options.maxFileSize === undefined ? { configMaxFileSize: CONFIG_MAX_FILE_SIZE } : {}),
  };
}

/**
 * `lockAt`: the default lock file (defaultLockPath); `idRoot`: the folder fingerprints name files
 * from (fingerprintRoot); `gone`: which of the lock's files the scan would have read and are deleted.
 */
async function scanWalked(options: ScanOptions, walked: WalkResult, warm: WarmWorkers | undefined, lockAt: string, idRoot: string, context?: LinkContextReader, gone?: (rel: string) => boolean): Promise<ScanResult> {
  const analyses: FileAnalysis[] = [];
  const diagnostics: Diagnostic[] = [...walked.diagnostics];
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const settings = analysisSettings(options);
  const prep = prepareAnalysis(settings);
  // poolSize grows with the count, so a scan that warmed workers during the walk uses the pool.
  const threads = poolSize(walked.files.length, options.threads);
  const outcomes: FileOutcome[] = threads > 1 ? (await analyzeInPool(walked.files, maxFileSize, threads, settings, true, warm)).outcomes : await analyzeAllReleasing(walked.files, makeReader(maxFileSize, { byteView: true, walked: true }), prep);
  const linkTo = new Map(walked.files.flatMap((f) => (f.linkTo === undefined ? [] : [[f.rel, f.linkTo] as const])));
  for (const o of outcomes) {
    diagnostics.push(...o.diagnostics);
    if (!o.analysis) continue;
    const target = linkTo.get(o.analysis.file.path);
    analyses.push(target === undefined ? o.analysis : { ...o.analysis, file: { ...o.analysis.file, linkTo: target } });
  }
  const sourcePaths = new Map<string, string>();
  const seen = options.user ? walkedRealPaths(walked) : new Map<string, string>();
  // User-level files are read with an fstat: their modes feed the world-readable-secret-file rule.
  const read = makeReader(maxFileSize, { byteView: true });
  const search = options.user ? searchUserLocations(options.user) : [];
  const userFiles = options.user ? distinctUserFiles(existingUserFiles(options.user, search), new Set(walked.files.map((f) => f.rel)), options.user) : [];
  // A user-level file also reached by a scanned path is reported by that path's name.
  const shownAs = new Map(userFiles.map((f) => [f.abs, seen.get(realPath(f.abs)) ?? f.shown]));
  const userLocations = options.user ? search.map((s) => ({ client: s.client, location: s.location, found: s.found.map((abs) => shownAs.get(abs) ?? abs) })) : undefined;
  for (const f of userFiles) {
    // A user-level file may be a link into the scanned tree (a dotfiles repository): one file, read once.
    if (seen.has(realPath(f.abs))) continue;
    const o = analyzeSource({ abs: f.abs, rel: f.shown }, read, f.formatPath ? { ...prep, analyze: { ...prep.analyze, formatPath: f.formatPath } } : prep);
    diagnostics.push(...o.diagnostics);
    if (!o.analysis) continue;
    sourcePaths.set(f.shown, f.abs);
    // File modes mean something on POSIX only; they feed the world-readable-secret-file rule.
    const mode = options.user?.platform !== "win32" && o.mode !== undefined ? { mode: o.mode & 0o777 } : {};
    analyses.push({ ...o.analysis, file: { ...o.analysis.file, ...mode } });
  }
  const locked = withLock(options, lockAt, walked.root, diagnostics, gone);
  const idPath = fingerprintPaths(walked.root, idRoot, sourcePaths);
  const contextLinks = context ? linkContext(analyses, context, (s) => codeLinksOf(s.path, s.text), inExcludedFolder(excludeFilter(options.exclude ?? [], path.resolve(walked.root)))) : [];
  return { ...finish(walked.root, analyses, diagnostics, locked.options, idPath, contextLinks), ...(sourcePaths.size ? { sourcePaths } : {}), ...(locked.lockFile ? { lockFile: locked.lockFile } : {}), ...(locked.lockSkipped ? { lockSkipped: locked.lockSkipped } : {}), ...(userLocations ? { userLocations } : {}) };
}

/**
 * The options with the drift lock in the rule options, and the lock's path
 * when one was read: `options.lockFile` (a path the user gave: unreadable is
 * an error), else `options.lockSource` (read by the caller), else the file at
 * `defaultAt` when it exists. A lock's paths are relative to its own folder;
 * the rules compare them with the root's. The lock's files that `gone` says
 * are deleted go to the rules too (LockGone), named from the root.
 */
function withLock(options: ScanOptions, defaultAt: string | undefined, root: string, diagnostics: Diagnostic[], gone?: (rel: string) => boolean): { options: ScanOptions; lockFile?: string; lockSkipped?: ScanResult["lockSkipped"] } {
  if (options.lockFile === false) return { options, lockSkipped: { reason: "off" } };
  const at = options.lockFile ?? options.lockSource?.path ?? defaultAt;
  if (at === undefined) return { options };
  const text = options.lockFile === undefined ? options.lockSource?.text : undefined;
  const before = diagnostics.length;
  const stored = loadLock(at, options.lockFile !== undefined, diagnostics, text, shownFrom(root, at));
  // No lock and no diagnostic: the default lock does not exist (no lock yet).
  if (!stored) return diagnostics.length > before ? { options, lockSkipped: { reason: "unreadable", file: at } } : { options };
  const lock = rebaseLock(stored, path.dirname(at), root);
  const files = gone ? [...new Set(lock.servers.map((e) => e.file))].filter(gone) : [];
  const lockGone: LockGone | undefined = files.length ? { files, lockFile: shownFrom(root, at) } : undefined;
  return { options: { ...options, ruleOptions: { lock, ...(lockGone ? { lockGone } : {}), ...options.ruleOptions } }, lockFile: at };
}

/**
 * The path each reported file is fingerprinted by: from `anchor` (fingerprintRoot) rather than
 * from the scan root, so that scanning the repository from its parent, or a subfolder from
 * inside it, gives the same fingerprints. None when the two folders are one; user-level files
 * (reported as `~/...`) keep their reported path.
 */
function fingerprintPaths(root: string, anchor: string, elsewhere: ReadonlyMap<string, string>): ((file: string) => string) | undefined {
  if (path.resolve(anchor) === path.resolve(root)) return undefined;
  return pathFrom(anchor, root, outsideOf(elsewhere));
}

function isFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

function realPath(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}

/** The real paths of the walked files (the real root's path plus its own, or its target's for a link read through), to their reported names. */
function walkedRealPaths(walked: WalkResult): Map<string, string> {
  const root = realPath(walked.root);
  return new Map(walked.files.map((f) => [path.join(root, f.linkTo ?? f.rel), f.rel]));
}

/**
 * The lock at `file` (or its `given` text); a missing one is an error only when it was asked for
 * by name (`explicit`). `shown`: the path diagnostics name the lock by.
 */
function loadLock(file: string, explicit: boolean, diagnostics: Diagnostic[], given: string | undefined, shown: string): LockFile | undefined {
  const lockFile = explicit ? file : undefined;
  let text = given;
  if (text === undefined) {
    let buf: Buffer;
    try {
      // Looked at before it is opened: opening a FIFO waits for a writer (a scan of a tree with a
      // FIFO named mcplint.lock.json never ended), and a device never ends.
      const stat = fs.statSync(file);
      const why = !stat.isFile() ? "not a regular file (a FIFO, socket, device or folder)" : stat.size > CONFIG_MAX_FILE_SIZE ? `${stat.size} bytes is over the lock's size limit of ${CONFIG_MAX_FILE_SIZE} bytes` : undefined;
      if (why) {
        diagnostics.push({ level: "error", code: "config", message: `${shown}: ${why}; drift not checked`, file: shown });
        return undefined;
      }
      buf = fs.readFileSync(file);
    } catch (err) {
      if (lockFile) diagnostics.push({ level: "error", code: "config", message: `cannot read lock file ${shown} (${(err as NodeJS.ErrnoException).code ?? "error"}); drift not checked (mcplint lock writes it)` });
      return undefined;
    }
    // Decoded as scanned files are: a lock saved again as UTF-16 (Windows PowerShell 5's `>`) is read.
    const read = decode(buf, file);
    if (!read.ok) {
      diagnostics.push({ level: "error", code: "config", message: `${shown}: not a text file; drift not checked`, file: shown });
      return undefined;
    }
    text = read.text;
  }
  const parsed = parseLock(text);
  if (parsed.error) diagnostics.push({ level: "error", code: "config", message: `${shown}: ${parsed.error}; drift not checked`, file: shown });
  return parsed.lock;
}

/**
 * Scans in-memory files (tests, staged content, examples); `readDiagnostics` are the caller's (files it could not read).
 * `context`: where to read other files from for the cross-file links of these files' code (engine/link-context.ts);
 * nothing is reported in those.
 */
export function scanSources(
  sources: readonly { path: string; text: string; mode?: number; linkTo?: string }[],
  options: ScanOptions = {},
  readDiagnostics: readonly Diagnostic[] = [],
  context?: LinkContextReader,
): ScanResult {
  const diagnostics: Diagnostic[] = [...readDiagnostics];
  const prep = prepareAnalysis(analysisSettings(options));
  const excluded = inExcludedFolder(excludeFilter(options.exclude ?? [], path.resolve(options.cwd ?? ".")));
  const analyses = sources
    .filter((s) => !excluded(s.path))
    .map((s) => {
      const a = safeAnalyze(s.path, s.text.replace(/^\uFEFF/, ""), Buffer.byteLength(s.text), diagnostics, prep);
      const extra = { ...(s.mode === undefined ? {} : { mode: s.mode }), ...(s.linkTo === undefined ? {} : { linkTo: s.linkTo }) };
      return s.mode === undefined && s.linkTo === undefined ? a : { ...a, file: { ...a.file, ...extra } };
    });
  // In-memory sources are their own context (files that mount a router without naming MCP were not parsed).
  const contextLinks = linkContext(analyses, context ?? sourcesContext(sources.filter((s) => !excluded(s.path))), (s) => codeLinksOf(s.path, s.text), excluded);
  // In-memory files have no folder to look for a lock in: only a lock given by path or by content.
  const root = options.cwd ?? ".";
  const locked = withLock(options, undefined, path.resolve(root), diagnostics);
  return { ...finish(root, analyses, diagnostics, locked.options, undefined, contextLinks), ...(locked.lockFile ? { lockFile: locked.lockFile } : {}), ...(locked.lockSkipped ? { lockSkipped: locked.lockSkipped } : {}) };
}

/**
 * Runs the rules, applies suppressions, then runs the rules about suppressions
 * themselves (they need to know which suppression comments were used).
 */
function finish(root: string, analyses: readonly FileAnalysis[], diagnostics: Diagnostic[], options: ScanOptions, fingerprintPath?: (file: string) => string, context?: readonly FileLinks[]): ScanResult {
  const model = buildModel(root, analyses, diagnostics, context);
  const runOptions = {
    ...(options.ruleLevels ? { levels: options.ruleLevels } : {}),
    ...(options.ruleOptions ? { options: options.ruleOptions } : {}),
    ...(fingerprintPath ? { fingerprintPath } : {}),
  };
  const ran = runRules(model, RULES.filter((r) => !isSuppressionRule(r)), runOptions);
  const sources = {
    now: options.now ?? new Date(),
    knownRules: ruleAndCategoryIds(),
    ...(options.suppressions ? { config: options.suppressions } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
  };
  const applied = applySuppressions(ran.findings, { ...sources, directives: model.suppressionDirectives ?? [] });
  const annotated: ScanModel = { ...model, suppressionDirectives: applied.directives };
  const after = runRules(annotated, RULES.filter(isSuppressionRule), runOptions);
  const findings = [...applied.findings, ...applySuppressions(after.findings, sources).findings].sort(compareFindings);
  const rules = RULES.filter((r) => (options.ruleLevels?.[r.id] ?? options.ruleLevels?.[r.meta.category]) !== "off");
  return { root, model: annotated, findings, diagnostics: [...model.diagnostics, ...ran.diagnostics, ...after.diagnostics], rules, ruleOptions: options.ruleOptions ?? {} };
}

const isSuppressionRule = (r: Rule) => r.meta.category === "suppression";
