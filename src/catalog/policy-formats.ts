/**
 * Client policy and settings files (Claude Code settings and managed
 * settings, Gemini settings and policy engine files, VS Code settings, Codex
 * config and requirements, Cursor permissions, Amazon Q and Kiro agents, Kiro
 * permissions, Zed, Goose, Continue permissions, Cline enterprise config, Qwen
 * Code settings, Amp managed settings). Where a settings file also holds servers (Gemini,
 * Qwen Code, VS Code, Codex, Zed, Goose, Amazon Q and Kiro agents, Amp) the adapter yields both, and
 * the server catalog in `formats.ts` no longer claims the path.
 */
import type { RefSyntax } from "../model/refs.js";
import { amazonQAgentAdapter, kiroAgentAdapter, kiroPermissionsAdapter } from "../model/adapters/policies/amazon-q.js";
import { ampSettingsAdapter } from "../model/adapters/policies/amp.js";
import { claudeManagedSettingsAdapter, claudeSettingsAdapter } from "../model/adapters/policies/claude-code.js";
import { clineRemoteConfigAdapter, isClineRemoteConfig } from "../model/adapters/policies/cline.js";
import { codexConfigAdapter } from "../model/adapters/policies/codex.js";
import { continuePermissionsAdapter } from "../model/adapters/policies/continue.js";
import { cursorPermissionsAdapter } from "../model/adapters/policies/cursor.js";
import { geminiSettingsAdapter, tabnineSettingsAdapter } from "../model/adapters/policies/gemini-cli.js";
import { geminiPolicyAdapter } from "../model/adapters/policies/gemini-policy.js";
import { gooseConfigAdapter } from "../model/adapters/policies/goose.js";
import { qwenSettingsAdapter } from "../model/adapters/policies/qwen-code.js";
import { vscodeSettingsAdapter } from "../model/adapters/policies/vscode.js";
import { zedSettingsAdapter } from "../model/adapters/policies/zed.js";
import type { FormatSpec } from "./formats.js";

const none: readonly RefSyntax[] = [];
const gemini: readonly RefSyntax[] = ["dollar-brace", "dollar", "percent"];

