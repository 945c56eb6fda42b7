/**
 * A Helm chart template (`templates/*.yaml`) is YAML with Go template actions
 * in it, and it is not valid YAML as written: control lines (`{{- if ... }}`,
 * `{{- range ... }}`, `{{- end }}`), lines whose output is unknown until the
 * chart is rendered (`{{- include "x" . | nindent 4 }}`, `{{- toYaml ... }}`)
 * and unquoted values that start with an action (`replicas: {{ .Values.n }}`).
 *
 * The reading here gives the YAML as a reviewer sees it, at the same offsets
 * (same length, same line breaks, so every line and column stays exact):
 * - a line that holds nothing but actions is blanked (spaces): a control line
 *   says nothing about structure, and an `include`/`toYaml` line's output is
 *   unknown, so none of them is read (no structure is invented for them);
 * - a key or value that starts with an action is read as one string, its text
 *   as written (`{{ .Values.n }}`), so it stays a `template` reference.
 * - an action inside a quoted string (`"{{ join "," .Values.x }}"`) is read
 *   with its own quote characters swapped for the other kind (and `\` for
 *   `/` in a double-quoted one): Helm fills it in before YAML reads the line,
 *   so its quotes never end the string; the string gets its text back.
 * Both branches of an `if` are kept: the text of each is in the file.
 * Block scalar content (`|`, `>`) is left as written: it is text, not YAML.
 */
import type { Span } from "../model/location.js";
import type { DocEntry, DocNode } from "./doc.js";
import type { ParsedDocument } from "./index.js";
import { parseYaml } from "./yaml.js";
import { isBlockScalarIndicator } from "./yaml-block-scalar.js";

export interface HelmReading {
  /** The text as read: same length and line breaks as the original. */
  readonly text: string;
  /** Where a key or value that starts with an action was read as one quoted string. */
  readonly quoted: ReadonlySet<number>;
  /** Where a quoted string opens whose actions had their quote characters swapped. */
  readonly requoted: ReadonlySet<number>;
  /** The actions set aside (blanked): text no parse reads, which the text scan still covers. */
  readonly blanked: readonly Span[];
}

/** Every `{{ ... }}` action in order; an action with no `}}` after it ends the list. */
function actionSpans(text: string): Span[] {
  const out: Span[] = [];
  let i = text.indexOf("{{");
  while (i >= 0) {
    const j = text.indexOf("}}", i + 2);
    if (j < 0) break;
    out.push({ start: i, end: j + 2 });
    i = text.indexOf("{{", j + 2);
  }
  return out;
}

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\r";

/** Does this line (its last non-blank character at `last`) open a block scalar (`key: |`, `- >-`, `key: |2`)? Its deeper lines are text. */
function opensBlockScalar(text: string, first: number, last: number): boolean {
  if (!"|>+-123456789".includes(text[last] ?? " ")) return false;
  let k = last;
  while (k > first && !isBlank(text[k - 1])) k--;
  if (!isBlockScalarIndicator(text.slice(k, last + 1))) return false;
  if (k === first) return true;
  let p = k - 1;
  while (p > first && isBlank(text[p])) p--;
  return text[p] === ":" || text[p] === "-";
}

/**
 * Where the key or value that starts at `s` ends on the line (before `eol`),
 * skipping over actions (`actions[a]` is the one at `s`): at `: ` (a key), at
 * ` #` (a comment) or at the line's end. Undefined when it holds a `'`, which
 * the quoting cannot keep, or an action that goes on past the line.
 */
function scalarEnd(text: string, actions: readonly Span[], a: number, s: number, eol: number): { end: number; key: boolean; next: number } | undefined {
  let i = s;
  let k = a;
  while (i < eol) {
    const act = actions[k];
    if (act && act.start === i) {
      // An action that runs over the line's end is left as written.
      if (act.end > eol) return undefined;
      i = act.end;
      k++;
      continue;
    }
    const c = text[i];
    if (c === "'") return undefined;
    if (c === ":" && (i + 1 >= eol || isBlank(text[i + 1]))) return { end: i, key: true, next: k };
    if (c === "#" && isBlank(text[i - 1])) break;
    i++;
  }
  let end = Math.min(i, eol);
  while (end > s && isBlank(text[end - 1])) end--;
  return { end, key: false, next: k };
}

/**
 * The reading of a template (see the module comment), or undefined when the
 * text has no complete action.
 */
