import type { Span } from "../model/location.js";

/** A syntax problem found while parsing: message plus where. */
export interface ParseProblem {
  readonly message: string;
  readonly span: Span;
}
