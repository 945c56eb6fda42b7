/**
 * Docker Compose files (`compose.yaml`, `docker-compose.yml` and their
 * `*.override` / `docker-compose.<env>.yml` variants; other names by
 * content, isComposeFile) that run MCP servers and gateways as services. A service whose name, image or launch line
 * mentions MCP becomes a container server: `entrypoint` is the command (as a
 * Kubernetes container's `command`), `command` its arguments (as `args`), so
 * that a `docker/mcp-gateway` service keeps its image's entrypoint and its
 * flags are the gateway's (docker-gateway-args.ts, as for a Kubernetes
 * container of that image). `environment` (map or `KEY=value` list) holds
 * literals or `${VAR}` interpolations; a bare `KEY` passes the host's
 * variable through; `env_file` and service `secrets` are references. A
 * ContextForge, Microsoft MCP Gateway or 1MCP service is also a gateway policy
 * read from its environment switches (contextforge.ts, ms-mcp-gateway.ts, onemcp.ts). Other services (databases, caches) are not modelled.
 * A file of several YAML documents is one Compose model: every document's services are read.
 */
import { entry, get, isArray, isObject, str, bool, type DocEntry, type DocNode, type DocObject } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import type { Span } from "../location.js";
import { imagePin } from "../launcher.js";
import { classifyValue } from "../refs.js";
import { argFacts, isBroadPath, isCredentialFolder, namedValues, value } from "../server-entry.js";
import type { AdapterOutput, ConfigValue, Credential, Policy, ServerFact } from "../types.js";
import { contextforgeAudit } from "./audit/index.js";
import { CONTEXTFORGE_KEY, containerSwitches, isContextforgeContainer } from "./contextforge.js";
import { gatewayPolicy, gatewayServer, listValues, namesMcp, neverPulled, refCredential } from "./gateway-common.js";
import { isMsGateway, msGatewayPolicy } from "./ms-mcp-gateway.js";
import { inspectorPolicy, isMcpInspector } from "./mcp-inspector.js";
import { composeListeners } from "./compose-ports.js";
import { dockerGatewayPolicy } from "./docker-gateway-args.js";
import { isOneMcp, oneMcpPolicy } from "./onemcp.js";
import { withHandedOnEnv } from "./relay-env.js";

/**
 * The services of every YAML document of the file. Compose (compose-go since 2023) reads a file of
 * several `---` documents as one model, merging the documents in order as it merges `-f` files.
 */
function services(docs: readonly DocNode[]): DocEntry[] {
  return docs.flatMap((d) => {
    const s = get(d, "services");
    return isObject(s) ? s.entries.filter((e) => isObject(e.value)) : [];
  });
}

/**
 * The services as Compose runs them: a service defined again in a later document is merged into
 * the first definition (and keeps its place) by the Compose specification's merge rules: maps are
 * merged key by key (`environment` by variable, whether written as a map or a list), lists are
 * appended (`volumes` by container path, the later mount replacing one at the same path), and
 * `command`, `entrypoint` and single values are replaced. Every value keeps its own span.
 */
function mergedServices(input: Pick<AdapterInput, "text">, docs: readonly DocNode[]): DocEntry[] {
  const byName = new Map<string, DocEntry>();
  for (const e of services(docs)) {
    const first = byName.get(e.key);
    byName.set(e.key, first ? { ...first, value: mergeMaps(input, first.value as DocObject, e.value as DocObject) } : e);
  }
  return [...byName.values()];
}

/** Service keys whose later value replaces the earlier one, list or not (compose-spec, merge: shell commands). */
const REPLACED_KEYS = new Set(["command", "entrypoint", "test"]);

function mergeMaps(input: Pick<AdapterInput, "text">, base: DocObject, over: DocObject): DocObject {
  const merged = base.entries.map((x) => {
    const y = over.entries.find((o) => o.key === x.key);
    return y ? { ...y, value: mergeValue(input, x.key, x.value, y.value) } : x;
  });
  return { ...base, entries: [...merged, ...over.entries.filter((y) => !base.entries.some((x) => x.key === y.key))] };
}

