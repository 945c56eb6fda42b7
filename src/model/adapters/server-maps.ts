/**
 * Adapters for the clients whose files hold a map (or list) of server entries:
 * most of the catalog. Each adapter only says where the entries live.
 */
import { entry, get, isArray, isObject, str, strings, type DocEntry, type DocNode } from "../../parse/doc.js";
import { locOf, type Adapter, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import { namedValues, readServerEntry } from "../server-entry.js";
import type { RefSyntax } from "../refs.js";
import type { AdapterOutput, ConfigValue, Credential, Diagnostic, McpServer, NamedValue, ScopeGrant, Transport, ValueRef } from "../types.js";
import { wildcard } from "../../util/wildcard.js";

interface MapOptions {
  readonly urlDefault?: Transport;
  readonly launchSyntaxes?: readonly RefSyntax[];
  readonly endpointKeys?: readonly string[];
}

/** Fields that make an entry a server (a launch command, an endpoint, a transport). */
const SERVER_KEYS = ["command", "url", "type", "httpUrl", "serverUrl"];

const looksLikeServer = (node: DocNode): boolean => SERVER_KEYS.some((k) => get(node, k) !== undefined);

/**
 * A `$`-named entry with no server field (`"$comment"`, `"$disabled_examples": { ... }`): JSON
 * metadata by the `$schema` convention, a note or a parking place for entries switched off by
 * hand, not a server the client starts.
 */
const isMetadataEntry = (key: string, node: DocNode): boolean => key.startsWith("$") && !looksLikeServer(node);

/** Servers from a `{ name: entry }` map at `prefix`; recurses into Lasso-style nested `servers`. */
export function serversFromMap(input: AdapterInput, map: DocNode | undefined, prefix: string, opts: MapOptions = {}): McpServer[] {
  const out: McpServer[] = [];
  if (!isObject(map)) return out;
  for (const e of map.entries) {
    if (!isObject(e.value) || isMetadataEntry(e.key, e.value)) continue;
    const path = prefix ? `${prefix}.${e.key}` : e.key;
    out.push(readServerEntry(input, { name: e.key, node: e.value, nameSpan: e.keySpan, path, ...(opts.urlDefault ? { urlDefault: opts.urlDefault } : {}), ...(opts.launchSyntaxes ? { launchSyntaxes: opts.launchSyntaxes } : {}), ...(opts.endpointKeys ? { endpointKeys: opts.endpointKeys } : {}) }));
    const nested = get(e.value, "servers");
    if (isObject(nested)) out.push(...serversFromMap(input, nested, `${path}.servers`, opts));
  }
  return out;
}

/**
 * Servers from a list of entries that carry `name` (Continue). A hub or local
 * block (`- uses: acme/notes-mcp`) is named by what it uses; the values under
 * its `with:` are the inputs the block fills its env and headers from, so
 * they are the server's credentials.
 */
export function serversFromList(input: AdapterInput, list: DocNode | undefined, prefix: string): McpServer[] {
  const out: McpServer[] = [];
  if (!isArray(list)) return out;
  list.items.forEach((item, i) => {
    if (!isObject(item)) return;
    const nameEntry = entry(item, "name") ?? entry(item, "uses");
    const name = str(nameEntry?.value) ?? `#${i}`;
    const s = readServerEntry(input, { name, node: item, nameSpan: nameEntry?.value.span ?? item.span, path: `${prefix}[${i}]` });
    const inputs = namedValues(input, get(item, "with")).map((v): Credential => ({ ...v, key: `with.${v.key}`, source: "setting" }));
    out.push(inputs.length ? { ...s, credentials: [...s.credentials, ...inputs] } : s);
  });
  return out;
}

/** A warning about the file's configuration at `loc`, its message led by `file:line:column`. */
function configWarning(input: AdapterInput, loc: Loc, text: string): Diagnostic {
  return { level: "warning", code: "config", message: `${input.file}:${loc.line}:${loc.column}: ${text}`, file: input.file, loc };
}

/** What a node is, in a diagnostic: "an array", "a string", ... */
const KIND_NAMES: Readonly<Record<DocNode["type"], string>> = { object: "an object", array: "an array", string: "a string", number: "a number", boolean: "a boolean", null: "null" };

/**
 * A server map the file holds in another shape, read as no server without a word: the map at
 * `path` written as an array or a scalar (`"mcpServers": [ { ... } ]`), or an entry that is an
 * array or a scalar (`"github": "npx -y ..."`). A client reads servers by name from an object of
 * objects, so the servers the file seems to configure are not started as written, and the model
 * has none of them (their secrets are still found by the text scan). An absent or null map, or a
 * null entry, configures nothing and is not named; nor is a `$`-named note (isMetadataEntry).
 */
function misshapenServers(input: AdapterInput, d: DocNode, path: readonly string[]): Diagnostic[] {
  const parent = get(d, ...path.slice(0, -1));
  const e = entry(parent, path[path.length - 1] as string);
  if (!e || e.value.type === "null") return [];
  const key = path.join(".");
  const at = (span: DocEntry["keySpan"], what: string): Diagnostic => configWarning(input, locOf(input, span), what);
  if (!isObject(e.value)) return [at(e.keySpan, `\`${key}\` is ${KIND_NAMES[e.value.type]}, not an object of named servers ("${path[path.length - 1]}": { "<name>": { "command": ... } }); no server is read from it`)];
  return e.value.entries
    .filter((x) => !isObject(x.value) && x.value.type !== "null" && !x.key.startsWith("$"))
    .map((x) => at(x.keySpan, `server '${x.key}' in \`${key}\` is ${KIND_NAMES[x.value.type]}, not an object with a command or url; not read as a server`));
}

/** `adapter`, plus the misshapenServers diagnostics of each document for the maps at `paths`. */
function namingMisshapen(adapter: Adapter, ...paths: readonly (readonly string[])[]): Adapter {
  return (input) => {
    const out = adapter(input);
    const found = input.docs.flatMap((d) => paths.flatMap((p) => misshapenServers(input, d, p)));
    return found.length ? { ...out, diagnostics: [...out.diagnostics, ...found] } : out;
  };
}

function output(servers: McpServer[]): AdapterOutput {
  return { servers, policies: [], diagnostics: [] };
}

function eachDoc(input: AdapterInput, f: (doc: DocNode) => McpServer[]): AdapterOutput {
  return output(input.docs.flatMap(f));
}

/** `mcpServers` map at the top level (Claude Desktop, Cursor, Windsurf, Cline, Roo, Kiro, Gemini, JetBrains). */
export const mcpServersAdapter: Adapter = namingMisshapen((input) => eachDoc(input, (d) => serversFromMap(input, get(d, "mcpServers"), "mcpServers")), ["mcpServers"]);

/**
 * Claude Desktop (`claude_desktop_config.json`) starts local servers only, from `command` and `args`; remote servers
 * are added in the app (Settings > Connectors). An entry with a `url` and no `command` is never connected to (builds
 * differ: it is ignored, the whole file is refused as missing `command`, or the app fails to start). Each is named in
 * a warning and not modelled (a secret written in it is still found by the text scan).
 */
export const claudeDesktopAdapter: Adapter = (input) => {
  const out = mcpServersAdapter(input);
  const remote = out.servers.filter((s) => !s.command && s.url);
  if (remote.length === 0) return out;
  const warnings = remote.map((s) =>
    configWarning(input, s.loc, `server '${s.name}' has a url and no command: Claude Desktop starts only local servers from this file (command and args), so it never connects to this one (add it in Settings > Connectors, or bridge it with mcp-remote)`),
  );
  return { ...out, servers: out.servers.filter((s) => !remote.includes(s)), diagnostics: [...out.diagnostics, ...warnings] };
};

/**
 * MCPorter (`config/mcporter.json`, `~/.mcporter/mcporter.json`): Claude Desktop's `mcpServers`, with the
 * endpoint in `baseUrl` (also `base_url`, `url`, `serverUrl`, `server_url`), `command` a string or an array, and
 * `bearerToken` / `bearerTokenEnv` for the Authorization header (steipete/mcporter src/config-normalize.ts). Its `imports` pull other clients' servers in at run time; those files are read as their own.
 */
export const mcporterAdapter: Adapter = namingMisshapen((input) => eachDoc(input, (d) => serversFromMap(input, get(d, "mcpServers"), "mcpServers", { endpointKeys: ["baseUrl", "base_url", "url", "serverUrl", "server_url"] })), ["mcpServers"]);

/** Cursor (`.cursor/mcp.json`): `mcpServers` only; VS Code's `servers` map, a common copy-paste, is named as never started. */
export const cursorAdapter: Adapter = ignoringServersKey(mcpServersAdapter, "Cursor", "mcpServers", "servers", " (VS Code's key)");

/** Cline: a URL entry with no type is SSE. */
export const clineAdapter: Adapter = namingMisshapen((input) => eachDoc(input, (d) => serversFromMap(input, get(d, "mcpServers"), "mcpServers", { urlDefault: "sse" })), ["mcpServers"]);

/**
 * Claude Code `.mcp.json` / `managed-mcp.json` / plugin `plugin.json`: an
 * `mcpServers` map. A plugin's `.mcp.json` may also be the bare map itself
 * (`{ "<name>": { "command": ... } }`); entries are read as servers only when
 * they look like one.
 */
export const claudeMcpJsonAdapter: Adapter = namingMisshapen((input) => {
  const out = eachDoc(input, (d) => wrappedOrBareServers(input, d));
  return { ...out, diagnostics: [...out.diagnostics, ...input.docs.flatMap((d) => untypedRemotes(input, get(d, "mcpServers") ?? d))] };
}, ["mcpServers"]);

/**
 * A project's `.mcp.json`. Claude Code reads its `mcpServers` (or a bare map of servers); Visual Studio reads
 * a solution folder's `.mcp.json` (and `%USERPROFILE%\.mcp.json`) in VS Code's shape, `servers` and `inputs`
 * (learn.microsoft.com/visualstudio/ide/mcp-servers). A file with `servers` and no `mcpServers` is Visual
 * Studio's: its servers are read as Visual Studio's, which Claude Code never starts.
 */
export const projectMcpJsonAdapter: Adapter = (input) =>
  input.docs.length > 0 && input.docs.every(isVisualStudioShape) ? visualStudioAdapter({ ...input, client: "visual-studio", syntaxes: VISUAL_STUDIO_SYNTAXES }) : claudeMcpJsonAdapter(input);

function isVisualStudioShape(d: DocNode): boolean {
  return isObject(get(d, "servers")) && entry(d, "mcpServers") === undefined;
}

/** Visual Studio's references are VS Code's (`${input:id}`, `${env:VAR}`); `${VAR}` is not confirmed either way, so it counts too. */
const VISUAL_STUDIO_SYNTAXES: readonly RefSyntax[] = ["env-colon", "input", "dollar-brace"];

/**
 * Amp skill `mcp.json` (next to the skill's SKILL.md): a bare `{ "<name>": { "command": ... } }` map whose
 * `includeTools` names the tools the skill loads; Amp starts the servers when the skill is invoked.
 */
export const ampSkillAdapter: Adapter = (input) => eachDoc(input, (d) => wrappedOrBareServers(input, d));

/** Servers of an `mcpServers` map, else of a bare `{ "<name>": { "command": ... } }` map (entries that look like a server). */
function wrappedOrBareServers(input: AdapterInput, d: DocNode): McpServer[] {
  const wrapped = get(d, "mcpServers");
  if (wrapped) return serversFromMap(input, wrapped, "mcpServers");
  if (!isObject(d)) return [];
  const bare = { ...d, entries: d.entries.filter((e) => looksLikeServer(e.value)) };
  return serversFromMap(input, bare, "");
}

/**
 * Claude Code reads an entry with a `url` and no `type` as a stdio server and
 * rejects it: the server the file seems to configure never starts.
 */
function untypedRemotes(input: AdapterInput, map: DocNode | undefined): Diagnostic[] {
  if (!isObject(map)) return [];
  return map.entries
    .filter((e) => isObject(e.value) && get(e.value, "url") !== undefined && get(e.value, "type") === undefined && get(e.value, "command") === undefined)
    .map((e) => configWarning(input, locOf(input, e.keySpan), `server '${e.key}' has a url but no type: Claude Code reads it as a stdio server and rejects it (add "type": "http" or "sse")`));
}

/** ~/.claude.json: user servers plus per-project local servers. */
export const claudeUserAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const servers = serversFromMap(input, get(d, "mcpServers"), "mcpServers");
    const projects = get(d, "projects");
    if (isObject(projects)) {
      for (const p of projects.entries) {
        // `disabledMcpServers` in the same project switches a local server off.
        const disabled = new Set(strings(get(p.value, "disabledMcpServers")).map((x) => x.value));
        const local = serversFromMap({ ...input, scope: "local" }, get(p.value, "mcpServers"), `projects.${p.key}.mcpServers`);
        servers.push(...local.map((s) => (disabled.has(s.name) ? { ...s, enabled: false } : s)));
      }
    }
    return servers;
  });

