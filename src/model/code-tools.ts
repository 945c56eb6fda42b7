/**
 * Joins tools declared in one code file to the server of another that serves
 * them (CodeLinks.toolClasses and toolHosts): a NestJS module's
 * `McpModule.forRoot` serves the `@Tool` methods of the provider classes it
 * lists, which usually sit in files of their own, and `McpModule.forFeature`
 * adds classes to the server of a name. A class a server names but no scanned
 * file declares adds nothing.
 *
 * Pure: servers and links in, servers out.
 */
import { mountedAs, mountKeys, type FileLinks } from "./code-links.js";
import type { McpServer, RegisteredTool } from "./types.js";

export function linkTools(servers: readonly McpServer[], files: readonly FileLinks[]): McpServer[] {
  const declared = new Map<string, readonly RegisteredTool[]>();
  for (const f of files) for (const c of f.links.toolClasses ?? []) declared.set(`${mountedAs(f.file)}#${c.name}`, c.tools);
  if (declared.size === 0) return [...servers];
  const added = new Map<string, RegisteredTool[]>();
  for (const f of files) {
    for (const host of f.links.toolHosts ?? []) {
      const tools = host.classes.flatMap((c) => mountKeys(c).map((k) => declared.get(`${k}#${c.name}`)).find((t) => t !== undefined) ?? []);
      if (tools.length === 0) continue;
      const ids = host.server !== undefined ? [host.server] : servers.filter((s) => s.name === host.serverName && s.registeredTools !== undefined).map((s) => s.id);
      for (const id of ids) added.set(id, [...(added.get(id) ?? []), ...tools]);
    }
  }
  return servers.map((s) => {
    const more = added.get(s.id);
    if (!more) return s;
    const own = s.registeredTools ?? [];
    const seen = new Set(own.map(key));
    const fresh = more.filter((t) => !seen.has(key(t)) && (seen.add(key(t)), true));
    return { ...s, registeredTools: [...own, ...fresh] };
  });
}

const key = (t: RegisteredTool) => `${t.name}\u0000${t.loc.file}:${t.loc.line}:${t.loc.column}`;
