/**
 * Gemini CLI policy engine files (`[[rule]]` tables in `*.toml`): the user
 * tier `~/.gemini/policies/`, and the admin tier `/etc/gemini-cli/policies/`,
 * `/Library/Application Support/GeminiCli/policies/`,
 * `C:\ProgramData\gemini-cli\policies\`. A rule names MCP tools by `mcpName`
 * (a server, or `*` for all) and `toolName`, or by a fully qualified
 * `toolName`: `mcp_*` (every MCP tool), `mcp_<server>_*` (a whole server),
 * `mcp_*_<tool>`, `mcp_<server>_<tool>`; `*` is every tool. The highest
 * priority matching rule decides; an admin file outranks a user file, and
 * both outrank the settings files. A workspace `.gemini/policies/*.toml` is
 * not loaded by Gemini CLI (the workspace tier is disabled): it yields a note
 * and no policy.
 */
import { entry, get, isArray, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { Adapter, AdapterInput } from "../../adapter.js";
import type { Decision, Diagnostic } from "../../types.js";
import { PolicyDraft } from "./common.js";

const CLIENT = "gemini-cli";

/** What one MCP target of a rule covers: `*` is every server, or every tool. */
interface Target {
  readonly server: string;
  readonly tool: string;
  /** The toolName (or mcpName) value node that names it. */
  readonly node: DocNode;
  /** The key of `node`; `decision` for a rule that names no tool (it matches every tool). */
  readonly key: "toolName" | "mcpName" | "decision";
  /** As Gemini CLI forms it: `mcp_<server>_<tool>`, or `*`. */
  readonly pattern: string;
}

interface TomlRule {
  readonly index: number;
  readonly decision: Decision;
  readonly priority: number;
  readonly targets: readonly Target[];
  /** Narrowed by arguments, annotations, a subagent or shell syntax: not a whole grant. */
  readonly narrowed: boolean;
  /** Active in every approval mode and environment. */
  readonly always: boolean;
  /** Active only in `yolo` mode, where every tool runs unprompted anyway. */
  readonly yoloOnly: boolean;
}

const DECISIONS: Record<string, Decision> = { allow: "allow", deny: "deny", ask_user: "ask" };
const NARROWING = ["argsPattern", "commandPrefix", "commandRegex", "toolAnnotations", "subagent"];

/** `mcp_<server>_<tool>` split at the first `_` after the prefix, as Gemini CLI splits it. */
function fqnTarget(name: string): { server: string; tool: string } | undefined {
  if (name === "*") return { server: "*", tool: "*" };
  if (name.startsWith("mcp_")) {
    const rest = name.slice("mcp_".length);
    const sep = rest.indexOf("_");
    if (sep < 0) return rest === "*" ? { server: "*", tool: "*" } : undefined;
    return { server: rest.slice(0, sep), tool: rest.slice(sep + 1) };
  }
  const legacy = name.indexOf("__");
  return legacy > 0 ? { server: name.slice(0, legacy), tool: name.slice(legacy + 2) || "*" } : undefined;
}

function nodeList(n: DocNode | undefined): DocNode[] {
  if (!n) return [];
  return isArray(n) ? n.items.filter((i) => str(i) !== undefined) : str(n) !== undefined ? [n] : [];
}

function targetsOf(rule: DocNode): Target[] {
  const mcp = entry(rule, "mcpName");
  const server = str(mcp?.value);
  const tools = nodeList(get(rule, "toolName"));
  if (mcp && server !== undefined) {
    if (tools.length === 0) return [{ server, tool: "*", node: mcp.value, key: "mcpName", pattern: server === "*" ? "mcp_*" : `mcp_${server}_*` }];
    return tools.map((node) => {
      const tool = str(node) ?? "";
      return { server, tool, node, key: "toolName", pattern: server === "*" && tool === "*" ? "mcp_*" : `mcp_${server}_${tool}` };
    });
  }
  // Neither toolName nor mcpName: the rule matches every tool, built-in and MCP.
  const decision = get(rule, "decision");
  const shell = entry(rule, "commandPrefix") || entry(rule, "commandRegex");
  if (!entry(rule, "toolName") && !shell && decision) return [{ server: "*", tool: "*", node: decision, key: "decision", pattern: "*" }];
  const out: Target[] = [];
  for (const node of tools) {
    const name = str(node) ?? "";
    const t = fqnTarget(name);
    if (t) out.push({ ...t, node, key: "toolName", pattern: name });
  }
  return out;
}

function readRule(rule: DocNode, index: number): TomlRule | undefined {
  if (!isObject(rule)) return undefined;
  const decision = DECISIONS[str(get(rule, "decision")) ?? ""];
  if (!decision) return undefined;
  const p = get(rule, "priority");
  const priority = p?.type === "number" && typeof p.value === "number" ? p.value : 0;
  const modes = nodeList(get(rule, "modes")).map((m) => str(m) ?? "");
  const narrowed = NARROWING.some((k) => entry(rule, k) !== undefined);
  const always = modes.length === 0 && entry(rule, "interactive") === undefined;
  return { index, decision, priority, targets: targetsOf(rule), narrowed, always, yoloOnly: modes.length > 0 && modes.every((m) => m === "yolo") };
}

/** Does target `t` cover everything `u` covers? */
function covers(t: Target, u: Target): boolean {
  return (t.server === "*" || t.server === u.server) && (t.tool === "*" || t.tool === u.tool);
}

/** Rules in the order Gemini CLI tries them: higher priority first, file order among equals. */
function byPrecedence(rules: readonly TomlRule[]): TomlRule[] {
  return [...rules].sort((a, b) => b.priority - a.priority || a.index - b.index);
}

/** An unconditional deny or ask rule that wins over `r` for target `u`. */
function shadowed(r: TomlRule, u: Target, ordered: readonly TomlRule[]): boolean {
  for (const o of ordered) {
    if (o === r) return false;
    if (o.decision !== "allow" && !o.narrowed && o.always && o.targets.some((t) => covers(t, u))) return true;
  }
  return false;
}

/** An unconditional allow that wins over the deny or ask rule `r` for target `u` (a higher priority, or the same one earlier in the file). */
function overruled(r: TomlRule, u: Target, ordered: readonly TomlRule[]): boolean {
  for (const o of ordered) {
    if (o === r) return false;
    if (o.decision === "allow" && !o.narrowed && !o.yoloOnly && o.targets.some((t) => covers(t, u))) return true;
  }
  return false;
}

function meaning(t: Target): string {
  if (t.key === "decision") return "a `[[rule]]` with no `toolName` and no `mcpName` matches every tool: every tool, built-in and MCP, runs without a confirmation prompt";
  if (t.pattern === "*") return "with `decision = \"allow\"` every tool, built-in and MCP, runs without a confirmation prompt";
  if (t.server === "*" && t.tool === "*") return "with `decision = \"allow\"` every tool of every MCP server runs without a confirmation prompt, including servers added later";
  if (t.server === "*") return `with \`decision = "allow"\` a tool named '${t.tool}' runs without a confirmation prompt on every MCP server, whichever server provides it`;
  return `with \`decision = "allow"\` every tool of MCP server '${t.server}' runs without a confirmation prompt, including tools that write or delete`;
}

const DEFAULT_REASON: Record<Decision, string> = {
  allow: "runs every MCP tool that no higher-priority rule names without a prompt",
  deny: "denies every MCP tool that no higher-priority rule allows",
  ask: "asks before every MCP tool that no higher-priority rule allows",
};

function readPolicy(input: AdapterInput, doc: DocNode, admin: boolean): PolicyDraft {
  const d = new PolicyDraft(input, admin ? "managed" : "client");
  // Gemini CLI refuses a file whose `rule` is not an array of tables (`[rule]`): it has no rules.
  const raw = get(doc, "rule");
  const rules = (isArray(raw) ? raw.items : []).map(readRule).filter((r): r is TomlRule => r !== undefined);
  const ordered = byPrecedence(rules);
  for (const r of rules) {
    for (const t of r.targets) {
      const live = !r.narrowed && !r.yoloOnly && !(r.decision === "allow" ? shadowed(r, t, ordered) : overruled(r, t, ordered));
      const whole = t.server !== "*" && t.tool === "*" && live;
      d.rule(r.decision, t.pattern, t.node, whole ? t.server : undefined);
      if (r.decision === "allow" && live && (t.server === "*" || t.tool === "*")) d.setting(t.key, t.node, "permissive", meaning(t));
      // One tool of one server allowed: it runs with no prompt (tool-auto-approval reports one that changes state).
      else if (r.decision === "allow" && live && !t.server.includes("*") && !t.tool.includes("*")) d.toolGrant(t.server, "[[rule]] toolName", [t.tool], t.node);
    }
  }
  const catchAll = ordered.find((r) => !r.narrowed && (r.decision === "allow" ? !r.yoloOnly : r.always) && r.targets.some((t) => t.server === "*" && t.tool === "*"));
  const t = catchAll?.targets.find((x) => x.server === "*" && x.tool === "*");
  if (catchAll && t) {
    const named = t.key === "decision" ? "a `[[rule]]` with no `toolName` or `mcpName`" : `\`${t.key} = ${JSON.stringify(str(t.node) ?? "")}\``;
    d.setDefault(catchAll.decision, `${named} (priority ${catchAll.priority}) ${DEFAULT_REASON[catchAll.decision]}`, d.loc(t.node));
  } else {
    d.setDefault("unknown", "no unconditional `[[rule]]` here covers every MCP tool (`toolName = \"mcp_*\"` or `mcpName = \"*\"`); other policy tiers and Gemini CLI's built-in confirmation decide");
  }
  return d;
}

/** Admin tier: the standard system folders (Linux, macOS, Windows). */
const ADMIN = /(^|\/)(gemini-cli|GeminiCli)\/policies\/[^/]+\.toml$/;

export const geminiPolicyAdapter: Adapter = (input) => {
  const admin = ADMIN.test(input.file);
  if (!admin && !input.file.startsWith("~/")) {
    const loc = new PolicyDraft(input, "client").rootLoc();
    const note: Diagnostic = {
      level: "note",
      code: "config",
      message: `${input.file}: Gemini CLI does not load policy files from a workspace \`.gemini/policies/\` folder (that tier is disabled), so these rules govern no server; user policies belong in \`~/.gemini/policies/\`, admin policies in the system policy folder`,
      file: input.file,
      loc,
    };
    return { servers: [], policies: [], diagnostics: [note] };
  }
  const policies = input.docs.map((doc) => {
    const p = readPolicy(input, doc, admin).build(CLIENT);
    return { ...p, clientWide: true as const };
  });
  return { servers: [], policies, diagnostics: [] };
};
