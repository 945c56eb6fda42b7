/** Splitting text into lines the way LineIndex (model/location.ts) counts them. */

/** The lines of `text` without their line breaks (LF, CRLF or a lone CR), each with its start offset. */
export function* textLines(text: string): Generator<{ start: number; text: string }> {
  const lineBreak = /\r\n?|\n/g;
  let start = 0;
  for (;;) {
    const m = lineBreak.exec(text);
    if (!m) break;
    yield { start, text: text.slice(start, m.index) };
    start = m.index + m[0].length;
  }
  yield { start, text: text.slice(start) };
}
