/**
 * Client entries that launch the Docker MCP gateway (`command: docker,
 * args: [mcp, gateway, run, ...]`, catalog §20): the gateway's flags as
 * policy settings. Pure helpers; client adapters call them on their servers.
 */
import type { ConfigValue, McpServer, Policy, PolicySetting } from "../types.js";

/** True when the server is `docker mcp gateway run ...`. */
export function isDockerMcpGateway(server: Pick<McpServer, "command" | "args">): boolean {
  const cmd = server.command?.raw.replace(/\\/g, "/").split("/").pop()?.replace(/\.exe$/i, "");
  if (cmd !== "docker") return false;
  const raws = server.args.map((a) => a.raw);
  const i = raws.indexOf("mcp");
  return i >= 0 && raws[i + 1] === "gateway" && raws[i + 2] === "run";
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
export function dockerGatewaySettings(server: Pick<McpServer, "command" | "args">): PolicySetting[] {
  if (!isDockerMcpGateway(server)) return [];
  const out: PolicySetting[] = [];
  const add = (f: Flag, meaning: string) => out.push({ key: f.name, value: f.value ?? "true", loc: f.at.loc, effect: "permissive", meaning });
  for (const f of flags(server.args)) {
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
  if (!isDockerMcpGateway(server)) return undefined;
  const settings = dockerGatewaySettings(server);
  const all = settings.find((s) => s.key === "--enable-all-servers");
  const list = flags(server.args).find((f) => f.name === "--servers");
  const base = { id: `${server.id}#gateway`, client: "docker-mcp", kind: "gateway" as const, name: server.name, file: server.file, loc: server.loc, toolRules: [], settings, governs: [server.id] };
  if (all) return { ...base, defaultDecision: "allow", defaultReason: "--enable-all-servers is set (every catalog server is started)", defaultLoc: all.loc };
  if (list) return { ...base, defaultDecision: "deny", defaultReason: "--servers names the enabled servers (others are not started)", defaultLoc: list.at.loc };
  return { ...base, defaultDecision: "unknown", defaultReason: "no --servers flag (the enabled set comes from ~/.docker/mcp/registry.yaml)", defaultLoc: server.loc };
}
