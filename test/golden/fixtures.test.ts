/**
 * End to end over every fixture: `mcplint scan fixtures` must find what each
 * fixture plants, at the right lines (fixtures/clients/README.md lists the
 * planted problems), and the whole finding list must match the reviewed
 * golden file (rule, file, line, column). Regenerate after a reviewed change:
 * UPDATE_GOLDEN=1 npx vitest run test/golden
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scan, type ScanResult } from "../../src/api.js";
import { REPO_ROOT } from "../helpers.js";

const GOLDEN = path.join(REPO_ROOT, "test", "golden", "fixtures.findings.txt");
let result: ScanResult;

beforeAll(async () => {
  // Fuzz seeds are deliberately broken or odd; they are not fixtures of behaviour. The secret corpus
  // holds markers that its own test (test/secrets/repo-corpus.test.ts) replaces with values.
  result = await scan({ paths: ["fixtures"], cwd: REPO_ROOT, exclude: ["fixtures/fuzz-seeds/**", "fixtures/secrets/repo-corpus/**"], lockFile: false });
}, 60_000);

function lines(r: ScanResult): string[] {
  return r.findings.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.level}`);
}

/** Rows of the planted-problems table, with `…` paths resolved against the row that spelled them out. */
function plantedRows(): { file: string; line: number; rules: string[] }[] {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "fixtures", "clients", "README.md"), "utf8");
  const rows: { file: string; line: number; rules: string[] }[] = [];
  const full: string[] = [];
  for (const m of readme.matchAll(/^\| ([^|]+?):(\d+) \| [^|]*\| ([^|]+) \|$/gm)) {
    let file = (m[1] as string).trim();
    if (file.includes("…")) {
      const [head, tail] = file.split("/…/") as [string, string];
      const match = [...full].reverse().find((f) => f.startsWith(head + "/") && f.endsWith("/" + tail));
      if (!match) throw new Error(`cannot resolve ${file}`);
      file = match;
    } else full.push(file);
    const rules = [...(m[3] as string).matchAll(/\b[a-z]+(?:-[a-z]+)+\b/g)].map((r) => r[0]);
    rows.push({ file: `fixtures/clients/${file}`, line: Number(m[2]), rules });
  }
  return rows;
}

describe("mcplint scan fixtures", () => {
  it("reports every planted problem listed in fixtures/clients/README.md at its line", () => {
    const rows = plantedRows();
    expect(rows.length).toBeGreaterThan(40);
    const missing = rows.flatMap((row) => row.rules.filter((rule) => !result.findings.some((f) => f.ruleId === rule && f.loc.file === row.file && f.loc.line === row.line)).map((rule) => `${row.file}:${row.line} ${rule}`));
    expect(missing).toEqual([]);
  });

  it("matches the reviewed golden list of findings (rule, file, line, column, level)", () => {
    const actual = lines(result).join("\n") + "\n";
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, actual);
    expect(actual).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  it("lists a server for every client fixture folder", () => {
    const clients = fs.readdirSync(path.join(REPO_ROOT, "fixtures", "clients")).filter((d) => fs.statSync(path.join(REPO_ROOT, "fixtures", "clients", d)).isDirectory());
    const withServers = new Set(result.model.servers.filter((s) => s.file.startsWith("fixtures/clients/")).map((s) => s.file.split("/")[2]));
    expect(clients.filter((c) => !withServers.has(c))).toEqual([]);
  });
});
