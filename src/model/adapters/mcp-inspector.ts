/**
 * The MCP Inspector (modelcontextprotocol/inspector) run as a service: a Compose service or a
 * Kubernetes container of its image, or one that launches `@modelcontextprotocol/inspector`. Its
 * proxy starts whatever command (stdio) or connects to whatever URL a caller asks for, so the
 * session token it asks for is all that stands between a caller and a process on its host.
 * `DANGEROUSLY_OMIT_AUTH` switches that token off (inspector `server/src/index.ts`:
 * `authDisabled = !!process.env.DANGEROUSLY_OMIT_AUTH`, any non-empty value; later releases take
 * only `true` or `1`). Unset or empty, the token is on and this file adds nothing: what the
 * token's holder may start is not in any file.
 */
import { isObject } from "../../parse/doc.js";
import { locOf, type AdapterInput } from "../adapter.js";
import type { Span } from "../location.js";
import type { Policy } from "../types.js";
import { entryLoc, gatewayPolicy, permissive, switchValue, type ContainerLaunch } from "./gateway-common.js";

/** The Inspector's published image. */
const INSPECTOR_IMAGE = /(^|\/)modelcontextprotocol\/inspector(:|@|$)/i;
/** Its npm package, as a launch line names it (`npx -y @modelcontextprotocol/inspector@0.17.2`). */
const INSPECTOR_PACKAGE = /(^|\s)@modelcontextprotocol\/inspector(@|\s|$)/;

/** Is this container the Inspector: its image, or a launch line that runs its package? */
export function isMcpInspector(image: string, launch: readonly { raw: string }[]): boolean {
  return INSPECTOR_IMAGE.test(image) || launch.some((a) => INSPECTOR_PACKAGE.test(a.raw));
}

const OPEN = "its proxy asks no session token: whoever reaches it can have it start any command on its host (stdio) or call any URL, and a web page open in a browser on that host can too (CVE-2025-49596)";

/** The Inspector's auth policy when `DANGEROUSLY_OMIT_AUTH` is set; undefined when it is not (the session token is on). */
export function inspectorPolicy(input: AdapterInput, launch: ContainerLaunch, anchor: Span, name: string, path: string, serverId: string): Policy | undefined {
  const omit = launch.env("DANGEROUSLY_OMIT_AUTH");
  if (!omit) return undefined;
  const at = entryLoc(input, omit);
  const base = { kind: "gateway" as const, name, path: `${path}#mcp-inspector`, loc: locOf(input, anchor), governs: [serverId] };
  const v = isObject(omit.value) ? undefined : switchValue(input, omit);
  if (v && v.value === "") return undefined;
  const value = v?.value.trim().toLowerCase();
  if (value === "true" || value === "1") {
    const shown = `${v?.value.trim()}${v?.unset ?? ""}`;
    return gatewayPolicy(input, {
      ...base,
      defaultDecision: "allow",
      defaultReason: `DANGEROUSLY_OMIT_AUTH is ${shown}: ${OPEN}`,
      defaultLoc: at,
      settings: [permissive("DANGEROUSLY_OMIT_AUTH", shown, at, OPEN)],
      authn: { required: false, mode: "none", loc: at },
    });
  }
  const what = v ? `is '${v.value}'${v.unset}: Inspector releases before 2.8.0 turn the session token off for any value that is not empty, later ones only for true or 1` : isObject(omit.value) ? "comes from a Secret or a ConfigMap" : "is not a literal";
  return gatewayPolicy(input, { ...base, defaultDecision: "unknown", defaultReason: `DANGEROUSLY_OMIT_AUTH ${what}: whether the Inspector asks callers for its session token depends on it`, defaultLoc: at });
}
