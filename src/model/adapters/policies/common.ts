/**
 * Shared pieces of the client policy adapters: a small collector that turns
 * document nodes into PolicySetting / PolicyRule / ServerMatcher records with
 * exact locations, and the final Policy assembly.
 */
import { entry, isObject, str, type DocNode } from "../../../parse/doc.js";
import { locOf, type AdapterInput } from "../../adapter.js";
import { fileLoc, type Loc } from "../../location.js";
import type { Decision, McpServer, Policy, PolicyKind, PolicyRule, PolicySetting, PolicyToolGrant, ServerMatcher } from "../../types.js";

export type Effect = PolicySetting["effect"];

/** What an adapter found in one policy layer, before it becomes a Policy. */
export class PolicyDraft {
  readonly settings: PolicySetting[] = [];
  readonly toolRules: PolicyRule[] = [];
  readonly toolGrants: PolicyToolGrant[] = [];
  readonly serverAllow: ServerMatcher[] = [];
  readonly serverDeny: ServerMatcher[] = [];
  decision: Decision | "unknown" = "unknown";
  reason: string;
  defaultLoc: Loc;

  constructor(
    readonly input: AdapterInput,
    readonly kind: PolicyKind,
  ) {
    this.reason = "this file sets no default; other layers decide";
    this.defaultLoc = this.rootLoc();
  }

  loc(node: DocNode): Loc {
    return locOf(this.input, node.span);
  }

  /** Location of the document root (its first character), for "absent key" findings. */
  rootLoc(): Loc {
    const doc = this.input.docs[0];
    if (!doc) return fileLoc(this.input.file);
    const loc = locOf(this.input, { start: doc.span.start, end: doc.span.start + 1 });
    return loc;
  }

  setting(key: string, node: DocNode, effect: Effect, meaning: string, value?: string): void {
    this.settings.push({ key, value: value ?? display(node), loc: this.loc(node), effect, meaning });
  }

  rule(effect: Decision, pattern: string, node: DocNode, wholeServer?: string): void {
    this.toolRules.push({ effect, pattern, loc: this.loc(node), ...(wholeServer !== undefined ? { wholeServer } : {}) });
  }

  /** Named tools of `server` that run with no prompt, written at `node`. */
  toolGrant(server: string, key: string, tools: readonly string[], node: DocNode): void {
    this.toolGrants.push({ server, key, tools, loc: this.loc(node) });
  }

  allow(by: ServerMatcher["by"], value: string, node: DocNode): void {
    this.serverAllow.push({ by, value, loc: this.loc(node) });
  }

  deny(by: ServerMatcher["by"], value: string, node: DocNode): void {
    this.serverDeny.push({ by, value, loc: this.loc(node) });
  }

  /** Records the default decision, its reason and where it is decided. */
  setDefault(decision: Decision | "unknown", reason: string, loc?: Loc): void {
    this.decision = decision;
    this.reason = reason;
    this.defaultLoc = loc ?? this.rootLoc();
  }

  build(client: string, suffix = "policy", governs: readonly McpServer[] = []): Policy {
    const i = this.input;
    return {
      id: `${i.file}#${suffix}`,
      client,
      kind: this.kind,
      name: i.file,
      file: i.file,
      loc: this.rootLoc(),
      ...(this.serverAllow.length ? { serverAllow: this.serverAllow } : {}),
      ...(this.serverDeny.length ? { serverDeny: this.serverDeny } : {}),
      toolRules: this.toolRules,
      ...(this.toolGrants.length ? { toolGrants: this.toolGrants } : {}),
      settings: this.settings,
      defaultDecision: this.decision,
      defaultReason: this.reason,
      defaultLoc: this.defaultLoc,
      governs: governs.map((s) => s.id),
    };
  }
}

/** A short text form of a value node for messages (`true`, `"all"`, `[2 items]`). */
export function display(node: DocNode, depth = 0): string {
  if (node.type === "string") return JSON.stringify(node.value);
  if (depth > 1) return node.type === "object" ? "{…}" : node.type === "array" ? "[…]" : String(node.value);
  if (node.type === "array") return `[${node.items.map((n) => display(n, depth + 1)).join(", ")}]`;
  if (node.type === "object") return `{ ${node.entries.map((e) => `${JSON.stringify(e.key)}: ${display(e.value, depth + 1)}`).join(", ")} }`;
  return String(node.value);
}

/**
 * A setting that editors write either as one dotted key (`"chat.mcp.access"`,
 * VS Code style) or as nested objects. Returns the node and the key path as
 * the file spells it.
 */
export function dotted(root: DocNode | undefined, key: string): { key: string; node: DocNode } | undefined {
  const flat = entry(root, key);
  if (flat) return { key, node: flat.value };
  const parts = key.split(".");
  for (let i = parts.length - 1; i >= 1; i--) {
    const head = entry(root, parts.slice(0, i).join("."));
    if (head && isObject(head.value)) {
      const rest = dotted(head.value, parts.slice(i).join("."));
      if (rest) return { key, node: rest.node };
    }
  }
  return undefined;
}

/** The string value of a dotted setting. */
export function dottedStr(root: DocNode | undefined, key: string): { value: string; node: DocNode } | undefined {
  const d = dotted(root, key);
  const v = str(d?.node);
  return d && v !== undefined ? { value: v, node: d.node } : undefined;
}

/** True when a pattern holds a glob wildcard. */
export function isWildcard(pattern: string): boolean {
  return pattern.includes("*");
}

/**
 * Adds an `all-tools` grant to a server that has no include list (`includeTools`, `enabled_tools`).
 * A server that never starts (`enabled = false`, or one `connects` rules out) exposes no tool.
 */
export function withAllToolsGrant(key: string, connects: (s: McpServer) => boolean = () => true): (s: McpServer) => McpServer {
  return (s) => (s.tools.include || !s.enabled || !connects(s) ? s : { ...s, tools: { ...s.tools, grants: [...s.tools.grants, { kind: "all-tools", key, loc: s.loc }] } });
}

/**
 * Gemini CLI and Qwen Code `mcp.allowed` (its value node, when the key is set): once set only
 * the servers it names connect; where servers are configured without it (or in system settings)
 * every configured server connects; elsewhere other settings layers decide.
 */
export function mcpAllowedDefault(d: PolicyDraft, allowed: DocNode | undefined, servers: readonly McpServer[], named = "named in"): void {
  if (allowed) d.setDefault("deny", `only servers ${named} \`mcp.allowed\` connect`, d.loc(allowed));
  else if (d.input.scope === "system" || servers.length > 0) d.setDefault("allow", "`mcp.allowed` is not set, so the effective default is that every configured server connects (name the servers in `mcp.allowed`, best in system settings)");
  else d.setDefault("unknown", "no `mcp.allowed` and no servers here; other settings layers decide");
}
