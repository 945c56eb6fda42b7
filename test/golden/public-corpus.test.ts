/**
 * The public MCP documentation corpus (../shared/corpus/public-docs: READMEs
 * and configs of real MCP repositories, full of placeholders and references)
 * must yield no hard-coded-secret finding through the whole pipeline:
 * catalog parsing, per-value detection and the text scan.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/api.js";
import { REPO_ROOT } from "../helpers.js";

const CORPUS = path.resolve(REPO_ROOT, "..", "shared", "corpus", "public-docs");

describe.skipIf(!fs.existsSync(CORPUS))("public-docs corpus (skipped when ../shared/corpus is absent)", () => {
  it("has no hard-coded-secret, shared-secret or long-lived-token finding", async () => {
    const result = await scan({ paths: [CORPUS], cwd: REPO_ROOT, lockFile: false });
    expect(result.model.files.length).toBeGreaterThan(50);
    const secrets = result.findings.filter((f) => ["hardcoded-secret", "shared-secret", "long-lived-token"].includes(f.category));
    expect(secrets.map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line} ${f.message}`)).toEqual([]);
  }, 60_000);
});
