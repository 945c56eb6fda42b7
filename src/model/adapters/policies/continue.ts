/**
 * Continue CLI `permissions.yaml`: `allow` / `ask` / `exclude` lists of tool
 * patterns. A bare `*` in `allow` runs every tool, MCP tools included.
 */
import { get, strings } from "../../../parse/doc.js";
import type { Adapter } from "../../adapter.js";
import type { Decision } from "../../types.js";
import { PolicyDraft } from "./common.js";

const CLIENT = "continue";
const LISTS: readonly [string, Decision][] = [
  ["allow", "allow"],
  ["ask", "ask"],
  ["exclude", "deny"],
];

export const continuePermissionsAdapter: Adapter = (input) => {
  const policies = input.docs.map((doc) => {
    const d = new PolicyDraft(input, "client");
    d.setDefault("ask", "tools no list names ask before they run");
    for (const [key, effect] of LISTS) {
      for (const item of strings(get(doc, key))) {
        d.rule(effect, item.value, item.node);
        if (effect === "allow" && /^\*+(\(\*\))?$/.test(item.value)) {
          d.setting("allow", item.node, "permissive", "every tool, MCP tools included, runs without asking");
          d.setDefault("allow", "`allow` holds `*`: every tool runs without asking", d.loc(item.node));
        }
      }
    }
    return d.build(CLIENT);
  });
  return { servers: [], policies, diagnostics: [] };
};
