/**
 * One temporary folder per test run: every test's `os.tmpdir()` (and every CLI the tests start)
 * lands under it, and it is removed when the run ends, so a run leaves nothing behind in the
 * machine's temporary folder. The machine's own temporary folder stays reachable for the caches
 * that are meant to outlive a run (the real pre-commit test's environments).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export default function setup(): () => void {
  const shared = os.tmpdir();
  const runDir = fs.mkdtempSync(path.join(shared, "mcplint-run-"));
  process.env.MCPLINT_TEST_SHARED_TMPDIR = shared;
  for (const name of ["TMPDIR", "TEMP", "TMP"]) process.env[name] = runDir;
  return () => {
    try {
      fs.rmSync(runDir, { recursive: true, force: true });
    } catch (error) {
      console.warn(`could not remove the test run's temporary folder ${runDir}: ${String(error)}`);
    }
  };
}
