/**
 * Finds the files to scan: walks the given paths (dot files included,
 * symlinks not followed, except a link at a catalog path to a file inside
 * the root), honours .gitignore files and --exclude globs, and reports what
 * it could not enter as diagnostics.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { ignoredPathTest } from "./gitignore-literals.js";
import { classifyPath } from "../catalog/classify.js";
import { aboveConfigFolders } from "../catalog/config-folders.js";
import { globMatcher } from "../catalog/glob.js";
import type { Diagnostic } from "../model/types.js";
import { anchoredGlob } from "../util/anchored-glob.js";
import { repositoryTop, trackedBelow, type TrackedBelow } from "./git-index.js";

export interface WalkOptions {
  /** Paths as the user gave them (files or folders), relative to cwd or absolute. */
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly exclude?: readonly string[];
  readonly gitignore?: boolean;
  /**
   * Told the files found so far (walk order, not yet sorted; the list only grows) after each
   * folder, so that a big scan can start work before the walk ends.
   */
  readonly onFiles?: (found: readonly WalkedFile[]) => void;
}

export interface WalkedFile {
  /** Absolute path. */
  readonly abs: string;
  /** Path relative to the root, POSIX separators. */
  readonly rel: string;
  /**
   * For a symbolic link read as the configuration file its path names (`.cursor/mcp.json ->
   * ../.mcp.json`): its target's path relative to the root, POSIX separators.
   */
  readonly linkTo?: string;
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
 * deepest folder that holds every scanned folder (a file's folder for a
 * file), above any catalog folder it ends in (`.cursor`, `.vscode` ...).
 * Reported paths then never climb out with `..`, which no client's path
 * pattern would recognise, and keep the folders their format is named by.
 */
export function rootOf(paths: readonly string[], cwd: string): string {
  const abs = paths.map((p) => path.resolve(cwd, p));
  if (abs.every((a) => isInside(a, cwd))) return cwdRoot(cwd);
  const folders = scannedFolders(abs);
  if (folders.length === 0 || folders.every((f) => isInside(f, cwd))) return cwdRoot(cwd);
  // Above the configuration folders it ends in: `~/.cursor/mcp.json` is reported as
  // `.cursor/mcp.json` (Cursor's file), not as `mcp.json` (no format).
  return aboveConfigFolders(folders.reduce(commonFolder));
}

/**
 * The current folder as the root, unless it is a catalog folder itself (`cd
 * .cursor && mcplint scan`): then the folder above it, so that `mcp.json` is
 * still `.cursor/mcp.json`. Catalog folders are dot folders, VS Code's `User`
 * folder and Roo's `rooveterinaryinc.roo-cline/settings` (Kilo Code's likewise) (configFolderGlobs):
 * a current folder with none of those in its path (most repository roots,
 * the pre-commit case) is taken as it is, without loading the glob matcher.
 * A repository's own root (`~/.config` kept in git) stays the root: SARIF
 * paths must be the repository's.
 */
function cwdRoot(cwd: string): string {
  return MAYBE_CONFIG_FOLDER.test(cwd) && !fs.existsSync(path.join(cwd, ".git")) ? aboveConfigFolders(cwd) : cwd;
}
const MAYBE_CONFIG_FOLDER = /[\\/](?:\.[^\\/]|User(?:[\\/]|$)|rooveterinaryinc\.roo-cline[\\/]|kilocode\.kilo-code[\\/])/;

/**
 * The folder that fingerprints name files from, which does not move with the folder the scan
 * runs from: the top of the git repository of the scanned paths (repositoryOf), else `fallback` (the
 * one folder scanned, else the scan root) above any catalog folder it ends in.
 */
export function fingerprintRoot(paths: readonly string[], cwd: string, fallback: string): string {
  return repositoryOf(paths, cwd) ?? aboveConfigFolders(fallback);
}

/**
 * The top folder of the git repository holding every scanned path (found from the file system,
 * no git run), else that of the current folder when a scanned path lies in it (`mcplint scan .
 * ../other/.mcp.json` from a checkout: the checkout's files keep their paths in it, and the
 * file from elsewhere is named from it with ../), if any.
 */
export function repositoryOf(paths: readonly string[], cwd: string): string | undefined {
  const folders = scannedFolders(paths.map((p) => path.resolve(cwd, p)));
  if (!folders.length) return undefined;
  const all = repositoryTop(folders.reduce(commonFolder));
  if (all !== undefined) return all;
  const own = repositoryTop(cwd);
  return own !== undefined && folders.some((f) => isInside(f, own)) ? own : undefined;
}

/** The folders of the scanned paths (a file's folder for a file); only what is walked counts, so a missing path or a device (`/dev/null`) is left out. */
function scannedFolders(abs: readonly string[]): string[] {
  return abs.flatMap((only) => {
    try {
      const st = fs.statSync(only);
      return st.isDirectory() ? [only] : st.isFile() ? [path.dirname(only)] : [];
    } catch {
      return [];
    }
  });
}

/** Is `abs` the folder `dir` or inside it? */
export function isInside(abs: string, dir: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** The deepest folder holding both (absolute) folders: the file system root at least, or the first's on another Windows drive. */
function commonFolder(a: string, b: string): string {
  let dir = a;
  while (!isInside(b, dir)) {
    const up = path.dirname(dir);
    if (up === dir) return dir;
    dir = up;
  }
  return dir;
}

/**
 * `--exclude` semantics: a glob matches the root-relative path of a file or
 * folder, and a glob without `/` (`k8s`, `*.log`) also its base name at any
 * depth; an excluded folder excludes everything under it (`--exclude k8s`,
 * `k8s/` and a `**` glob that ends in `/k8s` leave out every folder k8s;
 * `k8s/**`, `./k8s` and an absolute path only the root's, as in .gitignore).
 * A trailing `/` is dropped; a leading `./` too. An absolute path in `root`
 * (`--exclude "$PWD/vendor"`) is taken relative to `root`, the folder reported
 * paths are relative to; any other glob with a leading `/` is anchored there,
 * as in a .gitignore file (`/vendor`: root's vendor only).
 */
export function excludeFilter(exclude: readonly string[], root?: string): (rel: string) => boolean {
  if (exclude.length === 0) return () => false;
  const relative = (g: string) => (root !== undefined && path.isAbsolute(g) ? toPosix(path.relative(root, g)) || "." : g.replace(/^(?:\.\/)+(?=.)/, ""));
  const globs = exclude.map((g) => (g.length > 1 ? g.replace(/\/+$/, "") : g));
  // A glob anchored gitignore-style (`/vendor`) matches the path from the root only, never a base name.
  const anchored = globs.map((g) => anchoredGlob(g, root));
  const free = globs.filter((_, i) => anchored[i] === undefined);
  const m = globMatcher(free.map(relative), { dot: true });
  // Only a glob with no `/` (as written) is a name matched at any depth; `vendor/**`, `./vendor`
  // and "$PWD/vendor" are paths from the root, as in .gitignore (picomatch matches `vendor/**`
  // against the bare name `vendor`, which would leave out every folder of that name).
  const names = free.filter((g) => !g.includes("/") && !path.isAbsolute(g));
  const n = names.length ? globMatcher(names, { dot: true }) : () => false;
  const fromRoot = anchored.filter((g): g is string => g !== undefined);
  const a = fromRoot.length ? globMatcher(fromRoot, { dot: true }) : () => false;
  return (rel) => m(rel) || n(path.posix.basename(rel)) || a(rel);
}

/**
 * `isExcluded` for a path that the walk did not reach folder by folder (a file or folder
 * named on the command line, as pre-commit and lint-staged name them, a staged file, a
 * context file): it is excluded when one of the folders above it is, as the walk would
 * not have entered that folder.
 */
export function inExcludedFolder(isExcluded: (rel: string) => boolean): (rel: string) => boolean {
  return (rel) => {
    if (isExcluded(rel)) return true;
    for (let i = rel.indexOf("/"); i > 0; i = rel.indexOf("/", i + 1)) if (isExcluded(rel.slice(0, i))) return true;
    return false;
  };
}

export async function walk(options: WalkOptions): Promise<WalkResult> {
  const cwd = path.resolve(options.cwd);
  const inputPaths = options.paths.length ? options.paths : ["."];
  const root = rootOf(inputPaths, cwd);
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const files: WalkedFile[] = [];
  const isExcluded = excludeFilter(options.exclude ?? [], root);
  const isGivenExcluded = inExcludedFolder(isExcluded);

  const add = (abs: string, rel = toPosix(path.relative(root, abs)) || path.basename(abs), linkTo?: string) => {
    if (seen.has(abs) || isExcluded(rel)) return;
    seen.add(abs);
    files.push(linkTo === undefined ? { abs, rel } : { abs, rel, linkTo });
  };
  const links = linkReader(root);
  const folderDone = () => options.onFiles?.(files);

  for (const p of inputPaths) {
    const abs = path.resolve(cwd, p);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch (err) {
      diagnostics.push({ level: "error", code: "unreadable", message: `cannot read ${p}: ${errCode(err)}`, file: toPosix(p) });
      continue;
    }
    const given = toPosix(path.relative(root, abs));
    if (given && isGivenExcluded(given)) continue;
    if (st.isSymbolicLink()) {
      const rel = toPosix(path.relative(root, abs));
      const linkTo = links.followed(abs, rel);
      if (linkTo !== undefined) add(abs, rel, linkTo);
      else diagnostics.push({ level: "note", code: "symlink-not-followed", message: `${p} is a symbolic link; links are not followed`, file: toPosix(p) });
      folderDone();
      continue;
    }
    if (st.isFile()) {
      add(abs);
      folderDone();
      continue;
    }
    if (!st.isDirectory()) {
      diagnostics.push({ level: "note", code: "not-regular-file", message: `${p} is not a regular file; skipped`, file: toPosix(p) });
      continue;
    }
    walkDir(abs, root, { useGitignore: options.gitignore !== false, isExcluded, links }, diagnostics, add, folderDone);
  }
  files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return { root, files, diagnostics };
}

/**
 * Adds the regular files under `dir` with one synchronous `readdir` per
 * folder (directory entries come from the kernel's cache in microseconds; an
 * awaited round trip per folder, or a glob engine, cost more than the
 * listing). Skipped folders (`.git`, `node_modules` ...) and folders that a
 * `.gitignore` excludes are never entered; a `.gitignore` applies to its own
 * folder and everything below it, as in git, and not to files that git
 * tracks (read from the index when a rule first matches).
 */
function walkDir(
  dir: string,
  root: string,
  filters: { readonly useGitignore: boolean; readonly isExcluded: (rel: string) => boolean; readonly links: LinkReader },
  diagnostics: Diagnostic[],
  add: (abs: string, rel: string, linkTo?: string) => void,
  folderDone: () => void,
): void {
  const { useGitignore, isExcluded, links } = filters;
  const skipped = new Set(DEFAULT_SKIPPED_DIRS);
  const relToRoot = toPosix(path.relative(root, dir));
  const shown = (sub: string) => (relToRoot ? (sub ? `${relToRoot}/${sub}` : relToRoot) : sub);
  // A stack, not recursion: a deep tree cannot overflow the call stack. `sub`: POSIX path of `abs`
  // relative to `dir` ('' for dir itself); `scopes`: the .gitignore files above it, outermost first.
  const stack: { abs: string; sub: string; scopes: readonly GitignoreScope[] }[] = [{ abs: dir, sub: "", scopes: useGitignore ? ancestorScopes(dir) : [] }];
  let tracked: TrackedBelow | undefined;
  const ignored = (sub: string, isDir: boolean, scopes: readonly GitignoreScope[]) => {
    if (!isIgnored(sub, isDir, scopes)) return false;
    tracked ??= trackedBelow(dir);
    return isDir ? !tracked.folder(sub) : !tracked.file(sub);
  };
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { abs, sub, scopes } = top;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      const rel = shown(sub);
      diagnostics.push({ level: "warning", code: "unreadable", message: `cannot read folder ${rel || "."}: permission denied or gone`, file: rel });
      continue;
    }
    let here = scopes;
    if (useGitignore && entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      const scope = loadGitignore(path.join(abs, ".gitignore"), sub);
      if (scope) here = [...scopes, scope];
    }
    for (const e of entries) {
      const childSub = sub ? `${sub}/${e.name}` : e.name;
      // `abs` is resolved (path.resolve) and a directory entry's name has no separator: no path.join needed.
      const childAbs = abs.endsWith(path.sep) ? abs + e.name : abs + path.sep + e.name;
      if (e.isDirectory()) {
        if (skipped.has(e.name) || (here.length && ignored(childSub, true, here)) || isExcluded(shown(childSub))) continue;
        stack.push({ abs: childAbs, sub: childSub, scopes: here });
      } else if (e.name === ".git" || (here.length && ignored(childSub, false, here))) {
        // A `.git` file is a linked worktree's or a submodule's pointer to its git folder (`gitdir: ...`): git's, not the project's.
        continue;
      } else if (e.isSymbolicLink()) {
        const rel = shown(childSub);
        const linkTo = links.followed(childAbs, rel);
        if (linkTo !== undefined) add(childAbs, rel, linkTo);
        else diagnostics.push(symlinkDiagnostic(childAbs, root));
      } else if (!e.isFile()) {
        const rel = shown(childSub);
        diagnostics.push({ level: "note", code: "not-regular-file", message: `${rel} is not a regular file (FIFO, socket or device); not opened`, file: rel });
      } else {
        add(childAbs, shown(childSub));
      }
    }
    folderDone();
  }
}

