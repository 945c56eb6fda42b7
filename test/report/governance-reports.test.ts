/** Markdown and HTML governance reports: what a reader sees, and no secret, no network. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan, scanSources } from "../../src/api.js";
import { toHtml } from "../../src/report/html.js";
import { code, md, toMarkdown } from "../../src/report/markdown.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, FIXTURES, tempTree } from "../helpers.js";

const REPO = path.join(FIXTURES, "governance", "team-repo");
const SECRET = "q7Vx2LmN9pR4tY8wK3zB6cJ1hF5dG0sAe";
const NAMES = ["acme-notes", "MCP_DOCKER", "acme-billing", "issues", "repos", "wiki", "acme-shared"];

describe("markdown report", () => {
  it("scan: verdict table, findings by severity and framework, lock status", async () => {
    const r = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], REPO);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("| Server | Client | Identity | Authorization | Traceability | Approval | Findings |");
    expect(r.stdout).toContain("| acme-billing | claude-code | 🔴 literal secret | ❔ unknown | ❔ unknown | — | 1 warning |");
    expect(r.stdout).toContain("| MCP\\_DOCKER | claude-code | ⚪ no credential | 🟢 default-deny (MCP\\_DOCKER) | 🔴 no audit trail | — | 1 warning |");
    expect(r.stdout).toContain("| acme-notes | gemini-cli | 🟢 own credential | 🟢 default-deny (.gemini/settings.json) | ❔ unknown | — | none |");
    expect(r.stdout).toContain("### Findings by severity");
    expect(r.stdout).toContain("| `owasp-agentic/ASI03` | Identity and Privilege Abuse | 4 |");
    expect(r.stdout).toContain("No lock file: run `mcplint lock`");
    expect(r.stdout).not.toContain(SECRET);
  });

  it("scan and inventory list the problems reading the set-up (a broken lock, a config that does not parse), not the notes", async () => {
    const dir = tempTree({
      ".git/HEAD": "",
      ".mcp.json": JSON.stringify({ mcpServers: { wiki: { command: "npx", args: ["-y", "acme-wiki-mcp@1.0.0"] } } }),
      ".cursor/mcp.json": `{ "mcpServers": { "notes": { "command": "npx", `,
      "mcplint.lock.json": "{ broken",
    });
    for (const command of ["scan", "inventory"]) {
      const out = (await cli([command, "--format", "markdown"], dir)).stdout;
      expect(out).toContain("### Problems reading the set-up");
      expect(out).toContain("- **error** mcplint.lock.json: invalid JSON:");
      // One line for the broken file, though it has several syntax errors.
      expect(out.match(/- \*\*warning\*\* \.cursor\/mcp\.json:\d+:\d+: JSON syntax error/g)).toHaveLength(1);
    }
    const clean = tempTree({ ".mcp.json": JSON.stringify({ mcpServers: { wiki: { command: "npx", args: ["-y", "acme-wiki-mcp@1.0.0"] } } }) });
    expect((await cli(["scan", "--format", "markdown"], clean)).stdout).not.toContain("Problems reading");
  });

  it("the problems section is escaped, bounded and leaves out notes", async () => {
    const result = await scan({ paths: ["."], cwd: REPO });
    const diagnostics = [
      { level: "note" as const, code: "binary" as const, message: "logo.png: binary file skipped", file: "logo.png" },
      ...Array.from({ length: 14 }, (_, i) => ({ level: "warning" as const, code: "unreadable" as const, message: `<img src=x>|${i}|@acme/team`, file: `f${i}.json` })),
    ];
    const out = toMarkdown({ model: result.model, findings: result.findings, rules: result.rules, diagnostics });
    expect(out).not.toContain("logo.png");
    expect(out).not.toContain("<img");
    expect(out).toContain("- **warning** &lt;img src=x&gt;\\|0\\|@&#8203;acme/team");
    expect(out.match(/- \*\*warning\*\* &lt;img/g)).toHaveLength(10);
    expect(out).toContain("- … and 4 more (see the JSON or SARIF report)");
  });

  it("inventory: approval records next to approved servers, credentials by reference", async () => {
    const result = await scan({ paths: ["."], cwd: REPO });
    const out = toMarkdown({ model: result.model, findings: result.findings, rules: result.rules, kind: "inventory", options: { approved: [{ url: "https://mcp.acme.example/*", approvedBy: "sec-team", approvedAt: "2026-01-05", reference: "SEC-42", expires: "2026-12-31" }], today: "2026-06-01" } });
    expect(out).toMatch(/\| wiki \| vscode \| .* \| approved by sec-team on 2026-01-05 \(SEC-42\) expires 2026-12-31 \| none \|/);
    expect(out).toContain("| acme-billing | claude-code | ACME\\_API\\_KEY | env | literal q7Vx…\\[REDACTED\\] |");
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain("### Findings by severity");
  });

  it("lists what changed since the lock", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-gov-"));
    fs.cpSync(REPO, dir, { recursive: true });
    expect((await cli(["lock", "."], dir)).exitCode).toBe(0);
    const clean = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], dir);
    expect(clean.stdout).toContain("No change since `mcplint.lock.json`.");
    const mcp = path.join(dir, ".mcp.json");
    fs.writeFileSync(mcp, fs.readFileSync(mcp, "utf8").replace("@acme/issues-mcp@1.0.0", "@acme/issues-mcp@1.4.0"));
    const drifted = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], dir);
    expect(drifted.stdout).toMatch(/### Changes since the lock\n\n- `\.mcp\.json:9:\d+` .*issues.*1\.0\.0.*1\.4\.0/);
  });

  it("lists a locked server removed from a scanned file, and none of a file that did not parse or was not scanned", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-gov-"));
    fs.cpSync(REPO, dir, { recursive: true });
    expect((await cli(["lock", "."], dir)).exitCode).toBe(0);
    const mcp = path.join(dir, ".mcp.json");
    const original = fs.readFileSync(mcp, "utf8");
    const config = JSON.parse(original) as { mcpServers: Record<string, unknown> };
    delete config.mcpServers["repos"];
    fs.writeFileSync(mcp, JSON.stringify(config, null, 2));
    const removed = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], dir);
    expect(removed.stdout).toContain("### Changes since the lock\n\n- `.mcp.json:1:1` Server 'repos' (claude-code) is in the lock file but no longer configured in .mcp.json.\n");
    const json = JSON.parse((await cli(["scan", ".", "--format", "json", "--fail-on", "none"], dir)).stdout) as { findings: { ruleId: string; level: string }[] };
    expect(json.findings.filter((f) => f.ruleId === "config-drift").map((f) => f.level)).toEqual(["note"]);
    // Only some files scanned (pre-commit passes the changed ones): the others' servers are not gone.
    const some = await cli(["scan", ".vscode/mcp.json", "--format", "json", "--fail-on", "none"], dir);
    expect(some.stdout).not.toContain("config-drift");
    // A file that does not parse lost no server either.
    fs.writeFileSync(mcp, original.replace(/\}\s*$/, ""));
    const broken = await cli(["scan", ".", "--format", "json", "--fail-on", "none"], dir);
    expect(broken.stdout).toContain("parse-error");
    expect(broken.stdout).not.toContain("config-drift");
  });

  it("lists the locked servers of a deleted file (at the top of the lock), unless the scan would not have read that file", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-gov-"));
    fs.cpSync(REPO, dir, { recursive: true });
    expect((await cli(["lock", "."], dir)).exitCode).toBe(0);
    const locked = (JSON.parse(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8")) as { servers: { file: string; name: string }[] }).servers.filter((e) => e.file === ".vscode/mcp.json");
    expect(locked.length).toBeGreaterThan(0);
    fs.rmSync(path.join(dir, ".vscode"), { recursive: true });
    type Json = { findings: { ruleId: string; level: string; message: string; location: { file: string; line: number } }[] };
    const drift = async (argv: string[]) => (JSON.parse((await cli([...argv, "--format", "json", "--fail-on", "none"], dir)).stdout) as Json).findings.filter((f) => f.ruleId === "config-drift");
    const gone = await drift(["scan", "."]);
    expect(gone.map((f) => f.message).sort()).toEqual(locked.map((e) => `Server '${e.name}' (vscode) is in the lock file but its file .vscode/mcp.json was deleted.`).sort());
    expect(gone.every((f) => f.level === "note" && f.location.file === "mcplint.lock.json" && f.location.line === 1)).toBe(true);
    const markdown = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], dir);
    expect(markdown.stdout).toContain("- `mcplint.lock.json:1:1` Server '");
    // Not read anyway: excluded, or outside the files and folders scanned.
    expect(await drift(["scan", ".", "--exclude", ".vscode"])).toEqual([]);
    expect(await drift(["scan", ".mcp.json"])).toEqual([]);
  });

  it("does not claim 'no change since the lock' when drift was not checked, and names the lock it read", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-gov-"));
    fs.cpSync(REPO, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, ".mcplint.yaml"), "lock: locks/mcp.lock.json\n");
    expect((await cli(["lock", ".", "-o", "locks/mcp.lock.json"], dir)).exitCode).toBe(0);
    const clean = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], dir);
    expect(clean.stdout).toContain("No change since `locks/mcp.lock.json`.");
    const mcp = path.join(dir, ".mcp.json");
    fs.writeFileSync(mcp, fs.readFileSync(mcp, "utf8").replace("@acme/issues-mcp@1.0.0", "@acme/issues-mcp@1.4.0"));
    fs.appendFileSync(path.join(dir, ".mcplint.yaml"), "rules:\n  config-drift: \"off\"\n");
    const off = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], dir);
    expect(off.stdout).not.toContain("No change since");
    expect(off.stdout).toContain("Drift not checked: the `config-drift` rule is off");
    const html = await cli(["scan", ".", "--format", "html", "--fail-on", "none"], dir);
    expect(html.stdout).not.toContain("No change since");
    expect(html.stdout).toContain("Drift not checked: the config-drift rule is off");
  });

  it("does not tell the user to run `mcplint lock` when drift checks are off or the lock cannot be read", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-gov-"));
    fs.cpSync(REPO, dir, { recursive: true });
    fs.writeFileSync(path.join(dir, ".mcplint.yaml"), "lock: false\n");
    for (const format of ["markdown", "html"]) {
      const off = await cli(["scan", ".", "--format", format, "--fail-on", "none"], dir);
      expect(off.stdout).not.toContain("mcplint lock");
      expect(off.stdout).toContain("Drift not checked: drift checks are turned off (lock: false)");
    }
    fs.rmSync(path.join(dir, ".mcplint.yaml"));
    // A lock left with merge-conflict markers: there is a lock, it is not read.
    fs.writeFileSync(path.join(dir, "mcplint.lock.json"), "<<<<<<< HEAD\n{}\n");
    const broken = await cli(["scan", ".", "--format", "markdown", "--fail-on", "none"], dir);
    expect(broken.stdout).not.toContain("run `mcplint lock`");
    expect(broken.stdout).toContain("Drift not checked: `mcplint.lock.json` could not be read as an mcplint lock file");
  });

  it("says how many findings were suppressed, as the text report does", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-gov-"));
    fs.cpSync(REPO, dir, { recursive: true });
    expect((await cli(["scan", ".", "--write-baseline", "baseline.json"], dir)).exitCode).toBe(0);
    const text = await cli(["scan", ".", "--baseline", "baseline.json"], dir);
    expect(text.stdout).toContain("(5 suppressed)");
    const md = await cli(["scan", ".", "--baseline", "baseline.json", "--format", "markdown"], dir);
    expect(md.stdout).toMatch(/, 0 findings \(none\) in \d+ files; 5 suppressed\./);
    const html = await cli(["scan", ".", "--baseline", "baseline.json", "--format", "html"], dir);
    expect(html.stdout).toContain(" · 5 suppressed · ");
  });

  it("counts a gateway's findings (fails open, no audit trail) on the rows of the servers it governs", async () => {
    const result = await scan({ paths: ["."], cwd: path.join(FIXTURES, "gateways", "agentgateway", "simple") });
    const policyFindings = result.findings.filter((f) => f.ruleId === "missing-default-deny" || f.ruleId === "gateway-audit-off");
    expect(policyFindings.map((f) => f.ruleId).sort()).toEqual(["gateway-audit-off", "missing-default-deny"]);
    const out = toMarkdown({ model: result.model, findings: result.findings, rules: result.rules });
    expect(out).toMatch(/\| filesystem \| agentgateway \| .* \| 1 error, 3 warnings \|/);
    expect(out).toMatch(/\| acme-search \| agentgateway \| .* \| 1 error, 1 warning, 1 note \|/);
    // The HTML filter shows them for each of the two servers.
    const html = toHtml({ model: result.model, findings: result.findings, rules: result.rules });
    expect(html).toMatch(/<li class="finding error" data-servers="\[&quot;filesystem \(agentgateway\)&quot;,&quot;acme-search \(agentgateway\)&quot;\]">.*missing-default-deny/);
  });

  it("fits a pull-request comment (65,536 characters) however many servers there are, and says what it left out", () => {
    const servers: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) servers[`acme-service-${i}`] = { command: "npx", args: ["-y", `@acme/service-${i}-mcp`], env: { ACME_TOKEN: "${ACME_TOKEN_" + i + "}" } };
    const r = scanSources([{ path: ".mcp.json", text: JSON.stringify({ mcpServers: servers }, null, 2) }]);
    expect(r.model.servers).toHaveLength(200);
    for (const kind of ["scan", "inventory"] as const) {
      const out = toMarkdown({ model: r.model, findings: r.findings, rules: r.rules, kind });
      expect(out.length).toBeLessThanOrEqual(65_536);
      expect(out).toMatch(/^200 MCP servers, /m);
      expect(out).toMatch(/… and the evidence of \d+ more servers \(see the HTML or JSON report\)\./);
      expect(out).toContain("### Changes since the lock");
      if (kind === "scan") expect(out).toContain("### Findings by framework");
      // The verdict table keeps its first rows and says how many it left out.
      expect(out).toContain("| acme-service-0 | claude-code |");
      const shown = out.match(/^\| acme-service-\d+ \| claude-code \| \S+ own credential \|/gmu)?.length ?? 0;
      const more = Number(/\| … and (\d+) more servers/.exec(out)?.[1] ?? 0);
      expect(shown + more).toBe(200);
    }
  });

  it("escapes table breakers and HTML", () => {
    expect(md("a|b <script>")).toBe("a\\|b &lt;script&gt;");
    expect(code("x`|y")).toBe("`x'\\|y`");
  });

  it("mentions no one: an @ that could start a GitHub mention gets a zero-width space, e-mail addresses and code spans stay", () => {
    expect(md("runs @modelcontextprotocol/server-github (@acme)")).toBe("runs @&#8203;modelcontextprotocol/server-github (@&#8203;acme)");
    expect(md("ops@acme.example")).toBe("ops@acme.example");
    expect(code("@acme/notes-mcp")).toBe("`@acme/notes-mcp`");
    const r = scanSources([{ path: ".mcp.json", text: `{ "mcpServers": { "gh": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] } } }\n` }]);
    const out = toMarkdown({ model: r.model, findings: r.findings, rules: r.rules });
    expect(out).toContain("modelcontextprotocol/server-github");
    expect(out.replace(/`[^`]*`/g, "")).not.toMatch(/(^|[^\w`])@[A-Za-z0-9]/m);
  });
});

describe("html report", () => {
  it("is one self-contained file with every server, no secret and no external resource", async () => {
    const result = await scan({ paths: ["."], cwd: REPO });
    const html = toHtml({ model: result.model, findings: result.findings, rules: result.rules });
    for (const n of NAMES) expect(html).toContain(`>${n}<`);
    expect(html).not.toContain(SECRET);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<li class="finding warning" data-server="acme-billing (claude-code)">');
  });

  it("escapes text from scanned files", async () => {
    const { scanSources } = await import("../../src/api.js");
    const r = scanSources([{ path: ".mcp.json", text: `{ "mcpServers": { "<img onerror=x>": { "command": "acme" } } }\n` }]);
    const html = toHtml({ model: r.model, findings: r.findings, rules: r.rules });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img onerror=x&gt;");
  });

  it("is a --format of scan and inventory", async () => {
    const s = await cli(["scan", ".", "--format", "html", "--fail-on", "none"], REPO);
    expect(s.stdout.startsWith("<!doctype html>")).toBe(true);
    const i = await cli(["inventory", ".", "--format", "html"], REPO);
    expect(i.stdout.startsWith("<!doctype html>")).toBe(true);
  });
});

describe("servers that share a name and a client", () => {
  // The same `github` entry in the repository's .mcp.json and in a package's: each row counts its own findings.
  const sources = () => {
    const token = fakeGitHubToken("ghp", "governance-dup");
    const entry = (value: string) => JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.2.3"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: value } } } }, null, 2) + "\n";
    return [
      { path: ".mcp.json", text: entry(token) },
      { path: "packages/agent/.mcp.json", text: entry("${GITHUB_TOKEN}") },
    ];
  };

  it("markdown: each row counts the findings of its own file and names it", async () => {
    const { scanSources } = await import("../../src/api.js");
    const r = scanSources(sources());
    const out = toMarkdown({ model: r.model, findings: r.findings, rules: r.rules });
    expect(out).toMatch(/\| github `\.mcp\.json:3` \| claude-code \| 🔴 literal secret \| .* \| 1 error, 1 warning \|/);
    expect(out).toMatch(/\| github `packages\/agent\/\.mcp\.json:3` \| claude-code \| 🟢 own credential \| .* \| none \|/);
  });

  it("html: the findings filter of one row does not show the other's findings", async () => {
    const { scanSources } = await import("../../src/api.js");
    const r = scanSources(sources());
    const html = toHtml({ model: r.model, findings: r.findings, rules: r.rules });
    expect(html).toContain('<tr data-server="github (claude-code, .mcp.json:3)"');
    expect(html).toContain('<tr data-server="github (claude-code, packages/agent/.mcp.json:3)"');
    const rows = html.split("<tr data-server=").slice(1);
    expect(rows[0]).toMatch(/^"github \(claude-code, \.mcp\.json:3\)"[^]*<td>1 error, 1 warning<\/td><\/tr>/);
    expect(rows[1]).toMatch(/^"github \(claude-code, packages\/agent\/\.mcp\.json:3\)"[^]*<td>none<\/td><\/tr>/);
    expect(html.match(/<li class="finding [a-z]+" data-server="github \(claude-code, \.mcp\.json:3\)">/g)?.length).toBe(2);
    expect(html).not.toContain('data-server="github (claude-code)"');
  });
});
