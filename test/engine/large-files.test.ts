/**
 * Large one-byte files (over read.ts's LAZY_TEXT_FROM) read by the scan's
 * reader: their text is made only when the analysis needs it, and a file
 * that the pieces (secrets/pieces.ts) show to hold nothing is never made a
 * string. Whatever the file holds, the analysis is the one of its whole text
 * (a reader without the byte view makes every text at once).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LAZY_TEXT_FROM, makeReader, type ReadResult } from "../../src/discover/read.js";
import { analyzeSource, prepareAnalysis } from "../../src/engine/analyze-source.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../src/rules/fake-secrets.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-large-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Lines of ordinary code, `n` bytes or a little more. */
function filler(n: number, accent = false): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < n; i++) {
    const l = `export function item${i}(value) { return compute(value, ${i}); } // ${accent ? "Café déjà vu" : "plain comment"}`;
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join("\n");
}

const token = fakeGitHubToken("ghp", "large");
const password = `${fakeOpaqueKey("large-pw", 18)}7q`;
const server = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";\nconst server = new McpServer({ name: "big", version: "1.0.0" });\nawait server.connect(new StdioServerTransport());`;

/** A Terraform state of many resources, a random_password's result among them. */
function tfstate(): string {
  const bucket = (i: number) => ({ mode: "managed", type: "aws_s3_bucket", name: `b${i}`, instances: [{ schema_version: 0, attributes: { id: `logs-${i}`, arn: `arn:aws:s3:::logs-${i}` }, sensitive_attributes: [] }] });
  const pw = { mode: "managed", type: "random_password", name: "db", instances: [{ schema_version: 3, attributes: { id: "none", length: 20, result: password }, sensitive_attributes: [] }] };
  const resources = [...Array.from({ length: 900 }, (_, i) => bucket(i)), pw, ...Array.from({ length: 100 }, (_, i) => bucket(900 + i))];
  return `${JSON.stringify({ version: 4, terraform_version: "1.5.7", serial: 9, lineage: "lineage", outputs: {}, resources }, null, 2)}\n`;
}

