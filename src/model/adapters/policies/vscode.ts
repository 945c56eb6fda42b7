/**
 * VS Code settings (`.vscode/settings.json`, user `settings.json`,
 * `.code-workspace`): legacy `mcp.servers` plus the `chat.*` trust switches,
 * and the servers and `amp.mcpPermissions` of the Amp extension (client `amp`).
 * Keys are usually written flat (`"chat.mcp.access": "all"`); nested objects
 * are read too. Only switches that are set are reported: an absent key is the
 * product default, which this file does not choose.
 */
import { get, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import { vscodeAdapter } from "../server-maps.js";
import { ampSettingsAdapter } from "./amp.js";
import { PolicyDraft, dotted, dottedStr } from "./common.js";

const CLIENT = "vscode";

function readPolicy(input: AdapterInput, root: DocNode, prefix: string): PolicyDraft {
  const d = new PolicyDraft(input, "client");
  d.setDefault("ask", "VS Code asks before each tool call that is not auto-approved");
  for (const key of ["chat.tools.global.autoApprove", "chat.tools.autoApprove"]) {
    const v = dottedStr(root, key);
    if (v?.value === "true") {
      d.setting(prefix + key, v.node, "permissive", "every tool call, MCP tools included, runs without a confirmation prompt");
      d.setDefault("allow", `\`${prefix + key}\` is true: tool calls run without confirmation`, d.loc(v.node));
    }
  }
  const access = dottedStr(root, "chat.mcp.access");
  if (access?.value === "all") d.setting(prefix + "chat.mcp.access", access.node, "permissive", "any MCP server from any source may be added and started (use `registry` with a private gallery, or `none`)");
  if (access && (access.value === "registry" || access.value === "none")) {
    d.setting(prefix + "chat.mcp.access", access.node, "restrictive", access.value === "none" ? "MCP is switched off" : "only servers from the configured registry may run");
    d.setDefault("deny", access.value === "none" ? "`chat.mcp.access` is `none`: no MCP server runs" : "`chat.mcp.access` is `registry`: servers outside the registry do not run", d.loc(access.node));
  }
  const discovery = dotted(root, "chat.mcp.discovery.enabled");
  if (discovery && discoveryOn(discovery.node)) {
    d.setting(prefix + "chat.mcp.discovery.enabled", discovery.node, "permissive", "imports and starts servers configured for other apps (Claude Desktop, Cursor ...), outside this workspace's review");
  }
  const allowed = dotted(root, "chat.mcp.allowedServers");
  const items = allowed?.node.type === "array" ? allowed.node.items : [];
  for (const item of items) {
    const name = str(get(item, "name")) ?? str(item);
    const url = str(get(item, "url"));
    if (url) d.allow("url", url, item);
    else if (name) d.allow("name", name, item);
  }
  if (allowed && items.length > 0) d.setDefault("deny", "only servers matching `chat.mcp.allowedServers` run", d.loc(allowed.node));
  const denied = dotted(root, "chat.mcp.deniedServers");
  if (denied?.node.type === "array") for (const item of denied.node.items) d.deny("name", str(get(item, "name")) ?? str(item) ?? "", item);
  return d;
}

/** `true`, or an object of per-source switches with at least one `true`. */
function discoveryOn(n: DocNode): boolean {
  if (str(n) === "true") return true;
  return isObject(n) && n.entries.some((e) => str(e.value) === "true");
}

/** The settings of a document: a `.code-workspace` file keeps them under `settings`. */
function settingsOf(input: AdapterInput, doc: DocNode): { settings: DocNode; prefix: string } {
  const ws = get(doc, "settings");
  return input.file.endsWith(".code-workspace") && isObject(ws) ? { settings: ws, prefix: "settings." } : { settings: doc, prefix: "" };
}

export const vscodeSettingsAdapter: Adapter = (input) => {
  const servers = vscodeAdapter(input).servers;
  const policies = input.docs.map((doc) => {
    const { settings, prefix } = settingsOf(input, doc);
    return readPolicy(input, settings, prefix).build(CLIENT, "policy", servers);
  });
  // Amp's servers and `amp.mcpPermissions` are Amp's: VS Code's switches above do not govern them.
  const amp = ampSettingsAdapter({ ...input, client: "amp", syntaxes: ["dollar-brace", "env-colon"], docs: input.docs.map((d) => settingsOf(input, d).settings) });
  return { servers: [...servers, ...amp.servers], policies: [...policies, ...amp.policies], diagnostics: [] };
};
