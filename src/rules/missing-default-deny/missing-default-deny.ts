import { defineRule } from "../../engine/rule.js";

export default defineRule({
  id: "missing-default-deny",
  meta: {
    title: "Policy or gateway allows what no rule names",
    name: "MissingDefaultDeny",
    description:
      "The policy layer fails open: when no rule matches a request it is allowed (no allow rules at all, deny-only rules, an explicit allow default, authentication left optional). Governance is only provable when every request must match a rule that names it.",
    category: "missing-default-deny",
    level: "error",
    precision: "high",
    securitySeverity: 8.0,
    help: "Make the default deny: add allow rules that name the tools and callers you expect (which turns the rule set into an allowlist), set the default action to Deny, and make authentication strict.",
    cwe: ["CWE-276", "CWE-862"],
    references: ["https://agentgateway.dev/docs/", "https://aigateway.envoyproxy.io/", "https://github.com/stacklok/toolhive"],
    tags: ["policy"],
  },
  messages: {
    allow: "{kind} '{name}' ({client}) fails open: {reason}. Effective default: allow.",
  },
  check(model, ctx) {
    for (const p of model.policies) {
      if (p.defaultDecision !== "allow") continue;
      ctx.report({ messageId: "allow", data: { kind: p.kind === "gateway" ? "Gateway" : "Policy", name: p.name, client: p.client, reason: p.defaultReason }, loc: p.defaultLoc, identity: `${p.client}\u0000${p.name}\u0000${p.defaultReason}` });
    }
  },
  examples: {
    bad: [
      {
        file: "deploy/mcproute.yaml",
        code: `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: acme }
spec:
  backendRefs:
  - name: notes
  securityPolicy:
    authorization:
      defaultAction: Allow
`,
        expect: { line: 9, column: 22 },
      },
    ],
    good: [
      {
        file: "deploy/mcproute.yaml",
        code: `apiVersion: aigateway.envoyproxy.io/v1beta1
kind: MCPRoute
metadata: { name: acme }
spec:
  backendRefs:
  - name: notes
    toolSelector: { include: [search_notes] }
  securityPolicy:
    authorization:
      defaultAction: Deny
`,
      },
    ],
  },
});
