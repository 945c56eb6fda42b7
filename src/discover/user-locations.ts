/**
 * Where known MCP clients keep their user-level configuration on macOS, Linux
 * and Windows (MCP-CONFIG-FORMATS.md), for `mcplint scan --user`. Everything
 * comes from the given environment (HOME, USERPROFILE, APPDATA,
 * XDG_CONFIG_HOME, CODEX_HOME, COPILOT_HOME, LOCALAPPDATA) and platform, never from the process, so that
 * tests can fake a home folder. Reported paths are `~/...` when under home.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface UserEnvironment {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface UserFile {
  /** Absolute path. */
  readonly abs: string;
  /** How reports name it: `~/.cursor/mcp.json`, or the absolute path (POSIX separators) outside home. */
  readonly shown: string;
  /**
   * The path the catalog knows it by, when an environment variable moved its client's folder
   * (`$CODEX_HOME/config.toml` is Codex's `~/.codex/config.toml`, whatever the folder is called).
   */
  readonly formatPath?: string;
}

const nonEmpty = (v: string | undefined) => (v && v.trim() ? v : undefined);

/** The home folder, or undefined when the environment does not say. */
export function userHome(u: UserEnvironment): string | undefined {
  if (u.platform === "win32") {
    const drive = nonEmpty(u.env.HOMEDRIVE);
    const homePath = nonEmpty(u.env.HOMEPATH);
    return nonEmpty(u.env.USERPROFILE) ?? (drive && homePath ? drive + homePath : undefined) ?? nonEmpty(u.env.HOME);
  }
  return nonEmpty(u.env.HOME);
}

/**
 * Candidate paths (absolute; a `*` segment is a wildcard for one folder or
 * file name, a `**` segment any run of folders). Pure: nothing is read.
 */
