/**
 * The MCP Gateway Registry's scope file (agentic-community/mcp-gateway-registry,
 * `auth_server/scopes.yml`): its auth server decides every MCP request the
 * gateway forwards from it.
 * - `group_mappings`: an identity provider group (a name, or an Entra ID object
 *   id) to the scopes its members get.
 * - Every other top-level key whose value is a list of `{ server, methods, tools }`
 *   is a scope (`mcp-servers-restricted/execute`): the MCP methods and, for
 *   `tools/call`, the tools of `server` it grants. `server: "*"` matches every
 *   server; `all` or `*` among `methods` every method but `tools/call`, among
 *   `tools` every tool.
 * - `UI-Scopes` grants registry operations (list, register, toggle servers), not tool calls.
 * A request no scope of the caller grants is denied (validate_server_tool_access:
 * "Default Deny"), so the file is a default-deny authz policy; each granted tool
 * is an allow rule, and a wildcard grant (every server, every tool) is a
 * permissive setting at the key that writes it. The servers themselves are
 * registered in the registry, not here: the policy names them, it governs no
 * server of this file.
 */
import { get, isArray, isObject, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter } from "../adapter.js";
import type { PolicyRule, PolicySetting } from "../types.js";
import { gatewayPolicy, permissive, stringList } from "./gateway-common.js";

const WILDCARD = new Set(["*", "all"]);

/** A scope's grant: `{ server, methods?, tools? }`. */
function isGrant(n: DocNode): boolean {
  return isObject(n) && str(get(n, "server")) !== undefined && (get(n, "methods") !== undefined || get(n, "tools") !== undefined);
}

/** Top-level entries whose value is a non-empty list of grants. */
function scopeEntries(root: DocNode | undefined): DocEntry[] {
  return isObject(root) ? root.entries.filter((e) => e.key !== "group_mappings" && e.key !== "UI-Scopes" && isArray(e.value) && e.value.items.length > 0 && e.value.items.every(isGrant)) : [];
}

/** Sniff: a YAML or JSON object with at least one scope (a list of `{ server, methods | tools }`), one grant of which names `methods`. */
export function isRegistryScopes(docs: readonly DocNode[]): boolean {
  return docs.length === 1 && scopeEntries(docs[0]).some((e) => isArray(e.value) && e.value.items.some((g) => get(g, "methods") !== undefined));
}

export const registryScopesAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const root = input.docs[0];
  const scopes = scopeEntries(root);
  if (!isObject(root) || scopes.length === 0) return out;
  const groups = groupsByScope(get(root, "group_mappings"));
  const toolRules: PolicyRule[] = [];
  const settings: PolicySetting[] = [];
  for (const scope of scopes) {
    const who = groups.get(scope.key) ?? [];
    const holders = who.length === 0 ? "whoever holds the scope" : `${who.length === 1 ? "group" : "groups"} ${who.map((g) => `'${g}'`).join(", ")}`;
    (scope.value as { items: readonly DocNode[] }).items.forEach((grant, i) => {
      const serverNode = get(grant, "server") as DocNode;
      const server = str(serverNode) ?? "";
      const key = `${scope.key}[${i}]`;
      const tools = get(grant, "tools");
      const list = stringList(tools);
      const calls = stringList(get(grant, "methods")).includes("tools/call");
      const allTools = calls && isArray(tools) ? tools.items.find((t) => WILDCARD.has(str(t) ?? "")) : undefined;
      const where = WILDCARD.has(server) ? "every server" : `'${server}'`;
      // One setting per wildcard grant: at the tools it opens, else at the server it widens.
      if (allTools) settings.push(permissive(`${key}.tools`, str(allTools) ?? "*", locOf(input, allTools.span), `scope '${scope.key}' lets ${holders} call every tool of ${where}`));
      else if (WILDCARD.has(server)) settings.push(permissive(`${key}.server`, server, locOf(input, serverNode.span), `scope '${scope.key}' grants its methods and tools on every MCP server behind the gateway to ${holders}`));
      for (const t of isArray(tools) ? tools.items : []) {
        const tool = str(t);
        if (tool !== undefined) toolRules.push({ effect: "allow", pattern: `${scope.key}: ${server}/${tool}`, loc: locOf(input, t.span) });
      }
      if (list.length === 0) toolRules.push({ effect: "allow", pattern: `${scope.key}: ${server} (${stringList(get(grant, "methods")).join(", ") || "no method"})`, loc: locOf(input, grant.span) });
    });
  }
  const first = scopes[0] as DocEntry;
  out.policies.push(
    gatewayPolicy(input, {
      kind: "authz",
      name: input.file.split("/").pop() ?? input.file,
      path: "scopes",
      loc: locOf(input, first.keySpan),
      defaultDecision: "deny",
      defaultReason: "the auth server denies a request no scope of the caller grants (methods, and for tools/call the tool, of that server)",
      defaultLoc: locOf(input, first.keySpan),
      toolRules,
      settings,
    }),
  );
  return out;
};

/** `group_mappings`: each scope with the groups that get it. */
function groupsByScope(mappings: DocNode | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!isObject(mappings)) return out;
  for (const e of mappings.entries) for (const scope of stringList(e.value)) out.set(scope, [...(out.get(scope) ?? []), e.key]);
  return out;
}
