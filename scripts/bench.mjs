#!/usr/bin/env node
/**
 * `npm run bench`: mcplint against ripgrep and secretlint on a real corpus
 * (pinned npm packages, see scripts/bench/corpus.mjs), not a timed test.
 *
 * Runs alternate between tools (A B C A B C ...) so that a busy machine
 * slows them alike; prints medians, min-max, ratios of medians taken in the
 * same run, and peak resident memory (`/usr/bin/time -v`, when installed).
 *
 *   npm run bench                 # full: 1x vs rg vs secretlint, pre-commit, 1x/2x/4x
 *   npm run bench -- --runs 3     # fewer runs (default 5)
 *   npm run bench -- --secretlint-runs 3 --secretlint-timeout 1800   # secretlint: default 1 run, 900 s
 *   npm run bench -- --quick      # no secretlint, no 4x
 *   npm run bench -- --no-secretlint
 *   npm run bench -- --startup    # only the start-up (pre-commit) case: no corpus, >= 9 rounds
 *   npm run bench -- --startup --quiet-rounds   # each round waits until other processes leave the CPU idle
 *   npm run bench -- --typescript # only a TypeScript-heavy tree: this repository's fixtures/typescript and src, 4 copies
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureCorpus, ensureInstalled, TOOL_PACKAGES } from "./bench/corpus.mjs";
import { RG_PATTERNS } from "./bench/patterns.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BENCH = path.join(REPO, ".bench");
const args = process.argv.slice(2);
/** The options above; any other word is a usage error before anything is installed or run (a corpus install takes minutes). */
const SWITCHES = new Set(["--quick", "--startup", "--quiet-rounds", "--no-secretlint", "--typescript"]);
const VALUED = new Set(["--runs", "--secretlint-runs", "--secretlint-timeout"]);
if (args.includes("--help") || args.includes("-h")) {
  const doc = fs.readFileSync(fileURLToPath(import.meta.url), "utf8");
  const usage = doc.slice(doc.indexOf("/**") + 3, doc.indexOf("*/")).split("\n").map((l) => l.replace(/^ \* ?/, "")).join("\n").trim();
  process.stdout.write(usage + "\n");
  process.exit(0);
}
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (SWITCHES.has(a)) continue;
  if (VALUED.has(a) && Number(args[i + 1]) > 0) {
    i++;
    continue;
  }
  process.stderr.write(`bench: ${VALUED.has(a) ? `${a} needs a positive number` : `unknown option '${a}'`} (npm run bench -- --help lists the options)\n`);
  process.exit(2);
}
const RUNS = Number(args[args.indexOf("--runs") + 1]) > 0 && args.includes("--runs") ? Number(args[args.indexOf("--runs") + 1]) : 5;
const QUICK = args.includes("--quick");
const STARTUP_ONLY = args.includes("--startup");
const TYPESCRIPT_ONLY = args.includes("--typescript");
/** On a shared machine: start each start-up round only once the CPU has been idle for a second (Linux; at most 120 s). */
const QUIET_ROUNDS = args.includes("--quiet-rounds");
const opt = (name, dflt) => (args.includes(name) && Number(args[args.indexOf(name) + 1]) > 0 ? Number(args[args.indexOf(name) + 1]) : dflt);
/** secretlint takes minutes on the corpus: one run by default, stopped after this many seconds (the ratio is then a lower bound). */
const SECRETLINT_RUNS = opt("--secretlint-runs", 1);
const SECRETLINT_TIMEOUT_S = opt("--secretlint-timeout", 900);
const log = (s) => process.stderr.write(`bench: ${s}\n`);

const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
/** The bin as installed: a shim over the bundled CLI (dist/cli/, scripts/build-cli.mjs). */
const MCPLINT = path.join(REPO, "bin", "mcplint.js");