const CASES: Record<string, { rel: string; text: string }> = {
  "clean ASCII source": { rel: "dist/bundle.js", text: filler(300_000) },
  "clean non-ASCII source": { rel: "dist/bundle-fr.js", text: filler(300_000, true) },
  "a token in the middle": { rel: "dist/a.js", text: `${filler(150_000)}\nconst GITHUB_TOKEN = "${token}";\n${filler(150_000)}` },
  "a password at the end, non-ASCII": { rel: "lib/b.js", text: `${filler(200_000, true)}\nconst config = { password: "${password}" };\n` },
  "a flag and its value on two lines": { rel: "notes/run.yaml.txt", text: `${filler(140_000)}\n  - --api-key\n  - ${password}\n${filler(10_000)}` },
  "a suppression comment": { rel: "src/c.js", text: `${filler(130_000)}\n// mcplint-disable-next-line hardcoded-secret -- fixture\nconst answer = 42;\n` },
  // Its bytes (the view) fall under the bar that its characters pass: the view cannot stand for the text.
  "a non-ASCII password that its bytes hide": { rel: "lib/d.js", text: `${filler(200_000, true)}\nconst config = { password: "\u00e9a\u00f9\u00fc\u00e0x\u00f9\u00e9" };\n` },
  "MCP server code": { rel: "src/server.ts", text: `${server}\n${filler(200_000)}` },
  "a key block across pieces": { rel: "keys/k.txt", text: `${filler(100_000)}\n-----BEGIN OPENSSH PRIVATE KEY-----\n${Array.from({ length: 30 }, (_, i) => fakeOpaqueKey(`pem${i}`, 70)).join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n${filler(100_000)}` },
  "a client configuration": { rel: ".codex/config.toml", text: `${Array.from({ length: 9000 }, (_, i) => `# note ${i}: kept for the record`).join("\n")}\n[mcp_servers.files]\ncommand = "npx"\nargs = ["-y", "@modelcontextprotocol/server-filesystem", "/srv"]\n` },
  // Its secret is where the state's structure says, which no piece sees.
  "a Terraform state": { rel: "infra/terraform.tfstate", text: tfstate() },
  "a JSON file of a content-sniffed format": { rel: "profiles/wide.json", text: `{\n  "read": [\n${Array.from({ length: 6000 }, (_, i) => `    "/srv/data/set-${i}"`).join(",\n")}\n  ],\n  "write": ["/"],\n  "network": {"outbound": {"insecure_allow_all": true}}\n}\n` },
};

/** A reader whose results count how often their text was read. */
function counting(read: ReturnType<typeof makeReader>) {
  const reads = { text: 0 };
  const wrapped = ((abs: string, rel: string): ReadResult => {
    const r = read(abs, rel);
    if (!r.ok) return r;
    return new Proxy(r, { get: (t, k) => (k === "text" && reads.text++, Reflect.get(t, k)) });
  }) as ReturnType<typeof makeReader>;
  wrapped.plan = read.plan;
  wrapped.close = read.close;
  return { read: wrapped, reads };
}

describe("large files", () => {
  const prep = prepareAnalysis({});
  for (const [name, { rel, text }] of Object.entries(CASES)) {
    it(`analyses ${name} as its whole text`, () => {
      const abs = path.join(dir, name.replace(/\W+/g, "-") + path.extname(rel));
      fs.writeFileSync(abs, text);
      expect(fs.statSync(abs).size).toBeGreaterThan(LAZY_TEXT_FROM);
      const whole = analyzeSource({ abs, rel }, makeReader(), prep);
      const lazy = analyzeSource({ abs, rel }, makeReader(undefined, { byteView: true }), prep);
      expect(lazy).toEqual(whole);
    });
  }

  it("finds what the cases hold (the comparison above is not between two empty results)", () => {
    const found = (name: string) => {
      const { rel, text } = CASES[name] as { rel: string; text: string };
      const abs = path.join(dir, `found-${name.replace(/\W+/g, "-")}${path.extname(rel)}`);
      fs.writeFileSync(abs, text);
      const a = analyzeSource({ abs, rel }, makeReader(undefined, { byteView: true }), prep).analysis;
      return { secrets: a?.secrets.map((s) => `${s.detector}@${s.loc.line}`) ?? [], servers: a?.servers.length ?? 0, policies: a?.policies.length ?? 0, directives: a?.directives?.length ?? 0 };
    };
    expect(found("a token in the middle").secrets).toEqual([expect.stringMatching(/^github-pat-classic@\d+$/)]);
    expect(found("a password at the end, non-ASCII").secrets).toHaveLength(1);
    expect(found("a flag and its value on two lines").secrets).toHaveLength(1);
    expect(found("a suppression comment").directives).toBe(1);
    expect(found("a non-ASCII password that its bytes hide").secrets).toHaveLength(1);
    expect(found("MCP server code").servers).toBe(1);
    expect(found("a client configuration").servers).toBe(1);
    expect(found("a JSON file of a content-sniffed format").policies).toBe(1);
    expect(found("a Terraform state").secrets).toEqual([expect.stringMatching(/^generic-password@\d+$/)]);
    expect(found("a key block across pieces").secrets).toEqual([expect.stringMatching(/^private-key-openssh@/)]);
  });

  it("finds a non-ASCII password wherever the pieces' edges fall in the text's characters", () => {
    // A piece starts a fixed number of bytes before its own lines, so inside an earlier line: with
    // lines of two-byte characters, in the middle of one for some line lengths. Decoded from there,
    // the piece's first group of non-ASCII lines mapped every keyword one character off, and a
    // password in that group was not found.
    const missed: number[] = [];
    for (let extra = 0; extra < 4; extra++) {
      const abs = path.join(dir, `edge-${extra}.js`);
      const lines = Array.from({ length: 1700 }, (_, i) => `export const item${1000 + i} = compute(value, ${i % 10}); // ${"\u00e9".repeat(40)}${"x".repeat(extra)}`).join("\n");
      fs.writeFileSync(abs, `${lines}\nconst config = { password: "\u00e9a\u00f9\u00fc\u00e0x\u00f9\u00e9" };\n`);
      const a = analyzeSource({ abs, rel: "lib/d.js" }, makeReader(undefined, { byteView: true }), prep).analysis;
      if ((a?.secrets.length ?? 0) !== 1) missed.push(extra);
    }
    expect(missed).toEqual([]);
  });

  it("never makes the string of a large file in which nothing is found", () => {
    for (const name of ["clean ASCII source", "clean non-ASCII source"]) {
      const { rel, text } = CASES[name] as { rel: string; text: string };
      const abs = path.join(dir, `count-${name.replace(/\W+/g, "-")}.js`);
      fs.writeFileSync(abs, text);
      const { read, reads } = counting(makeReader(undefined, { byteView: true }));
      const out = analyzeSource({ abs, rel }, read, prep);
      expect(out.analysis?.secrets).toEqual([]);
      expect(reads.text, name).toBe(0);
    }
  });
});
