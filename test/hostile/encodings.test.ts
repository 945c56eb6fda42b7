/**
 * Encodings: UTF-8 with BOM, UTF-16 LE and BE with BOM still parse and give
 * their servers and secrets at the right lines (UTF-32 with BOM too, with a
 * note); invalid UTF-8 is decoded with replacement characters and a note.
 */
import { describe, expect, it } from "vitest";
import { scan, scanSources, type ScanResult } from "../../src/api.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli } from "../helpers.js";
import { diagnosticFor, expectPlantedSecret, scanWithin, treeWithPlantedSecret } from "./hostile.js";

const token = fakeGitHubToken("ghp", "encodings");

const CONFIGS = {
  ".cursor/mcp.json": { text: `{\n  // é ü 😀\n  "mcpServers": {\n    "ünï": {\n      "command": "npx",\n      "env": { "GITHUB_TOKEN": "${token}" }\n    }\n  }\n}\n`.replace("  // é ü 😀\n", '  "note": "é ü 😀",\n'), server: { name: "ünï", line: 4, column: 5 }, secret: { line: 6, column: 33 } },
  ".continue/config.yaml": { text: `name: é😀\nmcpServers:\n  - name: ünï\n    command: npx\n    env:\n      GITHUB_TOKEN: ${token}\n`, server: { name: "ünï", line: 3, column: 11 }, secret: { line: 6, column: 21 } },
  ".codex/config.toml": { text: `# é😀\n[mcp_servers."ünï"]\ncommand = "npx"\nenv = { GITHUB_TOKEN = "${token}" }\n`, server: { name: "ünï" }, secret: undefined },
} as const;

function utf16be(s: string): Buffer {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
  return le;
}

const ENCODINGS: Record<string, (s: string) => Buffer> = {
  "UTF-8": (s) => Buffer.from(s, "utf8"),
  "UTF-8 with BOM": (s) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, "utf8")]),
  "UTF-16 LE with BOM": (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]),
  "UTF-16 BE with BOM": (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(s)]),
};

function check(result: ScanResult, rel: keyof typeof CONFIGS): void {
  const want = CONFIGS[rel];
  const server = result.model.servers.find((s) => s.file === rel);
  expect(server?.name).toBe(want.server.name);
  if ("line" in want.server) expect([server?.loc.line, server?.loc.column]).toEqual([want.server.line, want.server.column]);
  const secret = result.findings.find((f) => f.ruleId === "hardcoded-secret" && f.loc.file === rel);
  expect(secret, `secret in ${rel}`).toBeDefined();
  // TOML locations arrive with the position-aware TOML parser (branch `toml`).
  if (want.secret) expect([secret?.loc.line, secret?.loc.column]).toEqual([want.secret.line, want.secret.column]);
}

describe.each(Object.keys(ENCODINGS))("%s", (encoding) => {
  const encode = ENCODINGS[encoding] as (s: string) => Buffer;

  it.each(Object.keys(CONFIGS) as (keyof typeof CONFIGS)[])("%s parses and yields its server and secret at the right lines", async (rel) => {
    const dir = treeWithPlantedSecret({ [rel]: encode(CONFIGS[rel].text) });
    const result = await scanWithin(dir, 3_000);
    expect(result.diagnostics.filter((d) => d.file === rel)).toEqual([]);
    check(result, rel);
    expectPlantedSecret(result);
  });

  it("the text report's code frame shows the decoded, masked line", async () => {
    const dir = treeWithPlantedSecret({ ".continue/config.yaml": encode(CONFIGS[".continue/config.yaml"].text) });
    const r = await cli(["scan"], dir);
    expect(r.stdout).toContain(".continue/config.yaml:6:21");
    expect(r.stdout).toMatch(/ 6 \| {7}GITHUB_TOKEN: ghp_\*+\n/);
    expect(r.stdout).not.toContain("\u0000");
    expect(r.stdout).not.toContain(token);
  });
});

/** UTF-32 with its byte-order mark, as PowerShell's `Out-File -Encoding utf32` writes it (little-endian). */
function utf32(s: string, littleEndian: boolean): Buffer {
  const cps = [0xfeff, ...[...s].map((c) => c.codePointAt(0) as number)];
  const buf = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (littleEndian ? buf.writeUInt32LE(cp, i * 4) : buf.writeUInt32BE(cp, i * 4)));
  return buf;
}

