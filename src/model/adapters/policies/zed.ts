/**
 * Zed settings: `context_servers` plus `agent.permission_mode`, `agent.tool_permissions`
 * and the legacy `agent.always_allow_tool_actions`.
 */
import { get, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import { zedAdapter } from "../server-maps.js";
import { PolicyDraft } from "./common.js";

const CLIENT = "zed";

/** `agent.permission_mode` values: `manual` confirms each tool call; `auto` and `full_access` run them unconfirmed. */
const PERMISSION_MODES = new Set(["manual", "auto", "full_access"]);

/**
 * `agent.permission_mode`, which Zed's settings migration (migrate_agent_permission_modes) makes of the
 * legacy default (`allow` -> `auto`, `confirm` and `deny` -> `manual`), keeping an explicit one over it.
 * Returns whether the file sets a mode (the legacy keys are then replaced).
 */
function readPermissionMode(d: PolicyDraft, doc: DocNode): boolean {
  const mode = get(doc, "agent", "permission_mode");
  const v = str(mode);
  if (!mode || v === undefined || !PERMISSION_MODES.has(v)) return false;
  if (v === "manual") {
    d.setDefault("ask", "`agent.permission_mode` is `manual`: Zed confirms each tool call", d.loc(mode));
    return true;
  }
  d.setting("agent.permission_mode", mode, "permissive", `\`${v}\`: every tool call, MCP tools included, runs without confirmation`);
  d.setDefault("allow", `\`agent.permission_mode\` is \`${v}\``, d.loc(mode));
  return true;
}

function readPolicy(input: AdapterInput, doc: DocNode): PolicyDraft {
  const d = new PolicyDraft(input, "client");
  d.setDefault("ask", "no `agent.permission_mode` or `agent.tool_permissions.default`: Zed confirms each tool call (`confirm` is the default)");
  const modeSet = readPermissionMode(d, doc);
  // `default_mode` is the name Zed builds before the m_2026_02_04 settings migration used (migrated to `default`, which wins).
  const defKey = get(doc, "agent", "tool_permissions", "default") !== undefined ? "default" : "default_mode";
  const def = get(doc, "agent", "tool_permissions", defKey);
  const v = str(def);
  const key = `agent.tool_permissions.${defKey}`;
  if (def && modeSet) {
    d.setting(key, def, "neutral", "replaced by `agent.permission_mode`, which Zed's settings migration keeps over it");
  } else if (def && v === "allow") {
    d.setting(key, def, "permissive", "every tool call, MCP tools included, runs without confirmation");
    d.setDefault("allow", `\`${key}\` is \`allow\``, d.loc(def));
  } else if (def && v === "deny") d.setDefault("deny", `\`${key}\` is \`deny\``, d.loc(def));
  else if (def && v === "confirm") d.setDefault("ask", `\`${key}\` is \`confirm\``, d.loc(def));
  const tools = get(doc, "agent", "tool_permissions", "tools");
  if (isObject(tools)) {
    for (const e of tools.entries) {
      const td = get(e.value, "default") ?? get(e.value, "default_mode");
      const tv = str(td);
      if (td && e.key.startsWith("mcp:") && (tv === "allow" || tv === "deny")) d.rule(tv, e.key, td);
      else if (td && e.key.startsWith("mcp:") && tv === "confirm") d.rule("ask", e.key, td);
      // `mcp:<server>:<tool>` allowed: that tool runs with no confirmation (tool-auto-approval reports one that changes state).
      const named = /^mcp:([^:]+):(.+)$/.exec(e.key);
      if (td && tv === "allow" && named?.[1] && named[2]) d.toolGrant(named[1], "agent.tool_permissions.tools", [named[2]], td);
    }
  }
  // The legacy switch (before Zed 0.224). Zed's m_2026_02_04 settings migration turns `true` into
  // `tool_permissions.default: allow` only where no `default` (or `default_mode`) is set: an explicit one wins.
  const always = get(doc, "agent", "always_allow_tool_actions");
  if (always && str(always) === "true" && modeSet) {
    d.setting("agent.always_allow_tool_actions", always, "neutral", "replaced by `agent.permission_mode`, which Zed's settings migration keeps over it");
  } else if (always && str(always) === "true" && def) {
    d.setting("agent.always_allow_tool_actions", always, "neutral", `replaced by \`${key}\` (\`${v}\` here), which Zed's settings migration keeps over it`);
  } else if (always && str(always) === "true") {
    d.setting("agent.always_allow_tool_actions", always, "permissive", "every tool call, MCP tools included, runs without confirmation");
    if (d.decision !== "deny") d.setDefault("allow", "`agent.always_allow_tool_actions` is true", d.loc(always));
  }
  // Worktree trust (Zed 0.217+): a project's `.zed/settings.json` is not applied, and its context
  // servers not started, until the user trusts the folder. `session.trust_all_worktrees` turns that
  // prompt off for every folder. Read from the user's settings only: a project file cannot trust itself.
  const trustAll = get(doc, "session", "trust_all_worktrees");
  if (trustAll && str(trustAll) === "true" && !isProjectSettings(input.file)) {
    d.setting("session.trust_all_worktrees", trustAll, "permissive", "every opened folder is trusted: its `.zed/settings.json` is applied and the context servers it configures start with no Restricted Mode prompt, so whoever commits that file runs commands here");
  }
  const profiles = get(doc, "agent", "profiles");
  if (isObject(profiles)) {
    for (const p of profiles.entries) {
      const all = get(p.value, "enable_all_context_servers");
      if (all && str(all) === "true") d.setting(`agent.profiles.${p.key}.enable_all_context_servers`, all, "permissive", `profile '${p.key}' gets every tool of every context server`);
    }
  }
  return d;
}

/** A project's own settings file (`<folder>/.zed/settings.json`), as opposed to the user's. */
const isProjectSettings = (file: string): boolean => /(^|\/)\.zed\/settings\.json$/.test(file);

export const zedSettingsAdapter: Adapter = (input) => {
  const { servers, diagnostics } = zedAdapter(input);
  return { servers, policies: input.docs.map((doc) => readPolicy(input, doc).build(CLIENT, "policy", servers)), diagnostics };
};
