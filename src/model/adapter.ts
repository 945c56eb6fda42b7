/**
 * What every format adapter receives, and small helpers they share.
 */
import type { DocNode } from "../parse/doc.js";
import type { Loc, Span } from "./location.js";
import { LineIndex } from "./location.js";
import type { RefSyntax } from "./refs.js";
import type { AdapterOutput, ConfigScope } from "./types.js";

export interface AdapterInput {
  /** Relative POSIX path of the file. */
  readonly file: string;
  readonly text: string;
  /** Parsed documents (one for JSON/TOML, one or more for YAML). */
  readonly docs: readonly DocNode[];
  readonly lines: LineIndex;
  /** The client id of the catalog entry that matched. */
  readonly client: string;
  readonly scope: ConfigScope;
  /** Reference syntaxes this client expands. */
  readonly syntaxes: readonly RefSyntax[];
}

export type Adapter = (input: AdapterInput) => AdapterOutput;

export function locOf(input: Pick<AdapterInput, "file" | "lines">, span: Span): Loc {
  return input.lines.loc(input.file, span);
}

export function emptyOutput(): AdapterOutput {
  return { servers: [], policies: [], diagnostics: [] };
}

export function mergeOutputs(outputs: readonly AdapterOutput[]): AdapterOutput {
  const out = emptyOutput();
  for (const o of outputs) {
    out.servers.push(...o.servers);
    out.policies.push(...o.policies);
    out.diagnostics.push(...o.diagnostics);
  }
  return out;
}
