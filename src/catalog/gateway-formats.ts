/**
 * Gateway, proxy, Kubernetes and server-side formats (agentgateway, Envoy AI
 * Gateway, ToolHive, Docker MCP, Kong, Pomerium, ContextForge, Microsoft MCP
 * Gateway, LiteLLM proxy, Unla, TBXark mcp-proxy, MCPHub, MCP Gateway Registry scopes, Kubernetes workloads, Docker Compose
 * services, Smithery).
 */
import type { RefSyntax } from "../model/refs.js";
import { agentgatewayAdapter, isAgentgatewayConfig } from "../model/adapters/agentgateway.js";
import { contextforgeEnvAdapter, contextforgeValuesAdapter, CONTEXTFORGE_ENV_TEXT, isContextforgeValues } from "../model/adapters/contextforge.js";
import { composeAdapter, isComposeMcp, isSniffedComposeMcp } from "../model/adapters/compose.js";
import { dockerCatalogAdapter, dockerConfigAdapter, isDockerCatalog } from "../model/adapters/docker-mcp.js";
import { isKongMcpConfig, kongAdapter } from "../model/adapters/kong.js";
import { isLiteLLMConfig, litellmAdapter } from "../model/adapters/litellm.js";
import { isMcpHubSettings, mcpHubAdapter } from "../model/adapters/mcphub.js";
import { NAMES_MCP } from "../model/adapters/gateway-common.js";
import { isMcpManifest, kubernetesManifestsAdapter } from "../model/adapters/kubernetes.js";
import { isUnlaConfig, unlaAdapter } from "../model/adapters/unla.js";
import { isRegistryScopes, registryScopesAdapter } from "../model/adapters/mcp-gateway-registry-scopes.js";
import { isTbxarkProxyConfig, tbxarkProxyAdapter } from "../model/adapters/tbxark-mcp-proxy.js";
import { isMsAdapterJson, isMsGatewaySettings, msAdaptersAdapter, msAppSettingsAdapter } from "../model/adapters/ms-mcp-gateway.js";
import { isPomeriumConfig, pomeriumAdapter } from "../model/adapters/pomerium.js";
import { smitheryAdapter } from "../model/adapters/smithery.js";
import { isCedarAuthzConfig, isPermissionProfile, toolhiveCedarAdapter, toolhiveProfileAdapter } from "../model/adapters/toolhive.js";
import type { FormatSpec } from "./formats.js";
import { allOf, keyText, type TextTest } from "./text-tests.js";

const none: readonly RefSyntax[] = [];
/** `${VAR}` is Helm/envsubst pre-processing. */
const templated: readonly RefSyntax[] = ["dollar-brace"];
/** Compose interpolates `$VAR`, `${VAR}` and the shell's `${VAR:-d}` / `${VAR-d}` / `${VAR:?err}` / `${VAR:+alt}` forms (`$$` is a literal `$`). */
const compose: readonly RefSyntax[] = [...templated, "shell-brace", "dollar"];
/**
 * Kubernetes also expands `$(VAR)` from the container's own env in env values, command and args. A
 * manifest may be a Helm chart template: its `{{ .Values.x }}` actions are filled when the chart is rendered.
 */
const kubernetes: readonly RefSyntax[] = [...templated, "k8s-paren", "go-template"];
/** decK fills `${{ env "DECK_X" }}` from its environment before reading the file; Kong resolves `{vault://env/x}` from a vault. */
const kong: readonly RefSyntax[] = ["deck-env", "kong-vault"];
/** LiteLLM's proxy reads a value that is `os.environ/NAME` from its environment; it expands no `${VAR}`. */
const litellm: readonly RefSyntax[] = ["litellm-env"];
/**
 * TBXark's mcp-proxy expands `$VAR` and `${VAR}` from its environment when it loads the file
 * (`-expand-env`, on by default since the flag was added; earlier releases and `-expand-env=false`
 * read the text as written, which the file cannot show).
 */
const mcpProxy: readonly RefSyntax[] = ["dollar-brace", "dollar"];
/** MCPHub expands `${VAR}` and `$VAR` in its settings from its environment (`replaceEnvVars`). */
const mcpHub: readonly RefSyntax[] = ["dollar-brace", "dollar"];
/**
 * agentgateway runs its whole configuration file through a shell-style expansion (`shellexpand::full`)
 * before parsing it: `$VAR`, `${VAR}` and `${VAR:-default}` are filled from its environment, and its
 * docs write upstream keys so (`backendAuth: { key: "$SERVICE_A_API_KEY" }`).
 */
const agentgateway: readonly RefSyntax[] = ["dollar-brace", "dollar"];
/** Unla renders its values as Go templates when it uses them: `{{ env "NAME" }}` reads its environment, other actions its own data (`{{.Config.X}}`). */
const unla: readonly RefSyntax[] = ["go-env", "go-template"];