describe.each([
  ["UTF-32LE", true],
  ["UTF-32BE", false],
])("%s with its byte-order mark", (name, littleEndian) => {
  it("is decoded with a note (not read as UTF-16 and reported as a syntax error at 1:1): its server and secret where they are, the code frame masked", async () => {
    const rel = ".cursor/mcp.json";
    const dir = treeWithPlantedSecret({ [rel]: utf32(CONFIGS[rel].text, littleEndian) });
    const result = await scan({ cwd: dir, paths: ["."] });
    expect(result.diagnostics.filter((d) => d.file === rel)).toEqual([{ level: "note", code: "encoding", message: `${rel}: ${name} text (tools that expect UTF-8 read it as binary); read as ${name}`, file: rel }]);
    check(result, rel);
    expectPlantedSecret(result);
    const r = await cli(["scan"], dir);
    expect(r.stdout).toContain(`${rel}:6:33`);
    expect(r.stdout).toMatch(/ 6 \| {7}"env": \{ "GITHUB_TOKEN": "ghp_\*+" \}\n/);
    expect(r.stdout).not.toContain("\u0000");
    expect(r.stdout).not.toContain(token);
  });
});

describe("invalid UTF-8", () => {
  it("is decoded with replacement characters, noted, and still scanned", async () => {
    const bad = Buffer.concat([Buffer.from("A=1\nB="), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x80]), Buffer.from(`\nGITHUB_TOKEN=${token}\n`)]);
    const json = Buffer.concat([Buffer.from('{"mcpServers":{"x":{"command":"npx","args":["'), Buffer.from([0xe2, 0x28, 0xa1]), Buffer.from(`"],"env":{"T":"${token}"}}}}`)]);
    const dir = treeWithPlantedSecret({ ".env": bad, "bad/.mcp.json": json });
    const result = await scanWithin(dir, 3_000);
    expect(diagnosticFor(result, ".env", "encoding").message).toBe(".env: invalid UTF-8; undecodable bytes were replaced");
    diagnosticFor(result, "bad/.mcp.json", "encoding");
    expect(result.findings.find((f) => f.ruleId === "hardcoded-secret" && f.loc.file === ".env")?.loc.line).toBe(3);
    expect(result.model.servers.find((s) => s.file === "bad/.mcp.json")?.args[0]?.raw).toBe("\uFFFD(\uFFFD");
    expectPlantedSecret(result);
  });
});

describe("non-ASCII UTF-8 text files, from the main thread and from workers", () => {
  const scanBoth = async (files: Record<string, string>) => {
    const dir = treeWithPlantedSecret(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v, "utf8")])));
    // threads 1 and 2: the main thread and the workers read the same way.
    return [await scanWithin(dir, 3_000), await scan({ cwd: dir, threads: 2 })];
  };

  it("reports a secret after multi-byte characters at its column in characters, with the decoded line", async () => {
    const line = `const greeting = "héllo wörld 😀"; const GITHUB_TOKEN = "${token}";`;
    for (const result of await scanBoth({ "src/app.js": `// ünïcode\n${line}\n` })) {
      const hit = result.findings.find((f) => f.ruleId === "hardcoded-secret" && f.loc.file === "src/app.js");
      expect(hit?.loc.line).toBe(2);
      expect(hit?.loc.column).toBe(line.indexOf(token) + 1);
      expect(result.model.files.find((f) => f.path === "src/app.js")?.bytes).toBe(Buffer.byteLength(`// ünïcode\n${line}\n`));
      expectPlantedSecret(result);
    }
  });

  it("finds a password with non-ASCII characters (UTF-8 bytes that a byte-wise view would read as a no-break space)", async () => {
    // "à" is C3 A0 and "Р" is D0 A0: read byte by byte, A0 is U+00A0, which \s matches.
    const text = `const password = "pàssw0rdXyz12Q";\nconst dbPassword = "Zq8РРРРLw9Vb7Tn";\n`;
    for (const result of await scanBoth({ "src/pw.js": text })) {
      const hits = result.findings.filter((f) => f.loc.file === "src/pw.js" && f.ruleId === "hardcoded-secret");
      expect(hits.map((f) => [f.loc.line, f.loc.column])).toEqual([
        [1, 19],
        [2, 21],
      ]);
    }
  });

  it("honours a suppression comment in such a file, and a file with nothing in it is plain text", async () => {
    const text = `// ünï\n// mcplint-disable-next-line hardcoded-secret -- fixture for the test, not a live credential\nconst GITHUB_TOKEN = "${token}"; // é\n`;
    for (const result of await scanBoth({ "src/sup.js": text, "src/plain.js": "const s = 'déjà vu';\n" })) {
      const hits = result.findings.filter((f) => f.loc.file === "src/sup.js" && f.ruleId === "hardcoded-secret");
      expect(hits.map((f) => [f.loc.line, f.loc.column, f.suppression?.kind, f.suppression?.source])).toEqual([[3, 23, "inSource", "src/sup.js:2"]]);
      expect(result.model.files.find((f) => f.path === "src/plain.js")).toMatchObject({ format: "text" });
      expect(result.diagnostics.filter((d) => d.file?.startsWith("src/"))).toEqual([]);
    }
  });
});

