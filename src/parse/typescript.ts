/**
 * TypeScript and JavaScript sources through tree-sitter. The native binding is
 * an optional dependency: it is loaded (synchronously, with `createRequire`)
 * only when the first file that mentions MCP needs it, never on start-up. A
 * cheap substring prefilter keeps every other source file away from the
 * parser. When the binding cannot load, parsing yields one diagnostic with the
 * same text for every file; the scan dedupes it and goes on.
 *
 * Positions: the node binding hands the parser UTF-16 and reports
 * `startIndex`/`endIndex` in UTF-16 code units, i.e. JS string indices, which
 * is what `LineIndex` expects (tested with non-ASCII text before a value).
 */
import { createRequire } from "node:module";
import type { Diagnostic } from "../model/types.js";
import { treeMemory } from "./tree-memory.js";
import { MCP_CLIENT_WRAPPER_NAMES, MCP_CODE_MARKERS, MCP_SDK_MODULE, MCP_TRANSPORT_CLASSES, MCP_WRAPPER_MODULES } from "./mcp-code-markers.js";
import { GrammarNames, snapshotTree, type NativeTree } from "./ts-tree-snapshot.js";

/** The part of a tree-sitter node this project reads. */
export interface TsNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly children: readonly TsNode[];
  readonly namedChildren: readonly TsNode[];
  readonly parent: TsNode | null;
  childForFieldName(name: string): TsNode | null;
  descendantsOfType(types: string | readonly string[]): TsNode[];
}

export type TsDialect = "typescript" | "tsx";

/** Files above this size are not parsed (the text secret scan still runs). */
export const MAX_PARSE_CHARS = 1_000_000;