export function userLocationPatterns(u: UserEnvironment): string[] {
  const home = userHome(u);
  if (!home) return [];
  const p = u.platform === "win32" ? path.win32 : path.posix;
  const at = (...parts: string[]) => p.join(home, ...parts);
  const xdg = nonEmpty(u.env.XDG_CONFIG_HOME);
  const config = xdg ?? at(".config");
  const appData = u.platform === "win32" ? (nonEmpty(u.env.APPDATA) ?? at("AppData", "Roaming")) : u.platform === "darwin" ? at("Library", "Application Support") : config;
  const localAppData = nonEmpty(u.env.LOCALAPPDATA) ?? at("AppData", "Local");
  // VS Code and the builds that keep its layout and read its `mcp.json` and settings (Insiders, the OSS build, VSCodium).
  const vscodeUsers = ["Code", "Code - Insiders", "Code - OSS", "VSCodium"].map((c) => p.join(appData, c, "User"));
  // Cline, Roo Code and Kilo Code keep their servers in the extension storage of whichever VS Code fork runs them.
  const extensionHosts = [...vscodeUsers, ...["Cursor", "Windsurf"].map((c) => p.join(appData, c, "User"))];
  const codexHome = nonEmpty(u.env.CODEX_HOME) ?? at(".codex");
  // Copilot CLI: `COPILOT_HOME` moves `~/.copilot`; older releases read `$XDG_CONFIG_HOME/.copilot`.
  const copilotHomes = [nonEmpty(u.env.COPILOT_HOME) ?? at(".copilot"), ...(xdg ? [p.join(xdg, ".copilot")] : [])];
  const out = [
    p.join(appData, "Claude", "claude_desktop_config.json"),
    // Claude Desktop from the Microsoft Store (MSIX) reads its %APPDATA% from the package's own folder.
    ...(u.platform === "win32" ? [p.join(localAppData, "Packages", "Claude_pzs8sxrjxfjjc", "LocalCache", "Roaming", "Claude", "claude_desktop_config.json")] : []),
    at(".claude.json"),
    at(".claude", "settings.json"),
    // Installed plugins: `cache/<marketplace>/<plugin>/<version>/` and marketplace clones, each with its servers.
    at(".claude", "plugins", "**", ".mcp.json"),
    at(".claude", "plugins", "**", ".claude-plugin", "plugin.json"),
    ...vscodeUsers.flatMap((v) => [p.join(v, "mcp.json"), p.join(v, "settings.json"), p.join(v, "profiles", "*", "mcp.json"), p.join(v, "profiles", "*", "settings.json")]),
    ...extensionHosts.flatMap((v) => [
      p.join(v, "globalStorage", "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json"),
      p.join(v, "globalStorage", "rooveterinaryinc.roo-cline", "settings", "mcp_settings.json"),
      p.join(v, "globalStorage", "kilocode.kilo-code", "settings", "mcp_settings.json"),
    ]),
    at(".cline", "data", "settings", "cline_mcp_settings.json"),
    at("Documents", "Cline", "MCP", "cline_mcp_settings.json"),
    at(".cursor", "mcp.json"),
    at(".cursor", "permissions.json"),
    at(".cursor", "cli-config.json"),
    ...(xdg ? [p.join(xdg, "cursor", "cli-config.json")] : []),
    at(".codeium", "windsurf", "mcp_config.json"),
    at(".codeium", "mcp_config.json"),
    at(".codeium", "windsurf-next", "mcp_config.json"),
    at(".kiro", "settings", "mcp.json"),
    at(".kiro", "agents", "*.json"),
    at(".kiro", "agents", "**", "*.md"),
    at(".kiro", "settings", "permissions.yaml"),
    at(".kiro", "workspace-roots", "*", "permissions.yaml"),
    at(".aws", "amazonq", "mcp.json"),
    at(".aws", "amazonq", "default.json"),
    at(".aws", "amazonq", "cli-agents", "*.json"),
    at(".aws", "amazonq", "agents", "*.json"),
    at(".gemini", "settings.json"),
    at(".gemini", "extensions", "*", "gemini-extension.json"),
    at(".gemini", "policies", "*.toml"),
    at(".gemini", "antigravity", "mcp_config.json"),
    at(".qwen", "settings.json"),
    at(".qwen", "extensions", "*", "qwen-extension.json"),
    at(".factory", "mcp.json"),
    at(".tabnine", "agent", "settings.json"),
    at(".tabnine", "mcp_servers.json"),
    at(".bob", "settings", "mcp.json"),
    at(".bob", "mcp_settings.json"),
    at(".snowflake", "cortex", "mcp.json"),
    p.join(appData, "Cortex Code", "User", "mcp.json"),
    at(".lmstudio", "mcp.json"),
    // GitHub Copilot in JetBrains IDEs: its config folder is `$XDG_CONFIG_HOME` or `~/.config` (macOS too), `%LOCALAPPDATA%` on Windows.
    p.join(u.platform === "win32" ? localAppData : config, "github-copilot", "intellij", "mcp.json"),
    // Junie (JetBrains IDEs and the Junie CLI) merges this with a project's `.junie/mcp/mcp.json`.
    at(".junie", "mcp", "mcp.json"),
    p.join(appData, "Trae", "User", "mcp.json"),
    p.join(codexHome, "config.toml"),
    p.join(codexHome, "*.config.toml"),
    at(".continue", "config.yaml"),
    at(".continue", "config.yml"),
    at(".continue", "config.json"),
    at(".continue", "mcpServers", "*.yaml"),
    at(".continue", "mcpServers", "*.yml"),
    at(".continue", "mcpServers", "*.json"),
    at(".continue", "assistants", "*.yaml"),
    at(".continue", "assistants", "*.yml"),
    at(".continue", "agents", "*.yaml"),
    at(".continue", "agents", "*.yml"),
    at(".continue", "configs", "*.yaml"),
    at(".continue", "configs", "*.yml"),
    at(".continue", ".env"),
    at(".continue", "permissions.yaml"),
    ...copilotHomes.flatMap((c) => [p.join(c, "mcp-config.json"), p.join(c, "agents", "*.md")]),
    ...(u.platform === "win32"
      ? [p.join(appData, "Block", "goose", "config", "config.yaml"), p.join(appData, "Block", "goose", "config", "secrets.yaml"), p.join(appData, "Zed", "settings.json")]
      : [p.join(config, "goose", "config.yaml"), p.join(config, "goose", "secrets.yaml"), p.join(config, "goose", "recipes", "*.yaml"), p.join(config, "zed", "settings.json")]),
    // Zed (stable and Preview share one config folder) installed from Flathub keeps it in its sandbox.
    ...(u.platform === "linux" ? [at(".var", "app", "dev.zed.Zed", "config", "zed", "settings.json")] : []),
    u.platform === "win32" ? p.join(localAppData, "crush", "crush.json") : p.join(config, "crush", "crush.json"),
    at(".config", "amp", "settings.json"),
    p.join(config, "opencode", "opencode.json"),
    p.join(config, "opencode", "opencode.jsonc"),
    at(".agents", "mcp.json"),
    at(".local", "share", "opencode", "mcp-local.json"),
    at(".docker", "mcp", "registry.yaml"),
    at(".docker", "mcp", "config.yaml"),
    at(".docker", "mcp", "tools.yaml"),
    at(".docker", "mcp", "catalogs", "*.yaml"),
  ];
  return [...new Set(out)];
}

