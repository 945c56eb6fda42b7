/**
 * Finds the files to scan: walks the given paths with fast-glob (dot files
 * included, symlinks never followed), honours .gitignore files and --exclude
 * globs, and reports what it could not enter as diagnostics.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import type { Diagnostic } from "../model/types.js";

export interface WalkOptions {
  /** Paths as the user gave them (files or folders), relative to cwd or absolute. */
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly exclude?: readonly string[];
  readonly gitignore?: boolean;
}

export interface WalkedFile {
  /** Absolute path. */
  readonly abs: string;
  /** Path relative to the root, POSIX separators. */
  readonly rel: string;
}

export interface WalkResult {
  /** The root that relative paths refer to. */
  readonly root: string;
  readonly files: WalkedFile[];
  readonly diagnostics: Diagnostic[];
}

/** Folders never walked unless named explicitly. */
export const DEFAULT_SKIPPED_DIRS = [".git", "node_modules", ".hg", ".svn"];

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/**
 * The folder that reported paths are relative to: the current folder when
 * every path lies inside it (so SARIF paths match the repository), else the
 * scanned folder itself (or a file's folder).
 */
export function rootOf(paths: readonly string[], cwd: string): string {
  const inside = (abs: string) => {
    const rel = path.relative(cwd, abs);
    return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
  };
  const abs = paths.map((p) => path.resolve(cwd, p));
  if (abs.every(inside)) return cwd;
  if (abs.length === 1) {
    const only = abs[0] as string;
    try {
      return fs.statSync(only).isDirectory() ? only : path.dirname(only);
    } catch {
      return path.dirname(only);
    }
  }
  return cwd;
}

/** `--exclude` semantics: a glob matches the root-relative path or the base name. */
export function excludeFilter(exclude: readonly string[]): (rel: string) => boolean {
  if (exclude.length === 0) return () => false;
  const m = picomatch(exclude as string[], { dot: true });
  return (rel) => m(rel) || m(path.posix.basename(rel));
}

export async function walk(options: WalkOptions): Promise<WalkResult> {
  const cwd = path.resolve(options.cwd);
  const inputPaths = options.paths.length ? options.paths : ["."];
  const root = rootOf(inputPaths, cwd);
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const files: WalkedFile[] = [];
  const isExcluded = excludeFilter(options.exclude ?? []);

  const add = (abs: string) => {
    const rel = toPosix(path.relative(root, abs)) || path.basename(abs);
    if (seen.has(abs) || isExcluded(rel)) return;
    seen.add(abs);
    files.push({ abs, rel });
  };

  for (const p of inputPaths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch (err) {
      diagnostics.push({ level: "error", code: "unreadable", message: `cannot read ${p}: ${errCode(err)}`, file: toPosix(p) });
      continue;
    }
    if (st.isSymbolicLink()) {
      diagnostics.push({ level: "note", code: "symlink-outside-root", message: `${p} is a symbolic link; links are not followed`, file: toPosix(p) });
      continue;
    }
    if (st.isFile()) {
      add(abs);
      continue;
    }
    if (!st.isDirectory()) {
      diagnostics.push({ level: "note", code: "not-regular-file", message: `${p} is not a regular file; skipped`, file: toPosix(p) });
      continue;
    }
    const walked = await walkDir(abs, root, options.gitignore !== false, diagnostics);
    for (const f of walked) add(f);
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { root, files, diagnostics };
}

async function walkDir(dir: string, root: string, useGitignore: boolean, diagnostics: Diagnostic[]): Promise<string[]> {
  const unreadable: string[] = [];
  const adapter = {
    readdir: ((p: string, opts: unknown, cb: (err: NodeJS.ErrnoException | null, entries?: unknown) => void) => {
      fs.readdir(p, opts as { withFileTypes: true }, (err, entries) => {
        if (err && p !== dir) unreadable.push(p);
        cb(err, entries);
      });
    }) as unknown as typeof fs.readdir,
  };
  // Loaded for the first folder only: a run over named files (a pre-commit hook) never pays for it.
  const mod = await import("fast-glob");
  const fg = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const entries = await fg("**/*", {
    cwd: dir,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    suppressErrors: true,
    objectMode: true,
    ignore: DEFAULT_SKIPPED_DIRS.map((d) => `**/${d}/**`),
    fs: adapter,
  });
  for (const u of unreadable) {
    diagnostics.push({ level: "warning", code: "unreadable", message: `cannot read folder ${toPosix(path.relative(root, u)) || "."}: permission denied or gone`, file: toPosix(path.relative(root, u)) });
  }
  const gitignores = useGitignore ? loadGitignores(dir, entries.filter((e) => path.posix.basename(e.path) === ".gitignore").map((e) => e.path)) : [];
  const out: string[] = [];
  for (const e of entries) {
    const d = e.dirent;
    if (d.isDirectory()) continue;
    if (d.isSymbolicLink()) {
      const abs = path.join(dir, e.path);
      diagnostics.push(symlinkDiagnostic(abs, root));
      continue;
    }
    if (!d.isFile()) {
      const rel = toPosix(path.relative(root, path.join(dir, e.path)));
      diagnostics.push({ level: "note", code: "not-regular-file", message: `${rel} is not a regular file (FIFO, socket or device); not opened`, file: rel });
      continue;
    }
    if (gitignores.length && isIgnored(e.path, gitignores)) continue;
    out.push(path.join(dir, e.path));
  }
  return out;
}

function symlinkDiagnostic(abs: string, root: string): Diagnostic {
  const rel = toPosix(path.relative(root, abs));
  let target: string;
  try {
    target = fs.realpathSync(abs);
  } catch (err) {
    const loop = errCode(err) === "ELOOP";
    return { level: "note", code: loop ? "symlink-loop" : "unreadable", message: loop ? `${rel}: symbolic link loop; not followed` : `${rel}: dangling symbolic link; skipped`, file: rel };
  }
  const inside = !path.relative(root, target).startsWith("..") && !path.isAbsolute(path.relative(root, target));
  return inside
    ? { level: "note", code: "symlink-outside-root", message: `${rel}: symbolic link not followed (its target inside the root is scanned on its own)`, file: rel }
    : { level: "note", code: "symlink-outside-root", message: `${rel}: symbolic link to a path outside the scanned root; not followed`, file: rel };
}

interface GitignoreScope {
  readonly base: string; // POSIX folder relative to the walked dir ('' for top)
  readonly ig: Ignore;
}

function loadGitignores(dir: string, rels: readonly string[]): GitignoreScope[] {
  const out: GitignoreScope[] = [];
  for (const rel of rels) {
    try {
      const text = fs.readFileSync(path.join(dir, rel), "utf8");
      const base = path.posix.dirname(rel);
      out.push({ base: base === "." ? "" : base, ig: ignore().add(text) });
    } catch {
      // An unreadable .gitignore ignores nothing.
    }
  }
  return out.sort((a, b) => a.base.length - b.base.length);
}

function isIgnored(rel: string, scopes: readonly GitignoreScope[]): boolean {
  for (const s of scopes) {
    if (s.base && !rel.startsWith(s.base + "/")) continue;
    const sub = s.base ? rel.slice(s.base.length + 1) : rel;
    // Check the file and each parent folder (a folder pattern like `build/` ignores everything in it).
    const parts = sub.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const candidate = parts.slice(0, i).join("/") + (i < parts.length ? "/" : "");
      if (s.ig.ignores(candidate)) return true;
    }
  }
  return false;
}

export function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? "error";
}
