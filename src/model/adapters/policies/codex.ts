/**
 * OpenAI Codex: `config.toml` holds both `[mcp_servers.*]` and the approval and
 * sandbox switches; `requirements.toml` is the admin-enforced layer whose
 * `[mcp_servers.*]` tables are an allowlist (name plus identity). Codex reads
 * requirements.toml only from the system folder (`/etc/codex/`,
 * `C:\ProgramData\OpenAI\Codex\`) or from MDM and cloud management: one in a
 * `.codex/` folder (a project's, or the user's home) governs nothing and
 * yields a note, no policy. The legacy `managed_config.toml` holds config.toml's
 * keys as an admin layer above the user's and the project's, read from
 * `/etc/codex/` (Windows builds that read `CODEX_HOME\managed_config.toml` now
 * ignore it): a managed policy there, a note in a `.codex/` folder.
 */
import { entry, get, isObject, str, strings, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import type { Diagnostic } from "../../types.js";
import { codexAdapter } from "../server-maps.js";
import { PolicyDraft, withAllToolsGrant } from "./common.js";

const CLIENT = "codex";

function readApproval(d: PolicyDraft, doc: DocNode, prefix: string): void {
  const approval = entry(doc, "approval_policy");
  const policy = str(approval?.value);
  if (approval && policy === "never") {
    d.setting(`${prefix}approval_policy`, approval.value, "permissive", "Codex never asks before running a command or an MCP tool call");
  }
  const sandbox = entry(doc, "sandbox_mode");
  if (sandbox && str(sandbox.value) === "danger-full-access") {
    d.setting(`${prefix}sandbox_mode`, sandbox.value, "permissive", "commands run with no sandbox: full disk and network access");
  }
  if (prefix !== "") return;
  if (approval && policy === "never") d.setDefault("allow", "`approval_policy = \"never\"`: tool calls run without asking", d.loc(approval.value));
  else if (approval && policy !== undefined) d.setDefault("ask", `\`approval_policy = "${policy}"\`: Codex asks before calls it does not trust`, d.loc(approval.value));
  else d.setDefault("unknown", "no `approval_policy` here; Codex's own default or another layer decides");
}

function readConfigPolicy(input: AdapterInput, doc: DocNode, kind: "client" | "managed"): PolicyDraft {
  const d = new PolicyDraft(input, kind);
  readApproval(d, doc, "");
  const profiles = get(doc, "profiles");
  if (isObject(profiles)) for (const p of profiles.entries) readApproval(d, p.value, `profiles.${p.key}.`);
  const projects = get(doc, "projects");
  if (isObject(projects)) {
    for (const p of projects.entries) {
      const level = entry(p.value, "trust_level");
      if (level && str(level.value) === "trusted") {
        d.setting(`projects."${p.key}".trust_level`, level.value, "permissive", `the project's own \`.codex/config.toml\` (servers and approval settings) is loaded for ${p.key}; whoever commits there configures Codex`);
      }
    }
  }
  return d;
}

function readRequirements(input: AdapterInput, doc: DocNode): PolicyDraft {
  const d = new PolicyDraft(input, "managed");
  for (const item of strings(get(doc, "allowed_approval_policies"))) {
    if (item.value === "never") d.setting("allowed_approval_policies", item.node, "permissive", "users may switch approvals off entirely (`never`)");
  }
  for (const item of strings(get(doc, "allowed_sandbox_modes"))) {
    if (item.value === "danger-full-access") d.setting("allowed_sandbox_modes", item.node, "permissive", "users may run with no sandbox (`danger-full-access`)");
  }
  const servers = entry(doc, "mcp_servers");
  if (!servers || !isObject(servers.value)) {
    d.setDefault("allow", "no `[mcp_servers]` allowlist in requirements.toml: every configured server runs");
    return d;
  }
  if (servers.value.entries.length === 0) {
    d.setDefault("deny", "`[mcp_servers]` is empty: no MCP server may run", d.loc(servers.value));
    return d;
  }
  d.setDefault("deny", "only servers whose name and identity match a `[mcp_servers]` entry run", d.loc(servers.value));
  for (const e of servers.value.entries) {
    d.allow("name", e.key, e.value);
    const identity = isObject(get(e.value, "identity")) ? get(e.value, "identity") : e.value;
    const cmd = get(identity, "command");
    const url = get(identity, "url");
    if (cmd && str(cmd) !== undefined) d.allow("command", str(cmd) ?? "", cmd);
    if (url && str(url) !== undefined) d.allow("url", str(url) ?? "", url);
  }
  return d;
}

/** A requirements.toml or managed_config.toml where Codex never looks for one: `where` says where it does. */
function unreadSystemFile(input: AdapterInput, name: string, where: string, what: string): Diagnostic {
  return {
    level: "note",
    code: "config",
    message: `${input.file}: Codex reads ${name} only from ${where}, not from a \`.codex/\` folder, so ${what} nowhere; deploy the file to the system folder`,
    file: input.file,
    loc: new PolicyDraft(input, "managed").rootLoc(),
  };
}

const REQUIREMENTS_FROM = "the system folder (/etc/codex/requirements.toml, C:\\ProgramData\\OpenAI\\Codex\\requirements.toml) or from MDM and cloud management";
const MANAGED_CONFIG_FROM = "the system folder (/etc/codex/managed_config.toml) or from macOS MDM (current Windows builds ignore CODEX_HOME\\managed_config.toml)";

export const codexConfigAdapter: Adapter = (input) => {
  const requirements = /(^|\/)requirements\.toml$/.test(input.file);
  const managed = /(^|\/)managed_config\.toml$/.test(input.file);
  const inCodexHome = /(^|\/)\.codex\/[^/]+$/.test(input.file);
  if (requirements && inCodexHome) return { servers: [], policies: [], diagnostics: [unreadSystemFile(input, "requirements.toml", REQUIREMENTS_FROM, "these requirements are enforced")] };
  if (managed && inCodexHome) return { servers: [], policies: [], diagnostics: [unreadSystemFile(input, "managed_config.toml", MANAGED_CONFIG_FROM, "these settings and servers apply")] };
  if (requirements) {
    return { servers: [], policies: input.docs.map((doc) => readRequirements(input, doc).build(CLIENT)), diagnostics: [] };
  }
  const read = codexAdapter(input);
  const servers = read.servers.map(withAllToolsGrant("enabled_tools"));
  const policies = input.docs.map((doc) => readConfigPolicy(input, doc, managed ? "managed" : "client").build(CLIENT, "policy", servers));
  return { servers, policies, diagnostics: read.diagnostics };
};
