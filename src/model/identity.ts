/**
 * What a server *is*, independent of what it is called: the package it runs
 * (npx/uvx/...), the container image, or the URL it reaches. Approval lists,
 * the lock file and pinning checks compare these, never names alone (a name
 * is spoofable).
 */
import type { McpServer } from "./types.js";

export type ServerIdentity =
  | { readonly kind: "package"; readonly ecosystem: "npm" | "pypi"; readonly runner: string; readonly name: string; readonly version?: string }
  | { readonly kind: "image"; readonly name: string; readonly tag?: string; readonly digest?: string }
  | { readonly kind: "url"; readonly origin: string; readonly path: string; readonly url: string }
  | { readonly kind: "command"; readonly command: string };

const NPM_RUNNERS = new Set(["npx", "bunx", "pnpx"]);
const DLX = new Set(["pnpm", "yarn", "bun", "npm"]);
const PY_RUNNERS = new Set(["uvx", "pipx"]);

function basename(cmd: string): string {
  const b = cmd.split(/[\\/]/).pop() ?? cmd;
  return b.replace(/\.(cmd|exe|bat)$/i, "");
}

/** Splits `@scope/name@1.2.3` or `name@^1` into name and version. */
export function splitNpmSpec(spec: string): { name: string; version?: string } {
  const at = spec.lastIndexOf("@");
  if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1) };
  return { name: spec };
}

/** Splits `pkg==1.2.3`, `pkg@1.2.3`, `pkg>=1` into name and version. */
export function splitPySpec(spec: string): { name: string; version?: string } {
  const m = /^([A-Za-z0-9_.\-[\],]+?)(?:(==|@|>=|~=|<=|>|<)(.+))?$/.exec(spec);
  if (!m) return { name: spec };
  return m[3] ? { name: m[1] as string, version: `${m[2] === "==" || m[2] === "@" ? "" : m[2]}${m[3]}` } : { name: m[1] as string };
}

/** Splits `registry/repo:tag@sha256:...`. */
export function splitImage(ref: string): { name: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const d = rest.indexOf("@");
  if (d >= 0) {
    digest = rest.slice(d + 1);
    rest = rest.slice(0, d);
  }
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** First positional argument after the runner's own flags. */
function firstPositional(args: readonly string[], flagsWithValue: ReadonlySet<string>): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "--") return i + 1 < args.length ? i + 1 : -1;
    if (a.startsWith("-")) {
      if (flagsWithValue.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

const NPX_FLAGS_WITH_VALUE = new Set(["-p", "--package", "--registry", "--cache", "-c", "--call", "--node-options"]);
const UVX_FLAGS_WITH_VALUE = new Set(["--from", "--with", "--python", "-p", "--index", "--index-url", "--extra-index-url"]);
const DOCKER_FLAGS_WITH_VALUE = new Set(["-e", "--env", "-v", "--volume", "--mount", "--name", "--network", "--net", "-p", "--publish", "-w", "--workdir", "--user", "-u", "--entrypoint", "--env-file", "--platform", "--memory", "--cpus", "-l", "--label", "--pull", "--cap-add", "--cap-drop", "--add-host", "--hostname", "-h", "--log-driver", "--restart", "--security-opt", "--tmpfs", "--ulimit", "--device", "--gpus", "--ipc", "--pid", "--shm-size", "--stop-signal", "--runtime"]);

export function serverIdentity(s: McpServer): ServerIdentity | undefined {
  if (s.url) {
    try {
      const u = new URL(s.url.raw);
      return { kind: "url", origin: `${u.protocol}//${u.host}`, path: u.pathname, url: `${u.protocol}//${u.host}${u.pathname}` };
    } catch {
      return { kind: "url", origin: s.url.raw, path: "", url: s.url.raw };
    }
  }
  if (s.image) return { kind: "image", ...splitImage(s.image.raw) };
  if (!s.command) return undefined;
  const cmd = basename(s.command.raw);
  const args = s.args.map((a) => a.raw);
  if (NPM_RUNNERS.has(cmd) || (DLX.has(cmd) && (args[0] === "dlx" || args[0] === "exec" || (cmd === "npm" && args[0] === "exec")))) {
    const rest = NPM_RUNNERS.has(cmd) ? args : args.slice(1);
    const pkgFlag = rest.findIndex((a) => a === "-p" || a === "--package");
    const spec = pkgFlag >= 0 ? rest[pkgFlag + 1] : rest[firstPositional(rest, NPX_FLAGS_WITH_VALUE)];
    if (spec) return { kind: "package", ecosystem: "npm", runner: cmd, ...splitNpmSpec(spec.replace(/^--package=/, "")) };
  }
  if (PY_RUNNERS.has(cmd)) {
    const rest = cmd === "pipx" && args[0] === "run" ? args.slice(1) : args;
    const from = rest.findIndex((a) => a === "--from");
    const spec = from >= 0 ? rest[from + 1] : rest[firstPositional(rest, UVX_FLAGS_WITH_VALUE)];
    if (spec) return { kind: "package", ecosystem: "pypi", runner: cmd, ...splitPySpec(spec) };
  }
  if ((cmd === "docker" || cmd === "podman") && args[0] === "run") {
    const rest = args.slice(1);
    const i = firstPositional(rest, DOCKER_FLAGS_WITH_VALUE);
    const ref = i >= 0 ? rest[i] : undefined;
    if (ref) return { kind: "image", ...splitImage(ref) };
  }
  return { kind: "command", command: s.command.raw };
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
