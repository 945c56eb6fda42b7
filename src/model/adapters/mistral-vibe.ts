/**
 * Mistral Vibe (mistralai/mistral-vibe, vibe/core/config/models.py): `[[mcp_servers]]` in `~/.vibe/config.toml`
 * (VIBE_HOME moves it) or a trusted project's `.vibe/config.toml`. Each entry has a `name` and a `transport`
 * (`stdio`, `http`, `streamable-http`). A remote entry's `auth` is static (`headers`, and `api_key_env`: the
 * variable whose token is sent in `api_key_header`, Authorization by default) or OAuth (`type = "oauth"`); the
 * legacy form writes the static keys beside `url`.
 */
import { entry, get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import { locOf, type Adapter, type AdapterInput } from "../adapter.js";
import { namedValues } from "../server-entry.js";
import type { Credential, McpServer } from "../types.js";
import { serversFromList } from "./server-maps.js";

export const mistralVibeAdapter: Adapter = (input) => {
  const servers = input.docs.flatMap((d) => {
    const list = get(d, "mcp_servers");
    const items = isArray(list) ? list.items : [];
    return serversFromList(input, list, "mcp_servers").map((s, i) => withVibeAuth(input, s, items[i]));
  });
  return { servers, policies: [], diagnostics: [] };
};

/** The server with its `auth` block read as Vibe reads it (a static block is headers, not OAuth settings). */
function withVibeAuth(input: AdapterInput, s: McpServer, item: DocNode | undefined): McpServer {
  if (!item) return s;
  const auth = get(item, "auth");
  const block = isObject(auth) ? auth : item; // the legacy keys sit on the entry itself
  const isStatic = !isObject(auth) || (str(get(auth, "type")) ?? "static") === "static";
  if (!isStatic) return s;
  const headers = block === item ? [] : namedValues(input, get(block, "headers"));
  const credentials: Credential[] = [...s.credentials.filter((c) => !(c.key === "auth" && c.source === "oauth")), ...headers.map((v) => ({ ...v, source: "header" as const }))];
  const keyEnv = entry(block, "api_key_env");
  const name = str(keyEnv?.value);
  if (keyEnv && name) {
    const header = str(get(block, "api_key_header")) ?? "Authorization";
    credentials.push({ source: "header", key: header, raw: "", ref: { kind: "env", name }, loc: locOf(input, keyEnv.value.span), keyLoc: locOf(input, keyEnv.keySpan) });
  }
  return { ...s, headers: [...s.headers, ...headers], credentials };
}
