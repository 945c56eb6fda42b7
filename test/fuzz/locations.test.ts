/**
 * Property: wherever a secret sits in a client configuration, the finding's
 * SARIF region is exactly the secret (1-based lines, UTF-16 columns, endColumn
 * after its last character), whatever comes before it on its line and above
 * it: astral characters (emoji), combining marks, CJK, tabs, comments, a BOM,
 * CRLF or lone-CR line ends, multi-line strings, anchors, flow style. Files
 * are written to disk and scanned through the CLI, so the reader's byte view
 * of non-ASCII files is in the path; the text report must not print the secret.
 * Fixed seed (FUZZ_SEED replays another); FUZZ_RUNS / 5 cases, at least 40.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import type { Log } from "sarif";
import { expect, it } from "vitest";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, tempTree } from "../helpers.js";
import { FUZZ_RUNS } from "./harness.js";

const RUNS = Math.max(40, Math.round(FUZZ_RUNS / 5));

/** Text that may stand before the secret on its line and on the lines above it. */
const noise = fc.array(fc.constantFrom("😀", "e\u0301", "漢字", "\t", "é", "a", " ", "🏳️‍🌈", "\u200d", "x y"), { maxLength: 4 }).map((parts) => parts.join(""));

type Eol = "\n" | "\r\n" | "\r";

interface Case {
  readonly file: string;
  /** The lines; the one holding `SECRET` is where the secret goes. */
  readonly lines: readonly string[];
  /** Lone CR ends no line in TOML. */
  readonly noLoneCr?: boolean;
}

/** Configurations in each syntax, `P` standing for the noise and `SECRET` for the secret. */
const CASES: readonly Case[] = [
  { file: ".mcp.json", lines: ["{", '  "mcpServers": { "sP": { "command": "npx", "args": ["P"],', '    "env": { "A": "P", "GITHUB_TOKEN": "SECRET" } } }', "}"] },
  { file: ".cursor/mcp.json", lines: ['{"mcpServers":{"s":{"type":"http","url":"https://tools.example.com/mcp","headers":{"X":"P","Authorization":"Bearer SECRET"}}}}'] },
  { file: ".vscode/mcp.json", lines: ["{ // P", '  /* P */ "servers": { "s": { "type": "stdio", "command": "npx",', '    "env": { /* P */ "GITHUB_TOKEN": "SECRET", }, }, },', "}"] },
  { file: ".continue/mcpServers/a.yaml", lines: ["name: P", "version: 0.0.1", "schema: v1", "mcpServers:", "  - name: sP", "    command: npx", "    env:", '      A: "P"', "      GITHUB_TOKEN: SECRET # P"] },
  { file: ".continue/mcpServers/b.yaml", lines: ["name: x", "version: 0.0.1", "schema: v1", "mcpServers:", '  - {name: "sP", command: npx, env: {A: "P", GITHUB_TOKEN: "SECRET"}}'] },
  { file: ".continue/mcpServers/c.yaml", lines: ["name: x", "version: 0.0.1", "schema: v1", "x-env: &e", "  GITHUB_TOKEN: 'SECRET'", "mcpServers:", "  - name: sP", "    command: npx", "    env:", "      <<: *e", "      B: P"] },
  { file: ".continue/mcpServers/d.yaml", lines: ["name: x", "version: 0.0.1", "schema: v1", "mcpServers:", "  - name: s", "    command: npx", "    env:", "      GITHUB_TOKEN: |", "        P", "        SECRET"] },
  { file: ".codex/config.toml", lines: ["[mcp_servers.s]", 'command = "npx"', "# P", 'env = { A = "P", GITHUB_TOKEN = "SECRET" }'], noLoneCr: true },
  { file: ".codex/config.toml", lines: ["[mcp_servers.s]", 'command = "npx"', 'args = ["""P', 'x""", \'\'\'P\'\'\']', "[mcp_servers.s.env]", "GITHUB_TOKEN = '''", "SECRET'''"], noLoneCr: true },
  { file: "app/.env", lines: ["# P", "A=P", "GITHUB_TOKEN=SECRET"] },
  { file: ".github/agents/a.agent.md", lines: ["---", "name: P", "description: d", "mcp-servers:", "  s:", "    type: local", "    command: npx", "    env:", "      GITHUB_TOKEN: SECRET", "---", "# P"], noLoneCr: true },
];

const scenario = fc.record({
  at: fc.nat({ max: CASES.length - 1 }),
  noise,
  eol: fc.constantFrom<Eol>("\n", "\r\n", "\r"),
  bom: fc.boolean(),
  seed: fc.integer({ min: 0, max: 1_000_000 }),
});

it(`locations: ${RUNS} configurations with odd characters before the secret give its exact SARIF region and a masked text report`, async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ at, noise: p, eol: anyEol, bom, seed }) => {
      const c = CASES[at] as Case;
      const eol = c.noLoneCr && anyEol === "\r" ? "\n" : anyEol;
      const secret = fakeGitHubToken("ghp", `locations-${seed}`);
      const lines = c.lines.map((l) => l.replaceAll("P", p).replace("SECRET", secret));
      const line = lines.findIndex((l) => l.includes(secret));
      const column = (lines[line] as string).indexOf(secret) + 1;
      const dir = tempTree({});
      fs.mkdirSync(path.dirname(path.join(dir, c.file)), { recursive: true });
      fs.writeFileSync(path.join(dir, c.file), (bom ? "\uFEFF" : "") + lines.join(eol) + eol);
      try {
        const sarif = JSON.parse((await cli(["scan", "--format", "sarif", "--no-config", "--fail-on", "none"], dir)).stdout) as Log;
        const regions = (sarif.runs[0]?.results ?? []).filter((r) => r.ruleId === "hardcoded-secret").map((r) => r.locations?.[0]?.physicalLocation?.region);
        expect(regions).toContainEqual({ startLine: line + 1, startColumn: column, endLine: line + 1, endColumn: column + secret.length });
        const text = await cli(["scan", "--no-config", "--fail-on", "none"], dir);
        expect(text.stdout + text.stderr).not.toContain(secret.slice(4));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261127 },
  );
}, 600_000);
