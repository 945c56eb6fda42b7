/**
 * Gateway, proxy, Kubernetes and server-side formats (agentgateway, Envoy AI
 * Gateway, ToolHive, Docker MCP, Kong, Pomerium, ContextForge, Microsoft MCP
 * Gateway, Kubernetes workloads, Smithery).
 */
import type { FormatSpec } from "./formats.js";

/** Matched by path. */
export const GATEWAY_PATH_FORMATS: FormatSpec[] = [];

/** Matched by content (YAML/JSON with generic names). */
export const GATEWAY_SNIFFED_FORMATS: FormatSpec[] = [];
