/**
 * IBM ContextForge: settings are environment variables (`.env`, Helm values,
 * compose `environment:`), passed here as a map node of NAME: value.
 * `SECURITY_LOGGING_LEVEL` (`all` | `failures_only` | `high_severity`) decides
 * which authentication outcomes are logged [code: mcpgateway auth middleware];
 * `AUDIT_TRAIL_ENABLED`, `PERMISSION_AUDIT_ENABLED` and
 * `SECURITY_LOGGING_ENABLED` switch the audit and security logs [3p: seen in
 * deployment scripts, not confirmed in the settings reference]. A file with
 * none of them cannot tell (undefined); only a switch turned off is reported.
 */
import { entry, isObject, str, type DocEntry, type DocNode } from "../../../parse/doc.js";
import type { PolicyAudit } from "../../types.js";
import { auditAt, flag, type Where } from "./common.js";

export function contextforgeAudit(where: Where, env: DocNode): PolicyAudit | undefined {
  if (!isObject(env)) return undefined;
  const get = (k: string): DocEntry | undefined => entry(env, k);
  for (const key of ["AUDIT_TRAIL_ENABLED", "PERMISSION_AUDIT_ENABLED"]) {
    const e = get(key);
    if (e && flag(e.value) === true) return auditAt(where, e.keySpan, true, key, `${key}=true`);
  }
  const off = ["AUDIT_TRAIL_ENABLED", "SECURITY_LOGGING_ENABLED"].map(get).find((e) => e && flag(e.value) === false);
  if (off) return auditAt(where, off.value.span, false, off.key, `${off.key}=false: calls and decisions are not recorded`);
  const level = get("SECURITY_LOGGING_LEVEL");
  if (level && str(level.value)?.toLowerCase() === "all") return auditAt(where, level.keySpan, true, "SECURITY_LOGGING_LEVEL", "SECURITY_LOGGING_LEVEL=all: every authentication outcome is logged");
  const logLevel = get("LOG_LEVEL");
  if (logLevel && ["ERROR", "CRITICAL"].includes((str(logLevel.value) ?? "").toUpperCase())) {
    return auditAt(where, logLevel.value.span, false, "LOG_LEVEL", `LOG_LEVEL=${str(logLevel.value)} drops request logs and no audit trail is enabled`);
  }
  // No setting: the product's defaults decide, which its settings reference does not state.
  return undefined;
}