/** VS Code: `.vscode/mcp.json` (`servers`), settings (`mcp.servers`), `.code-workspace` (`settings.mcp.servers`). */
/** A file in VS Code's `mcp.json` shape (`servers`, `inputs`), read by `product`: a Claude-style `mcpServers` map is named as never started. */
// vscodeServers is defined below: called through a function, not read when the adapters are made.
const vscodeShapeAdapter = (product: string): Adapter => ignoringServersKey(namingMisshapen((input) => vscodeServers(input), ["servers"], ["mcp", "servers"], ["settings", "mcp", "servers"]), product, "servers", "mcpServers");

export const vscodeAdapter = vscodeShapeAdapter("VS Code");
/** GitHub Copilot in JetBrains IDEs (`github-copilot/intellij/mcp.json`). */
export const copilotJetbrainsAdapter = vscodeShapeAdapter("Copilot for JetBrains");
/** GitHub Copilot for Xcode (`github-copilot/xcode/mcp.json`). */
export const copilotXcodeAdapter = vscodeShapeAdapter("Copilot for Xcode");
/** Visual Studio (a solution's `.vs/mcp.json`, or `.mcp.json` in VS Code's shape: projectMcpJsonAdapter). */
export const visualStudioAdapter = vscodeShapeAdapter("Visual Studio");
/** Snowflake Cortex Code Desktop, a VS Code fork (`Cortex Code/User/mcp.json`). */
export const cortexDesktopAdapter = vscodeShapeAdapter("Cortex Code Desktop");

