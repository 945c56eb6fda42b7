/**
 * Where known MCP clients keep their user-level configuration on macOS, Linux
 * and Windows (MCP-CONFIG-FORMATS.md), for `mcplint scan --user`. Everything
 * comes from the given environment (HOME, USERPROFILE, APPDATA, LOCALAPPDATA,
 * XDG_CONFIG_HOME, and the variables with which clients move their own folders:
 * movedFolders) and platform, never from the process, so that tests can fake a
 * home folder. Reported paths are `~/...` when under home.
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
 * A folder (or file) that one of a client's own environment variables moved, and the `~/...` path the
 * catalog knows it by: `$CODEX_HOME/config.toml` is Codex's `~/.codex/config.toml`, whatever the folder
 * is called.
 */
interface Moved {
  readonly at: string;
  readonly known: string;
}

/**
 * The client folders and files that environment variables move (each client documents or reads its own):
 * CODEX_HOME, COPILOT_HOME, CLAUDE_CONFIG_DIR (Claude Code keeps `.claude.json` in it too), GEMINI_CLI_HOME
 * (a home folder: `$GEMINI_CLI_HOME/.gemini/`), CONTINUE_GLOBAL_DIR, CLINE_MCP_SETTINGS_PATH (a file),
 * CLINE_DATA_DIR or CLINE_DIR (`$CLINE_DIR/data`), OPENCODE_CONFIG_DIR and OPENCODE_CONFIG (a file; both
 * read besides `~/.config/opencode/`), GOOSE_PATH_ROOT (`$GOOSE_PATH_ROOT/config`), VIBE_HOME (Mistral Vibe).
 */
function movedFolders(u: UserEnvironment): Moved[] {
  const p = u.platform === "win32" ? path.win32 : path.posix;
  const env = (name: string) => nonEmpty(u.env[name]);
  const under = (dir: string | undefined, ...parts: string[]) => (dir ? p.join(dir, ...parts) : undefined);
  const opencodeFile = env("OPENCODE_CONFIG");
  const table: [string | undefined, string][] = [
    [env("CODEX_HOME"), "~/.codex"],
    [env("COPILOT_HOME"), "~/.copilot"],
    [env("CLAUDE_CONFIG_DIR"), "~/.claude"],
    [env("GEMINI_CLI_HOME"), "~"],
    [env("CONTINUE_GLOBAL_DIR"), "~/.continue"],
    [env("CLINE_MCP_SETTINGS_PATH"), "~/.cline/data/settings/cline_mcp_settings.json"],
    [env("CLINE_DATA_DIR") ?? under(env("CLINE_DIR"), "data"), "~/.cline/data"],
    [env("OPENCODE_CONFIG_DIR"), "~/.config/opencode"],
    [opencodeFile, opencodeFile?.toLowerCase().endsWith(".jsonc") ? "~/.config/opencode/opencode.jsonc" : "~/.config/opencode/opencode.json"],
    [under(env("GOOSE_PATH_ROOT"), "config"), "~/.config/goose"],
    [env("VIBE_HOME"), "~/.vibe"],
    [env("HERMES_HOME"), "~/.hermes"],
  ];
  return table.flatMap(([at, known]) => (at ? [{ at, known }] : []));
}

/** A place where a client keeps user-level configuration. */
export interface UserLocation {
  /** The catalog's client id (`claude-code`, `vscode`, ...), as inventory names it. */
  readonly client: string;
  /** An absolute path; a `*` segment is a wildcard for one folder or file name, a `**` segment any run of folders. */
  readonly pattern: string;
}

/** The candidate paths (UserLocation.pattern), each once. Pure: nothing is read. */
export function userLocationPatterns(u: UserEnvironment): string[] {
  return userLocations(u).map((l) => l.pattern);
}

