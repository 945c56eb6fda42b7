/**
 * Config texts that several rules' examples vary in one place (the rule
 * docs render them whole): an agentgateway route to one MCP backend.
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
