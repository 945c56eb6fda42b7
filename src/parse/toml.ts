/**
 * TOML -> DocNode tree with exact source spans.
 *
 * `@iarna/toml` is the authority on whether a document is valid and what it
 * means; a small lenient scanner below then walks the (already validated) text
 * again to record where every key and value sits. The scanner never throws on
 * odd input and every loop consumes input, so it cannot hang.
 *
 * Span conventions:
 * - a string value's span covers the whole token, quotes included; `value` is
 *   the decoded string;
 * - dates and times are `type: "string"` with the raw token text as value;
 * - a table defined by a `[header]` (or `[[header]]` item) spans the header,
 *   from `[` to the closing `]`; a table created implicitly (by `[a.b]` or a
 *   dotted key `a.b = 1`) spans the first key segment that created it, and gets
 *   the header's span if a header defines it later;
 * - an array of tables spans its first `[[header]]`;
 * - the root object spans the whole text.
 */
import { createRequire } from "node:module";
import { LineIndex } from "../model/location.js";
import type { Span } from "../model/location.js";
import type { DocComment, DocNode, DocObject, DocScalar } from "./doc.js";
import { MAX_NESTING, nestsDeeperThan } from "./nesting.js";
import type { ParseProblem } from "./problem.js";

export type { ParseProblem } from "./problem.js";

/** `@iarna/toml` is loaded on the first TOML file: a run over JSON files never pays for it. */
type TomlLib = typeof import("@iarna/toml");
let lib: TomlLib | undefined;
const toml = (): TomlLib => (lib ??= createRequire(import.meta.url)("@iarna/toml") as TomlLib);

export interface TomlParseResult {
  /** The document, present only when the text is valid TOML. */
  readonly doc?: DocObject;
  readonly diagnostics: ParseProblem[];
  /** `#` comments in source order (text includes the `#`). */
  readonly comments: DocComment[];
}

/** Deepest nesting (arrays, inline tables, key segments) the span scanner follows. */
const MAX_DEPTH = 256;
const MAX_MESSAGE = 160;

export function parseToml(text: string): TomlParseResult {
  // @iarna/toml recurses and takes seconds on arrays / inline tables nested ~100,000 deep.
  if (nestsDeeperThan(text)) return { diagnostics: [{ message: `nesting deeper than ${MAX_NESTING} levels; file not parsed`, span: { start: 0, end: 1 } }], comments: [] };
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const problem = validate(text, bom);
  if (problem) return { diagnostics: [problem], comments: [] };
  try {
    const scanner = new Scanner(text, bom);
    const doc = scanner.run();
    if (!doc) {
      const span = scanner.tooDeep ?? { start: 0, end: 0 };
      return { diagnostics: [{ message: `TOML nested more than ${MAX_DEPTH} levels deep is not supported`, span }], comments: [] };
    }
    const lines = scanner.comments.length > 0 ? new LineIndex(text) : undefined;
    const comments = scanner.comments.map((c) => ({ ...c, line: lines?.position(c.span.start).line ?? 1 }));
    return { doc, diagnostics: [], comments };
  } catch (err) {
    // A bug in the scanner, not bad input: @iarna/toml accepted the text.
    const message = err instanceof Error ? err.message : String(err);
    return {
      diagnostics: [{ message: clip(`Could not map TOML positions: ${message}`), span: { start: 0, end: 0 } }],
      comments: [],
    };
  }
}

// ---------------------------------------------------------------------------
// Validation with @iarna/toml

interface IarnaError {
  message?: unknown;
  pos?: unknown;
}

