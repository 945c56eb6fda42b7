/**
 * Qwen Code settings (`.qwen/settings.json`, `~/.qwen/settings.json`, system
 * `settings.json` and `system-defaults.json`). A fork of Gemini CLI: the
 * `mcpServers` map (`trust`, `includeTools`) and `mcp.allowed` /
 * `mcp.excluded` (server names, `*` and `?` globs) are Gemini's, but tool
 * calls are decided by Claude Code-style rules: `permissions.allow` / `ask` /
 * `deny` (deny wins over ask, ask over allow) naming MCP tools
 * `mcp__<server>__<tool>`, plus `tools.approvalMode`. The deprecated
 * `tools.allowed` and `tools.exclude` are still honoured as allow and deny
 * rules. A rule ending in `*` matches every tool name that starts with the
 * rest, so `*` and `mcp__*` approve every MCP tool.
 *
 * `tools.approvalMode` is `plan`, `default`, `auto-edit`, `auto` or `yolo`.
 * Only `yolo` runs every call, MCP tools included, with nothing deciding it:
 * `auto-edit` approves file edits and still asks for MCP tools, and `auto`
 * (the newest releases' default) has a classifier model pass or block each
 * call. Like Claude Code's `acceptEdits` and `auto` and Gemini CLI's
 * `auto_edit`, those are not reported.
 *
 * Qwen Code still migrates the flat V1 format when it loads a file
 * (config/migration/versions/v1-to-v2.ts; Gemini CLI dropped that in
 * January 2026): with no `$version` of 2 or more, the top-level
 * `approvalMode`, `allowedTools`, `excludeTools`, `allowMCPServers` and
 * `excludeMCPServers` become `tools.approvalMode`, `tools.allowed`,
 * `tools.exclude`, `mcp.allowed` and `mcp.excluded` (the V1 value wins).
 * `autoAccept` is left out: it allows only built-in read-only tools.
 */
