/**
 * agentgateway: request access logs are configured under
 * `frontendPolicies.accessLog` (`filter`, `add`, `remove`); the older
 * `config.logging.{filter,fields}` is deprecated in favour of it; traces go
 * to `config.tracing.otlpEndpoint` or `frontendPolicies.tracing`
 * (agentgateway `schema/config.md`, `crates/agentgateway/src/telemetry/log.rs`).
 * Default request logs name no caller: without one of these the files cannot
 * show who called which tool.
 */
import { entry, get, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { PolicyAudit } from "../../types.js";
import { auditAt, type Where } from "./common.js";

/** A CEL filter that can never be true turns request logging off. */
function filterOff(n: DocNode | undefined): boolean {
  const f = str(n)?.trim();
  return f === "false";
}

export function agentgatewayAudit(where: Where, root: DocNode): PolicyAudit | undefined {
  if (!isObject(root)) return undefined;
  const front = entry(root, "frontendPolicies");
  const access = entry(front?.value, "accessLog");
  if (access) {
    const filter = entry(access.value, "filter");
    if (filter && filterOff(filter.value)) return auditAt(where, filter.value.span, false, "frontendPolicies.accessLog.filter", "the access log filter is `false`: no request is logged");
    return auditAt(where, access.keySpan, true, "frontendPolicies.accessLog", "access log configured (frontendPolicies.accessLog)");
  }
  const logging = entry(get(root, "config"), "logging");
  if (logging) {
    const filter = entry(logging.value, "filter");
    if (filter && filterOff(filter.value)) return auditAt(where, filter.value.span, false, "config.logging.filter", "the request log filter is `false`: no request is logged");
    if (get(logging.value, "fields", "add")) return auditAt(where, logging.keySpan, true, "config.logging.fields", "request log fields configured (config.logging.fields, deprecated: use frontendPolicies.accessLog)");
  }
  const tracing = entry(front?.value, "tracing") ?? entry(get(root, "config", "tracing"), "otlpEndpoint");
  if (tracing) return auditAt(where, tracing.keySpan, true, tracing.key === "otlpEndpoint" ? "config.tracing.otlpEndpoint" : "frontendPolicies.tracing", "request traces exported (OpenTelemetry)");
  const first = root.entries[0];
  return auditAt(where, first ? first.keySpan : root.span, false, "frontendPolicies.accessLog", "no access log or tracing configuration (frontendPolicies.accessLog, config.tracing): default request logs record no caller identity");
}