interface LinkReader {
  /** The target (relative to the root) when the link at `abs` (`rel` from the root) is read through, else undefined. */
  followed(abs: string, rel: string): string | undefined;
}

/**
 * Which symbolic links are read through: a link whose own path is a catalog
 * configuration path (`.cursor/mcp.json -> ../.mcp.json`, one file shared by
 * several clients) and whose target is a regular file inside the root. The
 * client that reads the link's path gets its servers modelled. Links to
 * folders, out of the root, to devices, dangling links and loops are not.
 */
function linkReader(root: string): LinkReader {
  let realRoot: string | undefined;
  return {
    followed(abs, rel) {
      const spec = classifyPath(rel);
      if (!spec || spec.syntax === "typescript") return undefined;
      try {
        realRoot ??= fs.realpathSync(root);
        const target = fs.realpathSync(abs);
        if (!isInside(target, realRoot) || !fs.statSync(target).isFile()) return undefined;
        return toPosix(path.relative(realRoot, target));
      } catch {
        return undefined;
      }
    },
  };
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
  return isInside(target, root)
    ? { level: "note", code: "symlink-not-followed", message: `${rel}: symbolic link not followed (its target inside the root is scanned on its own)`, file: rel }
    : { level: "note", code: "symlink-outside-root", message: `${rel}: symbolic link to a path outside the scanned root; not followed`, file: rel };
}