/**
 * A map of servers under the key another client reads is ignored without a
 * word, so the servers the file seems to configure never start: a
 * Claude-style `mcpServers` in VS Code's `mcp.json`, VS Code's `servers` in a
 * Copilot file (common copy-pastes). `product` reads `reads`, not `ignored`.
 */
function ignoredServersKey(input: AdapterInput, d: DocNode, product: string, reads: string, ignored: string, aside = ""): Diagnostic[] {
  const e = entry(d, ignored);
  if (!e || !isObject(e.value) || get(d, reads) !== undefined) return [];
  const names = e.value.entries.map((x) => `'${x.key}'`).join(", ");
  return [configWarning(input, locOf(input, e.keySpan), `${product} reads servers from \`${reads}\`, not \`${ignored}\`${aside}, so it never starts ${names || `what \`${ignored}\` holds`} (rename the key to "${reads}")`)];
}

/** `adapter`, plus the ignoredServersKey diagnostic of each document: `product` reads `reads`, not `ignored`. */
function ignoringServersKey(adapter: Adapter, product: string, reads: string, ignored: string, aside = ""): Adapter {
  return (input) => {
    const out = adapter(input);
    return { ...out, diagnostics: [...out.diagnostics, ...input.docs.flatMap((d) => ignoredServersKey(input, d, product, reads, ignored, aside))] };
  };
}

const vscodeServers: Adapter = (input) =>
  eachDoc(input, (d) => {
    // `${input:id}` is filled from the file's own `inputs` list; an id not declared there is never prompted for.
    const declared = new Set([get(d, "inputs"), get(d, "mcp", "inputs"), get(d, "settings", "mcp", "inputs")].flatMap((l) => (isArray(l) ? l.items.map((i) => str(get(i, "id")) ?? "") : [])));
    return [
      ...serversFromMap(input, get(d, "servers"), "servers"),
      ...serversFromMap(input, get(d, "mcp", "servers"), "mcp.servers"),
      ...serversFromMap(input, get(d, "settings", "mcp", "servers"), "settings.mcp.servers"),
    ].map((s) => withUndeclaredInputs(s, declared));
  });

/** Marks `${input:id}` references to ids that `declared` lacks as unexpanded (unexpanded-reference reports them; the inventory shows them on the credential). */
function withUndeclaredInputs(s: McpServer, declared: ReadonlySet<string>): McpServer {
  const mark = <T extends ConfigValue>(v: T): T => {
    const missing = [...v.raw.matchAll(/\$\{input:([A-Za-z0-9_.-]{1,200})\}/g)].filter((m) => !declared.has(m[1] ?? "")).map((m) => m[0]);
    return missing.length ? { ...v, unexpanded: [...(v.unexpanded ?? []), ...missing] } : v;
  };
  return { ...s, env: s.env.map(mark), headers: s.headers.map(mark), args: s.args.map(mark), credentials: s.credentials.map(mark), ...(s.url ? { url: mark(s.url) } : {}) };
}

/** Zed: `context_servers`. */
export const zedAdapter: Adapter = namingMisshapen((input) => eachDoc(input, (d) => serversFromMap(input, get(d, "context_servers"), "context_servers")), ["context_servers"]);

/**
 * Amp (`.amp/settings.json`, `~/.config/amp/settings.json`): servers under the
 * flat key `amp.mcpServers`. `amp.dangerouslyAllowAll: true` runs every tool
 * call with no prompt (a trust-all grant on each server); an `amp.permissions`
 * rule with `action: "allow"` and no `matches` condition lets the MCP tools it
 * names (`mcp__<server>__<tool>`, or a `*` pattern) run with no prompt.
 */
export const ampAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const allowAll = entry(d, "amp.dangerouslyAllowAll");
    const trust: ScopeGrant[] = allowAll && str(allowAll.value) === "true" ? [{ kind: "trust-all", key: "amp.dangerouslyAllowAll", loc: locOf(input, allowAll.value.span) }] : [];
    const permissions = get(d, "amp.permissions");
    const rules = isArray(permissions) ? permissions.items : [];
    const allowed = rules.filter((r) => str(get(r, "action")) === "allow" && get(r, "matches") === undefined).flatMap((r) => {
      const node = get(r, "tool");
      const value = str(node);
      return node && value ? [{ value, node }] : [];
    });
    return serversFromMap(input, get(d, "amp.mcpServers"), "amp.mcpServers").map((s) => {
      const all = allowed
        .filter(({ value }) => value === "*" || value === "mcp__*" || value === `mcp__${s.name}__*`)
        .map(({ node }): ScopeGrant => ({ kind: "auto-approve-all", key: "amp.permissions", tools: ["*"], loc: locOf(input, node.span) }));
      return withGrants(s, [...trust, ...all, ...namedToolGrants(input, allowed, [`mcp__${s.name}__`], "amp.permissions")]);
    });
  });

/**
 * Charm's Crush (`crush.json`, `.crush.json`): servers under `mcp` (`type`
 * stdio, http or sse). A `permissions.allowed_tools` entry names a tool that
 * runs with no confirmation prompt; an MCP tool is `mcp_<server>_<tool>`.
 */
export const crushAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const allowed = strings(get(d, "permissions", "allowed_tools"));
    return serversFromMap(input, get(d, "mcp"), "mcp").map((s) => withGrants(s, namedToolGrants(input, allowed, [`mcp_${s.name}_`], "permissions.allowed_tools")));
  });

/**
 * opencode: `mcp` map; `.agents/mcp.json` is a bare map. Other agents write a file of that name
 * with the servers under `mcpServers`, or under `servers` beside a `version` (VS Code's shape):
 * those keys hold the servers, they are not servers named `servers`.
 */
export const opencodeAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    if (get(d, "mcp")) return serversFromMap(input, get(d, "mcp"), "mcp");
    if (input.file.endsWith(".agents/mcp.json") || input.file.endsWith("opencode/mcp-local.json")) {
      const wrapper = ["mcpServers", "servers"].find((k) => isObject(get(d, k)));
      return serversFromMap(input, wrapper ? get(d, wrapper) : d, wrapper ?? "");
    }
    return [];
  });

/**
 * Continue: `mcpServers` is a list of entries with `name`. Its schema (config-yaml schemas/mcp) takes a
 * remote server's headers from `requestOptions.headers` and drops any other key: a `headers` map on the
 * entry (as Claude's shape has it) is never sent, so it is no header of the server, and said so.
 */
export const continueAdapter: Adapter = (input) => {
  const unread: Diagnostic[] = [];
  const out = eachDoc(input, (d) => {
    const s = get(d, "mcpServers");
    if (!isArray(s)) return serversFromMap(input, s, "mcpServers");
    unread.push(...s.items.flatMap((item) => unreadHeaders(input, item)));
    return serversFromList(input, { ...s, items: s.items.map((item) => (isObject(item) ? { ...item, entries: item.entries.filter((e) => e.key !== "headers") } : item)) }, "mcpServers");
  });
  return { ...out, diagnostics: [...out.diagnostics, ...unread] };
};

/** A Continue entry's `headers` map, which Continue does not read (it reads `requestOptions.headers`). */
function unreadHeaders(input: AdapterInput, item: DocNode): Diagnostic[] {
  const e = entry(item, "headers");
  if (!e || !isObject(e.value) || e.value.entries.length === 0) return [];
  const name = str(get(item, "name")) ?? str(get(item, "uses")) ?? "";
  const names = e.value.entries.map((x) => `'${x.key}'`).join(", ");
  return [configWarning(input, locOf(input, e.keySpan), `Continue reads an MCP server's headers from \`requestOptions.headers\`, not \`headers\`, so it never sends ${names} to '${name}' (move them under requestOptions.headers)`)];
}

/**
 * Continue's JSON blocks (`.continue/mcpServers/*.json`, core/context/mcp/json/loadJsonMcpConfigs.ts):
 * Claude Desktop's shape (`mcpServers`), Claude Code's (`mcpServers` and each `projects.<path>.mcpServers`),
 * else one server alone, named after the file (`github.json` is server `github`): a `command`, or a
 * `url`, with a `type` that is text if there is one (the schema rejects any other).
 */
export const continueJsonAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const servers = serversFromMap(input, get(d, "mcpServers"), "mcpServers");
    const projects = get(d, "projects");
    if (isObject(projects)) for (const p of projects.entries) servers.push(...serversFromMap(input, get(p.value, "mcpServers"), `projects.${p.key}.mcpServers`));
    if (servers.length || get(d, "mcpServers") || !isLoneServer(d)) return servers;
    const name = (input.file.split("/").pop() ?? input.file).replace(/\.json$/, "");
    return [readServerEntry(input, { name, node: d, nameSpan: { start: d.span.start, end: d.span.start + 1 }, path: name })];
  });

