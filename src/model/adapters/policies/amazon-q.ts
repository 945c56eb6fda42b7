/**
 * Amazon Q Developer agent files (`default.json`, `cli-agents/*.json`) and
 * Kiro agent files (`.kiro/agents/*.json`, the same format, and the Markdown
 * profiles `.kiro/agents/**\/*.md` whose YAML front matter holds the same keys):
 * the agent's own `mcpServers` plus `tools` (what the agent may use),
 * `allowedTools` (what runs with no prompt), `useLegacyMcpJson` (Kiro:
 * `includeMcpJson`) and Kiro's capability `permissions` rules.
 */
import { entry, get, isArray, isObject, str, strings, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import type { Decision, McpServer, ScopeGrant } from "../../types.js";
import { wildcard, type Wildcard } from "../../../util/wildcard.js";
import { amazonQAdapter, namedToolGrants, withGrants } from "../server-maps.js";
import { PolicyDraft } from "./common.js";

/** A Kiro `permissions` rule that can decide MCP tool calls (`capability: mcp` or `all`). */
interface CapabilityRule {
  readonly capability: "mcp" | "all";
  readonly effect: Decision;
  readonly effectNode: DocNode;
  /** `match` patterns (`<server>/<tool>` globs); none matches every MCP tool. */
  readonly match: readonly { readonly value: string; readonly node: DocNode }[];
  /** `exclude` patterns: the tools the rule exempts (it does not decide them). */
  readonly exclude: readonly string[];
}

function capabilityRules(doc: DocNode, key = "permissions"): CapabilityRule[] {
  const list = get(doc, key);
  if (!isArray(list)) return [];
  return list.items.flatMap((item) => {
    const capability = str(get(item, "capability"));
    const effectEntry = entry(item, "effect");
    const effect = str(effectEntry?.value);
    if ((capability !== "mcp" && capability !== "all") || !effectEntry || (effect !== "allow" && effect !== "ask" && effect !== "deny")) return [];
    const match = capability === "mcp" ? strings(get(item, "match")) : [];
    const exclude = strings(get(item, "exclude")).map((x) => x.value);
    return [{ capability, effect, effectNode: effectEntry.value, match, exclude }];
  });
}

/** A `match` or `exclude` pattern as a test of `<server>/<tool>` names; a bare server name is every tool of it. */
const patternGlob = (p: string): Wildcard => wildcard(p.includes("/") ? p : `${p}/*`);

/** Does a rule decide the tool `<server>/<tool>`: one of its patterns (or none: every tool) matches, and no `exclude` does? */
function decides(r: CapabilityRule, tool: string): boolean {
  const matched = r.capability === "all" || r.match.length === 0 || r.match.some((m) => patternGlob(m.value).test(tool));
  return matched && !r.exclude.some((x) => patternGlob(x).test(tool));
}

/** `<server>/<tool>` of a match pattern; a bare server name (or `*`) is every tool of it. */
function splitPattern(p: string): { server: string; tool: string } {
  const slash = p.indexOf("/");
  return slash < 0 ? { server: p, tool: "*" } : { server: p.slice(0, slash), tool: p.slice(slash + 1) };
}

/**
 * Kiro agent `permissions` (IDE 1.0, CLI v3; also `~/.kiro/settings/permissions.yaml`): rules of
 * `capability`, `match`, `exclude`, `effect`, where deny beats ask beats allow, a rule does not
 * decide the tools its `exclude` patterns name, and a call no rule matches asks.
 * An `mcp` allow of a whole server (`notes/*`) or of every server, and an `all` allow, are
 * permissive settings (unless a deny or ask rule for every MCP tool overrides them); an `mcp`
 * allow of one tool (`notes/delete_note`) is a grant on that server.
 */
function readCapabilityRules(d: PolicyDraft, rules: readonly CapabilityRule[], key = "permissions"): void {
  // A deny (else ask) rule that decides every MCP tool call: no allow rule gets past it.
  const catchAll = (effect: Decision) => rules.find((r) => r.effect === effect && !r.exclude.length && (r.capability === "all" || r.match.length === 0 || r.match.some((m) => m.value === "*" || m.value === "*/*")));
  const held = catchAll("deny") ?? catchAll("ask");
  if (held) d.setDefault(held.effect, `a \`capability: ${held.capability}\` ${held.effect} rule decides every MCP tool call (deny beats ask beats allow)`, d.loc(held.effectNode));
  for (const r of rules) {
    if (r.capability === "all") {
      d.rule(r.effect, "all", r.effectNode);
      if (r.effect === "allow" && !held) {
        d.setting(key, r.effectNode, "permissive", "every tool call, MCP tools included, runs without a prompt", "capability all: allow");
        d.setDefault("allow", "a `capability: all` rule allows every tool call", d.loc(r.effectNode));
      }
      continue;
    }
    for (const m of r.match.length ? r.match : [{ value: "*", node: r.effectNode }]) {
      const { server, tool } = splitPattern(m.value);
      const one = tool === "*" && !server.includes("*") ? server : undefined;
      // A rule with `exclude` patterns leaves some tools undecided: not a whole-server rule.
      d.rule(r.effect, `mcp:${m.value}`, m.node, r.exclude.length ? undefined : one);
      if (r.effect !== "allow" || tool !== "*" || held) continue;
      const what = one ? `every tool of MCP server '${one}'` : server === "*" ? "every tool of every MCP server" : `every tool of the MCP servers matching '${server}'`;
      const except = r.exclude.length ? ` but ${r.exclude.map((x) => `'${x}'`).join(", ")}` : "";
      d.setting(key, m.node, "permissive", `${what}${except} runs without a prompt`, `capability mcp: allow ${m.value}`);
    }
  }
}

/** The tools of `s` that an `mcp` allow rule names one by one and no ask or deny rule catches. */
function capabilityGrants(input: AdapterInput, rules: readonly CapabilityRule[], s: McpServer): ScopeGrant[] {
  const held = rules.filter((r) => r.effect !== "allow");
  const named = rules
    .filter((r) => r.effect === "allow" && r.capability === "mcp")
    .flatMap((r) => r.match.filter((m) => decides(r, m.value)))
    .filter((m) => !splitPattern(m.value).server.includes("*") && !held.some((h) => decides(h, m.value)));
  return namedToolGrants(input, named, [`${s.name}/`], "permissions");
}

/** The agent file adapter for `client` (`amazon-q` or `kiro`). */
const agentAdapter = (client: string): Adapter => (input) => {
  // Servers carry `allowedTools` grants (reported per server by tool-auto-approval); Kiro's `permissions` add their own.
  const rules = client === "kiro" ? input.docs.flatMap((d) => capabilityRules(d)) : [];
  const servers = amazonQAdapter(input).servers.map((s) => withGrants(s, capabilityGrants(input, rules, s)));
  const granted = new Set(servers.flatMap((s) => s.tools.grants.filter((g) => g.key === "allowedTools").map((g) => `${g.loc.line}:${g.loc.column}`)));
  // An agent is a map (a JSON object, a front matter of keys); any other document configures nothing.
  const policies = input.docs.filter(isObject).map((doc) => {
    const d = new PolicyDraft(input, "client");
    d.setDefault("ask", "tools outside `allowedTools` prompt before they run");
    if (client === "kiro") readCapabilityRules(d, capabilityRules(doc));
    for (const item of strings(get(doc, "tools"))) {
      if (item.value === "*") d.setting("tools", item.node, "permissive", "the agent may use every tool of every server, including servers pulled in from legacy `mcp.json` files");
    }
    for (const item of strings(get(doc, "allowedTools"))) {
      if (!item.value.startsWith("@") || item.value === "@builtin") continue;
      d.rule("allow", item.value, item.node);
      const [server, tool] = item.value.slice(1).split("/", 2);
      const loc = input.lines.loc(input.file, item.node.span);
      if (granted.has(`${loc.line}:${loc.column}`)) continue;
      if (tool === undefined || tool === "*" || (server ?? "").includes("*")) {
        d.setting("allowedTools", item.node, "permissive", `every tool of ${server?.includes("*") ? `servers matching '${server}'` : `MCP server '${server ?? ""}'`} runs without a prompt`);
      }
    }
    for (const key of ["useLegacyMcpJson", "includeMcpJson"]) {
      const legacy = entry(doc, key);
      if (legacy && str(legacy.value) === "true") {
        d.setting(key, legacy.value, "permissive", "servers from the `mcp.json` files join this agent, outside its own `mcpServers` list");
      }
    }
    return d.build(client, "policy", servers);
  });
  return { servers, policies, diagnostics: [] };
};

export const amazonQAgentAdapter = agentAdapter("amazon-q");
export const kiroAgentAdapter = agentAdapter("kiro");

/**
 * Kiro's own permission file (`~/.kiro/settings/permissions.yaml`, user scope; the workspace scope
 * lives under `~/.kiro/workspace-roots/<hash>/`): the same capability rules under `rules`. It holds
 * no servers; its rules govern every Kiro server, and a call no rule matches asks.
 */
export const kiroPermissionsAdapter: Adapter = (input) => {
  const policies = input.docs.filter(isObject).map((doc) => {
    const d = new PolicyDraft(input, "client");
    d.setDefault("ask", "a tool call no rule matches asks before it runs");
    readCapabilityRules(d, capabilityRules(doc, "rules"), "rules");
    return d.build("kiro");
  });
  return { servers: [], policies, diagnostics: [] };
};
