/**
 * Docker MCP gateway launched from a client entry (`docker mcp gateway run
 * ...`) or run from its image: `--log-calls` defaults to true (the gateway
 * logs each tool call); `--log-calls=false` turns it off.
 */
import type { McpServer, PolicyAudit } from "../../types.js";
import { dockerGatewayArgs } from "../docker-gateway-args.js";

export function dockerGatewayAudit(s: Pick<McpServer, "command" | "args" | "loc" | "image">): PolicyAudit | undefined {
  const args = dockerGatewayArgs(s);
  if (!args) return undefined;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i]?.raw ?? "";
    const m = /^--log-calls(?:=(.*))?$/.exec(raw);
    if (!m) continue;
    const v = (m[1] ?? (args[i + 1] && !args[i + 1]?.raw.startsWith("-") ? args[i + 1]?.raw : "true") ?? "true").toLowerCase();
    const loc = args[i]?.loc ?? s.loc;
    if (v === "false" || v === "0") return { configured: false, key: "--log-calls", loc, detail: "--log-calls=false: the gateway does not log tool calls" };
    return { configured: true, key: "--log-calls", loc, detail: "--log-calls: the gateway logs each tool call" };
  }
  return { configured: true, key: "--log-calls", loc: s.loc, detail: "--log-calls defaults to true: the gateway logs each tool call" };
}
