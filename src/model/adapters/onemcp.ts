/**
 * 1MCP (1mcp-app/agent): one MCP server in front of the servers of its `mcp.json`, run as a
 * container of its image (a Compose service, a Kubernetes container). Who may call it is a switch of its environment (docs: configuration
 * reference): `ONE_MCP_ENABLE_AUTH` (`--enable-auth`, off by default) puts its OAuth 2.1 server in
 * front; off, anyone who reaches its port calls every server's tools. On, a token's tag scopes
 * (`--enable-scope-validation`, on by default) decide which servers it reaches, and they are granted
 * when the token is, not in any file: unknown.
 */
import { bool, isObject } from "../../parse/doc.js";
import { locOf, type AdapterInput } from "../adapter.js";
import type { Span } from "../location.js";
import type { Policy } from "../types.js";
import { entryLoc, gatewayPolicy, permissive, switchValue, type ContainerLaunch } from "./gateway-common.js";

/** The agent's images: GitHub's registry (the documented one) and Docker Hub's. */
const ONE_MCP_IMAGE = /(^|\/)(1mcp-app\/agent|1mcp\/agent)(:|@|$)/i;

const TOKEN_SCOPES = "callers need a 1MCP OAuth token, and which servers a token reaches is decided by the tag scopes granted with it, not in this file";

export function isOneMcp(image: string): boolean {
  return ONE_MCP_IMAGE.test(image);
}

/** The agent's auth policy. */
export function oneMcpPolicy(input: AdapterInput, launch: ContainerLaunch, anchor: Span, name: string, path: string, serverId: string): Policy {
  const loc = locOf(input, anchor);
  const base = { kind: "gateway" as const, name, path: `${path}#1mcp`, loc, governs: [serverId] };
  // `--enable-auth` (or `--enable-auth=true`) on the command line, which the environment does not override off.
  const flag = launch.args.find((a) => a.raw === "--enable-auth" || a.raw === "--enable-auth=true");
  if (flag) return gatewayPolicy(input, { ...base, defaultDecision: "unknown", defaultReason: `--enable-auth: ${TOKEN_SCOPES}`, defaultLoc: flag.loc, authn: { required: true, mode: "oauth", loc: flag.loc } });
  const auth = launch.env("ONE_MCP_ENABLE_AUTH");
  // A Compose `${VAR:-false}` is false whenever VAR is unset (switchValue).
  const on = auth && (bool(auth.value) !== undefined ? { value: String(bool(auth.value)), unset: "" } : switchValue(input, auth));
  const value = on?.value.trim().toLowerCase();
  if (auth && value === "true") {
    const at = entryLoc(input, auth);
    return gatewayPolicy(input, { ...base, defaultDecision: "unknown", defaultReason: `ONE_MCP_ENABLE_AUTH is true: ${TOKEN_SCOPES}`, defaultLoc: at, authn: { required: true, mode: "oauth", loc: at } });
  }
  if (auth && value !== "false") {
    const what = on ? `is ${on.value}` : isObject(auth.value) ? "comes from a Secret or a ConfigMap" : "is not a literal";
    return gatewayPolicy(input, { ...base, defaultDecision: "unknown", defaultReason: `ONE_MCP_ENABLE_AUTH ${what}: whether 1MCP asks callers for a token depends on its value when it starts`, defaultLoc: entryLoc(input, auth) });
  }
  if (!auth && launch.moreEnv) return gatewayPolicy(input, { ...base, defaultDecision: "unknown", defaultReason: `ONE_MCP_ENABLE_AUTH is not set here, and 1MCP also reads ${launch.moreEnv}: whether it asks callers for a token depends on it`, defaultLoc: loc });
  const at = auth ? entryLoc(input, auth) : loc;
  const why = auth ? `ONE_MCP_ENABLE_AUTH is false${on?.unset ?? ""}` : "ONE_MCP_ENABLE_AUTH is not set (1MCP's authentication is off by default)";
  return gatewayPolicy(input, {
    ...base,
    defaultDecision: "allow",
    defaultReason: `${why}: anyone who reaches 1MCP may call every server's tools`,
    defaultLoc: at,
    settings: auth ? [permissive("ONE_MCP_ENABLE_AUTH", `false${on?.unset ?? ""}`, at, "1MCP serves every caller with no token")] : [],
    authn: { required: false, mode: "none", loc: at },
  });
}
