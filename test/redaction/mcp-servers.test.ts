/**
 * Redaction of the credentials real MCP servers take (test/secrets/mcp-servers.ts): each row's
 * fake token pasted into its server's slot in a `.mcp.json` (env, header, Authorization, flag,
 * positional argument, URL, connection string), the CLI run in-process in the modes people read
 * (text, JSON, SARIF, inventory, markdown, lock): no output shows the whole token nor any
 * 12-character piece of it past the format's public prefix.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Fake } from "../../src/secrets/fake.js";
import { configText, SERVER_ROWS } from "../secrets/mcp-servers.js";
import { cli, tempTree } from "../helpers.js";

const planted = SERVER_ROWS.map((row) => ({ row, secret: row.secret(new Fake(`redaction/${row.server}`)), rel: `${row.server}/.mcp.json` }));

/** Every 12-character piece of the token that does not lie inside its public prefix. */
function pieces(secret: string, prefix: number): string[] {
  const out: string[] = [];
  for (let i = Math.max(0, prefix - 11); i + 12 <= secret.length; i++) if (i + 12 > prefix) out.push(secret.slice(i, i + 12));
  return out;
}

describe("redaction of MCP servers' credentials in every output people read", () => {
  const outputs: { mode: string; text: string }[] = [];

  beforeAll(async () => {
    const dir = tempTree(Object.fromEntries(planted.map((p) => [p.rel, configText(".mcp.json", p.row, p.secret)])));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-redact-servers-"));
    const runs: { mode: string; argv: string[]; file?: string }[] = [
      { mode: "scan text", argv: ["scan"] },
      { mode: "scan json", argv: ["scan", "--format", "json"] },
      { mode: "scan sarif", argv: ["scan", "--format", "sarif"] },
      { mode: "scan markdown", argv: ["scan", "--format", "markdown"] },
      { mode: "inventory text", argv: ["inventory"] },
      { mode: "inventory json", argv: ["inventory", "--format", "json"] },
      { mode: "lock", argv: ["lock", "-o", path.join(out, "mcplint.lock.json")], file: path.join(out, "mcplint.lock.json") },
    ];
    for (const run of runs) {
      const r = await cli(run.argv, dir);
      outputs.push({ mode: run.mode, text: r.stdout + r.stderr + (run.file ? fs.readFileSync(run.file, "utf8") : "") });
    }
  }, 600_000);

  it("each output reports the pasted credentials (the check below is not vacuous)", () => {
    const sarif = JSON.parse(outputs.find((o) => o.mode === "scan sarif")?.text ?? "{}") as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const files = new Set(sarif.runs[0]?.results.filter((r) => r.ruleId === "hardcoded-secret").map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
    expect(planted.filter((p) => !files.has(p.rel)).map((p) => p.row.server)).toEqual([]);
    for (const o of outputs) expect(o.text.length, o.mode).toBeGreaterThan(200);
  });

  it.each(planted.map((p) => ({ ...p, name: p.row.server })))("$name: no piece of the token in any output", ({ row, secret }) => {
    const shown: string[] = [];
    for (const piece of pieces(secret, row.prefix?.length ?? 0)) for (const o of outputs) if (o.text.includes(piece)) shown.push(`${o.mode}: ${piece}`);
    expect(shown).toEqual([]);
  });
});
