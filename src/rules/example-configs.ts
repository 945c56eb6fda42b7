/**
 * Config texts that several rules' examples vary in one place (the rule
 * docs render them whole): an agentgateway route to one MCP backend, an
 * Envoy AI Gateway MCPRoute with the EnvoyProxy that sets its telemetry, an
 * MCPRoute backend with its own security policy, a Microsoft MCP Gateway Deployment,
 * a LiteLLM proxy config with its master key from the environment and one MCP server,
 * a Kuadrant MCP gateway registration with the AuthPolicy on its Gateway.
 */

/** agentgateway `config.yaml`: one route whose `policies` hold `policy` (one YAML line), after `head` (top-level keys). */
export function agentgatewayRoute(policy: string, head = ""): string {
  return `${head}binds:
- port: 3000
  listeners:
  - routes:
    - policies:
        ${policy}
      backends: [{ mcp: { targets: [{ name: notes, mcp: { host: https://notes.acme.example/mcp } }] } }]
`;
}

/** Envoy AI Gateway: an MCPRoute to one backend, and the EnvoyProxy of its gateway with `telemetry` (YAML lines under `telemetry:`, indented four spaces). */
export function envoyMcpRoute(telemetry: string): string {
  return `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: notes }
spec:
  parentRefs: [{ name: ai-gw }]
  backendRefs: [{ name: notes, toolSelector: { include: [search_notes] } }]
---
apiVersion: gateway.envoyproxy.io/v1alpha1
kind: EnvoyProxy
metadata: { name: ai-gw }
spec:
  telemetry:
${telemetry}`;
}

/** Envoy AI Gateway: an MCPRoute whose one backend `notes` has `securityPolicy` holding `policy` (one YAML line, at line 8). */
export function envoyBackendPolicy(policy: string): string {
  return `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: notes }
spec:
  backendRefs:
  - name: notes
    securityPolicy:
      ${policy}
`;
}

/** Microsoft MCP Gateway: a Deployment of its container with `image` and ASPNETCORE_ENVIRONMENT `environment` (at line 11, column 50). */
export function msGatewayDeployment(image: string, environment: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: mcpgateway }
spec:
  template:
    spec:
      containers:
      - name: mcpgateway
        image: ${image}
        env:
        - { name: ASPNETCORE_ENVIRONMENT, value: ${environment} }
`;
}

/** LiteLLM proxy `config.yaml`: the master key from the environment and one MCP server `notes` whose last line is `setting` (line 7). */
export function litellmNotes(setting: string): string {
  return `model_list: []
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
mcp_servers:
  notes:
    url: https://notes-mcp.acme.example/mcp
    ${setting}
`;
}

/** Kuadrant MCP gateway: one MCPServerRegistration, and an AuthPolicy on the Gateway whose `spec.rules` (line 12) holds `rules` (YAML lines indented four spaces). */
export function kuadrantGateway(rules: string): string {
  return `apiVersion: mcp.kuadrant.io/v1alpha1
kind: MCPServerRegistration
metadata: { name: notes }
spec:
  targetRef: { group: gateway.networking.k8s.io, kind: HTTPRoute, name: notes-route }
---
apiVersion: kuadrant.io/v1
kind: AuthPolicy
metadata: { name: mcp-auth }
spec:
  targetRef: { group: gateway.networking.k8s.io, kind: Gateway, name: mcp-gateway }
  rules:
${rules}`;
}