/** An `/mcp` route written as a string. */
const MCP_ROUTE = /\/mcp["'`]/;
/**
 * An import of a project module named after MCP (`from "./routes/mcp.js"`, `require("./mcp-router")`,
 * `from "./mcp/http.js"`, a Next.js alias `from "@/mcp/handler"`):
 * the file may mount the router that serves MCP, and the guard in front of it is there.
 */
const MCP_MODULE_IMPORT = /(?:\bfrom\s*|\brequire\(\s*)["'`](?:\.{1,2}|@|~)\/(?:[^"'`\n]*\/)?mcp[\w.-]*(?:\/[^"'`\n]*)?["'`]/i;

/**
 * The prefilter: does this text mention MCP at all? Pure and cheap: a few
 * linear substring passes over a file that has nothing to do with MCP (the
 * keyword pass usually rules it out before any of them runs).
 */
export function shouldParse(text: string): boolean {
  const m = MCP_CODE_MARKERS;
  if (text.includes(m.sdk) || text.includes(m.server)) return true;
  if (text.includes(m.transport) && MCP_TRANSPORT_CLASSES.some((c) => text.includes(c))) return true;
  if (MCP_WRAPPER_MODULES.some((w) => text.includes(w)) || text.includes(m.agentSse) || text.includes(m.agentClient)) return true;
  if (MCP_CLIENT_WRAPPER_NAMES.some((w) => text.includes(w))) return true;
  // A Mastra instance registering MCP servers made in other files (`new Mastra({ mcpServers: { notes } })`).
  if (text.includes("mcpServers") && text.includes("@mastra/core")) return true;
  if (text.includes("@modelcontextprotocol/") && MCP_SDK_MODULE.test(text)) return true;
  return text.includes(m.route) && (MCP_ROUTE.test(text) || MCP_MODULE_IMPORT.test(text));
}

/** The grammar for a file name, or undefined when it is not a TS/JS source. */
export function dialectOf(path: string): TsDialect | undefined {
  const m = /\.([cm]?[jt]sx?)$/i.exec(path);
  const ext = m?.[1]?.toLowerCase();
  if (ext === undefined) return undefined;
  if (ext === "ts" || ext === "mts" || ext === "cts") return "typescript";
  // .tsx, and every JavaScript flavour: tsx is a superset of JS with JSX.
  if (ext === "tsx" || ext === "js" || ext === "mjs" || ext === "cjs" || ext === "jsx") return "tsx";
  return undefined;
}

interface NativeParser {
  setLanguage(language: unknown): void;
  parse(input: (index: number) => string): NativeTree;
}

/** A dialect's parser, and what its grammar's ids mean. */
export interface DialectParser {
  readonly parser: NativeParser;
  readonly names: GrammarNames;
}

/** What loading the optional binding gives: one parser factory, or why not. */
export type Loaded = { readonly ok: true; readonly parserFor: (dialect: TsDialect) => DialectParser } | { readonly ok: false; readonly reason: string };

export type Loader = () => Loaded;

/** Loads tree-sitter and the TypeScript grammars; never throws. */
export function loadTreeSitter(): Loaded {
  try {
    const require = createRequire(import.meta.url);
    const Parser = require("tree-sitter") as new () => NativeParser;
    const grammars = require("tree-sitter-typescript") as Record<TsDialect, unknown>;
    const parsers = new Map<TsDialect, DialectParser>();
    return {
      ok: true,
      parserFor: (dialect) => {
        let p = parsers.get(dialect);
        if (!p) {
          const parser = new Parser();
          parser.setLanguage(grammars[dialect]);
          p = { parser, names: new GrammarNames() };
          parsers.set(dialect, p);
        }
        return p;
      },
    };
  } catch (err) {
    return { ok: false, reason: (err as Error).message.split("\n")[0] ?? "unknown error" };
  }
}

/** A lazy, memoised loader: the binding is required on first use only. */
export function lazyLoader(load: Loader = loadTreeSitter): Loader {
  let loaded: Loaded | undefined;
  return () => (loaded ??= load());
}

const defaultLoader = lazyLoader();

/**
 * This thread's parsed trees (tree-memory.ts). One per thread, as the native memory it accounts for
 * is: loops over many files release it when it is due.
 */
export const parsedTrees = treeMemory();

export type ParseOutcome =
  | { readonly kind: "parsed"; readonly root: TsNode; readonly ms: number }
  | { readonly kind: "skipped"; readonly reason: "no-mcp" | "too-large" | "not-source" }
  | { readonly kind: "unavailable"; readonly diagnostic: Diagnostic };

/** The diagnostic for a missing binding: identical for every file, so a scan reports it once. */
export function parserUnavailable(reason: string): Diagnostic {
  return {
    level: "warning",
    code: "parser-unavailable",
    message: `TypeScript/JavaScript MCP code was not analysed: the optional tree-sitter parser could not be loaded (${reason}). Install the optional dependencies (tree-sitter, tree-sitter-typescript) to enable it.`,
  };
}

/**
 * Prefilter, size cap, lazy load, parse. Never throws. `mayMentionMcp: false`
 * (the keyword pass found none of shouldParse's markers, case-insensitively)
 * skips the prefilter's own substring searches; `always` parses without the
 * prefilter (a file read for what it says about others, a Next.js middleware).
 */
export function parseSource(path: string, text: string, loader: Loader = defaultLoader, mayMentionMcp = true, always = false): ParseOutcome {
  const dialect = dialectOf(path);
  if (!dialect) return { kind: "skipped", reason: "not-source" };
  if (!always && (!mayMentionMcp || !shouldParse(text))) return { kind: "skipped", reason: "no-mcp" };
  if (text.length > MAX_PARSE_CHARS) return { kind: "skipped", reason: "too-large" };
  const loaded = loader();
  if (!loaded.ok) return { kind: "unavailable", diagnostic: parserUnavailable(loaded.reason) };
  try {
    parsedTrees.parsed(text.length);
    const t0 = performance.now();
    // A callback input: the binding rejects plain strings above 32 KiB.
    const { parser, names } = loaded.parserFor(dialect);
    const tree = parser.parse((i) => text.slice(i, i + 16_384));
    return { kind: "parsed", root: snapshotTree(tree, names), ms: performance.now() - t0 };
  } catch (err) {
    return { kind: "unavailable", diagnostic: { ...parserUnavailable((err as Error).message), file: path } };
  }
}