interface GitignoreScope {
  readonly base: string; // POSIX folder relative to the walked dir ('' for top)
  /** For a .gitignore above the walked dir: the walked dir's path from its folder, with a trailing `/`. */
  readonly above?: string;
  readonly ig: Ignore;
  /** False: certainly not ignored by this file (gitignore-literals.ts); absent: ask `ig`. */
  readonly may?: (path: string) => boolean;
}

function loadGitignore(file: string, base: string, above?: string): GitignoreScope | undefined {
  try {
    // Looked at first: opening a FIFO named .gitignore (above the walked folder, where the walk's
    // own check of each entry does not reach) would wait for a writer for good.
    if (!fs.statSync(file).isFile()) return undefined;
    const content = fs.readFileSync(file, "utf8");
    const may = ignoredPathTest(content);
    return { base, ...(above ? { above } : {}), ig: ignore().add(content), ...(may ? { may } : {}) };
  } catch {
    // An unreadable .gitignore ignores nothing.
    return undefined;
  }
}

/**
 * The .gitignore files above `dir` in its git repository (outermost first),
 * as git applies them to a folder inside it: scanning `app/` honours the
 * repository root's `generated/`. None outside a repository (no `.git` in
 * `dir` or above it), or when `dir` is the repository's top; and not a file
 * that ignores `dir` itself.
 */
