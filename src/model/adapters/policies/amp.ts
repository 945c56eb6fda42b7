/**
 * Amp (`.amp/settings.json`, `~/.config/amp/settings.json`, the `amp.*` keys
 * of VS Code settings, and the enterprise `ampcode/managed-settings.json`):
 * the servers of `amp.mcpServers` (server-maps `ampAdapter`) and the
 * server-level policy `amp.mcpPermissions`. That is an ordered list of
 * `{ matches: { command, args, url }, action: "allow" | "reject" }` rules
 * with `*` globs (or `/regex/`): the first rule that matches a server decides
 * whether it starts, and a server no rule matches starts. Only a catch-all
 * `reject` (`command: "*"` for local servers, `url: "*"` for remote ones)
 * makes the default deny.
 */
import { entry, get, isArray, isObject, str, strings, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import type { McpServer, Policy } from "../../types.js";
import { ampAdapter } from "../server-maps.js";
import { untrustedRegExp } from "../../../util/untrusted-regex.js";
import { wildcard } from "../../../util/wildcard.js";
import { PolicyDraft } from "./common.js";

const CLIENT = "amp";
const KEY = "amp.mcpPermissions";

/** What a rule matches on. */
type Side = "command" | "args" | "url";
const SIDES: readonly Side[] = ["command", "args", "url"];

interface McpPermission {
  readonly action: "allow" | "reject";
  readonly node: DocNode;
  /** Each condition's patterns (a string or a list of strings) and the node that holds them. */
  readonly matches: ReadonlyMap<Side, { readonly patterns: readonly string[]; readonly node: DocNode }>;
}

function permissions(doc: DocNode): McpPermission[] {
  const list = get(doc, KEY);
  if (!isArray(list)) return [];
  return list.items.flatMap((node) => {
    const action = str(get(node, "action"));
    const m = get(node, "matches");
    if ((action !== "allow" && action !== "reject") || !isObject(m)) return [];
    const matches = new Map<Side, { patterns: string[]; node: DocNode }>();
    for (const side of SIDES) {
      const e = entry(m, side);
      if (!e) continue;
      const one = str(e.value);
      matches.set(side, { patterns: one !== undefined ? [one] : strings(e.value).map((s) => s.value), node: e.value });
    }
    return matches.size ? [{ action, node, matches }] : [];
  });
}

/**
 * A pattern as Amp reads it: `/regex/`, else a glob where `*` is any run of characters. The regex
 * comes from the scanned file: its backtracking is bounded, so `/(a+)+$/` cannot stall the scan.
 */
function patternMatches(pattern: string, value: string): boolean {
  if (pattern.length > 1 && pattern.startsWith("/") && pattern.endsWith("/")) return untrustedRegExp(pattern.slice(1, -1))?.test(value) ?? false;
  return wildcard(pattern).test(value);
}

/**
 * Does every condition of a rule hold for a server? `command` is tried on the command alone and on
 * the whole command line (Amp's own example matches `npx @modelcontextprotocol/server-*`).
 */
function ruleMatches(rule: McpPermission, s: McpServer): boolean {
  const command = s.command?.raw;
  const args = s.args.map((a) => a.raw).join(" ");
  const values: Record<Side, readonly string[]> = {
    command: command === undefined ? [] : [command, args ? `${command} ${args}` : command],
    args: command === undefined ? [] : [args],
    url: s.url && s.transport !== "stdio" ? [s.url.raw] : [],
  };
  return [...rule.matches].every(([side, m]) => values[side].some((v) => m.patterns.some((p) => patternMatches(p, v))));
}

/** The action of the first rule that matches every server of one kind (`command: "*"`, `url: "*"`). */
function catchAll(rules: readonly McpPermission[], side: "command" | "url"): McpPermission | undefined {
  return rules.find((r) => r.matches.size === 1 && r.matches.get(side)?.patterns.some((p) => /^\*+$/.test(p)));
}

function readPolicy(input: AdapterInput, doc: DocNode, rules: readonly McpPermission[], servers: readonly McpServer[]): Policy | undefined {
  const managed = input.scope === "managed";
  const list = entry(doc, KEY);
  if (!list && !managed) return undefined;
  const d = new PolicyDraft(input, managed ? "managed" : "client");
  for (const r of rules) {
    const command = r.matches.get("command");
    const args = r.matches.get("args");
    const url = r.matches.get("url");
    const add = r.action === "allow" ? d.allow.bind(d) : d.deny.bind(d);
    if (command) add("command", [command.patterns.join(" | "), ...(args ? [args.patterns.join(" | ")] : [])].join(" "), command.node);
    else if (args) add("command", `* ${args.patterns.join(" | ")}`, args.node);
    if (url) add("url", url.patterns.join(" | "), url.node);
  }
  const local = catchAll(rules, "command");
  const remote = catchAll(rules, "url");
  if (!list) {
    d.setDefault("allow", `unset \`${KEY}\` lets every MCP server start (end the list with catch-all \`reject\` rules, \`command: "*"\` and \`url: "*"\`)`);
  } else if (local?.action === "reject" && remote?.action === "reject") {
    d.setDefault("deny", `\`${KEY}\` ends in catch-all \`reject\` rules: only servers an earlier \`allow\` rule matches start`, d.loc(list.value));
  } else {
    const open = local?.action === "reject" ? "remote servers" : remote?.action === "reject" ? "local (command) servers" : "servers";
    d.setDefault("allow", `${open} that no \`${KEY}\` rule matches start (Amp allows a server no rule matches; add a catch-all \`reject\` rule)`, d.loc(list.value));
  }
  return d.build(CLIENT, "amp-mcp-permissions", servers);
}

/** A server the first matching rule rejects never starts. */
function withPermission(rules: readonly McpPermission[]): (s: McpServer) => McpServer {
  return (s) => (rules.find((r) => ruleMatches(r, s))?.action === "reject" ? { ...s, enabled: false } : s);
}

/** Amp settings are JSON: one document. */
export const ampSettingsAdapter: Adapter = (input) => {
  const doc = input.docs[0];
  const rules = doc ? permissions(doc) : [];
  const servers = ampAdapter(input).servers.map(withPermission(rules));
  const policy = doc ? readPolicy(input, doc, rules, servers) : undefined;
  return { servers, policies: policy ? [policy] : [], diagnostics: [] };
};
