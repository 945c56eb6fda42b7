/**
 * Amp (`.amp/settings.json`, `~/.config/amp/settings.json`, the `amp.*` keys
 * of VS Code settings, and the enterprise `ampcode/managed-settings.json`):
 * the servers of `amp.mcpServers` (server-maps `ampAdapter`) and the
 * server-level policy `amp.mcpPermissions`. That is an ordered list of
 * `{ matches: { command, args, url }, action: "allow" | "reject" }` rules
 * with `*` globs (or `/regex/`): the first rule that matches a server decides
 * whether it starts, and a server no rule matches starts. Only a catch-all
 * `reject` (a rule whose every condition is a bare `*`: `command: "*"`, also
 * with `args: "*"`, for local servers, `url: "*"` for remote ones) makes the
 * default deny. A server a `reject` rule matches first never starts, so no
 * switch (`amp.dangerouslyAllowAll`, an `amp.permissions` allow) runs its tools.
 */
import { entry, get, isArray, isObject, str, strings, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import type { McpServer, Policy } from "../../types.js";
import { ampAdapter } from "../server-maps.js";
import { untrustedTest } from "../../../util/untrusted-regex.js";
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
 * comes from the scanned file: its run time is bounded (untrusted-regex.ts), so `/(a+)+$/` cannot stall
 * the scan; one whose run time cannot be bounded (a back-reference) matches nothing.
 */
function patternMatches(pattern: string, value: string): boolean {
  if (pattern.length > 1 && pattern.startsWith("/") && pattern.endsWith("/")) {
    const re = untrustedTest(pattern.slice(1, -1));
    return re.ok && re.test(value);
  }
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

/** The conditions a server of each kind can meet: a local server has no url, a remote one no command or args. */
const KIND_SIDES: Record<"command" | "url", readonly Side[]> = { command: ["command", "args"], url: ["url"] };

/**
 * The first rule that matches every server of one kind: each of its conditions is one the kind
 * can meet and holds a bare `*` (`command: "*"`, `{ command: "*", args: "*" }`, `url: "*"`).
 */
function catchAll(rules: readonly McpPermission[], kind: "command" | "url"): McpPermission | undefined {
  return rules.find((r) => [...r.matches].every(([side, m]) => KIND_SIDES[kind].includes(side) && m.patterns.some((p) => /^\*+$/.test(p))));
}

/** A rule's conditions as server matchers: `command` with its `args` (`*` for the command when only `args` is set), `url`. */
function matchers(r: McpPermission): { by: "command" | "url"; value: string; node: DocNode }[] {
  const command = r.matches.get("command");
  const args = r.matches.get("args");
  const url = r.matches.get("url");
  const out: { by: "command" | "url"; value: string; node: DocNode }[] = [];
  if (command) out.push({ by: "command", value: [command.patterns.join(" | "), ...(args ? [args.patterns.join(" | ")] : [])].join(" "), node: command.node });
  else if (args) out.push({ by: "command", value: `* ${args.patterns.join(" | ")}`, node: args.node });
  if (url) out.push({ by: "url", value: url.patterns.join(" | "), node: url.node });
  return out;
}

function readPolicy(input: AdapterInput, doc: DocNode, rules: readonly McpPermission[], servers: readonly McpServer[]): Policy | undefined {
  const managed = input.scope === "managed";
  const list = entry(doc, KEY);
  if (!list && !managed) return undefined;
  const d = new PolicyDraft(input, managed ? "managed" : "client");
  for (const r of rules) {
    const add = r.action === "allow" ? d.allow.bind(d) : d.deny.bind(d);
    for (const m of matchers(r)) add(m.by, m.value, m.node);
  }
  // A server a reject rule stops is denied as a whole: its authorization verdict names that rule.
  for (const s of servers) {
    const r = rejectedBy(rules, s);
    if (r) d.rule("deny", matchers(r).map((m) => `${m.by} ${m.value}`).join(", "), r.node, s.name);
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

/** The rule that rejects a server: the first rule that matches it, when that rule is a `reject`. */
function rejectedBy(rules: readonly McpPermission[], s: McpServer): McpPermission | undefined {
  const first = rules.find((r) => ruleMatches(r, s));
  return first?.action === "reject" ? first : undefined;
}

/** A server a rule rejects never starts: it is disabled and none of its tools runs, whatever grants them. */
function withPermission(rules: readonly McpPermission[]): (s: McpServer) => McpServer {
  return (s) => {
    if (!rejectedBy(rules, s)) return s;
    const { autoApprove: _autoApprove, trust: _trust, ...tools } = s.tools;
    return { ...s, enabled: false, tools: { ...tools, grants: [] } };
  };
}

/** Amp settings are JSON: one document. */
export const ampSettingsAdapter: Adapter = (input) => {
  const doc = input.docs[0];
  const rules = doc ? permissions(doc) : [];
  const servers = ampAdapter(input).servers.map(withPermission(rules));
  const policy = doc ? readPolicy(input, doc, rules, servers) : undefined;
  return { servers, policies: policy ? [policy] : [], diagnostics: [] };
};
