/**
 * The catalog: one table that says, for each known file, which client it
 * belongs to, how to parse it and which adapter reads it. Files no entry
 * claims still get the generic secret scan as plain text.
 */
import type { DocNode } from "../parse/doc.js";
import { emptyOutput, type Adapter } from "../model/adapter.js";
import type { CodeInput } from "../model/adapters/ts-values.js";
import { analyzeTypeScriptSdk, SDK_CLIENT } from "../model/adapters/typescript-sdk.js";
import type { RefSyntax } from "../model/refs.js";
import type { AdapterOutput, ConfigScope } from "../model/types.js";
import * as maps from "../model/adapters/server-maps.js";
import { ampSettingsAdapter } from "../model/adapters/policies/amp.js";
import { opencodeConfigAdapter } from "../model/adapters/policies/opencode.js";
import { mistralVibeAdapter } from "../model/adapters/mistral-vibe.js";
import { openhandsConfigAdapter } from "../model/adapters/openhands.js";
import { dockerCagentAdapter, isCagentConfig } from "../model/adapters/docker-cagent.js";
import { hermesAdapter } from "../model/adapters/hermes.js";
import { agenticWorkflowText, ghAwAdapter } from "../model/adapters/gh-aw.js";
import { GATEWAY_PATH_FORMATS, GATEWAY_SNIFFED_FORMATS } from "./gateway-formats.js";
import { allOf, keyText, type TextTest } from "./text-tests.js";
import { POLICY_PATH_FORMATS, POLICY_SNIFFED_FORMATS } from "./policy-formats.js";

export type Syntax = "json" | "jsonc" | "yaml" | "toml" | "typescript" | "dotenv" | "frontmatter";

export interface FormatSpec {
  /** Stable format id. */
  readonly id: string;
  /** Stable client id reported on servers (`claude-code`, `vscode` ...). */
  readonly client: string;
  readonly title: string;
  readonly syntax: Syntax;
  /** Globs on the path relative to the scan root (picomatch, dot files included). */
  readonly globs: readonly string[];
  /** For generic names (`*.yaml`): does the parsed content belong to this format? */
  readonly sniff?: (docs: readonly DocNode[], text: string) => boolean;
  /** Cheap text test run before parsing a sniffed file. */
  readonly sniffText?: TextTest;
  readonly scope: ConfigScope;
  readonly syntaxes: readonly RefSyntax[];
  readonly adapter: Adapter;
  /** Strict JSON per the client's docs (comments are a syntax error there). */
  readonly strict?: boolean;
  /**
   * The text is a template the product renders before it is parsed: `deck`, decK's `${{ ... }}`
   * (parse/template-quotes.ts); `helm`, a Helm chart template's `{{ ... }}` actions (parse/helm-template.ts).
   */
  readonly rendersTemplates?: "deck" | "helm";
  /** For `typescript` syntax: reads the syntax tree (the document `adapter` gets no documents). */
  readonly code?: (input: CodeInput) => AdapterOutput;
}