function validate(text: string, bom: number): ParseProblem | undefined {
  // @iarna/toml rejects a BOM, and rejects the CR of a CRLF that ends a
  // comment line. Both are valid TOML; hide them without moving any offset.
  const body = text.slice(bom).replace(/\r\n/g, " \n");
  if (body.length === 0) return undefined;
  try {
    toml().parse(shieldInherited(body));
    return undefined;
  } catch (err) {
    const e = (err ?? {}) as IarnaError;
    const raw = typeof e.message === "string" ? e.message : String(err);
    // The pretty error appends " at row R, col C, pos P:" and a source excerpt; drop both.
    const cut = raw.indexOf(" at row ");
    const reason = (cut >= 0 ? raw.slice(0, cut) : raw.split("\n")[0] ?? "")
      .replace(/^\[?\w*Error\]?\s*/, "")
      .trim();
    // `pos` is 1 + the 0-based index of the offending code unit.
    let start = typeof e.pos === "number" && Number.isFinite(e.pos) ? bom + e.pos - 1 : bom;
    start = Math.max(0, Math.min(text.length, start));
    const cr = loneCrAt(text, start);
    if (cr !== undefined) return { message: "Invalid TOML: a lone CR (a classic Mac OS line end) ends this line; TOML ends lines only with LF or CRLF", span: { start: cr, end: cr } };
    const c = text.charCodeAt(start);
    const end = start < text.length && c !== 10 && c !== 13 ? start + 1 : start;
    return { message: clip(`Invalid TOML: ${reason || "syntax error"}`), span: { start, end } };
  }
}

/**
 * Names every plain object inherits (`constructor`, `toString`, `hasOwnProperty`, ...). @iarna/toml
 * looks keys up with `obj[key] || Table()`: a table named like one of them became the inherited
 * value itself, so `[a.constructor]` wrote its keys onto the global `Object`, `[a.hasOwnProperty]
 * call = 1` broke `hasOwnProperty.call` for every later file of the scan, and valid documents
 * (`[mcp_servers.toString]` then `[mcp_servers.toString.env]`) were called invalid.
 */
const INHERITED = Object.getOwnPropertyNames(Object.prototype);
const INHERITED_WORD = new RegExp(`(?<![A-Za-z0-9_-])(?:${INHERITED.join("|")})(?![A-Za-z0-9_-])`, "g");
const INHERITED_GATE = /constructor|__|toString|toLocaleString|valueOf|hasOwnProperty|isPrototypeOf|propertyIsEnumerable/;

/**
 * The text for @iarna/toml to judge: every inherited name written as a whole word (a bare key, a
 * quoted key's text, or anywhere else) replaced by a name of the same length no object inherits,
 * the same one for each name. Validity and error offsets are unchanged; the parse tree is the
 * scanner's, from the real text. Cheap when no such word occurs (one substring test).
 */
function shieldInherited(body: string): string {
  if (!INHERITED_GATE.test(body)) return body;
  // First character kept (an escape such as \t before the word stays an escape); the rest made
  // of characters no one writes in a key, ending with the name's index to keep names apart.
  return body.replace(INHERITED_WORD, (w) => {
    const tag = String(INHERITED.indexOf(w));
    return w[0] + "-".repeat(w.length - 1 - tag.length) + tag;
  });
}

/**
 * The offset of the lone CR (one no LF follows) that a parse error at `at` stumbled on: at `at`
 * itself (in a comment or a string) or just before it (the next line's first character).
 */
function loneCrAt(text: string, at: number): number | undefined {
  for (const i of [at, at - 1]) if (i >= 0 && text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) !== 10) return i;
  return undefined;
}

function clip(s: string): string {
  return s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s;
}

// ---------------------------------------------------------------------------
// Span scanner (mutable builder nodes, frozen into DocNodes at the end)

interface MObject {
  type: "object";
  span: Span;
  entries: MEntry[];
  index: Map<string, MEntry>;
  /** Created implicitly (by a longer header or a dotted key), not by its own header. */
  implicit: boolean;
}

interface MEntry {
  key: string;
  keySpan: Span;
  value: MNode;
}

interface MArray {
  type: "array";
  span: Span;
  items: MNode[];
  /** An array of tables (`[[x]]`), as opposed to an inline array. */
  tables: boolean;
}

type MNode = MObject | MArray | DocScalar;

interface KeySeg {
  key: string;
  span: Span;
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOT = 34;
const CH_HASH = 35;
const CH_APOS = 39;
const CH_COMMA = 44;
const CH_DOT = 46;
const CH_EQ = 61;
const CH_LBRACKET = 91;
const CH_BSOL = 92;
const CH_RBRACKET = 93;
const CH_LBRACE = 123;
const CH_RBRACE = 125;

const ESCAPES: Record<string, string> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  e: "\u001b",
  '"': '"',
  "\\": "\\",
};

function newObject(span: Span, implicit: boolean): MObject {
  return { type: "object", span, entries: [], index: new Map(), implicit };
}

