/**
 * Client entries and containers that run the Docker MCP gateway (catalog §20):
 * `command: docker, args: [mcp, gateway, run, ...]` (or the plugin binary
 * `docker-mcp gateway run ...`), or the gateway's own
 * image (`docker run ... docker/mcp-gateway --servers=...`, a Kubernetes
 * container of that image with its flags as `args`). The gateway's flags as
 * policy settings. Pure helpers; client adapters call them on their servers.
 */
import { imagePin, launchedPackages } from "../launcher.js";
import type { ConfigValue, McpServer, Policy, PolicySetting } from "../types.js";
import { lastPathSegment } from "../../util/path-segment.js";

/**
 * `docker/mcp-gateway` (Docker Hub, with or without the registry host): its entrypoint is `gateway run`.
 * `docker/agents_gateway` is the same build under its earlier name (docker/mcp-gateway's bake file
 * tags both; its own examples and Compose's provider plugin still run `docker/agents_gateway:v2`).
 */
const GATEWAY_IMAGE = /^(?:(?:docker\.io|index\.docker\.io)\/)?docker\/(?:mcp-gateway|agents_gateway)$/i;

type Launch = Pick<McpServer, "command" | "args"> & { readonly image?: ConfigValue | undefined };

/**
 * The gateway's own flags: what follows `mcp gateway run`, what follows the
 * `docker/mcp-gateway` image of a `docker run`, or the args of a container of
 * that image whose entrypoint is kept (no command). Undefined for other servers.
 */
export function dockerGatewayArgs(server: Launch): readonly ConfigValue[] | undefined {
  const cmd = (server.command && lastPathSegment(server.command.raw))?.replace(/\.exe$/i, "");
  const raws = server.args.map((a) => a.raw);
  if (cmd === "docker") {
    const i = raws.indexOf("mcp");
    if (i >= 0 && raws[i + 1] === "gateway" && raws[i + 2] === "run") return server.args.slice(i + 3);
  }
  // The CLI plugin's own binary (`~/.docker/cli-plugins/docker-mcp`, `/docker-mcp` in the gateway's image).
  if (cmd === "docker-mcp" && raws[0] === "gateway" && raws[1] === "run") return server.args.slice(2);
  if (!server.command) return server.image && GATEWAY_IMAGE.test(imagePin(server.image.raw).name) ? server.args : undefined;
  const at = launchedPackages(server)
    .filter((l) => l.ecosystem === "image" && GATEWAY_IMAGE.test(l.name))
    .map((l) => server.args.indexOf(l.value))
    .find((i) => i >= 0);
  return at === undefined ? undefined : server.args.slice(at + 1);
}

/** True when the server is the Docker MCP gateway (`docker mcp gateway run ...` or its image). */
export function isDockerMcpGateway(server: Launch): boolean {
  return dockerGatewayArgs(server) !== undefined;
}

interface Flag {
  readonly name: string;
  /** `--flag=value` or `--flag value` value; `undefined` for a bare boolean flag. */
  readonly value: string | undefined;
  readonly at: ConfigValue;
}

function flags(args: readonly ConfigValue[]): Flag[] {
  const out: Flag[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as ConfigValue;
    if (!a.raw.startsWith("--")) continue;
    const eq = a.raw.indexOf("=");
    if (eq > 0) {
      out.push({ name: a.raw.slice(0, eq), value: a.raw.slice(eq + 1), at: a });
      continue;
    }
    const next = args[i + 1];
    const takesValue = VALUE_FLAGS.has(a.raw);
    out.push({ name: a.raw, value: takesValue ? next?.raw : undefined, at: takesValue && next ? next : a });
    if (takesValue) i++;
  }
  return out;
}

const VALUE_FLAGS = new Set(["--tools", "--servers", "--transport", "--port", "--host", "--catalog", "--secrets", "--profile", "--interceptor", "--cpus", "--memory", "--config", "--registry", "--mcp-registry"]);