describe("lone CR line ends (classic Mac OS)", () => {
  it("a YAML config parses (a lone CR is a YAML line break): its server, and its secret at its line, with no syntax error per line", async () => {
    const text = CONFIGS[".continue/config.yaml"].text.replace(/\n/g, "\r");
    const dir = treeWithPlantedSecret({ ".continue/config.yaml": text });
    const result = await scanWithin(dir, 3_000);
    expect(result.diagnostics.filter((d) => d.file === ".continue/config.yaml")).toEqual([]);
    check(result, ".continue/config.yaml");
    expect(result.findings.filter((f) => f.ruleId === "parse-error")).toEqual([]);
  });
});

describe("a Codex config.toml and an agentic workflow's front matter with LF, CRLF and lone CR line ends", () => {
  const toml = `# acme\n[mcp_servers.acme]\ncommand = "npx"\nargs = ["-y", "@acme/notes-mcp@1.2.3"]\nenv = { GITHUB_TOKEN = "${token}" }\n`;
  const md = `---\non: issues\nengine: copilot\nmcp-servers:\n  acme:\n    command: npx\n    args: ["-y", "@acme/notes-mcp@1.2.3"]\n    env:\n      GITHUB_TOKEN: "${token}"\n    allowed: ["search"]\n---\n# Triage\n`;
  const EOL = { LF: "\n", CRLF: "\r\n", CR: "\r" } as const;
  const run = (eol: keyof typeof EOL) =>
    scanSources([
      { path: ".codex/config.toml", text: toml.replace(/\n/g, EOL[eol]) },
      { path: ".github/workflows/triage.md", text: md.replace(/\n/g, EOL[eol]) },
    ]);
  const at = (r: ScanResult, rule: string) => r.findings.filter((f) => f.ruleId === rule).map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column}-${f.loc.endLine}:${f.loc.endColumn} ${f.server?.name ?? "-"}`);

  it.each(["LF", "CRLF"] as const)("%s: both files give their server, and the token at the same line and column", (eol) => {
    const r = run(eol);
    expect(r.model.servers.map((s) => `${s.client} ${s.name} ${s.loc.line}:${s.loc.column}`)).toEqual(["codex acme 2:14", "gh-aw acme 5:3"]);
    expect(at(r, "hardcoded-secret")).toEqual([".codex/config.toml:5:25-5:65 acme", ".github/workflows/triage.md:9:22-9:62 acme"]);
    expect(at(r, "parse-error")).toEqual([]);
  });

  it("lone CR: TOML has no such line break (a parse error at the first CR, named as such); gh-aw finds no front matter (it splits lines at LF), and the token is still found at its line and column", () => {
    const r = run("CR");
    expect(r.model.servers).toEqual([]);
    const parse = r.findings.filter((f) => f.ruleId === "parse-error");
    expect(parse.map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column}-${f.loc.endLine}:${f.loc.endColumn}`)).toEqual([".codex/config.toml:1:7-1:7"]);
    expect(parse[0]?.message).toContain("a lone CR (a classic Mac OS line end) ends this line; TOML ends lines only with LF or CRLF");
    expect(at(r, "hardcoded-secret")).toEqual([".codex/config.toml:5:25-5:65 -", ".github/workflows/triage.md:9:22-9:62 -"]);
  });
});
