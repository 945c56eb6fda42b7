/** Process entry: runs the CLI with the real process streams. `run` is exported for the bundle's code-cache training (scripts/train-code-cache.mjs). */
import { run } from "./run.js";

export { run };

export async function main(): Promise<void> {
  const result = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdoutIsTTY: Boolean(process.stdout.isTTY) });
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
