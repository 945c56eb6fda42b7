/**
 * The paths git tracks, read from the repository's index file (no git
 * process). A `.gitignore` does not apply to tracked files: a `.mcp.json` or
 * `.env` committed before an ignore rule matched it (or added with `git add
 * -f`) is still in every clone, so the walk must not skip it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Tracked paths below the walked folder, relative to it (POSIX). */
export interface TrackedBelow {
  file(sub: string): boolean;
  /** Does the folder hold a tracked file? */
  folder(sub: string): boolean;
}

const NOTHING: TrackedBelow = { file: () => false, folder: () => false };

/**
 * The entry paths of a git index (versions 2 to 4), or undefined when the
 * bytes are not one. `hashSize` is 20 (SHA-1) or 32 (SHA-256 repositories).
 */
export function indexPaths(buf: Buffer, hashSize = 20): string[] | undefined {
  if (buf.length < 12 || buf.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buf.readUInt32BE(8);
  const out: string[] = [];
  let at = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    // ctime, mtime, dev, ino, mode, uid, gid, size: 40 bytes; then the object id and 16 bits of flags.
    const flagsAt = at + 40 + hashSize;
    if (flagsAt + 2 > buf.length) return undefined;
    const flags = buf.readUInt16BE(flagsAt);
    let nameAt = flagsAt + 2;
    if (flags & 0x4000) {
      if (version < 3) return undefined;
      nameAt += 2;
    }
    let name: Buffer;
    if (version === 4) {
      // The name is the previous one less `strip` bytes, then the bytes up to a NUL.
      let c = buf[nameAt++] ?? 0;
      let strip = c & 127;
      while (c & 128) {
        c = buf[nameAt++] ?? 0;
        strip = (strip + 1) * 128 + (c & 127);
      }
      const end = buf.indexOf(0, nameAt);
      if (end < 0 || strip > previous.length) return undefined;
      name = Buffer.concat([previous.subarray(0, previous.length - strip), buf.subarray(nameAt, end)]);
      at = end + 1;
    } else {
      const end = buf.indexOf(0, nameAt);
      if (end < 0) return undefined;
      name = buf.subarray(nameAt, end);
      // Entries are NUL-padded to a multiple of 8 bytes (at least one NUL).
      at += (end - at + 8) & ~7;
    }
    const length = flags & 0xfff;
    if (length !== 0xfff && length !== name.length) return undefined;
    previous = name;
    out.push(name.toString("utf8"));
  }
  return out;
}

/**
 * The bytes of `file` when it is a regular file (following links). Looked at before it is opened:
 * a FIFO named `.git` or `.git/index` (a tree unpacked from an archive) would block the read for good.
 */
function readRegularFile(file: string): Buffer {
  if (!fs.statSync(file).isFile()) throw new Error(`${file}: not a regular file`);
  return fs.readFileSync(file);
}

/** The index file of the repository whose top folder is `top` (`.git` may be a `gitdir:` file: worktrees, submodules). */
function indexFile(top: string): string | undefined {
  const dotGit = path.join(top, ".git");
  try {
    if (fs.statSync(dotGit).isDirectory()) return path.join(dotGit, "index");
    const m = /^gitdir:\s*(.+?)\s*$/m.exec(readRegularFile(dotGit).toString("utf8"));
    return m ? path.join(path.resolve(top, m[1] as string), "index") : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The top folder of the git repository holding `dir` (the nearest folder, `dir` itself
 * included, with a `.git` folder or, for worktrees and submodules, a `.git` file), or undefined.
 * Read from the file system: a scan never runs git.
 */
export function repositoryTop(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; ) {
    if (fs.existsSync(path.join(d, ".git"))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/** What git tracks below `dir`; nothing outside a repository or when the index cannot be read. */
export function trackedBelow(dir: string): TrackedBelow {
  const top = repositoryTop(dir);
  const file = top === undefined ? undefined : indexFile(top);
  if (top === undefined || file === undefined) return NOTHING;
  let buf: Buffer;
  try {
    buf = readRegularFile(file);
  } catch {
    return NOTHING;
  }
  const all = indexPaths(buf) ?? indexPaths(buf, 32);
  if (!all) return NOTHING;
  const prefix = path.relative(top, dir).split(path.sep).join("/");
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const p of all) {
    if (prefix && !p.startsWith(`${prefix}/`)) continue;
    const sub = prefix ? p.slice(prefix.length + 1) : p;
    files.add(sub);
    for (let slash = sub.lastIndexOf("/"); slash > 0; slash = sub.lastIndexOf("/", slash - 1)) {
      const folder = sub.slice(0, slash);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return { file: (sub) => files.has(sub), folder: (sub) => folders.has(sub) };
}
