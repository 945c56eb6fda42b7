/**
 * Loads a client fixture folder (`fixtures/clients/<id>/`) from disk with its
 * real relative paths, scans it in memory and gives small lookups on the model.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { scanSources, type ScanResult } from "../../../src/api.js";
import type { Loc } from "../../../src/model/location.js";
import type { ConfigValue, McpServer, NamedValue } from "../../../src/model/types.js";
import { folderSources } from "../../helpers.js";

export const FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures", "clients");

/**
 * Every planted file of a fixture folder, with its path relative to that folder (POSIX). The real
 * public files in its `real-*` folders are the audit corpus's (real-corpus.test.ts), not planted.
 */
export function fixtureSources(client: string): { path: string; text: string }[] {
  return folderSources(join(FIXTURES, client)).filter((s) => !s.path.startsWith("real-"));
}

export interface FixtureScan {
  readonly result: ScanResult;
  readonly servers: readonly McpServer[];
  /** The one server with this name (in `file`, when given). */
  server(name: string, file?: string): McpServer;
}

export function scanFixture(client: string): FixtureScan {
  const result = scanSources(fixtureSources(client));
  const servers = result.model.servers;
  return {
    result,
    servers,
    server(name, file) {
      const found = servers.filter((s) => s.name === name && (file === undefined || s.file === file));
      expect(found.map((s) => s.id), `server ${name}`).toHaveLength(1);
      return found[0] as McpServer;
    },
  };
}

/** `[line, column]` of a location. */
export function at(loc: Loc | undefined): [number, number] | undefined {
  return loc ? [loc.line, loc.column] : undefined;
}

/** Named values as `key -> ref kind (+ name)`, with `!` marking unexpanded text. */
export function refs(values: readonly NamedValue[]): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v.key, describe(v)]));
}

export function describe(v: ConfigValue): string {
  const r = v.ref;
  const base =
    r.kind === "literal" ? "literal" : r.kind === "input" ? `input:${r.id}` : r.kind === "file" ? `file:${r.path}` : r.kind === "encrypted" ? `encrypted:${r.scheme}` : r.kind === "env" && r.default !== undefined ? `env:${r.name}:-${r.default}` : `${r.kind}:${r.name}`;
  return v.unexpanded?.length ? `${base} !${v.unexpanded.join(" ")}` : base;
}

/** 1-based [line, column] of the n-th occurrence of `needle` in a fixture file (independent of the parser). */
export function find(client: string, file: string, needle: string, nth = 1): [number, number] {
  const text = readFileSync(join(FIXTURES, client, file), "utf8");
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} not found ${nth} times in ${file}`);
  }
  const before = text.slice(0, at).split("\n");
  return [before.length, (before[before.length - 1] ?? "").length + 1];
}

/** What a user needs to know about a server, in one comparable object. */
export function summary(s: McpServer) {
  const t = s.tools;
  return {
    client: s.client,
    scope: s.scope,
    transport: s.transport,
    enabled: s.enabled,
    ...(s.command ? { command: s.command.raw } : {}),
    args: s.args.map((a) => a.raw),
    ...(s.url ? { url: s.url.raw } : {}),
    env: refs(s.env),
    headers: refs(s.headers),
    ...(s.envPassthrough.length ? { passthrough: s.envPassthrough } : {}),
    ...(t.include ? { include: t.include } : {}),
    ...(t.exclude ? { exclude: t.exclude } : {}),
    ...(t.autoApprove ? { autoApprove: t.autoApprove } : {}),
    ...(t.trust !== undefined ? { trust: t.trust } : {}),
    // `all-tools` grants ("no include list") are added by client policy adapters where a client has one; tests that care check them directly.
    grants: t.grants.filter((g) => g.kind !== "all-tools").map((g) => `${g.kind}:${g.key}`),
  };
}

/** Credentials as `source:key -> ref`, for the ones not already in env/headers. */
export function creds(s: McpServer): Record<string, string> {
  return Object.fromEntries(s.credentials.map((c) => [`${c.source}:${c.key}`, describe(c)]));
}
