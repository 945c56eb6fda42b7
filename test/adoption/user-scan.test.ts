/**
 * `mcplint scan --user` against a fake home folder, the per-OS location
 * tables, and the world-readable-secret-file rule.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { existingUserFiles, shownUserPath, userLocationPatterns, userLocations } from "../../src/discover/user-locations.js";
import { classifyPath } from "../../src/catalog/classify.js";
import { fakeAnthropicKey } from "../../src/rules/fake-secrets.js";
import { run } from "../../src/cli/run.js";
import { tempTree } from "../helpers.js";

// A key with no lifetime facts, so that only hardcoded-secret reports it.
const token = fakeAnthropicKey("user-scan-test");
const leaky = JSON.stringify({ mcpServers: { github: { command: "npx", env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2) + "\n";
const clean = leaky.replace(token, "${env:GITHUB_PAT}");
const posix = process.platform !== "win32";

function userCli(argv: string[], cwd: string, env: Record<string, string | undefined>, platform: NodeJS.Platform = "linux") {
  return run(argv, { cwd, env: { NO_COLOR: "1", ...env }, stdoutIsTTY: false, platform });
}

describe("user-level locations", () => {
  it("has macOS, Linux and Windows paths from the environment, not the process", () => {
    const mac = userLocationPatterns({ platform: "darwin", env: { HOME: "/Users/ada" } });
    expect(mac).toContain("/Users/ada/Library/Application Support/Claude/claude_desktop_config.json");
    expect(mac).toContain("/Users/ada/Library/Application Support/Code/User/mcp.json");
    expect(mac).toContain("/Users/ada/.cursor/mcp.json");
    const linux = userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada", XDG_CONFIG_HOME: "/xdg", CODEX_HOME: "/opt/codex" } });
    expect(linux).toContain("/xdg/Code/User/mcp.json");
    expect(linux).toContain("/xdg/goose/config.yaml");
    expect(linux).toContain("/opt/codex/config.toml");
    expect(linux).toContain("/home/ada/.claude.json");
    expect(linux).toContain("/home/ada/.kiro/agents/*.json");
    const win = userLocationPatterns({ platform: "win32", env: { USERPROFILE: "C:\\Users\\ada", APPDATA: "C:\\Users\\ada\\AppData\\Roaming" } });
    expect(win).toContain("C:\\Users\\ada\\AppData\\Roaming\\Claude\\claude_desktop_config.json");
    expect(win).toContain("C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\mcp.json");
    expect(win).toContain("C:\\Users\\ada\\.cursor\\mcp.json");
    expect(win).toContain("C:\\Users\\ada\\AppData\\Roaming\\Zed\\settings.json");
    // Goose and Zed on Windows keep their files under %APPDATA%, in folders the catalog must know.
    expect(classifyPath("~/AppData/Roaming/Block/goose/config/config.yaml")?.id).toBe("goose");
    expect(classifyPath("~/AppData/Roaming/Zed/settings.json")?.id).toBe("zed");
    expect(shownUserPath("C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\mcp.json", { platform: "win32", env: { USERPROFILE: "C:\\Users\\ada" } })).toBe("~/AppData/Roaming/Code/User/mcp.json");
    expect(userLocationPatterns({ platform: "linux", env: {} })).toEqual([]);
  });

  it("has the variants of supported clients: Junie's user file, Copilot for JetBrains, Tabnine, IBM Bob, Cortex Code, Windsurf Next, VSCodium and the OSS build, Cline/Roo/Kilo in Cursor, Windsurf, Kiro and Trae, Claude Desktop from the Microsoft Store, Zed, VS Code and VSCodium from Flathub, Antigravity 2.0 and its CLI", () => {
    const linux = userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada" } });
    const mac = userLocationPatterns({ platform: "darwin", env: { HOME: "/Users/ada" } });
    const win = userLocationPatterns({ platform: "win32", env: { USERPROFILE: "C:\\Users\\ada", APPDATA: "C:\\Users\\ada\\AppData\\Roaming", LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" } });
    const shown = (platform: NodeJS.Platform, paths: string[]) => paths.map((x) => shownUserPath(x, { platform, env: platform === "win32" ? { USERPROFILE: "C:\\Users\\ada" } : { HOME: platform === "darwin" ? "/Users/ada" : "/home/ada" } }));
    const expected: [NodeJS.Platform, string[], string, string][] = [
      ["linux", linux, "~/.codeium/windsurf-next/mcp_config.json", "windsurf"],
      ["darwin", mac, "~/.codeium/windsurf-next/mcp_config.json", "windsurf"],
      ["win32", win, "~/.codeium/windsurf-next/mcp_config.json", "windsurf"],
      ["linux", linux, "~/.config/VSCodium/User/mcp.json", "vscode-user-mcp"],
      ["linux", linux, "~/.config/Code - OSS/User/mcp.json", "vscode-user-mcp"],
      ["darwin", mac, "~/Library/Application Support/VSCodium/User/settings.json", "vscode-settings"],
      ["win32", win, "~/AppData/Roaming/VSCodium/User/profiles/*/mcp.json", "vscode-user-mcp"],
      ["darwin", mac, "~/Library/Application Support/Cursor/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json", "cline"],
      ["linux", linux, "~/.config/Windsurf/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json", "roo-code"],
      ["win32", win, "~/AppData/Roaming/Cursor/User/globalStorage/kilocode.kilo-code/settings/mcp_settings.json", "kilo-code"],
      // Kiro and Trae are VS Code forks with its storage layout: Cline and Roo Code installed there keep their servers in it.
      ["darwin", mac, "~/Library/Application Support/Kiro/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json", "cline"],
      ["linux", linux, "~/.config/Kiro/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json", "roo-code"],
      ["win32", win, "~/AppData/Roaming/Trae/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json", "cline"],
      ["win32", win, "~/AppData/Local/Packages/Claude_pzs8sxrjxfjjc/LocalCache/Roaming/Claude/claude_desktop_config.json", "claude-desktop"],
      ["linux", linux, "~/.var/app/dev.zed.Zed/config/zed/settings.json", "zed"],
      // VS Code and VSCodium from Flathub: the user folder (servers, settings, profiles, extension storage) is in the sandbox.
      ["linux", linux, "~/.var/app/com.visualstudio.code/config/Code/User/mcp.json", "vscode-user-mcp"],
      ["linux", linux, "~/.var/app/com.vscodium.codium/config/VSCodium/User/settings.json", "vscode-settings"],
      ["linux", linux, "~/.var/app/com.visualstudio.code/config/Code/User/profiles/*/mcp.json", "vscode-user-mcp"],
      ["linux", linux, "~/.var/app/com.visualstudio.code/config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json", "cline"],
      ["darwin", mac, "~/.lmstudio/mcp.json", "lm-studio"],
      ["win32", win, "~/.lmstudio/mcp.json", "lm-studio"],
      ["linux", linux, "~/.junie/mcp/mcp.json", "jetbrains"],
      ["win32", win, "~/.junie/mcp/mcp.json", "jetbrains"],
      ["linux", linux, "~/.config/github-copilot/intellij/mcp.json", "copilot-jetbrains"],
      ["darwin", mac, "~/.config/github-copilot/intellij/mcp.json", "copilot-jetbrains"],
      ["win32", win, "~/AppData/Local/github-copilot/intellij/mcp.json", "copilot-jetbrains"],
      ["linux", linux, "~/.tabnine/agent/settings.json", "tabnine"],
      ["win32", win, "~/.tabnine/mcp_servers.json", "tabnine-mcp-servers"],
      ["linux", linux, "~/.bob/settings/mcp.json", "ibm-bob"],
      ["darwin", mac, "~/.snowflake/cortex/mcp.json", "cortex-code"],
      ["win32", win, "~/AppData/Roaming/Cortex Code/User/mcp.json", "cortex-code-desktop"],
      // Antigravity 2.0 and its CLI keep their servers in the global customization root, some CLI builds in their own folder.
      ["linux", linux, "~/.gemini/config/mcp_config.json", "antigravity"],
      ["darwin", mac, "~/.gemini/config/mcp_config.json", "antigravity"],
      ["win32", win, "~/.gemini/antigravity-cli/mcp_config.json", "antigravity"],
      ["linux", linux, "~/.mcporter/mcporter.json", "mcporter-user"],
      ["darwin", mac, "~/.mcporter/mcporter.jsonc", "mcporter-user"],
      ["linux", linux, "~/.config/ruler/ruler.toml", "ruler-user"],
      ["darwin", mac, "~/.config/ruler/mcp.json", "ruler-user-json"],
      ["darwin", mac, "~/Library/Application Support/Cortex Code/User/mcp.json", "cortex-code-desktop"],
      ["linux", linux, "~/.openhands/config.toml", "openhands-user"],
      ["darwin", mac, "~/.openhands/mcp.json", "openhands-cli"],
      ["win32", win, "~/.firebender/firebender.json", "firebender-user"],
      ["linux", linux, "~/.hermes/config.yaml", "hermes"],
      ["linux", linux, "~/.kimi/mcp.json", "kimi"],
      ["win32", win, "~/.iflow/settings.json", "iflow"],
      ["darwin", mac, "~/.augment/settings.json", "augment"],
      ["darwin", mac, "~/.config/github-copilot/xcode/mcp.json", "copilot-xcode"],
    ];
    for (const [platform, paths, file, format] of expected) {
      expect(shown(platform, paths), `${platform} ${file}`).toContain(file);
      expect(classifyPath(file.replace(/\*/g, "x"))?.id, file).toBe(format);
    }
    // Zed Preview shares the stable config folder; the Flathub sandbox and the Store package are per platform.
    expect(shown("darwin", mac).some((x) => x.includes("dev.zed.Zed") || x.includes("Claude_pzs8sxrjxfjjc") || x.includes("/.var/app/"))).toBe(false);
  });

  it("every fixed user path is one the catalog models, as reported (~/...)", () => {
    for (const platform of ["darwin", "linux", "win32"] as const) {
      const u = { platform, env: platform === "win32" ? { USERPROFILE: "C:\\Users\\ada" } : { HOME: "/home/ada" } };
      const unmodelled = userLocationPatterns(u)
        .map((p) => shownUserPath(p, u).replace(/\*/g, "x"))
        .filter((p) => !classifyPath(p));
      // Not (yet) in the catalog: settings, permissions and secret files, which still get the secret scan.
      expect(unmodelled.every((p) => /settings\.json$|permissions\.json$|cli-config\.json$|\.env$|secrets\.yaml$|\.docker\/mcp\//.test(p)), unmodelled.join("\n")).toBe(true);
      // Each location is reported under the client the catalog reads it as (Continue's .env is read as a plain env file).
      const mislabelled = userLocations(u)
        .map((l) => ({ ...l, read: classifyPath(shownUserPath(l.pattern, u).replace(/\*/g, "x"))?.client }))
        .filter((l) => l.read !== undefined && l.read !== l.client && !l.pattern.endsWith(".env"));
      expect(mislabelled, platform).toEqual([]);
    }
  });
});

