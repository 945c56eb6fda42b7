/**
 * ToolHive (Kubernetes operator): audit logging of MCP operations is
 * `spec.audit.enabled: true` on `MCPServer`, `MCPRemoteProxy` and
 * `VirtualMCPServer` (docs.stacklok.com/toolhive/guides-k8s/logging, CRD
 * reference `spec.audit`). A standalone Cedar authz config cannot tell: audit
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
  const audit = entry(spec?.value, "audit");
  if (!audit) {
    const at = spec?.keySpan ?? entry(root, "kind")?.keySpan ?? root.span;
    const authz = get(spec?.value, "authzConfig") ?? get(spec?.value, "authzConfigRef");
    return auditAt(where, at, false, "spec.audit", `${kind} sets no audit (spec.audit.enabled)${authz ? ": authorization decisions are made but not recorded" : ""}`);
  }
  const enabled = entry(audit.value, "enabled");
  if (enabled && flag(enabled.value) === true) return auditAt(where, enabled.keySpan, true, "spec.audit.enabled", "audit logging of MCP operations enabled");
  const at = enabled ? enabled.value.span : audit.keySpan;
  return auditAt(where, at, false, "spec.audit.enabled", enabled ? "audit logging switched off (spec.audit.enabled: false)" : "spec.audit without enabled: true");
}