/** A whole JSON block that is one server entry: a `command` or `url` string, and no `type` but text. */
function isLoneServer(d: DocNode): boolean {
  const type = get(d, "type");
  return isObject(d) && (str(get(d, "command")) !== undefined || str(get(d, "url")) !== undefined) && (type === undefined || type.type === "string");
}

/** Continue's legacy `config.json`: `experimental.modelContextProtocolServers`, entries with a nested `transport`. */
export const continueLegacyAdapter: Adapter = (input) =>
  eachDoc(input, (d) => serversFromList(input, get(d, "experimental", "modelContextProtocolServers"), "experimental.modelContextProtocolServers"));

/** Goose: `extensions` map (builtin extensions are not MCP servers of their own). */
export const gooseAdapter: Adapter = (input) =>
  eachDoc(input, (d) => serversFromMap(input, get(d, "extensions"), "extensions").filter((s) => s.command || s.url));

/** Goose recipe: `extensions` is a list of extensions with `name` (builtin ones are not MCP servers of their own). */
export const gooseRecipeAdapter: Adapter = (input) =>
  eachDoc(input, (d) => serversFromList(input, get(d, "extensions"), "extensions").filter((s) => s.command || s.url));

/**
 * A JSON or YAML file of any other name whose top-level `mcpServers` map holds at least one entry
 * that starts a command or reaches a URL (`command`, `url`, `serverUrl`, `httpUrl`): the de facto
 * MCP configuration shape, written for a client the catalog does not know by path (one of the
 * dozens that read it, or a file a team copies into place).
 */
