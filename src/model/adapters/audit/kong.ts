/**
 * Kong AI MCP Proxy: `config.logging.log_audits` (with `log_payloads`,
 * `log_statistics`; all default false) puts MCP audit records in the request
 * log, which a logging plugin (`http-log`, `file-log`, `tcp-log` ...) ships
 * (developer.konghq.com ai-mcp-proxy reference and "Log MCP traffic" guide).
 * Audit is configured when `log_audits` is true, or when the decK file holds
 * a logging plugin; otherwise the plugin's calls leave no record.
 */
import { entry, get, isArray, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { PolicyAudit } from "../../types.js";
import { auditAt, flag, type Where } from "./common.js";

export const KONG_LOGGING_PLUGINS = ["http-log", "file-log", "tcp-log", "udp-log", "syslog", "loggly", "kafka-log", "opentelemetry", "datadog"] as const;

/** Every plugin object in a decK file (top level, services, routes, consumers). */
export function kongPlugins(root: DocNode): DocNode[] {
  const out: DocNode[] = [];
  const visit = (n: DocNode | undefined) => {
    if (!isObject(n)) return;
    const plugins = get(n, "plugins");
    if (isArray(plugins)) for (const p of plugins.items) if (isObject(p)) out.push(p);
    for (const key of ["services", "routes", "consumers"]) {
      const list = get(n, key);
      if (isArray(list)) for (const item of list.items) visit(item);
    }
  };
  visit(root);
  return out;
}

/** Audit for one `ai-mcp-proxy` plugin (the first in the file when not given). */
export function kongAudit(where: Where, root: DocNode, plugin?: DocNode): PolicyAudit | undefined {
  const plugins = kongPlugins(root);
  const proxy = plugin ?? plugins.find((p) => str(get(p, "name")) === "ai-mcp-proxy");
  if (!proxy || !isObject(proxy)) return undefined;
  const logAudits = entry(get(proxy, "config", "logging"), "log_audits");
  if (logAudits && flag(logAudits.value) === true) return auditAt(where, logAudits.keySpan, true, "config.logging.log_audits", "MCP audit records logged (config.logging.log_audits: true)");
  const shipper = plugins.find((p) => (KONG_LOGGING_PLUGINS as readonly string[]).includes(str(get(p, "name")) ?? ""));
  if (shipper) {
    const name = entry(shipper, "name");
    return auditAt(where, (name ?? { keySpan: shipper.span }).keySpan, true, `plugins[name=${str(get(shipper, "name"))}]`, `requests logged by the ${str(get(shipper, "name"))} plugin`);
  }
  const at = logAudits ? logAudits.value.span : (entry(proxy, "name")?.value.span ?? proxy.span);
  return auditAt(where, at, false, "config.logging.log_audits", logAudits ? "config.logging.log_audits is false and no logging plugin (http-log, file-log, tcp-log ...) is configured" : "no config.logging.log_audits and no logging plugin (http-log, file-log, tcp-log ...) in this file");
}
