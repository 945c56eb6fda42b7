/**
 * ToolHive (Kubernetes operator): audit logging of MCP operations is
 * `spec.audit.enabled: true` on `MCPServer`, `MCPRemoteProxy` and
 * `VirtualMCPServer` (docs.stacklok.com/toolhive/guides-k8s/logging, CRD
 * reference `spec.audit`; a VirtualMCPServer's is in its vMCP config, `spec.config.audit`). A standalone Cedar authz config cannot tell: audit
 * is set on the server that loads it, so it yields undefined (unknown).
 */
import { entry, get, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { PolicyAudit } from "../../types.js";
import { auditAt, flag, type Where } from "./common.js";

const AUDITED_KINDS = new Set(["MCPServer", "MCPRemoteProxy", "VirtualMCPServer"]);

export function toolhiveAudit(where: Where, root: DocNode): PolicyAudit | undefined {
  if (!isObject(root)) return undefined;
  const kind = str(get(root, "kind"));
  if (!kind || !AUDITED_KINDS.has(kind)) return undefined;
  const spec = entry(root, "spec");
  // A VirtualMCPServer keeps its audit in its vMCP config (`spec.config.audit`).
  const virtual = kind === "VirtualMCPServer";
  const key = virtual ? "spec.config.audit" : "spec.audit";
  const audit = entry(virtual ? get(spec?.value, "config") : spec?.value, "audit");
  if (!audit) {
    const at = spec?.keySpan ?? entry(root, "kind")?.keySpan ?? root.span;
    const authz = get(spec?.value, "authzConfig") ?? get(spec?.value, "authzConfigRef") ?? get(spec?.value, "incomingAuth", "authzConfig");
    return auditAt(where, at, false, key, `${kind} sets no audit (${key}.enabled)${authz ? ": authorization decisions are made but not recorded" : ""}`);
  }
  const enabled = entry(audit.value, "enabled");
  if (enabled && flag(enabled.value) === true) return auditAt(where, enabled.keySpan, true, `${key}.enabled`, "audit logging of MCP operations enabled");
  const at = enabled ? enabled.value.span : audit.keySpan;
  return auditAt(where, at, false, `${key}.enabled`, enabled ? `audit logging switched off (${key}.enabled: false)` : `${key} without enabled: true`);
}
