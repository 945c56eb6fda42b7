/**
 * Runtime proof that a scan never executes or connects: every process and
 * network entry point of Node is replaced by a trap that records the call and
 * throws, then full scans run through the CLI in-process (fixtures/ and a
 * temporary tree with every kind of file, every output mode). Any recorded
 * call fails the test. worker_threads.Worker stays allowed (parallel parsing
 * may use it).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, FIXTURES, REPO_ROOT, tempTree } from "../helpers.js";

const require = createRequire(import.meta.url);

const TRAPPED: Record<string, readonly string[]> = {
  child_process: ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"],
  net: ["connect", "createConnection", "createServer"],
  tls: ["connect", "createServer"],
  http: ["request", "get", "createServer"],
  https: ["request", "get", "createServer"],
  http2: ["connect", "createServer", "createSecureServer"],
  dns: ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveMx", "resolveNs", "resolveSrv", "resolveTxt", "reverse"],
  "dns/promises": ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveTxt", "reverse"],
  dgram: ["createSocket"],
};

const calls: string[] = [];
const originals: { mod: Record<string, unknown>; name: string; fn: unknown }[] = [];
let originalFetch: typeof globalThis.fetch | undefined;

function trap(label: string) {
  return (..._args: unknown[]): never => {
    calls.push(label);
    throw new Error(`mcplint must not call ${label} during a scan`);
  };
}

function install(): void {
  for (const [id, names] of Object.entries(TRAPPED)) {
    const mod = require(id) as Record<string, unknown>;
    for (const name of names) {
      if (typeof mod[name] !== "function") continue;
      originals.push({ mod, name, fn: mod[name] });
      mod[name] = trap(`${id}.${name}`);
    }
  }
  originalFetch = globalThis.fetch;
  globalThis.fetch = trap("fetch") as typeof globalThis.fetch;
  // ESM named imports of built-ins (`import { spawn } from "node:child_process"`) see the traps too.
  syncBuiltinESMExports();
}

function uninstall(): void {
  for (const o of originals.splice(0)) o.mod[o.name] = o.fn;
  if (originalFetch) globalThis.fetch = originalFetch;
  syncBuiltinESMExports();
}

/** A tree with every kind of file a scan meets, built before the traps are set (mkfifo is a process). */
function hostileTree(): string {
  const token = fakeGitHubToken("ghp", "no-exec");
  const dir = tempTree({
    ".mcp.json": JSON.stringify({ mcpServers: { gh: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } }, remote: { type: "http", url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer ${TOKEN}" } } } }, null, 2),
    ".vscode/mcp.json": `// c\n{ "servers": { "x": { "type": "sse", "url": "http://127.0.0.1:1/sse" } } }`,
    ".continue/config.yaml": "mcpServers:\n  - name: a\n    command: uvx\n    args: [mcp-server-fetch]\n",
    ".codex/config.toml": '[mcp_servers.a]\ncommand = "docker"\nargs = ["run", "--network", "host", "ghcr.io/acme/mcp"]\n',
    "goose/config.yaml": "extensions:\n  a:\n    type: streamable_http\n    uri: https://localhost:1/mcp\n",
    "deploy/route.yaml": "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: r }\n",
    "src/agent.ts": 'import { spawn } from "node:child_process";\nspawn("curl", ["https://example.com"]);\n',
    ".env": `GITHUB_TOKEN=${token}\n`,
    ".gitignore": "ignored/\n",
    "ignored/.mcp.json": "{}",
  });
  fs.writeFileSync(path.join(dir, "blob.bin"), Buffer.from([0, 1, 2, 0]));
  fs.symlinkSync("/etc", path.join(dir, "etc-link"));
  execFileSync("mkfifo", [path.join(dir, "pipe")]);
  return dir;
}

describe("a scan never executes a process nor opens a connection", () => {
  let dir: string;
  let outDir: string;

  beforeAll(() => {
    dir = hostileTree();
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-noexec-out-"));
    install();
  });

  afterAll(() => uninstall());

  it("the traps are live for CommonJS and ESM callers alike", async () => {
    const esm = await import("node:child_process");
    expect(() => esm.spawn("true")).toThrow(/must not call child_process.spawn/);
    expect(() => (require("node:https") as typeof import("node:https")).get("https://example.com")).toThrow(/must not call https.get/);
    expect(() => void fetch("https://example.com")).toThrow(/must not call fetch/);
    expect(calls.splice(0)).toEqual(["child_process.spawn", "https.get", "fetch"]);
  });

  // Thirteen CLI runs, three over fixtures/: a loaded machine needs more than the default 30 s.
  it("over fixtures/ and a tree of every kind of file, in every output mode, and the user-level locations", { timeout: 180_000 }, async () => {
    const runs: { cwd: string; argv: string[]; env?: Record<string, string> }[] = [
      { cwd: REPO_ROOT, argv: ["scan", path.relative(REPO_ROOT, FIXTURES)] },
      { cwd: REPO_ROOT, argv: ["scan", "--format", "sarif", path.relative(REPO_ROOT, FIXTURES)] },
      { cwd: REPO_ROOT, argv: ["inventory", "--format", "json", path.relative(REPO_ROOT, FIXTURES)] },
      { cwd: dir, argv: ["scan"] },
      { cwd: dir, argv: ["scan"], env: { FORCE_COLOR: "1", NO_COLOR: "" } },
      { cwd: dir, argv: ["scan", "--format", "json", "--no-gitignore"] },
      { cwd: dir, argv: ["scan", "--format", "sarif", "--category", "mcplint/test", "-o", path.join(outDir, "r.sarif")] },
      { cwd: dir, argv: ["inventory"] },
      // Every known client's user-level location, under a home that is the hostile tree.
      { cwd: dir, argv: ["scan", "--user", "--format", "json", "--no-gitignore"], env: { HOME: dir, XDG_CONFIG_HOME: path.join(dir, ".config"), APPDATA: path.join(dir, "AppData") } },
      { cwd: dir, argv: ["inventory", "--format", "json", "-o", path.join(outDir, "inv.json")] },
      { cwd: dir, argv: ["scan", ".mcp.json", "pipe", "etc-link", "/dev/null"] },
      { cwd: dir, argv: ["--list-rules"] },
      { cwd: dir, argv: ["--version"] },
      { cwd: dir, argv: ["--help"] },
    ];
    for (const run of runs) {
      const r = await cli(run.argv, run.cwd, run.env);
      expect(r.stderr, `${run.argv.join(" ")}`).not.toMatch(/internal error|must not call/);
      expect([0, 1], `${run.argv.join(" ")} exit code`).toContain(r.exitCode);
    }
    expect(fs.readFileSync(path.join(outDir, "r.sarif"), "utf8")).toContain('"version": "2.1.0"');
    expect(calls).toEqual([]);
  });
});