/** Matched by path; these are checked BEFORE the server formats. */
export const POLICY_PATH_FORMATS: FormatSpec[] = [
  // Amp enterprise managed settings (`/etc/ampcode`, `/Library/Application Support/ampcode`, `C:\ProgramData\ampcode`): the
  // settings schema, above every user's. Before Claude Code's entry, whose glob takes any `managed-settings.json`.
  { id: "amp-managed", client: "amp", title: "Amp managed settings", syntax: "jsonc", globs: ["**/ampcode/managed-settings.json"], scope: "managed", syntaxes: ["dollar-brace", "env-colon"], adapter: ampSettingsAdapter },
  { id: "claude-code-managed-settings", client: "claude-code", title: "Claude Code managed settings", syntax: "json", globs: ["**/managed-settings.json", "**/managed-settings.d/*.json"], scope: "managed", syntaxes: none, adapter: claudeManagedSettingsAdapter, strict: true },
  { id: "claude-code-local-settings", client: "claude-code", title: "Claude Code local settings", syntax: "json", globs: ["**/.claude/settings.local.json"], scope: "local", syntaxes: none, adapter: claudeSettingsAdapter, strict: true },
  { id: "claude-code-settings", client: "claude-code", title: "Claude Code settings", syntax: "json", globs: ["**/.claude/settings.json"], scope: "project", syntaxes: none, adapter: claudeSettingsAdapter, strict: true },
  { id: "gemini-cli-system", client: "gemini-cli", title: "Gemini CLI system settings", syntax: "jsonc", globs: ["**/gemini-cli/settings.json", "**/gemini-cli/system-defaults.json", "**/GeminiCli/settings.json", "**/GeminiCli/system-defaults.json"], scope: "system", syntaxes: gemini, adapter: geminiSettingsAdapter },
  { id: "gemini-cli", client: "gemini-cli", title: "Gemini CLI settings", syntax: "jsonc", globs: ["**/.gemini/settings.json"], scope: "project", syntaxes: gemini, adapter: geminiSettingsAdapter },
  { id: "gemini-cli-admin-policy", client: "gemini-cli", title: "Gemini CLI admin policy", syntax: "toml", globs: ["**/gemini-cli/policies/*.toml", "**/GeminiCli/policies/*.toml"], scope: "managed", syntaxes: none, adapter: geminiPolicyAdapter },
  { id: "gemini-cli-policy", client: "gemini-cli", title: "Gemini CLI policy", syntax: "toml", globs: ["**/.gemini/policies/*.toml"], scope: "user", syntaxes: none, adapter: geminiPolicyAdapter },
  // Qwen Code, a fork of Gemini CLI: Gemini's `mcpServers` (`trust`, `includeTools`, `httpUrl`) and `mcp.allowed`, with
  // Claude Code-style `permissions.allow`/`ask`/`deny` rules (`mcp__<server>__<tool>`) and `tools.approvalMode`.
  // Tabnine (agent and CLI) keeps Gemini CLI's settings layout; its workspace file is read only in a trusted folder.
  { id: "tabnine-system", client: "tabnine", title: "Tabnine system settings", syntax: "jsonc", globs: ["**/tabnine-cli/settings.json", "**/TabnineCli/settings.json"], scope: "system", syntaxes: gemini, adapter: tabnineSettingsAdapter },
  { id: "tabnine", client: "tabnine", title: "Tabnine agent settings", syntax: "jsonc", globs: ["**/.tabnine/agent/settings.json"], scope: "project", syntaxes: gemini, adapter: tabnineSettingsAdapter },
  { id: "qwen-code-system", client: "qwen-code", title: "Qwen Code system settings", syntax: "jsonc", globs: ["**/qwen-code/settings.json", "**/qwen-code/system-defaults.json", "**/QwenCode/settings.json", "**/QwenCode/system-defaults.json"], scope: "system", syntaxes: gemini, adapter: qwenSettingsAdapter },
  { id: "qwen-code", client: "qwen-code", title: "Qwen Code", syntax: "jsonc", globs: ["**/.qwen/settings.json"], scope: "project", syntaxes: gemini, adapter: qwenSettingsAdapter },
  // Codex's system folder is `/etc/codex/` on Unix and `%ProgramData%\OpenAI\Codex\` on Windows (capital C:
  // codex-rs/config/src/loader, windows_system_requirements_toml_file), where its requirements.toml and config.toml live.
  { id: "codex-requirements", client: "codex", title: "OpenAI Codex requirements", syntax: "toml", globs: ["**/codex/requirements.toml", "**/OpenAI/Codex/requirements.toml", "**/.codex/requirements.toml"], scope: "managed", syntaxes: none, adapter: codexConfigAdapter },
  // The legacy managed layer: `/etc/codex/managed_config.toml` (Unix; codex-rs/config/src/loader/layer_io.rs), config.toml's
  // keys above the user's and the project's. Windows builds read `CODEX_HOME\managed_config.toml` once and now ignore it.
  { id: "codex-managed-config", client: "codex", title: "OpenAI Codex managed config (legacy)", syntax: "toml", globs: ["**/codex/managed_config.toml", "**/.codex/managed_config.toml"], scope: "managed", syntaxes: none, adapter: codexConfigAdapter },
  { id: "codex", client: "codex", title: "OpenAI Codex CLI", syntax: "toml", globs: ["**/.codex/config.toml", "**/codex/config.toml", "**/OpenAI/Codex/config.toml", "**/.codex/*.config.toml"], scope: "project", syntaxes: none, adapter: codexConfigAdapter },
  { id: "vscode-settings", client: "vscode", title: "VS Code settings", syntax: "jsonc", globs: ["**/.vscode/settings.json", "**/Code*/User/settings.json", "**/Code*/User/profiles/*/settings.json", "**/VSCodium/User/settings.json", "**/VSCodium/User/profiles/*/settings.json", "**/*.code-workspace"], scope: "project", syntaxes: ["env-colon", "input"], adapter: vscodeSettingsAdapter },
  { id: "cursor-permissions", client: "cursor", title: "Cursor permissions", syntax: "jsonc", globs: ["**/.cursor/permissions.json"], scope: "user", syntaxes: none, adapter: cursorPermissionsAdapter },
  { id: "cursor-cli", client: "cursor", title: "Cursor CLI permissions", syntax: "json", globs: ["**/.cursor/cli-config.json", "**/cursor/cli-config.json", "**/.cursor/cli.json"], scope: "user", syntaxes: none, adapter: cursorPermissionsAdapter },
  { id: "amazon-q-agent", client: "amazon-q", title: "Amazon Q Developer agent", syntax: "jsonc", globs: ["**/.amazonq/default.json", "**/.aws/amazonq/default.json", "**/.amazonq/cli-agents/*.json", "**/.aws/amazonq/cli-agents/*.json", "**/.aws/amazonq/agents/*.json"], scope: "project", syntaxes: ["env-colon"], adapter: amazonQAgentAdapter },
  // Kiro CLI (the renamed Q Developer CLI) custom agents, the same format; `${VAR}` as its MCP docs show, `${env:VAR}` as the code substitutes.
  { id: "kiro-agent", client: "kiro", title: "Kiro CLI agent", syntax: "jsonc", globs: ["**/.kiro/agents/*.json"], scope: "project", syntaxes: ["env-colon", "dollar-brace"], adapter: kiroAgentAdapter },
  // Kiro agent profiles in Markdown (IDE 1.0, CLI v3; nested folders allowed): the same keys in the YAML front matter.
  // Kiro's capability permission rules (`rules:`), user scope and the per-workspace copies Kiro keeps under `workspace-roots`.
  { id: "kiro-permissions", client: "kiro", title: "Kiro permissions", syntax: "yaml", globs: ["**/.kiro/settings/permissions.yaml", "**/.kiro/workspace-roots/*/permissions.yaml"], scope: "user", syntaxes: none, adapter: kiroPermissionsAdapter },
  { id: "kiro-agent-markdown", client: "kiro", title: "Kiro agent profile (Markdown)", syntax: "frontmatter", globs: ["**/.kiro/agents/**/*.md"], scope: "project", syntaxes: ["env-colon", "dollar-brace"], adapter: kiroAgentAdapter },
  { id: "zed", client: "zed", title: "Zed", syntax: "jsonc", globs: ["**/.zed/settings.json", "**/zed/settings.json", "**/Zed/settings.json"], scope: "project", syntaxes: none, adapter: zedSettingsAdapter },
  { id: "goose", client: "goose", title: "Goose", syntax: "yaml", globs: ["**/goose/config.yaml", "**/goose/config.yml", "**/.goose/config.yaml", "**/Block/goose/config/config.yaml"], scope: "user", syntaxes: none, adapter: gooseConfigAdapter },
  { id: "continue-permissions", client: "continue", title: "Continue CLI permissions", syntax: "yaml", globs: ["**/.continue/permissions.yaml"], scope: "user", syntaxes: none, adapter: continuePermissionsAdapter },
];

/** Matched by content (JSON with generic names). */
export const POLICY_SNIFFED_FORMATS: FormatSpec[] = [
  { id: "cline-remote-config", client: "cline", title: "Cline enterprise remote config", syntax: "jsonc", globs: [], sniffText: /"(allowedMCPServers|remoteMCPServers|mcpMarketplaceEnabled|blockPersonalRemoteMCPServers)"/, sniff: (docs) => isClineRemoteConfig(docs), scope: "managed", syntaxes: none, adapter: clineRemoteConfigAdapter },
];