/** Every known client's user-level locations for this environment. Pure: nothing is read. */
export function userLocations(u: UserEnvironment): UserLocation[] {
  const home = userHome(u);
  if (!home) return [];
  const p = u.platform === "win32" ? path.win32 : path.posix;
  const at = (...parts: string[]) => p.join(home, ...parts);
  const moved = new Map(movedFolders(u).map((m) => [m.known, m.at]));
  /** The folder or file a client variable moved `known` to, else `fallback`. */
  const from = (known: string, fallback: string) => moved.get(known) ?? fallback;
  const xdg = nonEmpty(u.env.XDG_CONFIG_HOME);
  const config = xdg ?? at(".config");
  const appData = u.platform === "win32" ? (nonEmpty(u.env.APPDATA) ?? at("AppData", "Roaming")) : u.platform === "darwin" ? at("Library", "Application Support") : config;
  const localAppData = nonEmpty(u.env.LOCALAPPDATA) ?? at("AppData", "Local");
  // VS Code and the builds that keep its layout and read its `mcp.json` and settings (Insiders, the OSS build, VSCodium).
  const vscodeUsers = [
    ...["Code", "Code - Insiders", "Code - OSS", "VSCodium"].map((c) => p.join(appData, c, "User")),
    // VS Code and VSCodium installed from Flathub keep their user folder in the sandbox.
    ...(u.platform === "linux" ? [at(".var", "app", "com.visualstudio.code", "config", "Code", "User"), at(".var", "app", "com.vscodium.codium", "config", "VSCodium", "User")] : []),
  ];
  // Cline, Roo Code and Kilo Code keep their servers in the extension storage of whichever VS Code fork runs them
  // (Kiro and Trae keep VS Code's `<app data>/<name>/User/globalStorage` layout too).
  const extensionHosts = [...vscodeUsers, ...["Cursor", "Windsurf", "Kiro", "Trae"].map((c) => p.join(appData, c, "User"))];
  const codexHome = from("~/.codex", at(".codex"));
  // Copilot CLI: `COPILOT_HOME` moves `~/.copilot`; older releases read `$XDG_CONFIG_HOME/.copilot`.
  const copilotHomes = [from("~/.copilot", at(".copilot")), ...(xdg ? [p.join(xdg, ".copilot")] : [])];
  // Claude Code keeps `.claude.json` beside its settings when CLAUDE_CONFIG_DIR moves `~/.claude`.
  const claudeDir = from("~/.claude", at(".claude"));
  const claudeJson = moved.has("~/.claude") ? p.join(claudeDir, ".claude.json") : at(".claude.json");
  const geminiDir = p.join(from("~", home), ".gemini");
  const continueDir = from("~/.continue", at(".continue"));
  const clineSettings = from("~/.cline/data/settings/cline_mcp_settings.json", p.join(from("~/.cline/data", at(".cline", "data")), "settings", "cline_mcp_settings.json"));
  // Goose: `~/.config/goose` (XDG on macOS too), `%APPDATA%\Block\goose\config` on Windows; GOOSE_PATH_ROOT moves both.
  const gooseDir = from("~/.config/goose", u.platform === "win32" ? p.join(appData, "Block", "goose", "config") : p.join(config, "goose"));
  // Zed: `$XDG_CONFIG_HOME/zed` on Linux, always `~/.config/zed` on macOS, `%APPDATA%\Zed` on Windows.
  const zedSettings = u.platform === "win32" ? p.join(appData, "Zed", "settings.json") : p.join(u.platform === "darwin" ? at(".config") : config, "zed", "settings.json");
  // opencode reads OPENCODE_CONFIG_DIR and OPENCODE_CONFIG besides its own folder.
  const opencodeDir = moved.get("~/.config/opencode");
  const opencodeFile = moved.get("~/.config/opencode/opencode.json") ?? moved.get("~/.config/opencode/opencode.jsonc");
  // Each client (the catalog's client id, as inventory names it) with the places it keeps its user configuration.
  const byClient: [string, string[]][] = [
    [
      "claude-desktop",
      [
        p.join(appData, "Claude", "claude_desktop_config.json"),
        // Claude Desktop from the Microsoft Store (MSIX) reads its %APPDATA% from the package's own folder.
        ...(u.platform === "win32" ? [p.join(localAppData, "Packages", "Claude_pzs8sxrjxfjjc", "LocalCache", "Roaming", "Claude", "claude_desktop_config.json")] : []),
      ],
    ],
    [
      "claude-code",
      [
        claudeJson,
        p.join(claudeDir, "settings.json"),
        // Installed plugins: `cache/<marketplace>/<plugin>/<version>/` and marketplace clones, each with its servers.
        p.join(claudeDir, "plugins", "**", ".mcp.json"),
        p.join(claudeDir, "plugins", "**", ".claude-plugin", "plugin.json"),
      ],
    ],
    ["vscode", vscodeUsers.flatMap((v) => [p.join(v, "mcp.json"), p.join(v, "settings.json"), p.join(v, "profiles", "*", "mcp.json"), p.join(v, "profiles", "*", "settings.json")])],
    ["cline", [...extensionHosts.map((v) => p.join(v, "globalStorage", "saoudrizwan.claude-dev", "settings", "cline_mcp_settings.json")), clineSettings, at("Documents", "Cline", "MCP", "cline_mcp_settings.json")]],
    ["roo-code", extensionHosts.map((v) => p.join(v, "globalStorage", "rooveterinaryinc.roo-cline", "settings", "mcp_settings.json"))],
    ["kilo-code", extensionHosts.map((v) => p.join(v, "globalStorage", "kilocode.kilo-code", "settings", "mcp_settings.json"))],
    ["cursor", [at(".cursor", "mcp.json"), at(".cursor", "permissions.json"), at(".cursor", "cli-config.json"), ...(xdg ? [p.join(xdg, "cursor", "cli-config.json")] : [])]],
    ["windsurf", [at(".codeium", "windsurf", "mcp_config.json"), at(".codeium", "mcp_config.json"), at(".codeium", "windsurf-next", "mcp_config.json")]],
    ["kiro", [at(".kiro", "settings", "mcp.json"), at(".kiro", "agents", "*.json"), at(".kiro", "agents", "**", "*.md"), at(".kiro", "settings", "permissions.yaml"), at(".kiro", "workspace-roots", "*", "permissions.yaml")]],
    ["amazon-q", [at(".aws", "amazonq", "mcp.json"), at(".aws", "amazonq", "default.json"), at(".aws", "amazonq", "cli-agents", "*.json"), at(".aws", "amazonq", "agents", "*.json")]],
    ["gemini-cli", [p.join(geminiDir, "settings.json"), p.join(geminiDir, "extensions", "*", "gemini-extension.json"), p.join(geminiDir, "policies", "*.toml")]],
    ["antigravity", [at(".gemini", "antigravity", "mcp_config.json"), at(".gemini", "config", "mcp_config.json"), at(".gemini", "antigravity-cli", "mcp_config.json")]],
    ["qwen-code", [at(".qwen", "settings.json"), at(".qwen", "extensions", "*", "qwen-extension.json")]],
    ["factory-droid", [at(".factory", "mcp.json")]],
    ["tabnine", [at(".tabnine", "agent", "settings.json"), at(".tabnine", "mcp_servers.json")]],
    ["ibm-bob", [at(".bob", "settings", "mcp.json"), at(".bob", "mcp_settings.json")]],
    ["cortex-code", [at(".snowflake", "cortex", "mcp.json"), p.join(appData, "Cortex Code", "User", "mcp.json")]],
    ["lm-studio", [at(".lmstudio", "mcp.json")]],
    ["mcporter", [at(".mcporter", "mcporter.json"), at(".mcporter", "mcporter.jsonc")]],
    // Mistral Vibe: VIBE_HOME moves `~/.vibe`.
    ["mistral-vibe", [p.join(from("~/.vibe", at(".vibe")), "config.toml")]],
    // OpenHands: `[mcp]` in its config.toml; its CLI keeps `mcpServers` in mcp.json.
    ["openhands", [at(".openhands", "config.toml"), at(".openhands", "mcp.json")]],
    ["firebender", [at(".firebender", "firebender.json")]],
    ["kimi", [at(".kimi", "mcp.json")]],
    ["iflow", [at(".iflow", "settings.json")]],
    ["augment", [at(".augment", "settings.json")]],
    // Hermes Agent: HERMES_HOME moves `~/.hermes`.
    ["hermes", [p.join(from("~/.hermes", at(".hermes")), "config.yaml")]],
    // Ruler's global config (used when a project has no `.ruler/`): `$XDG_CONFIG_HOME/ruler`.
    ["ruler", [p.join(config, "ruler", "ruler.toml"), p.join(config, "ruler", "mcp.json")]],
    // Junie (JetBrains IDEs and the Junie CLI) merges this with a project's `.junie/mcp/mcp.json`.
    ["jetbrains", [at(".junie", "mcp", "mcp.json")]],
    ["trae", [p.join(appData, "Trae", "User", "mcp.json")]],
    ["codex", [p.join(codexHome, "config.toml"), p.join(codexHome, "*.config.toml")]],
    [
      "continue",
      [
        ...["config.yaml", "config.yml", "config.json"].map((n) => p.join(continueDir, n)),
        ...["mcpServers", "assistants", "agents", "configs"].flatMap((d) => ["*.yaml", "*.yml", ...(d === "mcpServers" ? ["*.json"] : [])].map((n) => p.join(continueDir, d, n))),
        p.join(continueDir, ".env"),
        p.join(continueDir, "permissions.yaml"),
      ],
    ],
    [
      "copilot",
      [
        ...copilotHomes.flatMap((c) => [p.join(c, "mcp-config.json"), p.join(c, "agents", "*.md")]),
        // GitHub Copilot in JetBrains IDEs: its config folder is `$XDG_CONFIG_HOME` or `~/.config` (macOS too), `%LOCALAPPDATA%` on Windows.
        p.join(u.platform === "win32" ? localAppData : config, "github-copilot", "intellij", "mcp.json"),
        // GitHub Copilot for Xcode (macOS only).
        ...(u.platform === "darwin" ? [p.join(config, "github-copilot", "xcode", "mcp.json")] : []),
      ],
    ],
    ["goose", [p.join(gooseDir, "config.yaml"), p.join(gooseDir, "secrets.yaml"), ...(u.platform === "win32" ? [] : [p.join(gooseDir, "recipes", "*.yaml")])]],
    // Zed (stable and Preview share one config folder) installed from Flathub keeps it in its sandbox.
    ["zed", [zedSettings, ...(u.platform === "linux" ? [at(".var", "app", "dev.zed.Zed", "config", "zed", "settings.json")] : [])]],
    ["crush", [u.platform === "win32" ? p.join(localAppData, "crush", "crush.json") : p.join(config, "crush", "crush.json")]],
    ["amp", [at(".config", "amp", "settings.json")]],
    [
      "opencode",
      [
        p.join(config, "opencode", "opencode.json"),
        p.join(config, "opencode", "opencode.jsonc"),
        ...(opencodeDir ? [p.join(opencodeDir, "opencode.json"), p.join(opencodeDir, "opencode.jsonc")] : []),
        ...(opencodeFile ? [opencodeFile] : []),
        at(".agents", "mcp.json"),
        at(".local", "share", "opencode", "mcp-local.json"),
      ],
    ],
    ["docker-mcp", ["registry.yaml", "config.yaml", "tools.yaml", p.join("catalogs", "*.yaml")].map((n) => at(".docker", "mcp", n))],
  ];
  // One entry per path (the first client that names it keeps it).
  const seen = new Set<string>();
  return byClient.flatMap(([client, patterns]) => patterns.filter((x) => !seen.has(x) && seen.add(x)).map((pattern) => ({ client, pattern })));
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

/** What `--user` found at one known location: the files there (absolute paths, sorted), none when it is absent. */
export interface UserLocationSearch {
  readonly client: string;
  /** The location as reports name it (`~/.cursor/mcp.json`, `~/.kiro/agents/*.json`). */
  readonly location: string;
  readonly found: readonly string[];
}

/** Looks at every known location: the regular files there (a symbolic link to one included). */
export function searchUserLocations(u: UserEnvironment): UserLocationSearch[] {
  const p = u.platform === "win32" ? path.win32 : path.posix;
  return userLocations(u).map((l) => ({ client: l.client, location: shownUserPath(l.pattern, u), found: expand(l.pattern, p).sort() }));
}

/** The regular files that exist among the candidates (a symbolic link to one included), sorted. */
export function existingUserFiles(u: UserEnvironment, search: readonly UserLocationSearch[] = searchUserLocations(u)): UserFile[] {
  const found = new Set(search.flatMap((s) => s.found));
  return [...found].sort().map((abs) => {
    const formatPath = movedFormatPath(abs, u);
    return { abs, shown: shownUserPath(abs, u), ...(formatPath ? { formatPath } : {}) };
  });
}

/** The `~/...` path the catalog knows a file by when a client variable moved it (UserFile.formatPath). */
function movedFormatPath(abs: string, u: UserEnvironment): string | undefined {
  const p = u.platform === "win32" ? path.win32 : path.posix;
  // The deepest match: CLINE_MCP_SETTINGS_PATH may lie inside CLINE_DATA_DIR, CLAUDE_CONFIG_DIR inside GEMINI_CLI_HOME.
  let best: { rel: string; known: string; depth: number } | undefined;
  for (const { at, known } of movedFolders(u)) {
    const rel = p.relative(at, abs);
    if (rel.startsWith("..") || p.isAbsolute(rel)) continue;
    if (!best || at.length > best.depth) best = { rel, known, depth: at.length };
  }
  if (!best) return undefined;
  return best.rel ? `${best.known}/${best.rel.split(p.sep).join("/")}` : best.known;
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
