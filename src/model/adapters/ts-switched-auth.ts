/**
 * Authentication that code sets up only when a value is set: `if (process.env.MCP_AUTH_TOKEN)
 * app.use(auth)`, or a handler that checks the credential header only `if (authToken)`. With the
 * value unset the endpoint is open, with it set it is guarded; the files do not say which the
 * deployment does, so the endpoint is unknown, naming the switch (not deny, not allow).
 */
import type { TsNode } from "../../parse/typescript.js";
import { anonymousLayerReason } from "./optional-auth.js";
import { kids, type Resolver } from "./ts-values.js";

const FUNCTION_TYPES = new Set(["arrow_function", "function_expression", "function_declaration", "method_definition"]);
const holds = (outer: TsNode, inner: TsNode) => outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;

/** The value an `if` only asks is set: `if (token)`, `if (process.env.X)`, `if (config.auth.token)`; none for any other test. */
function switchValue(ifNode: TsNode): TsNode | undefined {
  let c = ifNode.childForFieldName("condition");
  while (c?.type === "parenthesized_expression") c = kids(c)[0] ?? null;
  return c && ["identifier", "member_expression", "subscript_expression"].includes(c.type) ? c : undefined;
}

/** How a switch reads: `process.env.MCP_AUTH_TOKEN` (also through a const bound to it), else the code's text. */
function switchText(r: Resolver, value: TsNode): string {
  const env = r.envName(value);
  return `\`${env !== undefined ? `process.env.${env}` : r.src(value)}\``;
}

/** An `if` whose branch holds what a switch turns on. */
export interface Switch {
  readonly ifNode: TsNode;
  /** `process.env.MCP_AUTH_TOKEN`, `authToken`, quoted as code. */
  readonly text: string;
}

/** The switch around `n` in its function: an `if (value)` whose first branch holds `n`. */
export function switchAround(r: Resolver, n: TsNode): Switch | undefined {
  for (let p = n.parent; p && !FUNCTION_TYPES.has(p.type); p = p.parent) {
    if (p.type !== "if_statement") continue;
    const then = p.childForFieldName("consequence");
    const value = switchValue(p);
    if (then && value && holds(then, n)) return { ifNode: p, text: switchText(r, value) };
  }
  return undefined;
}

/**
 * The switch every credential-header check of these handlers sits under (`inline` tells a check):
 * each `if (value)` branch that checks and does not hold the call that serves MCP is left out, and
 * nothing outside them checks. Undefined when a check runs whatever is set.
 */
export function switchedCheck(r: Resolver, fns: readonly TsNode[], inline: RegExp, reaches: RegExp): string | undefined {
  let found: string | undefined;
  for (const fn of fns) {
    const text = r.src(fn);
    if (!inline.test(text)) continue;
    const serve = reaches.exec(text);
    const serveAt = serve ? fn.startIndex + serve.index : -1;
    let rest = "";
    let at = fn.startIndex;
    for (const s of fn.descendantsOfType("if_statement")) {
      const then = s.childForFieldName("consequence");
      const value = switchValue(s);
      if (!then || !value || then.startIndex < at || (serveAt >= s.startIndex && serveAt < s.endIndex) || !inline.test(r.src(then))) continue;
      rest += text.slice(at - fn.startIndex, then.startIndex - fn.startIndex);
      at = then.endIndex;
      found ??= switchText(r, value);
    }
    rest += text.slice(at - fn.startIndex);
    if (inline.test(rest)) return undefined;
  }
  return found;
}

/** Why an endpoint behind a switched layer is not known to be guarded, naming the layer and its switch. */
export const switchedReason = (layer: string, when: string): string =>
  anonymousLayerReason(layer, `runs only when ${when} is set: whether the deployment sets it decides the authentication in front of it`);
