/**
 * The credentials a Kong AI MCP Proxy plugin sends to its upstream API in the
 * conversion modes (`conversion-listener`, `conversion-only`): each tool's
 * upstream request carries the plugin's own `query` parameters and `headers`
 * (maps of a name to a list of values), the same for every caller.
 */
import { entry, get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import { isCredentialParam } from "../../secrets/keys.js";
import { locOf, type AdapterInput } from "../adapter.js";
import { credentialReference, namesCredential } from "../credential-identity.js";
import { value } from "../server-entry.js";
import type { Credential, UpstreamIdentity } from "../types.js";

/** Modes in which the plugin calls the upstream API itself with each tool's configured request. */
const CONVERSION_MODES: ReadonlySet<string> = new Set(["conversion-listener", "conversion-only"]);

export interface ToolCredential {
  readonly tool: string;
  readonly credential: Credential;
}

/**
 * A header is a credential by its name (`Authorization`, `X-Api-Key`) or by the secret-named
 * variable its value takes (`${{ env "DECK_NOTES_TOKEN" }}`). A query parameter is one by a URL
 * credential name (`api_key`, `key`, `sig`), or judged as an env value of its name would be.
 */
function carriesCredential(c: Credential, name: string): boolean {
  if (c.source === "header") return namesCredential(c);
  return (isCredentialParam(name) && namesCredential(c)) || namesCredential({ ...c, key: name, source: "env" });
}

/** `query` / `headers` of one tool: every value that carries a credential, keyed `Authorization` or `query.api_key`. */
function requestCredentials(input: AdapterInput, tool: DocNode): Credential[] {
  const out: Credential[] = [];
  // In the order the file writes them.
  const parts = isObject(tool) ? tool.entries.filter((p) => p.key === "headers" || p.key === "query") : [];
  for (const { key: part, value: map } of parts) {
    if (!isObject(map)) continue;
    for (const e of map.entries) {
      const items = isArray(e.value) ? e.value.items : [e.value];
      for (const item of items) {
        const v = value(input, item);
        if (!v) continue;
        const c: Credential = part === "headers" ? { ...v, key: e.key, keyLoc: locOf(input, e.keySpan), source: "header" } : { ...v, key: `query.${e.key}`, keyLoc: locOf(input, e.keySpan), source: "setting" };
        if (carriesCredential(c, e.key)) out.push(c);
      }
    }
  }
  return out;
}

/** The upstream credentials of a plugin's tools in a conversion mode (none in the listener modes: they call no API). */
export function kongToolCredentials(input: AdapterInput, plugin: DocNode, label: (tool: DocNode, index: number) => string): ToolCredential[] {
  const config = get(plugin, "config");
  if (!CONVERSION_MODES.has(str(get(config, "mode")) ?? "")) return [];
  const tools = entry(config, "tools")?.value;
  if (!isArray(tools)) return [];
  return tools.items.flatMap((t, i) => requestCredentials(input, t).map((credential) => ({ tool: label(t, i), credential })));
}

/** What a credential is, whatever slot it sits in: the reference it makes (`env:DECK_WEATHER_KEY`), else its text. */
const sameness = (c: Credential): string => credentialReference(c) ?? `literal:${c.raw}`;

/**
 * Who the upstream sees: the plugin's configured key, one for every caller of the MCP server.
 * Named by the first such credential, with every tool that sends the same one (in any slot).
 */
export function kongToolUpstream(found: readonly ToolCredential[]): UpstreamIdentity | undefined {
  const first = found[0];
  if (!first) return undefined;
  const c = first.credential;
  const tools = [...new Set(found.filter((x) => sameness(x.credential) === sameness(c)).map((x) => x.tool))];
  const what = c.source === "header" ? `header ${c.key}` : `query parameter ${c.key.slice("query.".length)}`;
  return { kind: "shared-static", key: c.key, loc: c.loc, detail: `${what} of tool${tools.length > 1 ? "s" : ""} ${tools.join(", ")} sends one configured key upstream for every caller` };
}
