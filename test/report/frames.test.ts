import { describe, expect, it } from "vitest";
import type { Loc } from "../../src/model/location.js";
import { maskedLine } from "../../src/report/frames.js";

const loc = (file: string, line: number, column: number, endColumn: number): Loc => ({ file, line, column, endLine: line, endColumn });

describe("code frames", () => {
  const text = `{ "env": { "K": "${"s3cr3tV4lu3".repeat(3)}" } }\n{ "enableAllProjectMcpServers": true }`;

  it("mask the secrets of the frame's own file", () => {
    const secret = loc("a/.mcp.json", 1, 18, 18 + 33);
    expect(maskedLine(text, secret, [secret])).toBe(`{ "env": { "K": "s3cr************" } }`);
  });

  it("leave a line alone where another file has a secret at the same line and column", () => {
    const other = loc("b/.mcp.json", 2, 10, 30);
    expect(maskedLine(text, loc("a/.mcp.json", 2, 3, 10), [other])).toBe(`{ "enableAllProjectMcpServers": true }`);
  });
});