export function helmReadable(original: string): HelmReading | undefined {
  // A lone CR is a line break to YAML (as parseYaml reads it): same length.
  const text = original.includes("\r") ? original.replace(/\r(?!\n)/g, "\n") : original;
  const actions = actionSpans(text);
  if (actions.length === 0) return undefined;
  const edits: Edit[] = [];
  const quoted = new Set<number>();
  const requoted = new Set<number>();
  const blanked: Span[] = [];
  let a = 0;
  let pos = 0;
  // The indentation of the line that opened a block scalar (its deeper lines are text), or -1.
  let block = -1;
  while (pos <= text.length && a < actions.length) {
    let eol = text.indexOf("\n", pos);
    if (eol < 0) eol = text.length;
    let first = pos;
    while (first < eol && isBlank(text[first])) first++;
    const indent = first - pos;
    let last = eol - 1;
    while (last >= first && isBlank(text[last])) last--;
    const act = actions[a];
    const empty = first > last;
    // A line of nothing but actions (one may run over several lines, a `{{/* ... */}}` comment).
    if (act && act.start === first) {
      let b = a;
      while (b + 1 < actions.length && onlyBlanks(text, actions[b]!.end, actions[b + 1]!.start)) b++;
      const runEnd = actions[b]!.end;
      const lineEnd = endOfLine(text, runEnd);
      if (onlyBlanks(text, runEnd, lineEnd) && !(block >= 0 && indent > block)) {
        edits.push({ start: first, end: runEnd });
        blanked.push({ start: first, end: runEnd });
        a = b + 1;
        pos = lineEnd + 1;
        continue;
      }
    }
    if (!empty) {
      if (block >= 0 && indent <= block) block = -1;
      if (block < 0) {
        a = quoteScalars(text, actions, a, pos, first, eol, edits, { quoted, requoted });
        if (opensBlockScalar(text, first, last)) block = indent;
      }
    }
    while (a < actions.length && actions[a]!.start < eol) a++;
    pos = eol + 1;
  }
  if (edits.length === 0) return { text: original, quoted, requoted, blanked };
  return { text: applyEdits(text, edits), quoted, requoted, blanked };
}

/** A span to rewrite: blank it, read it as one quoted string (`quote`), or swap the quote characters in it (`swap`). */
interface Edit {
  readonly start: number;
  readonly end: number;
  readonly quote?: boolean;
  readonly swap?: string;
}

/** Only spaces, tabs and CRs between `from` and `to` (no line break). */
function onlyBlanks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBlank(text[i])) return false;
  return true;
}

function endOfLine(text: string, from: number): number {
  const i = text.indexOf("\n", from);
  return i < 0 ? text.length : i;
}

/**
 * Quotes the keys and values of one line that start with an action: at the
 * line's start (a key: `{{ $key }}: ...`), after `- ` and after `: `.
 * Returns the index of the first action past the ones it looked at.
 */
function quoteScalars(text: string, actions: readonly Span[], a: number, pos: number, first: number, eol: number, edits: Edit[], marks: { quoted: Set<number>; requoted: Set<number> }): number {
  let k = a;
  while (k < actions.length && actions[k]!.start < pos) k++;
  // The line read up to `at` (actions skipped): how deep in flow collections (`{ name: {{ y }} }`,
  // `[{{ x }}]`) and whether inside a quoted string (`"host: {{ x }}"`); what is inside either is
  // left as written, and so is the rest of a line from its comment on.
  let depth = 0;
  let quote = "";
  let opened = 0;
  let prev = "";
  let at = first;
  let skip = k;
  while (k < actions.length && actions[k]!.start < eol) {
    const s = actions[k]!.start;
    for (; at < s; at++) {
      if (actions[skip]?.start === at) {
        at = actions[skip]!.end - 1;
        skip++;
        prev = "}";
        continue;
      }
      const c = text[at]!;
      if (quote) {
        if (c === "\\" && quote === '"') at++;
        else if (c === quote) quote = "";
        continue;
      }
      if (c === "#" && (at === first || isBlank(text[at - 1]))) return k;
      if ((c === '"' || c === "'") && (prev === "" || ":-[{,".includes(prev))) {
        quote = c;
        opened = at;
      }
      else if (c === "{" || c === "[") depth++;
      else if ((c === "}" || c === "]") && depth > 0) depth--;
      if (!isBlank(c)) prev = c;
    }
    if (quote && breaksQuote(text.slice(s, actions[k]!.end), quote)) {
      edits.push({ start: s, end: actions[k]!.end, swap: quote });
      marks.requoted.add(opened);
    }
    if (quote || depth > 0 || !startsScalar(text, first, s)) {
      k++;
      continue;
    }
    const scalar = scalarEnd(text, actions, k, s, eol);
    if (!scalar) return k + 1;
    // A line that starts with an action and is no key is a continuation of text: left alone.
    if (s === first && !scalar.key) return scalar.next;
    edits.push({ start: s, end: scalar.end, quote: true });
    marks.quoted.add(s);
    k = scalar.next;
    at = scalar.end;
    skip = k;
  }
  return k;
}