export function isMcpServersMap(docs: readonly DocNode[]): boolean {
  const servers = docs.length === 1 ? get(docs[0], "mcpServers") : undefined;
  return isObject(servers) && servers.entries.some((e) => ["command", "url", "serverUrl", "httpUrl"].some((k) => str(get(e.value, k)) !== undefined));
}

/**
 * A Goose recipe kept anywhere (a repository's `recipes/`, a cookbook; Goose loads one by path, from
 * GOOSE_RECIPE_PATH or a GitHub repository): a `title` and `instructions` or `prompt`, and an `extensions`
 * list with at least one extension that runs a command or reaches a URL (`cmd` / `uri`).
 */
export function isGooseRecipe(docs: readonly DocNode[]): boolean {
  const d = docs[0];
  if (docs.length !== 1 || !isObject(d) || str(get(d, "title")) === undefined) return false;
  if (str(get(d, "instructions")) === undefined && str(get(d, "prompt")) === undefined) return false;
  const ext = get(d, "extensions");
  return isArray(ext) && ext.items.some((e) => isObject(e) && str(get(e, "type")) !== undefined && (get(e, "cmd") !== undefined || get(e, "uri") !== undefined));
}

/**
 * Codex: `[mcp_servers.<name>]`. A profile has no servers of its own (codex-rs core/src/config/profile.rs,
 * ConfigProfile): Codex ignores `[profiles.<p>.mcp_servers.<name>]`, so the servers written there never start.
 * Each such map is named in a warning, and its servers are not modelled (a secret in them is still found).
 */
