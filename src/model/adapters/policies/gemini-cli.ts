/**
 * Gemini CLI settings (`.gemini/settings.json`, `~/.gemini/settings.json`,
 * system `settings.json` and `system-defaults.json`): the file holds both the
 * `mcpServers` map and the policy keys (`mcp.allowed`, `tools.allowed`,
 * `security.*`, `general.defaultApprovalMode`), so this adapter yields both.
 * Tabnine's agent and CLI are built on Gemini CLI and keep its settings
 * layout (`.tabnine/agent/settings.json`, `~/.tabnine/agent/settings.json`,
 * system `tabnine-cli/settings.json`; docs.tabnine.com, "MCP Server Config"):
 * the same reading, under Tabnine's name.
 */
import { entry, get, str, strings, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import type { McpServer, ScopeGrant } from "../../types.js";
import { namedToolGrants, serversFromMap, withGrants } from "../server-maps.js";
import { PolicyDraft, mcpAllowedDefault, withAllToolsGrant, isWildcard } from "./common.js";

/** Built-in tool names: anything else in `tools.allowed` with `__` or `mcp_` is an MCP tool. */
function mcpToolEntry(pattern: string, servers: readonly McpServer[]): boolean {
  if (pattern === "*" || pattern.startsWith("mcp_") || pattern.includes("__")) return true;
  return servers.some((s) => pattern === s.name || pattern.startsWith(`${s.name}__`));
}

function readPolicy(input: AdapterInput, doc: DocNode, servers: readonly McpServer[], systemFile: RegExp): PolicyDraft {
  const managed = systemFile.test(input.file);
  const d = new PolicyDraft(input, managed ? "managed" : "client");

  for (const item of strings(get(doc, "tools", "allowed"))) {
    if (!mcpToolEntry(item.value, servers)) continue;
    d.rule("allow", item.value, item.node);
    const wholeServer = servers.some((s) => item.value === s.name);
    if (isWildcard(item.value) || wholeServer) {
      const what = wholeServer ? `every tool of MCP server '${item.value}' runs` : `MCP tools matching '${item.value}' run`;
      d.setting("tools.allowed", item.node, "permissive", `${what} without a confirmation prompt`);
    }
  }
  for (const item of strings(get(doc, "tools", "exclude"))) if (mcpToolEntry(item.value, servers)) d.rule("deny", item.value, item.node);

  const yolo = get(doc, "security", "disableYoloMode");
  if (yolo && str(yolo) === "true") d.setting("security.disableYoloMode", yolo, "restrictive", "`--yolo` cannot switch confirmations off");
  if (yolo && str(yolo) === "false") d.setting("security.disableYoloMode", yolo, "permissive", "explicitly leaves `--yolo` available: any session can run every tool call without confirmation");

  const mode = get(doc, "general", "defaultApprovalMode");
  if (mode && str(mode) === "yolo") d.setting("general.defaultApprovalMode", mode, "permissive", "every tool call runs without confirmation (the docs only accept YOLO from the command line)");

  const adminEnabled = get(doc, "admin", "mcp", "enabled");
  for (const item of strings(get(doc, "mcp", "excluded"))) d.deny("name", item.value, item.node);
  const allowed = entry(get(doc, "mcp"), "allowed");
  for (const item of strings(allowed?.value)) d.allow("name", item.value, item.node);

  if (adminEnabled && str(adminEnabled) === "false") {
    d.setting("admin.mcp.enabled", adminEnabled, "restrictive", "MCP servers are switched off");
    d.setDefault("deny", "`admin.mcp.enabled` is false: no MCP server connects", d.loc(adminEnabled));
  } else {
    mcpAllowedDefault(d, allowed?.value, servers);
  }
  return d;
}

/**
 * The tools of `s` that `tools.allowed` names one by one (`mcp_<server>_<tool>`,
 * `<server>__<tool>`): they run with no confirmation prompt, as an
 * auto-approve list does elsewhere (tool-auto-approval reports destructive
 * ones). Wildcards and whole servers are policy settings (readPolicy).
 */
function allowedToolGrants(input: AdapterInput, doc: DocNode, s: McpServer): ScopeGrant[] {
  return namedToolGrants(input, strings(get(doc, "tools", "allowed")), [`mcp_${s.name}_`, `${s.name}__`], "tools.allowed");
}

/** The settings adapter of a client of the Gemini CLI family; `systemFile` names its system (managed) settings file. */
const familySettingsAdapter = (client: string, systemFile: RegExp): Adapter => (input) => {
  const servers: McpServer[] = [];
  const policies = input.docs.map((doc) => {
    // `mcp.excluded` servers never connect; once `mcp.allowed` is set, only the servers it names do.
    const excluded = new Set(strings(get(doc, "mcp", "excluded")).map((i) => i.value));
    const allowedNode = entry(get(doc, "mcp"), "allowed")?.value;
    const allowed = allowedNode ? new Set(strings(allowedNode).map((i) => i.value)) : undefined;
    const connects = (s: McpServer) => !excluded.has(s.name) && (!allowed || allowed.has(s.name));
    const found = serversFromMap(input, get(doc, "mcpServers"), "mcpServers")
      .map(withAllToolsGrant("includeTools", connects))
      .map((s) => withGrants(s, allowedToolGrants(input, doc, s)));
    servers.push(...found);
    return readPolicy(input, doc, found, systemFile).build(client, "policy", found);
  });
  return { servers, policies, diagnostics: [] };
};

export const geminiSettingsAdapter = familySettingsAdapter("gemini-cli", /(^|\/)(gemini-cli|GeminiCli)\/settings\.json$/);
export const tabnineSettingsAdapter = familySettingsAdapter("tabnine", /(^|\/)(tabnine-cli|TabnineCli)\/settings\.json$/);
