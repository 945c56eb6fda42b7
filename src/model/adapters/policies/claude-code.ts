/**
 * Claude Code settings: `.claude/settings.json`, `.claude/settings.local.json`,
 * `~/.claude/settings.json`, and managed settings (`managed-settings.json`,
 * `managed-settings.d/*.json`). Settings files hold no servers, only the
 * permission rules and MCP approval switches.
 */
import { entry, get, isArray, isObject, str, strings, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import { wildcard } from "../../../util/wildcard.js";
import { PolicyDraft, isWildcard } from "./common.js";

const CLIENT = "claude-code";

/** An `mcp__` permission pattern split into its server and tool parts (`mcp__github` has no tool). */
interface McpPattern {
  readonly pattern: string;
  readonly server: string;
  readonly tool: string;
  readonly node: DocNode;
}

function mcpPatterns(doc: DocNode, list: string): McpPattern[] {
  return strings(get(doc, "permissions", list)).flatMap((item) => {
    if (!item.value.startsWith("mcp__")) return [];
    const rest = item.value.slice("mcp__".length);
    const sep = rest.indexOf("__");
    return [{ pattern: item.value, server: sep < 0 ? rest : rest.slice(0, sep), tool: sep < 0 ? "" : rest.slice(sep + 2), node: item.node }];
  });
}

/**
 * Does an `ask` or `deny` rule reach the tool `tool` of `server` (`*` standing for every tool)?
 * Claude Code decides deny, then ask, then allow, whatever the order: such a rule leaves an allow
 * of that tool with nothing to decide. `mcp__server` names the whole server; a glob (`mcp__*`,
 * `mcp__github__delete_*`) covers the names it matches.
 */
function heldBack(rules: readonly McpPattern[], server: string, tool: string): boolean {
  const name = `mcp__${server}__${tool}`;
  return rules.some((r) => r.pattern === `mcp__${server}` || wildcard(r.pattern).test(name));
}

/**
 * `mcp__server` or `mcp__server__*`: a whole server; `mcp__*`: every server; `mcp__server__tool`:
 * one tool, which tool-auto-approval reports when its name changes state. An allow that an `ask`
 * or `deny` rule of this file overrides runs nothing unprompted and is left out.
 */
function readPermissionRules(d: PolicyDraft, doc: DocNode): void {
  const askOrDeny = [...mcpPatterns(doc, "ask"), ...mcpPatterns(doc, "deny")];
  for (const [list, effect] of [["allow", "allow"], ["ask", "ask"], ["deny", "deny"]] as const) {
    for (const r of mcpPatterns(doc, list)) {
      d.rule(effect, r.pattern, r.node, wholeServer(r));
      if (effect === "allow") readAllow(d, r, askOrDeny);
    }
  }
}

function readAllow(d: PolicyDraft, r: McpPattern, askOrDeny: readonly McpPattern[]): void {
  if (r.server.startsWith("*")) {
    d.setting(`permissions.allow`, r.node, "permissive", "asks to approve every tool of every MCP server (Claude Code documents that it ignores an allow glob without a literal `mcp__<server>__` prefix, so this is either dead or dangerous)");
  } else if (wholeServer(r) !== undefined) {
    if (!heldBack(askOrDeny, r.server, "*")) d.setting(`permissions.allow`, r.node, "permissive", `every tool of MCP server '${r.server}' runs without a prompt, including tools that write or delete`);
  } else if (!isWildcard(r.tool) && !heldBack(askOrDeny, r.server, r.tool)) {
    d.toolGrant(r.server, "permissions.allow", [r.tool], r.node);
  }
}

/** The server whose every tool the pattern covers (`mcp__github`, `mcp__github__*`), if any. */
function wholeServer(r: McpPattern): string | undefined {
  return !r.server.startsWith("*") && (r.tool === "" || r.tool === "*") ? r.server : undefined;
}

function readModes(d: PolicyDraft, doc: DocNode): void {
  const modeNode = get(doc, "permissions", "defaultMode");
  const mode = str(modeNode);
  const bypassDisabled = str(get(doc, "permissions", "disableBypassPermissionsMode")) === "disable";
  const disableNode = get(doc, "permissions", "disableBypassPermissionsMode");
  if (disableNode && bypassDisabled) d.setting("permissions.disableBypassPermissionsMode", disableNode, "restrictive", "bypass mode cannot be switched on");
  if (!modeNode || mode === undefined) {
    // The starting mode then comes from another settings layer or from the client itself, which
    // since v2.1.283 starts interactive sessions in auto mode (a classifier approves) and before
    // that prompted: the file alone does not tell whether a person decides.
    d.setDefault("unknown", "no `permissions.defaultMode`: another settings layer or the client decides how a session starts (Claude Code v2.1.283 and later start in auto mode, where a classifier model, not a person, approves each tool call no rule names; earlier versions prompt)");
    return;
  }
  if (mode === "bypassPermissions") {
    if (bypassDisabled) {
      d.setting("permissions.defaultMode", modeNode, "neutral", "bypass mode is requested but `disableBypassPermissionsMode` is `disable`");
      d.setDefault("ask", "bypass mode is disabled in this file, so tools no rule allows still prompt", d.loc(modeNode));
    } else {
      d.setting("permissions.defaultMode", modeNode, "permissive", "every tool call, MCP tools included, runs without a prompt (set `permissions.disableBypassPermissionsMode: \"disable\"` in managed settings)");
      d.setDefault("allow", "`permissions.defaultMode` is `bypassPermissions`: tool calls no rule names run without a prompt", d.loc(modeNode));
    }
  } else if (mode === "dontAsk") {
    d.setting("permissions.defaultMode", modeNode, "restrictive", "tools no allow rule names are denied without a prompt");
    d.setDefault("deny", "`permissions.defaultMode` is `dontAsk`: tools no allow rule names are denied", d.loc(modeNode));
  } else if (mode === "auto" && ![get(doc, "disableAutoMode"), get(doc, "permissions", "disableAutoMode")].some((n) => str(n) === "disable")) {
    // Auto mode: a classifier model approves or blocks each call that no rule decides. It is a
    // guard, but no person decides and nothing is denied by default: not default-deny. Switched off
    // by `disableAutoMode: "disable"` (settings top level; some write it under `permissions`).
    d.setDefault("allow", "`permissions.defaultMode` is `auto`: a classifier model, not a person, approves or blocks each tool call no rule names", d.loc(modeNode));
  } else {
    d.setDefault("ask", `\`permissions.defaultMode\` is \`${mode}\`: tools no rule allows prompt`, d.loc(modeNode));
  }
}

function readProjectApproval(d: PolicyDraft, doc: DocNode): void {
  const all = entry(doc, "enableAllProjectMcpServers");
  if (all && str(all.value) === "true") {
    d.setting("enableAllProjectMcpServers", all.value, "permissive", "every server in the project's `.mcp.json` starts without an approval prompt, including servers added by a later commit");
  }
  const named = entry(doc, "enabledMcpjsonServers");
  const names = strings(named?.value).map((s) => s.value);
  if (named && names.length > 0) {
    d.setting("enabledMcpjsonServers", named.value, "permissive", `approves the committed \`.mcp.json\` servers ${names.map((n) => `'${n}'`).join(", ")} without a prompt; whoever edits \`.mcp.json\` decides what those names run`);
    for (const item of strings(named.value)) d.allow("name", item.value, item.node);
  }
  for (const item of strings(get(doc, "disabledMcpjsonServers"))) d.deny("name", item.value, item.node);
}

/** Managed `allowedMcpServers` / `deniedMcpServers` entries. */
function readManagedServers(d: PolicyDraft, doc: DocNode, fragment: boolean): void {
  const only = entry(doc, "allowManagedMcpServersOnly");
  if (only && str(only.value) === "true") d.setting("allowManagedMcpServersOnly", only.value, "restrictive", "only the managed allowlist decides which servers run");
  const denied = get(doc, "deniedMcpServers");
  if (isArray(denied)) for (const item of denied.items) for (const m of matchers(item)) d.deny(m.by, m.value, m.node);
  const allowed = entry(doc, "allowedMcpServers");
  if (!allowed || !isArray(allowed.value)) {
    if (fragment) d.setDefault("unknown", "a `managed-settings.d` fragment without `allowedMcpServers`; the merged managed settings decide");
    else d.setDefault("allow", "unset `allowedMcpServers` allows every server (set it with `serverCommand`/`serverUrl` entries, or `[]` for none)");
    return;
  }
  const items = allowed.value.items;
  if (items.length === 0) {
    d.setDefault("deny", "`allowedMcpServers` is empty: no MCP server may run", d.loc(allowed.value));
    return;
  }
  d.setDefault("deny", "only servers matching `allowedMcpServers` may run", d.loc(allowed.value));
  for (const item of items) {
    const ms = matchers(item);
    for (const m of ms) d.allow(m.by, m.value, m.node);
    if (ms.length > 0 && ms.every((m) => m.by === "name")) {
      const name = ms[0]?.value ?? "";
      d.setting("allowedMcpServers", item, "permissive", `allows server '${name}' by name only; name matching is spoofable (any server can take that name), use \`serverCommand\` or \`serverUrl\``);
    }
    const any = ms.find((m) => m.by === "url" && matchesAnyHost(m.value));
    if (any) d.setting("allowedMcpServers", item, "permissive", `allows every remote server: the URL pattern '${any.value}' matches any host, so the allowlist admits whatever HTTP or SSE server a user adds (name the hosts, \`https://mcp.acme.example/*\`)`);
  }
}

/**
 * A `serverUrl` pattern whose host is nothing but wildcards (a bare star, or a scheme followed by
 * a star host with any port or path): `*` matches any run of characters, so every remote server's
 * URL matches it.
 */
function matchesAnyHost(pattern: string): boolean {
  const rest = pattern.replace(/^[^/]*:\/\//, "");
  const host = (rest.split("/")[0] ?? "").replace(/^[^@]*@/, "").replace(/:[^:]*$/, "");
  return /^\*+$/.test(host);
}

function matchers(item: DocNode): { by: "name" | "command" | "url"; value: string; node: DocNode }[] {
  if (!isObject(item)) return [];
  const out: { by: "name" | "command" | "url"; value: string; node: DocNode }[] = [];
  const name = entry(item, "serverName");
  if (name && str(name.value) !== undefined) out.push({ by: "name", value: str(name.value) ?? "", node: name.value });
  const cmd = entry(item, "serverCommand");
  if (cmd && isArray(cmd.value)) out.push({ by: "command", value: strings(cmd.value).map((s) => s.value).join(" "), node: cmd.value });
  const url = entry(item, "serverUrl");
  if (url && str(url.value) !== undefined) out.push({ by: "url", value: str(url.value) ?? "", node: url.value });
  return out;
}

function adapt(input: AdapterInput, managed: boolean) {
  const policies = input.docs.map((doc) => {
    const d = new PolicyDraft(input, managed ? "managed" : "client");
    readModes(d, doc);
    readPermissionRules(d, doc);
    readProjectApproval(d, doc);
    if (managed) readManagedServers(d, doc, /(^|\/)managed-settings\.d\//.test(input.file));
    return d.build(CLIENT);
  });
  return { servers: [], policies, diagnostics: [] };
}

/** Project, local and user settings. */
export const claudeSettingsAdapter: Adapter = (input) => adapt(input, false);

/** Managed settings and their drop-in fragments. */
export const claudeManagedSettingsAdapter: Adapter = (input) => adapt(input, true);
