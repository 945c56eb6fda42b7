/**
 * Gateways whose own environment is there for the servers they run: 1MCP expands `${VAR}` in its
 * `mcp.json` from its environment (`ONE_MCP_ENABLE_ENV_SUBSTITUTION`); TBXark's mcp-proxy expands `$VAR` / `${VAR}` in its config from its environment
 * (`-expand-env`, on by default). A token given to such a container (a Compose service, a
 * Kubernetes container) is the token of a server in that configuration, handed on: one credential
 * on its way to one workload, not a second workload holding it. Its variables of its own settings
 * (`ONE_MCP_*`) are its own.
 */
import type { Credential, McpServer } from "../types.js";
import { isOneMcp } from "./onemcp.js";

/** TBXark's mcp-proxy images (GHCR, Docker Hub). */
const TBXARK_PROXY_IMAGE = /(^|\/)tbxark\/mcp-proxy(:|@|$)/i;

/** The environment variables a relay reads for itself, or undefined when the image is no relay. */
function ownSettings(image: string): RegExp | undefined {
  if (isOneMcp(image)) return /^ONE_MCP_/;
  if (TBXARK_PROXY_IMAGE.test(image)) return /^$/;
  return undefined;
}

/** The server with its environment's credentials marked handed on, when its image is a relay gateway. */
export function withHandedOnEnv(server: McpServer, image: string): McpServer {
  const own = ownSettings(image);
  if (!own) return server;
  const mark = (c: Credential): Credential => (c.source === "env" && !own.test(c.key) ? { ...c, handedOn: true } : c);
  return { ...server, credentials: server.credentials.map(mark) };
}
