/**
 * Microsoft MCP Gateway (catalog §23): `appsettings*.json` (Entra ID on or
 * bypassed), adapter registrations (`POST /adapters` JSON) and Kubernetes
 * or Compose deployments of the gateway (`ASPNETCORE_ENVIRONMENT=Development` turns on
 * header-based dev auth). Per the gateway code, an adapter with empty
 * `requiredRoles` is readable by its creator and `mcp.admin` only.
 */
import { entry, get, isArray, isObject, str, bool, type DocEntry, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter, type AdapterInput } from "../adapter.js";
import type { Span } from "../location.js";
import { namedValues, value } from "../server-entry.js";
import type { ConfigValue, Policy, PolicySetting } from "../types.js";
import { entryLoc, gatewayPolicy, gatewayServer, kubeEnvEntry, permissive, stringList, switchValue } from "./gateway-common.js";

const DOTNET_ENV = /^(ASPNETCORE_|DOTNET_|AzureAd__|Authentication__)/;

/**
 * The gateway itself, by its image (which names mcpgateway / mcp-gateway) and
 * its environment's variable names (it is configured like an ASP.NET app).
 */
export function isMsGateway(image: string, envNames: readonly string[]): boolean {
  return /mcp-?gateway/i.test(image) && envNames.some((k) => DOTNET_ENV.test(k));
}

/**
 * A Kubernetes container of the gateway, by its image or, where the image is a deploy-time
 * variable (`image: ${GATEWAY_IMAGE}` in the gateway's own cloud-deployment-template.yml), its name.
 */
export function isMsGatewayContainer(c: DocNode): boolean {
  const env = get(c, "env");
  const names = isArray(env) ? env.items.map((i) => str(get(i, "name")) ?? "") : [];
  return [str(get(c, "image")), str(get(c, "name"))].some((label) => isMsGateway(label ?? "", names));
}

/** A Kubernetes container's auth policy: its `env` list, anchored at the container's name. */
export function msGatewayWorkloadPolicy(input: AdapterInput, c: DocNode, name: string, path: string, serverId: string): Policy | undefined {
  return msGatewayPolicy(input, (key) => kubeEnvEntry(c, key), (entry(c, "name")?.value ?? c).span, name, path, serverId);
}

/**
 * The auth policy of a deployed gateway (a Kubernetes container, a Compose
 * service) from its environment: `env(name)` is the entry whose value a
 * variable has, `anchor` where the policy is reported when nothing is set.
 */
export function msGatewayPolicy(input: AdapterInput, env: (name: string) => DocEntry | undefined, anchor: Span, name: string, path: string, serverId: string): Policy | undefined {
  const settings: PolicySetting[] = [];
  const envName = env("ASPNETCORE_ENVIRONMENT");
  const bypass = env("Authentication__BypassEntra");
  // A Compose `${VAR:-Development}` is Development whenever VAR is unset (switchValue).
  const mode = envName && switchValue(input, envName);
  const bypassed = bypass && (bool(bypass.value) === true ? { value: "true", unset: "" } : switchValue(input, bypass));
  if (envName && mode?.value.trim() === "Development") settings.push(permissive("ASPNETCORE_ENVIRONMENT", `Development${mode.unset}`, entryLoc(input, envName), "the gateway runs in Development mode, which bypasses Entra ID for header-based dev auth (X-Dev-*)"));
  if (bypass && bypassed?.value.trim().toLowerCase() === "true") settings.push(permissive("Authentication__BypassEntra", `true${bypassed.unset}`, entryLoc(input, bypass), "Entra ID is bypassed: callers choose their identity with X-Dev-* headers"));
  const first = settings[0];
  const loc = locOf(input, anchor);
  return gatewayPolicy(input, {
    kind: "gateway",
    name,
    path: `${path}#auth`,
    loc,
    defaultDecision: first ? "allow" : "deny",
    defaultReason: first ? `${first.key} is ${first.value} (Entra ID authentication is bypassed, so any caller can pick its identity and roles)` : "Entra ID authentication on (adapters are limited to their creator, mcp.admin and requiredRoles)",
    defaultLoc: first ? first.loc : loc,
    settings,
    authn: { required: !first, mode: first ? "dev-headers" : "entra", loc: first ? first.loc : loc },
    governs: [serverId],
  });
}

/** Sections of the gateway's own appsettings (`Microsoft.McpGateway.Service`) besides AzureAd. */
const GATEWAY_SECTIONS = ["ContainerRegistrySettings", "CosmosSettings", "PublicOrigin", "FoundrySettings", "WorkloadIdentitySettings", "BuiltinToolSettings"];

/**
 * Sniff for appsettings: the gateway's `Authentication.BypassEntra` switch, or
 * an `AzureAd` section next to one of the gateway's own sections or in a file
 * that names the gateway. `AzureAd` alone is every Entra-protected ASP.NET
 * app's (the `dotnet new webapi --auth SingleOrg` template), not this gateway.
 */