function mergeValue(input: Pick<AdapterInput, "text">, key: string, a: DocNode, b: DocNode): DocNode {
  if (REPLACED_KEYS.has(key)) return b;
  if (key === "environment") {
    const ea = environment(input, a);
    const eb = environment(input, b);
    return ea && eb ? mergeMaps(input, ea, eb) : b;
  }
  if (isObject(a) && isObject(b)) return mergeMaps(input, a, b);
  // `env_file: a.env` is the list `[a.env]`.
  if (key === "env_file" && !isObject(a) && !isObject(b)) return mergeValue(input, "", asList(a), asList(b));
  if (isArray(a) && isArray(b)) {
    const kept = key === "volumes" ? a.items.filter((x) => !b.items.some((y) => volumeTarget(y) !== undefined && volumeTarget(y) === volumeTarget(x))) : a.items;
    return { ...b, items: [...kept, ...b.items] };
  }
  return b;
}

const asList = (n: DocNode): DocNode => (isArray(n) ? n : { type: "array", span: n.span, items: [n] });

/** A volume's container path: `target` of the long form, the second part of `host:container[:mode]`. */
function volumeTarget(n: DocNode): string | undefined {
  if (isObject(n)) return str(get(n, "target"));
  const parts = (str(n) ?? "").replace(/^[A-Za-z]:(?=[\\/])/, "").split(":");
  return parts.length === 1 ? parts[0] || undefined : parts[1];
}

/**
 * A service whose name, container name, image, build context or launch line mentions MCP; not one
 * that runs a database, cache, proxy or monitoring image with no MCP in its launch line (infraImage).
 */
function isMcpService(e: DocEntry): boolean {
  const svc = e.value;
  const build = get(svc, "build");
  const launch = [...launchTexts(get(svc, "entrypoint")), ...launchTexts(get(svc, "command"))];
  if (infraImage(str(get(svc, "image"))) && !launch.some(namesMcp)) return false;
  const texts = [e.key, str(get(svc, "container_name")), str(get(svc, "image")), str(build), str(get(build, "context")), ...launch];
  return texts.some(namesMcp) || envKeys(svc).some((k) => CONTEXTFORGE_KEY.test(k));
}

/** The databases (vector stores among them), caches, proxies, model runners and monitoring tools that run beside MCP servers, by image name. */
const INFRA_IMAGE = /^(?:postgres|postgis|mysql|mariadb|mongo|redis|valkey|memcached|pgadmin4?|pgbouncer|adminer|nginx|traefik|caddy|haproxy|prometheus|grafana|loki|tempo|jaeger|minio|rabbitmq|kafka|zookeeper|elasticsearch|opensearch|keycloak|clickhouse|qdrant|chroma(?:db)?|weaviate|milvus|neo4j|etcd|influxdb|ollama)(?:[-_.]|$)/i;

/**
 * Does the image (`postgres:latest`, `${PG_IMAGE:-postgres:17}`, `mcpgateway/nginx-cache`) run
 * one of INFRA_IMAGE's programs? A project's name in the service's container name (`mcpjungle-db`)
 * or in the image's namespace makes no database an MCP server. Not when the image's own name says
 * MCP (`postgres-mcp`) or it is in Docker's `mcp/` catalog namespace (`mcp/postgres`, an MCP server).
 */
function infraImage(image: string | undefined): boolean {
  if (image === undefined) return false;
  const spec = /^\$\{\w+:?-(.*)\}$/.exec(image.trim())?.[1] ?? image.trim();
  const path = imagePin(spec).name.toLowerCase().split("/");
  const name = path[path.length - 1] ?? "";
  return INFRA_IMAGE.test(name) && !namesMcp(name) && path[path.length - 2] !== "mcp";
}

function launchTexts(n: DocNode | undefined): (string | undefined)[] {
  return isArray(n) ? n.items.map(str) : [str(n)];
}

