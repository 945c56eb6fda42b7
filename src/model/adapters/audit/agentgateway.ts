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
import { celFieldLeaks, type LeakWhere } from "./log-leaks.js";

/** A CEL filter that can never be true turns request logging off. */
function filterOff(n: DocNode | undefined): boolean {
  const f = str(n)?.trim();
  return f === "false";
}

export function agentgatewayAudit(where: LeakWhere, root: DocNode): PolicyAudit | undefined {
  const audit = auditOf(where, root);
  if (!audit || !isObject(root)) return audit;
  const leaks = LOG_FIELDS.flatMap((path) => celFieldLeaks(where, get(root, ...path), path.join(".")));
  return leaks.length ? { ...audit, leaks } : audit;
}

/** The maps of CEL fields that access logs and traces add to each record. */
const LOG_FIELDS: readonly string[][] = [
  ["frontendPolicies", "accessLog", "add"],
  ["frontendPolicies", "accessLog", "otlp", "add"],
  ["frontendPolicies", "tracing", "attributes"],
  ["config", "logging", "fields", "add"],
  ["config", "tracing", "fields", "add"],
];

function auditOf(where: Where, root: DocNode): PolicyAudit | undefined {
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
