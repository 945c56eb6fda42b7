/** Process entry: runs the CLI with the real process streams. `run` is exported for the bundle's code-cache training (scripts/train-code-cache.mjs). */
import { run } from "./run.js";

export { run };

/** The exit code of a fatal error (run.ts EXIT_FATAL; not imported, to keep this entry light). */
const EXIT_FATAL = 2;

/**
 * A reader that stops early (`mcplint scan | head`) closes the pipe: the rest of
 * the report has nowhere to go, which is no error of the scan (as in cat or grep).
 * Any other write error (a full disk, `> /dev/full`, a closed descriptor) means the
 * report was lost: one line on stderr and exit 2, as `-o` does, never a stack trace
 * nor the scan's own exit code (0 would read as a clean scan).
 */
function onWriteError(stream: NodeJS.WriteStream, name: string): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") return;
    process.exitCode = EXIT_FATAL;
    if (stream !== process.stderr) process.stderr.write(`mcplint: cannot write to ${name}: ${err.code ?? err.message}\n`);
  });
}

export async function main(): Promise<void> {
  const result = await run(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdoutIsTTY: Boolean(process.stdout.isTTY) });
  onWriteError(process.stdout, "standard output");
  onWriteError(process.stderr, "standard error");
  process.exitCode = result.exitCode;
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
}
