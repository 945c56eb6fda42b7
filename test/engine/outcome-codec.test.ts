import { describe, expect, it } from "vitest";
import { makeReader } from "../../src/discover/read.js";
import { analyzeAll, prepareAnalysis, type FileOutcome } from "../../src/engine/analyze-source.js";
import { packOutcomes, unpackOutcomes } from "../../src/engine/outcome-codec.js";
import { tempTree } from "../helpers.js";
import * as path from "node:path";

/** Files whose outcomes differ in every way the codec looks at. */
const FILES: Record<string, string> = {
  "README.md": "# nothing here\n",
  "lib/index.js": "module.exports = 1;\n",
  "lib/empty.txt": "",
  "lib/accents.md": "café naïve déjà vu\n",
  "lib/suppressed.js": "// mcplint-disable-next-line\nconst a = 1;\n",
  ".env": `DB_PASSWORD=${["Xk2Lw9Vb7T", "n4Hs6Jd1Qz"].join("")}\n`,
  ".cursor/mcp.json": JSON.stringify({ mcpServers: { fs: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/"] } } }),
  "broken/.mcp.json": "{ not json",
  "bin/blob.dat": "abc\u0000def",
};

function outcomesOf(dir: string): { files: { abs: string; rel: string }[]; outcomes: FileOutcome[] } {
  const files = Object.keys(FILES).map((rel) => ({ abs: path.join(dir, rel), rel }));
  return { files, outcomes: analyzeAll(files, makeReader(undefined, { byteView: true, walked: true }), prepareAnalysis()) };
}

describe("outcome codec (worker replies)", () => {
  it("packs exactly the plain text files with nothing in them, and unpacks every outcome to an equal one, keys in the same order", () => {
    const { files, outcomes } = outcomesOf(tempTree(FILES));
    const packed = packOutcomes(files, outcomes);
    const numbers = files.filter((_, i) => typeof packed[i] === "number").map((f) => f.rel);
    expect(numbers).toEqual(["README.md", "lib/index.js", "lib/empty.txt", "lib/accents.md"]);
    expect(packed[files.findIndex((f) => f.rel === "lib/accents.md")]).toBe(Buffer.byteLength(FILES["lib/accents.md"] as string));
    // As a worker's reply would arrive: structured-cloned.
    const unpacked = unpackOutcomes(files, structuredClone(packed));
    expect(unpacked).toEqual(outcomes);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(outcomes));
  });

  it("keeps an outcome whose path is not its file's, or that has more to say, as it is", () => {
    const { files, outcomes } = outcomesOf(tempTree(FILES));
    const readme = outcomes[0] as FileOutcome;
    expect(packOutcomes([{ rel: "other.md" }], [readme])).toEqual([readme]);
    const withMode = { ...readme, mode: 0o644 };
    expect(packOutcomes([files[0] as { rel: string }], [withMode])).toEqual([withMode]);
    const withNote = { ...readme, diagnostics: [{ level: "note" as const, code: "encoding" as const, message: "x", file: "README.md" }] };
    expect(packOutcomes([files[0] as { rel: string }], [withNote])).toEqual([withNote]);
    // Each list of the analysis, and its format, on its own.
    const analysis = readme.analysis as NonNullable<FileOutcome["analysis"]>;
    for (const key of ["servers", "policies", "secrets", "diagnostics", "parseProblems", "comments"] as const) {
      const one = { ...readme, analysis: { ...analysis, [key]: [{}] } } as FileOutcome;
      expect(packOutcomes([files[0] as { rel: string }], [one])).toEqual([one]);
    }
    const json = { ...readme, analysis: { ...analysis, file: { ...analysis.file, format: "claude-code-project" } } } as FileOutcome;
    expect(packOutcomes([files[0] as { rel: string }], [json])).toEqual([json]);
  });
});