/** The variable names of a service's `environment` (map or `KEY=value` list). */
function envKeys(svc: DocNode): string[] {
  const env = get(svc, "environment");
  if (isObject(env)) return env.entries.map((e) => e.key);
  return isArray(env) ? env.items.map((i) => (str(i) ?? "").split("=")[0]?.trim() ?? "") : [];
}

/** Sniff: a Compose file with at least one MCP service. */
export function isComposeMcp(docs: readonly DocNode[]): boolean {
  return services(docs).some(isMcpService);
}

/** The Compose specification's top-level elements; `x-` keys are its extensions. */
const COMPOSE_TOP_LEVEL = new Set(["version", "name", "services", "networks", "volumes", "configs", "secrets", "include", "models"]);

/**
 * A Compose file by its content, whatever its name (`deploy/mcp.yml`,
 * `mcp-compose.yml`): every top-level key is a Compose element or an `x-`
 * extension (so no workflow, manifest, OpenAPI document or Helm values file),
 * `services` is a map of service maps, none with a non-string `image` (Helm's
 * `image: { repository, tag }`), and at least one runs an `image` or a `build`.
 */
export function isComposeFile(docs: readonly DocNode[]): boolean {
  // Every document of a multi-document file must be Compose's (an empty one, `---` at the top, says nothing).
  const real = docs.filter((d) => d.type !== "null");
  if (!real.length || !real.every(isComposeDocument)) return false;
  return services(real).some((e) => get(e.value, "image") !== undefined || get(e.value, "build") !== undefined);
}

function isComposeDocument(d: DocNode): boolean {
  if (!isObject(d) || !d.entries.every((e) => COMPOSE_TOP_LEVEL.has(e.key) || e.key.startsWith("x-"))) return false;
  const s = get(d, "services");
  if (s === undefined) return true;
  if (!isObject(s) || !s.entries.length || !s.entries.every((e) => isObject(e.value))) return false;
  return s.entries.every((e) => {
    const image = get(e.value, "image");
    return image === undefined || str(image) !== undefined;
  });
}

/** Sniff for Compose files with other names: a Compose file (by content) with at least one MCP service. */
export function isSniffedComposeMcp(docs: readonly DocNode[]): boolean {
  return isComposeFile(docs) && isComposeMcp(docs);
}

/**
 * A part of a string node as its own node, placed where its text sits in the
 * source: at `start` when the source spells the value as is (after an opening
 * quote), else (folded or block scalars, escapes) at the first occurrence of
 * the part's text inside the node from about `start`; the whole node when it
 * cannot be found.
 */
function part(input: Pick<AdapterInput, "text">, node: DocNode, start: number, end: number, text: string): DocNode {
  const raw = str(node) ?? "";
  const src = input.text.slice(node.span.start, node.span.end);
  const quoted = src.length === raw.length + 2 && (src[0] === '"' || src[0] === "'") && src.slice(1, -1) === raw;
  const written = raw.slice(start, end);
  let at = src === raw ? start : quoted ? start + 1 : -1;
  if (at < 0 && written) at = src.indexOf(written, Math.min(start, src.length));
  if (at < 0 && written) at = src.indexOf(written);
  const span: Span = at < 0 ? node.span : { start: node.span.start + at, end: node.span.start + at + written.length };
  return { type: "string", span, value: text };
}

/**
 * `environment:` as a map node: the map form as written, the list form
 * (`- KEY=value`, `- KEY`) with each key and value placed inside its item. A
 * bare `KEY` (or `KEY:` with no value) has a null value: the host's variable.
 */
function environment(input: Pick<AdapterInput, "text">, n: DocNode | undefined): DocObject | undefined {
  if (isObject(n)) return n;
  if (!isArray(n)) return undefined;
  const entries: DocEntry[] = [];
  for (const item of n.items) {
    const s = str(item);
    if (s === undefined) continue;
    const eq = s.indexOf("=");
    const key = (eq < 0 ? s : s.slice(0, eq)).trim();
    if (!key) continue;
    const keySpan = part(input, item, 0, eq < 0 ? s.length : eq, key).span;
    const v: DocNode = eq < 0 ? { type: "null", span: keySpan, value: null } : part(input, item, eq + 1, s.length, s.slice(eq + 1));
    entries.push({ key, keySpan, value: v });
  }
  return { type: "object", span: n.span, entries };
}

