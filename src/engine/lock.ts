/**
 * The drift lock (`mcplint.lock.json`): what each server was when someone
 * reviewed it — identity, command or URL, version, credential references by
 * name, tool scope. `scan` compares the model against it. No secret is
 * stored: literal credentials appear as keyed hashes only.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { serverIdentity } from "../model/identity.js";
import type { McpServer } from "../model/types.js";
import { hitsInside, serverValueHits, type ScanModel, type SecretHit } from "./model.js";
import { shown, shownArgs, shownIdentity, withoutServerSecrets } from "./redact-values.js";
import { jsonErrorReason } from "../util/error-reasons.js";

export const LOCK_FILE_NAME = "mcplint.lock.json";

/**
 * Where a scan of `paths` keeps its lock: in the one folder scanned, else in
 * the scan's root (the current folder when every path lies inside it).
 */
export function lockFolder(paths: readonly string[], cwd: string, root: string): string {
  if (paths.length !== 1) return root;
  const only = path.resolve(cwd, paths[0] as string);
  try {
    return fs.statSync(only).isDirectory() ? only : root;
  } catch {
    return root;
  }
}

/**
 * The default lock of a scan whose lock folder is `lockDir`: the nearest
 * `mcplint.lock.json` from that folder up to the top of its repository (`top`;
 * a scan of `packages/agent` or from inside it compares against the
 * repository's lock), else the one in `lockDir` (which may not exist). Outside
 * a repository only `lockDir` is looked at.
 */
