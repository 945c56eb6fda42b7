/**
 * Whether a tool registered in code changes things: by the MCP annotations the
 * registration gives (`destructiveHint`, `readOnlyHint`), else by the words of
 * its name. Shared by the SDK's registrations (typescript-sdk-server.ts) and
 * the frameworks' (typescript-sdk-frameworks.ts).
 */
import type { TsNode } from "../../parse/typescript.js";
import { isDestructiveToolName } from "../tool-names.js";
import type { Resolver } from "./ts-values.js";

/** `rest`: the registration's arguments after the name, or the tool's options object (each read for `annotations`, or as annotations itself). */
export function isDestructive(r: Resolver, name: string, rest: readonly (TsNode | undefined)[]): boolean {
  for (const a of rest) {
    if (!a) continue;
    const annotations = r.prop(a, "annotations") ?? a;
    const destructive = r.prop(annotations, "destructiveHint");
    const readOnly = r.prop(annotations, "readOnlyHint");
    if (destructive && r.deref(destructive).type === "true") return true;
    if (readOnly && r.deref(readOnly).type === "true") return false;
    if (destructive && r.deref(destructive).type === "false") return false;
  }
  return isDestructiveToolName(name);
}
