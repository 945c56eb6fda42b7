/**
 * The staged content (git's index), for `mcplint scan --staged`: what will be
 * committed, not what is in the working tree. The only module that runs git,
 * and only when asked for it.
 */
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import * as path from "node:path";
import { isConfigPath } from "../catalog/classify.js";
import type { Diagnostic } from "../model/types.js";
import { decode } from "./read.js";
import { importerPattern, type LinkContextReader } from "../engine/link-context.js";
import { LOCK_FILE_NAME } from "../engine/lock.js";

export interface StagedFiles {
  /** The repository's top folder; paths are relative to it. */
  readonly root: string;
  /** `linkTo`: a staged symbolic link read as the file at its target (the walk's WalkedFile.linkTo). */
  readonly sources: { readonly path: string; readonly text: string; readonly linkTo?: string }[];
  readonly diagnostics: Diagnostic[];
  /** Reads other files of the index that the staged code's cross-file links need (scanSources' LinkContext). */
  readonly context: LinkContextReader;
  /** The index's drift lock at the repository's top (what the commit will be compared against), if any. */
  readonly lock?: { readonly path: string; readonly text: string };
}

export type StagedResult = { readonly ok: true; readonly staged: StagedFiles } | { readonly ok: false; readonly message: string };

/** `input`: what git reads on its standard input (`cat-file --batch`). */
function git(args: readonly string[], cwd: string, maxBuffer = 64 * 1024 * 1024, input?: string): Buffer {
  return execFileSync("git", args, { cwd, maxBuffer, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"], windowsHide: true, ...(input === undefined ? {} : { input }) });
}

/**
 * The index's entry for `name` as `git show` takes it: stage 0 spelled out, so that a name that
 * starts with a digit and a colon (`2:notes.json`) is not read as stage 2 of another file.
 */
const indexSpec = (name: string) => `:0:${name}`;

/** Mode of a gitlink: a submodule's commit, whose content is another repository (git show prints nothing to scan). */
const GITLINK = "160000";

/**
 * Added, copied, modified and renamed files of the index, read from the index. `configMaxFileSize`:
 * the limit for client and gateway configuration files (by path) when the scan has no explicit
 * one, as the walk's reader applies it (AnalysisSettings.configMaxFileSize). `only`: absolute
 * files or folders (lint-staged appends the staged files' paths): the staged files among them.
 */
export function readStaged(cwd: string, maxFileSize: number, configMaxFileSize?: number, only?: readonly string[]): StagedResult {
  let root: string;
  try {
    root = git(["rev-parse", "--show-toplevel"], cwd).toString("utf8").trim();
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    return { ok: false, message: e.code === "ENOENT" ? "--staged needs git on PATH" : `--staged: not in a git repository (${(e.stderr?.toString("utf8") ?? "").trim().split("\n")[0] || e.message})` };
  }
  const specs = only === undefined ? [] : pathspecs(only, root);
  if (typeof specs === "string") return { ok: false, message: `--staged: ${specs} is not in the repository at ${root}` };
  const all = stagedEntries(git(["diff", "--cached", "--raw", "--no-abbrev", "--no-renames", "-z", "--diff-filter=ACMRU", ...(specs.length ? ["--", ...specs] : [])], root).toString("utf8"));
  const sources: { path: string; text: string; linkTo?: string }[] = [];
  // A file in a merge conflict has no one staged content (the index holds each side): named, not skipped in silence.
  const diagnostics: Diagnostic[] = all.filter((e) => e.status === "U").map((e) => ({ level: "warning", code: "unreadable", message: `${e.name}: unmerged (a merge conflict); not scanned until it is resolved and staged`, file: e.name }));
  const entries = all.filter((e) => e.status !== "U");
  const limitOf = (name: string) => (configMaxFileSize !== undefined && isConfigPath(name) ? Math.max(configMaxFileSize, maxFileSize) : maxFileSize);
  // Regular files are read in batches of blobs (one git process per batch, not per file).
  const blobs = readBlobs(
    root,
    entries.filter((e) => e.mode !== SYMLINK_MODE).map((e) => ({ oid: e.oid, limit: limitOf(e.name) })),
  );
  for (const { name, mode, oid } of entries) {
    let linkTo: string | undefined;
    if (mode === SYMLINK_MODE) {
      linkTo = linkTarget(name, root);
      if (linkTo === undefined) {
        diagnostics.push({ level: "note", code: "symlink-not-followed", message: `${name}: staged symbolic link; not followed`, file: name });
        continue;
      }
    }
    const limit = limitOf(name);
    let buf: Buffer | "too-large" | undefined;
    if (linkTo === undefined) buf = blobs.get(oid);
    else {
      try {
        buf = git(["show", indexSpec(linkTo)], root, limit + 1);
      } catch (err) {
        buf = (err as NodeJS.ErrnoException).code === "ENOBUFS" ? "too-large" : undefined;
      }
    }
    if (buf === undefined || buf === "too-large") {
      diagnostics.push(
        buf === "too-large"
          ? { level: "note", code: "too-large", message: `${name}: staged content is over the size limit of ${limit} bytes (--max-file-size); skipped`, file: name }
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
    sources.push(linkTo === undefined ? { path: name, text: r.text } : { path: name, text: r.text, linkTo });
  }
  const lock = indexLock(root);
  return { ok: true, staged: { root, sources, diagnostics, context: indexContext(root, maxFileSize), ...(lock ? { lock } : {}) } };
}

/** Literal git pathspecs of absolute paths, from `root` (its real path, as git gives it); the first path outside it, if any. */
function pathspecs(paths: readonly string[], root: string): string[] | string {
  const out: string[] = [];
  for (const p of paths) {
    let real = p;
    try {
      real = realpathSync(p);
    } catch {
      // Not in the working tree: named as given.
    }
    const rel = path.relative(root, real);
    if (rel.startsWith("..") || path.isAbsolute(rel)) return p;
    out.push(`:(literal)${rel === "" ? "." : rel.split(path.sep).join("/")}`);
  }
  return out;
}

/** `mcplint.lock.json` at the top of the index (staged, or as last committed), if there is one. */
function indexLock(root: string): StagedFiles["lock"] {
  try {
    return { path: path.join(root, LOCK_FILE_NAME), text: git(["show", indexSpec(LOCK_FILE_NAME)], root).toString("utf8") };
  } catch {
    return undefined;
  }
}

const CODE_GLOBS = ["*.ts", "*.tsx", "*.mts", "*.cts", "*.js", "*.jsx", "*.mjs", "*.cjs"];
/** At most this many files of the index are read for one question (a pre-commit run stays cheap). */
const CONTEXT_CAP = 64;

/** The index's files asked for by path (a Next.js middleware, a NestJS entry) and importers, read from the staged content (what the commit will hold). */
function indexContext(root: string, maxFileSize: number): LinkContextReader {
  const show = (names: readonly string[]) =>
    names.slice(0, CONTEXT_CAP).flatMap((name) => {
      try {
        const r = decode(git(["show", indexSpec(name)], root, maxFileSize + 1), name);
        return r.ok ? [{ path: name, text: r.text }] : [];
      } catch {
        return [];
      }
    });
  const list = (args: readonly string[]) => {
    try {
      return git(args, root).toString("utf8").split("\0").filter(Boolean);
    } catch {
      // git grep exits 1 when nothing matches.
      return [];
    }
  };
  return {
    files(paths) {
      if (paths.length === 0) return [];
      return show(list(["ls-files", "--cached", "-z", "--", ...paths.map((p) => `:(literal)${p}`)]));
    },
    importers(files) {
      const pattern = importerPattern(files);
      return pattern === undefined ? [] : show(list(["grep", "--cached", "-l", "-z", "-E", "-e", pattern, "--", ...CODE_GLOBS]));
    },
  };
}

const SYMLINK_MODE = "120000";

/**
 * Paths, new modes and status letters of `git diff --cached --raw -z --no-renames` (records
 * `:<old mode> <new mode> <old id> <new id> <status>` NUL `<path>` NUL; a
 * renamed file is its new path, added; an unmerged one, `U`, has no new side), submodules left out.
 */
export function stagedEntries(raw: string): { name: string; mode: string; oid: string; status: string }[] {
  const parts = raw.split("\0");
  const out: { name: string; mode: string; oid: string; status: string }[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i] as string;
    const name = parts[i + 1] as string;
    if (!meta.startsWith(":") || !name) break;
    // `:<old mode> <new mode> <old object> <new object> <status>`: the new side is the index's.
    const [, mode = "", , oid = "", status = ""] = meta.slice(1).split(" ");
    if (mode !== GITLINK) out.push({ name, mode, oid, status });
  }
  return out;
}

/**
 * Whether git knows `given` (a path as typed, from `cwd`) as staged: a file or folder in the index,
 * or a file staged for deletion. Such a path need not be in the working tree: `--staged` reads the
 * index, and a hook that passes `git diff --cached --name-only` passes deleted files too.
 */
export function knownToIndex(cwd: string, given: string): boolean {
  const spec = `:(literal)${given}`;
  try {
    return git(["ls-files", "--cached", "-z", "--", spec], cwd).length > 0 || git(["diff", "--cached", "--name-only", "-z", "--diff-filter=D", "--", spec], cwd).length > 0;
  } catch {
    return false;
  }
}

/** Bytes of blobs read by one `git cat-file --batch` (a larger set is read in several). */
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * The content of index blobs by object name: "too-large" for one over its
 * limit (its size is asked first, so it is never read), none for one git
 * cannot give. A commit of thousands of files cost one `git show` each
 * (~15 ms apiece: a minute for 4,000 files).
 */
function readBlobs(root: string, wanted: readonly { oid: string; limit: number }[]): Map<string, Buffer | "too-large"> {
  const out = new Map<string, Buffer | "too-large">();
  const oids = [...new Set(wanted.map((w) => w.oid).filter((o) => /^[0-9a-f]{40,64}$/.test(o)))];
  if (oids.length === 0) return out;
  const sizes = new Map<string, number>();
  try {
    const check = git(["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"], root, undefined, oids.join("\n") + "\n");
    for (const line of check.toString("utf8").split("\n")) {
      const [oid, type, size] = line.split(" ");
      if (oid && type === "blob" && size !== undefined) sizes.set(oid, Number(size));
    }
  } catch {
    return out;
  }
  const limits = new Map<string, number>();
  for (const w of wanted) limits.set(w.oid, Math.max(limits.get(w.oid) ?? 0, w.limit));
  const batch: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    try {
      const data = git(["cat-file", "--batch"], root, bytes + batch.length * 128 + 1024, batch.join("\n") + "\n");
      // Each object: `<name> blob <size>\n<content>\n`.
      let at = 0;
      for (const oid of batch) {
        const eol = data.indexOf(10, at);
        const size = sizes.get(oid) ?? -1;
        if (eol < 0 || data.toString("utf8", at, eol) !== `${oid} blob ${size}`) break;
        out.set(oid, data.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
    } catch {
      // Those of the batch stay unread (a warning each).
    }
    batch.length = 0;
    bytes = 0;
  };
  for (const oid of oids) {
    const size = sizes.get(oid);
    if (size === undefined) continue;
    if (size > (limits.get(oid) ?? 0)) {
      out.set(oid, "too-large");
      continue;
    }
    if (bytes + size > BATCH_BYTES) flush();
    batch.push(oid);
    bytes += size;
  }
  flush();
  return out;
}

/**
 * The index path a staged symbolic link is read through, as the walk reads a
 * link in the working tree: a link at a catalog configuration path whose
 * target is a regular file in the index, inside the repository. Else undefined.
 */
function linkTarget(name: string, root: string): string | undefined {
  if (!isConfigPath(name)) return undefined;
  try {
    const written = git(["show", indexSpec(name)], root, 64 * 1024).toString("utf8");
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(name), written.replace(/\\/g, "/")));
    if (path.posix.isAbsolute(written) || target === ".." || target.startsWith("../")) return undefined;
    const entry = git(["ls-files", "--stage", "-z", "--", `:(literal)${target}`], root).toString("utf8");
    return /^100(?:644|755) /.test(entry) ? target : undefined;
  } catch {
    return undefined;
  }
}