export const codexAdapter: Adapter = (input) => ({
  servers: input.docs.flatMap((d) => serversFromMap(input, get(d, "mcp_servers"), "mcp_servers")),
  policies: [],
  diagnostics: input.docs.flatMap((d) => profileServerMaps(input, d)),
});

function profileServerMaps(input: AdapterInput, d: DocNode): Diagnostic[] {
  const profiles = get(d, "profiles");
  if (!isObject(profiles)) return [];
  return profiles.entries.flatMap((p) => {
    const e = entry(p.value, "mcp_servers");
    if (!e || !isObject(e.value) || e.value.entries.length === 0) return [];
    const names = e.value.entries.map((x) => `'${x.key}'`).join(", ");
    return [configWarning(input, locOf(input, e.keySpan), `\`profiles.${p.key}.mcp_servers\` is not read by Codex (a profile has no servers of its own), so ${names} never start${e.value.entries.length === 1 ? "s" : ""}; define servers in the top-level [mcp_servers] table`)];
  });
}

/**
 * Ruler (intellectronica/ruler): `.ruler/ruler.toml` holds the servers it writes into each agent's own MCP file
 * (`[mcp_servers.<name>]`, and `[agents.<agent>.mcp_servers.<name>]` for that agent alone); the legacy
 * `.ruler/mcp.json` holds `mcpServers`. The agents' files it writes are often git-ignored: this is what a
 * repository commits.
 */
export const rulerAdapter: Adapter = namingMisshapen((input) =>
  eachDoc(input, (d) => {
    const servers = [...serversFromMap(input, get(d, "mcp_servers"), "mcp_servers"), ...serversFromMap(input, get(d, "mcpServers"), "mcpServers")];
    const agents = get(d, "agents");
    if (isObject(agents)) {
      for (const a of agents.entries) servers.push(...serversFromMap(input, get(a.value, "mcp_servers"), `agents.${a.key}.mcp_servers`));
    }
    return servers;
  }), ["mcp_servers"], ["mcpServers"]);

/** A server with extra tool grants (and the auto-approve list they imply). */
/**
 * The tools of one server that an allow list names one by one, as `<prefix><tool>` with one of
 * `prefixes` (`mcp_<server>_<tool>`, `<server>__<tool>`): they run with no confirmation prompt
 * (tool-auto-approval reports state-changing ones). Wildcard entries are left to the caller: they
 * are whole-server grants or policy settings.
 */
export function namedToolGrants(input: AdapterInput, items: readonly { readonly value: string; readonly node: DocNode }[], prefixes: readonly string[], key: string): ScopeGrant[] {
  const grants: ScopeGrant[] = [];
  for (const item of items) {
    if (item.value.includes("*")) continue;
    const prefix = prefixes.find((p) => item.value.startsWith(p) && item.value.length > p.length);
    if (prefix) grants.push({ kind: "auto-approve-list", key, tools: [item.value.slice(prefix.length)], loc: locOf(input, item.node.span) });
  }
  return grants;
}

export function withGrants(s: McpServer, grants: readonly ScopeGrant[]): McpServer {
  if (grants.length === 0) return s;
  let autoApprove = s.tools.autoApprove;
  // A trust switch (Amp `amp.dangerouslyAllowAll`) trusts the server; it names no tool to auto-approve.
  const trusted = grants.some((g) => g.kind === "trust-all");
  for (const g of grants) {
    if (g.kind === "trust-all") continue;
    if (g.kind === "auto-approve-all" || autoApprove === "*") autoApprove = "*";
    else autoApprove = [...(autoApprove ?? []), ...(g.tools ?? [])];
  }
  return { ...s, tools: { ...s.tools, ...(autoApprove ? { autoApprove } : {}), ...(trusted ? { trust: true } : {}), grants: [...s.tools.grants, ...grants] } };
}

/**
 * Copilot coding agent: `tools` lists what the agent may call, and it calls
 * them autonomously with no approval prompt, so a named list is also an
 * auto-approve list (`["*"]` is already an auto-approve-all grant).
 */
export const copilotAgentAdapter: Adapter = ignoringServersKey((input) => eachDoc(input, (d) => copilotAgentServers(input, d, "mcpServers")), "Copilot", "mcpServers", "servers", " (VS Code's key)");

/**
 * Copilot custom agent profiles (`.github/agents/*.agent.md`, an organization's
 * or enterprise's `.github-private` repository `agents/*.md`): the YAML
 * front matter's `mcp-servers` is the coding agent's JSON configuration in
 * YAML, run the same way (each server's `tools` runs unprompted).
 */
