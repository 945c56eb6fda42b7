/**
 * Which gateway or endpoint of the scanned repository a client's server reaches: a client URL
 * (`.mcp.json` `"url": "http://localhost:3000/mcp"`, an SDK client's URL) whose host and port
 * are where a gateway or an HTTP endpoint defined in the same scan takes calls (Policy.listens:
 * an agentgateway bind, a Compose service's published port, the port a server's code listens
 * on), and whose path that listener serves. Then the policy of that gateway or endpoint governs
 * the client's server too.
 *
 * Only listeners of the client's own project are candidates: the folder that holds a client's
 * configuration (the folder of its dot folder: `app/` for `app/.vscode/mcp.json`), or, for a
 * client in code, the folder of the nearest package manifest above it (`package.json`,
 * `deno.json`), else the code file's own folder. A tree of several projects (a folder of
 * checkouts) links none across them.
 *
 * Linked only when the evidence is unambiguous: the same host class (loopback is `localhost`,
 * `127.0.0.1`, `::1`, `0.0.0.0`; a Compose service by its name), the same port, a path the
 * listener serves, one definition only, and a port the file states (not a default the
 * environment may change). Otherwise the server is not linked, and the answer says why (two
 * definitions match; the port is not certain), naming the candidates.
 *
 * Pure; one pass over the listeners builds an index by host, port and folder (each listener under
 * every folder above its file), one look-up per server.
 */
import { isLoopbackHost } from "./endpoint.js";
import type { Listener, McpServer, Policy } from "./types.js";

export interface ServedLink {
  /** The policies of the one definition the URL reaches (the methods of one code endpoint, one gateway route); empty when not linked. */
  readonly policies: readonly Policy[];
  /** Names both files: `url http://localhost:3000/mcp in .mcp.json matches the server defined in src/server.ts:12 (app.listen(3000), POST /mcp)`; or why it is not linked. */
  readonly reason: string;
}

interface Candidate {
  readonly policy: Policy;
  readonly listener: Listener;
}

/** Where a client URL points: host class, port, path (no trailing slash), and a shown form without credentials. */
export interface UrlTarget {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly shown: string;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "ws:": 80, "https:": 443, "wss:": 443 };

/** `loopback` for this machine's names, else the lower-case host (a Compose service's name). */
export function hostClass(host: string): string {
  const h = host.toLowerCase().replace(/^\[|\]$/g, "");
  return isLoopbackHost(h) ? "loopback" : h;
}

const trimSlash = (p: string) => (p.length > 1 ? p.replace(/\/+$/, "") : p);

/** A literal absolute http(s)/ws(s) URL's target; undefined for references, templates and other schemes. */
export function urlTarget(raw: string): UrlTarget | undefined {
  if (/[${}]/.test(raw)) return undefined;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  const dflt = DEFAULT_PORTS[u.protocol];
  if (dflt === undefined || u.hostname === "") return undefined;
  const port = u.port === "" ? dflt : Number(u.port);
  const path = trimSlash(u.pathname === "" ? "/" : u.pathname);
  // The origin alone is shown: a query or user part may carry a credential (the path is shown only where a listener names it).
  return { host: hostClass(u.hostname), port, path, shown: `${u.protocol}//${u.host}` };
}

/** A package manifest: the folder it is in is one project (a package of a monorepo, one checkout of several). */
const MANIFEST = /(?:^|\/)(?:package\.json|deno\.jsonc?)$/;

/** `a/b/` for `a/b/c.ts`; `` for a file at the top. */
const folderOf = (file: string) => file.slice(0, file.lastIndexOf("/") + 1);

/**
 * The folder whose listeners a client's URL may reach: its configuration's project folder (the
 * one holding its dot folder), or for code the folder of the nearest package manifest above it.
 */
function projectFolder(s: McpServer, manifests: ReadonlySet<string>): string {
  const own = folderOf(s.file);
  if (s.scope === "code") {
    for (let f = own; ; f = folderOf(f.slice(0, -1))) {
      if (manifests.has(f)) return f;
      if (f === "") return own;
    }
  }
  const parts = own.split("/");
  // `app/.vscode/` -> `app/`: the dot folder's parent is the project.
  return parts.length >= 2 && (parts[parts.length - 2] as string).startsWith(".") ? parts.slice(0, -2).join("/") + (parts.length > 2 ? "/" : "") : own;
}

