/**
 * A problem a parser found in a document (invalid syntax), with the span where
 * it was detected. Parsers return these instead of throwing.
 */
import type { Span } from "../model/location.js";

export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
  /** JSONC that strict JSON refuses (a comment, a trailing comma): the document was still read whole. */
  readonly strictOnly?: boolean;
  /** A key written again later in its JSON object or YAML mapping: this entry is dead config (parse/repeated-keys.ts). */
  readonly shadowed?: boolean;
}