/** The kinds the Kubernetes reader models; a `Service` only from Knative (`serving.knative.dev`), whose Services run containers. */
const KUBERNETES_KIND = /kind["']?\s*:\s*["']?(Deployment|StatefulSet|DaemonSet|ReplicaSet|Pod|Job|CronJob|MCPRoute|MCPServer|RemoteMCPServer|MCPRemoteProxy|VirtualMCPServer|(?:Enterprise)?Agentgateway(?:Backend|Policy)|Backend|MCPServerRegistration|MCPGatewayExtension|AuthPolicy|AuthConfig)\b/;
const KNATIVE_SERVICE = /kind["']?\s*:\s*["']?Service\b/;
const KUBERNETES_KINDS: TextTest = { test: (text) => KUBERNETES_KIND.test(text) || (text.includes("serving.knative.dev") && KNATIVE_SERVICE.test(text)) };

/** A top-level `services:` key (YAML at the start of a line, or a JSON key). */
const SERVICES_KEY = /^["']?services["']?\s*:|"services"\s*:/m;

/** Matched by path. */
export const GATEWAY_PATH_FORMATS: FormatSpec[] = [
  { id: "docker-mcp-catalog", client: "docker-mcp", title: "Docker MCP Toolkit catalog", syntax: "yaml", globs: ["**/.docker/mcp/catalogs/*.yaml", "**/.docker/mcp/catalogs/*.yml", "**/.docker/mcp/registry.yaml"], scope: "gateway", syntaxes: ["mustache", "dollar-brace"], adapter: dockerCatalogAdapter },
  // The Toolkit's per-server configuration values (the host folders a server's `paths` mount, among them).
  { id: "docker-mcp-config", client: "docker-mcp", title: "Docker MCP Toolkit server configuration", syntax: "yaml", globs: ["**/.docker/mcp/config.yaml"], scope: "gateway", syntaxes: none, adapter: dockerConfigAdapter },
  { id: "smithery", client: "smithery", title: "Smithery server config", syntax: "yaml", globs: ["**/smithery.yaml", "**/smithery.yml"], scope: "project", syntaxes: none, adapter: smitheryAdapter },
  {
    id: "ms-mcp-gateway-appsettings",
    client: "ms-mcp-gateway",
    title: "Microsoft MCP Gateway appsettings",
    syntax: "jsonc",
    globs: ["**/appsettings.json", "**/appsettings.*.json"],
    sniffText: /"(AzureAd|BypassEntra)"/,
    sniff: isMsGatewaySettings,
    scope: "gateway",
    syntaxes: none,
    adapter: msAppSettingsAdapter,
  },
  // Claimed only when a service runs MCP (the text names it, then `sniff` on the services): other Compose files stay plain text.
  {
    id: "docker-compose",
    client: "docker-compose",
    title: "Docker Compose services running MCP servers and gateways",
    syntax: "yaml",
    globs: ["**/compose.yaml", "**/compose.yml", "**/compose.*.yaml", "**/compose.*.yml", "**/docker-compose*.yml", "**/docker-compose*.yaml"],
    sniffText: NAMES_MCP,
    sniff: isComposeMcp,
    scope: "gateway",
    syntaxes: compose,
    adapter: composeAdapter,
  },
  { id: "contextforge-env", client: "contextforge", title: "IBM ContextForge .env", syntax: "dotenv", globs: ["**/.env", "**/.env.*"], sniffText: CONTEXTFORGE_ENV_TEXT, scope: "gateway", syntaxes: templated, adapter: contextforgeEnvAdapter },
];

/** Matched by content (YAML/JSON with generic names). Order: most specific first. */
export const GATEWAY_SNIFFED_FORMATS: FormatSpec[] = [
  { id: "kubernetes-mcp", client: "kubernetes", title: "Kubernetes manifests running MCP (workloads and Knative Services, MCPRoute, ToolHive and kagent MCPServer, kagent RemoteMCPServer, MCPRemoteProxy, VirtualMCPServer, agentgateway backends and policies, Kuadrant MCP gateway registrations with their AuthPolicy or AuthConfig)", syntax: "yaml", globs: [], sniffText: KUBERNETES_KINDS, sniff: isMcpManifest, scope: "gateway", syntaxes: kubernetes, adapter: kubernetesManifestsAdapter, rendersTemplates: "helm" },
  // Compose files with other names (`deploy/mcp.yml`, `mcp-compose.yml`): a `services:` key and MCP in the text, then Compose's top-level keys only (isComposeFile).
  {
    id: "docker-compose-sniffed",
    client: "docker-compose",
    title: "Docker Compose services running MCP servers and gateways (other file names)",
    syntax: "yaml",
    globs: [],
    sniffText: { test: (text) => SERVICES_KEY.test(text) && NAMES_MCP.test(text) },
    sniff: isSniffedComposeMcp,
    scope: "gateway",
    syntaxes: compose,
    adapter: composeAdapter,
  },
  { id: "agentgateway", client: "agentgateway", title: "agentgateway config", syntax: "yaml", globs: [], sniffText: keyText("binds|mcp"), sniff: isAgentgatewayConfig, scope: "gateway", syntaxes: agentgateway, adapter: agentgatewayAdapter },
  { id: "kong-deck", client: "kong", title: "Kong decK config with ai-mcp-proxy", syntax: "yaml", globs: [], sniffText: /ai-mcp-proxy/, sniff: isKongMcpConfig, scope: "gateway", syntaxes: kong, adapter: kongAdapter, rendersTemplates: "deck" },
  // A LiteLLM proxy config: `mcp_servers:` beside `model_list`, `litellm_settings`, `general_settings` or `router_settings`.
  { id: "litellm", client: "litellm", title: "LiteLLM proxy config with mcp_servers", syntax: "yaml", globs: [], sniffText: allOf(keyText("mcp_servers"), keyText("model_list|litellm_settings|general_settings|router_settings")), sniff: isLiteLLMConfig, scope: "gateway", syntaxes: litellm, adapter: litellmAdapter },
  // An Unla MCP configuration: `routers` (server, prefix) beside `servers` or `mcpServers`.
  { id: "unla", client: "unla", title: "Unla MCP gateway configuration", syntax: "yaml", globs: [], sniffText: allOf(keyText("routers"), keyText("servers|mcpServers")), sniff: isUnlaConfig, scope: "gateway", syntaxes: unla, adapter: unlaAdapter },
  // TBXark's mcp-proxy: `mcpProxy` beside `mcpServers`.
  { id: "tbxark-mcp-proxy", client: "mcp-proxy", title: "TBXark mcp-proxy config", syntax: "json", globs: [], sniffText: allOf(keyText('"mcpProxy"'), keyText('"mcpServers"')), sniff: isTbxarkProxyConfig, scope: "gateway", syntaxes: mcpProxy, adapter: tbxarkProxyAdapter },
  // MCPHub's `mcp_settings.json` (any name): `mcpServers` beside its `systemConfig.routing`, `bearerKeys` or `users`.
  { id: "mcphub", client: "mcphub", title: "MCPHub settings (mcp_settings.json)", syntax: "json", globs: [], sniffText: allOf(keyText('"mcpServers"'), keyText('"systemConfig"|"bearerKeys"|"users"')), sniff: isMcpHubSettings, scope: "gateway", syntaxes: mcpHub, adapter: mcpHubAdapter },
  { id: "pomerium", client: "pomerium", title: "Pomerium routes with mcp", syntax: "yaml", globs: [], sniffText: allOf(keyText("routes"), keyText("mcp")), sniff: isPomeriumConfig, scope: "gateway", syntaxes: none, adapter: pomeriumAdapter },
  { id: "toolhive-authz", client: "toolhive", title: "ToolHive authz config (Cedar or HTTP PDP)", syntax: "yaml", globs: [], sniffText: /cedarv1|httpv1/, sniff: isCedarAuthzConfig, scope: "gateway", syntaxes: none, adapter: toolhiveCedarAdapter },
  { id: "toolhive-permission-profile", client: "toolhive", title: "ToolHive permission profile", syntax: "json", globs: [], sniffText: allOf(/^\s*\{\s*"(?:\$schema|name|read|write|network|privileged)"\s*:/, /"(network|read|write|privileged)"\s*:/), sniff: isPermissionProfile, scope: "gateway", syntaxes: none, adapter: toolhiveProfileAdapter },
  { id: "docker-mcp-catalog-file", client: "docker-mcp", title: "Docker MCP catalog", syntax: "yaml", globs: [], sniffText: allOf(keyText("registry"), keyText("image|remote|sseEndpoint")), sniff: isDockerCatalog, scope: "gateway", syntaxes: ["mustache", "dollar-brace"], adapter: dockerCatalogAdapter },
  { id: "contextforge-helm", client: "contextforge", title: "IBM ContextForge Helm values (mcp-stack)", syntax: "yaml", globs: [], sniffText: keyText("mcpContextForge"), sniff: isContextforgeValues, scope: "gateway", syntaxes: templated, adapter: contextforgeValuesAdapter },
  // The MCP Gateway Registry's scope file (agentic-community, `auth_server/scopes.yml`): scopes granting servers' methods and tools, `group_mappings` of IdP groups to scopes.
  { id: "mcp-gateway-registry-scopes", client: "mcp-gateway-registry", title: "MCP Gateway Registry scopes (group to server to tool grants)", syntax: "yaml", globs: [], sniffText: allOf(keyText("methods"), keyText("server")), sniff: isRegistryScopes, scope: "gateway", syntaxes: none, adapter: registryScopesAdapter },
  { id: "ms-mcp-gateway-adapter", client: "ms-mcp-gateway", title: "Microsoft MCP Gateway adapter registration", syntax: "json", globs: [], sniffText: /"imageName"\s*:/, sniff: isMsAdapterJson, scope: "gateway", syntaxes: none, adapter: msAdaptersAdapter },
];
