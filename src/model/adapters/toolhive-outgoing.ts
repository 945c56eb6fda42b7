/**
 * How a ToolHive gateway authenticates to a backend MCPServer: the credential
 * it sends and who the backend sees (`McpServer.upstreamIdentity`).
 *
 * - `MCPServer.spec.externalAuthConfigRef` names an MCPExternalAuthConfig
 *   (`tokenExchange` acts for the caller; `headerInjection` and `bearerToken`
 *   send one value from a Secret for every caller).
 * - `VirtualMCPServer.spec.outgoingAuth` (the CRD form) and
 *   `spec.config.outgoingAuth` (the embedded vMCP config; the CRD form wins):
 *   `backends.<name>`, else `default`, is a strategy. `source: discovered`
 *   (the default) uses a backend's own externalAuthConfigRef where it has one,
 *   so `default` only covers backends without it; `source: inline` applies
 *   `default` to every backend without a `backends` entry. Strategies:
 *   `external_auth_config_ref` (a reference), `service_account` (a Secret key,
 *   one for all callers) and `pass_through` (the caller's token) in the CRD;
 *   `header_injection` (`headerValue` written in the file, or
 *   `headerValueEnv`), `token_exchange` (`clientSecret` written in the file,
 *   or `clientSecretEnv`) and `upstream_inject` in the vMCP config.
 */
import { entry, get, str, type DocEntry, type DocNode } from "../../parse/doc.js";
import { locOf, type AdapterInput } from "../adapter.js";
import type { Loc } from "../location.js";
import type { Credential, UpstreamIdentity } from "../types.js";
import { refCredential, scalarCredential } from "./gateway-common.js";

type Meaning = { readonly kind: UpstreamIdentity["kind"]; readonly detail: string };

/** Upstream identity by MCPExternalAuthConfig type: token exchange acts for the caller; an injected header or bearer token is one for all. */
const EXTERNAL_AUTH_UPSTREAM: Readonly<Record<string, Meaning>> = {
  tokenExchange: { kind: "per-caller", detail: "the caller's token is exchanged for an upstream token (MCPExternalAuthConfig type tokenExchange)" },
  headerInjection: { kind: "shared-static", detail: "one header value from a Secret is injected for every caller (MCPExternalAuthConfig type headerInjection)" },
  bearerToken: { kind: "shared-static", detail: "one bearer token from a Secret is sent for every caller (MCPExternalAuthConfig type bearerToken)" },
};

/** What one gateway setting says about the calls that reach a backend. */
export interface BackendAuth {
  readonly credentials: readonly Credential[];
  readonly upstream?: UpstreamIdentity;
}

const NONE: BackendAuth = { credentials: [] };

/**
 * A reference to the MCPExternalAuthConfig `name` (written at `loc` under `key`): a credential by
 * reference, and who the upstream sees when that resource is in the same file (`types`).
 */
export function externalAuthRef(name: string, key: string, loc: Loc, types: ReadonlyMap<string, string>): BackendAuth {
  const cred = refCredential(key, { kind: "secretStore", name: `MCPExternalAuthConfig/${name}` }, loc, "header");
  const meaning = EXTERNAL_AUTH_UPSTREAM[types.get(name) ?? ""];
  return { credentials: [cred], ...(meaning ? { upstream: { kind: meaning.kind, key, loc, detail: meaning.detail } } : {}) };
}

/** The strategy a VirtualMCPServer spec applies to `backend`, with the key path as written. */
function chosenStrategy(spec: DocNode | undefined, backend: string, ownAuth: boolean): { key: string; entry: DocEntry } | undefined {
  const crd = entry(spec, "outgoingAuth");
  const embedded = entry(get(spec, "config"), "outgoingAuth");
  const outgoing = crd ?? embedded;
  if (!outgoing) return undefined;
  const prefix = crd ? "spec.outgoingAuth" : "spec.config.outgoingAuth";
  const explicit = entry(get(outgoing.value, "backends"), backend);
  if (explicit) return { key: `${prefix}.backends.${backend}`, entry: explicit };
  const fallback = entry(outgoing.value, "default");
  const source = str(get(outgoing.value, "source")) ?? "discovered";
  return fallback && (source === "inline" || !ownAuth) ? { key: `${prefix}.default`, entry: fallback } : undefined;
}

/** A literal (written in the file) or an environment variable name, whichever the strategy sets. */
function literalOrEnv(input: AdapterInput, name: string, node: DocNode | undefined, literalKey: string, envKey: string): Credential[] {
  const literal = entry(node, literalKey);
  const cred = literal ? scalarCredential(input, name, literal.value, "header", literal.keySpan) : undefined;
  if (cred) return [cred];
  const env = entry(node, envKey);
  const envName = str(env?.value);
  return env && envName ? [refCredential(name, { kind: "env", name: envName }, locOf(input, env.value.span), "header")] : [];
}

/**
 * How the VirtualMCPServer whose spec is `spec` authenticates to its backend `backend` (an
 * MCPServer of its group); `ownAuth` when that MCPServer sets its own externalAuthConfigRef.
 */
export function vmcpBackendAuth(input: AdapterInput, spec: DocNode | undefined, backend: string, ownAuth: boolean, types: ReadonlyMap<string, string>): BackendAuth {
  const chosen = chosenStrategy(spec, backend, ownAuth);
  if (!chosen) return NONE;
  const { key } = chosen;
  const node = chosen.entry.value;
  const loc = locOf(input, chosen.entry.keySpan);
  const upstream = (kind: UpstreamIdentity["kind"], detail: string): UpstreamIdentity => ({ kind, key, loc, detail });
  switch (str(get(node, "type"))) {
    case "external_auth_config_ref": {
      const ref = entry(node, "externalAuthConfigRef");
      const name = str(get(ref?.value, "name"));
      return ref && name !== undefined ? externalAuthRef(name, `${key}.externalAuthConfigRef`, locOf(input, ref.keySpan), types) : NONE;
    }
    case "service_account": {
      const sa = get(node, "serviceAccount");
      const secret = entry(sa, "credentialsRef");
      const ref = `${str(get(secret?.value, "name")) ?? "?"}/${str(get(secret?.value, "key")) ?? "?"}`;
      const header = str(get(sa, "headerName")) ?? "Authorization";
      const credentials = secret ? [refCredential(header, { kind: "secretStore", name: ref }, locOf(input, secret.keySpan), "header")] : [];
      return { credentials, upstream: upstream("shared-static", `one service-account credential (Secret ${ref}) is sent for every caller (outgoingAuth type service_account)`) };
    }
    case "pass_through":
      return { credentials: [], upstream: upstream("per-caller", "the caller's own token is passed to the backend (outgoingAuth type pass_through)") };
    case "header_injection": {
      const hi = get(node, "headerInjection");
      const credentials = literalOrEnv(input, str(get(hi, "headerName")) ?? "header", hi, "headerValue", "headerValueEnv");
      return { credentials, upstream: upstream("shared-static", "one header value is injected for every caller (outgoingAuth type header_injection)") };
    }
    case "token_exchange": {
      const te = get(node, "tokenExchange");
      const credentials = literalOrEnv(input, "clientSecret", te, "clientSecret", "clientSecretEnv");
      return { credentials, upstream: upstream("per-caller", "the caller's token is exchanged for a backend token (outgoingAuth type token_exchange)") };
    }
    case "upstream_inject":
      return { credentials: [], upstream: upstream("per-caller", "the caller's upstream identity-provider token is injected (outgoingAuth type upstream_inject)") };
    default:
      return NONE;
  }
}
