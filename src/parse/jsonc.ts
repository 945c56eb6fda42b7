/**
 * JSON and JSONC (comments, trailing commas, BOM) to a DocNode tree with exact
 * spans, through Microsoft's jsonc-parser (the parser VS Code itself uses).
 */
import { printParseErrorCode, visit, type ParseError, type ParseOptions } from "jsonc-parser";
import type { DocComment, DocEntry, DocNode } from "./doc.js";
import type { Span } from "../model/location.js";
import type { ParseProblem } from "./problem.js";
import { dropShadowed, type Dropped } from "./repeated-keys.js";
import { slashComments } from "./source-comments.js";

export interface JsoncResult {
  readonly doc?: DocNode;
  readonly problems: ParseProblem[];
  /** Keys written twice in one object: each earlier entry, dropped from the tree (see dropShadowed). */
  readonly shadowed: ParseProblem[];
  /** The dropped entries' text (key to value's end): the text scan covers it, as it does comments. */
  readonly unread: Span[];
  readonly comments: DocComment[];
}

/** Deeper nesting than this is refused (a stack-safe limit; real configs nest < 20). */
export const MAX_JSON_DEPTH = 256;

/**
 * `strict`: the file's client reads strict JSON (Claude Code's `.mcp.json` and
 * settings): a comment or a trailing comma is a syntax error there, reported
 * as one here (the tree is still built, as jsonc-parser recovers).
 * `keepRepeatedKeys`: every entry of a key written twice stays in the tree
 * (mcplint's own configuration refuses them, naming both); else the last.
 */
export function parseJsonc(text: string, strict = false, keepRepeatedKeys = false): JsoncResult {
  const problems: ParseProblem[] = [];
  const depth = maxDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    return {
      problems: [{ message: `nesting deeper than ${MAX_JSON_DEPTH} levels; file not parsed`, span: { start: 0, end: 0 } }],
      shadowed: [],
      unread: [],
      comments: [],
    };
  }
  const errors: ParseError[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = bom ? " " + text.slice(1) : text;
  const shadowed: ParseProblem[] = [];
  const unread: Span[] = [];
  const doc = buildDoc(source, errors, keepRepeatedKeys ? undefined : { shadowed, unread }, {
    allowTrailingComma: !strict,
    disallowComments: strict,
    allowEmptyContent: true,
  });
  const seenErr = new Set<string>();
  for (const e of errors) {
    const k = `${e.offset}:${e.error}`;
    if (seenErr.has(k)) continue;
    seenErr.add(k);
    const strictOnly = strict ? strictProblem(source, e) : undefined;
    const span = strictOnly?.span ?? { start: e.offset, end: e.offset + Math.max(e.length, 1) };
    problems.push({ message: strictOnly?.message ?? describeError(e.error), span, ...(strictOnly ? { strictOnly: true } : {}) });
  }
  const comments = slashComments(source, ['"']);
  return { ...(doc ? { doc } : {}), problems, shadowed, unread, comments };
}

/**
 * What a JSONC file does that strict JSON refuses: a comment, or a comma before `}` or `]`, and
 * where. The parser reports a trailing comma at the bracket after it, often a line below: the
 * problem is placed at the comma, the character to delete.
 */
function strictProblem(source: string, e: ParseError): { message: string; span?: { start: number; end: number } } | undefined {
  const name = printParseErrorCode(e.error);
  if (name === "InvalidCommentToken") return { message: "JSON syntax error: comments are not allowed (this client reads the file as strict JSON)" };
  if (name === "PropertyNameExpected" || name === "ValueExpected") {
    let i = e.offset - 1;
    while (i >= 0 && /\s/.test(source[i] as string)) i--;
    const next = source[e.offset];
    if (source[i] === "," && (next === "}" || next === "]")) return { message: "JSON syntax error: trailing comma (this client reads the file as strict JSON)", span: { start: i, end: i + 1 } };
  }
  return undefined;
}

function describeError(code: number): string {
  const name = printParseErrorCode(code);
  const words: Record<string, string> = {
    InvalidSymbol: "invalid symbol",
    InvalidNumberFormat: "invalid number",
    PropertyNameExpected: "property name expected",
    ValueExpected: "value expected",
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: "end of file expected",
    InvalidCommentToken: "invalid comment",
    UnexpectedEndOfComment: "unterminated comment",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfNumber: "unterminated number",
    InvalidUnicode: "invalid unicode escape",
    InvalidEscapeCharacter: "invalid escape character",
    InvalidCharacter: "invalid character",
  };
  return `JSON syntax error: ${words[name] ?? name}`;
}

