/**
 * Cline enterprise remote configuration (recognised by content): the
 * `allowedMCPServers` allowlist (by server id, that is by name),
 * `mcpMarketplaceEnabled`, `blockPersonalRemoteMCPServers` and the pushed
 * `remoteMCPServers`.
 */
import { entry, get, isArray, str, type DocNode } from "../../../parse/doc.js";
import type { Adapter } from "../../adapter.js";
import { PolicyDraft } from "./common.js";

const CLIENT = "cline";

/** Does a parsed JSON document look like a Cline enterprise remote config? */
export function isClineRemoteConfig(docs: readonly DocNode[]): boolean {
  return docs.some((d) => ["allowedMCPServers", "remoteMCPServers", "mcpMarketplaceEnabled", "blockPersonalRemoteMCPServers"].some((k) => entry(d, k) !== undefined));
}

export const clineRemoteConfigAdapter: Adapter = (input) => {
  const policies = input.docs.map((doc) => {
    const d = new PolicyDraft(input, "managed");
    const market = entry(doc, "mcpMarketplaceEnabled");
    if (market && str(market.value) === "false") d.setting("mcpMarketplaceEnabled", market.value, "restrictive", "users cannot install servers from the marketplace");
    const block = entry(doc, "blockPersonalRemoteMCPServers");
    if (block && str(block.value) === "true") d.setting("blockPersonalRemoteMCPServers", block.value, "restrictive", "users cannot add their own remote servers");
    const mitigated = str(market?.value) === "false" && str(block?.value) === "true";
    const allowed = entry(doc, "allowedMCPServers");
    if (!allowed || !isArray(allowed.value)) {
      d.setDefault("allow", "no `allowedMCPServers`: users may add any server");
    } else {
      d.setDefault("deny", "only servers listed in `allowedMCPServers` may run", d.loc(allowed.value));
      for (const item of allowed.value.items) {
        const id = get(item, "id");
        const name = str(id);
        if (!id || name === undefined) continue;
        d.allow("name", name, id);
        if (!mitigated) d.setting("allowedMCPServers", id, "permissive", `allows server '${name}' by id, that is by name only; any server can take that name, so pair it with \`mcpMarketplaceEnabled: false\` and \`blockPersonalRemoteMCPServers: true\``);
      }
    }
    return d.build(CLIENT);
  });
  return { servers: [], policies, diagnostics: [] };
};
