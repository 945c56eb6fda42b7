/**
 * Reported locations, checked against positions computed here from the file's
 * text: 1-based lines (a line ends at LF, CRLF or a lone CR), 1-based columns
 * in UTF-16 code units (SARIF columnKind utf16CodeUnits), a UTF-8 BOM not
 * counted, endColumn just after the last character. Every input kind the scan
 * reads, with the secret after tabs and 2-, 3- and 4-byte characters, in
 * multi-line strings, flow mappings, inline tables and one-line JSON; in the
 * JSON report, in SARIF and in the text report's file:line:col.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { scan, scanSources } from "../../src/api.js";
import { toSarif } from "../../src/report/sarif.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { RULES } from "../../src/rules/index.js";
import type { RuleExample } from "../../src/engine/rule.js";
import { cli, tempTree } from "../helpers.js";

const T = fakeGitHubToken("ghp", "locations");
const WIDE = "é😀中\t";

/** Where `needle` is in `text` (once), as the reports should give it. */
function expected(text: string, needle: string): { line: number; column: number; endLine: number; endColumn: number } {
  const body = text.replace(/^\uFEFF/, "");
  const at = body.indexOf(needle);
  expect(at, "the needle occurs once").toBeGreaterThanOrEqual(0);
  expect(body.indexOf(needle, at + 1)).toBe(-1);
  const pos = (offset: number) => {
    const lines = body.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: lines.length, column: (lines.at(-1) as string).length + 1 };
  };
  const a = pos(at);
  const b = pos(at + needle.length);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** Each input kind, written with LF line ends; `cr`: whether a lone CR is a line break in that syntax. */
const KINDS: { name: string; file: string; text: string; cr: boolean }[] = [
  { name: "strict JSON", file: ".mcp.json", cr: true, text: `{\n\t"mcpServers": {\n\t\t"a": {\n\t\t\t"description": "${WIDE.replace("\t", "\\t")}",\n\t\t\t"command": "npx",\n\t"env": { "X": "${WIDE.replace("\t", "\\t")}", "GITHUB_TOKEN": "${T}" }\n\t\t}\n\t}\n}` },
  { name: "JSONC with comments", file: ".cursor/mcp.json", cr: true, text: `{\n  // ${WIDE}\n  "mcpServers": { "a": { /* ${WIDE} */ "command": "npx",\n    "env": { /* ${WIDE} */ "GITHUB_TOKEN": "${T}" } } }\n}` },
  { name: "one-line JSON", file: ".vscode/mcp.json", cr: true, text: `{"servers":{"${WIDE.trim()}":{"type":"stdio","command":"npx","x":"😀😀","env":{"GITHUB_TOKEN":"${T}"}}}}` },
  { name: "YAML block", file: ".continue/config.yaml", cr: true, text: `name: ${WIDE.trim()}\nmcpServers:\n  - name: a\n    command: npx\n    env:\n      X: ${WIDE.trim()}\n      GITHUB_TOKEN: ${T}` },
  { name: "YAML flow mapping", file: "a/.continue/config.yaml", cr: true, text: `name: x\nmcpServers:\n  - { name: "${WIDE.trim()}", command: npx, env: { X: "😀", GITHUB_TOKEN: "${T}" } }` },
  { name: "YAML block scalar", file: "b/.continue/config.yaml", cr: true, text: `name: x\nmcpServers:\n  - name: a\n    command: npx\n    args:\n      - |\n        ${WIDE.trim()}\n        --token ${T}` },
  { name: "TOML after an inline table", file: ".codex/config.toml", cr: false, text: `# ${WIDE}\n[mcp_servers.a]\ncommand = "npx"\nx = { a = "😀é" }\nenv = { Y = "${WIDE.trim()}", GITHUB_TOKEN = "${T}" }` },
  { name: "TOML multi-line string", file: "a/.codex/config.toml", cr: false, text: `[mcp_servers.a]\ncommand = "npx"\nargs = ["""\n${WIDE}\n\t${WIDE} ${T}"""]` },
  { name: "TypeScript template literal", file: "src/server.ts", cr: true, text: `// ${WIDE}\nconst a = \`${WIDE}\n${WIDE} ${T}\`;\nexport default a;` },
  { name: "dotenv", file: ".env", cr: true, text: `# ${WIDE}\nA="${WIDE}"\n\tGITHUB_TOKEN=${T}` },
  { name: "Markdown fence in a list", file: "README.md", cr: true, text: `# ${WIDE}\n\n1. Add:\n\n   \`\`\`json\n   {"mcpServers": {"a": {"command": "npx", "env": {"X": "${WIDE.trim()}", "GITHUB_TOKEN": "${T}"}}}}\n   \`\`\`\n` },
  { name: "Markdown YAML fence", file: "docs/setup.md", cr: true, text: `${WIDE}\n\n\`\`\`yaml\nmcpServers:\n  - name: a\n    command: npx\n    env: { X: ${WIDE.trim()}, GITHUB_TOKEN: ${T} }\n\`\`\`` },
  { name: "plain text", file: "notes/keys.txt", cr: true, text: `${WIDE}\n${WIDE}GITHUB_TOKEN=${T}` },
  { name: "shell script", file: "scripts/env.sh", cr: true, text: `#!/bin/sh\n# ${WIDE}\nexport GITHUB_TOKEN="${T}" # ${WIDE}` },
];