const key = (host: string, port: number, folder: string) => `${host}\u0000${port}\u0000${folder}`;

/** The folders above a file, nearest first, the top (``) last: `a/b/c.yaml` -> `a/b/`, `a/`, ``. */
function foldersAbove(file: string): string[] {
  const out: string[] = [];
  for (let f = folderOf(file); ; f = folderOf(f.slice(0, -1))) {
    out.push(f);
    if (f === "") return out;
  }
}

function serves(l: Listener, path: string): boolean {
  if (l.path === undefined) return true;
  const p = trimSlash(l.path);
  return l.prefix ? p === "/" || path === p || path.startsWith(`${p}/`) : path === p;
}

/** One definition: the methods of one code endpoint (one path, one listener), or one gateway route. */
const definition = (c: Candidate) => (c.policy.kind === "code" ? `${c.policy.file}\u0000${c.listener.loc.line}:${c.listener.loc.column}\u0000${c.listener.path ?? ""}` : c.policy.id);

const at = (c: Candidate) => `${c.policy.file}:${c.listener.loc.line}`;

function describe(group: readonly Candidate[]): string {
  const first = group[0] as Candidate;
  if (first.policy.kind === "code") return `the server defined in ${at(first)} (${first.listener.what}; ${[...new Set(group.map((c) => c.policy.name))].join(", ")})`;
  return `the gateway defined in ${at(first)} (${first.listener.what}; policy '${first.policy.name}' [${first.policy.client}/${first.policy.kind}])`;
}

/**
 * The link of each client server (by id) whose URL reaches a listener of the scan. Servers a
 * policy already names (a gateway's own upstreams) are left as they are; so are URLs of the file
 * that defines the listener.
 */
export function servedLinks(servers: readonly McpServer[], policies: readonly Policy[], files: readonly string[] = []): Map<string, ServedLink> {
  const out = new Map<string, ServedLink>();
  const index = new Map<string, Candidate[]>();
  for (const policy of policies) {
    // Under each folder above its file: a client's project folder finds its own listeners in one look-up.
    const folders = foldersAbove(policy.file);
    for (const listener of policy.listens ?? []) {
      for (const folder of folders) {
        const k = key(listener.host, listener.port, folder);
        const list = index.get(k);
        if (list) list.push({ policy, listener });
        else index.set(k, [{ policy, listener }]);
      }
    }
  }
  if (index.size === 0) return out;
  // A gateway's own upstreams (a client's settings naming a server do not put it behind anything).
  const governed = new Set(policies.flatMap((p) => (p.kind === "client" || p.kind === "managed" ? [] : p.governs)));
  const manifests = new Set(files.filter((f) => MANIFEST.test(f)).map(folderOf));
  for (const s of servers) {
    if (!s.url || s.url.ref.kind !== "literal" || governed.has(s.id)) continue;
    const t = urlTarget(s.url.raw);
    if (!t) continue;
    const project = projectFolder(s, manifests);
    const found = (index.get(key(t.host, t.port, project)) ?? []).filter((c) => c.policy.file !== s.file && serves(c.listener, t.path));
    if (found.length === 0) continue;
    const groups = new Map<string, Candidate[]>();
    for (const c of found) {
      const g = groups.get(definition(c));
      if (g) g.push(c);
      else groups.set(definition(c), [c]);
    }
    // The path as a listener names it (what follows it may carry a key: `/mcp/<token>`).
    const listed = found.find((c) => c.listener.path !== undefined)?.listener.path;
    const named = listed === undefined ? t.shown : `${t.shown}${trimSlash(listed)}${t.path === trimSlash(listed) ? "" : "/…"}`;
    const url = `url ${named} in ${s.file}`;
    const list = [...groups.values()];
    if (list.length > 1) {
      out.set(s.id, { policies: [], reason: `${url} matches ${list.length} definitions (${list.map(describe).join("; ")}): not linked, the files cannot tell which one it reaches` });
      continue;
    }
    const group = list[0] as Candidate[];
    const unsure = group.find((c) => c.listener.unsure !== undefined);
    if (unsure) {
      out.set(s.id, { policies: [], reason: `${url} may reach ${describe(group)}, but its port is not certain (${unsure.listener.unsure}): not linked` });
      continue;
    }
    out.set(s.id, { policies: group.map((c) => c.policy), reason: `${url} matches ${describe(group)}` });
  }
  return out;
}
