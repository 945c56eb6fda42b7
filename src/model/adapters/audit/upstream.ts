/**
 * Who the upstream sees (`McpServer.upstreamIdentity`): one static key for
 * every caller, or the caller's own credential.
 * - agentgateway `backendAuth.key` (one key) vs `backendAuth.passthrough`;
 * - Envoy AI Gateway backend `securityPolicy.apiKey` (one key for the backend) vs
 *   `securityPolicy.tokenExchange` and `forwardHeaders`;
 * - LibreChat `apiKey.source: admin` (one key for every user) vs `user`.
 */
import { entry, get, str, type DocNode } from "../../../parse/doc.js";
import { locOf } from "../../adapter.js";
import type { UpstreamIdentity } from "../../types.js";
import type { Where } from "./common.js";

/** `policies` node of an agentgateway route or backend. */
export function agentgatewayUpstream(where: Where, policies: DocNode | undefined): UpstreamIdentity | undefined {
  const auth = entry(policies, "backendAuth");
  if (!auth) return undefined;
  const key = entry(auth.value, "key");
  if (key) return { kind: "shared-static", key: "backendAuth.key", loc: locOf(where, key.keySpan), detail: "backendAuth.key sends one static key upstream for every caller" };
  const pass = entry(auth.value, "passthrough");
  if (pass) return { kind: "per-caller", key: "backendAuth.passthrough", loc: locOf(where, pass.keySpan), detail: "the caller's own token is passed upstream" };
  return undefined;
}

/**
 * One `backendRefs[]` item of an Envoy AI Gateway MCPRoute: `securityPolicy.apiKey`
 * is one key for every caller, and so is `securityPolicy.awsCredentials` in its default mode
 * (every request signed with the gateway's own AWS identity, `examples/mcp/mcp_aws_example.yml`); `securityPolicy.tokenExchange` (RFC 8693) trades
 * the caller's token for one the backend accepts, and `forwardHeaders` passes
 * the caller's own headers on (`api/v1beta1/mcp_route.go`).
 */
export function envoyBackendUpstream(where: Where, backendRef: DocNode | undefined): UpstreamIdentity | undefined {
  const policy = get(backendRef, "securityPolicy");
  const apiKey = entry(policy, "apiKey");
  if (apiKey) return { kind: "shared-static", key: "securityPolicy.apiKey", loc: locOf(where, apiKey.keySpan), detail: "the backend apiKey is one static key for every caller" };
  // SigV4 signing for backends behind AWS IAM: `mode` defaults to ServiceIdentity, the gateway's own AWS
  // identity (default credential chain or `credentialsFile`); another mode may carry the caller's, so it says nothing.
  const aws = entry(policy, "awsCredentials");
  const mode = str(get(aws?.value, "mode"));
  if (aws && (mode === undefined || /^ServiceIdent/i.test(mode))) {
    return { kind: "shared-static", key: "securityPolicy.awsCredentials", loc: locOf(where, aws.keySpan), detail: "awsCredentials signs every call with one AWS identity, the gateway's own (SigV4)", via: "aws-signing" };
  }
  const exchange = entry(policy, "tokenExchange");
  if (exchange) return { kind: "per-caller", key: "securityPolicy.tokenExchange", loc: locOf(where, exchange.keySpan), detail: "the caller's token is exchanged for a backend token (on behalf of the caller)" };
  const forward = entry(backendRef, "forwardHeaders");
  if (forward) return { kind: "per-caller", key: "forwardHeaders", loc: locOf(where, forward.keySpan), detail: "the caller's own headers are forwarded to the backend" };
  return undefined;
}

/** One LibreChat `mcpServers.<name>` entry. */
export function librechatUpstream(where: Where, server: DocNode | undefined): UpstreamIdentity | undefined {
  const source = entry(get(server, "apiKey"), "source");
  const v = str(source?.value)?.toLowerCase();
  if (!source || !v) return undefined;
  const loc = locOf(where, source.value.span);
  if (v === "admin") return { kind: "shared-static", key: "apiKey.source", loc, detail: "apiKey.source: admin sends one admin-provided key for every user" };
  if (v === "user") return { kind: "per-caller", key: "apiKey.source", loc, detail: "apiKey.source: user: each user supplies their own key" };
  return undefined;
}
