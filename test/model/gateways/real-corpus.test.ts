/**
 * The gateway audit corpus (fixtures/gateways/real-*, real public files, sources in
 * fixtures/gateways/SOURCES.txt): every server found per file with its identity and
 * authorization verdicts, as judged by hand against each product's docs. A change here is a
 * change of judgement: check it against the product's docs before updating the table.
 * The Helm templates (real-helm) are read with their control lines set aside (parse/helm-template.ts):
 * each gives the container it runs, named as written (`{{ include ... }}`). The LiteLLM config
 * (real-litellm) sets its master key under litellm_settings, which the proxy does not read there:
 * whether it checks keys at all depends on LITELLM_MASTER_KEY in its environment (unknown).
 */
import { describe, expect, it } from "vitest";
import { scan } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { REPO_ROOT } from "../../helpers.js";

describe("real gateway, proxy and Kubernetes files (audit corpus)", () => {
  it("finds the servers each file runs, with the verdicts judged by hand, and no parse-error noise", async () => {
    const r = await scan({ paths: ["fixtures/gateways"], cwd: REPO_ROOT, lockFile: false });
    const rows: Record<string, string[]> = {};
    for (const s of r.model.servers) {
      if (!s.file.startsWith("fixtures/gateways/real-")) continue;
      const v = verdictOf(r.model, s);
      (rows[s.file.slice("fixtures/gateways/".length)] ??= []).push(`${s.client} ${s.name}: ${v.identity.value}, ${v.authorization.value}`);
    }
    expect(Object.fromEntries(Object.entries(rows).sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual({
      // 1MCP's auth switch defaults to false when its variable is unset: open to whoever reaches it.
      "real-1mcp/docker-compose.yml": ["docker-compose 1mcp: unique-workload-identity, allow-by-default"],
      // The servers of 1MCP's mcp.json hold the tokens its container passes on (no shared identity with it); the file does not say 1MCP serves them: unknown.
      "real-1mcp/mcp.json": ["unknown-client semaphore: unique-workload-identity, unknown", "unknown-client sentry: unique-workload-identity, unknown"],
      "real-agentgateway/ai-infrastructure/config.yaml": [
        "agentgateway sequential-thinking: none, allow-by-default",
        "agentgateway memory: none, allow-by-default",
        "agentgateway kapture: none, allow-by-default",
        "agentgateway photoshop: none, allow-by-default",
        "agentgateway context7: none, allow-by-default",
        "agentgateway playwright: none, allow-by-default",
        "agentgateway browser-use: none, allow-by-default",
        "agentgateway hass-mcp: none, allow-by-default",
        "agentgateway langfuse-prompts: none, allow-by-default",
      ],
      // A per-target requestHeaderModifier writes one `$GH_TOKEN` (expanded by agentgateway) for every caller.
      "real-agentgateway/cbox/config.yaml": ["agentgateway github: shared-credential, allow-by-default"],
      "real-agentgateway/mcp-authentication/config.yaml": [
        "agentgateway everything: none, allow-by-default",
        "agentgateway mcpbin: none, allow-by-default",
        "agentgateway everything: none, allow-by-default",
      ],
      "real-agentgateway/mcp-authorization/config.yaml": [
        "agentgateway mcp2: unique-workload-identity, default-deny",
      ],
      "real-agentgateway/ratelimit-mcp/config.yaml": [
        "agentgateway everything: none, default-deny",
      ],
      "real-agentgateway/security-guards/config.yaml": [
        "agentgateway github: none, allow-by-default",
        "agentgateway filesystem: none, allow-by-default",
      ],
      // HTTP `authorization` with an allow rule denies every request it does not match.
      "real-agentgateway/tutorials/config.yaml": ["agentgateway postgres: none, default-deny"],
      // A Knative Service (serving.knative.dev/v1) runs its containers as a Deployment does.
      "real-contextforge/knative/mcpgateway-knative-service.yaml": ["kubernetes mcpgateway/gateway: none, unknown"],
      "real-docker-mcp/catalogs/production-verified.yaml": [
        "docker-mcp brave-search: unique-workload-identity, unknown",
        "docker-mcp time: none, unknown",
        "docker-mcp github: unique-workload-identity, unknown",
      ],
      "real-docker-mcp/catalogs/rg-mcp-catalog.yaml": [
        "docker-mcp clickup: unique-workload-identity, unknown",
      ],
      // The Toolkit's own files: config.yaml's servers are those with paths (mounted folders), registry.yaml's the enabled ones.
      "real-docker-mcp/dotfiles/.docker/mcp/config.yaml": ["docker-mcp markdownify: none, unknown", "docker-mcp markitdown: none, unknown", "docker-mcp google-workspace-mcp: none, unknown"],
      "real-docker-mcp/dotfiles/.docker/mcp/registry.yaml": ["docker-mcp markdownify: none, unknown", "docker-mcp markitdown: none, unknown", "docker-mcp paper-search: none, unknown", "docker-mcp playwright: none, unknown"],
      "real-docker-mcp/filesystem/docker-compose.yaml": [
        "docker-compose gateway: none, default-deny",
      ],
      "real-docker-mcp/kubernetes/deployment.yaml": [
        "kubernetes mcp-gateway/gateway: none, default-deny",
        "kubernetes mcp-gateway/mcp-duckduckgo: none, unknown",
        "kubernetes mcp-gateway/mcp-fetch: none, unknown",
      ],
      "real-docker-mcp/remote_mcp/catalog.yaml": [
        "docker-mcp gitmcpmoby: none, unknown",
      ],
      "real-docker-mcp/windows-dotfiles/.docker/mcp/config.yaml": ["docker-mcp git: none, unknown", "docker-mcp filesystem: none, unknown", "docker-mcp desktop-commander: none, unknown"],
      "real-envoy-ai-gateway/mcp_aws_example.yml": [
        "envoy-ai-gateway aws-mcp-agentcore: shared-credential, allow-by-default",
        "envoy-ai-gateway aws-mcp-managed: shared-credential, allow-by-default",
      ],
      "real-envoy-ai-gateway/mcp_example.yaml": [
        "envoy-ai-gateway github: shared-credential, allow-by-default",
        "envoy-ai-gateway context7: none, allow-by-default",
        "envoy-ai-gateway kiwi: none, allow-by-default",
      ],
      "real-envoy-ai-gateway/mcp_tokenexchange_example.yaml": [
        "envoy-ai-gateway kiwi: unique-workload-identity, allow-by-default",
      ],
      // The secretKeyRef env entries (envSecrets, secretEnv) give the GitLab server a Secret of its own.
      // `value: "{{ join "," .Values.env.toolsets }}"`: Helm fills the action in before YAML reads the string.
      "real-helm/github-mcp-server/templates/deployment.yaml": ['kubernetes {{ include "github-mcp-server.fullname" . }}/{{ .Chart.Name }}: unique-workload-identity, unknown'],
      "real-helm/mcp-gitlab/templates/deployment.yaml": ['kubernetes {{ include "mcp-gitlab-helm.fullname" . }}/{{ .Chart.Name }}: unique-workload-identity, unknown'],
      "real-helm/mcp-stack/templates/deployment-mcp-fast-time-server.yaml": ['kubernetes {{ include "mcp-stack.fullname" . }}-mcp-fast-time-server/mcp-fast-time-server: none, unknown'],
      // POSTGRES_PASSWORD and REDIS_PASSWORD from the chart's Secrets.
      "real-helm/mcp-stack/templates/deployment-mcpgateway.yaml": ['kubernetes {{ include "mcp-stack.fullname" . }}-mcpgateway/mcp-context-forge: unique-workload-identity, unknown'],
      // The qdrant service beside them (container jenkins-mcp-enterprise-qdrant) runs no MCP server.
      "real-jenkins-mcp/docker-compose.mcp.yml": ["docker-compose jenkins-mcp-enterprise-server: none, unknown", "docker-compose mcp-proxy: none, unknown"],
      // A locally built server that Kubernetes never pulls (no unpinned-package for its `latest`), with no credential and nothing in front of it.
      "real-k8s/ottowikimcp/mcpserver.yaml": ["kubernetes mcpserver/mcpserver: none, unknown"],
      // An agents' mcp.json kept in a ConfigMap: the servers it lists, each with the header reference it sends (Flux's
      // `$${X}` leaves `${X}` for the client) or none; no policy in the file says what they may call.
      "real-k8s/spruyt-labs/claude-mcp-config.yaml": [
        "unknown-client context7: unique-workload-identity, unknown",
        "unknown-client discord: none, unknown",
        "unknown-client github: unique-workload-identity, unknown",
        "unknown-client homeassistant: unique-workload-identity, unknown",
        "unknown-client kubectl: none, unknown",
        "unknown-client victoriametrics: none, unknown",
        "unknown-client brave-search: none, unknown",
      ],
      "real-kong/mcp-proxy/kong.yaml": [
        "kong chucknorris-mcp-service: none, allow-by-default",
        "kong fetch-mcp-service: none, allow-by-default",
      ],
      "real-kong/mcp-registry/kong.yaml": [
        "kong registry-mcp-service: none, allow-by-default",
      ],
      "real-kong/testbed/conversion-transactions-oidc-acl.yaml": [
        "kong accounts: none, default-deny",
        "kong transactions: none, default-deny",
      ],
      "real-kong/testbed/conversion-weather.yaml": [
        "kong weather-service: shared-credential, allow-by-default",
      ],
      // The AuthPolicy on the MCP Gateway checks x-mcp-toolname against the caller's roles: calls it does not admit are denied.
      "real-kuadrant/policy-demo.yaml": [
        "kuadrant-mcp-gateway test-server1: none, default-deny",
        "kuadrant-mcp-gateway api-key-server: unique-workload-identity, default-deny",
      ],
      "real-litellm/config/config.yaml": [
        "litellm postgres_db: none, unknown",
      ],
      // TBXark's mcp-proxy: oauth2 (or authTokens) only authenticates; a toolFilter or userFilter allow list is what denies the rest.
      // The example's keys are placeholders (<YOUR_TOKEN>): no identity.
      // `${VAR}` values are references (the proxy expands them): github's token is the corpus's shared GITHUB_PERSONAL_ACCESS_TOKEN.
      "real-mcp-proxy/ahaufox/config.json": ["mcp-proxy stitch: unique-workload-identity, allow-by-default", "mcp-proxy github: shared-credential, allow-by-default", "mcp-proxy notion: unique-workload-identity, allow-by-default", "mcp-proxy jules: none, allow-by-default"],
      "real-mcp-proxy/config.example.json": ["mcp-proxy github: none, allow-by-default", "mcp-proxy fetch: none, allow-by-default", "mcp-proxy amap: none, allow-by-default"],
      "real-mcp-proxy/example_config_with_user_restrictions.json": ["mcp-proxy server1: none, default-deny", "mcp-proxy server2: none, default-deny", "mcp-proxy server3: none, allow-by-default"],
      // Its database and pgAdmin carry the project's name (container_name: mcpjungle-db) but run postgres and pgadmin4: no MCP servers.
      // SERVER_MODE and OTEL_ENABLED (`${VAR:-default}`) are settings, and the DATABASE_URL literal is no flagged secret: no identity.
      // MCPHub: enableBearerAuth unset is unknown (its default changed); one bearerAuthKey only authenticates.
      "real-mcphub/fly/mcp_settings.json": ["mcphub zulipchat: unique-workload-identity, unknown"],
      "real-mcphub/upstream/mcp_settings.json": ["mcphub amap: none, allow-by-default", "mcphub playwright: none, allow-by-default", "mcphub slack: none, allow-by-default"],
      "real-mcpjungle/docker-compose.prod.yaml": ["docker-compose mcpjungle: none, unknown"],
      "real-ms-mcp-gateway/deployment/k8s/cloud-deployment-template.yml": [
        "kubernetes mcpgateway/mcpgateway-container: unique-workload-identity, default-deny",
      ],
      "real-pomerium/mcp-app-demo/pomerium-config.yaml": [
        "pomerium https://db-mcp.YOUR-DOMAIN: none, default-deny",
      ],
      "real-pomerium/mcp-servers/pomerium-config.yaml": [
        "pomerium https://notion.YOUR-DOMAIN: unique-workload-identity, default-deny",
      ],
      "real-toolhive/examples/mcpserver-with-audit.yaml": [
        "toolhive example-server-with-audit: none, allow-by-default",
      ],
      "real-toolhive/examples/mcpserver_github.yaml": [
        "toolhive github: unique-workload-identity, allow-by-default",
      ],
      "real-toolhive/examples/vmcp_inline_backend_auth.yaml": [
        "toolhive yardstick-sse: none, allow-by-default",
        "toolhive fetch: none, allow-by-default",
      ],
      "real-toolhive/examples/vmcp_inline_incoming_auth.yaml": [
        "toolhive yardstick-sse: none, allow-by-default",
        "toolhive fetch: none, allow-by-default",
      ],
      "real-toolhive/external-auth/mcpremoteproxy_with_bearer_token.yaml": [
        "toolhive api-proxy: shared-credential, allow-by-default",
      ],
      "real-toolhive/homelab/github/mcpserver-kmcp.yaml": [
        "kagent github: none, unknown",
      ],
      "real-toolhive/homelab/github/mcpserver.yaml": [
        "toolhive github-mcp-server: unique-workload-identity, allow-by-default",
      ],
      "real-toolhive/homelab/grafana/mcpserver.yaml": [
        "toolhive grafana-mcp: none, allow-by-default",
      ],
      "real-toolhive/homelab/mkp/mcpserver.yaml": [
        "toolhive kubernetes-mcp: none, allow-by-default",
      ],
      // Unla: no router sets auth (mode oauth2), so each routed server is open to whoever reaches the gateway;
      // a server no router names (sse-with-auth) is not served at all. A credential header, or a config
      // key that every tool's header reads, is one key for every caller.
      "real-unla/amoylab/proxy-xquik-read-context.yaml": ["unla xquik-read-context: shared-credential, allow-by-default"],
      "real-unla/fork/example-streamable-http-with-headers.yaml": ["unla web-search-service: shared-credential, allow-by-default", "unla sse-with-auth: shared-credential, unknown"],
      "real-unla/fork/proxy-mcp-exp.yaml": ["unla amap-maps: unique-workload-identity, allow-by-default", "unla mock-user-sse: none, allow-by-default", "unla mock-user-mcp: none, allow-by-default"],
    });
    expect(r.findings.filter((f) => f.ruleId === "parse-error" && f.loc.file.startsWith("fixtures/gateways/real-")).map((f) => f.loc.file)).toEqual([]);
  }, 60_000);
});
