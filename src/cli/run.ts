/**
 * The command line. The only module that knows about argv, TTYs, colours and
 * exit codes; everything else is the library. `run` returns what to print and
 * the exit code, so tests need no subprocess.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { ScanOptions, ScanResult } from "../api.js";
import { tuneForLongRun } from "./long-run.js";
import { globProblem } from "../catalog/glob.js";
import { findConfigFile } from "../config/find.js";
import type { McplintConfig } from "../config/schema.js";
import type { Level } from "../engine/rule.js";
import { levelRank } from "../engine/finding.js";
import type { Colors } from "../report/text.js";
import { toolVersion } from "../report/version.js";
import { similarCommand } from "../util/suggest.js";
import { foreignCommand, foreignValue, singleDashLong, withForeignOptionHint } from "./foreign-spellings.js";

export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  /** The OS whose user-level paths `--user` looks at (default: this process's). */
  readonly platform?: NodeJS.Platform;
}

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_FATAL = 2;

/** Printed after a usage error of a command (an unknown option, a value that is not one of the choices). */
const helpHint = (command: string) => `(mcplint ${command} --help lists its options)`;

const EXIT_CODES_HELP = "Exit codes: 0 no finding at or above --fail-on; 1 at least one;\n  2 bad usage, an invalid configuration file or baseline, or a fatal error.";

const FORMATS = ["text", "json", "sarif", "markdown", "html"] as const;
const INVENTORY_FORMATS = ["text", "json", "markdown", "html"] as const;
const FAIL_ON = ["error", "warning", "note", "none"] as const;

interface ScanFlags {
  format: (typeof FORMATS)[number];
  output?: string;
  failOn: (typeof FAIL_ON)[number];
  exclude: string[];
  gitignore: boolean;
  maxFileSize?: number;
  threads?: number;
  color?: boolean;
  quiet?: boolean;
  listRules?: boolean;
  showSuppressed?: boolean;
  category?: string;
  /** A file, or false for --no-config. */
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
  staged?: boolean;
  sarifFile?: string;
  user?: boolean;
}

/**
 * A file option's value (`--output`, `--sarif-file`, `--config`, `--baseline`, `--write-baseline`).
 * An empty one (a CI variable left unset) is a usage error: taken as given, it meant stdout for
 * `-o`, no SARIF file, no baseline, a scan instead of writing the baseline, or the folder itself.
 * `-` is standard output where `stdout` says so (`-o -`, as gitleaks' `--report-path -`: the
 * option's value is then unset) and a usage error elsewhere: it was a file named `-` in the
 * scanned folder, which the next scan read (`./-` still names such a file).
 */
function fileArg(flag: string, dash: "stdout" | "refused" = "refused"): (value: string) => string | undefined {
  return (value) => {
    if (!value.trim()) throw new CommanderError(EXIT_FATAL, "mcplint.emptyPath", `${flag}: an empty file name; give a path`);
    if (value === "-" && dash === "stdout") return undefined;
    if (value === "-") throw new CommanderError(EXIT_FATAL, "mcplint.dashPath", `${flag}: '-' (standard ${flag === "--config" || flag === "--baseline" ? "input" : "output"}) is not taken here; give a file name (./- for a file named '-')`);
    return value;
  };
}

/**
 * An option that takes one of `choices` (`--format`, `--fail-on`). A value that is none of them is
 * a usage error that lists them, as commander's own check does, and names the nearest one
 * (`--format jsn`, `--format JSON`: did you mean 'json'?).
 */
function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  return new Option(flags, description).choices(choices).argParser((value: string) => {
    if (choices.includes(value)) return value;
    const near = similarCommand(value, choices) ?? foreignValue(value, choices);
    throw new InvalidArgumentError(`Allowed choices are ${choices.join(", ")}.${near ? ` Did you mean '${near}'?` : ""}`);
  });
}

/** `--exclude` values, repeatable; an empty glob is a usage error (as `exclude: [""]` is in the configuration file). */
function collect(value: string, previous: string[]): string[] {
  if (!value.trim()) throw new CommanderError(EXIT_FATAL, "mcplint.invalidExclude", "--exclude: an empty glob matches nothing; give a path, a name or a glob");
  const why = globProblem(value);
  if (why) throw new CommanderError(EXIT_FATAL, "mcplint.invalidExclude", `--exclude: ${why}`);
  return [...previous, value];
}

/**
 * The largest --max-file-size: the reader holds a file of the limit whole, in one buffer (a limit of
 * 5g or 1e23 stopped the scan with an internal error), and no file over ~512 MB fits a JavaScript string.
 */
const MAX_FILE_SIZE_LIMIT = 1024 ** 3;

