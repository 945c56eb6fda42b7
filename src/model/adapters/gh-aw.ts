/**
 * GitHub Agentic Workflows (gh-aw): the YAML front matter of a Markdown
 * workflow in `.github/workflows/` (and of the shared files it imports)
 * declares the MCP servers its agent gets (`mcp-servers:`) and the built-in
 * GitHub MCP server (`tools.github`). `gh aw compile` turns the file into a
 * GitHub Actions job, where the agent runs unattended: no one is asked before
 * a tool call, so every tool a workflow exposes runs unprompted.
 *
 * - `allowed: [names]` is the list the MCP gateway exposes (and all the agent
 *   can call): an auto-approve list. `allowed: ["*"]` exposes every tool: an
 *   auto-approve-all grant, as the Copilot coding agent's `tools: ["*"]`.
 * - No `allowed`: the docs do not say what the gateway then exposes; read as
 *   every tool offered (`all-tools`, a note), not as an auto-approval.
 * - `container:` runs the image with `docker run`: the server's image.
 * - `${{ secrets.X }}`, `${{ vars.X }}`, `${{ env.X }}` are references.
 */
import { entry, get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import { frontMatterText } from "../../parse/frontmatter.js";
import { locOf, type Adapter, type AdapterInput } from "../adapter.js";
import { containerLaunchLine } from "../launcher.js";
import { readServerEntry, value } from "../server-entry.js";
import type { Credential, McpServer, ScopeGrant } from "../types.js";
import { listValues } from "./gateway-common.js";
import { serversFromMap, withGrants } from "./server-maps.js";

/** A top-level key only an agentic workflow's front matter has (`on:` is a workflow trigger). */
const AGENTIC_KEY = /^(?:on|"on"|'on'|engine|mcp-servers|tools)[ \t]*:/m;

/**
 * Is this Markdown file an agentic workflow? Its front matter (none: no) has a
 * trigger, an engine, servers or tools. Other Markdown in `.github/workflows/`
 * (a README) is not parsed: it gets the plain-text scan as before.
 */
export const agenticWorkflowText = {
  test(text: string): boolean {
    const front = frontMatterText(text);
    return front !== undefined && AGENTIC_KEY.test(front);
  },
};

/** The tool names of an `allowed` list: strings, or `{ name, max-calls }` entries (a per-run call cap). */
function allowedNames(list: DocNode): string[] {
  return isArray(list) ? list.items.map((item) => str(item) ?? str(get(item, "name"))).filter((n): n is string => n !== undefined) : [];
}

/** What the agent may call of a server, from its `allowed` list (the tools it runs unprompted). */
function allowedGrants(input: AdapterInput, s: McpServer, node: DocNode | undefined): McpServer {
  const e = entry(node, "allowed");
  if (!e) return s.enabled ? { ...s, tools: { ...s.tools, grants: [...s.tools.grants, { kind: "all-tools", key: "allowed", loc: s.loc }] } } : s;
  const tools = allowedNames(e.value);
  const loc = locOf(input, e.value.span);
  if (tools.includes("*")) return withGrants(s, [{ kind: "auto-approve-all", key: "allowed", tools: ["*"], loc }]);
  const grants: ScopeGrant[] = tools.length ? [{ kind: "auto-approve-list", key: "allowed", tools, loc }] : [];
  return withGrants({ ...s, tools: { ...s.tools, include: tools } }, grants);
}

/**
 * A `container:` server is `docker run --rm -i <args> <image> <entrypointArgs>`: its `args` are
 * docker's (their facts, `--privileged`, host mounts, are read as for any server), and
 * `entrypointArgs` that start a package runner (`[npx, -y, github:acme/x-mcp]` in `node:lts`) are
 * what it launches.
 */
function withContainer(input: AdapterInput, s: McpServer, node: DocNode | undefined): McpServer {
  const image = value(input, get(node, "container"));
  if (!image) return s;
  const entrypoint = value(input, get(node, "entrypoint"));
  const { cmd, args } = containerLaunchLine(entrypoint ? [entrypoint] : [], listValues(input, get(node, "entrypointArgs")));
  const launch = cmd[0] ? { command: cmd[0], args } : { args: [...s.args, ...args] };
  return { ...s, image, ...launch, transport: s.command || s.url ? s.transport : "container" };
}

/** `mcp-servers:` entries. */
function customServers(input: AdapterInput, d: DocNode): McpServer[] {
  const map = get(d, "mcp-servers");
  return serversFromMap(input, map, "mcp-servers").map((s) => {
    const node = get(map, s.name);
    return allowedGrants(input, withContainer(input, s, node), node);
  });
}

/**
 * `tools.github`: the GitHub MCP server gh-aw starts itself (`mode: local`, the default, a container
 * in the runner; `mode: remote`, GitHub's hosted server), authenticated by the workflow's token or by
 * `github-token`. `mode: gh-proxy` runs the `gh` CLI instead: no MCP server. gh-aw runs it for
 * reading only (writes go through safe outputs), so its `allowed` narrows it (an include list) and
 * grants no auto-approval; its `toolsets` narrow it too.
 */
function githubServer(input: AdapterInput, d: DocNode): McpServer[] {
  const e = entry(get(d, "tools"), "github");
  if (!e || e.value.type === "boolean" && e.value.value === false) return [];
  const node = isObject(e.value) ? e.value : { type: "object" as const, entries: [], span: e.value.span };
  const mode = str(get(node, "mode"));
  if (mode === "gh-proxy") return [];
  const s = readServerEntry(input, { name: "github", node, nameSpan: e.keySpan, path: "tools.github" });
  const token = entry(node, "github-token");
  const tokenValue = value(input, token?.value);
  const credentials: Credential[] = token && tokenValue ? [{ ...tokenValue, key: "github-token", keyLoc: locOf(input, token.keySpan), source: "setting" }] : [];
  const allowed = get(node, "allowed");
  const include = allowed && !allowedNames(allowed).includes("*") ? { include: allowedNames(allowed) } : {};
  return [{ ...s, transport: mode === "remote" ? "http" : "container", credentials: [...s.credentials, ...credentials], tools: { ...s.tools, ...include } }];
}

export const ghAwAdapter: Adapter = (input) => ({
  servers: input.docs.flatMap((d) => [...customServers(input, d), ...githubServer(input, d)]),
  policies: [],
  diagnostics: [],
});
