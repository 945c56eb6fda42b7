/**
 * Envoy AI Gateway `kind: MCPRoute` (catalog §25): each `backendRefs[]` entry is
 * a server; the route's `securityPolicy` is one gateway policy.
 * `authorization.defaultAction` defaults to Deny when an authorization block
 * exists; without any authorization block nothing filters tool calls.
 * Access logs are not on the route: the caller passes the audit of an
 * EnvoyProxy found beside it, if any.
 */
import { entry, get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type AdapterInput } from "../adapter.js";
import type { AdapterOutput, Credential, Policy, PolicyAudit, PolicyRule, PolicySetting } from "../types.js";
import { entryLoc, gatewayPolicy, isResource, resourceHeader, gatewayServer, permissive, refCredential, scalarCredential, stringList } from "./gateway-common.js";
import { envoyBackendUpstream } from "./audit/index.js";

export function isMcpRoute(doc: DocNode): boolean {
  return isResource(doc, "MCPRoute", /aigateway\.envoyproxy\.io/);
}

export function readMcpRoute(input: AdapterInput, doc: DocNode, docIndex: number, audit?: PolicyAudit): AdapterOutput {
  const out = emptyOutput();
  const { name: routeName, path: prefix, specEntry, spec, nameSpan } = resourceHeader(doc, "MCPRoute", docIndex);
  const settings: PolicySetting[] = [];
  const backends = get(spec, "backendRefs");
  if (isArray(backends)) {
    backends.items.forEach((b, i) => {
      if (!isObject(b)) return;
      const bName = entry(b, "name");
      const name = str(bName?.value) ?? `#${i}`;
      const credentials: Credential[] = [];
      const apiKey = get(b, "securityPolicy", "apiKey");
      const inline = entry(apiKey, "inline");
      const inlineCred = inline ? scalarCredential(input, "apiKey.inline", inline.value, "setting", inline.keySpan) : undefined;
      if (inlineCred) credentials.push(inlineCred);
      for (const [key, ref] of [
        ["apiKey.secretRef", get(apiKey, "secretRef")],
        // SigV4 from a credentials file kept in a Secret (else the gateway's default AWS credential chain).
        ["awsCredentials.credentialsFile.secretRef", get(b, "securityPolicy", "awsCredentials", "credentialsFile", "secretRef")],
      ] as const) {
        const refName = str(get(ref, "name"));
        if (ref && refName) credentials.push(refCredential(key, { kind: "secretStore", name: refName }, locOf(input, ref.span)));
      }
      const selector = get(b, "toolSelector");
      const include = [...stringList(get(selector, "include")), ...stringList(get(selector, "includeRegex"))];
      const nameSpan = bName?.value.span ?? b.span;
      const server = gatewayServer(input, { name, path: `${prefix}.spec.backendRefs[${i}]`, nameSpan, transport: "http", credentials, include: include.length ? include : undefined });
      const upstream = envoyBackendUpstream(input, b);
      out.servers.push(upstream ? { ...server, upstreamIdentity: upstream } : server);
      if (!selector) settings.push(permissive(`backendRefs[${i}].toolSelector`, "unset", locOf(input, nameSpan), `every tool of backend '${name}' is exposed (no toolSelector)`));
    });
  }
  const spEntry = entry(spec, "securityPolicy");
  const sp = spEntry?.value;
  const authnKey = ["oauth", "apiKeyAuth", "extAuth"].map((k) => entry(sp, k)).find((e) => e !== undefined);
  const anchor = locOf(input, (spEntry ?? specEntry)?.keySpan ?? doc.span);
  if (!authnKey) settings.push(permissive("securityPolicy.oauth", "unset", anchor, "no oauth, apiKeyAuth or extAuth: callers that reach the route are not authenticated"));
  out.policies.push(
    gatewayPolicy(input, {
      kind: "gateway",
      name: routeName,
      path: prefix,
      loc: locOf(input, nameSpan),
      ...authorization(input, sp, anchor),
      settings,
      authn: authnKey ? { required: true, mode: authnKey.key, loc: locOf(input, authnKey.keySpan) } : { required: false, mode: "none", loc: anchor },
      governs: out.servers.map((s) => s.id),
      audit,
    }),
  );
  return out;
}

function authorization(input: AdapterInput, sp: DocNode | undefined, anchor: Policy["defaultLoc"]): Pick<Policy, "defaultDecision" | "defaultReason" | "defaultLoc" | "toolRules"> {
  const authz = entry(sp, "authorization");
  if (!authz) return { defaultDecision: "allow", defaultReason: "no securityPolicy.authorization (every caller that reaches the route may call every tool)", defaultLoc: anchor, toolRules: [] };
  const toolRules: PolicyRule[] = [];
  const rules = get(authz.value, "rules");
  let catchAll: { effect: PolicyRule["effect"]; loc: Policy["defaultLoc"] } | undefined;
  if (isArray(rules)) {
    for (const rule of rules.items) {
      // `action` defaults to Allow; a rule with no `target` matches every tool, one with no `source` every caller.
      const effect = str(get(rule, "action"))?.toLowerCase() === "deny" ? "deny" : "allow";
      const tools = get(rule, "target", "tools");
      const cel = str(get(rule, "cel"));
      if (isArray(tools)) {
        for (const t of tools.items) toolRules.push({ effect, pattern: `${str(get(t, "backend")) ?? "*"}/${str(get(t, "tool")) ?? "*"}`, loc: locOf(input, t.span) });
        continue;
      }
      const loc = locOf(input, rule.span);
      toolRules.push({ effect, pattern: cel !== undefined ? `cel: ${cel.replace(/\s+/g, " ").trim()}` : "*/*", loc });
      // First match wins: the first rule that matches everything decides every call not matched before it.
      if (cel === undefined && !get(rule, "source") && !catchAll) catchAll = { effect, loc };
    }
  }
  if (catchAll?.effect === "allow") {
    return { defaultDecision: "allow", defaultReason: "an authorization rule allows with no source, target or cel (it matches every caller and every tool)", defaultLoc: catchAll.loc, toolRules };
  }
  if (catchAll?.effect === "deny") {
    return { defaultDecision: "deny", defaultReason: "an authorization rule denies with no source, target or cel (calls no earlier rule allows are denied)", defaultLoc: catchAll.loc, toolRules };
  }
  const action = entry(authz.value, "defaultAction");
  const v = str(action?.value);
  if (!action || v === undefined) return { defaultDecision: "deny", defaultReason: "securityPolicy.authorization.defaultAction is unset (defaults to Deny)", defaultLoc: locOf(input, authz.keySpan), toolRules };
  const allow = v.toLowerCase() === "allow";
  return {
    defaultDecision: allow ? "allow" : "deny",
    defaultReason: allow ? "securityPolicy.authorization.defaultAction is Allow (calls no rule matches are allowed)" : `securityPolicy.authorization.defaultAction is ${v}`,
    defaultLoc: entryLoc(input, action),
    toolRules,
  };
}
