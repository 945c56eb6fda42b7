/**
 * The scan model every rule reads: all servers, policies and secret hits from
 * all files, plus the documents themselves for rules that need raw settings.
 */
import type { Credential, Diagnostic, McpServer, Policy } from "../model/types.js";
import type { Loc } from "../model/location.js";
import { loadedFiles, loadersByFile, type LoadedFile } from "../model/loaded-files.js";
import type { SuppressionDirective } from "./suppress.js";

/** A secret-looking literal found in a file, attributed to a server where it sits in one. */
export interface SecretHit {
  readonly loc: Loc;
  /** Detector id: a provider (`github-pat-classic`) or `generic-*`. */
  readonly detector: string;
  readonly title: string;
  readonly confidence: "high" | "medium" | "low";
  /** Keyed hash of the secret (HMAC-SHA256, hex, truncated). */
  readonly hash: string;
  /** Short redacted preview: prefix + `…` ; never the whole value. */
  readonly preview: string;
  /** Where it was found: env key, header name, flag, setting key path. */
  readonly key?: string;
  readonly source: "env" | "header" | "arg" | "url" | "oauth" | "setting" | "text";
  readonly server?: { readonly id: string; readonly name: string; readonly client: string };
  /** Decoded facts for long-lived checks (JWT exp/iat, no-expiry token kinds). */
  readonly lifetime?: { readonly kind: "jwt"; readonly exp?: number; readonly iat?: number } | { readonly kind: "no-expiry"; readonly note: string };
}

/** A file the scan looked at, and what the catalog made of it. */
export interface ScannedFile {
  readonly path: string;
  /** Catalog format id, or `text` for the generic secret scan only. */
  readonly format: string;
  readonly client?: string;
  readonly bytes: number;
  /** POSIX permission bits (`0o644`), recorded for user-level files (`--user`) only. */
  readonly mode?: number;
  /** A symbolic link read through (`.cursor/mcp.json -> ../.mcp.json`): its target's path. */
  readonly linkTo?: string;
}

export interface ScanModel {
  readonly root: string;
  readonly files: readonly ScannedFile[];
  readonly servers: readonly McpServer[];
  readonly policies: readonly Policy[];
  readonly secrets: readonly SecretHit[];
  readonly diagnostics: readonly Diagnostic[];
  /** Syntax errors in catalog files. */
  readonly parseErrors: readonly { readonly loc: Loc; readonly message: string; readonly format: string; readonly analysed?: boolean; readonly asWritten?: boolean }[];
  /** Inline suppression comments (annotated with use and expiry once suppressions are applied). */
  readonly suppressionDirectives?: readonly SuppressionDirective[];
}

/**
 * The secret hits to report: all but those of a file read through a symbolic
 * link whose target the scan read as well. The model keeps them (the linked
 * client's servers do hold the secret), but it is one secret in one file,
 * reported once, at the real file.
 */
export function reportedSecrets(model: Pick<ScanModel, "files" | "secrets">): readonly SecretHit[] {
  const links = model.files.filter((f) => f.linkTo !== undefined);
  if (links.length === 0) return model.secrets;
  const scanned = new Set(model.files.map((f) => f.path));
  const aliases = new Set(links.filter((f) => scanned.has(f.linkTo as string)).map((f) => f.path));
  return aliases.size ? model.secrets.filter((h) => !aliases.has(h.loc.file)) : model.secrets;
}

/** The servers that take their credentials from each scanned file (`envFile`, `env_file`, `${file:...}`; model/loaded-files.ts). */
export function fileLoaders(model: Pick<ScanModel, "files" | "servers">): Map<string, LoadedFile[]> {
  return loadersByFile(model.servers, new Set(model.files.map((f) => f.path)));
}

/** The loaders of the file a hit is in that take that hit: all of them, but a keyed load (Goose `env_keys`) only its key. */
export function loadersOfHit(loaders: ReadonlyMap<string, readonly LoadedFile[]>, hit: SecretHit): LoadedFile[] {
  return (loaders.get(hit.loc.file) ?? []).filter((l) => l.key === undefined || l.key === hit.key);
}

/**
 * The loaders of a file as a phrase: `server 'github' (vscode, envFile)`,
 * `servers 'a' (vscode, envFile), 'b' (cursor, envFile)`, at most three named.
 */
export function describeLoaders(loads: readonly LoadedFile[]): string {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const l of loads) {
    if (seen.has(l.server.id)) continue;
    seen.add(l.server.id);
    names.push(`'${l.server.name}' (${l.server.client}, ${l.credential.key})`);
  }
  const shown = names.length > 3 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  return `${names.length === 1 ? "server" : "servers"} ${shown.join(", ")}`;
}

/**
 * What a finding about a loaded file carries: each loader's slot that names the file as a related
 * location, and the first loader as the finding's server. `loads` is not empty.
 */
export function loaderContext(loads: readonly LoadedFile[]): { related: { loc: Loc; message: string }[]; server: { name: string; client: string } } {
  const first = (loads[0] as LoadedFile).server;
  return {
    related: loads.map((l) => ({ loc: l.credential.loc, message: `server '${l.server.name}' (${l.server.client}) ${l.key === undefined ? `loads this file (${l.credential.key})` : `reads ${l.key} from this file`}` })),
    server: { name: first.name, client: first.client },
  };
}

/**
 * The literal credentials (not of low confidence, in no server's own entry) in each file of the
 * tree that one of this server's slots names (`envFile`), or under the names it reads from a
 * plain-text store (Goose `env_keys` in `secrets.yaml`): what it runs with, as written.
 */
export function loadedSecrets(model: Pick<ScanModel, "files" | "secrets">, s: McpServer): { credential: Credential; file: string; key?: string; hits: SecretHit[] }[] {
  if (!s.credentials.some((c) => c.ref.kind === "file" || c.ref.kind === "secretStore")) return [];
  return loadedFiles([s], new Set(model.files.map((f) => f.path))).map((l) => ({
    credential: l.credential,
    file: l.file,
    ...(l.key !== undefined ? { key: l.key } : {}),
    hits: model.secrets.filter((h) => h.loc.file === l.file && !h.server && h.confidence !== "low" && (l.key === undefined || h.key === l.key)),
  }));
}
