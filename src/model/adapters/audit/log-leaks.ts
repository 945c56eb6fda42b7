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
import { classifyKey } from "../../../secrets/keys.js";

/** Where a leak is placed: the file's text, to put it at the header's own line and column. */
export type LeakWhere = Where & Pick<AdapterInput, "text">;

/**
 * A request header that carries the caller's credential: one the key classifier calls a credential
 * (`Authorization`, `X-Api-Key`, `X-Auth-Token`, `X-Goog-Api-Key` ...), or the session `Cookie`.
 */
const credentialHeader = (name: string): boolean => /^cookie$/i.test(name) || classifyKey(name) !== undefined;

/** `request.headers["name"]`, `request.headers['name']`, `request.headers.name` (CEL). */
const CEL_HEADER = /request\.headers(?:\s*\[\s*(["'])([^"'\n]{1,200})\1\s*\]|\.([A-Za-z_]\w{0,200}))/g;

/** `%REQ(name)%`, `%REQ(name?alt)%`, `%REQ(name):20%` (Envoy command operators). */
const ENVOY_REQ = /%REQ\(([^)%?\n]{1,200})(?:\?[^)%\n]{0,200})?\)(?::\d{1,6})?%/gi;

interface Leak {
  readonly header: string;
  readonly text: string;
}

/** The first header `re` finds in `text` (its name from `nameOf`) that carries a credential. */
function firstCredentialHeader(text: string, re: RegExp, nameOf: (m: RegExpMatchArray) => string): Leak | undefined {
  for (const m of text.matchAll(re)) {
    const name = nameOf(m).trim();
    if (credentialHeader(name)) return { header: `the ${name} header`, text: m[0] };
  }
  return undefined;
}

/** The credential header a CEL field expression writes: by name, or every header (the expression is the whole map). */
function celLeak(expr: string): Leak | undefined {
  if (!expr.includes("request.headers")) return undefined;
  if (expr.trim() === "request.headers") return { header: "every request header, Authorization included", text: "request.headers" };
  return firstCredentialHeader(expr, CEL_HEADER, (m) => m[2] ?? m[3] ?? "");
}

/** The credential header an Envoy access-log format writes. */
function envoyLeak(format: string): Leak | undefined {
  return format.includes("%") ? firstCredentialHeader(format, ENVOY_REQ, (m) => m[1] ?? "") : undefined;
}

const MEANING = (header: string) => `the log writes ${header} of every call, the caller's credential: whoever reads the logs can replay it (log the caller's identity, such as the token's \`sub\` claim, instead)`;

/** A setting at the leaking text inside the node (its own line and column), else at the node. */
function leakSetting(where: LeakWhere, key: string, node: DocNode, leak: Leak): PolicySetting {
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