export function isMsGatewaySettings(docs: readonly DocNode[], text = ""): boolean {
  const d = docs[0];
  if (get(d, "Authentication", "BypassEntra") !== undefined) return true;
  return isObject(get(d, "AzureAd")) && (GATEWAY_SECTIONS.some((k) => get(d, k) !== undefined) || /mcp-?gateway/i.test(text));
}

export const msAppSettingsAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  if (!isMsGatewaySettings(input.docs, input.text) || !d) return out;
  const bypass = entry(get(d, "Authentication"), "BypassEntra");
  const azure = entry(d, "AzureAd");
  const name = input.file.slice(input.file.lastIndexOf("/") + 1);
  const anchor = locOf(input, (azure ?? bypass)?.keySpan ?? d.span);
  const on = bypass && bool(bypass.value) === true;
  const settings = on ? [permissive("Authentication.BypassEntra", "true", entryLoc(input, bypass), "Entra ID is bypassed: callers choose their identity with X-Dev-* headers")] : [];
  const hosts = entry(d, "AllowedHosts");
  if (hosts && str(hosts.value)?.trim() === "*") settings.push(permissive("AllowedHosts", "*", entryLoc(input, hosts), "requests for any Host header are served (no host filtering in front of the gateway)"));
  out.policies.push(
    gatewayPolicy(input, {
      kind: "gateway",
      name,
      path: "appsettings",
      loc: anchor,
      defaultDecision: on ? "allow" : azure ? "deny" : "unknown",
      defaultReason: on
        ? "Authentication.BypassEntra is true (Entra ID is bypassed, so any caller can pick its identity and roles)"
        : azure
          ? "AzureAd (Entra ID) is configured and BypassEntra is not set (adapters are limited to their creator, mcp.admin and requiredRoles)"
          : "Authentication.BypassEntra is false but no AzureAd section is in this file",
      defaultLoc: on ? entryLoc(input, bypass) : anchor,
      settings,
      authn: { required: !on, mode: on ? "dev-headers" : "entra", loc: on ? entryLoc(input, bypass) : anchor },
    }),
  );
  return out;
};

function adapterObjects(d: DocNode | undefined): { node: DocNode; path: string }[] {
  if (isArray(d)) return d.items.map((node, i) => ({ node, path: `[${i}]` })).filter((x) => isAdapter(x.node));
  return d && isAdapter(d) ? [{ node: d, path: "adapter" }] : [];
}

function isAdapter(n: DocNode): boolean {
  return isObject(n) && str(get(n, "imageName")) !== undefined && (get(n, "environmentVariables") !== undefined || get(n, "requiredRoles") !== undefined || get(n, "imageVersion") !== undefined);
}

/**
 * The image an adapter runs: `imageName`, tagged with `imageVersion` (the
 * gateway deploys `imageName:imageVersion`) unless the name has a tag or
 * digest of its own. Located at `imageName`.
 */
function imageOf(input: AdapterInput, node: DocNode): ConfigValue | undefined {
  const image = value(input, get(node, "imageName"));
  const version = str(get(node, "imageVersion"))?.trim();
  if (!image || !version || /[:@][^/]*$/.test(image.raw)) return image;
  return { ...image, raw: `${image.raw}:${version}` };
}

/** Sniff: an adapter registration body (or a list of them). */
export function isMsAdapterJson(docs: readonly DocNode[]): boolean {
  return adapterObjects(docs[0]).length > 0;
}

export const msAdaptersAdapter: Adapter = (input) => {
  const out = emptyOutput();
  for (const { node, path } of adapterObjects(input.docs[0])) {
    const nameEntry = entry(node, "name");
    const name = str(nameEntry?.value) ?? path;
    const nameSpan = nameEntry?.value.span ?? node.span;
    const server = gatewayServer(input, { name, path, nameSpan, transport: "container", image: imageOf(input, node), env: namedValues(input, get(node, "environmentVariables")) });
    out.servers.push(server);
    const roles = entry(node, "requiredRoles");
    const list = stringList(roles?.value);
    out.policies.push(
      gatewayPolicy(input, {
        kind: "authz",
        name,
        path: `${path}.requiredRoles`,
        loc: locOf(input, nameSpan),
        defaultDecision: "deny",
        defaultReason: list.length ? `requiredRoles names ${list.join(", ")} (others than the creator and mcp.admin are denied)` : "requiredRoles is empty (only the creator and mcp.admin may use the adapter, per the gateway code)",
        defaultLoc: roles ? locOf(input, roles.keySpan) : locOf(input, nameSpan),
        governs: [server.id],
      }),
    );
  }
  return out;
};