/**
 * `command:` / `entrypoint:` as argument values: a list as written, a string
 * split as Compose splits it (whitespace outside quotes; no shell runs).
 */
function launchValues(input: AdapterInput, n: DocNode | undefined): ConfigValue[] {
  if (isArray(n)) return listValues(input, n);
  const s = str(n);
  if (s === undefined || !n) return [];
  const out: ConfigValue[] = [];
  // A word: quoted runs, `${...}` interpolations (interpolated before the split) and other non-blanks.
  const re = /(?:"[^"]*"|'[^']*'|\$\{[^{}]*\}|[^\s"'])+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const raw = m[0].replace(/"([^"]*)"|'([^']*)'/g, (_, d: string | undefined, q: string | undefined) => d ?? q ?? "");
    const c = classifyValue(raw, input.syntaxes);
    out.push({ raw, ref: c.ref, ...(c.unexpanded ? { unexpanded: c.unexpanded } : {}), loc: locOf(input, part(input, n, m.index, m.index + m[0].length, raw).span) });
  }
  return out;
}

/** Host paths whose bind mount hands the container the machine: `/`, a home folder, a folder of credentials. */
function volumeFacts(input: AdapterInput, n: DocNode | undefined): ServerFact[] {
  if (!isArray(n)) return [];
  const facts: ServerFact[] = [];
  for (const item of n.items) {
    const long = isObject(item) ? entry(item, "source") : undefined;
    const node = long ? long.value : item;
    const spec = str(node);
    if (spec === undefined || (isObject(item) && (str(get(item, "type")) ?? "bind") !== "bind")) continue;
    const host = long ? spec : (spec.split(":")[0] ?? "");
    const loc = locOf(input, node.span);
    if (isBroadPath(host)) facts.push({ kind: "host-mount", detail: `host mount of ${host}`, loc });
    else if (isCredentialFolder(host)) facts.push({ kind: "host-mount", detail: `host mount of ${host} (a folder of credentials)`, loc });
  }
  return facts;
}

function runtimeFacts(input: AdapterInput, name: string, svc: DocNode, args: readonly ConfigValue[]): ServerFact[] {
  const facts: ServerFact[] = [...argFacts(args)];
  const priv = entry(svc, "privileged");
  if (priv && bool(priv.value) === true) facts.push({ kind: "privileged", detail: `service '${name}' runs privileged`, loc: locOf(input, priv.value.span) });
  const user = entry(svc, "user");
  if (user && /^(root|0)(:|$)/.test(str(user.value) ?? "")) facts.push({ kind: "privileged", detail: `service '${name}' runs as root (user: ${str(user.value)})`, loc: locOf(input, user.value.span) });
  const net = entry(svc, "network_mode");
  if (net && str(net.value) === "host") facts.push({ kind: "host-network", detail: `service '${name}' uses network_mode: host`, loc: locOf(input, net.value.span) });
  facts.push(...volumeFacts(input, get(svc, "volumes")));
  return facts;
}

/** `env_file:` (a path, a list of paths, or `{ path, required }` items) and service `secrets:` as references. */
function referenceCredentials(input: AdapterInput, svc: DocNode): Credential[] {
  const out: Credential[] = [];
  const files = get(svc, "env_file");
  for (const f of isArray(files) ? files.items : files ? [files] : []) {
    const node = isObject(f) ? get(f, "path") : f;
    const path = str(node);
    if (node && path) out.push(refCredential("env_file", { kind: "file", path }, locOf(input, node.span), "env"));
  }
  const secrets = get(svc, "secrets");
  for (const s of isArray(secrets) ? secrets.items : []) {
    const node = isObject(s) ? get(s, "source") : s;
    const name = str(node);
    if (node && name) out.push(refCredential(`secrets:${name}`, { kind: "secretStore", name }, locOf(input, node.span), "env"));
  }
  return out;
}