function addEntry(obj: MObject, key: string, keySpan: Span, value: MNode): void {
  const e: MEntry = { key, keySpan, value };
  obj.entries.push(e);
  obj.index.set(key, e);
}

function isBareKeyChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 95 || // _
    c === 45 // -
  );
}

/** Characters that end a bare value token (number, boolean, date). */
function endsToken(c: number): boolean {
  return (
    Number.isNaN(c) ||
    c === CH_SPACE ||
    c === CH_TAB ||
    c === CH_LF ||
    c === CH_CR ||
    c === CH_COMMA ||
    c === CH_RBRACKET ||
    c === CH_RBRACE ||
    c === CH_HASH
  );
}

class Scanner {
  readonly comments: DocComment[] = [];
  /** Where nesting first went past MAX_DEPTH (valid TOML, but no tree is built). */
  tooDeep: Span | undefined;
  readonly #text: string;
  readonly #len: number;
  #pos: number;

  constructor(text: string, start: number) {
    this.#text = text;
    this.#len = text.length;
    this.#pos = start;
  }

  run(): DocObject | undefined {
    const root = newObject({ start: 0, end: this.#len }, false);
    let current = root;
    while (this.#pos < this.#len) {
      const before = this.#pos;
      this.#skipWs();
      const c = this.#code();
      if (c === CH_LF || c === CH_CR) {
        this.#newline();
        continue;
      }
      if (c === CH_HASH) {
        this.#comment();
        continue;
      }
      if (c === CH_LBRACKET) {
        current = this.#header(root);
      } else if (!Number.isNaN(c)) {
        this.#keyValue(current, 0);
      }
      this.#skipRestOfLine();
      if (this.#pos === before) this.#pos++; // cannot happen; guarantees progress
    }
    return this.tooDeep ? undefined : (freeze(root) as DocObject);
  }

  // -- characters ----------------------------------------------------------

  #code(at = this.#pos): number {
    return at < this.#len ? this.#text.charCodeAt(at) : Number.NaN;
  }

  #skipWs(): void {
    while (this.#pos < this.#len) {
      const c = this.#text.charCodeAt(this.#pos);
      if (c !== CH_SPACE && c !== CH_TAB) break;
      this.#pos++;
    }
  }

  /** Consumes one LF, CRLF or lone CR at the cursor, if any. */
  #newline(): boolean {
    const c = this.#code();
    if (c === CH_LF) this.#pos++;
    else if (c === CH_CR) this.#pos += this.#code(this.#pos + 1) === CH_LF ? 2 : 1;
    else return false;
    return true;
  }

