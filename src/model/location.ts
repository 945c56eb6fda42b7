/**
 * Source positions. Every position mcplint reports is 1-based, with columns in
 * UTF-16 code units (SARIF `columnKind: utf16CodeUnits`, which matches JS string
 * indices). `endColumn` is the column after the last character, as SARIF wants.
 */
export interface Span {
  /** Offset of the first code unit, 0-based. */
  readonly start: number;
  /** Offset after the last code unit. */
  readonly end: number;
}

export interface Loc {
  /** Path relative to the scan root, POSIX separators. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Maps offsets to 1-based line/column pairs for one file's text. */
export class LineIndex {
  readonly #text: string;
  #lazy: number[] | undefined;

  /** Line starts are computed on first use: most scanned files never need a position. */
  constructor(text: string) {
    this.#text = text;
  }

  get #starts(): number[] {
    if (this.#lazy) return this.#lazy;
    const text = this.#text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.#lazy = starts;
    return starts;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.#starts[Math.max(0, Math.min(line - 1, this.#starts.length - 1))] ?? 0;
  }

  loc(file: string, span: Span): Loc {
    const a = this.position(span.start);
    const b = this.position(Math.max(span.start, span.end));
    return { file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

export function compareLoc(a: Loc, b: Loc): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || a.endLine - b.endLine || a.endColumn - b.endColumn;
}

/** Does `inner` lie inside `outer` (same file, start and end included)? */
export function within(inner: Loc, outer: Loc): boolean {
  if (inner.file !== outer.file) return false;
  const notAfter = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return notAfter(outer.line, outer.column, inner.line, inner.column) && notAfter(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}

/** A location for a whole file (line 1, column 1), used when nothing narrower exists. */
export function fileLoc(file: string): Loc {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

/** A reported path outside the scanned tree (`--user`: `~/...`, or absolute). */
export function outsideTree(file: string): boolean {
  return file.startsWith("~/") || file.startsWith("/") || /^[A-Za-z]:/.test(file);
}
