/**
 * The configuration file: discovery, the generated schema, validation errors
 * that name the key and the line, and what each key does to a scan.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { findConfigFile, parseConfig } from "../../src/config/load.js";
import { rebaseGlob } from "../../src/config/rebase.js";
import { renderConfigSchema } from "../../src/config/schema.js";
import { ruleAndCategoryIds } from "../../src/rules/index.js";
import { fakeAnthropicKey } from "../../src/rules/fake-secrets.js";
import { cli, REPO_ROOT, tempTree } from "../helpers.js";

const known = { knownRules: ruleAndCategoryIds() };
// A key with no lifetime facts, so that only hardcoded-secret reports it.
const token = fakeAnthropicKey("config-test");
const leaky = JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.2.3"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2) + "\n";

describe("configuration schema", () => {
  it("schemas/mcplint.schema.json is generated from src/config/schema.ts (run npm run gen:config-schema)", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, "schemas/mcplint.schema.json"), "utf8")).toBe(renderConfigSchema());
  });
});

describe("configuration discovery", () => {
  it("walks up from the scanned path and stops at the folder holding .git", () => {
    const dir = tempTree({ "repo/.git/HEAD": "ref: refs/heads/main\n", "repo/.mcplint.yml": "rules: {}\n", "repo/a/b/.keep": "", ".mcplint.yaml": "rules: {}\n" });
    expect(findConfigFile(path.join(dir, "repo/a/b"))).toBe(path.join(dir, "repo/.mcplint.yml"));
    fs.rmSync(path.join(dir, "repo/.mcplint.yml"));
    expect(findConfigFile(path.join(dir, "repo/a/b"))).toBeUndefined();
    expect(findConfigFile(path.join(dir, "repo/a/b/.keep"))).toBeUndefined();
  });

  it("prefers .mcplint.yaml, then .yml, then .json in one folder", () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcplint.json": "{}", ".mcplint.yaml": "{}\n" });
    expect(findConfigFile(dir)).toBe(path.join(dir, ".mcplint.yaml"));
  });
});

describe("configuration validation", () => {
  it("accepts every documented key", async () => {
    const r = await parseConfig(
      ".mcplint.yaml",
      `rules:
  hardcoded-secret: error
  broad-scope: off
exclude: ["vendor/**"]
secrets:
  patterns:
    - { id: acme-key, title: ACME API key, regex: "acme_[a-z0-9]{32}", keywords: [acme_] }
  allow: ["test-value-123", "/^ghp_0+$/"]
suppressions:
  - { path: .mcp.json, rule: hardcoded-secret, reason: revoked demo token, expires: 2999-01-31 }
`,
      known,
    );
    expect(r.ok).toBe(true);
  });

  it.each([
    ["unknown top-level key", "rulez:\n  a: off\n", "rulez", 1, "unknown key 'rulez'"],
    ["bad level", "rules:\n  hardcoded-secret: loud\n", "rules.hardcoded-secret", 2, 'must be one of "off", "error", "warning", "note"'],
    ["unknown rule", "exclude: []\nrules:\n  hardcoded-secrets: off\n", "rules.hardcoded-secrets", 3, "unknown rule or category 'hardcoded-secrets'"],
    ["missing reason", "suppressions:\n  - path: .mcp.json\n    rule: hardcoded-secret\n", "suppressions[0]", 2, "missing required key 'reason'"],
    ["bad date", "suppressions:\n  - { path: a, rule: parse-error, reason: r, expires: 2025-02-30 }\n", "suppressions[0].expires", 2, "'2025-02-30' is not a date"],
    ["bad regex", "secrets:\n  patterns:\n    - id: x\n      title: X\n      regex: \"([a-z\"\n", "secrets.patterns[0].regex", 5, "invalid regular expression"],
    ["regex whose run time cannot be bounded (a lookahead)", "secrets:\n  patterns:\n    - id: x\n      title: X\n      regex: \"(a+)+(?=b)\"\n", "secrets.patterns[0].regex", 5, "regular expression not accepted: V8's linear-time engine (Node.js " + process.versions.node + ") does not run lookarounds ((?=, (?!, (?<=, (?<!), and without it a pattern that backtracks catastrophically could stall the scan"],
    ["allow regex whose run time cannot be bounded (a back-reference)", "secrets:\n  allow:\n    - \"/^(\\\\w)\\\\1/i\"\n", "secrets.allow[0]", 3, "does not run back-references (\\1, \\k<name>)"],
    ["unknown nested key", "secrets:\n  allow: []\n  alow: []\n", "secrets.alow", 3, "unknown key 'alow'"],
    ["bad version range", "approved:\n  - package: \"@modelcontextprotocol/server-github\"\n    version: \">=2 <<3 garbage\"\n", "approved[0].version", 3, "is neither a version nor a semver range"],
    ["package with its version", "approved:\n  - package: \"@modelcontextprotocol/server-github@2025.4.8\"\n", "approved[0].package", 2, "carries a version"],
    ["PyPI package with its version", "approved:\n  - { package: mcp-server-fetch==2025.1.17 }\n", "approved[0].package", 2, "carries a version"],
    ["image with its tag", "approved:\n  - image: ghcr.io/github/github-mcp-server:0.5.0\n", "approved[0].image", 2, "carries a tag or digest"],
    ["image with its digest", `approved:\n  - image: mcp/fetch@sha256:${"a".repeat(64)}\n`, "approved[0].image", 2, "carries a tag or digest"],
    ["URL with no scheme", "approved:\n  - url: api.githubcopilot.com/mcp/\n", "approved[0].url", 2, "has no scheme"],
    // picomatch backtracks as a name's length to the power of the runs of * (83 s for 5 runs on 250 characters).
    ["exclude glob of many stars in one segment", "exclude:\n  - vendor/**\n  - \"src/*a*a*a*a*b\"\n", "exclude[1]", 3, "'src/*a*a*a*a*b' has 5 runs of * in one path segment: matching it against a long file name takes minutes; use at most 3"],
    ["suppression path of many stars in one segment", "suppressions:\n  - { path: \"*-*-*-*.json\", rule: parse-error, reason: r }\n", "suppressions[0].path", 2, "has 4 runs of *"],
  ])("%s: names the key and the line", async (_name, text, key, line, message) => {
    const r = await parseConfig(".mcplint.yaml", text, known);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ key, line });
    expect(r.problems[0]?.message).toContain(message);
  });

  it("globs of up to 3 runs of * per segment, and ** segments, are taken; --exclude refuses more with exit 2", async () => {
    expect((await parseConfig(".mcplint.yaml", 'exclude:\n  - "**/*a*b*/**/*.json"\nsuppressions:\n  - { path: "**/*-*-*", rule: parse-error, reason: r }\n', known)).ok).toBe(true);
    const dir = tempTree({ ".mcp.json": "{}\n" });
    const r = await cli(["scan", "--exclude", "*a*a*a*a*a*a*a*a*a*a*a*b"], dir);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 2, stdout: "", stderr: "mcplint: --exclude: '*a*a*a*a*a*a*a*a*a*a*a*b' has 12 runs of * in one path segment: matching it against a long file name takes minutes; use at most 3\n" });
  });

  it("a rule key that is no rule id is one problem at its own line (not also a pattern error at the top of rules:)", async () => {
    const r = await parseConfig(".mcplint.yaml", "# levels\nrules:\n  Hardcoded-Secret: off\n", known);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ key: "rules.Hardcoded-Secret", line: 3, column: 3, message: "is not a rule id or category (lower-case words joined by '-')" }]);
  });

  it("a secrets.allow entry that does not compile is reported without echoing it (it is a secret value)", async () => {
    const r = await parseConfig(".mcplint.yaml", `secrets:\n  allow:\n    - "/^${token}[/"\n`, known);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ key: "secrets.allow[0]", line: 3, message: "invalid regular expression: Unterminated character class" });
    expect(JSON.stringify(r.problems)).not.toContain(token.slice(0, 24));
    const p = await parseConfig(".mcplint.yaml", `secrets:\n  patterns:\n    - { id: x, title: X, regex: "${token}(" }\n`, known);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems[0]?.message).toBe("invalid regular expression: Unterminated group");
  });

  it("approved entries as the documentation writes them are accepted (scoped package, registry with a port, URL with *)", async () => {
    const r = await parseConfig(
      ".mcplint.yaml",
      `approved:\n  - { package: "@modelcontextprotocol/server-github", version: ^2.0.0 }\n  - { package: mcp-server-fetch }\n  - { image: localhost:5000/acme/notes-mcp, version: "1.2" }\n  - { image: ghcr.io/acme/notes-mcp, digest: "sha256:${"0".repeat(64)}" }\n  - { url: "https://mcp.acme.example/*" }\n`,
      known,
    );
    expect(r.ok ? [] : r.problems).toEqual([]);
  });

  it.each(["1.4.0", "^1.4.0", ">=2 <3", "2.0.0rc1", "1!2.0", "v0.5.0", "~0.3", "*"])("an approved package's version %s is accepted", async (version) => {
    const r = await parseConfig(".mcplint.yaml", `approved:\n  - { package: acme-notes, version: "${version}" }\n  - { image: acme/notes-mcp, version: latest }\n`, known);
    expect(r.ok).toBe(true);
  });

  it.each([
    [".mcplint.yaml", "rules:\n  hardcoded-secret: off\nexclude: []\nrules:\n  hardcoded-secret: error\n", "rules", 4, 1, "duplicate key 'rules' (first at line 1)"],
    [".mcplint.yaml", "rules:\n  hardcoded-secret: off\n  broad-scope: note\n  hardcoded-secret: error\n", "rules.hardcoded-secret", 4, 3, "duplicate key 'hardcoded-secret' (first at line 2)"],
    [".mcplint.yaml", "suppressions:\n  - path: a\n    rule: parse-error\n    reason: r\n    reason: s\n", "suppressions[0].reason", 5, 5, "duplicate key 'reason' (first at line 4)"],
    [".mcplint.json", '{\n  "rules": { "hardcoded-secret": "off" },\n  "rules": { "hardcoded-secret": "error" }\n}\n', "rules", 3, 3, "duplicate key 'rules' (first at line 2)"],
  ])("%s: a key given twice is an error at the second, naming the first (not the later value winning silently)", async (file, text, key, line, column, message) => {
    const r = await parseConfig(file, text, known);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ key, line, column });
    expect(r.problems[0]?.message).toContain(message);
  });

  it("reports a JSON syntax error with its line", async () => {
    const r = await parseConfig(".mcplint.json", '{\n  "rules": {\n    "parse-error": "off",,\n  }\n}\n', known);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.line).toBe(3);
  });
});

describe("configuration in a scan", () => {
  it("a bad configuration is exit 2 with file:line: key: message", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcplint.yaml": "exclude: []\nrules:\n  hardcoded-secret: loud\n", ".mcp.json": leaky });
    const r = await cli(["scan"], dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(".mcplint.yaml:3:3: rules.hardcoded-secret: must be one of");
  });

  it("a rule level written as ESLint writes it (warn, 0, 1, 2), false, or mistyped, and an unknown key (a typo, ESLint's ignorePatterns) name the level or key meant; one near none gets no guess", async () => {
    const yaml = "rules:\n  hardcoded-secret: warn\n  long-lived-token: 2\n  shared-secret: false\n  tool-auto-approval: eror\n  plain-http-remote: loud\n  unpinned-package: 0\n";
    const dir = tempTree({ ".git/HEAD": "", ".mcplint.yaml": yaml, ".mcp.json": leaky });
    const levels = 'must be one of "off", "error", "warning", "note"';
    const r = await cli(["scan"], dir);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({
      exitCode: 2,
      stdout: "",
      stderr: [
        "mcplint: invalid configuration file",
        `.mcplint.yaml:2:3: rules.hardcoded-secret: ${levels}; did you mean "warning"?`,
        `.mcplint.yaml:3:3: rules.long-lived-token: ${levels}; did you mean "error"?`,
        `.mcplint.yaml:4:3: rules.shared-secret: ${levels}; did you mean "off"?`,
        `.mcplint.yaml:5:3: rules.tool-auto-approval: ${levels}; did you mean "error"?`,
        `.mcplint.yaml:6:3: rules.plain-http-remote: ${levels}`,
        `.mcplint.yaml:7:3: rules.unpinned-package: ${levels}; did you mean "off"?`,
        "",
      ].join("\n"),
    });
    // An unknown key names the key meant: a typo, or at the top ESLint's ignorePatterns / gitleaks' allowlist.
    fs.writeFileSync(path.join(dir, ".mcplint.yaml"), "exclud:\n  - x\nignorePatterns: [y]\nrule:\n  hardcoded-secret: off\nsecrets:\n  alow: [x]\nfoo: 1\n");
    expect((await cli(["scan"], dir)).stderr).toBe(
      [
        "mcplint: invalid configuration file",
        ".mcplint.yaml:1:1: exclud: unknown key 'exclud'; did you mean 'exclude'?",
        ".mcplint.yaml:3:1: ignorePatterns: unknown key 'ignorePatterns'; did you mean 'exclude'?",
        ".mcplint.yaml:4:1: rule: unknown key 'rule'; did you mean 'rules'?",
        ".mcplint.yaml:8:1: foo: unknown key 'foo'",
        ".mcplint.yaml:7:3: secrets.alow: unknown key 'alow'; did you mean 'allow'?",
        "",
      ].join("\n"),
    );
    // The same in a JSON configuration.
    fs.rmSync(path.join(dir, ".mcplint.yaml"));
    fs.writeFileSync(path.join(dir, ".mcplint.json"), '{ "rules": { "hardcoded-secret": "warn" } }\n');
    expect((await cli(["scan"], dir)).stderr).toBe(`mcplint: invalid configuration file\n.mcplint.json:1:14: rules.hardcoded-secret: ${levels}; did you mean "warning"?\n`);
  });

  it("rules: sets levels and turns rules off; --no-config ignores the file", async () => {
    const dir = tempTree({ ".git/HEAD": "", ".mcplint.yaml": "rules:\n  hardcoded-secret: off\n", ".mcp.json": leaky });
    const off = await cli(["scan", "--format", "json"], dir);
    expect(JSON.parse(off.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain("hardcoded-secret");
    expect(off.exitCode).toBe(0);
    fs.writeFileSync(path.join(dir, ".mcplint.yaml"), "rules:\n  hardcoded-secret: note\n");
    const note = JSON.parse((await cli(["scan", "--format", "json"], dir)).stdout);
    expect(note.findings.find((f: { ruleId: string }) => f.ruleId === "hardcoded-secret").level).toBe("note");
    expect((await cli(["scan", "--no-config"], dir)).exitCode).toBe(1);
  });

  it.each([
    [".mcplint.yaml", "rules:\r\n  hardcoded-secret: off\r\n"],
    [".mcplint.json", '{\r\n  "rules": { "hardcoded-secret": "off" }\r\n}\r\n'],
  ])("%s saved as UTF-16 with a BOM (Windows PowerShell's > and Out-File) is read, as scanned files are", async (name, text) => {
    const dir = tempTree({ ".git/HEAD": "", ".mcp.json": leaky });
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    fs.writeFileSync(path.join(dir, name), le);
    const r = await cli(["scan", "--format", "json"], dir);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain("hardcoded-secret");
    const be = Buffer.from(le.subarray(2)).swap16();
    fs.writeFileSync(path.join(dir, name), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect((await cli(["scan"], dir)).exitCode).toBe(0);
    fs.writeFileSync(path.join(dir, name), Buffer.from([0x00, 0x01, 0x02, 0x00]));
    const binary = await cli(["scan"], dir);
    expect(binary.exitCode).toBe(2);
    expect(binary.stderr).toContain(`${name}:1:1: not a text file`);
  });

  it("paths in a found configuration (exclude, suppressions) are relative to its folder, from whichever folder the scan runs", async () => {
    const config = [
      "exclude:",
      '  - "vendor/**"',
      '  - "packages/*/fixtures/**"',
      "suppressions:",
      "  - path: packages/agent/.cursor/mcp.json",
      "    rule: hardcoded-secret",
      "    reason: revoked demo token",
      "  - path: .mcp.json",
      "    rule: hardcoded-secret",
      "    reason: revoked demo token",
      "",
    ].join("\n");
    const parent = tempTree({
      "repo/.git/HEAD": "",
      "repo/.mcplint.yaml": config,
      "repo/.mcp.json": leaky,
      "repo/packages/agent/.cursor/mcp.json": leaky,
      "repo/packages/agent/fixtures/.mcp.json": leaky,
      "repo/vendor/lib/.mcp.json": leaky,
    });
    const repo = path.join(parent, "repo");
    const secrets = async (args: string[], cwd: string) =>
      JSON.parse((await cli(["scan", "--format", "json", ...args], cwd)).stdout)
        .findings.filter((f: { ruleId: string; suppression?: unknown }) => f.ruleId === "hardcoded-secret" && !f.suppression)
        .map((f: { location: { file: string } }) => f.location.file);
    // The repository's root: everything is excluded or suppressed.
    expect(await secrets([], repo)).toEqual([]);
    // From a package folder, and from the folder above the repository (a CI checkout in a sub-folder).
    expect(await secrets([], path.join(repo, "packages", "agent"))).toEqual([]);
    expect(await secrets(["repo"], parent)).toEqual([]);
    // Without the configuration all four are reported.
    expect(await secrets(["repo", "--no-config"], parent)).toHaveLength(4);
  });

  it("an exclude glob with a leading / is anchored at the configuration's folder, as in a .gitignore file, from whichever folder the scan runs", async () => {
    const parent = tempTree({
      "repo/.git/HEAD": "",
      "repo/.mcplint.yaml": 'exclude:\n  - "/vendor"\n  - "/packages/agent/dist/**"\n',
      "repo/vendor/.mcp.json": leaky,
      "repo/packages/agent/dist/.mcp.json": leaky,
      "repo/packages/agent/vendor/.mcp.json": leaky,
    });
    const repo = path.join(parent, "repo");
    const secrets = async (args: string[], cwd: string) =>
      JSON.parse((await cli(["scan", "--format", "json", ...args], cwd)).stdout)
        .findings.filter((f: { ruleId: string }) => f.ruleId === "hardcoded-secret")
        .map((f: { location: { file: string } }) => f.location.file);
    // Only the top folder's vendor is excluded: packages/agent/vendor is reported.
    expect(await secrets([], repo)).toEqual(["packages/agent/vendor/.mcp.json"]);
    expect(await secrets([], path.join(repo, "packages", "agent"))).toEqual(["vendor/.mcp.json"]);
    expect(await secrets(["repo"], parent)).toEqual(["repo/packages/agent/vendor/.mcp.json"]);
    // On the command line, anchored at the scan root.
    expect(await secrets(["--no-config", "--exclude", "/vendor", "--exclude", "/packages/agent/dist"], repo)).toEqual(["packages/agent/vendor/.mcp.json"]);
  });

  it("a suppression path with a leading / is the path from the configuration's folder, as an exclude glob is", async () => {
    const parent = tempTree({
      "repo/.git/HEAD": "",
      "repo/.mcplint.yaml": "suppressions:\n  - path: /packages/agent/.cursor/mcp.json\n    rule: hardcoded-secret\n    reason: revoked demo token\n",
      "repo/packages/agent/.cursor/mcp.json": leaky,
      "repo/.cursor/mcp.json": leaky,
    });
    const repo = path.join(parent, "repo");
    const open = async (args: string[], cwd: string) =>
      JSON.parse((await cli(["scan", "--format", "json", ...args], cwd)).stdout)
        .findings.filter((f: { ruleId: string; suppression?: unknown }) => f.ruleId === "hardcoded-secret" && !f.suppression)
        .map((f: { location: { file: string } }) => f.location.file);
    expect(await open([], repo)).toEqual([".cursor/mcp.json"]);
    expect(await open(["repo"], parent)).toEqual(["repo/.cursor/mcp.json"]);
    expect(await open([], path.join(repo, "packages", "agent"))).toEqual([]);
  });

  it("rebaseGlob: a glob of the configuration's folder, relative to a scan root below or above it", () => {
    const exclude = { names: true, subtree: true };
    const file = { names: false, subtree: false };
    // Root above the configuration's folder: prefixed; a name (exclude) is matched anywhere, kept.
    expect(rebaseGlob("vendor/**", "/w/repo", "/w", exclude)).toBe("repo/vendor/**");
    expect(rebaseGlob("./.mcp.json", "/w/repo", "/w", file)).toBe("repo/.mcp.json");
    expect(rebaseGlob("examples", "/w/repo", "/w", exclude)).toBe("examples");
    // Root below it: leading folders matched (wildcards too) and dropped; `**` applies below.
    expect(rebaseGlob("packages/*/fixtures/**", "/w/repo", "/w/repo/packages/agent", exclude)).toBe("fixtures/**");
    expect(rebaseGlob("packages/agent/.cursor/mcp.json", "/w/repo", "/w/repo/packages/agent", file)).toBe(".cursor/mcp.json");
    expect(rebaseGlob("**/testdata/**", "/w/repo", "/w/repo/packages/agent", exclude)).toBe("**/testdata/**");
    expect(rebaseGlob("packages/web/**", "/w/repo", "/w/repo/packages/agent", exclude)).toBeUndefined();
    expect(rebaseGlob(".mcp.json", "/w/repo", "/w/repo/packages/agent", file)).toBeUndefined();
    // A folder holding the root: all of it for exclude, no file for a suppression.
    expect(rebaseGlob("packages/agent", "/w/repo", "/w/repo/packages/agent", exclude)).toBe("**");
    expect(rebaseGlob("packages", "/w/repo", "/w/repo/packages/agent", file)).toBeUndefined();
    expect(rebaseGlob("vendor/**", "/w/repo", "/w/repo", exclude)).toBe("vendor/**");
    // Anchored gitignore-style (exclude): a path from the configuration's folder; one segment left stays anchored.
    expect(rebaseGlob("/vendor", "/w/repo", "/w", exclude)).toBe("repo/vendor");
    expect(rebaseGlob("/dist/**", "/w/repo", "/w/repo", exclude)).toBe("/dist/**");
    expect(rebaseGlob("/packages/agent/vendor", "/w/repo", "/w/repo/packages/agent", exclude)).toBe("/vendor");
    expect(rebaseGlob("packages/agent/vendor", "/w/repo", "/w/repo/packages/agent", exclude)).toBe("/vendor");
    expect(rebaseGlob("/vendor", "/w/repo", "/w/repo/packages/agent", exclude)).toBeUndefined();
    // A suppression's path with a leading slash: the same path from the configuration's folder.
    expect(rebaseGlob("/.mcp.json", "/w/repo", "/w", file)).toBe("repo/.mcp.json");
    expect(rebaseGlob("/packages/agent/.cursor/mcp.json", "/w/repo", "/w/repo/packages/agent", file)).toBe(".cursor/mcp.json");
  });

  it("--config FILE is used wherever it is; a missing one is exit 2", async () => {
    const dir = tempTree({ "conf/mcplint.json": JSON.stringify({ exclude: ["**/.mcp.json"] }), ".mcp.json": leaky });
    expect((await cli(["scan", "--config", "conf/mcplint.json"], dir)).exitCode).toBe(0);
    const missing = await cli(["scan", "--config", "nope.yaml"], dir);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("--config: no such file: nope.yaml");
  });

  it("secrets.allow drops known test values (exact or /regex/); secrets.patterns adds detectors", async () => {
    const exact = tempTree({ ".git/HEAD": "", ".mcplint.json": JSON.stringify({ secrets: { allow: [token] } }), ".mcp.json": leaky });
    expect((await cli(["scan"], exact)).exitCode).toBe(0);
    const regex = tempTree({ ".git/HEAD": "", ".mcplint.json": JSON.stringify({ secrets: { allow: [`/^${token.slice(0, 10)}/`] } }), ".mcp.json": leaky });
    expect((await cli(["scan"], regex)).exitCode).toBe(0);
    // The u flag, where it changes no match (Node 20's linear-time engine takes no u), is no configuration error.
    const unicode = tempTree({ ".git/HEAD": "", ".mcplint.json": JSON.stringify({ secrets: { allow: [`/^${token.slice(0, 10)}[A-Za-z0-9_-]+$/u`] } }), ".mcp.json": leaky });
    const u = await cli(["scan"], unicode);
    expect([u.exitCode, u.stderr]).toEqual([0, ""]);
    // Where u does change what matches (`.` reads a surrogate pair as one character), it still is, at its line.
    const wide = await cli(["scan"], tempTree({ ".git/HEAD": "", ".mcplint.yaml": `secrets:\n  allow:\n    - "/^${token.slice(0, 10)}.+$/u"\n`, ".mcp.json": leaky }));
    expect(wide.exitCode).toBe(2);
    expect(wide.stderr).toContain(".mcplint.yaml:3:7: secrets.allow[0]: regular expression not accepted: V8's linear-time engine (Node.js");
    expect(wide.stderr).toContain("does not run the u flag on this pattern");
    expect(wide.stderr).not.toContain(token.slice(0, 10));
    const custom = "acme_" + "k3y".repeat(8);
    const patterns = tempTree({
      ".git/HEAD": "",
      ".mcplint.yaml": "secrets:\n  patterns:\n    - id: acme\n      title: ACME key\n      regex: 'acme_[a-z0-9]{24}'\n      keywords: [acme_]\n",
      ".cursor/mcp.json": JSON.stringify({ mcpServers: { acme: { command: "acme-mcp", env: { ACME: custom } } } }, null, 2),
    });
    const r = await cli(["scan", "--format", "json"], patterns);
    const f = JSON.parse(r.stdout).findings.find((x: { ruleId: string }) => x.ruleId === "hardcoded-secret");
    expect(f).toMatchObject({ location: { file: ".cursor/mcp.json", line: 6 }, server: { name: "acme" }, secret: { provider: "custom-acme" } });
    expect(r.stdout).not.toContain(custom);
  });
});

describe("docs/ADOPTION.md", () => {
  it("its example configuration is valid", async () => {
    const doc = fs.readFileSync(path.join(REPO_ROOT, "docs/ADOPTION.md"), "utf8");
    const block = /```yaml\n(# \.mcplint\.yaml\n[\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const r = await parseConfig(".mcplint.yaml", block ?? "", known);
    expect(r.ok ? [] : r.problems).toEqual([]);
  });
});