const isTrue = (v: string | undefined) => v === undefined || v === "true" || v === "1";
const isFalse = (v: string | undefined) => v === "false" || v === "0";

/** Permissive `docker mcp gateway run` flags of one client server entry. */
export function dockerGatewaySettings(server: Launch): PolicySetting[] {
  const args = dockerGatewayArgs(server);
  return args ? permissiveFlags(flags(args)) : [];
}

function permissiveFlags(parsed: readonly Flag[]): PolicySetting[] {
  const out: PolicySetting[] = [];
  const add = (f: Flag, meaning: string) => out.push({ key: f.name, value: f.value ?? "true", loc: f.at.loc, effect: "permissive", meaning });
  for (const f of parsed) {
    if (f.name === "--enable-all-servers" && isTrue(f.value)) add(f, "every server of the catalog is enabled, not a named list");
    else if (f.name === "--allow-unauthenticated" && isTrue(f.value)) add(f, "HTTP transports accept calls without the gateway bearer token");
    else if (f.name === "--verify-signatures" && isFalse(f.value)) add(f, "signatures of Docker mcp/ images are not verified");
    else if (f.name === "--block-secrets" && isFalse(f.value)) add(f, "secrets are not blocked from flowing through tool calls");
    else if (f.name === "--tools" && f.value !== undefined) {
      const wild = f.value.split(",").filter((t) => t === "*" || t.endsWith(":*"));
      if (wild.length) add(f, `every tool is enabled for ${wild.map((t) => (t === "*" ? "all servers" : `server '${t.slice(0, -2)}'`)).join(", ")}`);
    }
  }
  return out;
}

/** The gateway entry as a policy: its settings and what decides which servers run. */
export function dockerGatewayPolicy(server: McpServer): Policy | undefined {
  const args = dockerGatewayArgs(server);
  if (!args) return undefined;
  const parsed = flags(args);
  const settings = permissiveFlags(parsed);
  const all = settings.find((s) => s.key === "--enable-all-servers");
  const list = parsed.find((f) => f.name === "--servers");
  const base = { id: `${server.id}#gateway`, client: "docker-mcp", kind: "gateway" as const, name: server.name, file: server.file, loc: server.loc, toolRules: [], settings, governs: [server.id] };
  // Over a network transport the gateway asks every caller for its bearer token, unless told not to
  // (over stdio, the default, the flag changes nothing): then it fails open to whoever reaches the port.
  const unauthenticated = settings.find((s) => s.key === "--allow-unauthenticated");
  const transport = parsed.find((f) => f.name === "--transport")?.value?.toLowerCase();
  if (unauthenticated && transport !== undefined && transport !== "stdio") {
    return { ...base, defaultDecision: "allow", defaultReason: `--allow-unauthenticated with --transport=${transport} (any caller that reaches the port calls the gateway's tools without a token)`, defaultLoc: unauthenticated.loc, authn: { required: false, mode: "none", loc: unauthenticated.loc } };
  }
  // Over a network transport every caller presents the gateway's one bearer token (MCP_GATEWAY_AUTH_TOKEN, generated when unset).
  const withAuthn = transport !== undefined && transport !== "stdio" ? { ...base, authn: { required: true, mode: "bearer token (MCP_GATEWAY_AUTH_TOKEN, one for every caller)", loc: server.loc } } : base;
  if (all) return { ...withAuthn, defaultDecision: "allow", defaultReason: "--enable-all-servers is set (every catalog server is started)", defaultLoc: all.loc };
  if (list) return { ...withAuthn, defaultDecision: "deny", defaultReason: "--servers names the enabled servers (others are not started)", defaultLoc: list.at.loc };
  return { ...withAuthn, defaultDecision: "unknown", defaultReason: "no --servers flag (the enabled set comes from ~/.docker/mcp/registry.yaml)", defaultLoc: server.loc };
}
