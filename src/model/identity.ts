/**
 * What a server *is*, independent of what it is called: the package it runs
 * (npx/uvx/...) or Nix flake (`nix run`), the container image, or the URL it reaches. Approval lists,
 * the lock file and shared-identity checks compare these, never names alone
 * (a name is spoofable). Launch lines are read by `launcher.ts`, the same
 * parser the pinning rule uses.
 */
import { launchedPackages } from "./launcher.js";
import type { McpServer } from "./types.js";

export type ServerIdentity =
  | { readonly kind: "package"; readonly ecosystem: "npm" | "jsr" | "deno" | "pypi" | "nix" | "nuget" | "go"; readonly name: string; readonly version?: string }
  | { readonly kind: "image"; readonly name: string; readonly tag?: string; readonly digest?: string }
  | { readonly kind: "url"; readonly origin: string; readonly path: string; readonly url: string }
  | { readonly kind: "command"; readonly command: string };

export function serverIdentity(s: McpServer): ServerIdentity | undefined {
  if (s.url) {
    try {
      const u = new URL(s.url.raw);
      return { kind: "url", origin: `${u.protocol}//${u.host}`, path: u.pathname, url: `${u.protocol}//${u.host}${u.pathname}` };
    } catch {
      return { kind: "url", origin: s.url.raw, path: "", url: s.url.raw };
    }
  }
  // What uv's `--with` adds runs beside the server and is not it (`uv run --with mcp[cli] mcp run server.py` is a local script).
  const launched = launchedPackages(s).find((l) => !l.extra);
  if (launched?.ecosystem === "image") {
    const v = launched.version;
    return { kind: "image", name: launched.name, ...(v ? (launched.pin === "digest" ? { digest: v } : { tag: v }) : {}) };
  }
  if (launched) return { kind: "package", ecosystem: launched.ecosystem, name: launched.name, ...(launched.version ? { version: launched.version } : {}) };
  return s.command ? { kind: "command", command: s.command.raw } : undefined;
}

export function describeIdentity(id: ServerIdentity): string {
  switch (id.kind) {
    case "package":
      return `${id.ecosystem} package ${id.name}${id.version ? `@${id.version}` : ""}`;
    case "image":
      return `image ${id.name}${id.tag ? `:${id.tag}` : ""}${id.digest ? `@${id.digest}` : ""}`;
    case "url":
      return `URL ${id.url}`;
    case "command":
      return `command ${id.command}`;
  }
}

/**
 * The workload a server is, for telling whether several servers share one
 * identity: the same package, image or URL set up in two clients is one
 * workload; a bare command counts only with the same name (two local
 * `node server.js` are not the same program).
 */
export function workloadOf(s: McpServer): string {
  const id = serverIdentity(s);
  return id && id.kind !== "command" ? describeIdentity(id) : `${s.name}\u0000${s.command?.raw ?? s.url?.raw ?? ""}`;
}