const VARIANTS = [
  { eol: "LF", bom: false, nl: true },
  { eol: "CRLF", bom: true, nl: false },
  { eol: "CRLF", bom: false, nl: true },
  { eol: "CR", bom: false, nl: true },
  { eol: "CR", bom: true, nl: false },
] as const;

const EOL = { LF: "\n", CRLF: "\r\n", CR: "\r" } as const;

describe.each(VARIANTS)("every input kind, $eol line ends, BOM $bom, final line break $nl", ({ eol, bom, nl }) => {
  const kinds = KINDS.filter((k) => eol !== "CR" || k.cr);
  const texts = Object.fromEntries(kinds.map((k) => [k.file, (bom ? "\uFEFF" : "") + k.text.replace(/\n$/, "").replace(/\n/g, EOL[eol]) + (nl ? EOL[eol] : "")]));
  const dir = tempTree(texts);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const outputs = (async () => {
    const args = ["scan", ".", "--no-config", "--fail-on", "none"];
    const [json, sarif, text] = await Promise.all([cli([...args, "--format", "json"], dir), cli([...args, "--format", "sarif"], dir), cli(args, dir)]);
    return { json: JSON.parse(json.stdout), sarif: JSON.parse(sarif.stdout), text: text.stdout };
  })();

  it.each(kinds.map((k) => [k.name, k] as const))("%s: the secret's location in JSON, SARIF and text", async (_name, kind) => {
    const { json, sarif, text } = await outputs;
    const want = expected(texts[kind.file] as string, T);
    const inJson = json.findings.filter((f: { ruleId: string; location: { file: string } }) => f.ruleId === "hardcoded-secret" && f.location.file === kind.file);
    expect(inJson.map((f: { location: object }) => f.location)).toEqual([{ file: kind.file, ...want }]);
    expect(sarif.runs[0].columnKind).toBe("utf16CodeUnits");
    const inSarif = sarif.runs[0].results.filter((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === "hardcoded-secret" && r.locations[0]?.physicalLocation.artifactLocation.uri === kind.file);
    expect(inSarif.map((r: { locations: { physicalLocation: { region: object } }[] }) => r.locations[0]?.physicalLocation.region)).toEqual([{ startLine: want.line, startColumn: want.column, endLine: want.endLine, endColumn: want.endColumn }]);
    expect(text).toContain(`  ${kind.file}:${want.line}:${want.column}  error    hardcoded-secret`);
    expect(json.diagnostics.filter((d: { file?: string }) => d.file === kind.file)).toEqual([]);
  });
});

describe("a secret after random text of mixed-width characters and line ends", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-locs-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  // 1-, 2-, 3- and 4-byte UTF-8 characters (4-byte: two UTF-16 units), tabs, spaces.
  const char = fc.constantFrom("a", "Z", "0", " ", "\t", "é", "ß", "Ж", "中", "—", "\u00a0", "😀", "𝄞", "🇫🇷");
  const junk = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(""));
  /** Layouts: the file, and its text from junk lines, a junk run on the secret's line and the line end. */
  const layouts: Record<string, { file: string; cr: boolean; make: (lines: string[], pre: string, eol: string) => string }> = {
    text: { file: "notes.txt", cr: true, make: (lines, pre, eol) => [...lines, `${pre} GITHUB_TOKEN=${T}`].join(eol) },
    dotenv: { file: ".env", cr: true, make: (lines, pre, eol) => [...lines.map((l) => `# ${l}`), `X=${JSON.stringify(pre)}`, `GITHUB_TOKEN=${T}`].join(eol) },
    json: { file: ".mcp.json", cr: true, make: (lines, pre, eol) => [`{"mcpServers": {"a": {`, ...lines.map((l, i) => `"d${i}": ${JSON.stringify(l)},`), `"command": "npx", "env": {"X": ${JSON.stringify(pre)}, "GITHUB_TOKEN": "${T}"}}}}`].join(eol) },
    yaml: { file: ".continue/config.yaml", cr: true, make: (lines, pre, eol) => [...lines.map((l) => `# ${l}`), "mcpServers:", `  - name: ${JSON.stringify(pre)}`, "    command: npx", `    env: { X: ${JSON.stringify(pre)}, GITHUB_TOKEN: "${T}" }`].join(eol) },
    toml: { file: ".codex/config.toml", cr: false, make: (lines, pre, eol) => [...lines.map((l) => `# ${l}`), "[mcp_servers.a]", 'command = "npx"', `env = { X = ${JSON.stringify(pre)}, GITHUB_TOKEN = "${T}" }`].join(eol) },
    typescript: { file: "src/app.ts", cr: true, make: (lines, pre, eol) => [...lines.map((l) => `// ${l}`), `const x = ${JSON.stringify(pre)}; const GITHUB_TOKEN = "${T}";`].join(eol) },
  };
  const input = fc.record({
    layout: fc.constantFrom(...Object.keys(layouts)),
    lines: fc.array(junk, { maxLength: 5 }),
    pre: junk,
    eol: fc.constantFrom("\n", "\r\n", "\r"),
    bom: fc.boolean(),
    finalBreak: fc.boolean(),
  });

  it("is reported at the line and UTF-16 column computed from the text, in the model and in SARIF", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(input, async ({ layout, lines, pre, eol, bom, finalBreak }) => {
        const l = layouts[layout] as (typeof layouts)[string];
        if (eol === "\r" && !l.cr) return;
        const text = (bom ? "\uFEFF" : "") + l.make(lines, pre, eol) + (finalBreak ? eol : "");
        const dir = path.join(root, String(n++));
        fs.mkdirSync(path.dirname(path.join(dir, l.file)), { recursive: true });
        fs.writeFileSync(path.join(dir, l.file), text);
        const result = await scan({ cwd: dir, paths: ["."], threads: 1 });
        const want = expected(text, T);
        const hits = result.findings.filter((f) => f.ruleId === "hardcoded-secret");
        expect(hits.map((f) => f.loc)).toEqual([{ file: l.file, ...want }]);
        const sarif = toSarif({ findings: hits, rules: result.rules, diagnostics: [] });
        expect(sarif.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: want.line, startColumn: want.column, endLine: want.endLine, endColumn: want.endColumn });
      }),
      { numRuns: 150, seed: 20261127 },
    );
  }, 120_000);
});