export const copilotCustomAgentAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const agentTools = entry(d, "tools");
    return copilotAgentServers(input, d, "mcp-servers").map((s) => (agentTools ? withinAgentTools(input, s, agentTools) : s));
  });

/**
 * A custom agent's own `tools` (a list, or one comma-separated string) filters
 * every tool it may call: of an MCP server, `<server>/<tool>` names one and
 * `<server>/*` or `*` all of them; an empty list allows none. The server's
 * tools that run unprompted are those its own `tools` and the agent's both allow.
 */
function withinAgentTools(input: AdapterInput, s: McpServer, agentTools: NonNullable<ReturnType<typeof entry>>): McpServer {
  const v = agentTools.value;
  const allowed = agentAllows(s, v);
  if (!allowed) return s;
  const own = s.tools.autoApprove;
  if (own === undefined) return s;
  const runs = own === "*" ? allowed : own.filter((t) => allowed.includes(t));
  const { autoApprove: _own, ...rest } = s.tools;
  const grants = s.tools.grants.filter((g) => g.key !== "tools");
  if (runs.length) grants.push({ kind: "auto-approve-list", key: "tools", tools: runs, loc: locOf(input, v.span) });
  return { ...s, tools: { ...rest, include: runs, ...(runs.length ? { autoApprove: runs } : {}), grants } };
}

/** The tools of server `s` that a custom agent's own `tools` allows; undefined when it allows them all. */
function agentAllows(s: McpServer, v: DocNode): string[] | undefined {
  const names = isArray(v) ? strings(v).map((x) => x.value.trim()) : (str(v) ?? "").split(",").map((x) => x.trim()).filter(Boolean);
  const prefix = `${s.name}/`;
  if (names.includes("*") || names.includes(`${prefix}*`)) return undefined;
  return names.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
}

/**
 * Copilot CLI personal agent profiles (`~/.copilot/agents/*.md`): the same
 * `mcp-servers` front matter, run by the CLI on the user's machine. As in
 * its `mcp-config.json`, a server's `tools` is what the server offers (the
 * CLI asks before each call), and the agent's own `tools` narrows it further.
 */
export const copilotCliAgentAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const agentTools = entry(d, "tools");
    return serversFromMap(input, get(d, "mcp-servers"), "mcp-servers").map(withCliTools).map((s) => {
      const allowed = agentTools && agentAllows(s, agentTools.value);
      if (!allowed) return s;
      const include = s.tools.include ? s.tools.include.filter((t) => allowed.includes(t)) : allowed;
      return { ...s, tools: { ...s.tools, include, grants: s.tools.grants.filter((g) => !(g.key === "tools" && g.kind === "all-tools")) } };
    });
  });

/** The coding agent's servers under `key`, with each server's `tools` as what it runs unprompted. */
function copilotAgentServers(input: AdapterInput, d: DocNode, key: string): McpServer[] {
  return serversFromMap(input, get(d, key), key).map(withBareSecretNames).map(withOwnEnvInArgs).map((s) => {
    const e = entry(get(d, key, s.name), "tools");
    const tools = strings(e?.value).map((x) => x.value);
    if (!e || tools.length === 0) return s;
    if (tools.includes("*")) return { ...s, tools: { ...s.tools, autoApprove: "*" } };
    return withGrants(s, [{ kind: "auto-approve-list", key: "tools", tools, loc: locOf(input, e.value.span) }]);
  });
}

/** A bare Copilot environment name as a whole value (the coding agent's first documented form). */
const BARE_COPILOT_NAME = /^COPILOT_MCP_[A-Za-z0-9_]+$/;

/**
 * Copilot coding agent: an `env` or `headers` value that is just the name of
 * a `COPILOT_MCP_` secret or variable (`"SENTRY_ACCESS_TOKEN":
 * "COPILOT_MCP_SENTRY_ACCESS_TOKEN"`, GitHub's documented form before `$X`
 * substitution) is filled from that secret, not passed as text.
 */
function withBareSecretNames(s: McpServer): McpServer {
  const fix = <T extends ConfigValue>(v: T): T => (v.ref.kind === "literal" && !v.unexpanded && BARE_COPILOT_NAME.test(v.raw) ? { ...v, ref: { kind: "env", name: v.raw } } : v);
  const named = new Set([...s.env, ...s.headers].map((v) => `${v.loc.line}:${v.loc.column}`));
  return { ...s, env: s.env.map(fix), headers: s.headers.map(fix), credentials: s.credentials.map((c) => (named.has(`${c.loc.line}:${c.loc.column}`) ? fix(c) : c)) };
}

/** The variable a `$X`, `${X}` or `${X:-d}` token names. */
const tokenName = (t: string): string | undefined => /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(t)?.[1];

/**
 * Copilot coding agent: a `$X` / `${X}` in `args` where X is a key of the
 * entry's own `env` is filled from that variable, whatever its name (GitHub's
 * own Sentry, Notion and Atlassian examples pass `--host=$SENTRY_HOST` with
 * `SENTRY_HOST` in `env`). Such tokens are not unexpanded text; an argument
 * made only of them is a reference to that variable.
 */