  /** Reads a `#` comment up to (not including) the end of the line. */
  #comment(): void {
    const start = this.#pos;
    while (this.#pos < this.#len) {
      const c = this.#text.charCodeAt(this.#pos);
      if (c === CH_LF || c === CH_CR) break;
      this.#pos++;
    }
    this.comments.push({ text: this.#text.slice(start, this.#pos), span: { start, end: this.#pos }, line: 0 });
  }

  /** Skips whitespace, newlines and comments (inside arrays and inline tables). */
  #skipBlank(): void {
    while (this.#pos < this.#len) {
      this.#skipWs();
      const c = this.#code();
      if (c === CH_HASH) this.#comment();
      else if (!this.#newline()) break;
    }
  }

  /** After a statement: skips to just past the end of the line, recording a trailing comment. */
  #skipRestOfLine(): void {
    while (this.#pos < this.#len) {
      const c = this.#text.charCodeAt(this.#pos);
      if (c === CH_HASH) this.#comment();
      else if (this.#newline()) return;
      else this.#pos++;
    }
  }

  // -- keys ----------------------------------------------------------------

  /** A dotted key: one or more segments. Empty when no key starts here. */
  #keyPath(): KeySeg[] {
    const segs: KeySeg[] = [];
    for (;;) {
      this.#skipWs();
      const seg = this.#simpleKey();
      if (!seg) break;
      segs.push(seg);
      if (segs.length > MAX_DEPTH) this.tooDeep ??= seg.span;
      this.#skipWs();
      if (this.#code() !== CH_DOT) break;
      this.#pos++;
    }
    return segs;
  }

  #simpleKey(): KeySeg | undefined {
    const start = this.#pos;
    const c = this.#code();
    if (c === CH_QUOT) {
      const key = this.#basicString();
      return { key, span: { start, end: this.#pos } };
    }
    if (c === CH_APOS) {
      const key = this.#literalString();
      return { key, span: { start, end: this.#pos } };
    }
    while (this.#pos < this.#len && isBareKeyChar(this.#text.charCodeAt(this.#pos))) this.#pos++;
    if (this.#pos === start) return undefined;
    return { key: this.#text.slice(start, this.#pos), span: { start, end: this.#pos } };
  }

  /**
   * Walks into (or creates) the table a key segment names. Arrays of tables
   * resolve to their last item. A clash with a non-table (invalid TOML, so it
   * cannot happen after validation) yields a detached table.
   */
  #descend(table: MObject, seg: KeySeg): MObject {
    const e = table.index.get(seg.key);
    if (!e) {
      const obj = newObject(seg.span, true);
      addEntry(table, seg.key, seg.span, obj);
      return obj;
    }
    const v = e.value;
    if (v.type === "object") return v;
    if (v.type === "array") {
      const last = v.items[v.items.length - 1];
      if (last?.type === "object") return last;
    }
    return newObject(seg.span, true);
  }

  // -- statements ----------------------------------------------------------

  /** `[a.b]` or `[[a.b]]`; returns the table that following key/values go into. */
  #header(root: MObject): MObject {
    const start = this.#pos;
    const tables = this.#code(start + 1) === CH_LBRACKET;
    this.#pos += tables ? 2 : 1;
    const path = this.#keyPath();
    this.#skipWs();
    if (this.#code() === CH_RBRACKET) {
      this.#pos++;
      if (tables && this.#code() === CH_RBRACKET) this.#pos++;
    }
    const span = { start, end: this.#pos };
    const last = path[path.length - 1];
    if (!last) return newObject(span, false);
    let table = root;
    for (let i = 0; i < path.length - 1; i++) table = this.#descend(table, path[i] as KeySeg);

    const existing = table.index.get(last.key);
    if (tables) {
      let arr: MArray;
      if (!existing) {
        arr = { type: "array", span, items: [], tables: true };
        addEntry(table, last.key, last.span, arr);
      } else if (existing.value.type === "array") {
        arr = existing.value;
      } else {
        return newObject(span, false);
      }
      const item = newObject(span, false);
      arr.items.push(item);
      return item;
    }
    if (!existing) {
      const obj = newObject(span, false);
      addEntry(table, last.key, last.span, obj);
      return obj;
    }
    const v = existing.value;
    if (v.type === "object") {
      if (v.implicit) {
        // A super-table defined after its sub-table: the header now defines it.
        v.implicit = false;
        v.span = span;
        existing.keySpan = last.span;
      }
      return v;
    }
    return newObject(span, false);
  }

  /** `a.b.c = value` into `table`. */
  #keyValue(table: MObject, depth: number): boolean {
    const path = this.#keyPath();
    const last = path[path.length - 1];
    if (!last) return false;
    let t = table;
    for (let i = 0; i < path.length - 1; i++) t = this.#descend(t, path[i] as KeySeg);
    this.#skipWs();
    if (this.#code() !== CH_EQ) return false;
    this.#pos++;
    this.#skipWs();
    const value = this.#value(depth);
    addEntry(t, last.key, last.span, value);
    return true;
  }

  // -- values --------------------------------------------------------------

  #value(depth: number): MNode {
    const start = this.#pos;
    const c = this.#code();
    if (c === CH_QUOT) {
      const multi = this.#text.startsWith('"""', start);
      const value = multi ? this.#multiBasicString() : this.#basicString();
      return { type: "string", span: { start, end: this.#pos }, value };
    }
    if (c === CH_APOS) {
      const multi = this.#text.startsWith("'''", start);
      const value = multi ? this.#multiLiteralString() : this.#literalString();
      return { type: "string", span: { start, end: this.#pos }, value };
    }
    if (c === CH_LBRACKET || c === CH_LBRACE) {
      if (depth < MAX_DEPTH) return c === CH_LBRACKET ? this.#array(depth + 1) : this.#inlineTable(depth + 1);
      this.tooDeep ??= { start, end: start + 1 };
    }
    return this.#bareValue();
  }

  #array(depth: number): MArray {
    const start = this.#pos;
    this.#pos++; // [
    const items: MNode[] = [];
    for (;;) {
      this.#skipBlank();
      const c = this.#code();
      if (c === CH_RBRACKET) {
        this.#pos++;
        break;
      }
      if (Number.isNaN(c)) break;
      const at = this.#pos;
      const item = this.#value(depth);
      if (this.#pos === at) break; // nothing parsed: lenient stop
      items.push(item);
      this.#skipBlank();
      const d = this.#code();
      if (d === CH_COMMA) this.#pos++;
      else if (d === CH_RBRACKET) {
        this.#pos++;
        break;
      } else break;
    }
    return { type: "array", span: { start, end: this.#pos }, items, tables: false };
  }

  #inlineTable(depth: number): MObject {
    const start = this.#pos;
    this.#pos++; // {
    const obj = newObject({ start, end: start }, false);
    for (;;) {
      this.#skipBlank();
      const c = this.#code();
      if (c === CH_RBRACE) {
        this.#pos++;
        break;
      }
      if (Number.isNaN(c)) break;
      const at = this.#pos;
      if (!this.#keyValue(obj, depth) || this.#pos === at) break;
      this.#skipBlank();
      const d = this.#code();
      if (d === CH_COMMA) this.#pos++;
      else if (d === CH_RBRACE) {
        this.#pos++;
        break;
      } else break;
    }
    obj.span = { start, end: this.#pos };
    return obj;
  }

  /** Numbers, booleans, dates and times. */
  #bareValue(): DocScalar {
    const start = this.#pos;
    while (!endsToken(this.#code())) this.#pos++;
    let raw = this.#text.slice(start, this.#pos);
    // A local date followed by " HH:" is a date-time with a space separator.
    if (
      /^\d{4}-\d{2}-\d{2}$/.test(raw) &&
      this.#code() === CH_SPACE &&
      /^\d{2}:/.test(this.#text.slice(this.#pos + 1, this.#pos + 4))
    ) {
      this.#pos++;
      while (!endsToken(this.#code())) this.#pos++;
      raw = this.#text.slice(start, this.#pos);
    }
    const span = { start, end: this.#pos };
    if (raw === "true" || raw === "false") return { type: "boolean", span, value: raw === "true" };
    if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(raw)) return { type: "string", span, value: raw };
    const num = parseNumber(raw);
    if (num === undefined) return { type: raw ? "string" : "null", span, value: raw || null };
    return { type: "number", span, value: num };
  }

  // -- strings (cursor on the opening quote; returns the decoded value) -----

  #basicString(): string {
    this.#pos++; // "
    let out = "";
    let chunk = this.#pos;
    while (this.#pos < this.#len) {
      const c = this.#text.charCodeAt(this.#pos);
      if (c === CH_QUOT) {
        out += this.#text.slice(chunk, this.#pos);
        this.#pos++;
        return out;
      }
      if (c === CH_LF || c === CH_CR) break; // unterminated (invalid)
      if (c === CH_BSOL) {
        out += this.#text.slice(chunk, this.#pos);
        out += this.#escape();
        chunk = this.#pos;
        continue;
      }
      this.#pos++;
    }
    return out + this.#text.slice(chunk, this.#pos);
  }

  #multiBasicString(): string {
    this.#pos += 3; // """
    this.#trimFirstNewline();
    let out = "";
    let chunk = this.#pos;
    while (this.#pos < this.#len) {
      const c = this.#text.charCodeAt(this.#pos);
      if (c === CH_QUOT && this.#text.startsWith('"""', this.#pos)) {
        out += this.#text.slice(chunk, this.#pos);
        return out + this.#closeMulti(CH_QUOT);
      }
      if (c === CH_BSOL) {
        out += this.#text.slice(chunk, this.#pos);
        if (!this.#lineEndingBackslash()) out += this.#escape();
        chunk = this.#pos;
        continue;
      }
      if (c === CH_LF || c === CH_CR) {
        this.#newline();
        continue;
      }
      this.#pos++;
    }
    return out + this.#text.slice(chunk, this.#pos);
  }

  #literalString(): string {
    const start = ++this.#pos; // '
    while (this.#pos < this.#len) {
      const c = this.#text.charCodeAt(this.#pos);
      if (c === CH_APOS) {
        const value = this.#text.slice(start, this.#pos);
        this.#pos++;
        return value;
      }
      if (c === CH_LF || c === CH_CR) break;
      this.#pos++;
    }
    return this.#text.slice(start, this.#pos);
  }

  #multiLiteralString(): string {
    this.#pos += 3; // '''
    this.#trimFirstNewline();
    const start = this.#pos;
    while (this.#pos < this.#len) {
      const c = this.#text.charCodeAt(this.#pos);
      if (c === CH_APOS && this.#text.startsWith("'''", this.#pos)) {
        const body = this.#text.slice(start, this.#pos);
        return body + this.#closeMulti(CH_APOS);
      }
      if (c === CH_LF || c === CH_CR) this.#newline();
      else this.#pos++;
    }
    return this.#text.slice(start, this.#pos);
  }

  /**
   * A newline right after an opening `"""` or `'''` is not part of the string.
   * Like @iarna/toml, any CRs before the LF go too.
   */
  #trimFirstNewline(): void {
    while (this.#code() === CH_CR) this.#pos++;
    if (this.#code() === CH_LF) this.#pos++;
  }

  /**
   * At a run of 3 or more quotes that closes a multi-line string: up to two
   * extra quotes before the closing delimiter belong to the content.
   */
  #closeMulti(q: number): string {
    let n = 0;
    while (n < 5 && this.#code(this.#pos + n) === q) n++;
    this.#pos += n;
    return String.fromCharCode(q).repeat(Math.max(0, n - 3));
  }

  /** `\` + optional whitespace + newline: skips all whitespace and newlines after it. */
  #lineEndingBackslash(): boolean {
    let p = this.#pos + 1;
    while (p < this.#len && (this.#text.charCodeAt(p) === CH_SPACE || this.#text.charCodeAt(p) === CH_TAB)) p++;
    const c = this.#code(p);
    if (c !== CH_LF && c !== CH_CR) return false;
    this.#pos = p;
    while (this.#pos < this.#len) {
      this.#skipWs();
      if (!this.#newline()) break;
    }
    return true;
  }

  /** Decodes one escape sequence; the cursor is on the backslash. */
  #escape(): string {
    const e = this.#text[this.#pos + 1];
    if (e === undefined) {
      this.#pos++;
      return "";
    }
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      this.#pos += 2;
      return simple;
    }
    const digits = e === "u" ? 4 : e === "U" ? 8 : e === "x" ? 2 : 0;
    if (digits > 0) {
      const hex = this.#text.slice(this.#pos + 2, this.#pos + 2 + digits);
      if (hex.length === digits && /^[0-9A-Fa-f]+$/.test(hex)) {
        this.#pos += 2 + digits;
        const cp = Number.parseInt(hex, 16);
        return cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
      }
    }
    // Unknown escape (invalid TOML): keep it as written.
    this.#pos += 2;
    return `\\${e}`;
  }
}

/** TOML integer or float text to a number; undefined if it is neither. */
function parseNumber(raw: string): number | undefined {
  const m = /^([+-]?)(inf|nan)$/.exec(raw);
  if (m) return m[2] === "nan" ? Number.NaN : m[1] === "-" ? -Infinity : Infinity;
  const s = raw.replace(/_/g, "");
  // Lenient on purpose (`2.` is accepted by @iarna/toml inside arrays).
  if (!/^[+-]?(0[xob][0-9A-Fa-f]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)$/.test(s)) return undefined;
  const n = Number(s);
  if (Number.isNaN(n)) return undefined;
  const integer = /^[+-]?(0[xob]|\d+$)/.test(s);
  return integer ? n + 0 : n; // integer -0 is 0
}

function freeze(n: MNode): DocNode {
  switch (n.type) {
    case "object":
      return {
        type: "object",
        span: n.span,
        entries: n.entries.map((e) => ({ key: e.key, keySpan: e.keySpan, value: freeze(e.value) })),
      };
    case "array":
      return { type: "array", span: n.span, items: n.items.map(freeze) };
    default:
      return n;
  }
}
