/**
 * The keyword pass: which lines the generic checks examine. A candidate word
 * counts only inside a name that has a credential word (as classifyKey splits
 * names), so `path`, `keyboard`, `author` lines are skipped while `apiKey`,
 * `API_KEY`, `APIKey`, `x-api-key`, `Authorization` and `://` lines are not.
 */
import { describe, expect, it } from "vitest";
import { sniffCandidates } from "../../src/catalog/classify.js";
import { classifyKey } from "../../src/secrets/keys.js";
import { CANDIDATE_WORDS, LINE_WORDS, prefilterText } from "../../src/secrets/text-prefilter.js";
import { scanText } from "../../src/secrets/index.js";
import { shouldParse } from "../../src/parse/typescript.js";

const lineCount = (text: string) => new Set(prefilterText(text).candidates.map((p) => text.lastIndexOf("\n", p - 1))).size;

describe("keyword pass: candidate lines", () => {
  it("every word a line check acts on contains a candidate needle (else its lines would never be examined)", () => {
    for (const w of LINE_WORDS) expect(CANDIDATE_WORDS.some((c) => w.includes(c)), w).toBe(true);
  });

  it.each([
    ["const path = 'x9Zq2Lw7Vb4Tn8Hs';", 0],
    ["keyboard.keydown(monkey); author = 'Jane'; passive = true; patch(); tokenize(x)", 0],
    ["const apiKey = 'x9Zq2Lw7Vb4Tn8Hs';", 1],
    ["API_KEY=x9Zq2Lw7Vb4Tn8Hs", 1],
    ["APIKey: x9Zq2Lw7Vb4Tn8Hs", 1],
    ["KEYValue: x9Zq2Lw7Vb4Tn8Hs", 1],
    ["--x-api-key x9Zq2Lw7Vb4Tn8Hs", 1],
    ["secretaccesskey = x9Zq2Lw7Vb4Tn8Hs", 1],
    ["Authorization: Basic dXNlcjpwYXNz", 1],
    ["see https://example.test/docs", 1],
    ["- name: DB_PASSWORD\n  value: x9Zq2Lw7Vb4Tn8Hs", 2],
  ])("%s -> %i candidate line(s)", (text, lines) => {
    expect(lineCount(text)).toBe(lines);
  });

  it("a skipped occurrence could not have been reported: names with a candidate word but no credential word are not keys", () => {
    for (const name of ["path", "keyboard", "author", "passive", "tokenize", "monkey", "pattern", "credits"]) {
      expect(classifyKey(name), name).toBeUndefined();
      expect(scanText(`${name} = "x9Zq2Lw7Vb4Tn8Hs3Kd"\n`)).toEqual([]);
    }
  });
});

describe("keyword pass: mentions (whether a file needs its comments read, its code parsed or a sniffed format's test run)", () => {
  it.each([
    ["// mcplint-disable-next-line hardcoded-secret\nconst x = 1;", { mcplint: true, mcpCode: false, sniff: true }],
    ["# MCPLint: documented here", { mcplint: true, mcpCode: false, sniff: true }],
    ['import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";', { mcplint: false, mcpCode: true, sniff: true }],
    ["const t = new StdioClientTransport({ command: 'node' });", { mcplint: false, mcpCode: true, sniff: false }],
    ["app.post('/mcp', handler);", { mcplint: false, mcpCode: true, sniff: true }],
    ["const mcpserver = 1; // lower case still counts: the exact check follows", { mcplint: false, mcpCode: true, sniff: true }],
    ["export const value = computeThings(path, keyboard);", { mcplint: false, mcpCode: false, sniff: false }],
    ['{"apiVersion": "v1", "KIND": "Pod"}', { mcplint: false, mcpCode: false, sniff: true }],
    ["class HttpTransport extends Transport {} // winston.transports", { mcplint: false, mcpCode: false, sniff: false }],
    ["new sseservertransport(x)", { mcplint: false, mcpCode: true, sniff: false }],
    // SDK wrappers: a file that imports one may name nothing of the SDK itself.
    ['import { createMcpHandler } from "mcp-handler";', { mcplint: false, mcpCode: true, sniff: true }],
    ['import { createMcpHandler } from "@vercel/mcp-adapter";', { mcplint: false, mcpCode: true, sniff: true }],
    ['import { McpAgent } from "agents/mcp";', { mcplint: false, mcpCode: true, sniff: true }],
  ])("%j", (text, expected) => {
    expect(prefilterText(text).mentions).toEqual(expected);
  });

  it("a group it rules out is really absent, so skipping the exact check loses nothing", () => {
    const texts = [
      "plain text with nothing",
      "import x from '@ModelContextProtocol/SDK';",
      "new SSEServerTransport('/messages', res)",
      "router.get(\"/mcp\", h)",
      "mcplint mcplint",
      "/* MCPLINT */ transport layer",
      "ransport mcpserve /mc mcplin @modelcontextprotocol/sd",
      "import { Transport } from 'winston-transport'; new StdioServerTransport()",
      "ki nd: Deployment\nroute : []\n\"imageNam\": 1",
    ];
    for (const text of texts) {
      const { mentions } = prefilterText(text);
      if (!mentions.mcplint) expect(text.includes("mcplint"), text).toBe(false);
      if (!mentions.mcpCode) expect(shouldParse(text), text).toBe(false);
      if (!mentions.sniff) expect(sniffCandidates("x.yaml", text), text).toEqual([]);
    }
    expect(prefilterText(texts[6] ?? "").mentions).toEqual({ mcplint: false, mcpCode: false, sniff: true });
  });
});