/** A container being built: an object or array node, a property of an object, or the document root. */
interface Frame {
  readonly kind: "root" | "object" | "array" | "property";
  readonly parent: Frame | undefined;
  /** The node's span (objects and arrays: its end is set when the container closes). */
  readonly span: { start: number; end: number };
  /** Objects: their entries; arrays: their items; a property: its entry; the root: the document. */
  readonly entries?: DocEntry[];
  readonly items?: DocNode[];
  readonly entry?: { key: string; keySpan: Span; value: DocNode };
  doc?: DocNode;
}

/**
 * The DocNode tree of a JSON text, built from jsonc-parser's events. It makes
 * the tree that jsonc-parser's parseTree followed by a conversion made (same
 * nodes, spans and error recovery: test/parse/jsonc-tree.test.ts), without
 * parseTree's own nodes in between: a ~/.claude.json of many megabytes had
 * its values allocated twice.
 */
function buildDoc(source: string, errors: ParseError[], dropped: Dropped | undefined, options: ParseOptions): DocNode | undefined {
  const root: Frame = { kind: "root", parent: undefined, span: { start: -1, end: -2 } };
  let current: Frame = root;
  /** A value inside the current container (as parseTree's onValue). */
  const add = (node: DocNode): void => {
    if (current.kind === "array") current.items?.push(node);
    else if (current.kind === "property") {
      // (jsonc-parser gives a property one value at most.)
      if (current.entry) current.entry.value = node;
    } else if (current.kind === "root") current.doc ??= node;
    // (jsonc-parser reports no value directly inside an object: a value follows its property.)
  };
  const open = (kind: "object" | "array", offset: number): void => {
    const span = { start: offset, end: offset - 1 };
    const frame: Frame = kind === "object" ? { kind, parent: current, span, entries: [] } : { kind, parent: current, span, items: [] };
    add(kind === "object" ? { type: "object", span, entries: frame.entries as DocEntry[] } : { type: "array", span, items: frame.items as DocNode[] });
    current = frame;
  };
  const completeProperty = (): void => {
    if (current.kind === "property") current = current.parent as Frame;
  };
  const close = (offset: number, length: number): void => {
    current.span.end = offset + length;
    if (dropped && current.entries && current.entries.length > 1) dropShadowed(current.entries, dropped, jsonShadowed);
    current = current.parent ?? root;
    completeProperty();
  };
  visit(
    source,
    {
      onObjectBegin: (offset) => open("object", offset),
      onObjectProperty: (key, offset, length) => {
        const keySpan = { start: offset, end: offset + length };
        // A property with no value (a syntax error) has a null one at the key's end.
        const entry = { key, keySpan, value: { type: "null", span: { start: keySpan.end, end: keySpan.end }, value: null } as DocNode };
        current.entries?.push(entry);
        current = { kind: "property", parent: current, span: keySpan, entry };
      },
      onObjectEnd: (offset, length) => {
        completeProperty(); // a property with no value
        close(offset, length);
      },
      onArrayBegin: (offset) => open("array", offset),
      onArrayEnd: close,
      onLiteralValue: (value: unknown, offset, length) => {
        const span = { start: offset, end: offset + length };
        const type = typeof value;
        add(
          type === "string"
            ? { type: "string", span, value: value as string }
            : type === "number"
              ? { type: "number", span, value: value as number }
              : type === "boolean"
                ? { type: "boolean", span, value: value as boolean }
                : { type: "null", span, value: null },
        );
        completeProperty();
      },
      onSeparator: (sep) => {
        if (sep === ",") completeProperty();
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    options,
  );
  // Objects left open by a syntax error: their keys as the closed ones'.
  if (dropped) for (let f: Frame | undefined = current; f; f = f.parent) if (f.entries && f.entries.length > 1) dropShadowed(f.entries, dropped, jsonShadowed);
  return root.doc;
}

/** Why the earlier entry of a JSON key written twice is ignored (parse/repeated-keys.ts). */
const jsonShadowed = (key: string): string => `JSON: key ${JSON.stringify(key)} is written again later in this object, and JSON readers keep the last one: this entry is ignored`;

/** Maximum bracket depth outside strings, computed in one linear pass. */
function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
      if (max > MAX_JSON_DEPTH) return max;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