/** Does a key or value start at `s` (the line's first character, after `- ` or after `: `)? */
function startsScalar(text: string, first: number, s: number): boolean {
  if (s === first) return true;
  if (!isBlank(text[s - 1])) return false;
  let p = s - 1;
  while (p > first && isBlank(text[p])) p--;
  if (text[p] === ":") return true;
  // `- {{ x }}`: the dash starts the line's content or follows another `- `.
  return text[p] === "-" && (p === first || isBlank(text[p - 1]));
}

/**
 * Would YAML end the `quote`d string that holds this action inside it? At a `"` no `\` escapes in a
 * double-quoted string (`"{{ join "," .x }}"`; `"{{ default \"a\" .x }}"` reads as YAML wrote it),
 * at a `'` that is not doubled in a single-quoted one.
 */
function breaksQuote(action: string, quote: string): boolean {
  for (let i = 0; i < action.length; i++) {
    const c = action[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      if (quote === "'" && action[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

/** An action's text with its quote characters swapped for the other kind, so that it stays inside its `quote`d string. */
function swapQuotes(action: string, quote: string): string {
  return quote === '"' ? action.replace(/["\\]/g, (c) => (c === '"' ? "'" : "/")) : action.replace(/'/g, '"');
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of edits) {
    parts.push(text.slice(at, e.start));
    if (e.swap) parts.push(swapQuotes(text.slice(e.start, e.end), e.swap));
    else if (e.quote) parts.push(`'${text.slice(e.start + 1, e.end - 1)}'`);
    else parts.push(text.slice(e.start, e.end).replace(/[^\n\r]/g, " "));
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/**
 * The value of a one-line quoted string as written (`"{{ join "," .x }}"` is
 * `{{ join "," .x }}`), when nothing in it is an escape YAML would decode
 * (a `\` in double quotes, `''` in single ones); else undefined.
 */
function asWritten(quoted: string): string | undefined {
  const inner = quoted.slice(1, -1);
  if (inner.includes("\n") || quoted.length < 2) return undefined;
  return (quoted[0] === '"' ? inner.includes("\\") : inner.includes("''")) ? undefined : inner;
}

/**
 * Parses a template as read by helmReadable, with each quoted key and value
 * given back its text as written. Undefined when the text has no action.
 */
export function parseHelmTemplate(text: string): ParsedDocument | undefined {
  const reading = helmReadable(text);
  if (!reading) return undefined;
  // Both branches of an `if` may write a key: every entry stays (doc.ts `entries`).
  const parsed = parseYaml(reading.text, true);
  if (reading.quoted.size === 0 && reading.requoted.size === 0) return { ...parsed, unread: reading.blanked };
  const written = (span: Span, key: string): string => {
    if (reading.quoted.has(span.start)) return text.slice(span.start, span.end);
    return reading.requoted.has(span.start) ? (asWritten(text.slice(span.start, span.end)) ?? key) : key;
  };
  const restore = (n: DocNode): DocNode => {
    if (n.type === "object") return { ...n, entries: n.entries.map((e): DocEntry => ({ key: written(e.keySpan, e.key), keySpan: e.keySpan, value: restore(e.value) })) };
    if (n.type === "array") return { ...n, items: n.items.map(restore) };
    if (n.type !== "string" || !(reading.quoted.has(n.span.start) || reading.requoted.has(n.span.start))) return n;
    return { type: "string", span: n.span, value: written(n.span, String(n.value)) };
  };
  return { ...parsed, docs: parsed.docs.map(restore), unread: reading.blanked };
}
