/** Process entry: runs the CLI with the real process streams. `run` is exported for the bundle's code-cache training (scripts/train-code-cache.mjs). */
import { run } from "./run.js";

export { run };

/**
 * A reader that stops early (`mcplint scan | head`) closes the pipe: the rest of
 * the report has nowhere to go, which is no error of the scan (as in cat or grep).
 * Any other stream error is still thrown.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
}

export async function main(): Promise<void> {
  const result = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdoutIsTTY: Boolean(process.stdout.isTTY) });
  quietOnClosedPipe(process.stdout);
  quietOnClosedPipe(process.stderr);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
