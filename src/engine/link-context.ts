/**
 * The files a scan reads again, for the cross-file links of its code
 * (model/code-links.ts) only: the Next.js middleware of the app a route file
 * sits in, the files that mount a router or serve a handler, the entry file of
 * the NestJS app a controller route belongs to. A scan of a few files
 * (`scan --staged`) has not read them at all; a full scan has read them but
 * parsed only those that mention MCP, so an app that mounts a router named
 * `api` (`app.use("/api", api)`) said nothing about the `/mcp` route in it.
 * Without them a staged route guarded by the app's unchanged middleware
 * would come out open, and a router mounted bare would be unknown.
 *
 * Asked only when a scanned code file has an HTTP MCP endpoint that is not
 * guarded on its own, or a NestJS route (whose path the entry's global prefix
 * changes). What is found in a context file (findings, secrets,
 * diagnostics) is dropped: it is not part of what was asked to be scanned,
 * or was reported already.
 */
import { linkCode, mountedAs, mountKeys, nextAppFolder, type FileLinks } from "../model/code-links.js";
import type { CodeLinks, CodeMount } from "../model/types.js";
import { MIDDLEWARE_NAMES, SOURCE_EXTENSIONS, withoutSourceExtension } from "../parse/mcp-code-markers.js";
import { dialectOf } from "../parse/typescript.js";
import type { FileAnalysis } from "./analyze-file.js";
import { escapeRegExp } from "../util/escape-regexp.js";

export type ContextSource = { readonly path: string; readonly text: string };

/** Where the context comes from (the git index for --staged). */
export interface LinkContextReader {
  /** Those of these files that exist (a Next.js app's `middleware.ts`, a NestJS app's `src/main.ts`). */
  files(paths: readonly string[]): readonly ContextSource[];
  /** Code files that may import one of these files (by the last part of its path). */
  importers(files: readonly string[]): readonly ContextSource[];
}

/** The paths Next.js may read a middleware from in this app folder (`middleware.ts`, Next 16's `proxy.ts`, other extensions). */
export function middlewarePaths(folder: string): string[] {
  return MIDDLEWARE_NAMES.flatMap((n) => SOURCE_EXTENSIONS.map((e) => `${folder}${n}.${e}`));
}

/** The names (without extension) a NestJS app's entry file has: the Nest CLI's `main`, and the usual others. */
const NEST_ENTRY_NAMES: readonly string[] = ["main", "bootstrap", "server", "index"];

/** The paths a NestJS entry file may have in this folder (`src/main.ts` and its other names and extensions). */
export function nestEntryPaths(folder: string): string[] {
  return NEST_ENTRY_NAMES.flatMap((n) => SOURCE_EXTENSIONS.map((e) => `${folder}${n}.${e}`));
}

/** The folders above a file, nearest first, the root (`""`) last (`src/mcp/x.ts` -> `src/mcp/`, `src/`, `""`). */
function foldersAbove(file: string): string[] {
  const out: string[] = [];
  for (let i = file.lastIndexOf("/"); i >= 0; i = file.lastIndexOf("/", i - 1)) out.push(file.slice(0, i + 1));
  return [...out, ""];
}

/** The last part of the specifier another file imports this one by (`routes/mcp.ts` -> `mcp`; `routes/mcp/index.ts` -> `mcp`). */
export function importStem(file: string): string | undefined {
  const parts = withoutSourceExtension(file).split("/");
  const last = parts.pop();
  return last === "index" ? parts.pop() : last;
}

/** The distinct import stems of these files (importStem). */
export function importStems(files: readonly string[]): string[] {
  return [...new Set(files.map(importStem).filter((x): x is string => x !== undefined && x !== ""))];
}

/**
 * A quoted import specifier of one of these files (`"./routes/api.js"`, `'../api'`), as a POSIX
 * extended regular expression that JavaScript reads the same way (git grep -E takes it too).
 * Undefined when no file has a stem.
 */
export function importerPattern(files: readonly string[]): string | undefined {
  const stems = importStems(files);
  if (stems.length === 0) return undefined;
  return `['"/](${stems.map(escapeRegExp).join("|")})(\\.[cm]?[jt]sx?)?['"]`;
}

/** How deep mounts are followed (code-links follows a router mounted on a router a few levels up). */
const ROUNDS = 5;

/**
 * The links of the context files the scanned analyses need. `analyse` reads one context
 * file's links (parsed whether it mentions MCP or not); `skip` tells a path not to read
 * (excluded). A scanned file that was parsed is not read again; one that was not (no MCP
 * word in it) is, as context.
 */
