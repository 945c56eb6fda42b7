/**
 * Envoy AI Gateway: an `MCPRoute` holds no logging; access logs are set on
 * the Envoy Gateway `EnvoyProxy` resource (`spec.telemetry.accessLog`), which
 * may live elsewhere. An MCPRoute alone therefore yields undefined (unknown);
 * an EnvoyProxy document says configured, or off with `disable: true`.
 */
import { entry, get, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { PolicyAudit } from "../../types.js";
import { auditAt, flag } from "./common.js";
import { envoyFormatLeaks, type LeakWhere } from "./log-leaks.js";

export function envoyAudit(where: LeakWhere, root: DocNode): PolicyAudit | undefined {
  if (!isObject(root) || str(get(root, "kind")) !== "EnvoyProxy") return undefined;
  const access = entry(get(root, "spec", "telemetry"), "accessLog");
  if (!access) return auditAt(where, entry(root, "kind")?.keySpan ?? root.span, false, "spec.telemetry.accessLog", "EnvoyProxy without spec.telemetry.accessLog (the default access log records no caller identity or MCP tool)");
  const disable = entry(access.value, "disable");
  if (disable && flag(disable.value) === true) return auditAt(where, disable.value.span, false, "spec.telemetry.accessLog.disable", "access logs disabled (spec.telemetry.accessLog.disable: true)");
  const leaks = envoyFormatLeaks(where, get(access.value, "settings"), "spec.telemetry.accessLog.settings");
  const audit = auditAt(where, access.keySpan, true, "spec.telemetry.accessLog", "access logs configured (spec.telemetry.accessLog)");
  return leaks.length ? { ...audit, leaks } : audit;
}
