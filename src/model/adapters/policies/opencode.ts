/**
 * opencode (`opencode.json(c)`): the `mcp` map plus the `permission` rules that decide whether a
 * tool call runs, asks or is blocked (opencode.ai/docs/permissions). An MCP tool is asked for by
 * its name, `<server>_<tool>` (server and tool names with any character outside
 * `[A-Za-z0-9_-]` turned into `_`), so `"github_*": "ask"` covers every tool of server `github`.
 *
 * How opencode decides (packages/opencode/src/agent/agent.ts): its built-in rules come first
 * (`"*": "allow"`, so every tool, MCP tools included, runs without approval unless a rule says
 * otherwise), then the config's `permission` (a string sets every permission; an object maps a
 * permission pattern to an action, or to an object of input patterns, of which an MCP call asks
 * for `*`), then the agent's own `permission`; the last rule that matches wins. The legacy
 * `tools` map (`"github_*": false`) is read as deny rules placed before `permission`.
 *
 * What this file says is reported as it reads; what it leaves open is opencode's default only in
 * the user's global config (`~/.config/opencode/opencode.json`): a project file sits on top of the
 * user's, which may already ask.
 */
import { get, isObject, str, type DocNode } from "../../../parse/doc.js";
import { locOf, type Adapter, type AdapterInput } from "../../adapter.js";
import type { McpServer, ScopeGrant } from "../../types.js";
import { opencodeAdapter, withGrants } from "../server-maps.js";
import { wildcard } from "../../../util/wildcard.js";
import { PolicyDraft } from "./common.js";

const CLIENT = "opencode";

type Action = "allow" | "ask" | "deny";

/** One permission rule for MCP tool names, in the order opencode evaluates them. */
interface ToolRule {
  readonly pattern: string;
  readonly action: Action;
  readonly node: DocNode;
  /** The map that holds the rule, e.g. `permission` or `agent.build.permission`. */
  readonly key: string;
  /** The rule's own key path, e.g. `permission` (a string), `permission.*`, `permission.github_*.*`. */
  readonly path: string;
}

function action(node: DocNode | undefined): Action | undefined {
  const v = str(node);
  return v === "allow" || v === "ask" || v === "deny" ? v : undefined;
}

/**
 * The rules of a `permission` value for MCP tool names. A string is `{ "*": value }`; an object
 * entry whose value is an object of input patterns decides an MCP call by its `*` entry (an MCP
 * call asks with the input pattern `*`), else it says nothing about MCP calls.
 */
function permissionRules(value: DocNode | undefined, key: string): ToolRule[] {
  const whole = action(value);
  if (value && whole) return [{ pattern: "*", action: whole, node: value, key, path: key }];
  if (!isObject(value)) return [];
  return value.entries.flatMap((e): ToolRule[] => {
    const direct = action(e.value);
    if (direct) return [{ pattern: e.key, action: direct, node: e.value, key, path: `${key}.${e.key}` }];
    const star = isObject(e.value) ? e.value.entries.find((x) => x.key === "*") : undefined;
    const starAction = action(star?.value);
    return star && starAction ? [{ pattern: e.key, action: starAction, node: star.value, key, path: `${key}.${e.key}.*` }] : [];
  });
}

/** The legacy `tools` map: `false` removes the tools a pattern names (`true` adds nothing to the default). */
function legacyToolRules(tools: DocNode | undefined): ToolRule[] {
  if (!isObject(tools)) return [];
  return tools.entries.filter((e) => str(e.value) === "false").map((e) => ({ pattern: e.key, action: "deny" as const, node: e.value, key: "tools", path: `tools.${e.key}` }));
}

/**
 * Does `pattern` match every tool name of the server whose tools start with `prefix` (`github_`)?
 * Only when it ends in `*` and what comes before that star matches a prefix of `prefix`: the star
 * then takes whatever tool name follows.
 */
function coversEveryTool(pattern: string, prefix: string): boolean {
  if (!pattern.endsWith("*")) return false;
  const head = wildcard(pattern.slice(0, -1));
  for (let i = 0; i <= prefix.length; i++) if (head.test(prefix.slice(0, i))) return true;
  return false;
}

const sanitize = (name: string): string => name.replace(/[^A-Za-z0-9_-]/g, "_");

/**
 * The grants a server's tools get from the rules: the last rule that covers all its tools, when
 * it is a server's own allow (`"github_*": "allow"`, not the `*` that allows every tool, which is
 * a policy setting), and the tools named one by one that an allow leaves unprompted and no later
 * rule asks for.
 */
