/**
 * Redaction audit: fake secrets of every kind planted in every format, the
 * CLI run in-process in every output mode (scan text/json/sarif, to stdout
 * and to files, inventory text/json, diagnostics), and no detected secret
 * may appear whole, nor any 12-character piece of it, anywhere in what
 * mcplint prints or writes.
 *
 * Only DETECTED values are audited: an undetected value is, by definition,
 * plain configuration to mcplint (the inventory shows args as they are).
 * Which (kind, place) pairs are detected is measured, not assumed, so the
 * audit widens by itself as detectors land; the pairs not detected yet are
 * listed as `it.todo`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { FAKE_JWT_HEADER, fakeAnthropicKey, fakeAwsAccessKeyId, fakeGitHubToken, fakeGitLabToken, fakeGoogleApiKey, fakeJwt, fakeOpaqueKey, fakeOpenAIProjectKey, fakeSlackBotToken, fakeUuid } from "../../src/rules/fake-secrets.js";
import { secretHash } from "../../src/secrets/index.js";
import { cli, tempTree } from "../helpers.js";

interface Kind {
  readonly id: string;
  readonly make: (seed: string) => string;
  /** Length of the part every token of the kind shares (not secret): windows inside it are not checked. */
  readonly publicPrefix: number;
}

const KINDS: readonly Kind[] = [
  { id: "github-pat", make: (s) => fakeGitHubToken("ghp", s), publicPrefix: 4 },
  { id: "anthropic-api-key", make: fakeAnthropicKey, publicPrefix: "sk-ant-api03-".length },
  { id: "slack-bot-token", make: fakeSlackBotToken, publicPrefix: "xoxb-".length },
  { id: "aws-access-key-id", make: fakeAwsAccessKeyId, publicPrefix: 4 },
  { id: "openai-project-key", make: fakeOpenAIProjectKey, publicPrefix: "sk-proj-".length },
  { id: "google-api-key", make: fakeGoogleApiKey, publicPrefix: 4 },
  { id: "gitlab-pat", make: fakeGitLabToken, publicPrefix: "glpat-".length },
  { id: "jwt", make: fakeJwt, publicPrefix: FAKE_JWT_HEADER.length + 1 + 10 },
  { id: "generic-high-entropy", make: (s) => fakeOpaqueKey(s, 40), publicPrefix: 0 },
  // X's bearer token: 21 "A"s that every token shares (and here an "M" after them), then its secret part with `%3D` in it.
  { id: "x-bearer-token", make: (s) => "A".repeat(21) + "M" + fakeOpaqueKey(`${s}/app`, 3) + "A".repeat(8) + fakeOpaqueKey(`${s}/mid`, 30) + "%3D" + fakeOpaqueKey(`${s}/tail`, 50), publicPrefix: 22 },
  { id: "circleci-token", make: (s) => "CCI" + "PAT_" + fakeOpaqueKey(`${s}/id`, 22) + "_" + fakeUuid(s).replace(/-/g, "").slice(0, 32) + fakeUuid(`${s}/2`).replace(/-/g, "").slice(0, 8), publicPrefix: "CCIPAT_".length },
];

interface Place {
  readonly id: string;
  readonly path: string;
  readonly file: (secret: string) => string | Buffer;
}

const json = (o: unknown) => JSON.stringify(o, null, 2) + "\n";

