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

describe("code frames and values no detector reported", () => {
  it("mask a run that looks like key material, and leave names, paths, URLs, versions and digests readable", () => {
    const random = ["Zq8xLm2Vb7Tn4Hs6", "Jd1Fg3Mp5QcW9eRt"].join("");
    const line = `  "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/dev/src/app"], "env": { "NOTES": "${random}" }`;
    const out = maskedLine(line, loc("a/.mcp.json", 1, 3, 10), []) ?? "";
    expect(out).not.toContain(random);
    expect(out).toContain(`"NOTES": "Zq8x************"`);
    for (const kept of ["@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/dev/src/app"]) expect(out).toContain(kept);
    const digests = `sha: 3f786850e387550fdab836ed7e6dc881de23001b, id: 123e4567-e89b-12d3-a456-426614174000, url: https://mcp.acme.example/api/v2/notes`;
    expect(maskedLine(digests, loc("a", 1, 1, 2), [])).toBe(digests);
  });
});