import { entry, get, isObject, str, strings, type DocEntry, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import type { Decision, McpServer } from "../../types.js";
import { wildcard } from "../../../util/wildcard.js";
import { namedToolGrants, serversFromMap, withGrants } from "../server-maps.js";
import { mcpAllowedDefault, PolicyDraft, withAllToolsGrant } from "./common.js";

const CLIENT = "qwen-code";

/** The rule lists, as the file spells them, with what they decide. */
const RULE_LISTS: readonly (readonly [string, Decision])[] = [
  ["permissions.allow", "allow"],
  ["tools.allowed", "allow"],
  ["permissions.ask", "ask"],
  ["permissions.deny", "deny"],
  ["tools.exclude", "deny"],
];

/** V1 top-level keys (Qwen Code's V1_TO_V2_MIGRATION_MAP) by the nested key the migration moves them to. */
const V1_KEYS: Readonly<Record<string, string>> = {
  "tools.approvalMode": "approvalMode",
  "tools.allowed": "allowedTools",
  "tools.exclude": "excludeTools",
  "mcp.allowed": "allowMCPServers",
  "mcp.excluded": "excludeMCPServers",
};

/** Does Qwen Code migrate this file as V1: no `$version` of 2 or more, and a V1 key with a non-object value. */
function migratesV1(doc: DocNode): boolean {
  const version = Number(str(get(doc, "$version")));
  return !(version >= 2) && Object.values(V1_KEYS).some((k) => entry(doc, k) !== undefined && !isObject(get(doc, k)));
}

/** A setting as Qwen Code reads it: its V1 key when the file migrates as V1 and has one (the V1 value wins), else the nested key. */
function setting(doc: DocNode, v1: boolean, key: string): { readonly key: string; readonly found: DocEntry | undefined } {
  const flat = v1 ? V1_KEYS[key] : undefined;
  const legacy = flat ? entry(doc, flat) : undefined;
  if (flat && legacy && !isObject(legacy.value)) return { key: flat, found: legacy };
  const path = key.split(".");
  return { key, found: entry(get(doc, ...path.slice(0, -1)), path[path.length - 1] as string) };
}

interface RuleItem {
  readonly key: string;
  readonly effect: Decision;
  /** The tool part of the rule (`mcp__notes__get_note` of `mcp__notes__get_note(x)`). */
  readonly tool: string;
  readonly value: string;
  readonly node: DocNode;
}

function ruleItems(doc: DocNode, v1: boolean): RuleItem[] {
  return RULE_LISTS.map(([nested, effect]) => ({ ...setting(doc, v1, nested), effect })).flatMap(({ key, found, effect }) =>
    strings(found?.value).map((item) => {
      const paren = item.value.indexOf("(");
      const tool = (paren < 0 ? item.value : item.value.slice(0, paren)).trim();
      return { key, effect, tool, value: item.value, node: item.node };
    }),
  );
}

/**
 * Does a rule's tool part match an MCP tool name, as Qwen Code matches them:
 * exactly, by prefix when it ends in `*`, or a whole server as `mcp__<server>`.
 */
function matchesMcpTool(pattern: string, tool: string): boolean {
  if (pattern === tool) return true;
  if (pattern.endsWith("*")) return tool.startsWith(pattern.slice(0, -1));
  const p = pattern.split("__");
  const t = tool.split("__");
  return p.length === 2 && t.length >= 3 && p[0] === t[0] && p[1] === t[1];
}

/** Rules that can match an MCP tool at all (`Bash(git *)` cannot; `*` and `mcp__*` match every one). */
function isMcpRule(tool: string): boolean {
  return tool.startsWith("mcp__") || (tool.endsWith("*") && "mcp__".startsWith(tool.slice(0, -1)));
}

/** The one server every tool of which a rule covers (`mcp__notes`, `mcp__notes__*`), if any. */
function wholeServerOf(tool: string): string | undefined {
  const m = /^mcp__(.+?)(?:__\*)?$/.exec(tool);
  const name = m?.[1];
  return name && !name.includes("__") && !name.includes("*") ? name : undefined;
}

function readRules(d: PolicyDraft, items: readonly RuleItem[]): void {
  for (const r of items) {
    if (!isMcpRule(r.tool)) continue;
    const whole = wholeServerOf(r.tool);
    d.rule(r.effect, r.value, r.node, whole);
    if (r.effect !== "allow") continue;
    if (whole) d.setting(r.key, r.node, "permissive", `every tool of MCP server '${whole}' runs without a confirmation prompt, including tools that write or delete`);
    else if (r.tool.endsWith("*") && !r.tool.slice(0, -1).slice("mcp__".length).includes("__")) {
      const prefix = r.tool.slice(0, -1).slice("mcp__".length);
      const what = prefix ? `every tool of the MCP servers whose names start with '${prefix}'` : "every tool of every MCP server";
      d.setting(r.key, r.node, "permissive", `${what} runs without a confirmation prompt`);
    }
  }
}

/**
 * The tools of `s` that an allow rule names one by one (`mcp__<server>__<tool>`) and no ask or
 * deny rule catches: they run with no confirmation prompt (tool-auto-approval reports the
 * destructive ones). Whole servers and wildcards are policy settings (readRules).
 */
function allowedToolGrants(input: AdapterInput, items: readonly RuleItem[], s: McpServer) {
  const held = items.filter((r) => r.effect !== "allow" && isMcpRule(r.tool)).map((r) => r.tool);
  const allowed = items.filter((r) => r.effect === "allow" && !held.some((h) => matchesMcpTool(h, r.tool))).map((r) => ({ value: r.tool, node: r.node, key: r.key }));
  return ["permissions.allow", "tools.allowed", "allowedTools"].flatMap((key) => namedToolGrants(input, allowed.filter((a) => a.key === key), [`mcp__${s.name}__`], key));
}

function readPolicy(input: AdapterInput, doc: DocNode, v1: boolean, items: readonly RuleItem[], servers: readonly McpServer[]): PolicyDraft {
  const d = new PolicyDraft(input, input.scope === "system" ? "managed" : "client");
  readRules(d, items);
  for (const item of strings(setting(doc, v1, "mcp.excluded").found?.value)) d.deny("name", item.value, item.node);
  const allowed = setting(doc, v1, "mcp.allowed").found;
  for (const item of strings(allowed?.value)) d.allow("name", item.value, item.node);

  const { key, found } = setting(doc, v1, "tools.approvalMode");
  const mode = found?.value;
  if (mode && str(mode) === "yolo") {
    d.setting(key, mode, "permissive", "every tool call, MCP tools included, runs without confirmation");
    d.setDefault("allow", `\`${key}\` is \`yolo\`: every tool call runs without confirmation`, d.loc(mode));
  } else {
    mcpAllowedDefault(d, allowed?.value, servers, "matching");
  }
  return d;
}

export const qwenSettingsAdapter: Adapter = (input) => {
  const servers: McpServer[] = [];
  const policies = input.docs.map((doc) => {
    // `mcp.excluded` servers never connect; once `mcp.allowed` is set, only the servers it matches do.
    const v1 = migratesV1(doc);
    const globs = (key: string) => strings(setting(doc, v1, key).found?.value).map((i) => wildcard(i.value));
    const excluded = globs("mcp.excluded");
    const allowed = setting(doc, v1, "mcp.allowed").found ? globs("mcp.allowed") : undefined;
    const connects = (s: McpServer) => !excluded.some((g) => g.test(s.name)) && (!allowed || allowed.some((g) => g.test(s.name)));
    const items = ruleItems(doc, v1);
    const found = serversFromMap(input, get(doc, "mcpServers"), "mcpServers")
      .map(withAllToolsGrant("includeTools", connects))
      .map((s) => withGrants(s, allowedToolGrants(input, items, s)));
    servers.push(...found);
    return readPolicy(input, doc, v1, items, found).build(CLIENT, "policy", found);
  });
  return { servers, policies, diagnostics: [] };
};