function withOwnEnvInArgs(s: McpServer): McpServer {
  const own = new Set(s.env.map((e) => e.key));
  if (own.size === 0) return s;
  const argLocs = new Set(s.args.map((a) => `${a.loc.line}:${a.loc.column}`));
  const fix = <T extends ConfigValue>(v: T): T => {
    const filled = (v.unexpanded ?? []).filter((t) => own.has(tokenName(t) ?? ""));
    if (filled.length === 0) return v;
    const { unexpanded: _all, ...rest } = v;
    const left = (v.unexpanded ?? []).filter((t) => !filled.includes(t));
    const ref: ValueRef = v.ref.kind === "literal" ? { kind: "env", name: tokenName(filled[0] as string) ?? "" } : v.ref;
    return { ...rest, ref, ...(left.length ? { unexpanded: left } : {}) } as T;
  };
  const fromArg = (c: Credential) => argLocs.has(`${c.loc.line}:${c.loc.column}`);
  return { ...s, args: s.args.map(fix), credentials: s.credentials.map((c) => (fromArg(c) ? fix(c) : c)) };
}

/**
 * Copilot CLI (`~/.copilot/mcp-config.json`): `tools` only filters what is
 * available; calls are still confirmed, so `["*"]` means all tools, not
 * auto-approval.
 */
export const copilotCliAdapter: Adapter = ignoringServersKey((input) => eachDoc(input, (d) => wrappedOrBareServers(input, d).map(withCliTools)), "Copilot", "mcpServers", "servers", " (VS Code's key)");

/** Copilot CLI: a server's `tools: ["*"]` offers every tool, each call still asked for (not an auto-approval). */
function withCliTools(s: McpServer): McpServer {
  return { ...s, tools: { ...s.tools, grants: s.tools.grants.map((g) => (g.key === "tools" && g.kind === "auto-approve-all" ? { ...g, kind: "all-tools" as const } : g)) } };
}

/**
 * Amazon Q Developer (and Kiro CLI) substitute `${env:VAR}` in env and header
 * values only; the command, args and URL reach the server as written.
 */
const AMAZON_Q_LAUNCH: MapOptions = { launchSyntaxes: [] };

/** Amazon Q legacy `mcp.json`: an `mcpServers` map. */
export const amazonQMcpJsonAdapter: Adapter = (input) => eachDoc(input, (d) => serversFromMap(input, get(d, "mcpServers"), "mcpServers", AMAZON_Q_LAUNCH));

/**
 * Amazon Q / Kiro agent files: `allowedTools` at the agent level runs tools
 * with no prompt. `@server` (or a glob matching the server) pre-approves every
 * tool of it; `@server/tool` (globs allowed) pre-approves those tools.
 */
export const amazonQAdapter: Adapter = (input) =>
  eachDoc(input, (d) => {
    const allowed = strings(get(d, "allowedTools")).filter((x) => x.value.startsWith("@"));
    return serversFromMap(input, get(d, "mcpServers"), "mcpServers", AMAZON_Q_LAUNCH).map((s) => {
      const grants: ScopeGrant[] = [];
      for (const a of allowed) {
        const [srv = "", tool] = a.value.slice(1).split("/", 2);
        if (!wildcard(srv).test(s.name)) continue;
        const loc = locOf(input, a.node.span);
        if (tool === undefined || tool === "*") grants.push({ kind: "auto-approve-all", key: "allowedTools", tools: [a.value], loc });
        else grants.push({ kind: "auto-approve-list", key: "allowedTools", tools: [tool], loc });
      }
      return withGrants(s, grants);
    });
  });

/** LibreChat placeholders it fills in itself (`{{LIBRECHAT_USER_ID}}`, `{{LIBRECHAT_USER_EMAIL}}`, `{{LIBRECHAT_BODY_*}}` ...). */
const LIBRECHAT_BUILTIN = /^LIBRECHAT_(USER|BODY|GRAPH)_/;

/**
 * LibreChat: `{{X}}` is filled only for LibreChat's own placeholders and for
 * names declared in the server's `customUserVars`; any other `{{X}}` reaches
 * the server as text (literal + unexpanded).
 */
export const librechatAdapter: Adapter = (input) =>
  eachDoc(input, (d) =>
    serversFromMap(input, get(d, "mcpServers"), "mcpServers").map((s) => {
      const declared = get(d, "mcpServers", s.name, "customUserVars");
      const names = new Set(isObject(declared) ? declared.entries.map((e) => e.key) : []);
      const fix = <T extends ConfigValue>(v: T): T => {
        if (v.ref.kind !== "userPlaceholder" || LIBRECHAT_BUILTIN.test(v.ref.name) || names.has(v.ref.name)) return v;
        return { ...v, ref: { kind: "literal" }, unexpanded: [...(v.unexpanded ?? []), `{{${v.ref.name}}}`] };
      };
      const fixAll = (vs: readonly NamedValue[]) => vs.map(fix);
      return { ...s, env: fixAll(s.env), headers: fixAll(s.headers), credentials: s.credentials.map(fix), args: s.args.map(fix), ...(s.url ? { url: fix(s.url) } : {}) };
    }),
  );