function parseSize(value: string): number {
  const m = /^(\d+)([kKmMgG]?)[bB]?$/.exec(value.trim());
  if (!m) throw new CommanderError(EXIT_FATAL, "mcplint.invalidSize", `--max-file-size: '${value}' is not a size in bytes (e.g. 1048576, 512k, 2m)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? "").toLowerCase();
  const size = n * (unit === "k" ? 1024 : unit === "m" ? 1024 ** 2 : unit === "g" ? 1024 ** 3 : 1);
  if (size > MAX_FILE_SIZE_LIMIT) throw new CommanderError(EXIT_FATAL, "mcplint.invalidSize", `--max-file-size: '${value}' is over the largest size mcplint reads (1g)`);
  return size;
}

const MAX_FILE_SIZE_HELP = "skip files larger than this (default 2m; 16m for client and gateway configuration files)";

const THREADS_HELP = "worker threads (default: one per core for 500 files or more; 1: none)";

function parseThreads(value: string): number {
  const n = Number(value);
  if (!/^\d{1,3}$/.test(value.trim()) || n < 1) throw new CommanderError(EXIT_FATAL, "mcplint.invalidThreads", `--threads: '${value}' is not a number of threads (1 or more)`);
  return n;
}

export function useColor(io: CliIo, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  return io.stdoutIsTTY;
}

async function colors(enabled: boolean): Promise<Colors | undefined> {
  if (!enabled) return undefined;
  const { Chalk } = await import("chalk");
  const c = new Chalk({ level: 1 });
  return { red: c.red, yellow: c.yellow, blue: c.cyan, dim: c.dim, bold: c.bold, underline: c.underline };
}

/** Paths that do not exist, a usage error; they are kept so that a mistyped command can be told apart. */
class MissingPaths extends CommanderError {
  constructor(readonly missing: readonly string[]) {
    super(EXIT_FATAL, "mcplint.noSuchPath", `no such file or folder: ${missing.join(", ")}`);
  }
}

/**
 * Paths that do not exist are a usage error (exit 2), as in ESLint. With `--staged`, a path
 * the working tree lacks but the index has (or stages for deletion) exists: the index is read.
 */
async function checkPaths(paths: readonly string[], io: CliIo, staged: boolean): Promise<void> {
  let missing = paths.filter((p) => {
    try {
      fs.lstatSync(path.resolve(io.cwd, p));
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length && staged) {
    const { knownToIndex } = await import("../discover/staged.js");
    missing = missing.filter((p) => !knownToIndex(io.cwd, p));
  }
  if (missing.length) throw new MissingPaths(missing);
}

async function scanOptionsFrom(paths: string[], flags: ScanFlags, io: CliIo): Promise<ScanOptions> {
  await checkPaths(paths, io, flags.staged === true);
  const config = await configOptions(paths, flags, io);
  return {
    ...config,
    paths: paths.length ? paths : ["."],
    cwd: io.cwd,
    exclude: [...(config.exclude ?? []), ...flags.exclude],
    gitignore: flags.gitignore,
    ...(flags.maxFileSize !== undefined ? { maxFileSize: flags.maxFileSize } : {}),
    ...(flags.baseline ? { baseline: await readBaselineFlag(flags.baseline, io) } : {}),
    ...(flags.user ? await userOptions(paths, io) : {}),
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
    onLargeTree: tuneForLongRun,
  };
}

/** `--user`: every known client's user-level configuration, alone (no paths) or with the paths. */
async function userOptions(paths: readonly string[], io: CliIo): Promise<Partial<ScanOptions>> {
  const { userHome } = await import("../discover/user-locations.js");
  const user = { platform: io.platform ?? process.platform, env: io.env };
  if (!userHome(user)) throw new CommanderError(EXIT_FATAL, "mcplint.user", `--user: cannot tell the home folder (${user.platform === "win32" ? "USERPROFILE" : "HOME"} is not set)`);
  return { user, ...(paths.length ? {} : { paths: [] }) };
}

function shownPath(abs: string, io: CliIo): string {
  const rel = path.relative(io.cwd, abs);
  return (rel && !rel.startsWith("..") ? rel : abs).split(path.sep).join("/");
}

/** The configuration file's settings: --config FILE, else the nearest .mcplint.{yaml,yml,json}; none with --no-config. */
async function configOptions(paths: readonly string[], flags: ScanFlags, io: CliIo): Promise<Partial<ScanOptions>> {
  if (flags.config === false) return {};
  const explicit = typeof flags.config === "string" ? path.resolve(io.cwd, flags.config) : undefined;
  if (explicit && !fs.existsSync(explicit)) throw new CommanderError(EXIT_FATAL, "mcplint.config", `--config: no such file: ${flags.config}`);
  const file = explicit ?? findConfigFile(path.resolve(io.cwd, paths[0] ?? "."));
  if (!file) return {};
  const { loadConfig, formatProblems } = await import("../config/load.js");
  const { ruleAndCategoryIds } = await import("../rules/index.js");
  const loaded = await loadConfig(file, { knownRules: ruleAndCategoryIds() });
  const shown = shownPath(file, io);
  if (!loaded.ok) throw new CommanderError(EXIT_FATAL, "mcplint.config", `invalid configuration file\n${formatProblems(loaded, shown)}`);
  const { scanOptionsFromConfig } = await import("../config/apply.js");
  // Paths in a file found by walking up are relative to its folder; those of --config FILE to the scan root.
  const config = explicit ? loaded.config : await rebasedConfig(loaded.config, path.dirname(file), paths, flags, io);
  const options = scanOptionsFromConfig(config, shown);
  // A lock path in the configuration is relative to the configuration file.
  return typeof options.lockFile === "string" ? { ...options, lockFile: path.resolve(path.dirname(file), options.lockFile) } : options;
}

/** The configuration with its `exclude` and suppression paths made relative to the scan root instead of `dir`. */
async function rebasedConfig(config: McplintConfig, dir: string, paths: readonly string[], flags: ScanFlags, io: CliIo): Promise<McplintConfig> {
  if (!config.exclude?.length && !config.suppressions?.length) return config;
  const { rebaseGlob } = await import("../config/rebase.js");
  // The root reported paths are relative to: the repository's top folder for --staged, else the walk's.
  const root = flags.staged ? (await import("../discover/git-index.js")).repositoryTop(io.cwd) ?? io.cwd : (await import("../discover/walk.js")).rootOf(paths.length ? paths : ["."], io.cwd);
  const exclude = config.exclude?.flatMap((g) => rebaseGlob(g, dir, root, { names: true, subtree: true }) ?? []);
  const suppressions = config.suppressions?.flatMap((e) => {
    const rebased = rebaseGlob(e.path, dir, root, { names: false, subtree: false });
    return rebased === undefined ? [] : [{ ...e, path: rebased }];
  });
  return { ...config, ...(exclude ? { exclude } : {}), ...(suppressions ? { suppressions } : {}) };
}

async function readBaselineFlag(file: string, io: CliIo): Promise<NonNullable<ScanOptions["baseline"]>> {
  const { parseBaseline } = await import("../engine/baseline.js");
  const { decode } = await import("../discover/read.js");
  let buf: Buffer;
  try {
    buf = fs.readFileSync(path.resolve(io.cwd, file));
  } catch (err) {
    throw new CommanderError(EXIT_FATAL, "mcplint.baseline", `--baseline: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  // Decoded as scanned files are: a copy saved by Windows PowerShell 5 (`git show main:base.json > base.json`) is UTF-16.
  const read = decode(buf, file);
  const parsed = read.ok ? parseBaseline(read.text) : { ok: false as const, message: "not a text file" };
  if (!parsed.ok) throw new CommanderError(EXIT_FATAL, "mcplint.baseline", `--baseline: ${file}: ${parsed.message}`);
  return { source: shownPath(path.resolve(io.cwd, file), io), fingerprints: parsed.fingerprints, rootRelative: parsed.rootRelative };
}

/**
 * Creates the missing folders above a file, one level at a time. Node 20's recursive mkdirSync never
 * returns for a folder that cannot be made under an existing one (`-o /proc/x/report.json` hung).
 */
function makeParents(target: string): void {
  const missing: string[] = [];
  for (let dir = path.dirname(target); !fs.existsSync(dir); dir = path.dirname(dir)) {
    missing.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of missing) fs.mkdirSync(dir);
}

function writeFileOrFail(file: string, text: string, io: CliIo, what: string): void {
  const target = path.resolve(io.cwd, file);
  try {
    makeParents(target);
    fs.writeFileSync(target, text);
  } catch (err) {
    throw new CommanderError(EXIT_FATAL, "mcplint.output", `cannot write ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function exitCodeFor(result: Pick<ScanResult, "findings">, failOn: (typeof FAIL_ON)[number]): number {
  if (failOn === "none") return EXIT_OK;
  const threshold = levelRank(failOn as Level);
  return result.findings.some((f) => !f.suppression && levelRank(f.level) >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

/** Reads a scanned file's text again for code frames and line hashes (never throws). */
function sourceLookup(root: string, decode: typeof import("../discover/read.js").decode) {
  const cache = new Map<string, string | undefined>();
  return (file: string) => {
    if (!cache.has(file)) {
      try {
        const buf = fs.readFileSync(path.resolve(root, file));
        // Decoded as the scan decoded it (BOMs, UTF-16): columns must match, and a
        // UTF-16 line read as UTF-8 would print its secrets between NUL bytes.
        const decoded = buf.length > 2_000_000 ? undefined : decode(buf, file);
        cache.set(file, decoded?.ok ? decoded.text : undefined);
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}

type Lookup = (file: string) => string | undefined;

/** Each finding line's hash; a file's hashes are computed once, for all of its findings, and then dropped. */
async function lineHashes(result: ScanResult, lookup: Lookup): Promise<Map<string, string>> {
  const { lineHashes: hashesOf, lineHashAt } = await import("../report/line-hash.js");
  const linesByFile = new Map<string, Set<number>>();
  for (const f of result.findings) {
    const lines = linesByFile.get(f.loc.file) ?? new Set<number>();
    lines.add(f.loc.line);
    linesByFile.set(f.loc.file, lines);
  }
  const out = new Map<string, string>();
  for (const [file, lines] of linesByFile) {
    const text = lookup(file);
    if (text === undefined) continue;
    const all = hashesOf(text);
    for (const line of lines) out.set(`${file}:${line}`, lineHashAt(all, line));
  }
  return out;
}

async function renderScan(result: ScanResult, flags: ScanFlags, io: CliIo, toFile: boolean, source: Lookup): Promise<string> {
  const filesScanned = result.model.files.length;
  if (flags.format === "json") {
    const { toJson } = await import("../report/json.js");
    return toJson({ findings: result.findings, diagnostics: result.diagnostics, rules: result.rules, filesScanned, showSuppressed: flags.showSuppressed ?? false, ...(result.userLocations ? { userLocations: result.userLocations } : {}) });
  }
  if (flags.format === "sarif") {
    const { toSarif } = await import("../report/sarif.js");
    const log = toSarif({ findings: result.findings, rules: result.rules, diagnostics: result.diagnostics, lineHashes: await lineHashes(result, source), ...(flags.category ? { automationId: flags.category } : {}), includeSuppressed: flags.showSuppressed ?? false, ...(result.repositoryRoot ? { repository: { root: result.root, top: result.repositoryRoot } } : {}), elsewhere: new Set(result.sourcePaths?.keys()) });
    return JSON.stringify(log, null, 2) + "\n";
  }
  if (flags.format === "markdown" || flags.format === "html") return governanceReport(result, flags.format, "scan");
  const { toText } = await import("../report/text.js");
  const { literalCredentialLocs } = await import("../engine/redact-values.js");
  const { unparsedCredentialLocs } = await import("../report/unparsed-credentials.js");
  const c = toFile ? undefined : await colors(useColor(io, flags.color));
  // A file that did not parse has no credentials in the model: its frames mask values under credential names.
  const unparsed = [...new Set(result.model.parseErrors.map((p) => p.loc.file))].flatMap((file) => {
    const text = source(file);
    return text === undefined ? [] : unparsedCredentialLocs(file, text);
  });
  return toText({
    findings: result.findings,
    diagnostics: result.diagnostics,
    filesScanned,
    source,
    secretLocs: [...result.model.secrets.map((s) => s.loc), ...literalCredentialLocs(result.model.servers), ...unparsed],
    ...(c ? { colors: c } : {}),
    quiet: flags.quiet ?? false,
    showSuppressed: flags.showSuppressed ?? false,
    ...(result.userLocations ? { userLocations: result.userLocations } : {}),
  });
}

/**
 * Files that could not be read or parsed, for commands that print no findings (inventory, lock):
 * their servers are missing from what the command shows or writes, and the reader must know.
 */
async function fileProblems(result: ScanResult): Promise<string> {
  const { printable } = await import("../report/printable.js");
  const { setupProblems } = await import("../report/setup-problems.js");
  // A file read despite its error (strict JSON read as written, TypeScript that tree-sitter recovers) keeps its servers.
  const read = (file: string) => result.model.parseErrors.every((p) => p.loc.file !== file || p.analysed === true || p.asWritten === true || p.shadowed === true);
  const missing = (d: ScanResult["diagnostics"][number]) => d.code === "unreadable" || (d.code === "parse-error" && !read(d.file as string));
  return setupProblems(result.diagnostics)
    .filter((d) => d.file !== undefined)
    .map((d) => `mcplint: ${d.level}: ${printable(d.message)}${missing(d) ? " (file not analysed: its servers are missing)" : ""}\n`)
    .join("");
}

/** Markdown (PR comment) or HTML (self-contained page) governance report. */
async function governanceReport(result: ScanResult, format: "markdown" | "html", kind: "scan" | "inventory"): Promise<string> {
  const { shownFrom } = await import("../util/path-from.js");
  const skipped = result.lockSkipped;
  const lockAt = result.lockFile ?? (skipped?.reason === "unreadable" ? skipped.file : undefined);
  const input = { model: result.model, findings: result.findings, rules: result.rules, options: result.ruleOptions, lockPresent: result.lockFile !== undefined, ...(lockAt ? { lockName: shownFrom(result.root, lockAt) } : {}), ...(skipped ? { lockSkipped: skipped.reason } : {}) };
  if (format === "markdown") return (await import("../report/markdown.js")).toMarkdown({ ...input, kind, diagnostics: result.diagnostics, ...(result.userLocations ? { userLocations: result.userLocations } : {}) });
  return (await import("../report/html.js")).toHtml(input);
}

/**
 * In GitHub Actions (GITHUB_ACTIONS=true, text format): workflow annotations on
 * stdout, the findings table appended to $GITHUB_STEP_SUMMARY, and the step
 * outputs findings-count, exit-code and sarif-file in $GITHUB_OUTPUT.
 */
async function reportToGitHub(result: ScanResult, flags: ScanFlags, io: CliIo, res: CliResult): Promise<void> {
  const gh = await import("../report/github.js");
  const { outsideOf, pathFrom } = await import("../util/path-from.js");
  // The files read outside the tree by name (none: sourcePaths is left out), as SARIF places them.
  res.stdout += gh.annotations(result.findings, result.repositoryRoot ? pathFrom(result.repositoryRoot, result.root, outsideOf(result.sourcePaths ?? new Set())) : undefined);
  const append = (file: string | undefined, text: string, what: string) => {
    if (!file) return;
    try {
      fs.appendFileSync(path.resolve(io.cwd, file), text);
    } catch (err) {
      res.stderr += `mcplint: cannot write ${what} (${(err as NodeJS.ErrnoException).code ?? "error"})\n`;
    }
  };
  append(io.env.GITHUB_STEP_SUMMARY, gh.stepSummary(result.findings, result.model.files.length, result.diagnostics), "the job summary");
  const count = result.findings.filter((f) => !f.suppression).length;
  append(io.env.GITHUB_OUTPUT, gh.stepOutputs({ "findings-count": count, "exit-code": res.exitCode, ...(flags.sarifFile ? { "sarif-file": flags.sarifFile } : {}) }), "the step outputs");
}

/** A lazy import started now and awaited later: a usage error thrown in between must not leave it unhandled. */
function early<T>(loading: Promise<T>): Promise<T> {
  loading.catch(() => undefined);
  return loading;
}

/** Scans the paths, or the index with --staged; also says how to read a reported file's text. */
async function runScan(paths: string[], flags: ScanFlags, io: CliIo): Promise<{ result: ScanResult; source: Lookup }> {
  // The engine's modules (and the reader that code frames use) load while the options (configuration file, baseline) are read.
  const engine = early(import("../api.js"));
  const reader = early(import("../discover/read.js"));
  const options = await scanOptionsFrom(paths, flags, io);
  const { scan, scanSources } = await engine;
  if (!flags.staged) {
    const result = await scan(options);
    const { decode } = await reader;
    const inRoot = sourceLookup(result.root, decode);
    const elsewhere = sourceLookup("/", decode);
    return { result, source: (f) => (result.sourcePaths?.has(f) ? elsewhere(result.sourcePaths.get(f) as string) : inRoot(f)) };
  }
  if (flags.user) throw new CommanderError(EXIT_FATAL, "mcplint.staged", "--staged scans what is staged, --user the home folder's configuration: run them one at a time");
  const { readStaged } = await import("../discover/staged.js");
  const { CONFIG_MAX_FILE_SIZE, DEFAULT_MAX_FILE_SIZE } = await reader;
  // Paths (lint-staged appends the staged files' names): what is staged of them, still read from the index.
  const only = paths.length ? paths.map((p) => path.resolve(io.cwd, p)) : undefined;
  const read = readStaged(io.cwd, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, options.maxFileSize === undefined ? CONFIG_MAX_FILE_SIZE : undefined, only);
  if (!read.ok) throw new CommanderError(EXIT_FATAL, "mcplint.staged", read.message);
  const texts = new Map(read.staged.sources.map((s) => [s.path, s.text]));
  const lockSource = read.staged.lock ? { lockSource: read.staged.lock } : {};
  return { result: scanSources(read.staged.sources, { ...options, cwd: read.staged.root, ...lockSource }, read.staged.diagnostics, read.staged.context), source: (f) => texts.get(f) };
}

/** The rule list: a table, or with `--format json` one object per rule (for scripts that pick rule ids). */
async function listRules(format: ScanFlags["format"]): Promise<string> {
  const { RULES } = await import("../rules/index.js");
  if (format === "json") {
    const rules = RULES.map((r) => ({ id: r.id, title: r.meta.title, category: r.meta.category, level: r.meta.level, precision: r.meta.precision, ...(r.meta.securitySeverity !== undefined ? { securitySeverity: r.meta.securitySeverity } : {}), cwe: r.meta.cwe, description: r.meta.description }));
    return JSON.stringify({ tool: { name: "mcplint", version: toolVersion() }, rules }, null, 2) + "\n";
  }
  if (format !== "text") throw new CommanderError(EXIT_FATAL, "mcplint.listRules", `--list-rules prints text or json, not ${format}`);
  const rows = RULES.map((r) => `${r.id.padEnd(30)} ${r.meta.level.padEnd(8)} ${r.meta.category.padEnd(22)} ${r.meta.title}`);
  return [`${"rule".padEnd(30)} ${"level".padEnd(8)} ${"category".padEnd(22)} title`, ...rows].join("\n") + "\n";
}

/**
 * Options before the command (`mcplint --format json scan`, as git and
 * gitleaks accept): the command name is moved to the front. Without that,
 * the default command (`scan`) would take every word as its own and scan a
 * folder named `scan` or `inventory`. Only a command name that comes after
 * nothing but options and their values (known from each command's option
 * definitions) is moved, so `mcplint -o scan .` still writes to a file named
 * scan.
 */
export function commandFirst(argv: readonly string[], commands: readonly Command[]): readonly string[] {
  const i = firstWord(argv, commands);
  const a = argv[i];
  return i > 0 && a !== undefined && commands.some((c) => c.name() === a) ? [a, ...argv.slice(0, i), ...argv.slice(i + 1)] : argv;
}

/** The flags (short and long) of these commands' options that take a value (`-o`, `--format`). */
function optionsTakingValues(commands: readonly Command[]): Set<string> {
  return new Set(commands.flatMap((c) => c.options.filter((o) => o.required || o.optional).flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined))));
}

/** The index of the first word that is neither an option nor an option's value (or `--`); argv.length if none. */
function firstWord(argv: readonly string[], commands: readonly Command[]): number {
  const takesValue = optionsTakingValues(commands);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--" || !a.startsWith("-")) return i;
    if (!a.includes("=") && takesValue.has(a)) i++;
  }
  return argv.length;
}

/**
 * For a path that does not exist: " (did you mean 'scan'?)" when it is the first word
 * of the command line (the default command took it as a path) and close to a command name.
 */
function commandHint(argv: readonly string[], commands: readonly Command[], missing: readonly string[]): string {
  const word = argv[firstWord(argv, commands)];
  if (word === undefined || !/^[a-z][a-z-]*$/i.test(word) || !missing.includes(word)) return "";
  const name = similarCommand(word, commands.map((c) => c.name())) ?? foreignCommand(word);
  return name ? ` (did you mean '${name}'?)` : "";
}

export async function run(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const res: CliResult = { exitCode: EXIT_OK, stdout: "", stderr: "" };
  const program = new Command();
  const version = toolVersion();
  program
    .name("mcplint")
    .description("Prove whether a repository's MCP set-up is governed or merely trusted: secrets, scopes, default-deny policies.")
    .version(version, "-v, --version")
    .exitOverride()
    // Usage errors read as mcplint's own ("mcplint: unknown option '--foo'"), not commander's "error: ...".
    .configureOutput({ writeOut: (s) => (res.stdout += s), writeErr: (s) => (res.stderr += s), outputError: (s, write) => write(withForeignOptionHint(s.replace(/^error: /, "mcplint: "))) })
    .showSuggestionAfterError(true)
    .addHelpText("after", `\n'mcplint [paths...]' is 'mcplint scan [paths...]'; 'mcplint <command> --help'\nlists a command's options.\n${EXIT_CODES_HELP}`);

  const addScanOptions = (cmd: Command) =>
    cmd
      .addOption(choiceOption("-f, --format <format>", "output format", FORMATS).default("text"))
      .option("-o, --output <file>", "write the report to a file instead of stdout ('-': stdout)", fileArg("--output", "stdout"))
      .addOption(choiceOption("--fail-on <level>", "exit 1 when a finding is at or above this level", FAIL_ON).default("warning"))
      .option("--exclude <glob>", "skip files and folders whose path or name matches the glob (repeatable)", collect, [] as string[])
      .option("--no-gitignore", "do not honour .gitignore files")
      .option("--max-file-size <bytes>", MAX_FILE_SIZE_HELP, parseSize)
      .option("--threads <n>", THREADS_HELP, parseThreads)
      .option("--no-color", "no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)")
      .option("-q, --quiet", "no diagnostics (files skipped or not read) in the text report, no summary line on stderr with -o or --write-baseline; every finding and the exit code stay (not ESLint's errors-only --quiet: see --fail-on)")
      .option("--show-suppressed", "also list suppressed findings")
      .option("--category <id>", "code scanning category, SARIF automationDetails.id (e.g. mcplint/repo; a trailing / is added)")
      .option("-c, --config <file>", "configuration file (default: the nearest .mcplint.yaml, .mcplint.yml or .mcplint.json)", fileArg("--config"))
      .option("--no-config", "do not look for a configuration file")
      .option("--baseline <file>", "report only findings that are not in this baseline file", fileArg("--baseline"))
      .option("--write-baseline <file>", "write every current finding to a baseline file and exit 0", fileArg("--write-baseline"))
      .option("--staged", "scan what is staged in git (the index), not the working tree; with paths, what is staged of them")
      .option("--sarif-file <file>", "also write a SARIF report to this file, whatever --format is", fileArg("--sarif-file"))
      .option("--user", "also scan every known client's user-level configuration (~/.cursor/mcp.json, ...); alone when no paths are given")
      .option("--list-rules", "list the rules and exit (as JSON with --format json)");

  const scanCommand = addScanOptions(program.command("scan", { isDefault: true }).description("scan files and folders (default: the current folder)").argument("[paths...]", "files or folders to scan")).addHelpText("after", `\n${EXIT_CODES_HELP}`).showHelpAfterError(helpHint("scan"));
  scanCommand.action(async (paths: string[], flags: ScanFlags) => {
    if (flags.listRules) {
      const list = await listRules(flags.format);
      if (flags.output) writeFileOrFail(flags.output, list, io, "rule list");
      else res.stdout += list;
      return;
    }
    const { result, source } = await runScan(paths, flags, io);
    if (flags.writeBaseline) {
      const { baselineOf, renderBaseline } = await import("../engine/baseline.js");
      const baseline = baselineOf(result.findings);
      writeFileOrFail(flags.writeBaseline, renderBaseline(baseline), io, "baseline");
      if (!flags.quiet) res.stderr += `mcplint: baseline of ${baseline.findings.length} finding${baseline.findings.length === 1 ? "" : "s"} written to ${flags.writeBaseline}\n`;
      return;
    }
    const report = await renderScan(result, flags, io, Boolean(flags.output), source);
    if (flags.output) {
      writeFileOrFail(flags.output, report, io, "report");
      if (!flags.quiet) {
        const n = result.findings.filter((f) => !f.suppression).length;
        const files = result.model.files.length;
        res.stderr += `mcplint: ${n} finding${n === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}; ${flags.format} report written to ${flags.output}\n`;
      }
    } else res.stdout += report;
    res.exitCode = exitCodeFor(result, flags.failOn);
    if (flags.sarifFile) writeFileOrFail(flags.sarifFile, await renderScan(result, { ...flags, format: "sarif" }, io, true, source), io, "SARIF report");
    if (io.env.GITHUB_ACTIONS === "true" && flags.format === "text") await reportToGitHub(result, flags, io, res);
  });

  program
    .command("inventory")
    .description("show the normalized model: servers, clients, transports, credentials (by reference) and policies")
    .showHelpAfterError(helpHint("inventory"))
    .argument("[paths...]", "files or folders to scan")
    .addOption(choiceOption("-f, --format <format>", "output format", INVENTORY_FORMATS).default("text"))
    .option("-o, --output <file>", "write to a file instead of stdout ('-': stdout)", fileArg("--output", "stdout"))
    .option("--exclude <glob>", "skip files and folders whose path or name matches the glob (repeatable)", collect, [] as string[])
    .option("--no-gitignore", "do not honour .gitignore files")
    .option("--max-file-size <bytes>", MAX_FILE_SIZE_HELP, parseSize)
    .option("--threads <n>", THREADS_HELP, parseThreads)
    .option("-c, --config <file>", "configuration file (default: the nearest .mcplint.yaml, .mcplint.yml or .mcplint.json)", fileArg("--config"))
    .option("--no-config", "do not look for a configuration file")
    .option("--user", "also show every known client's user-level configuration (~/.cursor/mcp.json, ...); alone when no paths are given")
    .option("--no-color", "no colours (accepted as by scan, so one set of flags fits every command; inventory prints none)")
    .option("-q, --quiet", "no diagnostics on stderr (files that could not be read or parsed)")
    .action(async (paths: string[], flags: ScanFlags) => {
      const { scan } = await import("../api.js");
      const result = await scan(await scanOptionsFrom(paths, { ...flags, failOn: "none" }, io));
      const { inventoryJson, inventoryText } = await import("../report/inventory.js");
      const out = flags.format === "markdown" || flags.format === "html" ? await governanceReport(result, flags.format, "inventory") : flags.format === "json" ? inventoryJson(result.model, result.ruleOptions, result.userLocations) : inventoryText(result.model, result.ruleOptions, result.userLocations);
      if (!flags.quiet) res.stderr += await fileProblems(result);
      if (flags.output) writeFileOrFail(flags.output, out, io, "inventory");
      else res.stdout += out;
    });

  program
    .command("lock")
    .showHelpAfterError(helpHint("lock"))
    .description(`write ${"mcplint.lock.json"}: each server's identity, command or URL, version, credential references and tool scope; later scans report drift`)
    .argument("[paths...]", "files or folders to scan")
    .option("-o, --output <file>", "where to write the lock (default: the configuration's lock:, else mcplint.lock.json in the scanned folder)", fileArg("--output"))
    .option("--exclude <glob>", "skip files and folders whose path or name matches the glob (repeatable)", collect, [] as string[])
    .option("--no-gitignore", "do not honour .gitignore files")
    // As scan takes it: a lock written with the limit of the scans that check it sees the files they see.
    .option("--max-file-size <bytes>", MAX_FILE_SIZE_HELP, parseSize)
    .option("--threads <n>", THREADS_HELP, parseThreads)
    .option("-c, --config <file>", "configuration file (default: the nearest .mcplint.yaml, .mcplint.yml or .mcplint.json)", fileArg("--config"))
    .option("--no-config", "do not look for a configuration file")
    .option("--no-color", "no colours (accepted as by scan, so one set of flags fits every command; lock prints none)")
    .option("-q, --quiet", "no diagnostics on stderr (files that could not be read or parsed, the 'locked' line)")
    .action(async (paths: string[], flags: ScanFlags) => {
      const { scan, buildLock, serializeLock, rebaseLock, lockFolder, LOCK_FILE_NAME } = await import("../api.js");
      const options = await scanOptionsFrom(paths, { ...flags, failOn: "none" }, io);
      const result = await scan({ ...options, lockFile: false });
      // The configuration's `lock:` (resolved against its folder) is where later scans read the lock.
      const configured = typeof options.lockFile === "string" ? options.lockFile : undefined;
      const target = flags.output ? path.resolve(io.cwd, flags.output) : (configured ?? path.join(lockFolder(paths, io.cwd, result.root), LOCK_FILE_NAME));
      // Paths in a lock are relative to the folder it is in.
      const lock = rebaseLock(buildLock(result.model), result.root, path.dirname(target));
      writeFileOrFail(target, serializeLock(lock), io, "lock");
      if (flags.quiet) return;
      res.stderr += await fileProblems(result);
      res.stderr += `mcplint: locked ${lock.servers.length} server${lock.servers.length === 1 ? "" : "s"} in ${path.relative(io.cwd, target) || target}\n`;
    });

  const ordered = commandFirst(argv, program.commands);
  const command = program.commands.find((c) => c.name() === ordered[0]) ?? scanCommand;
  const oneDash = singleDashLong(command === scanCommand && ordered[0] !== "scan" ? ordered : ordered.slice(1), new Set(["--help", ...command.options.flatMap((o) => o.long ?? [])]), optionsTakingValues([command]));
  if (oneDash) {
    res.exitCode = EXIT_FATAL;
    res.stderr += `mcplint: unknown option '${oneDash.word}' (long options take two dashes: ${oneDash.long})\n${helpHint(command.name())}\n`;
    return res;
  }
  try {
    await program.parseAsync(["node", "mcplint", ...ordered]);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") {
        res.exitCode = EXIT_OK;
      } else {
        res.exitCode = EXIT_FATAL;
        const hint = err instanceof MissingPaths ? commandHint(argv, program.commands, err.missing) || (err.missing.includes("-") ? " (mcplint does not read standard input: give the files or folders to scan)" : "") : "";
        if (err.code.startsWith("mcplint.")) res.stderr += `mcplint: ${err.message}${hint}\n`;
      }
      return res;
    }
    res.exitCode = EXIT_FATAL;
    res.stderr += `mcplint: internal error: ${(err as Error).message}\nThis is a bug; please report it with the command you ran.\n`;
  }
  return res;
}