function ancestorScopes(dir: string): GitignoreScope[] {
  const top = repositoryTop(dir);
  if (top === undefined) return [];
  // The folders from the repository's top down to dir's parent, outermost first.
  const above: string[] = [];
  for (let d = path.resolve(dir); d !== top; d = path.dirname(d)) above.unshift(path.dirname(d));
  const scopes: GitignoreScope[] = [];
  for (const a of above) {
    // A folder without a .gitignore gives no scope (loadGitignore: unreadable ignores nothing).
    const scope = loadGitignore(path.join(a, ".gitignore"), "", `${toPosix(path.relative(a, dir))}/`);
    // A folder that a .gitignore above it ignores is scanned when asked for by name (as ripgrep
    // does; git would list nothing), and that file's rules are left out: they would ignore all of it.
    if (scope && !scope.ig.ignores(scope.above as string)) scopes.push(scope);
  }
  return scopes;
}

/** Is `sub` (a path below the walked dir; a folder when `isDir`) excluded by one of `scopes` (outermost first)? Its parents were checked on the way down. */
function isIgnored(sub: string, isDir: boolean, scopes: readonly GitignoreScope[]): boolean {
  for (const s of scopes) {
    const rel = (s.above ?? "") + (s.base ? sub.slice(s.base.length + 1) : sub);
    const asked = isDir ? `${rel}/` : rel;
    if ((s.may === undefined || s.may(asked)) && s.ig.ignores(asked)) return true;
  }
  return false;
}

export function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? "error";
}