describe("every rule's examples with other line ends", () => {
  // Lines and columns do not depend on how lines end: CRLF, and a lone CR where the syntax has it
  // (TOML's newline is LF or CRLF only; a Markdown file's front matter is opened by a `---` line
  // ending in LF or CRLF, parse/frontmatter.ts), give every finding of LF at the same place.
  const ends: [string, (s: string) => string, (file: string) => boolean][] = [
    ["CRLF", (s) => s.replace(/\r?\n/g, "\r\n"), () => true],
    ["CR", (s) => s.replace(/\r?\n/g, "\r"), (file) => !file.endsWith(".toml") && !file.endsWith(".md")],
  ];
  const examples = RULES.flatMap((r) => [...r.examples.bad, ...r.examples.good].map((ex, i) => [`${r.id} ${i}`, ex] as const));
  const where = (sources: { path: string; text: string }[], ex: RuleExample) =>
    scanSources(sources, { ruleOptions: ex.options ?? {} }).findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}-${f.loc.endLine}:${f.loc.endColumn}`);

  it.each(ends)("%s: the same findings at the same lines and columns", (_name, convert, applies) => {
    let compared = 0;
    for (const [id, ex] of examples) {
      const sources = [{ path: ex.file, text: ex.code }, ...Object.entries(ex.extraFiles ?? {}).map(([p, text]) => ({ path: p, text }))];
      if (!sources.every((s) => applies(s.path)) || sources.every((s) => convert(s.text) === s.text)) continue;
      compared++;
      expect(where(sources.map((s) => ({ ...s, text: convert(s.text) })), ex), id).toEqual(where(sources, ex));
    }
    expect(compared).toBeGreaterThan(100);
  });
});