export function linkContext(analyses: readonly FileAnalysis[], reader: LinkContextReader, analyse: (s: ContextSource) => CodeLinks | undefined, skip: (path: string) => boolean): FileLinks[] {
  const own = analyses.flatMap((a) => (a.links ? [{ file: a.file.path, links: a.links }] : []));
  const linked = linkCode(
    analyses.flatMap((a) => a.policies),
    own,
  );
  const open = linked.filter((p) => p.kind === "code" && p.route !== undefined && p.defaultDecision !== "deny");
  // A NestJS route's path and guards depend on its app's entry file, guarded or not.
  const nest = linked.filter((p) => p.kind === "code" && p.route?.nest !== undefined);
  if (open.length === 0 && nest.length === 0) return [];
  const seen = new Set(analyses.filter((a) => a.file.format !== "text" || a.links !== undefined).map((a) => a.file.path));
  const out: FileLinks[] = [];
  const folders = new Set<string>();
  const importersOf = new Set<string>();
  const asked = new Set<string>();
  const ask = (set: Set<string>, kind: string) => {
    const fresh = [...set].filter((x) => !asked.has(`${kind}:${x}`));
    fresh.forEach((x) => asked.add(`${kind}:${x}`));
    set.clear();
    return fresh;
  };
  // The files on an open endpoint's way out: its own, then each file that mounts one of them on a
  // router of its own, whose mounts decide in turn. Only mounts of those files are followed: a call
  // of an imported function elsewhere (every module makes them) asks for nothing.
  const chain = new Set<string>();
  const byKey = new Map<string, { file: string; m: CodeMount }[]>();
  const onChain = (file: string, m: CodeMount) => {
    const folder = m.at !== undefined ? nextAppFolder(file) : undefined;
    if (folder !== undefined) folders.add(folder);
    if (m.via !== undefined) extend(file);
  };
  const extend = (file: string) => {
    const key = mountedAs(file);
    if (chain.has(key)) return;
    chain.add(key);
    importersOf.add(file);
    for (const x of byKey.get(key) ?? []) onChain(x.file, x.m);
  };
  const know = (f: FileLinks) => {
    for (const m of f.links.mounts ?? []) {
      if (m.guard !== undefined) continue;
      const keys = mountKeys(m);
      for (const k of keys) {
        const list = byKey.get(k);
        if (list) list.push({ file: f.file, m });
        else byKey.set(k, [{ file: f.file, m }]);
      }
      if (keys.some((k) => chain.has(k))) onChain(f.file, m);
    }
  };
  for (const p of open) {
    const folder = nextAppFolder(p.file);
    if (folder !== undefined) folders.add(folder);
    // A framework's middleware file (xmcp's src/middleware.ts): its folder, as a Next.js app's.
    const middleware = p.route?.middleware;
    if (middleware !== undefined) folders.add(middleware.slice(0, middleware.lastIndexOf("/") + 1));
    if (p.route?.router !== undefined) extend(p.file);
  }
  own.forEach(know);
  const read = (found: readonly ContextSource[]) => {
    for (const s of found) {
      if (seen.has(s.path) || skip(s.path)) continue;
      seen.add(s.path);
      const links = analyse(s);
      if (!links) continue;
      const f = { file: s.path, links };
      out.push(f);
      know(f);
    }
  };
  // The entry files above a NestJS route, then the root modules they make apps of (their APP_GUARD providers).
  const unseen = (paths: readonly string[]) => [...new Set(paths)].filter((x) => !seen.has(x));
  const entries = unseen(nest.flatMap((p) => foldersAbove(p.file)).flatMap(nestEntryPaths));
  if (entries.length) read(reader.files(entries).filter((s) => s.text.includes("NestFactory")));
  const modules = unseen([...own, ...out].flatMap((f) => f.links.nestApps ?? []).flatMap((a) => (a.module === undefined ? [] : SOURCE_EXTENSIONS.flatMap((e) => [`${a.module}.${e}`, `${a.module}/index.${e}`]))));
  if (nest.length && modules.length) read(reader.files(modules).filter((s) => s.text.includes("APP_GUARD")));
  for (let round = 0; round < ROUNDS && (folders.size > 0 || importersOf.size > 0); round++) {
    const middleware = ask(folders, "m");
    const importers = ask(importersOf, "i");
    read([...(middleware.length ? reader.files(middleware.flatMap(middlewarePaths)) : []), ...(importers.length ? reader.importers(importers) : [])]);
  }
  return out;
}

/** Link context from files already in memory (scanSources' own sources, when no other reader is given). */
export function sourcesContext(sources: readonly ContextSource[]): LinkContextReader {
  return {
    files(paths) {
      const wanted = new Set(paths);
      return sources.filter((s) => wanted.has(s.path));
    },
    importers(files) {
      const pattern = importerPattern(files);
      if (pattern === undefined) return [];
      const re = new RegExp(pattern);
      return sources.filter((s) => dialectOf(s.path) !== undefined && re.test(s.text));
    },
  };
}
