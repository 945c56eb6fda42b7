/**
 * The rule registry. One import per rule; order is the stable SARIF order.
 * (The registry meta-test checks that every rule file is listed here.)
 */
import { CATEGORIES, type Rule } from "../engine/rule.js";
import hardcodedSecret from "./hardcoded-secret/hardcoded-secret.js";
import worldReadableSecretFile from "./hardcoded-secret/world-readable-secret-file.js";
import sharedSecret from "./shared-secret/shared-secret.js";
import toolAutoApproval from "./broad-scope/tool-auto-approval.js";
import broadResourceAccess from "./broad-scope/broad-resource-access.js";
import permissiveSetting from "./broad-scope/permissive-setting.js";
import missingDefaultDeny from "./missing-default-deny/missing-default-deny.js";
import parseError from "./parse-error/parse-error.js";
import invalidSuppression from "./suppression/invalid-suppression.js";

export const RULES: readonly Rule[] = [
  hardcodedSecret,
  worldReadableSecretFile,
  sharedSecret,
  toolAutoApproval,
  broadResourceAccess,
  permissiveSetting,
  missingDefaultDeny,
  parseError,
  invalidSuppression,
];

/** Every name a level setting or a suppression may use: rule ids and categories. */
export function ruleAndCategoryIds(): Set<string> {
  return new Set<string>([...RULES.map((r) => r.id), ...CATEGORIES]);
}
