/**
 * Shared helpers for the audit derivers: each product's function reads the
 * raw document and says whether an access or audit log that records caller,
 * tool and decision is configured (`Policy.audit`), or undefined when the
 * file cannot tell.
 */
import type { Span } from "../../location.js";
import { locOf, type AdapterInput } from "../../adapter.js";
import { str, bool, type DocNode } from "../../../parse/doc.js";
import type { PolicyAudit } from "../../types.js";

export type Where = Pick<AdapterInput, "file" | "lines">;

export function auditAt(where: Where, span: Span, configured: boolean, key: string, detail: string): PolicyAudit {
  return { configured, key, loc: locOf(where, span), detail };
}

/** A boolean written as YAML/JSON boolean or as a string (`"false"`, `"0"`, `"off"`). */
export function flag(n: DocNode | undefined): boolean | undefined {
  const b = bool(n);
  if (b !== undefined) return b;
  const s = str(n)?.trim().toLowerCase();
  if (s === undefined) return undefined;
  if (["true", "1", "yes", "on"].includes(s)) return true;
  if (["false", "0", "no", "off"].includes(s)) return false;
  return undefined;
}