/** Where secrets are planted: every client format, text files, URLs, flags, and broken files. */
const PLACES: readonly Place[] = [
  { id: "Claude .mcp.json env", path: "claude/.mcp.json", file: (s) => json({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0"], env: { ACME_API_KEY: s } } } }) },
  { id: "Claude Desktop env", path: "desktop/claude_desktop_config.json", file: (s) => json({ mcpServers: { acme: { command: "uvx", args: ["acme-mcp"], env: { ACME_TOKEN: s } } } }) },
  { id: "Cursor headers", path: ".cursor/mcp.json", file: (s) => json({ mcpServers: { acme: { url: "https://mcp.example.com/mcp", headers: { Authorization: `Bearer ${s}` } } } }) },
  { id: "VS Code env and headers (JSONC)", path: ".vscode/mcp.json", file: (s) => `// team servers\n{\n  "servers": {\n    "acme": { "type": "stdio", "command": "node", "args": ["server.js"], "env": { "ACME_API_KEY": "${s}" }, },\n    "web": { "type": "http", "url": "https://mcp.example.com", "headers": { "X-Api-Key": "${s}" } },\n  },\n}\n` },
  { id: "Continue YAML", path: ".continue/config.yaml", file: (s) => `name: audit\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: acme\n    command: npx\n    args: ["-y", "@acme/mcp"]\n    env:\n      ACME_API_KEY: ${s}\n` },
  { id: "Goose YAML", path: "goose/config.yaml", file: (s) => `extensions:\n  acme:\n    name: acme\n    type: stdio\n    cmd: npx\n    args: [-y, "@acme/mcp"]\n    envs:\n      ACME_API_KEY: "${s}"\n    enabled: true\n` },
  { id: "Codex TOML", path: ".codex/config.toml", file: (s) => `[mcp_servers.acme]\ncommand = "npx"\nargs = ["-y", "@acme/mcp", "--token", "${s}"]\nenv = { ACME_API_KEY = "${s}" }\n` },
  { id: ".env text", path: "app/.env", file: (s) => `# app settings\nPORT=8080\nACME_API_KEY=${s}\n` },
  { id: "TypeScript source", path: "src/agent.ts", file: (s) => `import { Client } from "@acme/mcp";\n\nexport const client = new Client({ url: "https://mcp.example.com", apiKey: "${s}" });\n` },
  { id: "URL userinfo", path: "url/.mcp.json", file: (s) => json({ mcpServers: { acme: { type: "http", url: `https://bot:${s}@mcp.example.com/mcp` } } }) },
  { id: "URL path", path: "urlpath/.mcp.json", file: (s) => json({ mcpServers: { acme: { type: "sse", url: `https://mcp.example.com/mcp/${s}/sse` } } }) },
  { id: "URL query", path: "query/.mcp.json", file: (s) => json({ mcpServers: { acme: { type: "sse", url: `https://mcp.example.com/sse?api_key=${s}` } } }) },
  { id: "args --api-key=", path: "args/.mcp.json", file: (s) => json({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp", `--api-key=${s}`] } } }) },
  { id: "docker -e K=V", path: "docker/.mcp.json", file: (s) => json({ mcpServers: { acme: { command: "docker", args: ["run", "-i", "--rm", "-e", `ACME_API_KEY=${s}`, "ghcr.io/acme/mcp:1"] } } }) },
  { id: "image tag and package version", path: "version/.mcp.json", file: (s) => json({ mcpServers: { acme: { command: "docker", args: ["run", "-i", "--rm", `ghcr.io/acme/mcp:${s}`] }, notes: { command: "npx", args: ["-y", `@acme/notes@${s}`] } } }) },
  { id: "broken JSON (parse error)", path: "broken/.mcp.json", file: (s) => `{\n  "mcpServers": {\n    "acme": { "command": "npx", "env": { "ACME_API_KEY": "${s}" } \n  ,,\n` },
  { id: "broken YAML (parse error)", path: "broken/.continue/config.yaml", file: (s) => `mcpServers:\n  - name: acme\n    env: { ACME_API_KEY: ${s}\n  bad: [\n` },
  { id: "broken TOML (parse error)", path: "broken/.codex/config.toml", file: (s) => `[mcp_servers.acme\nenv = { ACME_API_KEY = "${s}" }\n` },
  { id: "invalid UTF-8 .env", path: "latin1/.env", file: (s) => Buffer.concat([Buffer.from("NAME=caf"), Buffer.from([0xe9]), Buffer.from(`\nACME_API_KEY=${s}\n`)]) },
];

interface Planted {
  readonly kind: Kind;
  readonly place: Place;
  readonly secret: string;
  readonly rel: string;
}

const PLANTED: readonly Planted[] = KINDS.flatMap((kind) => PLACES.map((place) => ({ kind, place, secret: kind.make(`audit/${kind.id}/${place.id}`), rel: `${kind.id}/${place.path}` })));

/** Detected means: the scan holds a secret hit with this value's hash in this file. Measured once, in memory. */
function detected(p: Planted): boolean {
  const content = p.place.file(p.secret);
  const text = typeof content === "string" ? content : new TextDecoder().decode(content);
  const r = scanSources([{ path: p.rel, text }]);
  const hash = secretHash(p.secret);
  return r.model.secrets.some((s) => s.hash === hash && s.loc.file === p.rel);
}

const AUDITED = PLANTED.filter(detected);
const NOT_DETECTED = PLANTED.filter((p) => !AUDITED.includes(p));

/** Every 12-character piece of the secret outside its public prefix. */
function pieces(p: Planted): string[] {
  const out: string[] = [];
  for (let i = p.kind.publicPrefix === 0 ? 0 : Math.max(0, p.kind.publicPrefix - 11); i + 12 <= p.secret.length; i++) {
    if (i + 12 > p.kind.publicPrefix) out.push(p.secret.slice(i, i + 12));
  }
  return out;
}

describe("redaction audit", () => {
  const outputs: { mode: string; text: string }[] = [];

  beforeAll(async () => {
    const dir = tempTree({});
    for (const p of PLANTED) {
      const abs = path.join(dir, p.rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, p.place.file(p.secret));
    }
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-audit-out-"));
    const runs: { mode: string; argv: string[]; env?: Record<string, string>; file?: string }[] = [
      { mode: "scan text", argv: ["scan"] },
      { mode: "scan text (colours)", argv: ["scan"], env: { FORCE_COLOR: "1", NO_COLOR: "" } },
      { mode: "scan text --show-suppressed", argv: ["scan", "--show-suppressed"] },
      { mode: "scan json", argv: ["scan", "--format", "json"] },
      { mode: "scan sarif", argv: ["scan", "--format", "sarif"] },
      { mode: "scan text -o", argv: ["scan", "-o", path.join(outDir, "report.txt")], file: path.join(outDir, "report.txt") },
      { mode: "scan json -o", argv: ["scan", "--format", "json", "-o", path.join(outDir, "report.json")], file: path.join(outDir, "report.json") },
      { mode: "scan sarif -o", argv: ["scan", "--format", "sarif", "-o", path.join(outDir, "report.sarif")], file: path.join(outDir, "report.sarif") },
      { mode: "inventory text", argv: ["inventory"] },
      { mode: "inventory json", argv: ["inventory", "--format", "json"] },
      { mode: "inventory json -o", argv: ["inventory", "--format", "json", "-o", path.join(outDir, "inventory.json")], file: path.join(outDir, "inventory.json") },
      { mode: "scan markdown", argv: ["scan", "--format", "markdown"] },
      { mode: "scan html", argv: ["scan", "--format", "html"] },
      { mode: "scan markdown -o", argv: ["scan", "--format", "markdown", "-o", path.join(outDir, "report.md")], file: path.join(outDir, "report.md") },
      { mode: "scan html -o", argv: ["scan", "--format", "html", "-o", path.join(outDir, "report.html")], file: path.join(outDir, "report.html") },
      { mode: "scan --sarif-file", argv: ["scan", "--sarif-file", path.join(outDir, "side.sarif")], file: path.join(outDir, "side.sarif") },
      { mode: "scan --write-baseline", argv: ["scan", "--write-baseline", path.join(outDir, "baseline.json")], file: path.join(outDir, "baseline.json") },
      { mode: "scan --baseline", argv: ["scan", "--baseline", path.join(outDir, "baseline.json"), "--show-suppressed"] },
      {
        mode: "scan text in GitHub Actions",
        argv: ["scan", "--sarif-file", path.join(outDir, "gh.sarif")],
        env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: path.join(outDir, "summary.md"), GITHUB_OUTPUT: path.join(outDir, "gh-output.txt") },
        file: path.join(outDir, "summary.md"),
      },
      { mode: "inventory text -o", argv: ["inventory", "-o", path.join(outDir, "inventory.txt")], file: path.join(outDir, "inventory.txt") },
      { mode: "inventory markdown", argv: ["inventory", "--format", "markdown"] },
      { mode: "inventory html", argv: ["inventory", "--format", "html"] },
      { mode: "inventory markdown -o", argv: ["inventory", "--format", "markdown", "-o", path.join(outDir, "inventory.md")], file: path.join(outDir, "inventory.md") },
      { mode: "inventory html -o", argv: ["inventory", "--format", "html", "-o", path.join(outDir, "inventory.html")], file: path.join(outDir, "inventory.html") },
      { mode: "lock", argv: ["lock", "-o", path.join(outDir, "mcplint.lock.json")], file: path.join(outDir, "mcplint.lock.json") },
    ];
    for (const run of runs) {
      const r = await cli(run.argv, dir, run.env);
      expect(r.stderr, `${run.mode}: no internal error`).not.toMatch(/internal error/);
      outputs.push({ mode: `${run.mode} stdout`, text: r.stdout }, { mode: `${run.mode} stderr`, text: r.stderr });
      if (run.file) outputs.push({ mode: `${run.mode} file`, text: fs.readFileSync(run.file, "utf8") });
    }
    outputs.push({ mode: "scan text in GitHub Actions step outputs", text: fs.readFileSync(path.join(outDir, "gh-output.txt"), "utf8") });
    outputs.push({ mode: "scan text in GitHub Actions --sarif-file", text: fs.readFileSync(path.join(outDir, "gh.sarif"), "utf8") });
  }, 240_000);

  /**
   * Each output that reports findings must show them: a mode that printed
   * nothing (or no secret finding) would pass the leak checks vacuously.
   * Redacted previews end with an ellipsis or a run of stars; every report of
   * findings names the hardcoded-secret rule, the inventories show previews.
   */
  const MUST_SHOW: readonly { mode: string; shows: RegExp }[] = [
    ...["scan text stdout", "scan text (colours) stdout", "scan text --show-suppressed stdout", "scan text -o file", "scan --sarif-file stdout", "scan text in GitHub Actions stdout"].map((mode) => ({ mode, shows: /hardcoded-secret[\s\S]*ghp_\u2026 \(fingerprint [0-9a-f]{16}\)/ })),
    ...["scan json stdout", "scan json -o file", "scan sarif stdout", "scan sarif -o file", "scan --sarif-file file", "scan text in GitHub Actions --sarif-file"].map((mode) => ({ mode, shows: /"hardcoded-secret"[\s\S]*ghp_\u2026 \(fingerprint [0-9a-f]{16}\)/ })),
    // The markdown report lists the first 50 errors (files in order: other kinds come before github-pat/).
    ...["scan markdown stdout", "scan markdown -o file"].map((mode) => ({ mode, shows: /`hardcoded-secret`: [^\n]*\u2026 \(fingerprint [0-9a-f]{16}\)/ })),
    ...["scan html stdout", "scan html -o file", "inventory html stdout", "inventory html -o file"].map((mode) => ({ mode, shows: /hardcoded-secret[\s\S]*ghp(\\)?_\u2026/ })),
    ...["inventory text stdout", "inventory text -o file", "inventory json stdout", "inventory json -o file"].map((mode) => ({ mode, shows: /ghp_\u2026/ })),
    ...["inventory markdown stdout", "inventory markdown -o file"].map((mode) => ({ mode, shows: /literal ghp\\_\u2026/ })),
    { mode: "scan --write-baseline file", shows: /"ruleId": "hardcoded-secret"[\s\S]*ghp_\u2026 \(fingerprint [0-9a-f]{16}\)/ },
    { mode: "scan --write-baseline stderr", shows: /baseline of \d+ findings written/ },
    { mode: "scan --baseline stdout", shows: /hardcoded-secret[\s\S]*ghp_\u2026 \(fingerprint [0-9a-f]{16}\)/ },
    { mode: "scan text in GitHub Actions stdout", shows: /^::(error|warning) file=[^\n]*title=hardcoded-secret::[^\n]*ghp_\u2026/m },
    { mode: "scan text in GitHub Actions file", shows: /`hardcoded-secret`[^\n]*ghp_\u2026/ },
    { mode: "scan text in GitHub Actions step outputs", shows: /^findings-count=\d+$/m },
    { mode: "lock file", shows: /=literal:[0-9a-f]{16}"/ },
    { mode: "lock file", shows: /"identity": "URL https:\/\/mcp\.example\.com\/mcp\/ghp_\u2026\[REDACTED\]\/sse"/ },
    { mode: "lock stderr", shows: /locked \d+ servers/ },
    { mode: "scan text -o stderr", shows: /report written to/ },
  ];

  for (const m of MUST_SHOW) {
    it(`the audit is meaningful: ${m.mode} shows the findings`, () => {
      const o = outputs.find((x) => x.mode === m.mode);
      expect(o, `no output recorded as ${m.mode}`).toBeDefined();
      expect(o?.text).toMatch(m.shows);
    });
  }

  it("the audit is meaningful: detected values exist in every output mode's input, and reports were produced", () => {
    expect(AUDITED.length).toBeGreaterThanOrEqual(20);
    expect(outputs.filter((o) => o.text.length > 0).length).toBeGreaterThanOrEqual(30);
    // Diagnostics of the broken files are part of what is audited.
    expect(outputs.find((o) => o.mode === "scan json stdout")?.text).toMatch(/"code": "parse-error"/);
    expect(outputs.find((o) => o.mode === "scan json stdout")?.text).toMatch(/"code": "encoding"/);
  });

  for (const p of AUDITED) {
    it(`${p.kind.id} in ${p.place.id}: never printed whole nor in 12-character pieces`, () => {
      const parts = pieces(p);
      for (const o of outputs) {
        expect(o.text.includes(p.secret), `${o.mode} prints the whole secret`).toBe(false);
        const leaked = parts.find((piece) => o.text.includes(piece));
        expect(leaked, `${o.mode} prints a 12-character piece of the secret`).toBeUndefined();
      }
    });
  }

  for (const kind of KINDS) {
    const missing = NOT_DETECTED.filter((p) => p.kind === kind).map((p) => p.place.id);
    if (missing.length) it.todo(`${kind.id}: not detected yet in ${missing.join("; ")}`);
  }
});

/**
 * A configuration file that does not load stops every command with exit 2 and
 * a message on stderr. Such a file holds known secret values (`secrets.allow`)
 * and patterns built from them, and users paste tokens into it by mistake: the
 * message names the key and the problem, never the value.
 */
describe("redaction audit: configuration errors", () => {
  const secret = fakeGitHubToken("ghp", "audit/config");
  const opaque = fakeOpaqueKey("audit/config/opaque", 40);
  const CONFIGS: readonly { id: string; name: string; text: string; says: RegExp }[] = [
    { id: "allow entry that does not compile", name: ".mcplint.yaml", text: `secrets:\n  allow:\n    - "/${secret}(/"\n`, says: /secrets\.allow\[0\]: invalid regular expression/ },
    { id: "allow entry with repeated flags", name: ".mcplint.yaml", text: `secrets:\n  allow:\n    - "/${secret}/ii"\n`, says: /secrets\.allow\[0\]: invalid regular expression/ },
    { id: "pattern that does not compile", name: ".mcplint.yaml", text: `secrets:\n  patterns:\n    - id: acme\n      title: Acme token\n      regex: "${opaque}[("\n`, says: /secrets\.patterns\[0\]\.regex: invalid regular expression/ },
    { id: "unknown key next to a secret", name: ".mcplint.yaml", text: `secrets:\n  allow:\n    - ${secret}\n  token: ${opaque}\n`, says: /secrets\.token: unknown key 'token'/ },
    { id: "unknown top-level key holding a secret", name: ".mcplint.yaml", text: `GITHUB_TOKEN: ${secret}\nrules:\n  hardcoded-secret: error\n`, says: /unknown key 'GITHUB_TOKEN'/ },
    { id: "allow entry of the wrong type", name: ".mcplint.yaml", text: `secrets:\n  allow:\n    - value: ${secret}\n`, says: /secrets\.allow\[0\]: must be string/ },
    { id: "broken YAML flow sequence", name: ".mcplint.yaml", text: `secrets:\n  allow: [${secret}, ${opaque}\n  bad: {\n`, says: /YAML syntax error/ },
    { id: "unterminated YAML quote", name: ".mcplint.yaml", text: `secrets:\n  allow:\n    - "${secret}\n    - ${opaque}\n`, says: /YAML syntax error/ },
    { id: "broken JSON", name: ".mcplint.json", text: `{ "secrets": { "allow": ["${secret}" "${opaque}"] } }\n`, says: /JSON syntax error/ },
  ];
  const COMMANDS: readonly string[][] = [["scan"], ["scan", "--format", "json"], ["scan", "--format", "sarif"], ["scan", "--format", "markdown"], ["inventory"], ["inventory", "--format", "html"], ["lock"]];
  const pieces12 = (s: string, from: number) => Array.from({ length: s.length - 12 + 1 - from }, (_, i) => s.slice(from + i, from + i + 12));
  const parts = [...pieces12(secret, 0).filter((p) => !p.startsWith("ghp_")), ...pieces12(opaque, 0)];

  for (const c of CONFIGS) {
    it(`${c.id}: exit 2, the key and the problem on stderr, no secret anywhere`, async () => {
      const dir = tempTree({ [c.name]: c.text, ".mcp.json": json({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0"] } } }) });
      for (const argv of COMMANDS) {
        for (const explicit of argv[0] === "lock" ? [false] : [false, true]) {
          const r = await cli(explicit ? [...argv, "--config", c.name] : argv, dir);
          const what = `${argv.join(" ")}${explicit ? " --config" : ""}`;
          expect(r.exitCode, what).toBe(2);
          expect(r.stderr, what).toMatch(/invalid configuration file/);
          expect(r.stderr, what).toMatch(c.says);
          for (const text of [r.stdout, r.stderr]) {
            expect(text.includes(secret) || text.includes(opaque), `${what} prints a whole secret`).toBe(false);
            expect(parts.find((p) => text.includes(p)), `${what} prints a 12-character piece of a secret`).toBeUndefined();
          }
        }
      }
    }, 60_000);
  }
});

/**
 * A file read as JSON that is not: `--baseline` given the wrong file, a lock
 * file overwritten by hand. V8's JSON errors quote the text (all of it when it
 * is short); the messages must not.
 */
describe("redaction audit: files read as JSON that are not JSON", () => {
  const secret = fakeOpaqueKey("audit/not-json", 18);
  const text = `T=${secret}`;
  const parts = Array.from({ length: secret.length - 11 }, (_, i) => secret.slice(i, i + 12));
  const clean = (out: string, what: string) => {
    expect(out.includes(secret), `${what} prints the whole secret`).toBe(false);
    expect(parts.find((p) => out.includes(p)), `${what} prints a 12-character piece of the secret`).toBeUndefined();
  };

  it("--baseline given a file that is not JSON: exit 2, the reason, not the text", async () => {
    const dir = tempTree({ "creds.txt": text, ".mcp.json": json({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0"] } } }) });
    const r = await cli(["scan", "--baseline", "creds.txt"], dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--baseline: creds\.txt: not JSON \(Unexpected token/);
    clean(r.stdout + r.stderr, "scan --baseline");
  });

  it("a lock file that is not JSON: a diagnostic in every format, not the text", async () => {
    const dir = tempTree({ "mcplint.lock.json": text, ".mcp.json": json({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0"] } } }) });
    for (const format of ["text", "json", "sarif"]) {
      const r = await cli(["scan", "--format", format], dir);
      expect(r.stdout + r.stderr, format).toMatch(/mcplint\.lock\.json: invalid JSON: Unexpected token/);
      clean(r.stdout + r.stderr, `scan --format ${format}`);
    }
  });
});

describe("redaction audit: a token pasted as a server's name", () => {
  it("is reported at the name, and no output names the server by it", async () => {
    const token = fakeGitHubToken("ghp", "server-name");
    const dir = tempTree({
      ".cursor/mcp.json": JSON.stringify({ mcpServers: { [token]: { command: "npx", args: ["-y", "x-mcp"] } } }, null, 2),
      ".continue/config.yaml": `mcpServers:\n  - name: ${token}\n    command: npx\n    args: [-y, x-mcp]\n`,
    });
    const outputs: string[] = [];
    for (const format of ["text", "json", "sarif", "markdown", "html"]) {
      const r = await cli(["scan", ".", "--format", format], dir);
      outputs.push(r.stdout, r.stderr);
    }
    for (const format of ["text", "json", "markdown", "html"]) outputs.push((await cli(["inventory", ".", "--format", format], dir)).stdout);
    await cli(["lock", ".", "-q"], dir);
    outputs.push(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8"));
    for (const out of outputs) expect(out).not.toContain(token.slice(4, 16));
    const json = JSON.parse((await cli(["scan", ".", "--format", "json"], dir)).stdout) as { findings: { ruleId: string; location: { file: string; line: number; column: number } }[] };
    expect(json.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.location.file, f.location.line, f.location.column])).toEqual([
      [".continue/config.yaml", 2, 11],
      [".cursor/mcp.json", 3, 6],
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("redaction audit: a token in a package's place", () => {
  it("is reported as a secret, and unpinned-package does not name it as a package", async () => {
    const token = fakeAnthropicKey("package-place");
    const r = scanSources([{ path: ".cursor/mcp.json", text: JSON.stringify({ mcpServers: { k: { command: "npx", args: ["-y", token] } } }) }]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(["hardcoded-secret"]);
    expect(JSON.stringify(r.findings)).not.toContain(token.slice(13, 25));
  });
});

describe("redaction audit: a server named after a URL that holds its key (TypeScript SDK)", () => {
  it("is named with the key's preview, in findings and inventory", async () => {
    const key = Buffer.from(`${fakeOpaqueKey("zapier-name", 36)}:${fakeOpaqueKey("zapier-name-2", 10)}`).toString("base64");
    const dir = tempTree({
      "src/agent.ts": `import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";\nexport const z = new StreamableHTTPClientTransport(new URL("https://mcp.zapier.com/api/mcp/s/${key}/mcp"));\n`,
    });
    const outputs = [(await cli(["scan", ".", "--format", "json"], dir)).stdout, (await cli(["inventory", ".", "--format", "json"], dir)).stdout, (await cli(["inventory", "."], dir)).stdout];
    for (const out of outputs) expect(out).not.toContain(key.slice(4, 16));
    const found = JSON.parse(outputs[0] as string) as { findings: { ruleId: string; message: string }[] };
    expect(found.findings.map((f) => f.ruleId)).toEqual(["hardcoded-secret"]);
    expect(found.findings[0]?.message).toContain("of MCP server 'mcp.zapier.com/api/mcp/s/");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * A server's identity names its URL's path, where some services put the key
 * (`https://actions.zapier.com/mcp/<key>/sse`). It reaches unapproved-server
 * messages, the inventory's approval record, the lock's `identity` and the
 * drift messages that compare it.
 */
describe("redaction audit: a key in a URL's path, in the server's identity", () => {
  const key = fakeAnthropicKey("identity-path");
  const parts = Array.from({ length: key.length - 11 - 13 }, (_, i) => key.slice(13 + i, 25 + i));
  const config = (k: string) => json({ mcpServers: { zap: { type: "sse", url: `https://actions.zapier.com/mcp/${k}/sse` } } });
  const approved = ".mcplint.yaml";

  it("is shown as its preview by unapproved-server, the inventory and the lock", async () => {
    const dir = tempTree({ ".cursor/mcp.json": config(key), [approved]: "approved:\n  - url: https://mcp.acme.example/*\n" });
    const outputs: string[] = [];
    for (const format of ["text", "json", "sarif", "markdown", "html"]) outputs.push((await cli(["scan", ".", "--format", format], dir)).stdout);
    for (const format of ["text", "json", "markdown", "html"]) outputs.push((await cli(["inventory", ".", "--format", format], dir)).stdout);
    await cli(["lock", ".", "-q", "--no-config"], dir);
    outputs.push(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8"));
    for (const out of outputs) expect(parts.find((p) => out.includes(p))).toBeUndefined();
    const found = JSON.parse(outputs[1] as string) as { findings: { ruleId: string; message: string }[] };
    expect(found.findings.find((f) => f.ruleId === "unapproved-server")?.message).toBe("Server 'zap' (cursor) runs URL https://actions.zapier.com/mcp/sk-a\u2026[REDACTED]/sse, which is not on the approved list.");
    expect(JSON.parse(outputs[9] as string).servers[0].identity).toBe("URL https://actions.zapier.com/mcp/sk-a\u2026[REDACTED]/sse");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a lock that names it (written by an earlier mcplint) is compared and shown without it", async () => {
    const lock = { lockfileVersion: 1, generatedBy: "mcplint", servers: [{ client: "cursor", file: ".cursor/mcp.json", name: "zap", transport: "sse", identity: `URL https://actions.zapier.com/mcp/${key}/sse`, args: [], url: "https://actions.zapier.com/mcp/sk-a\u2026[REDACTED]/sse", credentials: [] as string[], scope: {} }] };
    const dir = tempTree({ ".cursor/mcp.json": config(key) });
    // The lock as this mcplint writes it, with the identity as an earlier one wrote it.
    await cli(["lock", ".", "-q"], dir);
    const current = JSON.parse(fs.readFileSync(path.join(dir, "mcplint.lock.json"), "utf8")) as typeof lock;
    fs.writeFileSync(path.join(dir, "mcplint.lock.json"), json({ ...current, servers: [{ ...current.servers[0], identity: lock.servers[0]?.identity }] }));
    const r = JSON.parse((await cli(["scan", ".", "--format", "json"], dir)).stdout) as { findings: { ruleId: string; message: string }[] };
    // Not 'drifted from the lock: URL https://actions.zapier.com/mcp/<the key>/sse -> URL https://actions.zapier.com/mcp/sk-a...[REDACTED]/sse'.
    expect(r.findings.filter((f) => f.ruleId === "config-drift")).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toContain("hardcoded-secret");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
