import { describe, expect, it } from "vitest";
import { get, str } from "../../src/parse/doc.js";
import { parseStructured } from "../../src/parse/index.js";

describe("Markdown YAML front matter", () => {
  it("parses only the block between the `---` lines, with spans into the whole file (CRLF too)", () => {
    for (const nl of ["\n", "\r\n"]) {
      const text = ["---", "name: helper", "mcpServers:", "  notes: { command: notes-mcp }", "---", "# Body", "key: not: yaml: [", ""].join(nl);
      const r = parseStructured("frontmatter", text);
      expect(r.problems).toEqual([]);
      const cmd = get(r.docs[0], "mcpServers", "notes", "command");
      expect(str(cmd)).toBe("notes-mcp");
      expect(text.slice(cmd?.span.start, cmd?.span.end)).toBe("notes-mcp");
      expect(r.comments).toEqual([]);
    }
  });

  it("no opening `---` on the first line: no document; no closing line: no document and a problem at the opening `---`", () => {
    expect(parseStructured("frontmatter", "# Title\n---\nname: x\n---\n").docs).toEqual([]);
    const open = parseStructured("frontmatter", "---\nname: x\n\nYou help.\n");
    expect([open.docs, open.problems]).toEqual([[], [{ message: "front matter opened by `---` on line 1 is never closed (no `---` or `...` line follows)", span: { start: 0, end: 3 } }]]);
  });

  it("an empty front matter or one that is not a map parses without a problem", () => {
    for (const text of ["---\n---\nbody\n", "---\r\n---\r\n", "---\njust text\n---\n", "---\n- a\n- b\n...\n"]) {
      const r = parseStructured("frontmatter", text);
      expect([text, r.problems, r.docs.every((d) => d.type !== "object")]).toEqual([text, [], true]);
    }
  });
});
