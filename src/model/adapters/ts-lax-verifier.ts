/**
 * The SDK's bearer middleware given a verifier that checks nothing: `requireBearerAuth({ verifier })`
 * whose verifier's `verifyAccessToken` (an option of `new ProxyOAuthServerProvider({...})`, or a
 * method of an object written in the file) returns an AuthInfo for every token. The SDK README's
 * proxy-provider example writes one (`return { token, clientId: "123", scopes: [...] }`), and code
 * copies it. Such a layer is no guard: what it lets through depends on what it returns.
 *
 * - With `expiresAt`, requireBearerAuth takes every bearer token: the route is open.
 * - Without, the SDK version decides: requireBearerAuth refuses an AuthInfo with no `expiresAt`
 *   (typescript-sdk PR #446, mid 2025: every request is refused) and let every token through before.
 * - With literal `requiredScopes` that the literal `scopes` it returns lack, every request is
 *   refused (403): the layer turns everyone away, so it is read as the guard it looks like.
 *
 * A verifier that throws, branches, compares or calls anything but logging and string reshaping
 * (a JWT decoder, an introspection fetch) is taken to check.
 */
import type { TsNode } from "../../parse/typescript.js";
import { argsOf, kids, type Resolver } from "./ts-values.js";

/** Calls that cannot turn a request away: logging, reading and reshaping strings, the clock and rounding. */
export const HARMLESS_CALLS: ReadonlySet<string> = new Set(["log", "info", "warn", "debug", "error", "get", "split", "trim", "toLowerCase", "toUpperCase", "replace", "slice", "substring", "startsWith", "endsWith", "includes", "at", "toString", "String", "Number", "Boolean", "now", "floor", "round", "ceil", "trunc", "getTime", "parseInt"]);

/** Does a function call nothing but logging and string reads (so no call of it can throw a request away)? */
export const callsOnlyHarmless = (r: Resolver, fn: TsNode): boolean => fn.descendantsOfType("call_expression").every((c) => HARMLESS_CALLS.has(r.calleeName(c) ?? ""));

const FUNCTION_TYPES = new Set(["arrow_function", "function_expression", "function_declaration", "method_definition"]);
/** Code that decides something: a throw, a branch, a loop, a try. */
const DECIDES = ["throw_statement", "if_statement", "ternary_expression", "switch_statement", "try_statement", "for_statement", "for_in_statement", "while_statement"];
/** Operators that compare or short-circuit on a test (`||` and `??`, which give defaults, do not). */
const TESTS = new Set(["===", "!==", "==", "!=", "&&", "<", ">", "<=", ">="]);

/** What a layer that checks nothing lets through: every token (`open`), or what the SDK version decides; `how` says it. */
export interface LaxBearer {
  readonly open: boolean;
  readonly how: string;
}

/** `requireBearerAuth({ verifier })` (called here or bound by const) whose verifier accepts every token, else undefined. */
export function laxBearer(r: Resolver, n: TsNode): LaxBearer | undefined {
  const call = r.deref(n);
  if (call.type !== "call_expression" || r.calleeName(call) !== "requireBearerAuth") return undefined;
  const options = argsOf(call)[0];
  const verifierNode = r.prop(options, "verifier");
  const verifier = verifierNode ? r.deref(verifierNode) : undefined;
  const holder = verifier?.type === "new_expression" && r.calleeName(verifier) === "ProxyOAuthServerProvider" ? argsOf(verifier)[0] : verifier;
  const fn = holder ? verifyFunction(r, holder) : undefined;
  const returned = fn && checksNothing(r, fn) ? returnedObject(r, fn) : undefined;
  if (!returned || refusesAll(r, options, returned)) return undefined;
  const named = `${verifierNode ? r.src(verifierNode) : "its verifier"}'s verifyAccessToken`;
  return r.prop(returned, "expiresAt") !== undefined
    ? { open: true, how: `checks no token: ${named} returns an AuthInfo for every token without checking it` }
    : {
        open: false,
        how: `accepts every token: ${named} returns an AuthInfo without checking it, and with no expiresAt; requireBearerAuth of recent SDK versions refuses such an AuthInfo (every request) and older ones let every caller through, so the SDK version decides the authentication in front of it`,
      };
}

/** The verifyAccessToken of an options object or verifier object: a pair, a shorthand bound to a function, or a method. */
function verifyFunction(r: Resolver, holder: TsNode): TsNode | undefined {
  const d = r.deref(holder);
  const method = d.type === "object" ? kids(d).find((m) => m.type === "method_definition" && r.src(m.childForFieldName("name") ?? m) === "verifyAccessToken") : undefined;
  const value = method ?? r.prop(d, "verifyAccessToken");
  const fn = value ? (value.type === "method_definition" ? value : r.functionOf(value)) : undefined;
  return fn && FUNCTION_TYPES.has(fn.type) ? fn : undefined;
}

/**
 * A function that decides nothing about its input: no throw, branch, loop or test, and no call but
 * harmless ones, not even a lookup (`tokens.get(token)` may find nothing).
 */
function checksNothing(r: Resolver, fn: TsNode): boolean {
  if (fn.descendantsOfType(DECIDES).length > 0) return false;
  if (fn.descendantsOfType("binary_expression").some((b) => TESTS.has(b.childForFieldName("operator")?.type ?? ""))) return false;
  return callsOnlyHarmless(r, fn) && fn.descendantsOfType("call_expression").every((c) => r.calleeName(c) !== "get");
}

/** The object literal a function returns: an arrow's `({...})` body, or its one `return {...}`. */
function returnedObject(r: Resolver, fn: TsNode): TsNode | undefined {
  const body = fn.childForFieldName("body");
  if (!body) return undefined;
  if (body.type !== "statement_block") return objectOf(r, body);
  const returns = body.descendantsOfType("return_statement");
  const only = returns.length === 1 ? kids(returns[0] as TsNode)[0] : undefined;
  return only ? objectOf(r, only) : undefined;
}

const objectOf = (r: Resolver, n: TsNode): TsNode | undefined => {
  let d = n;
  while (d.type === "parenthesized_expression" && kids(d)[0]) d = kids(d)[0] as TsNode;
  d = r.deref(d);
  // An object that spreads another (`{ token, ...record }`) may carry what a lookup found, or nothing.
  return d.type === "object" && !kids(d).some((k) => k.type === "spread_element") ? d : undefined;
};

/** Literal requiredScopes that the literal scopes it returns lack: every request gets a 403. */
function refusesAll(r: Resolver, options: TsNode | undefined, returned: TsNode): boolean {
  const literals = (n: TsNode | undefined) => {
    const d = n ? r.deref(n) : undefined;
    if (d?.type !== "array") return undefined;
    const all = r.items(d).map((x) => r.stringOf(x));
    return all.every((x): x is string => x !== undefined) ? all : undefined;
  };
  const required = literals(r.prop(options, "requiredScopes"));
  const given = literals(r.prop(returned, "scopes"));
  return required !== undefined && given !== undefined && required.some((s) => !given.includes(s));
}
