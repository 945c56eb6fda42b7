/**
 * Docker MCP Toolkit catalogs (catalog §20): `registry: { <server>: entry }`
 * in `~/.docker/mcp/catalogs/*.yaml` (and custom catalogs). Entries run as
 * containers (`image`) or are remotes (`remote.url`, or the deprecated
 * `sseEndpoint` that catalogs still carry). Secrets are named and
 * resolved by Docker Desktop: references, never values. Network egress is
 * open unless `disableNetwork` or `allowHosts` narrows it.
 * `~/.docker/mcp/registry.yaml` (same `registry:` key) lists the enabled
 * servers by name (`ref`, `config`): each is a server of the model.
 */
import { entry, get, isArray, isObject, str, bool, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import { isBroadPath, namedValues, value } from "../server-entry.js";
import type { Credential, McpServer, ServerFact, Transport } from "../types.js";
import { gatewayServer, listValues, refCredential } from "./gateway-common.js";

/** Sniff: a `registry` map whose entries carry `image`, `remote` or `sseEndpoint`. */
export function isDockerCatalog(docs: readonly DocNode[]): boolean {
  const reg = get(docs[0], "registry");
  return isObject(reg) && reg.entries.some((e) => get(e.value, "image") !== undefined || isObject(get(e.value, "remote")) || str(get(e.value, "sseEndpoint")) !== undefined);
}

export const dockerCatalogAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const reg = get(input.docs[0], "registry");
  if (!isObject(reg)) return out;
  const enabledList = isRegistryFile(input.file);
  for (const e of reg.entries) {
    const s = catalogEntry(input, e.key, e.keySpan, e.value) ?? (enabledList ? enabledServer(input, e.key, e.keySpan) : undefined);
    if (s) out.servers.push(s);
  }
  return out;
};

/** `~/.docker/mcp/registry.yaml`: the Toolkit's enabled servers, `{ <server>: { ref, config } }`. */
function isRegistryFile(file: string): boolean {
  return file === ".docker/mcp/registry.yaml" || file.endsWith("/.docker/mcp/registry.yaml");
}

/**
 * An enabled server of registry.yaml: its name only (its image, remote URL
 * and secrets are in the catalog entry of that name), run by the gateway as a container.
 */
function enabledServer(input: AdapterInput, name: string, nameSpan: { start: number; end: number }): McpServer {
  return gatewayServer(input, { name, path: `registry.${name}`, nameSpan, transport: "container" });
}

function catalogEntry(input: AdapterInput, name: string, nameSpan: { start: number; end: number }, n: DocNode): McpServer | undefined {
  const image = value(input, get(n, "image"));
  const remote = get(n, "remote");
  // `sseEndpoint: https://...` is the older spelling of a remote SSE server (still read by the gateway).
  const sse = isObject(remote) ? undefined : value(input, get(n, "sseEndpoint"));
  if (!image && !isObject(remote) && !sse) return undefined;
  const credentials: Credential[] = [];
  const secrets = get(n, "secrets");
  if (isArray(secrets)) {
    for (const s of secrets.items) {
      const secret = str(get(s, "name"));
      if (secret) credentials.push(refCredential(str(get(s, "env")) ?? secret, { kind: "secretStore", name: secret }, locOf(input, s.span), "env"));
    }
  }
  const args = listValues(input, get(n, "command"));
  const facts: ServerFact[] = [];
  if (image) {
    const disable = entry(n, "disableNetwork");
    const hosts = get(n, "allowHosts");
    if (!(disable && bool(disable.value) === true) && !isArray(hosts)) facts.push({ kind: "egress-open", detail: "no disableNetwork or allowHosts: the container can reach any host", loc: locOf(input, nameSpan) });
    const vols = get(n, "volumes");
    if (isArray(vols)) {
      for (const v of vols.items) {
        const host = (str(v) ?? "").split(":")[0] ?? "";
        if (isBroadPath(host)) facts.push({ kind: "host-mount", detail: `host mount of ${host}`, loc: locOf(input, v.span) });
      }
    }
  }
  const t = str(get(remote, "transport_type"));
  const transport: Transport = sse ? "sse" : !isObject(remote) ? "container" : t === "sse" ? "sse" : "http";
  return gatewayServer(input, {
    name,
    path: `registry.${name}`,
    nameSpan,
    transport,
    image,
    args,
    url: sse ?? value(input, get(remote, "url")),
    env: namedValues(input, get(n, "env")),
    headers: namedValues(input, get(remote, "headers")),
    credentials,
    include: toolNames(get(n, "tools")),
    facts,
  });
}

function toolNames(n: DocNode | undefined): string[] | undefined {
  if (!isArray(n)) return undefined;
  return n.items.map((t) => str(get(t, "name"))).filter((x): x is string => x !== undefined);
}

/**
 * `~/.docker/mcp/config.yaml`: each server's configuration values, `{ <server>: { <field>: value } }`,
 * which the catalog's templates fill in. A server's `paths` are the host folders the gateway mounts
 * into its container (the catalog's `volumes: ['{{<server>.paths|volume|into}}']`, as filesystem,
 * git, desktop-commander and markitdown do): each entry with `paths` is a server of the model, and a
 * path that is the file system's root, a drive or a home folder a `host-mount` fact.
 */
export const dockerConfigAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  if (!isObject(d)) return out;
  for (const e of d.entries) {
    const paths = get(e.value, "paths");
    if (!isArray(paths)) continue;
    const facts: ServerFact[] = [];
    for (const p of paths.items) {
      const host = str(p);
      if (host !== undefined && isBroadPath(host)) facts.push({ kind: "host-mount", detail: `config.yaml mounts ${host} into the container (paths)`, loc: locOf(input, p.span) });
    }
    out.servers.push(gatewayServer(input, { name: e.key, path: `${e.key}.paths`, nameSpan: e.keySpan, transport: "container", facts }));
  }
  return out;
};