function readService(input: AdapterInput, e: DocEntry): AdapterOutput {
  const out = emptyOutput();
  const svc = e.value;
  const entrypoint = launchValues(input, get(svc, "entrypoint"));
  const command = launchValues(input, get(svc, "command"));
  // Without an entrypoint, a command that starts with a program (`npx -y ...`, `python server.py`)
  // runs it (the usual base images' entrypoints exec it); one of flags is the image entrypoint's arguments.
  const launch = entrypoint.length ? entrypoint : command[0] && !command[0].raw.startsWith("-") ? command : [];
  const args = entrypoint.length ? [...entrypoint.slice(1), ...command] : launch.length ? command.slice(1) : command;
  const envNode = environment(input, get(svc, "environment"));
  const passthrough = (envNode?.entries ?? []).filter((x) => x.value.type === "null").map((x) => refCredential(x.key, { kind: "env", name: x.key }, locOf(input, x.keySpan), "env"));
  const image = value(input, get(svc, "image"));
  // An image written `${IMAGE:-name}` is that name unless the variable is set.
  const imageName = image?.ref.kind === "env" && image.ref.default !== undefined ? image.ref.default : (image?.raw ?? "");
  const path = `services.${e.key}`;
  const built = gatewayServer(input, {
    name: e.key,
    path,
    nameSpan: e.keySpan,
    transport: "container",
    image,
    imageNeverPulled: neverPulled(input, entry(svc, "pull_policy"), "never"),
    command: launch[0],
    args,
    env: namedValues(input, envNode),
    credentials: [...passthrough, ...referenceCredentials(input, svc)],
    facts: runtimeFacts(input, e.key, svc, args),
  });
  const server = withHandedOnEnv(built, imageName);
  out.servers.push(server);
  if (isContextforgeContainer(imageName, envKeys(svc))) {
    const where = { ...input, client: "contextforge" };
    const anchor = locOf(input, e.keySpan);
    out.policies.push(gatewayPolicy(where, { kind: "gateway", name: e.key, path: `${path}#contextforge`, loc: anchor, ...containerSwitches(where, envNode, get(svc, "env_file") !== undefined ? "an env_file" : undefined, anchor), governs: [server.id], audit: envNode ? contextforgeAudit(input, envNode) : undefined }));
  }
  // The Microsoft MCP Gateway: its auth policy from the same environment switches as a Kubernetes container of it.
  if (isMsGateway(imageName, envKeys(svc))) {
    const p = msGatewayPolicy({ ...input, client: "ms-mcp-gateway" }, (key) => envNode?.entries.find((x) => x.key === key), e.keySpan, e.key, path, server.id);
    if (p) out.policies.push(p);
  }
  const launchOf = { env: (key: string) => envNode?.entries.find((x) => x.key === key), args, moreEnv: get(svc, "env_file") !== undefined ? "an env_file" : undefined };
  // 1MCP: its OAuth switch decides whether callers need a token at all.
  if (isOneMcp(imageName)) out.policies.push(oneMcpPolicy({ ...input, client: "1mcp" }, launchOf, e.keySpan, e.key, path, server.id));
  // The MCP Inspector: DANGEROUSLY_OMIT_AUTH switches its session token off.
  if (isMcpInspector(imageName, [...launch, ...args])) {
    const p = inspectorPolicy({ ...input, client: "mcp-inspector" }, launchOf, e.keySpan, e.key, path, server.id);
    if (p) out.policies.push(p);
  }
  return out;
}

export const composeAdapter: Adapter = (input) => {
  const out = emptyOutput();
  for (const e of mergedServices(input, input.docs)) {
    if (!isMcpService(e)) continue;
    const o = readService(input, e);
    out.servers.push(...o.servers);
    // The service's ports are where its gateway takes calls (a Docker MCP gateway's policy is made here for that).
    const listens = composeListeners(input, e.key, e.value);
    const policies = [...o.policies, ...o.servers.map(dockerGatewayPolicy).filter((p): p is Policy => p !== undefined)];
    out.policies.push(...(listens.length ? policies.map((p) => ({ ...p, listens })) : policies));
  }
  return out;
};
