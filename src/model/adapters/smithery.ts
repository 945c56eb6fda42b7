/**
 * Smithery `smithery.yaml` (catalog §19): the server's own launch description.
 * Legacy `startCommand { type, configSchema, commandFunction }` or newer
 * `runtime` + `entry` + `env`. `commandFunction` is JavaScript: noted, never run.
 */
import { entry, get, isObject, str } from "../../parse/doc.js";
import { emptyOutput, locOf, type Adapter } from "../adapter.js";
import { namedValues } from "../server-entry.js";
import type { PolicySetting } from "../types.js";
import { gatewayPolicy, gatewayServer, neutral } from "./gateway-common.js";

export const smitheryAdapter: Adapter = (input) => {
  const out = emptyOutput();
  const d = input.docs[0];
  if (!isObject(d)) return out;
  const start = entry(d, "startCommand");
  const runtime = entry(d, "runtime");
  const owner = start ?? runtime;
  if (!owner) return out;
  const type = str(get(start?.value, "type")) ?? str(runtime?.value);
  const name = input.file.includes("/") ? (input.file.split("/").slice(-2, -1)[0] ?? "smithery") : "smithery";
  const server = gatewayServer(input, { name, path: owner.key, nameSpan: owner.keySpan, transport: type === "http" ? "http" : type === "container" ? "container" : "stdio", env: namedValues(input, get(d, "env")) });
  out.servers.push(server);
  const settings: PolicySetting[] = [];
  const fn = entry(start?.value, "commandFunction");
  if (fn) settings.push(neutral("startCommand.commandFunction", "<JavaScript>", locOf(input, fn.keySpan), "executable JavaScript builds the launch command (reviewed, not run)"));
  const loc = locOf(input, owner.keySpan);
  out.policies.push(gatewayPolicy(input, { kind: "gateway", name, path: `${owner.key}#policy`, loc, defaultDecision: "unknown", defaultReason: "smithery.yaml has no access-control concept", defaultLoc: loc, settings, governs: [server.id] }));
  return out;
};
