/**
 * JSON and JSONC (comments, trailing commas, BOM) to a DocNode tree with exact
 * spans, through Microsoft's jsonc-parser (the parser VS Code itself uses).
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { DocComment, DocEntry, DocNode } from "./doc.js";
import type { ParseProblem } from "./problem.js";
import { slashComments } from "./source-comments.js";

export interface JsoncResult {
  readonly doc?: DocNode;
  readonly problems: ParseProblem[];
  readonly comments: DocComment[];
}

/** Deeper nesting than this is refused (a stack-safe limit; real configs nest < 20). */
export const MAX_JSON_DEPTH = 256;

/**
 * `strict`: the file's client reads strict JSON (Claude Code's `.mcp.json` and
 * settings): a comment or a trailing comma is a syntax error there, reported
 * as one here (the tree is still built, as jsonc-parser recovers).
 */
export function parseJsonc(text: string, strict = false): JsoncResult {
  const problems: ParseProblem[] = [];
  const depth = maxDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    return {
      problems: [{ message: `nesting deeper than ${MAX_JSON_DEPTH} levels; file not parsed`, span: { start: 0, end: 0 } }],
      comments: [],
    };
  }
  const errors: ParseError[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const source = bom ? " " + text.slice(1) : text;
  const tree = parseTree(source, errors, {
    allowTrailingComma: !strict,
    disallowComments: strict,
    allowEmptyContent: true,
  });
  const seenErr = new Set<string>();
  for (const e of errors) {
    const k = `${e.offset}:${e.error}`;
    if (seenErr.has(k)) continue;
    seenErr.add(k);
    const message = strict ? strictMessage(source, e) : undefined;
    problems.push({ message: message ?? describeError(e.error), span: { start: e.offset, end: e.offset + Math.max(e.length, 1) }, ...(message ? { strictOnly: true } : {}) });
  }
  const comments = slashComments(source, ['"']);
  return { doc: tree ? convert(tree) : undefined, problems, comments };
}

/** What a JSONC file does that strict JSON refuses: a comment, or a comma before `}` or `]`. */
function strictMessage(source: string, e: ParseError): string | undefined {
  const name = printParseErrorCode(e.error);
  if (name === "InvalidCommentToken") return "JSON syntax error: comments are not allowed (this client reads the file as strict JSON)";
  if (name === "PropertyNameExpected" || name === "ValueExpected") {
    let i = e.offset - 1;
    while (i >= 0 && /\s/.test(source[i] as string)) i--;
    const next = source[e.offset];
    if (source[i] === "," && (next === "}" || next === "]")) return "JSON syntax error: trailing comma (this client reads the file as strict JSON)";
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

function convert(node: Node): DocNode {
  const span = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case "object": {
      const entries: DocEntry[] = [];
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || typeof k.value !== "string") continue;
        const value: DocNode = v ? convert(v) : { type: "null", span: { start: k.offset + k.length, end: k.offset + k.length }, value: null };
        entries.push({ key: k.value, keySpan: { start: k.offset, end: k.offset + k.length }, value });
      }
      return { type: "object", span, entries };
    }
    case "array":
      return { type: "array", span, items: (node.children ?? []).map(convert) };
    case "string":
      return { type: "string", span, value: String(node.value) };
    case "number":
      return { type: "number", span, value: Number(node.value) };
    case "boolean":
      return { type: "boolean", span, value: Boolean(node.value) };
    default:
      return { type: "null", span, value: null };
  }
}

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

