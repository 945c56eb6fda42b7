/**
 * Log and trace fields that write a caller's credential into the record: an
 * audit trail that is itself a leak (anyone who reads the logs can replay the
 * token). agentgateway adds fields as CEL expressions (`frontendPolicies.accessLog.add`,
 * `config.logging.fields.add`, tracing `attributes`; agentgateway.dev/docs,
 * "Access logs"), which read request headers as `request.headers["x-user-id"]`;
 * an Envoy access-log format writes one with `%REQ(AUTHORIZATION)%` (Envoy
 * "Access logging" command operators). Each leak is a permissive setting at
 * the expression or operator that reads the header.
 */
import { get, isArray, isObject, str, type DocNode } from "../../../parse/doc.js";
import type { PolicySetting } from "../../types.js";
import { permissive } from "../gateway-common.js";
import { locOf, type AdapterInput } from "../../adapter.js";
import type { Where } from "./common.js";

/** Where a leak is placed: the file's text, to put it at the header's own line and column. */
export type LeakWhere = Where & Pick<AdapterInput, "text">;

/** Request headers that carry the caller's credential. */
const CREDENTIAL_HEADER = /^(?:authorization|proxy-authorization|cookie|x-api-key|api-key|x-auth-token)$/i;

/** `request.headers["name"]`, `request.headers['name']`, `request.headers.name` (CEL). */
const CEL_HEADER = /request\.headers(?:\s*\[\s*(["'])([^"'\n]{1,200})\1\s*\]|\.([A-Za-z_]\w{0,200}))/g;

/** `%REQ(name)%`, `%REQ(name?alt)%`, `%REQ(name):20%` (Envoy command operators). */
const ENVOY_REQ = /%REQ\(([^)%?\n]{1,200})(?:\?[^)%\n]{0,200})?\)(?::\d{1,6})?%/gi;

/** The credential header a CEL field expression writes: by name, or every header (the expression is the whole map). */
function celLeak(expr: string): { header: string; text: string } | undefined {
  if (!expr.includes("request.headers")) return undefined;
  if (expr.trim() === "request.headers") return { header: "every request header, Authorization included", text: "request.headers" };
  for (const m of expr.matchAll(CEL_HEADER)) {
    const name = m[2] ?? m[3] ?? "";
    if (CREDENTIAL_HEADER.test(name)) return { header: `the ${name} header`, text: m[0] };
  }
  return undefined;
}

/** The credential header an Envoy access-log format writes. */
function envoyLeak(format: string): { header: string; text: string } | undefined {
  if (!/%REQ\(/i.test(format)) return undefined;
  for (const m of format.matchAll(ENVOY_REQ)) {
    const name = (m[1] ?? "").trim();
    if (CREDENTIAL_HEADER.test(name)) return { header: `the ${name} header`, text: m[0] };
  }
  return undefined;
}

const MEANING = (header: string) => `the log writes ${header} of every call, the caller's credential: whoever reads the logs can replay it (log the caller's identity, such as the token's \`sub\` claim, instead)`;

/** A setting at the leaking text inside the node (its own line and column), else at the node. */
function leakSetting(where: LeakWhere, key: string, node: DocNode, leak: { header: string; text: string }): PolicySetting {
  const raw = where.text.slice(node.span.start, node.span.end);
  const at = raw.indexOf(leak.text);
  const span = at >= 0 ? { start: node.span.start + at, end: node.span.start + at + leak.text.length } : node.span;
  return permissive(key, leak.text, locOf(where, span), MEANING(leak.header));
}

/** agentgateway: each field of a map of CEL expressions (`add`, `attributes`) that reads a credential header. */
export function celFieldLeaks(where: LeakWhere, map: DocNode | undefined, path: string): PolicySetting[] {
  if (!isObject(map)) return [];
  const out: PolicySetting[] = [];
  for (const e of map.entries) {
    const expr = str(e.value);
    const leak = expr === undefined ? undefined : celLeak(expr);
    if (leak) out.push(leakSetting(where, `${path}.${e.key}`, e.value, leak));
  }
  return out;
}

/** Envoy Gateway: each access-log setting's format (`format.text`, each `format.json` field) that writes a credential header. */
export function envoyFormatLeaks(where: LeakWhere, settings: DocNode | undefined, path: string): PolicySetting[] {
  if (!isArray(settings)) return [];
  const out: PolicySetting[] = [];
  settings.items.forEach((setting, i) => {
    const format = get(setting, "format");
    const at = `${path}[${i}].format`;
    const fields: [string, DocNode][] = [];
    const text = get(format, "text");
    if (text) fields.push([`${at}.text`, text]);
    const json = get(format, "json");
    if (isObject(json)) for (const e of json.entries) fields.push([`${at}.json.${e.key}`, e.value]);
    for (const [key, node] of fields) {
      const value = str(node);
      const leak = value === undefined ? undefined : envoyLeak(value);
      if (leak) out.push(leakSetting(where, key, node, leak));
    }
  });
  return out;
}
