/**
 * The rule registry. One import per rule; order is the stable SARIF order.
 * (The registry meta-test checks that every rule file is listed here.)
 */
import { CATEGORIES, type Rule } from "../engine/rule.js";
import hardcodedSecret from "./hardcoded-secret/hardcoded-secret.js";
import worldReadableSecretFile from "./hardcoded-secret/world-readable-secret-file.js";
import configmapCredential from "./hardcoded-secret/configmap-credential.js";
import sharedSecret from "./shared-secret/shared-secret.js";
import toolAutoApproval from "./broad-scope/tool-auto-approval.js";
import broadResourceAccess from "./broad-scope/broad-resource-access.js";
import permissiveSetting from "./broad-scope/permissive-setting.js";
import missingDefaultDeny from "./missing-default-deny/missing-default-deny.js";
import parseError from "./parse-error/parse-error.js";
import duplicateKey from "./parse-error/duplicate-key.js";
import sharedCredentialReference from "./shared-identity/shared-credential-reference.js";
import longLivedToken from "./long-lived-token/long-lived-token.js";
import unapprovedServer from "./unapproved-server/unapproved-server.js";
import configDrift from "./config-drift/config-drift.js";
import dnsRebindingProtectionOff from "./insecure-transport/dns-rebinding-protection-off.js";
import plainHttpRemote from "./insecure-transport/plain-http-remote.js";
import unauthenticatedRemote from "./insecure-transport/unauthenticated-remote.js";
import unpinnedPackage from "./unpinned-server/unpinned-package.js";
import unexpandedReference from "./unexpanded-reference/unexpanded-reference.js";
import gatewayAuditOff from "./missing-audit/gateway-audit-off.js";
import sharedUpstreamKey from "./shared-identity/shared-upstream-key.js";
import invalidSuppression from "./suppression/invalid-suppression.js";

export const RULES: readonly Rule[] = [
  hardcodedSecret,
  worldReadableSecretFile,
  configmapCredential,
  sharedSecret,
  sharedCredentialReference,
  sharedUpstreamKey,
  longLivedToken,
  toolAutoApproval,
  broadResourceAccess,
  permissiveSetting,
  missingDefaultDeny,
  unapprovedServer,
  configDrift,
  gatewayAuditOff,
  dnsRebindingProtectionOff,
  plainHttpRemote,
  unauthenticatedRemote,
  unpinnedPackage,
  unexpandedReference,
  parseError,
  invalidSuppression,
  duplicateKey,
];

/** Every name a level setting or a suppression may use: rule ids and categories. */
export function ruleAndCategoryIds(): Set<string> {
  return new Set<string>([...RULES.map((r) => r.id), ...CATEGORIES]);
}
