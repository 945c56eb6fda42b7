/**
 * The staged content (git's index), for `mcplint scan --staged`: what will be
 * committed, not what is in the working tree. The only module that runs git,
 * and only when asked for it.
 */
import { execFileSync } from "node:child_process";
import type { Diagnostic } from "../model/types.js";
import { decode } from "./read.js";

export interface StagedFiles {
  /** The repository's top folder; paths are relative to it. */
  readonly root: string;
  readonly sources: { readonly path: string; readonly text: string }[];
  readonly diagnostics: Diagnostic[];
}

export type StagedResult = { readonly ok: true; readonly staged: StagedFiles } | { readonly ok: false; readonly message: string };

function git(args: readonly string[], cwd: string, maxBuffer = 64 * 1024 * 1024): Buffer {
  return execFileSync("git", args, { cwd, maxBuffer, stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
}

/** The top folder of the git repository holding `cwd` (the root of a --staged scan), or undefined. */
export function gitTopLevel(cwd: string): string | undefined {
  try {
    return git(["rev-parse", "--show-toplevel"], cwd).toString("utf8").trim();
  } catch {
    return undefined;
  }
}

/** Mode of a gitlink: a submodule's commit, whose content is another repository (git show prints nothing to scan). */
const GITLINK = "160000";

/**
 * The paths of `git diff --cached --raw -z --no-renames` (records
 * `:<old mode> <new mode> <old id> <new id> <status>` NUL `<path>` NUL; a
 * renamed file is its new path, added), submodules left out.
 */
export function stagedNames(raw: string): string[] {
  const parts = raw.split("\0");
  const names: string[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = (parts[i] as string).split(" ");
    if (meta[1] !== GITLINK && parts[i + 1]) names.push(parts[i + 1] as string);
  }
  return names;
}

/** Added, copied, modified and renamed files of the index, read from the index. */
export function readStaged(cwd: string, maxFileSize: number): StagedResult {
  let root: string;
  try {
    root = git(["rev-parse", "--show-toplevel"], cwd).toString("utf8").trim();
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    return { ok: false, message: e.code === "ENOENT" ? "--staged needs git on PATH" : `--staged: not in a git repository (${(e.stderr?.toString("utf8") ?? "").trim().split("\n")[0] || e.message})` };
  }
  const names = stagedNames(git(["diff", "--cached", "--raw", "-z", "--no-renames", "--diff-filter=ACMR"], root).toString("utf8"));
  const sources: { path: string; text: string }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of names) {
    let buf: Buffer;
    try {
      buf = git(["show", `:${name}`], root, maxFileSize + 1);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      diagnostics.push(
        code === "ENOBUFS"
          ? { level: "note", code: "too-large", message: `${name}: staged content is over the size limit of ${maxFileSize} bytes (--max-file-size); skipped`, file: name }
          : { level: "warning", code: "unreadable", message: `${name}: cannot read the staged content`, file: name },
      );
      continue;
    }
    const r = decode(buf, name);
    if (!r.ok) {
      diagnostics.push(r.diagnostic);
      continue;
    }
    diagnostics.push(...r.notes);
    sources.push({ path: name, text: r.text });
  }
  return { ok: true, staged: { root, sources, diagnostics } };
}