describe("mcplint scan --user", () => {
  function fakeHome() {
    const home = tempTree({
      ".cursor/mcp.json": leaky,
      ".config/Code/User/mcp.json": clean.replace("mcpServers", "servers"),
      ".config/Code/User/profiles/work/mcp.json": clean.replace("mcpServers", "servers"),
      ".codeium/windsurf/mcp_config.json": clean,
      "unrelated/.cursor/mcp.json": leaky,
    });
    fs.chmodSync(path.join(home, ".cursor/mcp.json"), 0o644);
    return home;
  }

  it("finds the known user-level files and reports them as ~/...", () => {
    const home = fakeHome();
    expect(existingUserFiles({ platform: "linux", env: { HOME: home } }).map((f) => f.shown)).toEqual([
      "~/.codeium/windsurf/mcp_config.json",
      "~/.config/Code/User/mcp.json",
      "~/.config/Code/User/profiles/work/mcp.json",
      "~/.cursor/mcp.json",
    ]);
  });

  it("finds installed Claude Code plugins' servers, Continue CLI permissions and VS Code profile settings", () => {
    const home = tempTree({
      ".claude/plugins/cache/acme-market/notes/1.2.0/.mcp.json": clean,
      ".claude/plugins/cache/acme-market/tasks/0.3.1/.claude-plugin/plugin.json": clean,
      ".claude/plugins/marketplaces/acme-market/plugins/notes/.mcp.json": clean,
      ".claude/plugins/cache/acme-market/notes/1.2.0/node_modules/dep/.mcp.json": clean,
      ".continue/permissions.yaml": "allow:\n  - Bash\n",
      ".config/Code/User/profiles/work/settings.json": "{}\n",
    });
    expect(existingUserFiles({ platform: "linux", env: { HOME: home } }).map((f) => f.shown)).toEqual([
      "~/.claude/plugins/cache/acme-market/notes/1.2.0/.mcp.json",
      "~/.claude/plugins/cache/acme-market/tasks/0.3.1/.claude-plugin/plugin.json",
      "~/.claude/plugins/marketplaces/acme-market/plugins/notes/.mcp.json",
      "~/.config/Code/User/profiles/work/settings.json",
      "~/.continue/permissions.yaml",
    ]);
  });

  it("inventory --user shows the user-level servers (alone without paths)", async () => {
    const home = fakeHome();
    const inv = JSON.parse((await userCli(["inventory", "--user", "--format", "json"], tempTree({ ".mcp.json": clean }), { HOME: home })).stdout) as { servers: { file: string }[] };
    expect([...new Set(inv.servers.map((s) => s.file))].sort()).toEqual(["~/.codeium/windsurf/mcp_config.json", "~/.config/Code/User/mcp.json", "~/.config/Code/User/profiles/work/mcp.json", "~/.cursor/mcp.json"]);
  });

  it("finds Gemini CLI user policy files and reads them as the user tier of the policy engine", async () => {
    const home = tempTree({
      ".gemini/settings.json": `{ "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "includeTools": ["search_notes"] } } }\n`,
      ".gemini/policies/auto-saved.toml": `[[rule]]\ntoolName = "mcp_*"\ndecision = "allow"\npriority = 100\n`,
    });
    const u = { platform: "linux" as const, env: { HOME: home } };
    expect(existingUserFiles(u).map((f) => f.shown)).toEqual(["~/.gemini/policies/auto-saved.toml", "~/.gemini/settings.json"]);
    const r = await userCli(["scan", "--user", "--format", "json"], tempTree({}), { HOME: home });
    const found = JSON.parse(r.stdout).findings.map((f: { ruleId: string; location: { file: string; line: number; column: number } }) => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`);
    expect(found).toEqual(["permissive-setting ~/.gemini/policies/auto-saved.toml:2:12", "missing-default-deny ~/.gemini/settings.json:1:1"]);
  });

  it("finds Qwen Code's and Kilo Code's user-level servers, each under its own client", async () => {
    const home = tempTree({
      ".qwen/settings.json": `{ "mcpServers": { "acme-notes": { "command": "acme-notes-mcp", "trust": true } } }\n`,
      ".config/Code/User/globalStorage/kilocode.kilo-code/settings/mcp_settings.json": `{ "mcpServers": { "acme-files": { "command": "acme-files-mcp", "alwaysAllow": ["write_file"] } } }\n`,
    });
    const u = { platform: "linux" as const, env: { HOME: home } };
    expect(existingUserFiles(u).map((f) => f.shown)).toEqual(["~/.config/Code/User/globalStorage/kilocode.kilo-code/settings/mcp_settings.json", "~/.qwen/settings.json"]);
    const inv = JSON.parse((await userCli(["inventory", "--user", "--format", "json"], tempTree({}), { HOME: home })).stdout) as { servers: { name: string; client: string }[] };
    expect(inv.servers.map((s) => `${s.client} ${s.name}`).sort()).toEqual(["kilo-code acme-files", "qwen-code acme-notes"]);
  });

  it("finds Copilot CLI personal agent profiles (`~/.copilot/agents/*.agent.md` and `*.md`, or under COPILOT_HOME) and reads their `mcp-servers` as the CLI runs them", async () => {
    const agent = (name: string, extra: string) =>
      `---\nname: ${name}\ndescription: 'Acme ${name}'\ntools: ['read', '${name}/search_notes']\nmcp-servers:\n  ${name}:\n    type: 'local'\n    command: 'acme-notes-mcp'\n    tools: ["*"]\n    env:\n      ACME_NOTES_TOKEN: \${ACME_NOTES_TOKEN}\n${extra}---\n\nSearch the notes.\n`;
    const home = tempTree({
      ".copilot/agents/notes.agent.md": agent("acme-notes", ""),
      ".copilot/agents/wiki.md": agent("acme-wiki", `      ACME_WIKI_KEY: '${token}'\n`),
      ".copilot/agents/README.txt": "not an agent\n",
    });
    const u = { platform: "linux" as const, env: { HOME: home } };
    expect(existingUserFiles(u).map((f) => f.shown)).toEqual(["~/.copilot/agents/notes.agent.md", "~/.copilot/agents/wiki.md"]);
    const inv = JSON.parse((await userCli(["inventory", "--user", "--format", "json"], tempTree({}), { HOME: home })).stdout) as { servers: { name: string; client: string; scope: string; file: string; tools: unknown }[] };
    expect(inv.servers.map((s) => [s.name, s.client, s.scope, s.file, s.tools])).toEqual([
      ["acme-notes", "copilot", "user", "~/.copilot/agents/notes.agent.md", { include: ["search_notes"] }],
      ["acme-wiki", "copilot", "user", "~/.copilot/agents/wiki.md", { include: ["search_notes"] }],
    ]);
    // `${ACME_NOTES_TOKEN}` is the CLI's own expansion (not unexpanded text); the literal key is reported, redacted.
    const r = await userCli(["scan", "--user", "--format", "json"], tempTree({}), { HOME: home });
    const found = JSON.parse(r.stdout).findings.map((f: { ruleId: string; location: { file: string; line: number } }) => `${f.ruleId} ${f.location.file}:${f.location.line}`);
    // No unexpanded-reference, tool-auto-approval or every-tool note: the agent's `tools` narrows the server's `*`.
    expect(found.filter((f: string) => !/^(shared-credential-reference|world-readable-secret-file) /.test(f))).toEqual(["hardcoded-secret ~/.copilot/agents/wiki.md:12"]);
    expect(r.stdout).not.toContain(token);
    // COPILOT_HOME moves the whole folder.
    const moved = tempTree({ "agents/ops.agent.md": agent("acme-ops", "") });
    expect(existingUserFiles({ platform: "linux", env: { HOME: tempTree({}), COPILOT_HOME: moved } }).map((f) => f.shown)).toEqual([moved.split(path.sep).join("/") + "/agents/ops.agent.md"]);
  });

  it("reports a user-level Goose secrets.yaml entry with the extension that reads it, and does not call it committed", async () => {
    const home = tempTree({
      ".config/goose/config.yaml": "extensions:\n  github:\n    type: stdio\n    name: github\n    enabled: true\n    cmd: github-mcp-server\n    env_keys: [GITHUB_PERSONAL_ACCESS_TOKEN]\n",
      ".config/goose/secrets.yaml": `GITHUB_PERSONAL_ACCESS_TOKEN: ${token}\n`,
    });
    const r = await userCli(["scan", "--user", "--format", "json"], tempTree({}), { HOME: home });
    const secret = JSON.parse(r.stdout).findings.find((f: { ruleId: string }) => f.ruleId === "hardcoded-secret") as { message: string; location: { file: string } };
    expect(secret.location.file).toBe("~/.config/goose/secrets.yaml");
    expect(secret.message).toContain("loaded by MCP server 'github' (goose, GITHUB_PERSONAL_ACCESS_TOKEN)");
    expect(secret.message).not.toMatch(/commit/i);
    expect(r.stdout).not.toContain(token);
  });

  it.skipIf(!posix)("scans them alone, reports ~/ paths, a literal secret, and group/other-readable files", async () => {
    const home = fakeHome();
    const cwd = tempTree({ ".mcp.json": leaky });
    const r = await userCli(["scan", "--user", "--format", "json"], cwd, { HOME: home });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.summary.filesScanned).toBe(4);
    const found = out.findings.map((f: { ruleId: string; location: { file: string; line: number } }) => [f.ruleId, f.location.file, f.location.line]);
    expect(found).toEqual([
      ["hardcoded-secret", "~/.cursor/mcp.json", 6],
      ["world-readable-secret-file", "~/.cursor/mcp.json", 6],
    ]);
    expect(out.findings[1].message).toContain("readable by every user on the machine (mode 0644)");
    expect(r.stdout).not.toContain(token);
    const text = await userCli(["scan", "--user"], cwd, { HOME: home });
    expect(text.stdout).toContain("~/.cursor/mcp.json:6:");
    expect(text.stdout).toMatch(/ {4}\d+ \| .*"GITHUB_PERSONAL_ACCESS_TOKEN": "sk-a/);
    expect(text.stdout).not.toContain(token);

    fs.chmodSync(path.join(home, ".cursor/mcp.json"), 0o600);
    const tight = JSON.parse((await userCli(["scan", "--user", "--format", "json"], cwd, { HOME: home })).stdout);
    expect(tight.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["hardcoded-secret"]);
  });

  it.skipIf(!posix)("SARIF places user-level files under a USERHOME base, not under the repository's %SRCROOT%", async () => {
    const home = fakeHome();
    const sarif = JSON.parse((await userCli(["scan", "--user", "--format", "sarif"], tempTree({}), { HOME: home })).stdout);
    const run = sarif.runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: ".cursor/mcp.json", uriBaseId: "USERHOME" });
    expect(Object.keys(run.originalUriBaseIds)).toEqual(["%SRCROOT%", "USERHOME"]);
    const uris = JSON.stringify(run).match(/"uri":"[^"]*"/g) ?? [];
    expect(uris.length).toBeGreaterThan(1);
    expect(uris.filter((u) => u.includes("~"))).toEqual([]);
  });

  it.skipIf(!posix)("with paths, scans both; honours XDG_CONFIG_HOME", async () => {
    const home = fakeHome();
    const xdg = tempTree({ "Code/User/mcp.json": `{ "servers": { "gh": { "command": "npx", "env": { "T": "${token}" } } } }\n` });
    const cwd = tempTree({ ".mcp.json": leaky });
    const r = await userCli(["scan", "--user", ".", "--format", "json"], cwd, { HOME: home, XDG_CONFIG_HOME: xdg });
    const files = new Set(JSON.parse(r.stdout).findings.map((f: { location: { file: string } }) => f.location.file));
    expect(files).toEqual(new Set([".mcp.json", "~/.cursor/mcp.json", xdg.split(path.sep).join("/") + "/Code/User/mcp.json"]));
  });

  it.skipIf(!posix)("reads a user-level file that is a symbolic link to a regular file (dotfiles kept in a repository by stow or home-manager), as the client does", async () => {
    const dotfiles = tempTree({ "claude.json": leaky, "cursor-mcp.json": clean, "not-a-file/x": "" });
    const home = tempTree({ ".cursor/.keep": "", ".codeium/windsurf/.keep": "", ".gemini/.keep": "" });
    fs.symlinkSync(path.join(dotfiles, "claude.json"), path.join(home, ".claude.json"));
    fs.symlinkSync(path.join(dotfiles, "cursor-mcp.json"), path.join(home, ".cursor/mcp.json"));
    // A link to a folder, and a dangling one, are no configuration file.
    fs.symlinkSync(path.join(dotfiles, "not-a-file"), path.join(home, ".codeium/windsurf/mcp_config.json"));
    fs.symlinkSync(path.join(dotfiles, "gone.json"), path.join(home, ".gemini/settings.json"));
    expect(existingUserFiles({ platform: "linux", env: { HOME: home } }).map((f) => f.shown)).toEqual(["~/.claude.json", "~/.cursor/mcp.json"]);
    const inv = JSON.parse((await userCli(["inventory", "--user", "--format", "json"], tempTree({}), { HOME: home })).stdout) as { servers: { file: string }[] };
    expect(inv.servers.map((s) => s.file).sort()).toEqual(["~/.claude.json", "~/.cursor/mcp.json"]);
    const r = await userCli(["scan", "--user", "--format", "json"], tempTree({}), { HOME: home });
    expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string; location: { file: string } }) => `${f.ruleId} ${f.location.file}`)).toContain("hardcoded-secret ~/.claude.json");
    // With the dotfiles repository scanned too, the linked file is read once (not a secret shared with itself).
    const both = JSON.parse((await userCli(["scan", "--user", dotfiles, "--format", "json"], tempTree({}), { HOME: home })).stdout);
    expect(both.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(["hardcoded-secret"]);
    // ... and where --user says it found it, it names the file as the findings do.
    const claude = (both.userLocations as { location: string; found: string[] }[]).find((l) => l.location === "~/.claude.json");
    expect(claude?.found).toEqual([both.findings[0].location.file]);
  });

  it("reads CODEX_HOME and COPILOT_HOME as Codex's and Copilot CLI's folders, whatever they are called", async () => {
    const home = tempTree({
      "tools/codex-home/config.toml": `[mcp_servers.notes]\ncommand = "npx"\nargs = ["-y", "notes-mcp@1.0.0"]\nenv = { NOTES_API_KEY = "${token}" }\n`,
      "tools/copilot-home/mcp-config.json": leaky,
    });
    const env = { HOME: home, CODEX_HOME: path.join(home, "tools/codex-home"), COPILOT_HOME: path.join(home, "tools/copilot-home") };
    const inv = JSON.parse((await userCli(["inventory", "--user", "--format", "json"], tempTree({}), env)).stdout) as { servers: { name: string; client: string; file: string }[] };
    // Before: both files were read as plain text (their folders are not named .codex and .copilot): no server.
    expect(inv.servers.map((s) => [s.name, s.client, s.file])).toEqual([
      ["notes", "codex", "~/tools/codex-home/config.toml"],
      ["github", "copilot", "~/tools/copilot-home/mcp-config.json"],
    ]);
    const r = JSON.parse((await userCli(["scan", "--user", "--format", "json"], tempTree({}), env)).stdout) as { findings: { ruleId: string; message: string; location: { file: string; line: number } }[] };
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.location.file, f.location.line, /of MCP server '(\w+)' \((\w+)\)/.exec(f.message)?.slice(1).join(" ")])).toEqual([
      ["~/tools/codex-home/config.toml", 4, "notes codex"],
      ["~/tools/copilot-home/mcp-config.json", 6, "github copilot"],
    ]);
  });

  it("follows the folders clients move with their own variables: CLAUDE_CONFIG_DIR, GEMINI_CLI_HOME, CONTINUE_GLOBAL_DIR, CLINE_MCP_SETTINGS_PATH, CLINE_DATA_DIR, OPENCODE_CONFIG(_DIR), GOOSE_PATH_ROOT", async () => {
    const server = (name: string) => JSON.stringify({ mcpServers: { [name]: { command: `${name}-mcp` } } }) + "\n";
    const home = tempTree({
      // Claude Code reads neither of these once CLAUDE_CONFIG_DIR is set.
      ".claude.json": server("stale-claude"),
      "profiles/work-claude/.claude.json": server("acme-claude"),
      "profiles/work-claude/settings.json": `{ "permissions": { "allow": ["mcp__acme-claude"] } }\n`,
      "profiles/gemini-home/.gemini/settings.json": server("acme-gemini"),
      "profiles/continue/config.yaml": "name: acme\nversion: 1.0.0\nschema: v1\nmcpServers:\n  - name: acme-continue\n    command: acme-continue-mcp\n",
      "profiles/cline-mcp.json": server("acme-cline"),
      "profiles/cline-data/settings/cline_mcp_settings.json": server("acme-cline-data"),
      "profiles/opencode/opencode.json": JSON.stringify({ mcp: { "acme-oc-dir": { type: "local", command: ["acme-oc-dir-mcp"] } } }) + "\n",
      "profiles/oc-custom.json": JSON.stringify({ mcp: { "acme-oc-file": { type: "local", command: ["acme-oc-file-mcp"] } } }) + "\n",
      "profiles/goose-root/config/config.yaml": "extensions:\n  acme-goose:\n    type: stdio\n    name: acme-goose\n    enabled: true\n    cmd: acme-goose-mcp\n",
    });
    const at = (rel: string) => path.join(home, rel);
    const env = {
      HOME: home,
      CLAUDE_CONFIG_DIR: at("profiles/work-claude"),
      GEMINI_CLI_HOME: at("profiles/gemini-home"),
      CONTINUE_GLOBAL_DIR: at("profiles/continue"),
      CLINE_MCP_SETTINGS_PATH: at("profiles/cline-mcp.json"),
      OPENCODE_CONFIG_DIR: at("profiles/opencode"),
      OPENCODE_CONFIG: at("profiles/oc-custom.json"),
      GOOSE_PATH_ROOT: at("profiles/goose-root"),
    };
    const inv = JSON.parse((await userCli(["inventory", "--user", "--format", "json"], tempTree({}), env)).stdout) as { servers: { name: string; client: string; file: string }[] };
    // Before: only ~/.claude.json's stale server; every moved file was missed.
    expect(inv.servers.map((s) => `${s.client} ${s.name} ${s.file}`).sort()).toEqual([
      "claude-code acme-claude ~/profiles/work-claude/.claude.json",
      "cline acme-cline ~/profiles/cline-mcp.json",
      "continue acme-continue ~/profiles/continue/config.yaml",
      "gemini-cli acme-gemini ~/profiles/gemini-home/.gemini/settings.json",
      "goose acme-goose ~/profiles/goose-root/config/config.yaml",
      "opencode acme-oc-dir ~/profiles/opencode/opencode.json",
      "opencode acme-oc-file ~/profiles/oc-custom.json",
    ]);
    expect(existingUserFiles({ platform: "linux", env }).map((f) => f.shown)).toContain("~/profiles/work-claude/settings.json");
    // CLINE_DATA_DIR (and CLINE_DIR, its parent) move the data folder when no settings path is given.
    const data = existingUserFiles({ platform: "linux", env: { HOME: home, CLINE_DATA_DIR: at("profiles/cline-data") } });
    expect(data.map((f) => [f.shown, f.formatPath])).toContainEqual(["~/profiles/cline-data/settings/cline_mcp_settings.json", "~/.cline/data/settings/cline_mcp_settings.json"]);
    expect(userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada", CLINE_DIR: "/opt/cline" } })).toContain("/opt/cline/data/settings/cline_mcp_settings.json");
  });

  it("looks for Zed's settings where each OS build keeps them: XDG_CONFIG_HOME on Linux, always ~/.config/zed on macOS", () => {
    const mac = userLocationPatterns({ platform: "darwin", env: { HOME: "/Users/ada", XDG_CONFIG_HOME: "/Users/ada/xdg" } });
    expect(mac).toContain("/Users/ada/.config/zed/settings.json");
    expect(mac).not.toContain("/Users/ada/xdg/zed/settings.json");
    const linux = userLocationPatterns({ platform: "linux", env: { HOME: "/home/ada", XDG_CONFIG_HOME: "/home/ada/xdg" } });
    expect(linux).toContain("/home/ada/xdg/zed/settings.json");
    expect(linux).not.toContain("/home/ada/.config/zed/settings.json");
  });

  it("does not report the user-level servers as drift from the repository's lock (lock has no --user)", async () => {
    const home = fakeHome();
    const repo = tempTree({ ".mcp.json": clean });
    expect((await userCli(["lock"], repo, { HOME: home })).exitCode).toBe(0);
    for (const argv of [["scan", "--user"], ["scan", "--user", "."]]) {
      const r = JSON.parse((await userCli([...argv, "--format", "json", "--fail-on", "none"], repo, { HOME: home })).stdout) as { findings: { ruleId: string; location: { file: string } }[] };
      // Before: 'not in the lock file' at every server of ~/.cursor, ~/.config/Code and ~/.codeium.
      expect(r.findings.filter((f) => f.ruleId === "config-drift")).toEqual([]);
      expect(r.findings.some((f) => f.ruleId === "hardcoded-secret" && f.location.file === "~/.cursor/mcp.json")).toBe(true);
    }
    // The repository's own servers are still compared with it.
    fs.writeFileSync(path.join(repo, ".mcp.json"), clean.replace('"npx"', '"uvx"'));
    const drift = JSON.parse((await userCli(["scan", "--user", ".", "--format", "json", "--fail-on", "none"], repo, { HOME: home })).stdout) as { findings: { ruleId: string; location: { file: string } }[] };
    expect(drift.findings.filter((f) => f.ruleId === "config-drift").map((f) => f.location.file)).toEqual([".mcp.json"]);
  });

  it("a repository folder named ~ and the user's own file get distinct names: the user's file is named by its absolute path then", async () => {
    const home = fakeHome();
    // The repository's copy has one more line, so each finding shows where its own file holds the key.
    const repo = tempTree({ "~/.cursor/mcp.json": "\n" + leaky.replace(token, fakeAnthropicKey("user-scan-repo-folder")) });
    const r = await userCli(["scan", "--user", ".", "--format", "json", "--fail-on", "none"], repo, { HOME: home });
    const out = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string; line: number } }[]; summary: { filesScanned: number } };
    const homeFile = path.join(home, ".cursor/mcp.json").split(path.sep).join("/");
    expect(out.findings.filter((f) => f.location.file.endsWith(".cursor/mcp.json")).map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`).sort()).toEqual(
      [`hardcoded-secret ${homeFile}:6`, `world-readable-secret-file ${homeFile}:6`, "hardcoded-secret ~/.cursor/mcp.json:7"].sort(),
    );
    // Each code frame comes from its own file.
    const text = (await userCli(["scan", "--user", ".", "--fail-on", "none"], repo, { HOME: home })).stdout;
    expect(text).toMatch(/^ +7 \| +"GITHUB_PERSONAL_ACCESS_TOKEN"/m);
    expect(text).toMatch(/^ +6 \| +"GITHUB_PERSONAL_ACCESS_TOKEN"/m);
    // Without the clash, the user's file keeps its ~/ name.
    const alone = JSON.parse((await userCli(["scan", "--user", "--format", "json", "--fail-on", "none"], repo, { HOME: home })).stdout) as { findings: { location: { file: string } }[] };
    expect(alone.findings.some((f) => f.location.file === "~/.cursor/mcp.json")).toBe(true);
  });

  it("says which known locations it looked at and which clients had nothing there (text, JSON, inventory)", async () => {
    const home = fakeHome();
    const cwd = tempTree({});
    const text = (await userCli(["scan", "--user"], cwd, { HOME: home })).stdout;
    expect(text).toContain("User-level configuration (--user): 4 files at 4 of ");
    expect(text).toMatch(/^ {2}cursor {2,}~\/\.cursor\/mcp\.json$/m);
    expect(text).toMatch(/^ {2}vscode {2,}~\/\.config\/Code\/User\/profiles\/work\/mcp\.json$/m);
    // Clients with no file at any of their locations are named; those with one are not.
    // The list is wrapped at 100 columns, continuation lines indented under its first name.
    const listed = /^ {2}not found: (.*(?:\n {13}.*)*)$/m.exec(text)?.[1] ?? "";
    expect(text.split("\n").filter((l) => l.startsWith("  not found: ") || l.startsWith(" ".repeat(13))).every((l) => l.length <= 100)).toBe(true);
    const notFound = listed.split(/,\s+/);
    expect(notFound).toEqual(expect.arrayContaining(["claude-desktop", "claude-code", "codex", "gemini-cli", "zed", "goose", "docker-mcp"]));
    expect(notFound).not.toContain("cursor");
    expect(notFound).not.toContain("windsurf");
    const json = JSON.parse((await userCli(["scan", "--user", "--format", "json"], cwd, { HOME: home })).stdout) as { userLocations: { client: string; location: string; found: string[] }[] };
    expect(json.userLocations).toContainEqual({ client: "vscode", location: "~/.config/Code/User/profiles/*/mcp.json", found: ["~/.config/Code/User/profiles/work/mcp.json"] });
    expect(json.userLocations).toContainEqual({ client: "claude-code", location: "~/.claude.json", found: [] });
    expect(json.userLocations.filter((l) => l.found.length).map((l) => l.client)).toEqual(["vscode", "vscode", "cursor", "windsurf"]);
    // Nothing at all: the answer says it looked, not only "no problems in 0 files".
    const empty = (await userCli(["scan", "--user"], cwd, { HOME: tempTree({}) })).stdout;
    expect(empty).toMatch(/^User-level configuration \(--user\): no file at any of the \d+ known locations of \d+ clients$/m);
    const inv = await userCli(["inventory", "--user"], cwd, { HOME: home });
    expect(inv.stdout).toContain("User-level configuration (--user): 4 files at 4 of ");
    expect(Object.keys(JSON.parse((await userCli(["inventory", "--user", "--format", "json"], cwd, { HOME: home })).stdout))).toEqual(["servers", "policies", "userLocations"]);
    // The governance summary (an audit file for this machine) says it too.
    const summary = (await userCli(["inventory", "--user", "--format", "markdown"], cwd, { HOME: home })).stdout;
    expect(summary).toContain("### User-level configuration (--user)\n\nLooked at every known client's user-level locations: 4 files at 4 of ");
    expect(summary).toContain("- cursor: `~/.cursor/mcp.json`");
    expect(summary).toMatch(/^Not found: claude-desktop, claude-code, .*docker-mcp\.$/m);
    expect((await userCli(["scan", "--format", "markdown"], tempTree({ ".mcp.json": clean }), { HOME: home })).stdout).not.toContain("User-level");
    // A repository scan without --user says nothing of user-level locations.
    const repo = await userCli(["scan", "--format", "json"], tempTree({ ".mcp.json": clean }), { HOME: home });
    expect(JSON.parse(repo.stdout).userLocations).toBeUndefined();
    // ... and reads none of them: the fake home's leaky ~/.cursor/mcp.json is not reported.
    expect(JSON.parse(repo.stdout).summary.filesScanned).toBe(1);
    expect(repo.stdout).not.toContain("~/");
    expect((await userCli(["scan"], tempTree({ ".mcp.json": clean }), { HOME: home })).stdout).not.toContain("User-level");
  });

  it("without a home folder is exit 2", async () => {
    const r = await userCli(["scan", "--user"], tempTree({}), { HOME: undefined });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("--user: cannot tell the home folder (HOME is not set)");
  });
});