function serverGrants(input: AdapterInput, s: McpServer, rules: readonly ToolRule[]): ScopeGrant[] {
  const prefix = `${sanitize(s.name)}_`;
  const last = [...rules].reverse().find((r) => coversEveryTool(r.pattern, prefix));
  if (last?.action === "allow" && last.pattern !== "*") {
    return [{ kind: "auto-approve-all", key: last.key, tools: [last.pattern], loc: locOf(input, last.node.span) }];
  }
  const grants: ScopeGrant[] = [];
  rules.forEach((r, i) => {
    if (r.action !== "allow" || /[*?]/.test(r.pattern) || !r.pattern.startsWith(prefix) || r.pattern.length === prefix.length) return;
    const overridden = rules.slice(i + 1).some((later) => later.action !== "allow" && wildcard(later.pattern).test(r.pattern));
    if (!overridden) grants.push({ kind: "auto-approve-list", key: r.key, tools: [r.pattern.slice(prefix.length)], loc: locOf(input, r.node.span) });
  });
  return grants;
}

/**
 * opencode's global config (`~/.config/opencode/opencode.json(c)`, on every platform: opencode
 * follows XDG). A project folder that happens to be named `opencode` is not it.
 */
const isUserConfig = (file: string): boolean => /(^|\/)\.config\/opencode\/opencode\.jsonc?$/.test(file);

/** A rule that decides some tool of the server whose tools start with `prefix`. */
const concerns = (pattern: string, prefix: string): boolean => coversEveryTool(pattern, prefix) || pattern.startsWith(prefix);

function readPolicy(input: AdapterInput, rules: readonly ToolRule[], servers: readonly McpServer[]): PolicyDraft {
  const d = new PolicyDraft(input, "client");
  for (const r of rules) if (servers.some((s) => concerns(r.pattern, `${sanitize(s.name)}_`))) d.rule(r.action, r.pattern, r.node);
  const everything = [...rules].reverse().find((r) => r.pattern === "*");
  if (everything?.action === "allow") {
    d.setting(everything.path, everything.node, "permissive", "every tool call, MCP tools included, runs without approval");
    d.setDefault("allow", `\`${everything.path}\` is \`allow\`: every tool runs without approval`, d.loc(everything.node));
  } else if (everything) {
    d.setDefault(everything.action, `\`${everything.path}\` is \`${everything.action}\`: ${everything.action === "ask" ? "tools ask before they run" : "tools are blocked"} unless a later rule allows them`, d.loc(everything.node));
  } else if (isUserConfig(input.file) && servers.some((s) => !rules.some((r) => coversEveryTool(r.pattern, `${sanitize(s.name)}_`)))) {
    d.setDefault("allow", "no `permission` rule for `*`: opencode's own default allows every tool, MCP tools included, without approval (set `\"permission\": { \"*\": \"ask\" }`, or `\"<server>_*\": \"ask\"` for each server)");
  } else {
    d.setDefault("unknown", "no `permission` rule for `*` here: the user's global config, or else opencode's own default (allow), decides");
  }
  return d;
}

/** Each agent's `permission` that allows every tool (`"*": "allow"`, or `"allow"`): that agent runs every tool call unprompted. */
function readAgents(d: PolicyDraft, doc: DocNode): void {
  const agents = get(doc, "agent");
  if (!isObject(agents)) return;
  for (const a of agents.entries) {
    if (str(get(a.value, "disable")) === "true") continue;
    const rules = permissionRules(get(a.value, "permission"), `agent.${a.key}.permission`);
    const everything = [...rules].reverse().find((r) => r.pattern === "*");
    if (everything?.action === "allow") d.setting(`agent.${a.key}.permission`, everything.node, "permissive", `agent '${a.key}' runs every tool call, MCP tools included, without approval`);
  }
}

export const opencodeConfigAdapter: Adapter = (input) => {
  const servers: McpServer[] = [];
  // `.agents/mcp.json` and `mcp-local.json` are bare server maps: no permission there.
  if (!/(^|\/)opencode\.jsonc?$/.test(input.file)) return opencodeAdapter(input);
  const policies = input.docs.flatMap((doc) => {
    const rules = [...legacyToolRules(get(doc, "tools")), ...permissionRules(get(doc, "permission"), "permission")];
    const own = opencodeAdapter({ ...input, docs: [doc] }).servers.map((s) => withGrants(s, serverGrants(input, s, rules)));
    servers.push(...own);
    if (get(doc, "mcp") === undefined && get(doc, "permission") === undefined && get(doc, "agent") === undefined) return [];
    const d = readPolicy(input, rules, own);
    readAgents(d, doc);
    return [d.build(CLIENT, "policy", own)];
  });
  return { servers, policies, diagnostics: [] };
};