/** An OpenHands `[mcp]` table: `[mcp]` (or `[[mcp.stdio_servers]]`-style tables) with one of its server lists. */
const OPENHANDS_MCP_TABLE: TextTest = {
  test: (text) => text.includes("_servers") && /^[ \t]*\[\[?[ \t]*mcp[ \t]*(?:\]|\.[ \t]*(?:sse|shttp|stdio)_servers)/m.test(text),
};

const none: readonly RefSyntax[] = [];
const vsStyle: readonly RefSyntax[] = ["env-colon"];

/** Client server-config formats matched by path. */
const CLIENT_PATH_FORMATS: FormatSpec[] = [
  { id: "claude-desktop", client: "claude-desktop", title: "Claude Desktop", syntax: "json", globs: ["**/claude_desktop_config.json"], scope: "user", syntaxes: none, adapter: maps.claudeDesktopAdapter },
  { id: "claude-code-managed-mcp", client: "claude-code", title: "Claude Code managed MCP", syntax: "json", globs: ["**/managed-mcp.json"], scope: "managed", syntaxes: ["dollar-brace"], adapter: maps.claudeMcpJsonAdapter },
  { id: "claude-code-plugin", client: "claude-code", title: "Claude Code installed plugin servers", syntax: "json", globs: ["**/.claude/plugins/**/.mcp.json", "**/.claude/plugins/**/.claude-plugin/plugin.json"], scope: "user", syntaxes: ["dollar-brace"], adapter: maps.claudeMcpJsonAdapter },
  { id: "claude-code-plugin-manifest", client: "claude-code", title: "Claude Code plugin manifest", syntax: "json", globs: ["**/.claude-plugin/plugin.json"], scope: "project", syntaxes: ["dollar-brace"], adapter: maps.claudeMcpJsonAdapter },
  // Listed before the broader entries below that share their paths (the first match wins).
  // `Code*` covers Insiders (`Code - Insiders`) and the OSS build (`Code - OSS`); VSCodium keeps the same layout.
  { id: "vscode-user-mcp", client: "vscode", title: "VS Code user MCP servers", syntax: "jsonc", globs: ["**/Code*/User/mcp.json", "**/Code*/User/profiles/*/mcp.json", "**/VSCodium/User/mcp.json", "**/VSCodium/User/profiles/*/mcp.json"], scope: "user", syntaxes: ["env-colon", "input"], adapter: maps.vscodeAdapter },
  { id: "windsurf-project", client: "windsurf", title: "Windsurf (project)", syntax: "json", globs: ["**/.windsurf/mcp_config.json"], scope: "project", syntaxes: ["env-colon", "file-colon"], adapter: maps.mcpServersAdapter },
  // Visual Studio reads a solution folder's `.mcp.json` too, in VS Code's shape (`servers`): maps.projectMcpJsonAdapter reads such a file as its.
  { id: "claude-code-project", client: "claude-code", title: "Claude Code project servers", syntax: "json", globs: ["**/.mcp.json"], scope: "project", syntaxes: ["dollar-brace"], adapter: maps.projectMcpJsonAdapter, strict: true },
  // Visual Studio (2022 17.14+, 2026): a solution's `.vs/mcp.json`, in VS Code's shape.
  { id: "visual-studio", client: "visual-studio", title: "Visual Studio", syntax: "jsonc", globs: ["**/.vs/mcp.json"], scope: "project", syntaxes: ["env-colon", "input", "dollar-brace"], adapter: maps.visualStudioAdapter },
  { id: "claude-code-user", client: "claude-code", title: "Claude Code user config", syntax: "json", globs: ["**/.claude.json"], scope: "user", syntaxes: ["dollar-brace"], adapter: maps.claudeUserAdapter },
  { id: "vscode-mcp", client: "vscode", title: "VS Code MCP servers", syntax: "jsonc", globs: ["**/.vscode/mcp.json", "**/Code*/User/mcp.json", "**/Code*/User/profiles/*/mcp.json"], scope: "project", syntaxes: ["env-colon", "input"], adapter: maps.vscodeAdapter },
  { id: "cursor", client: "cursor", title: "Cursor", syntax: "json", globs: ["**/.cursor/mcp.json"], scope: "project", syntaxes: vsStyle, adapter: maps.cursorAdapter },
  { id: "windsurf", client: "windsurf", title: "Windsurf", syntax: "json", globs: ["**/.codeium/windsurf/mcp_config.json", "**/.codeium/windsurf-next/mcp_config.json", "**/.codeium/mcp_config.json", "**/.windsurf/mcp_config.json"], scope: "user", syntaxes: ["env-colon", "file-colon"], adapter: maps.mcpServersAdapter },
  { id: "cline", client: "cline", title: "Cline", syntax: "json", globs: ["**/cline_mcp_settings.json"], scope: "user", syntaxes: vsStyle, adapter: maps.clineAdapter },
  { id: "roo-code", client: "roo-code", title: "Roo Code", syntax: "json", globs: ["**/.roo/mcp.json", "**/rooveterinaryinc.roo-cline/settings/mcp_settings.json"], scope: "project", syntaxes: vsStyle, adapter: maps.mcpServersAdapter },
  // IBM Bob (a Roo Code fork: `.bob/custom_modes.yaml`, `rules-<mode>/`): `mcpServers` with `alwaysAllow` in the project's
  // `.bob/mcp.json`; the global file is `~/.bob/settings/mcp.json` (older guides: `~/.bob/mcp_settings.json`).
  { id: "ibm-bob", client: "ibm-bob", title: "IBM Bob", syntax: "json", globs: ["**/.bob/mcp.json", "**/.bob/settings/mcp.json", "**/.bob/mcp_settings.json"], scope: "project", syntaxes: vsStyle, adapter: maps.mcpServersAdapter },
  // Snowflake Cortex Code CLI: `~/.snowflake/cortex/mcp.json`, an `mcpServers` map (with `inputs` prompts for secrets).
  { id: "cortex-code", client: "cortex-code", title: "Snowflake Cortex Code", syntax: "jsonc", globs: ["**/.snowflake/cortex/mcp.json"], scope: "user", syntaxes: ["dollar-brace", "env-colon", "input"], adapter: maps.mcpServersAdapter },
  // Cortex Code Desktop, a VS Code fork, keeps the user's servers in VS Code's `mcp.json` shape under its own name.
  { id: "cortex-code-desktop", client: "cortex-code", title: "Snowflake Cortex Code Desktop", syntax: "jsonc", globs: ["**/Cortex Code/User/mcp.json"], scope: "user", syntaxes: ["env-colon", "input"], adapter: maps.cortexDesktopAdapter },
  // Kilo Code, a fork of Roo Code: the same file shape and `${env:NAME}` references.
  { id: "kilo-code", client: "kilo-code", title: "Kilo Code", syntax: "json", globs: ["**/.kilocode/mcp.json", "**/kilocode.kilo-code/settings/mcp_settings.json"], scope: "project", syntaxes: vsStyle, adapter: maps.mcpServersAdapter },
  // Trae (a VS Code fork) and Factory's Droid keep `mcpServers` as Claude Desktop does. Neither documents which
  // references it expands, so both common spellings count as references: no `unexpanded-reference` claim.
  { id: "trae", client: "trae", title: "Trae", syntax: "jsonc", globs: ["**/.trae/mcp.json", "**/Trae/User/mcp.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  // Google Antigravity (a Windsurf descendant: its entries carry Cascade's `$typeName`) keeps `mcpServers` in
  // mcp_config.json (`command`/`args`/`env`, `serverUrl` for a remote server): the first IDE in
  // ~/.gemini/antigravity/, Antigravity 2.0 and its CLI (`agy`) in the global customization root ~/.gemini/config/ (some
  // CLI builds in ~/.gemini/antigravity-cli/), files that dotfiles repositories commit; and, for one workspace, in its
  // customization root `.agents/` (`agy` also takes `.agent/`, `_agents/`, `_agent/`), committed with the project.
  // Its references are not documented: both common spellings count.
  { id: "antigravity", client: "antigravity", title: "Google Antigravity", syntax: "jsonc", globs: ["**/.gemini/antigravity/mcp_config.json", "**/.gemini/config/mcp_config.json", "**/.gemini/antigravity-cli/mcp_config.json"], scope: "user", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  { id: "antigravity-workspace", client: "antigravity", title: "Google Antigravity workspace", syntax: "jsonc", globs: ["**/.agents/mcp_config.json", "**/.agent/mcp_config.json", "**/_agents/mcp_config.json", "**/_agent/mcp_config.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  // MCPorter, a CLI and runtime that calls MCP servers (OpenClaw's skills use it): `config/mcporter.json` in a repository
  // (committed, the project layer) and `~/.mcporter/mcporter.json(c)`; `baseUrl` endpoints, `${VAR}` / `${VAR:-d}` in env
  // values, `$env:VAR` or `${VAR}` in headers (steipete/mcporter docs/config.md).
  { id: "mcporter", client: "mcporter", title: "MCPorter", syntax: "jsonc", globs: ["**/config/mcporter.json", "**/config/mcporter.jsonc"], scope: "project", syntaxes: ["dollar-brace", "ps-env"], adapter: maps.mcporterAdapter },
  { id: "mcporter-user", client: "mcporter", title: "MCPorter user config", syntax: "jsonc", globs: ["**/.mcporter/mcporter.json", "**/.mcporter/mcporter.jsonc"], scope: "user", syntaxes: ["dollar-brace", "ps-env"], adapter: maps.mcporterAdapter },
  // Ruler writes these servers into each agent's own file, so either agent's reference spelling may be meant: both count.
  { id: "ruler", client: "ruler", title: "Ruler", syntax: "toml", globs: ["**/.ruler/ruler.toml"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.rulerAdapter },
  { id: "ruler-json", client: "ruler", title: "Ruler (legacy mcp.json)", syntax: "json", globs: ["**/.ruler/mcp.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.rulerAdapter },
  { id: "ruler-user", client: "ruler", title: "Ruler global config", syntax: "toml", globs: ["**/.config/ruler/ruler.toml"], scope: "user", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.rulerAdapter },
  { id: "ruler-user-json", client: "ruler", title: "Ruler global config (legacy mcp.json)", syntax: "json", globs: ["**/.config/ruler/mcp.json"], scope: "user", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.rulerAdapter },
  // Mistral Vibe: `[[mcp_servers]]` in `~/.vibe/config.toml` or a trusted project's `.vibe/config.toml`. Its loader
  // expands no reference in these values that we know of; unconfirmed, so both common spellings count (no unexpanded claim).
  { id: "mistral-vibe", client: "mistral-vibe", title: "Mistral Vibe", syntax: "toml", globs: ["**/.vibe/config.toml"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: mistralVibeAdapter },
  // OpenHands reads the `[mcp]` table of `config.toml` in the folder it runs in (a file repositories and deployments
  // commit; any other `config.toml` stays plain text) and of `~/.openhands/config.toml`; its CLI keeps `mcpServers`
  // in `~/.openhands/mcp.json`. Neither expands references that we know of; unconfirmed, so both common spellings count.
  { id: "openhands-user", client: "openhands", title: "OpenHands user config", syntax: "toml", globs: ["**/.openhands/config.toml"], scope: "user", syntaxes: ["dollar-brace", "env-colon"], adapter: openhandsConfigAdapter },
  { id: "openhands-cli", client: "openhands", title: "OpenHands CLI MCP servers", syntax: "jsonc", globs: ["**/.openhands/mcp.json"], scope: "user", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  { id: "openhands", client: "openhands", title: "OpenHands config.toml", syntax: "toml", globs: ["**/config.toml"], sniffText: OPENHANDS_MCP_TABLE, scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: openhandsConfigAdapter },
  // More agents that keep an `mcpServers` map in their own file. Kimi CLI (Moonshot; FastMCP's shape, `transport` for a URL's):
  // `~/.kimi/mcp.json`, and a project's `.kimi/mcp.json`. iFlow CLI (a Gemini CLI fork): `~/.iflow/settings.json` and a
  // project's `.iflow/settings.json` (only its servers are read: its permission keys are not confirmed). Augment's Auggie CLI:
  // `~/.augment/settings.json`, a project's `.augment/settings.json`. None documents its reference expansion: both spellings count.
  { id: "kimi", client: "kimi", title: "Kimi CLI", syntax: "jsonc", globs: ["**/.kimi/mcp.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  { id: "iflow", client: "iflow", title: "iFlow CLI", syntax: "jsonc", globs: ["**/.iflow/settings.json"], scope: "project", syntaxes: ["dollar-brace", "dollar"], adapter: maps.mcpServersAdapter },
  { id: "augment", client: "augment", title: "Augment (Auggie CLI)", syntax: "jsonc", globs: ["**/.augment/settings.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  // Hermes Agent: `mcp_servers` in `~/.hermes/config.yaml` (HERMES_HOME moves it), files dotfiles and deployment repositories commit.
  // Its expansion of these values is not documented: both shell spellings count as references.
  { id: "hermes", client: "hermes", title: "Hermes Agent", syntax: "yaml", globs: ["**/.hermes/config.yaml"], scope: "user", syntaxes: ["dollar-brace", "dollar"], adapter: hermesAdapter },
  // Firebase Studio (Project IDX) reads the workspace's `.idx/mcp.json`, an `mcpServers` map (the `airules.md` its templates
  // create tells its agent to add servers there).
  { id: "firebase-studio", client: "firebase-studio", title: "Firebase Studio", syntax: "jsonc", globs: ["**/.idx/mcp.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  // Firebender (an Android Studio / IntelliJ agent): `mcpServers` in the project's `firebender.json` and `~/.firebender/firebender.json`.
  { id: "firebender-user", client: "firebender", title: "Firebender user config", syntax: "jsonc", globs: ["**/.firebender/firebender.json"], scope: "user", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  { id: "firebender", client: "firebender", title: "Firebender", syntax: "jsonc", globs: ["**/firebender.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  // LM Studio (0.3.17+) keeps its servers in ~/.lmstudio/mcp.json ("Cursor's mcp.json notation"; some builds copy it to
  // ~/.cache/lm-studio/mcp.json). Its references are not documented: both common spellings count.
  { id: "lm-studio", client: "lm-studio", title: "LM Studio", syntax: "jsonc", globs: ["**/.lmstudio/mcp.json", "**/.cache/lm-studio/mcp.json"], scope: "user", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  { id: "factory-droid", client: "factory-droid", title: "Factory Droid", syntax: "jsonc", globs: ["**/.factory/mcp.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.mcpServersAdapter },
  // Amp: `amp.mcpServers` and `amp.mcpPermissions` in its own settings file (its references are not documented: both common spellings count).
  { id: "amp", client: "amp", title: "Amp", syntax: "jsonc", globs: ["**/.amp/settings.json", "**/.config/amp/settings.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: ampSettingsAdapter },
  // Amp skills bundle MCP servers: an `mcp.json` next to the skill's SKILL.md, a bare server map whose `includeTools` narrows
  // the tools, started when the skill is invoked (ampcode.com/news/lazy-load-mcp-with-skills). Skills live in `.agents/skills/`,
  // `~/.config/agents/skills/`, `~/.config/amp/skills/` (and a dotfiles checkout's `skills/`); JSONC (Amp's own example has comments).
  { id: "amp-skill", client: "amp", title: "Amp skill MCP servers", syntax: "jsonc", globs: ["**/skills/*/mcp.json"], scope: "project", syntaxes: ["dollar-brace", "env-colon"], adapter: maps.ampSkillAdapter },
  // Crush expands `$VAR` and `${VAR}` as a shell does.
  { id: "crush", client: "crush", title: "Crush", syntax: "jsonc", globs: ["**/.crush.json", "**/crush.json"], scope: "project", syntaxes: ["dollar-brace", "dollar"], adapter: maps.crushAdapter },
  { id: "kiro", client: "kiro", title: "Kiro", syntax: "json", globs: ["**/.kiro/settings/mcp.json"], scope: "project", syntaxes: ["dollar-brace"], adapter: maps.mcpServersAdapter },
  // Amazon Q substitutes `${env:VAR}` in env and header values (amazon-q-developer-cli, mcp_client/client.rs).
  { id: "amazon-q", client: "amazon-q", title: "Amazon Q Developer", syntax: "jsonc", globs: ["**/.amazonq/mcp.json", "**/.aws/amazonq/mcp.json"], scope: "project", syntaxes: vsStyle, adapter: maps.amazonQMcpJsonAdapter },
  // Tabnine's earlier MCP file, `.tabnine/mcp_servers.json` (project) and `~/.tabnine/mcp_servers.json`: an `mcpServers` map.
  { id: "tabnine-mcp-servers", client: "tabnine", title: "Tabnine MCP servers", syntax: "jsonc", globs: ["**/.tabnine/mcp_servers.json"], scope: "project", syntaxes: ["dollar-brace", "dollar", "percent"], adapter: maps.mcpServersAdapter },
  // Qwen Code extensions (installed under `~/.qwen/extensions/<name>/`): the manifest's `mcpServers`, as Gemini CLI's.
  { id: "qwen-code-extension", client: "qwen-code", title: "Qwen Code extension", syntax: "jsonc", globs: ["**/.qwen/extensions/*/qwen-extension.json"], scope: "user", syntaxes: ["dollar-brace", "dollar", "percent"], adapter: maps.mcpServersAdapter },
  { id: "gemini-cli-extension", client: "gemini-cli", title: "Gemini CLI extension", syntax: "jsonc", globs: ["**/.gemini/extensions/*/gemini-extension.json"], scope: "user", syntaxes: ["dollar-brace", "dollar", "percent"], adapter: maps.mcpServersAdapter },
  // An extension's own repository: `gemini extensions install <repo>` (and `qwen extensions install`) copies the
  // manifest at its root into the user's extensions folder, so its servers are the ones every installer runs.
  // After the installed-extension rows, which take the same names under `extensions/*/`.
  { id: "gemini-cli-extension-source", client: "gemini-cli", title: "Gemini CLI extension (source)", syntax: "jsonc", globs: ["**/gemini-extension.json"], scope: "project", syntaxes: ["dollar-brace", "dollar", "percent"], adapter: maps.mcpServersAdapter },
  { id: "qwen-code-extension-source", client: "qwen-code", title: "Qwen Code extension (source)", syntax: "jsonc", globs: ["**/qwen-extension.json"], scope: "project", syntaxes: ["dollar-brace", "dollar", "percent"], adapter: maps.mcpServersAdapter },
  // Local profiles: every YAML file in `.continue/assistants`, `.continue/agents` and `.continue/configs` (workspace or user) is a whole config.yaml.
  { id: "continue", client: "continue", title: "Continue", syntax: "yaml", globs: ["**/.continue/config.yaml", "**/.continue/config.yml", "**/.continue/mcpServers/*.yaml", "**/.continue/mcpServers/*.yml", "**/.continue/assistants/*.yaml", "**/.continue/assistants/*.yml", "**/.continue/agents/*.yaml", "**/.continue/agents/*.yml", "**/.continue/configs/*.yaml", "**/.continue/configs/*.yml"], scope: "project", syntaxes: ["gh-secrets"], adapter: maps.continueAdapter },
  // Legacy config.json: `experimental.modelContextProtocolServers`, a list of `{ name?, transport: { type, command, args, env } }`.
  { id: "continue-legacy", client: "continue", title: "Continue (legacy config.json)", syntax: "jsonc", globs: ["**/.continue/config.json"], scope: "project", syntaxes: ["gh-secrets"], adapter: maps.continueLegacyAdapter },
  // JSON blocks: Claude Desktop's or Claude Code's shape, or one server named after the file; `${VAR}` in env is rewritten to a secret.
  { id: "continue-json", client: "continue", title: "Continue (JSON block)", syntax: "jsonc", globs: ["**/.continue/mcpServers/*.json"], scope: "project", syntaxes: ["gh-secrets", "continue-json-env"], adapter: maps.continueJsonAdapter },
  // Goose recipes kept in a project (`.goose/recipes/`) or saved for the user (`~/.config/goose/recipes/`): `extensions` is a list.
  { id: "goose-recipe", client: "goose", title: "Goose recipe", syntax: "yaml", globs: ["**/.goose/recipes/*.yaml", "**/.goose/recipes/*.yml", "**/goose/recipes/*.yaml", "**/goose/recipes/*.yml"], scope: "project", syntaxes: none, adapter: maps.gooseRecipeAdapter },
  { id: "goose-recipe-json", client: "goose", title: "Goose recipe (JSON)", syntax: "jsonc", globs: ["**/.goose/recipes/*.json", "**/goose/recipes/*.json"], scope: "project", syntaxes: none, adapter: maps.gooseRecipeAdapter },
  { id: "opencode", client: "opencode", title: "opencode", syntax: "jsonc", globs: ["**/opencode.json", "**/opencode.jsonc", "**/.agents/mcp.json", "**/opencode/mcp-local.json"], scope: "project", syntaxes: ["brace-env"], adapter: opencodeConfigAdapter },
  { id: "librechat", client: "librechat", title: "LibreChat", syntax: "yaml", globs: ["**/librechat.yaml", "**/librechat.yml"], scope: "project", syntaxes: ["dollar-brace", "mustache"], adapter: maps.librechatAdapter },
  // GitHub Copilot in JetBrains IDEs keeps the user's servers in VS Code's `mcp.json` shape: `~/.config/github-copilot/intellij/mcp.json`
  // (macOS, Linux; `$XDG_CONFIG_HOME` moves it), `%LOCALAPPDATA%/github-copilot/intellij/mcp.json` (Windows).
  { id: "copilot-jetbrains", client: "copilot", title: "GitHub Copilot for JetBrains IDEs", syntax: "jsonc", globs: ["**/github-copilot/intellij/mcp.json"], scope: "user", syntaxes: ["env-colon", "input"], adapter: maps.copilotJetbrainsAdapter },
  // GitHub Copilot for Xcode keeps the user's servers in VS Code's shape in `~/.config/github-copilot/xcode/mcp.json`.
  { id: "copilot-xcode", client: "copilot", title: "GitHub Copilot for Xcode", syntax: "jsonc", globs: ["**/github-copilot/xcode/mcp.json"], scope: "user", syntaxes: ["env-colon", "input"], adapter: maps.copilotXcodeAdapter },
  // Copilot CLI runs locally and expands `$VAR`, `${VAR}`, `${VAR:-d}` from the user's environment (github/copilot-cli#903, v1.0.10).
  { id: "copilot-cli", client: "copilot", title: "GitHub Copilot CLI", syntax: "json", globs: ["**/.copilot/mcp-config.json"], scope: "user", syntaxes: ["dollar-brace", "dollar"], adapter: maps.copilotCliAdapter },
  // Copilot CLI's workspace file (`copilot mcp --help`: "Workspace .mcp.json or .github/mcp.json"): `mcpServers` or a bare map.
  { id: "copilot-cli-workspace", client: "copilot", title: "GitHub Copilot CLI (workspace)", syntax: "json", globs: ["**/.github/mcp.json"], scope: "project", syntaxes: ["dollar-brace", "dollar"], adapter: maps.copilotCliAdapter },
  // Coding agent config kept in the repo: only `COPILOT_MCP_*` names are visible to the agent.
  { id: "copilot", client: "copilot", title: "GitHub Copilot coding agent", syntax: "json", globs: ["**/.github/copilot/mcp.json", "**/.github/copilot-mcp.json", "**/copilot-mcp-config.json"], scope: "project", syntaxes: ["copilot-mcp"], adapter: maps.copilotAgentAdapter },
  // Copilot CLI personal agent profiles (`~/.copilot/agents/*.agent.md`, also plain `*.md`): `mcp-servers` front matter,
  // expanded from the user's environment as the CLI's `mcp-config.json` is. Before the custom agent row, whose
  // `agents/*.agent.md` glob would take them (github/docs content/copilot/reference/copilot-cli-reference/cli-config-dir-reference.md).
  { id: "copilot-cli-agent", client: "copilot", title: "GitHub Copilot CLI personal agent", syntax: "frontmatter", globs: ["**/.copilot/agents/*.md"], scope: "user", syntaxes: ["dollar-brace", "dollar"], adapter: maps.copilotCliAgentAdapter },
  // Copilot custom agent profiles: `mcp-servers` in the YAML front matter of a repository's `.github/agents/*.agent.md`
  // and of an organization's or enterprise's `.github-private` `agents/*.md` (`agents/*.agent.md` anywhere, so a scan of
  // that checkout itself finds them). The coding agent's references plus `${{ secrets.X }}` / `${{ vars.X }}`
  // (github/docs content/copilot/reference/custom-agents-configuration.md).
  { id: "copilot-custom-agent", client: "copilot", title: "GitHub Copilot custom agent", syntax: "frontmatter", globs: ["**/.github/agents/*.md", "**/.github-private/agents/*.md", "**/agents/*.agent.md"], scope: "project", syntaxes: ["copilot-mcp", "gh-secrets"], adapter: maps.copilotCustomAgentAdapter },
  // GitHub Agentic Workflows: `mcp-servers` and `tools.github` in the front matter of `.github/workflows/**/*.md`, run
  // unattended in Actions (github/gh-aw docs reference/tools.md, guides/mcps.md). Only files whose front matter has
  // `on:`, `engine:`, `mcp-servers:` or `tools:` are claimed (and parsed); other Markdown there stays plain text.
  // Every `${{ ... }}` is evaluated (by Actions, or by gh-aw for `github.aw.import-inputs.X`), and the MCP gateway every
  // workflow runs its servers behind expands `${VAR}` from the runner's environment (gh-aw-mcpg: "Variable Expansion").
  { id: "gh-aw", client: "gh-aw", title: "GitHub Agentic Workflows", syntax: "frontmatter", globs: ["**/.github/workflows/**/*.md"], sniffText: agenticWorkflowText, scope: "project", syntaxes: ["gh-secrets", "gh-expression", "dollar-brace"], adapter: ghAwAdapter },
  { id: "jetbrains", client: "jetbrains", title: "JetBrains Junie / Air", syntax: "jsonc", globs: ["**/.junie/mcp/mcp.json", "**/.air/mcp.json"], scope: "project", syntaxes: none, adapter: maps.mcpServersAdapter },
];

/** Client formats recognised by content. */
const CLIENT_SNIFFED_FORMATS: FormatSpec[] = [
  // Docker cagent agent teams (any name: `agent.yaml`, `examples/*.yaml`, run with `cagent run <file>`): MCP toolsets of each agent.
  // Its value expansion is not documented for these keys: both shell spellings count as references.
  { id: "docker-cagent", client: "docker-cagent", title: "Docker cagent agent", syntax: "yaml", globs: [], sniffText: allOf(keyText("agents"), keyText("toolsets")), sniff: isCagentConfig, scope: "project", syntaxes: ["dollar-brace", "dollar"], adapter: dockerCagentAdapter },
  // Goose recipes outside `.goose/recipes/` (a repository's `recipes/`, Goose's own cookbook): Goose runs one by path.
  { id: "goose-recipe-sniffed", client: "goose", title: "Goose recipe", syntax: "yaml", globs: [], sniffText: allOf(keyText("extensions"), keyText("title"), keyText("instructions|prompt")), sniff: maps.isGooseRecipe, scope: "project", syntaxes: none, adapter: maps.gooseRecipeAdapter },
];

/**
 * Reference syntaxes of a file whose client is not known: every common one reads as a reference
 * (none is reported as unexpanded, and none hides a literal).
 */
const anyClient: readonly RefSyntax[] = ["dollar-brace", "env-colon", "input", "file-colon", "brace-env", "gh-secrets", "mustache", "dollar", "percent"];

/**
 * Last of the sniffed formats: any other JSON or YAML file with an `mcpServers` map of servers, read
 * as the Claude Desktop shape it copies, for a client the catalog does not know by path.
 */
const FALLBACK_SNIFFED_FORMATS: FormatSpec[] = [
  { id: "mcp-servers-map", client: "unknown-client", title: "Any other file with an `mcpServers` map (a client not known by path)", syntax: "jsonc", globs: [], sniffText: keyText("mcpServers"), sniff: maps.isMcpServersMap, scope: "project", syntaxes: anyClient, adapter: maps.mcpServersAdapter },
];

/** Source code that uses an MCP SDK. Last: any config format with a source-like name wins. */
const CODE_FORMATS: FormatSpec[] = [
  { id: "sdk-typescript", client: SDK_CLIENT, title: "MCP TypeScript SDK code", syntax: "typescript", globs: ["**/*.{ts,tsx,mts,cts,js,mjs,cjs,jsx}"], scope: "code", syntaxes: none, adapter: () => emptyOutput(), code: analyzeTypeScriptSdk },
];

/**
 * Formats of MCP configuration carried inside another file's values, never a file of their own: a
 * GitHub Actions step's `mcp_config` input (engine/workflow-mcp-configs.ts). Actions fills in every
 * `${{ ... }}` before the action reads the input; Claude Code then expands `${VAR}` from the runner's
 * environment, as in the `.mcp.json` the action writes it to.
 */
const ACTIONS_SYNTAXES: readonly RefSyntax[] = ["gh-secrets", "gh-expression", "dollar-brace"];
export const CLAUDE_CODE_ACTION_FORMAT: FormatSpec = { id: "claude-code-action", client: "claude-code-action", title: "Claude Code GitHub Action (a workflow step's `mcp_config` input)", syntax: "jsonc", globs: [], scope: "project", syntaxes: ACTIONS_SYNTAXES, adapter: maps.claudeMcpJsonAdapter };
/** Any other action given an `mcpServers` document as its `mcp_config` input. */
export const GITHUB_ACTION_MCP_FORMAT: FormatSpec = { id: "github-action-mcp-config", client: "github-action", title: "A GitHub Action's `mcp_config` input (another action than Claude Code's)", syntax: "jsonc", globs: [], scope: "project", syntaxes: ACTIONS_SYNTAXES, adapter: maps.mcpServersAdapter };
const EMBEDDED_FORMATS: FormatSpec[] = [CLAUDE_CODE_ACTION_FORMAT, GITHUB_ACTION_MCP_FORMAT];

/** Formats matched by path. Order matters: the first match wins. */
export const PATH_FORMATS: FormatSpec[] = [...POLICY_PATH_FORMATS, ...CLIENT_PATH_FORMATS, ...GATEWAY_PATH_FORMATS, ...CODE_FORMATS];

/** Formats recognised by content (YAML/JSON with names that say nothing). */
export const SNIFFED_FORMATS: FormatSpec[] = [...POLICY_SNIFFED_FORMATS, ...CLIENT_SNIFFED_FORMATS, ...GATEWAY_SNIFFED_FORMATS, ...FALLBACK_SNIFFED_FORMATS];

/** Extensions whose files may be sniffed. */
export const SNIFF_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export function allFormats(): readonly FormatSpec[] {
  return [...PATH_FORMATS, ...SNIFFED_FORMATS, ...EMBEDDED_FORMATS];
}
