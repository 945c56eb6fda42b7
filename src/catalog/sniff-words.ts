/**
 * Per content-sniffed format (SNIFFED_FORMATS, by id), words of which every
 * text that the format's `sniffText` accepts contains one, ASCII case aside.
 * The keyword pass (secrets/text-prefilter.ts) looks for all of them in its
 * one pass over each file (`mentions.sniff`): a JSON or YAML file with none
 * of them is no sniffed format, and its text tests (regexes over the whole
 * text, ~6 ms per MB of JSON) do not run. A leaf module, so that the keyword
 * pass need not load the formats; a test checks that each list holds for its
 * format's test.
 */
export const SNIFF_WORDS: Readonly<Record<string, readonly string[]>> = {
  "cline-remote-config": ["allowedmcpservers", "remotemcpservers", "mcpmarketplaceenabled"],
  "goose-recipe-sniffed": ["extensions"],
  "docker-cagent": ["toolsets"],
  "kubernetes-mcp": ["kind"],
  "docker-compose-sniffed": ["mcp", "modelcontextprotocol"],
  agentgateway: ["binds", "mcp"],
  "kong-deck": ["ai-mcp-proxy"],
  litellm: ["mcp_servers"],
  unla: ["routers"],
  "tbxark-mcp-proxy": ['"mcpproxy"'],
  mcphub: ['"mcpservers"'],
  pomerium: ["routes"],
  "toolhive-authz": ["cedarv1", "httpv1"],
  "toolhive-permission-profile": ['"network"', '"read"', '"write"', '"privileged"'],
  "docker-mcp-catalog-file": ["registry"],
  "contextforge-helm": ["mcpcontextforge"],
  "ms-mcp-gateway-adapter": ['"imagename"'],
  "mcp-gateway-registry-scopes": ["methods"],
  "mcp-servers-map": ["mcpservers"],
};
