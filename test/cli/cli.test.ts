/**
 * The CLI contract: spellings, exit codes, formats, redaction, usage errors.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, tempTree } from "../helpers.js";

const token = fakeGitHubToken("ghp", "cli-test");
const leaky = {
  ".mcp.json": JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2) + "\n",
};
const clean = {
  ".mcp.json": JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.2.3"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_PAT}" } } } }, null, 2) + "\n",
};

describe("mcplint scan", () => {
  it("exits 1 on a finding at or above --fail-on and reports file:line:col", async () => {
    const dir = tempTree(leaky);
    const r = await cli(["scan"], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain(".mcp.json:10:42");
    expect(r.stdout).toContain("hardcoded-secret");
    expect(r.stdout).toMatch(/✖ \d+ problems?/);
  });

  it("treats `mcplint [paths...]` as scan", async () => {
    const dir = tempTree(leaky);
    const r = await cli(["."], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain("hardcoded-secret");
  });

  it("takes options before the command name (`mcplint --format json scan`), and a command name that is an option's value as that value", async () => {
    const dir = tempTree(leaky);
    const json = await cli(["--format", "json", "--fail-on", "none", "scan"], dir);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout).summary.filesScanned).toBe(1);
    const inv = await cli(["--format=json", "inventory"], dir);
    expect(JSON.parse(inv.stdout).servers.map((s: { name: string }) => s.name)).toEqual(["github"]);
    const out = await cli(["-o", "scan", "."], dir);
    expect(out.exitCode).toBe(1);
    expect(fs.readFileSync(path.join(dir, "scan"), "utf8")).toContain("hardcoded-secret");
  });

  it("exits 0 on a clean tree", async () => {
    const dir = tempTree(clean);
    const r = await cli(["scan", "."], dir);
    expect(r.stdout).toContain("No problems found");
    expect(r.exitCode).toBe(0);
  });

  it("honours --fail-on", async () => {
    const dir = tempTree(leaky);
    expect((await cli(["scan", "--fail-on", "none"], dir)).exitCode).toBe(0);
    expect((await cli(["scan", "--fail-on", "error"], dir)).exitCode).toBe(1);
  });

  it("exits 2 on bad usage and on paths that do not exist", async () => {
    const dir = tempTree(clean);
    expect((await cli(["scan", "--format", "xml"], dir)).exitCode).toBe(2);
    expect((await cli(["scan", "--fail-on", "sometimes"], dir)).exitCode).toBe(2);
    expect((await cli(["scan", "--bogus"], dir)).exitCode).toBe(2);
    const missing = await cli(["scan", "no-such-folder"], dir);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("no such file or folder: no-such-folder");
    // A limit too large for the reader's buffer: a usage error, not 'internal error: The value of "size" is out of range'.
    for (const size of ["5g", "99999999999999999999999"]) {
      const big = await cli(["scan", "--max-file-size", size], dir);
      expect([big.exitCode, big.stderr]).toEqual([2, `mcplint: --max-file-size: '${size}' is over the largest size mcplint reads (1g)\n`]);
    }
    expect((await cli(["scan", "--max-file-size", "1g"], dir)).exitCode).toBe(0);
  });

  it("a usage error names mcplint and points at the command's --help; help says what `mcplint [paths...]` is and the exit codes", async () => {
    const dir = tempTree(clean);
    const cases: [string[], string, string][] = [
      [["scan", "--bogus"], "mcplint: unknown option '--bogus'", "scan"],
      [["--bogus"], "mcplint: unknown option '--bogus'", "scan"],
      [["inventory", "--format", "sarif"], "mcplint: option '-f, --format <format>' argument 'sarif' is invalid", "inventory"],
      [["lock", "--format", "json"], "mcplint: unknown option '--format'", "lock"],
    ];
    for (const [argv, message, command] of cases) {
      const r = await cli(argv, dir);
      expect(r.exitCode, argv.join(" ")).toBe(2);
      expect(r.stderr, argv.join(" ")).toContain(message);
      expect(r.stderr, argv.join(" ")).toContain(`(mcplint ${command} --help lists its options)`);
      expect(r.stderr, argv.join(" ")).not.toMatch(/^error: /m);
    }
    const top = await cli(["--help"], dir);
    expect(top.exitCode).toBe(0);
    expect(top.stdout).toContain("'mcplint [paths...]' is 'mcplint scan [paths...]'");
    for (const help of [top.stdout, (await cli(["scan", "--help"], dir)).stdout]) expect(help).toMatch(/Exit codes: 0 no finding at or above --fail-on; 1 at least one;\s+2 bad usage/);
  });

  it("a mistyped --format or --fail-on value lists the choices and names the nearest one; a value near none gets no guess", async () => {
    const dir = tempTree(clean);
    const allowed = "Allowed choices are text, json, sarif, markdown, html.";
    for (const [argv, option, value, tail] of [
      [["scan", "-f", "jsn"], "-f, --format <format>", "jsn", `${allowed} Did you mean 'json'?`],
      [["scan", "--format", "sarf"], "-f, --format <format>", "sarf", `${allowed} Did you mean 'sarif'?`],
      [["--format=JSON", "scan"], "-f, --format <format>", "JSON", `${allowed} Did you mean 'json'?`],
      [["scan", "--format", "txt"], "-f, --format <format>", "txt", `${allowed} Did you mean 'text'?`],
      [["scan", "--format", "xml"], "-f, --format <format>", "xml", allowed],
      [["scan", "--fail-on", "eror"], "--fail-on <level>", "eror", "Allowed choices are error, warning, note, none. Did you mean 'error'?"],
      [["inventory", "-f", "markdwn"], "-f, --format <format>", "markdwn", "Allowed choices are text, json, markdown, html. Did you mean 'markdown'?"],
    ] as const) {
      const r = await cli([...argv], dir);
      const command = (argv as readonly string[]).includes("inventory") ? "inventory" : "scan";
      expect({ argv, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ argv, exitCode: 2, stdout: "", stderr: `mcplint: option '${option}' argument '${value}' is invalid. ${tail}\n(mcplint ${command} --help lists its options)\n` });
    }
    // The choices are still listed in the help.
    expect((await cli(["scan", "--help"], dir)).stdout.replace(/\s+/g, " ")).toContain('(choices: "text", "json", "sarif", "markdown", "html", default: "text")');
  });

  it("a mistyped command is still a missing path (exit 2), with a hint when it is the first word and close to a command name", async () => {
    const dir = tempTree(clean);
    for (const [argv, hint] of [
      [["scna", "."], "scna (did you mean 'scan'?)"],
      [["inventroy"], "inventroy (did you mean 'inventory'?)"],
      [["--format", "json", "lcok"], "lcok (did you mean 'lock'?)"],
      [["scan", "scna"], "scna"],
      [["lock", "inventroy"], "inventroy"],
      [["scan/"], "scan/"],
      [["nothing-like-it"], "nothing-like-it"],
    ] as const) {
      const r = await cli([...argv], dir);
      expect({ argv, exitCode: r.exitCode, stderr: r.stderr }).toEqual({ argv, exitCode: 2, stderr: `mcplint: no such file or folder: ${hint}\n` });
    }
  });

  it("a spelling from gitleaks, ESLint, semgrep or actionlint is a usage error (exit 2) that names mcplint's own: options, one-dash long options, option values, first words", async () => {
    const dir = tempTree(clean);
    const hinted = (unknown: string, hint: string, command = "scan") => `mcplint: unknown option '${unknown}'\n(${hint})\n(mcplint ${command} --help lists its options)\n`;
    const oneDash = (word: string, long: string, command = "scan") => `mcplint: unknown option '${word}' (long options take two dashes: ${long})\n(mcplint ${command} --help lists its options)\n`;
    const value = (option: string, v: string, allowed: string, near: string, command = "scan") => `mcplint: option '${option}' argument '${v}' is invalid. Allowed choices are ${allowed}. Did you mean '${near}'?\n(mcplint ${command} --help lists its options)\n`;
    const formats = "text, json, sarif, markdown, html";
    const levels = "error, warning, note, none";
    for (const [argv, stderr] of [
      [["--output-file", "out.txt"], hinted("--output-file", "Did you mean -o, --output? That is ESLint's --output-file")],
      [["scan", "--report-path=out.sarif"], hinted("--report-path=out.sarif", "Did you mean -o, --output? That is gitleaks' --report-path; -o - is stdout")],
      [["--report-format", "sarif"], hinted("--report-format", "Did you mean -f, --format? That is gitleaks' --report-format")],
      [["--sarif"], hinted("--sarif", "Did you mean --format sarif, or --sarif-file FILE beside another format?")],
      [["inventory", "--json"], hinted("--json", "Did you mean --format json?", "inventory")],
      // commander's own guess (--no-color) would not colour anything
      [["--color"], hinted("--color", "mcplint colours only on a terminal; FORCE_COLOR=1 forces colours")],
      [["--redact"], hinted("--redact", "mcplint always redacts: no report shows a whole secret")],
      [["--no-ignore"], hinted("--no-ignore", "Did you mean --no-gitignore?")],
      // commander read these as `-f ormat` ("argument 'ormat' is invalid") and `-q -u ...`
      [["-format", "json"], oneDash("-format", "--format")],
      [["scan", "-format=sarif", "."], oneDash("-format=sarif", "--format")],
      [["inventory", "-format", "json"], oneDash("-format", "--format", "inventory")],
      [["-quiet"], oneDash("-quiet", "--quiet")],
      [["-no-color"], oneDash("-no-color", "--no-color")],
      [["-help"], oneDash("-help", "--help")],
      [["--fail-on", "warn"], value("--fail-on <level>", "warn", levels, "warning")],
      [["--fail-on", "info"], value("--fail-on <level>", "info", levels, "note")],
      [["-f", "md"], value("-f, --format <format>", "md", formats, "markdown")],
      [["rules"], "mcplint: no such file or folder: rules (did you mean '--list-rules'?)\n"],
      [["version"], "mcplint: no such file or folder: version (did you mean '--version'?)\n"],
      [["protect", "--staged"], "mcplint: no such file or folder: protect (did you mean 'scan --staged'?)\n"],
      [["detect"], "mcplint: no such file or folder: detect (did you mean 'scan'?)\n"],
      // gitleaks' `stdin` mode, `mcplint -` in a pipe
      [["scan", "-"], "mcplint: no such file or folder: - (mcplint does not read standard input: give the files or folders to scan)\n"],
    ] as const) {
      const r = await cli([...argv], dir);
      expect({ argv, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ argv, exitCode: 2, stdout: "", stderr });
    }
    // A one-dash word that is an option's value, or after `--`, is left alone (a file named -format).
    fs.writeFileSync(path.join(dir, "-format"), "nothing to see\n");
    expect((await cli(["--", "-format"], dir)).exitCode).toBe(0);
    expect((await cli(["-o", "-quiet", "."], dir)).exitCode).toBe(0);
    expect(fs.readFileSync(path.join(dir, "-quiet"), "utf8")).toContain("No problems found");
  });

  it("an empty --exclude (a CI variable left unset) is a usage error naming the flag, in every command, not an internal error", async () => {
    const dir = tempTree(clean);
    for (const argv of [["scan", "--exclude", ""], ["inventory", "--exclude", ""], ["lock", "--exclude", " "]]) {
      const r = await cli(argv, dir);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toBe("mcplint: --exclude: an empty glob matches nothing; give a path, a name or a glob\n");
    }
  });

  it("an empty file option (a CI variable left unset) is a usage error naming the flag, not stdout, no file or a skipped baseline", async () => {
    const dir = tempTree(leaky);
    for (const argv of [["scan", "-o", ""], ["scan", "--output="], ["scan", "--sarif-file", ""], ["scan", "--baseline", " "], ["scan", "--write-baseline", ""], ["scan", "-c", ""], ["inventory", "-o", ""], ["inventory", "--config", ""], ["lock", "--output", ""], ["lock", "-c", ""]]) {
      const r = await cli(argv, dir);
      const flag = (argv[1] as string).replace(/=$/, "").replace(/^-o$/, "--output").replace(/^-c$/, "--config");
      expect({ argv, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ argv, exitCode: 2, stdout: "", stderr: `mcplint: ${flag}: an empty file name; give a path\n` });
    }
    expect(fs.existsSync(path.join(dir, "mcplint.lock.json"))).toBe(false);
  });

  it("`-o -` prints the report on stdout (as gitleaks' --report-path -), and '-' for any other file option is a usage error, never a file named '-' in the scanned folder", async () => {
    const dir = tempTree(leaky);
    const text = await cli(["scan", "-o", "-"], dir);
    expect([text.exitCode, text.stderr]).toEqual([1, ""]);
    expect(text.stdout).toContain(".mcp.json:10:42");
    const sarif = await cli(["scan", "--format", "sarif", "--output=-"], dir);
    expect(JSON.parse(sarif.stdout).runs[0].results.length).toBeGreaterThan(0);
    const inv = await cli(["inventory", "--format", "json", "-o", "-"], dir);
    expect(JSON.parse(inv.stdout).servers.map((s: { name: string }) => s.name)).toEqual(["github"]);
    expect((await cli(["scan", "--list-rules", "-o", "-"], dir)).stdout).toContain("hardcoded-secret");
    for (const [argv, flag, stream] of [
      [["scan", "--sarif-file", "-"], "--sarif-file", "output"],
      [["scan", "--write-baseline", "-"], "--write-baseline", "output"],
      [["lock", "-o", "-"], "--output", "output"],
      [["scan", "--baseline", "-"], "--baseline", "input"],
      [["inventory", "-c", "-"], "--config", "input"],
    ] as const) {
      const r = await cli([...argv], dir);
      expect({ argv, exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ argv, exitCode: 2, stdout: "", stderr: `mcplint: ${flag}: '-' (standard ${stream}) is not taken here; give a file name (./- for a file named '-')\n` });
    }
    expect(fs.existsSync(path.join(dir, "-"))).toBe(false);
    // A file that is named '-' is still written when asked for as one.
    expect((await cli(["scan", "-o", "./-"], dir)).exitCode).toBe(1);
    expect(fs.readFileSync(path.join(dir, "-"), "utf8")).toContain(".mcp.json:10:42");
  });

  it("never prints the whole secret in any format", async () => {
    const dir = tempTree(leaky);
    for (const format of ["text", "json", "sarif"]) {
      const r = await cli(["scan", "--format", format], dir);
      expect(r.stdout + r.stderr).not.toContain(token);
      expect(r.stdout + r.stderr).not.toContain(token.slice(4, 20));
    }
    const inv = await cli(["inventory", "--format", "json"], dir);
    expect(inv.stdout).not.toContain(token.slice(4, 20));
  });

  it("writes the report to --output and keeps stdout empty", async () => {
    const dir = tempTree(leaky);
    const r = await cli(["scan", "--format", "sarif", "-o", "out/report.sarif"], dir);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^mcplint: \d+ findings? in 1 file; sarif report written to out\/report\.sarif\n$/);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, "out/report.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  });

  it("gives the same bytes for the same input", async () => {
    const dir = tempTree(leaky);
    const a = await cli(["scan", "--format", "sarif"], dir);
    const b = await cli(["scan", "--format", "sarif"], dir);
    expect(a.stdout).toBe(b.stdout);
  });

  it("uses colour only when asked or on a TTY", async () => {
    const dir = tempTree(leaky);
    expect((await cli(["scan"], dir)).stdout).not.toMatch(/\u001b\[/);
    expect((await cli(["scan"], dir, { NO_COLOR: undefined, FORCE_COLOR: "1" })).stdout).toMatch(/\u001b\[/);
    expect((await cli(["scan", "--no-color"], dir, { NO_COLOR: undefined, FORCE_COLOR: "1" })).stdout).not.toMatch(/\u001b\[/);
  });

  it("lists rules and prints the version", async () => {
    const dir = tempTree(clean);
    const rules = await cli(["--list-rules"], dir);
    expect(rules.exitCode).toBe(0);
    expect(rules.stdout).toContain("hardcoded-secret");
    const v = await cli(["--version"], dir);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("--list-rules --format json prints the rules as JSON (not the text table), -o writes them to a file", async () => {
    const dir = tempTree(clean);
    const r = await cli(["--list-rules", "--format", "json"], dir);
    expect(r.exitCode).toBe(0);
    const list = JSON.parse(r.stdout) as { rules: { id: string; level: string; category: string; title: string }[] };
    expect(list.rules.find((x) => x.id === "hardcoded-secret")).toMatchObject({ level: "error", category: "hardcoded-secret" });
    const o = await cli(["scan", "--list-rules", "-f", "json", "-o", "rules.json"], dir);
    expect(o.stdout).toBe("");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "rules.json"), "utf8"))).toEqual(list);
    const sarif = await cli(["--list-rules", "--format", "sarif"], dir);
    expect(sarif.exitCode).toBe(2);
    expect(sarif.stderr).toContain("--list-rules prints text or json");
  });

  it("reports a broken file as a finding and goes on with the others", async () => {
    const dir = tempTree({ ...leaky, "sub/.mcp.json": "{ \"mcpServers\": {" });
    const r = await cli(["scan", "--format", "json"], dir);
    const out = JSON.parse(r.stdout);
    const rules = out.findings.map((f: { ruleId: string }) => f.ruleId);
    expect(rules).toContain("parse-error");
    expect(rules).toContain("hardcoded-secret");
  });
});

describe("mcplint inventory", () => {
  it("lists every server with its client, file and line, credentials by reference", async () => {
    const dir = tempTree({ ...clean, ".vscode/mcp.json": `{ "servers": { "notes": { "type": "http", "url": "https://mcp.example.com/notes", "headers": { "Authorization": "Bearer \${input:notes}" } } } }\n` });
    const r = await cli(["inventory", "--format", "json"], dir);
    expect(r.exitCode).toBe(0);
    const inv = JSON.parse(r.stdout);
    expect(inv.servers.map((s: { name: string; client: string; file: string; line: number }) => [s.name, s.client, s.file, s.line])).toEqual([
      ["github", "claude-code", ".mcp.json", 3],
      ["notes", "vscode", ".vscode/mcp.json", 1],
    ]);
    expect(inv.servers[0].credentials[0]).toMatchObject({ key: "GITHUB_PERSONAL_ACCESS_TOKEN", source: "env", reference: "env", name: "GITHUB_PAT" });
    expect(inv.servers[1].credentials[0]).toMatchObject({ key: "Authorization", reference: "input", name: "notes" });
    expect(inv).toHaveProperty("policies");
  });

  it("-o writes into a folder that does not exist yet, as scan -o does; an unwritable target is a usage error, not an internal error", async () => {
    const dir = tempTree(clean);
    const r = await cli(["inventory", "--format", "json", "-o", "reports/inventory.json"], dir);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "reports", "inventory.json"), "utf8")).servers).toHaveLength(1);
    fs.writeFileSync(path.join(dir, "file"), "");
    const bad = await cli(["inventory", "-o", "file/inventory.txt"], dir);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^mcplint: cannot write inventory file\/inventory.txt: (ENOTDIR|EEXIST)/);
    expect(bad.stderr).not.toContain("internal error");
  });

  // Node 20's recursive mkdirSync loops forever there, so the CLI runs in a child process with a time limit.
  it.skipIf(!fs.existsSync("/proc/self"))("-o into a folder that cannot be made (under /proc) is exit 2 with the reason, not a hang", () => {
    const dir = tempTree(clean);
    const bin = path.resolve(__dirname, "../../bin/mcplint.js");
    const r = spawnSync(process.execPath, [bin, "scan", dir, "-o", "/proc/mcplint-no-such/report.json"], { encoding: "utf8", timeout: 30_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("mcplint: cannot write report /proc/mcplint-no-such/report.json: ENOENT\n");
  }, 40_000);
});

describe("inventory and lock name the files they could not read", () => {
  it("a broken configuration file is a warning on stderr, not a silent gap in the inventory or the lock", async () => {
    const dir = tempTree({ ...clean, ".cursor/mcp.json": `{ "mcpServers": { "notes": { "command": "npx", ` });
    const inv = await cli(["inventory", "--format", "json"], dir);
    expect(inv.exitCode).toBe(0);
    expect(JSON.parse(inv.stdout).servers).toHaveLength(1);
    expect(inv.stderr).toMatch(/^mcplint: warning: \.cursor\/mcp\.json:1:\d+: JSON syntax error: .* \(file not analysed: its servers are missing\)\n$/);
    const lock = await cli(["lock"], dir);
    expect(lock.exitCode).toBe(0);
    expect(lock.stderr).toMatch(/^mcplint: warning: \.cursor\/mcp\.json:1:\d+: JSON syntax error: .*\nmcplint: locked 1 server in mcplint\.lock\.json\n$/);
  });

  it("inventory and lock take --no-color and -q/--quiet as scan does; -q leaves stderr empty", async () => {
    const dir = tempTree({ ...clean, ".cursor/mcp.json": `{ "mcpServers": { "notes": { "command": "npx", ` });
    for (const argv of [["inventory", "--no-color", "-q"], ["--quiet", "--no-color", "inventory", "--format", "json"], ["lock", "--no-color", "--quiet"], ["-q", "lock"]]) {
      const r = await cli(argv, dir);
      expect({ argv, exitCode: r.exitCode, stderr: r.stderr }).toEqual({ argv, exitCode: 0, stderr: "" });
    }
    expect(JSON.parse((await cli(["inventory", "-q", "--format", "json"], dir)).stdout).servers).toHaveLength(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8")).servers).toHaveLength(1);
    for (const cmd of ["inventory", "lock"]) {
      const help = (await cli([cmd, "--help"], dir)).stdout;
      expect(help).toContain("--no-color");
      expect(help).toContain("-q, --quiet");
    }
  });

  it("inventory and lock take --threads as scan does, with the same output for every count, and its usage error", async () => {
    const dir = tempTree({ ...clean, ".cursor/mcp.json": JSON.stringify({ mcpServers: { notes: { command: "npx", args: ["-y", "notes-mcp@1.0.0"] } } }) });
    const inventories = await Promise.all(["1", "2"].map((n) => cli(["inventory", "--format", "json", "--threads", n], dir)));
    for (const r of inventories) expect([r.exitCode, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(inventories[0]?.stdout as string).servers).toHaveLength(2);
    expect(inventories[1]?.stdout).toBe(inventories[0]?.stdout);
    for (const n of ["1", "2"]) {
      const lock = await cli(["lock", "-q", "--threads", n, "-o", `lock-${n}.json`], dir);
      expect(lock.exitCode).toBe(0);
    }
    expect(fs.readFileSync(path.join(dir, "lock-2.json"), "utf8")).toBe(fs.readFileSync(path.join(dir, "lock-1.json"), "utf8"));
    for (const cmd of ["inventory", "lock"]) {
      const r = await cli([cmd, "--threads", "0"], dir);
      expect({ cmd, exitCode: r.exitCode, stderr: r.stderr }).toEqual({ cmd, exitCode: 2, stderr: "mcplint: --threads: '0' is not a number of threads (1 or more)\n" });
    }
  });

  it("a file read despite its error (TypeScript that tree-sitter recovers, strict JSON with a comment) is not said to be missing", async () => {
    const dir = tempTree({
      ...clean,
      "src/agent.ts": `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";\nexport const t = new StdioClientTransport({ command: "acme-notes-mcp", args: [ ) });\n`,
      ".cursor/mcp.json": `{\n  // team servers\n  "mcpServers": { "wiki": { "command": "acme-wiki-mcp" } }\n}\n`,
    });
    const inv = await cli(["inventory", "--format", "json"], dir);
    expect(JSON.parse(inv.stdout).servers.map((s: { name: string }) => s.name).sort()).toEqual(["acme-notes-mcp", "github", "wiki"]);
    expect(inv.stderr).toContain("src/agent.ts:2: syntax error");
    expect(inv.stderr).not.toContain("its servers are missing");
  });
});

describe("mcplint lock and drift", () => {
  it("lock takes --max-file-size as scan does: a lock and a scan with the same limit see the same servers", async () => {
    const padding = " ".repeat(3000);
    const dir = tempTree({ ...clean, ".cursor/mcp.json": `{ "mcpServers": { "wiki": { "command": "acme-wiki-mcp" } } }${padding}\n` });
    const limited = await cli(["lock", "--max-file-size", "2k"], dir);
    expect(limited.exitCode).toBe(0);
    expect(limited.stderr).toContain("locked 1 server");
    const scan = await cli(["scan", "--max-file-size", "2k", "--format", "json"], dir);
    expect(JSON.parse(scan.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "config-drift")).toEqual([]);
    expect((await cli(["lock"], dir)).stderr).toContain("locked 2 servers");
    expect((await cli(["lock", "--help"], dir)).stdout).toContain("--max-file-size <bytes>");
  });

  it("writes a lock, then reports drift when a server changes or appears", async () => {
    // Roo Code's file: its servers carry an auto-approve list (`alwaysAllow`), which Claude Code's `.mcp.json` has not.
    const roo = { ".roo/mcp.json": clean[".mcp.json"].replace("${GITHUB_PAT}", "${env:GITHUB_PAT}") };
    const dir = tempTree(roo);
    const lock = await cli(["lock"], dir);
    expect(lock.exitCode).toBe(0);
    expect(lock.stderr).toContain("locked 1 server");
    const written = JSON.parse(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8"));
    expect(written.servers[0]).toMatchObject({ client: "roo-code", file: ".roo/mcp.json", name: "github", version: "1.2.3" });
    expect((await cli(["scan"], dir)).exitCode).toBe(0);

    const changed = JSON.parse(roo[".roo/mcp.json"]);
    changed.mcpServers.github.args[1] = "@modelcontextprotocol/server-github@1.3.0";
    changed.mcpServers.github.alwaysAllow = ["*"];
    changed.mcpServers.extra = { command: "npx", args: ["-y", "mcp-extra@1.0.0"] };
    fs.writeFileSync(path.join(dir, ".roo/mcp.json"), JSON.stringify(changed, null, 2));
    const r = await cli(["scan", "--format", "json"], dir);
    expect(r.exitCode).toBe(1);
    const drift = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "config-drift").map((f: { message: string }) => f.message);
    expect(drift).toEqual(
      expect.arrayContaining([
        expect.stringContaining("version 1.2.3 → 1.3.0"),
        expect.stringContaining("auto-approve widened to every tool"),
        expect.stringContaining("'extra' (roo-code) drifted from the lock: not in the lock file"),
      ]),
    );
  });

  it("reads a lock saved again as UTF-16 (Windows PowerShell 5's >), and says a binary one is not a text file", async () => {
    const dir = tempTree(clean);
    expect((await cli(["lock"], dir)).exitCode).toBe(0);
    const at = path.join(dir, "mcplint.lock.json");
    const json = fs.readFileSync(at, "utf8");
    fs.writeFileSync(at, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json.replace('"1.2.3"', '"1.2.2"'), "utf16le")]));
    const r = await cli(["scan", "--format", "json"], dir);
    const drift = JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "config-drift").map((f: { message: string }) => f.message);
    expect(drift).toEqual([expect.stringContaining("version 1.2.2 → 1.2.3")]);
    fs.writeFileSync(at, Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x00, 0xff]));
    const binary = JSON.parse((await cli(["scan", "--format", "json"], dir)).stdout).diagnostics.filter((x: { code: string }) => x.code === "config");
    expect(binary).toMatchObject([{ level: "error", file: "mcplint.lock.json", message: "mcplint.lock.json: not a text file; drift not checked" }]);
  });

  it("keeps the lock in the one folder scanned, with paths relative to it, wherever the scan runs from", async () => {
    const parent = tempTree(Object.fromEntries(Object.entries(clean).map(([k, v]) => [`repo/${k}`, v])));
    const repo = path.join(parent, "repo");
    expect((await cli(["lock", "repo"], parent)).exitCode).toBe(0);
    expect(fs.existsSync(path.join(parent, "mcplint.lock.json"))).toBe(false);
    const written = JSON.parse(fs.readFileSync(path.join(repo, "mcplint.lock.json"), "utf8"));
    expect(written.servers[0].file).toBe(".mcp.json");
    // No drift from inside the folder, nor from its parent (whose scan root is the parent).
    for (const [args, cwd] of [[["scan", "--format", "json"], repo], [["scan", "repo", "--format", "json"], parent]] as const) {
      const r = await cli([...args], cwd);
      expect(JSON.parse(r.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "config-drift")).toEqual([]);
    }
    const changed = JSON.parse(clean[".mcp.json"]);
    changed.mcpServers.github.args[1] = "@modelcontextprotocol/server-github@1.3.0";
    fs.writeFileSync(path.join(repo, ".mcp.json"), JSON.stringify(changed, null, 2));
    const drift = await cli(["scan", "repo", "--format", "json"], parent);
    expect(JSON.parse(drift.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === "config-drift").map((f: { location: { file: string } }) => f.location.file)).toEqual(["repo/.mcp.json"]);
  });

  it("compares a scan of a repository's subfolder, or one run from inside it, with the repository's lock; outside git only the folder scanned counts", async () => {
    const files = Object.fromEntries(Object.entries(clean).map(([k, v]) => [`packages/agent/${k}`, v]));
    const driftIn = async (args: string[], cwd: string) =>
      JSON.parse((await cli([...args, "--format", "json"], cwd)).stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === "config-drift")
        .map((f: { location: { file: string } }) => f.location.file);
    const bump = (dir: string) => {
      const changed = JSON.parse(clean[".mcp.json"]);
      changed.mcpServers.github.args[1] = "@modelcontextprotocol/server-github@1.3.0";
      fs.writeFileSync(path.join(dir, "packages/agent/.mcp.json"), JSON.stringify(changed, null, 2));
    };
    const repo = tempTree(files);
    fs.mkdirSync(path.join(repo, ".git"));
    expect((await cli(["lock"], repo)).exitCode).toBe(0);
    bump(repo);
    expect(await driftIn(["scan", "packages/agent"], repo)).toEqual(["packages/agent/.mcp.json"]);
    expect(await driftIn(["scan"], path.join(repo, "packages/agent"))).toEqual([".mcp.json"]);
    // The nearest lock wins: one written for the package itself.
    expect((await cli(["lock", "packages/agent"], repo)).exitCode).toBe(0);
    expect(await driftIn(["scan", "packages/agent"], repo)).toEqual([]);

    const plain = tempTree(files);
    expect((await cli(["lock"], plain)).exitCode).toBe(0);
    bump(plain);
    expect(await driftIn(["scan"], plain)).toEqual(["packages/agent/.mcp.json"]);
    expect(await driftIn(["scan"], path.join(plain, "packages/agent"))).toEqual([]);
  });

  it("names a broken lock by its path from the scan root", async () => {
    const dir = tempTree({ ...Object.fromEntries(Object.entries(clean).map(([k, v]) => [`packages/agent/${k}`, v])), "packages/agent/mcplint.lock.json": "{ broken" });
    const r = await cli(["scan", "packages/agent", "--format", "json"], dir);
    const d = JSON.parse(r.stdout).diagnostics.filter((x: { code: string }) => x.code === "config");
    expect(d).toMatchObject([{ level: "error", file: "packages/agent/mcplint.lock.json", message: expect.stringMatching(/^packages\/agent\/mcplint\.lock\.json: .*; drift not checked$/) }]);
  });

  it("never stores a literal secret in the lock", async () => {
    const dir = tempTree(leaky);
    await cli(["lock"], dir);
    const text = fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8");
    expect(text).not.toContain(token.slice(4, 20));
    expect(text).toMatch(/GITHUB_PERSONAL_ACCESS_TOKEN=literal:[0-9a-f]{16}/);
  });

  it("does not report its own lock: a literal Authorization header is locked as Authorization=literal:<hash>, which is no secret", async () => {
    const remote = { servers: { github: { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: `Bearer ${token}` } } } };
    const dir = tempTree({ ".vscode/mcp.json": JSON.stringify(remote, null, 2) + "\n" });
    expect((await cli(["lock"], dir)).exitCode).toBe(0);
    expect(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8")).toMatch(/"Authorization=literal:[0-9a-f]{16}"/);
    const r = await cli(["scan", "--format", "json"], dir);
    const files = JSON.parse(r.stdout).findings.map((f: { location: { file: string } }) => f.location.file);
    expect(files).toContain(".vscode/mcp.json");
    expect(files).not.toContain("mcplint.lock.json");
  });

  it("writes the lock where the configuration's lock: names it (relative to the configuration file), so that scan reads it back", async () => {
    const dir = tempTree({ ...Object.fromEntries(Object.entries(clean).map(([k, v]) => [`packages/agent/${k}`, v])), ".git/HEAD": "", ".mcplint.yaml": "lock: locks/mcp.lock.json\n" });
    const agent = path.join(dir, "packages/agent");
    const lock = await cli(["lock"], agent);
    expect(lock.exitCode).toBe(0);
    expect(lock.stderr).toContain("locked 1 server in ../../locks/mcp.lock.json");
    expect(fs.existsSync(path.join(agent, "mcplint.lock.json"))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "locks/mcp.lock.json"), "utf8")).servers[0].file).toBe("../packages/agent/.mcp.json");
    const r = await cli(["scan", "--format", "json"], agent);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toEqual([]);
  });

  it("a configured lock that does not exist is named by its path from the scan root, not the machine's absolute path", async () => {
    const dir = tempTree({ ...clean, ".mcplint.yaml": "lock: locks/mcp.lock.json\n" });
    const r = await cli(["scan", "--format", "json"], dir);
    const d = JSON.parse(r.stdout).diagnostics.filter((x: { code: string }) => x.code === "config");
    expect(d).toMatchObject([{ level: "error", message: expect.stringContaining("cannot read lock file locks/mcp.lock.json") }]);
    expect(r.stdout).not.toContain(dir);
  });

  it("takes --config and --no-config as scan does (a broken .mcplint.yaml need not block it)", async () => {
    const dir = tempTree({ ...clean, ".mcplint.yaml": "rules: [\n", "ok.yaml": "rules: {}\n" });
    expect((await cli(["lock"], dir)).exitCode).toBe(2);
    expect((await cli(["lock", "--no-config"], dir)).exitCode).toBe(0);
    expect((await cli(["lock", "--config", "ok.yaml"], dir)).exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8")).servers).toHaveLength(1);
  });

  it("-o writes into a folder that does not exist yet; an unwritable target is a usage error, not an internal error", async () => {
    const dir = tempTree(clean);
    const r = await cli(["lock", "-o", "locks/mcplint.lock.json"], dir);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, "locks", "mcplint.lock.json"), "utf8")).servers).toHaveLength(1);
    fs.writeFileSync(path.join(dir, "file"), "");
    const bad = await cli(["lock", "-o", "file/mcplint.lock.json"], dir);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/^mcplint: cannot write lock /);
    expect(bad.stderr).not.toContain("internal error");
  });
});
