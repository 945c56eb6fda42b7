/** YAML values that start with `!`: a local tag on an empty value is read as written (see parseYaml's taggedEmpty). */
import { describe, expect, it } from "vitest";
import { toPlain } from "../../src/parse/doc.js";
import { parseYaml } from "../../src/parse/yaml.js";

describe("YAML tags on empty values", () => {
  it("block and flow values that start with ! are read as written, each with a warning at the tag", () => {
    const text = `a: !Xk2abc9def\nb: [!Pq7rst8uv, x]\nc: {d: !Mn4opq5rs}\n`;
    const r = parseYaml(text);
    expect(r.problems).toEqual([]);
    expect(toPlain(r.docs[0] as never)).toEqual({ a: "!Xk2abc9def", b: ["!Pq7rst8uv", "x"], c: { d: "!Mn4opq5rs" } });
    expect(r.warnings.map((w) => text.slice(w.span.start, w.span.end))).toEqual(["!Xk2abc9def", "!Pq7rst8uv", "!Mn4opq5rs"]);
    expect(r.warnings.every((w) => !w.message.includes("Xk2") && !w.message.includes("Pq7"))).toBe(true);
  });

  it("tags on a value, standard tags and quoted empty values are left alone", () => {
    const r = parseYaml(`a: !Ref Name\nb: !!null\nc: !unsafe ""\nd: !!str\ne: !secret db_password\n`);
    expect(r.warnings).toEqual([]);
    expect(toPlain(r.docs[0] as never)).toEqual({ a: "Name", b: null, c: "", d: "", e: "db_password" });
  });
});