/** `~/...` for paths under home, else the absolute path with POSIX separators. */
export function shownUserPath(abs: string, u: UserEnvironment): string {
  const home = userHome(u);
  const p = u.platform === "win32" ? path.win32 : path.posix;
  const rel = home ? p.relative(home, abs) : "";
  const inside = home !== undefined && rel !== "" && !rel.startsWith("..") && !p.isAbsolute(rel);
  return posixShown(inside ? "~/" + rel : abs, u);
}

/** A path of the user's OS with POSIX separators. */
function posixShown(p: string, u: UserEnvironment): string {
  return p.split(u.platform === "win32" ? path.win32.sep : path.posix.sep).join("/");
}

/**
 * The user-level files, each named apart from the scanned tree's files (`taken`, their reported
 * paths): a repository folder literally named `~` holds `~/.cursor/mcp.json` too, and two files of
 * one name would share findings' names, code frames and server ids. The user's file is then named by
 * its absolute path, and classified by its `~/...` name as before.
 */
export function distinctUserFiles(files: readonly UserFile[], taken: ReadonlySet<string>, u: UserEnvironment): UserFile[] {
  return files.map((f) => (taken.has(f.shown) ? { ...f, shown: posixShown(f.abs, u), formatPath: f.formatPath ?? f.shown } : f));
}

/** The regular files that exist among the candidates (a symbolic link to one included), sorted. */
export function existingUserFiles(u: UserEnvironment): UserFile[] {
  const p = u.platform === "win32" ? path.win32 : path.posix;
  const found = new Set<string>();
  for (const pattern of userLocationPatterns(u)) for (const abs of expand(pattern, p)) found.add(abs);
  return [...found].sort().map((abs) => {
    const formatPath = movedFormatPath(abs, u);
    return { abs, shown: shownUserPath(abs, u), ...(formatPath ? { formatPath } : {}) };
  });
}

/** `~/.codex/...` for a file under CODEX_HOME, `~/.copilot/...` under COPILOT_HOME (UserFile.formatPath). */
function movedFormatPath(abs: string, u: UserEnvironment): string | undefined {
  const p = u.platform === "win32" ? path.win32 : path.posix;
  for (const [dir, known] of [[nonEmpty(u.env.CODEX_HOME), ".codex"], [nonEmpty(u.env.COPILOT_HOME), ".copilot"]] as const) {
    if (!dir) continue;
    const rel = p.relative(dir, abs);
    if (rel && !rel.startsWith("..") && !p.isAbsolute(rel)) return `~/${known}/${rel.split(p.sep).join("/")}`;
  }
  return undefined;
}

/** How deep a `**` segment looks (plugin caches are `cache/<marketplace>/<plugin>/<version>/`). */
const MAX_DEEP = 6;

/** `dir` and the folders under it, at most `depth` levels down; symbolic links are not followed. */
function foldersUnder(dir: string, p: typeof path.posix, depth: number): string[] {
  if (depth < 0) return [];
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return [dir, ...names.filter((d) => d.isDirectory() && d.name !== ".git" && d.name !== "node_modules").flatMap((d) => foldersUnder(p.join(dir, d.name), p, depth - 1))];
}

/** Expands `*` segments (one level each) and `**` segments with readdir; keeps regular files. */
function expand(pattern: string, p: typeof path.posix): string[] {
  const parts = pattern.split(p.sep);
  const first = parts.findIndex((x) => x.includes("*"));
  let current = [first < 0 ? pattern : parts.slice(0, first).join(p.sep)];
  for (const part of first < 0 ? [] : parts.slice(first)) {
    if (part === "**") {
      current = current.flatMap((dir) => foldersUnder(dir, p, MAX_DEEP));
      continue;
    }
    if (!part.includes("*")) {
      current = current.map((c) => p.join(c, part));
      continue;
    }
    const re = new RegExp("^" + part.replace(/[.+^$()|[\]\\{}]/g, "\\$&").replace(/\*/g, "[^/\\\\]*") + "$");
    current = current.flatMap((dir) => {
      try {
        return fs.readdirSync(dir).filter((n) => re.test(n)).map((n) => p.join(dir, n));
      } catch {
        return [];
      }
    });
  }
  // A link to a regular file counts (dotfiles kept in a repository by stow or home-manager): the
  // client reads through it. Links to folders, devices or nothing do not.
  return current.filter((abs) => {
    try {
      const st = fs.lstatSync(abs);
      return st.isFile() || (st.isSymbolicLink() && fs.statSync(abs).isFile());
    } catch {
      return false;
    }
  });
}
