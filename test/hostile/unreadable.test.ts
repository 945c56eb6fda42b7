/**
 * Unreadable files and folders (chmod 000). As root, permissions do not deny
 * reads, so the scan then runs in a child process as the unprivileged user
 * `nobody` (uid/gid 65534); when that is impossible the test is skipped with
 * the reason.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/api.js";
import type { Diagnostic } from "../../src/model/types.js";
import { REPO_ROOT } from "../helpers.js";
import { GOOD_FILE, PLANTED_LINE, treeWithPlantedSecret, write } from "./hostile.js";

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

interface Outcome {
  readonly diagnostics: Diagnostic[];
  readonly secrets: { file: string; line: number }[];
  readonly ms: number;
}

/** Scans `dir` as a user the permissions apply to. */
async function scanUnprivileged(dir: string): Promise<Outcome> {
  if (!isRoot) {
    const t0 = performance.now();
    const r = await scan({ cwd: dir, paths: ["."] });
    return { diagnostics: r.diagnostics, secrets: r.model.secrets.map((s) => ({ file: s.loc.file, line: s.loc.line })), ms: performance.now() - t0 };
  }
  const script = path.join(path.dirname(dir), `${path.basename(dir)}-scan.mts`);
  fs.writeFileSync(
    script,
    `import { scan } from ${JSON.stringify(path.join(REPO_ROOT, "src/api.ts"))};
const t0 = performance.now();
const r = await scan({ cwd: ${JSON.stringify(dir)}, paths: ["."] });
process.stdout.write(JSON.stringify({ diagnostics: r.diagnostics, secrets: r.model.secrets.map((s) => ({ file: s.loc.file, line: s.loc.line })), ms: performance.now() - t0 }));
`,
  );
  fs.chmodSync(script, 0o644);
  const child = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: REPO_ROOT, uid: NOBODY, gid: NOBODY, encoding: "utf8", timeout: 30_000, env: { PATH: process.env.PATH ?? "", HOME: "/tmp" } });
  if (child.status !== 0) throw new Error(`child scan as nobody failed (${child.status}): ${child.error?.message ?? ""} ${child.stderr.slice(0, 500)}`);
  return JSON.parse(child.stdout) as Outcome;
}

/** Can the unprivileged child run here at all (tsx and the sources readable by `nobody`)? */
function unprivilegedUnavailable(): string | undefined {
  if (!isRoot) return undefined;
  const probe = spawnSync(process.execPath, ["--import", "tsx", "-e", "process.exit(0)"], { cwd: REPO_ROOT, uid: NOBODY, gid: NOBODY, timeout: 30_000, env: { PATH: process.env.PATH ?? "", HOME: "/tmp" } });
  return probe.status === 0 ? undefined : `running as root, where chmod 000 does not deny reads, and a child process as 'nobody' cannot run here (${probe.error?.message ?? `exit ${probe.status}`})`;
}

const skipReason = unprivilegedUnavailable();

describe.skipIf(skipReason !== undefined)(`unreadable files and folders${skipReason ? ` (skipped: ${skipReason})` : isRoot ? " (scanned as 'nobody' because tests run as root)" : ""}`, () => {
  it("are reported as unreadable; the readable files are still scanned", async () => {
    const dir = treeWithPlantedSecret();
    fs.chmodSync(path.dirname(dir), fs.statSync(path.dirname(dir)).mode | 0o005);
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, GOOD_FILE), 0o644);
    const lockedFile = write(dir, ".cursor/mcp.json", '{"mcpServers":{}}');
    fs.chmodSync(path.dirname(lockedFile), 0o755);
    fs.chmodSync(lockedFile, 0o000);
    write(dir, "private/.vscode/mcp.json", '{"servers":{}}');
    fs.chmodSync(path.join(dir, "private"), 0o000);
    try {
      const r = await scanUnprivileged(dir);
      expect(r.ms).toBeLessThan(5_000);
      const byFile = (file: string) => r.diagnostics.filter((d) => d.file === file && d.code === "unreadable");
      expect(byFile(".cursor/mcp.json").map((d) => d.message)).toEqual([".cursor/mcp.json: cannot read (EACCES)"]);
      expect(byFile("private").map((d) => d.message)).toEqual(["cannot read folder private: permission denied or gone"]);
      expect(r.secrets).toEqual([{ file: GOOD_FILE, line: PLANTED_LINE }]);
      expect(r.diagnostics.filter((d) => d.code === "internal")).toEqual([]);
    } finally {
      fs.chmodSync(path.join(dir, "private"), 0o755);
    }
  });
});