export function defaultLockPath(lockDir: string, top: string | undefined): string {
  const own = path.join(lockDir, LOCK_FILE_NAME);
  if (top === undefined) return own;
  const rel = path.relative(top, lockDir);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return own;
  for (let d = path.resolve(lockDir); ; d = path.dirname(d)) {
    const candidate = path.join(d, LOCK_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    if (d === path.resolve(top) || path.dirname(d) === d) return own;
  }
}

export interface LockScope {
  readonly autoApprove?: readonly string[] | "*";
  readonly trust?: boolean;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

export interface LockEntry {
  readonly client: string;
  readonly file: string;
  readonly name: string;
  readonly transport: string;
  readonly identity?: string;
  readonly version?: string;
  readonly command?: string;
  readonly args: readonly string[];
  readonly url?: string;
  /** `env:NAME`, `input:id`, `secretStore:name`, or `literal:<hash>`. */
  readonly credentials: readonly string[];
  readonly scope: LockScope;
}

export interface LockFile {
  readonly lockfileVersion: 1;
  readonly generatedBy: "mcplint";
  readonly servers: readonly LockEntry[];
}

export function lockKey(e: Pick<LockEntry, "client" | "file" | "name">): string {
  return `${e.client}\u0000${e.file}\u0000${e.name}`;
}

function credentialRef(s: McpServer, secrets: readonly SecretHit[]): string[] {
  const inside = hitsInside(secrets);
  return s.credentials
    .map((c) => {
      switch (c.ref.kind) {
        case "literal": {
          const hit = inside(c.loc)[0];
          return hit ? `${c.key}=literal:${hit.hash}` : undefined;
        }
        case "env":
          return `${c.key}=env:${c.ref.name}`;
        case "input":
          return `${c.key}=input:${c.ref.id}`;
        case "secretStore":
          return `${c.key}=secretStore:${c.ref.name}`;
        case "configMap":
          return `${c.key}=configMap:${c.ref.name}`;
        case "file":
          return `${c.key}=file:${c.ref.path}`;
        case "userPlaceholder":
          return `${c.key}=user:${c.ref.name}`;
        case "template":
          return `${c.key}=template:${c.ref.name}`;
        case "encrypted":
          return `${c.key}=encrypted:${c.ref.scheme}`;
        case "builtin":
          return undefined;
      }
    })
    .filter((x): x is string => x !== undefined)
    .sort();
}

/**
 * The lock's entry for a server. Only the secrets inside the server's own values are looked at
 * (every secret of its file, for each server, was quadratic: 11 s to lock a one-line file of
 * 4,000 servers).
 */
export function lockEntry(s: McpServer, model: Pick<ScanModel, "secrets">): LockEntry {
  const id = serverIdentity(s);
  const mine = serverValueHits(model, s);
  const url = shown(s.url, mine);
  const command = shown(s.command, mine);
  const version = id?.kind === "package" ? id.version : id?.kind === "image" ? (id.digest ?? id.tag) : undefined;
  return {
    client: s.client,
    file: s.file,
    name: s.name,
    transport: s.transport,
    ...(id ? { identity: shownIdentity(id, s, mine) } : {}),
    // The tag or version as written may be a detected secret (`img:<token>`): redacted as in identity and args.
    ...(version ? { version: withoutServerSecrets(version, s, mine) } : {}),
    ...(command ? { command } : {}),
    args: shownArgs(s, mine),
    ...(url ? { url } : {}),
    credentials: credentialRef(s, mine),
    scope: {
      ...(s.tools.autoApprove ? { autoApprove: s.tools.autoApprove } : {}),
      ...(s.tools.trust !== undefined ? { trust: s.tools.trust } : {}),
      ...(s.tools.include ? { include: s.tools.include } : {}),
      ...(s.tools.exclude ? { exclude: s.tools.exclude } : {}),
    },
  };
}

export function buildLock(model: ScanModel): LockFile {
  const servers = model.servers.map((s) => lockEntry(s, model)).sort((a, b) => (lockKey(a) < lockKey(b) ? -1 : lockKey(a) > lockKey(b) ? 1 : 0));
  return { lockfileVersion: 1, generatedBy: "mcplint", servers };
}

/**
 * The lock with its file paths re-expressed from folder `from` to folder `to`
 * (both absolute). A lock file's paths are relative to the folder it is in;
 * a scan's are relative to its root, which may be another folder (a scan of
 * `app/` from the repository's top).
 */
export function rebaseLock(lock: LockFile, from: string, to: string): LockFile {
  if (path.resolve(from) === path.resolve(to)) return lock;
  const move = (file: string) => path.relative(to, path.resolve(from, file)).split(path.sep).join("/");
  return { ...lock, servers: lock.servers.map((e) => ({ ...e, file: move(e.file) })) };
}

export function serializeLock(lock: LockFile): string {
  return JSON.stringify(lock, null, 2) + "\n";
}

/** Parses a lock file's text; undefined with a reason when it is not one. */
export function parseLock(text: string): { lock?: LockFile; error?: string } {
  try {
    const v = JSON.parse(text) as Partial<LockFile>;
    if (v.lockfileVersion !== 1 || !Array.isArray(v.servers)) return { error: "not an mcplint lock file (lockfileVersion 1 expected)" };
    return { lock: v as LockFile };
  } catch (err) {
    return { error: `invalid JSON: ${jsonErrorReason(err)}` };
  }
}

export type DriftKind = "new-server" | "identity" | "version" | "command" | "url" | "credentials" | "scope";

export interface Drift {
  readonly kind: DriftKind;
  readonly detail: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function widened(before: LockScope, after: LockScope): string[] {
  const out: string[] = [];
  if (after.trust === true && before.trust !== true) out.push("trust turned on");
  if (after.autoApprove === "*" && before.autoApprove !== "*") out.push("auto-approve widened to every tool");
  else if (Array.isArray(after.autoApprove)) {
    const prev = new Set(before.autoApprove === "*" ? [] : (before.autoApprove ?? []));
    const added = after.autoApprove.filter((t) => !prev.has(t));
    if (before.autoApprove !== "*" && added.length) out.push(`auto-approve added ${added.join(", ")}`);
  }
  if (before.include && !after.include) out.push("tool allowlist removed (every tool exposed)");
  else if (before.include && after.include) {
    const prev = new Set(before.include);
    const added = after.include.filter((t) => !prev.has(t));
    if (added.length) out.push(`tools added to the allowlist: ${added.join(", ")}`);
  }
  if (before.exclude?.some((t) => !after.exclude?.includes(t))) out.push("tools removed from the exclude list");
  return out;
}

/** What changed for one server since the lock (empty when nothing did). */
export function driftOf(current: LockEntry, locked: LockEntry | undefined): Drift[] {
  if (!locked) return [{ kind: "new-server", detail: "not in the lock file" }];
  const out: Drift[] = [];
  if (!same(current.identity, locked.identity) && !(current.version !== locked.version && identityName(current) === identityName(locked))) {
    out.push({ kind: "identity", detail: `${locked.identity ?? "unknown"} → ${current.identity ?? "unknown"}` });
  } else if (!same(current.version, locked.version)) out.push({ kind: "version", detail: `version ${locked.version ?? "unpinned"} → ${current.version ?? "unpinned"}` });
  if (!same(current.command, locked.command) || !same(current.args, locked.args)) {
    if (out.length === 0) out.push({ kind: "command", detail: `command changed: ${[locked.command, ...locked.args].join(" ")} → ${[current.command, ...current.args].join(" ")}` });
  }
  if (!same(current.url, locked.url) && out.length === 0) out.push({ kind: "url", detail: `URL ${locked.url ?? "none"} → ${current.url ?? "none"}` });
  if (!same(current.credentials, locked.credentials)) out.push({ kind: "credentials", detail: "credential references changed" });
  for (const w of widened(locked.scope, current.scope)) out.push({ kind: "scope", detail: w });
  return out;
}

/**
 * The identity without its version: `@<version>` (which may hold a `/`, as a git
 * branch does), else a trailing `@...` that is no URL's user part, then an image tag.
 */
function identityName(e: LockEntry): string | undefined {
  const id = e.version && e.identity?.endsWith(`@${e.version}`) ? e.identity.slice(0, -e.version.length - 1) : e.identity?.replace(/@[^@\s/]*$/, "");
  return id?.replace(/:[^:/\s]*$/, "");
}

/** The lock's files that the scan would have read and are deleted (api.ts withLock), and the lock's path from the root. */
export interface LockGone {
  readonly files: readonly string[];
  readonly lockFile: string;
}

export function lockGoneFromOptions(options: Readonly<Record<string, unknown>>): LockGone | undefined {
  const g = options["lockGone"] as LockGone | undefined;
  return g && Array.isArray(g.files) && typeof g.lockFile === "string" ? g : undefined;
}

export function lockFromOptions(options: Readonly<Record<string, unknown>>): LockFile | undefined {
  const l = options["lock"] as LockFile | undefined;
  return l && l.lockfileVersion === 1 && Array.isArray(l.servers) ? l : undefined;
}
