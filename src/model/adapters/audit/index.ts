/** Audit derivers, one per product, for the gateway adapters to call. */
export { agentgatewayAudit } from "./agentgateway.js";
export { toolhiveAudit } from "./toolhive.js";
export { kongAudit, kongPlugins, KONG_LOGGING_PLUGINS } from "./kong.js";
export { contextforgeAudit } from "./contextforge.js";
export { envoyAudit } from "./envoy.js";
export { dockerGatewayAudit } from "./docker-mcp.js";
export { agentgatewayUpstream, envoyBackendUpstream, librechatUpstream } from "./upstream.js";