/** One timed run: wall ms (hrtime around the spawn) and peak RSS in KB (when /usr/bin/time exists). */
function timed(cmd, argv, cwd, timeoutMs) {
  const rssFile = path.join(BENCH, "rss.txt");
  // A time limit goes through coreutils `timeout`, inside /usr/bin/time, so that it kills the tool itself.
  const [c, a] = timeoutMs && which("timeout") ? ["timeout", ["--signal=KILL", String(Math.ceil(timeoutMs / 1000)), cmd, ...argv]] : [cmd, argv];
  const [bin, full] = TIME ? [TIME, ["-f", "%M %U %S", "-o", rssFile, c, ...a]] : [c, a];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(bin, full, { cwd, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  const timedOut = Boolean(timeoutMs) && (r.status === 137 || r.status === 124) && ms >= timeoutMs;
  let rss;
  let cpu;
  if (TIME && !timedOut) {
    // The last line: peak RSS (KB), user and system CPU seconds (an earlier line may say the exit status).
    const [kb, user, sys] = fs.readFileSync(rssFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
    rss = kb;
    cpu = (user + sys) * 1000;
  }
  return { ms, rss, cpu, status: r.status, stderr: String(r.stderr ?? ""), timedOut };
}

function which(cmd) {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMB = (kb) => (kb === undefined || Number.isNaN(kb) ? "-" : `${(kb / 1024).toFixed(0)} MB`);

/** Share of CPU time (all cores) that was busy during `ms`, from /proc/stat; undefined where there is none. */
function busyShare(ms) {
  const read = () => fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  let a;
  try {
    a = read();
  } catch {
    return undefined;
  }
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  const b = read();
  const d = b.map((x, i) => x - (a[i] ?? 0));
  const idle = (d[3] ?? 0) + (d[4] ?? 0);
  const total = d.reduce((x, y) => x + y, 0);
  return total > 0 ? 1 - idle / total : 0;
}

/** Waits until other processes leave the CPU idle (< 10% busy for a second), at most 120 s; says whether it was. */
function waitQuiet() {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const busy = busyShare(1000);
    if (busy === undefined || busy < 0.1) return true;
  }
  return false;
}

/** Runs each job `runs` times, alternating; returns per-job samples. */
function alternate(jobs, runs, quiet = false) {
  const samples = new Map(jobs.map((j) => [j.name, []]));
  let noisy = 0;
  for (let i = 0; i < runs; i++) {
    if (quiet && !waitQuiet()) noisy++;
    for (const j of jobs) {
      if (i >= (j.runs ?? runs)) continue;
      const r = timed(j.cmd, j.argv, j.cwd ?? REPO, j.timeoutMs);
      if (r.timedOut) log(`${j.name}: stopped after ${fmtS(r.ms)} (--secretlint-timeout)`);
      else if (j.ok && !j.ok(r)) log(`${j.name}: unexpected exit ${r.status}: ${r.stderr.slice(0, 300)}`);
      samples.get(j.name).push(r);
    }
  }
  if (quiet) log(`${runs - noisy} of ${runs} rounds started on an idle CPU`);
  return samples;
}

function summarize(name, rs) {
  const ms = rs.map((r) => r.ms);
  const rss = rs.map((r) => r.rss).filter((x) => x !== undefined);
  const cpu = rs.map((r) => r.cpu).filter((x) => x !== undefined);
  return { name, n: rs.length, median: median(ms), min: Math.min(...ms), max: Math.max(...ms), cpu: cpu.length ? median(cpu) : undefined, rss: rss.length ? Math.max(...rss) : undefined, timedOut: rs.some((r) => r.timedOut) };
}

function table(rows) {
  const head = ["", "runs", "median", "min-max", "CPU (median)", "peak RSS"];
  const body = rows.map((r) => [r.name, String(r.n), (r.timedOut ? ">" : "") + fmtS(r.median), `${fmtS(r.min)}-${fmtS(r.max)}`, r.cpu === undefined ? "-" : fmtS(r.cpu), fmtMB(r.rss)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  return [line(head), ...body.map(line)].join("\n");
}

function verdict(label, value, limit, better) {
  const ok = better === "lower" ? value <= limit : value >= limit;
  return `${label.padEnd(46)} ${value.toFixed(2).padStart(7)}x   target ${better === "lower" ? "<=" : ">="} ${limit}x   ${ok ? "met" : "NOT met"}`;
}

// ---------------------------------------------------------------------------

if (!fs.existsSync(path.join(REPO, "dist", "cli", "mcplint.cjs")) || !fs.existsSync(path.join(REPO, "dist", "src", "cli", "main.js"))) {
  log("dist/ is missing: run `npm run build` first");
  process.exit(2);
}
fs.mkdirSync(BENCH, { recursive: true });
const header = () => `mcplint benchmark: ${new Date().toISOString()}, node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`;

/**
 * Start-up: a pre-commit-sized run (three client config files, as a hook
 * passes them) against `node -e 0`, with the same run through the unbundled
 * tsc output (dist/src/, ~95 modules) and through the bundle without its
 * code cache for comparison, the earlier three-file
 * set (two JSON policy files and a TOML one: the TOML parser loads on first
 * use) and `--version`.
 */
function startup() {
  const existing = (list) => list.filter((f) => fs.existsSync(path.join(REPO, f)));
  const files = existing(["fixtures/clients/claude-code/.mcp.json", "fixtures/clients/cursor/.cursor/mcp.json", "fixtures/clients/vscode/.vscode/mcp.json"]);
  const withToml = existing(["fixtures/policies/claude-code/.claude/settings.json", "fixtures/policies/gemini-cli/.gemini/settings.json", "fixtures/policies/codex/.codex/config.toml"]);
  const unbundled = path.join(BENCH, "mcplint-unbundled.mjs");
  fs.writeFileSync(unbundled, `import { main } from ${JSON.stringify(pathToFileURL(path.join(REPO, "dist", "src", "cli", "main.js")).href)};\nawait main();\n`);
  const noCache = path.join(BENCH, "mcplint-no-code-cache.cjs");
  fs.writeFileSync(noCache, `require(${JSON.stringify(path.join(REPO, "bin", "load-cli.js"))}).loadCli({ useCache: false }).exports.main();\n`);
  const scanArgs = (list) => ["scan", ...list, "--format", "json", "-o", "/dev/null", "--fail-on", "none"];
  const jobs = [
    { name: "node -e 0", cmd: process.execPath, argv: ["-e", "0"] },
    { name: `mcplint scan (${files.length} config files)`, cmd: process.execPath, argv: [MCPLINT, ...scanArgs(files)], ok: (r) => r.status === 0 },
    { name: "  same, bundle without its code cache", cmd: process.execPath, argv: [noCache, ...scanArgs(files)], ok: (r) => r.status === 0 },
    { name: "  same, unbundled (dist/src/)", cmd: process.execPath, argv: [unbundled, ...scanArgs(files)], ok: (r) => r.status === 0 },
    { name: `mcplint scan (${withToml.length} files, one TOML)`, cmd: process.execPath, argv: [MCPLINT, ...scanArgs(withToml)], ok: (r) => r.status === 0 },
    { name: "mcplint --version", cmd: process.execPath, argv: [MCPLINT, "--version"], ok: (r) => r.status === 0 },
  ];
  const rows = [...alternate(jobs, Math.max(RUNS, 9), QUIET_ROUNDS)].map(([n, rs]) => summarize(n, rs));
  console.log(`Start-up: pre-commit-sized run (${files.join(", ")}; one TOML: ${withToml.join(", ")})`);
  console.log(table(rows));
  console.log("");
  const base = rows[0].median;
  console.log(verdict(`mcplint (${files.length} files) / node -e 0 (wall, medians)`, rows[1].median / base, 2, "lower"));
  const ratios = rows.slice(2).map((r) => `${r.name.trim()} ${(r.median / base).toFixed(2)}x`);
  console.log(`other ratios to node -e 0 (wall, medians): ${ratios.join("; ")}`);
}

if (STARTUP_ONLY) {
  console.log(header() + "\n");
  startup();
  process.exit(0);
}

/** The folders of this repository the TypeScript-heavy tree copies: MCP servers, clients and routes of many frameworks, and mcplint's own sources. */
const TYPESCRIPT_SOURCES = ["fixtures/typescript", "src"];
const TYPESCRIPT_COPIES = 4;

/**
 * A TypeScript-heavy tree (most files parsed, as in a repository of TypeScript MCP servers; the
 * npm corpus parses few): TYPESCRIPT_COPIES copies of TYPESCRIPT_SOURCES under .bench/typescript/,
 * made again on each run, scanned with auto threads and --threads 1 against ripgrep.
 */
function typescriptTree() {
  const root = path.join(BENCH, "typescript");
  fs.rmSync(root, { recursive: true, force: true });
  for (let i = 0; i < TYPESCRIPT_COPIES; i++) for (const src of TYPESCRIPT_SOURCES) fs.cpSync(path.join(REPO, src), path.join(root, `copy-${i}`, src), { recursive: true });
  const files = fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  const rg = which("rg");
  const jobs = [mcplintJob("mcplint scan (auto threads)", root), mcplintJob("mcplint scan --threads 1", root, ["--threads", "1"])];
  if (rg) jobs.push(rgJob(`ripgrep (${RG_PATTERNS.length} patterns)`, root, rg));
  log(`TypeScript-heavy tree: ${jobs.map((j) => j.name).join(", ")}; ${RUNS} rounds`);
  const rows = [...alternate(jobs, RUNS)].map(([n, rs]) => summarize(n, rs));
  console.log(`TypeScript-heavy tree: ${files.length} files (${TYPESCRIPT_COPIES} copies of ${TYPESCRIPT_SOURCES.join(", ")}; ${path.relative(REPO, root)})`);
  console.log(table(rows));
  if (!rg) console.log("ripgrep: not installed (apt-get install ripgrep); ratio skipped");
  const r = rows.find((x) => x.name.startsWith("ripgrep"));
  for (const m of rows.filter((x) => x.name.startsWith("mcplint"))) if (r) console.log(`${`${m.name} / ripgrep (wall, medians)`.padEnd(56)} ${(m.median / r.median).toFixed(2).padStart(7)}x${m.cpu !== undefined && r.cpu !== undefined ? `   CPU ${(m.cpu / r.cpu).toFixed(2)}x` : ""}`);
}

const mcplintJob = (name, root, extra = []) => ({ name, cmd: process.execPath, argv: [MCPLINT, "scan", root, "--no-gitignore", "--format", "json", "-o", "/dev/null", "--fail-on", "none", ...extra], ok: (r) => r.status === 0 });
const rgJob = (name, root, rg) => ({ name, cmd: rg, argv: ["-uu", "--no-messages", "-c", ...RG_PATTERNS.flatMap((p) => ["-e", p]), root], ok: (r) => r.status === 0 || r.status === 1 });

if (TYPESCRIPT_ONLY) {
  console.log(header() + "\n");
  typescriptTree();
  process.exit(0);
}
const trees = ensureCorpus(BENCH, log);
if (!trees) {
  log("could not install the corpus packages (npm install failed); nothing to measure");
  process.exit(2);
}
const rg = which("rg");
let secretlint;
const NO_SECRETLINT = QUICK || args.includes("--no-secretlint");
if (!NO_SECRETLINT) {
  if (ensureInstalled(path.join(BENCH, "tools"), TOOL_PACKAGES, log)) {
    const bin = path.join(BENCH, "tools", "node_modules", "secretlint", "bin", "secretlint.js");
    if (fs.existsSync(bin)) secretlint = bin;
  }
  if (secretlint) fs.writeFileSync(path.join(BENCH, "tools", ".secretlintrc.json"), JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
}

const x1 = trees.x1;

console.log(header());
console.log(`corpus 1x: ${x1.files} files, ${(x1.bytes / 1e6).toFixed(0)} MB (${path.relative(REPO, x1.root)}); peak RSS ${TIME ? "from /usr/bin/time" : "not measured (/usr/bin/time not installed)"}\n`);

// 1. Full scan of the 1x tree against ripgrep and secretlint.
const jobs = [mcplintJob("mcplint scan (auto threads)", x1.root), mcplintJob("mcplint scan --threads 1", x1.root, ["--threads", "1"])];
if (rg) jobs.push(rgJob(`ripgrep (${RG_PATTERNS.length} patterns)`, x1.root, rg));
if (secretlint) jobs.push({ name: "secretlint (preset-recommend)", cmd: process.execPath, argv: [secretlint, "**/*", "--secretlintrc", path.join(BENCH, "tools", ".secretlintrc.json"), "--format", "json", "--output", "/dev/null"], cwd: x1.root, runs: Math.min(SECRETLINT_RUNS, RUNS), timeoutMs: SECRETLINT_TIMEOUT_S * 1000, ok: (r) => r.status === 0 || r.status === 1 });
log(`full scan of 1x: ${jobs.map((j) => j.name).join(", ")}; ${RUNS} rounds`);
const full = [...alternate(jobs, RUNS)].map(([n, rs]) => summarize(n, rs));
console.log("Full scan, 1x tree");
console.log(table(full));
if (!rg) console.log("ripgrep: not installed (apt-get install ripgrep); ratio skipped");
if (!secretlint) console.log(`secretlint: ${NO_SECRETLINT ? "skipped (--quick / --no-secretlint)" : "not installed"}; ratio skipped`);
const get = (rows, prefix) => rows.find((r) => r.name.startsWith(prefix));
const m = get(full, "mcplint scan (auto");
console.log("");
if (rg) {
  const r = get(full, "ripgrep");
  console.log(verdict("mcplint / ripgrep (wall, medians)", m.median / r.median, 2, "lower"));
  console.log(`${"  --threads 1 / ripgrep (wall, medians)".padEnd(46)} ${(get(full, "mcplint scan --threads 1").median / r.median).toFixed(2).padStart(7)}x`);
  if (m.cpu !== undefined && r.cpu !== undefined) console.log(`${"  CPU time, mcplint / ripgrep (medians)".padEnd(46)} ${(m.cpu / r.cpu).toFixed(2).padStart(7)}x`);
}
if (secretlint) {
  const sl = get(full, "secretlint");
  console.log(verdict(`secretlint / mcplint (wall, medians)${sl.timedOut ? " (lower bound: stopped)" : ""}`, sl.median / m.median, 20, "higher"));
}
console.log(`${"mcplint peak RSS (highest of the runs)".padEnd(46)} ${fmtMB(m.rss).padStart(8)}    target <= 250 MB   ${m.rss === undefined ? "not measured" : m.rss / 1024 <= 250 ? "met" : "NOT met"}`);
const t1 = get(full, "mcplint scan --threads 1");
if (t1.rss !== undefined) console.log(`${"  --threads 1 peak RSS".padEnd(46)} ${fmtMB(t1.rss).padStart(8)}`);

// 2. Start-up: the pre-commit-sized run vs `node -e 0`.
console.log("");
startup();

// 3. Scaling: 1x, 2x, 4x.
const sizes = QUICK ? ["x1", "x2"] : ["x1", "x2", "x4"];
const scaleRows = [...alternate(sizes.map((s) => mcplintJob(`mcplint ${s}`, trees[s].root)), Math.max(3, Math.min(RUNS, 5)))].map(([n, rs]) => summarize(n, rs));
console.log("\nScaling (mcplint, auto threads)");
console.log(table(scaleRows));
const base = scaleRows[0];
for (const r of scaleRows) {
  const t = trees[r.name.split(" ")[1]];
  console.log(`  ${r.name.padEnd(12)} ${String(t.files).padStart(6)} files ${(t.bytes / 1e6).toFixed(0).padStart(5)} MB   time x${(r.median / base.median).toFixed(2)}   per MB ${(r.median / (t.bytes / 1e6)).toFixed(1)} ms`);
}
