/**
 * Terminal and CI-log reports print text that a scanned repository chose
 * (server names, keys, file lines). Control characters in it must not reach
 * the terminal: an ESC sequence could recolour or clear a line, a newline
 * could forge a finding line of its own.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { printable } from "../../src/report/printable.js";
import { cli, tempTree } from "../helpers.js";

const ESC = String.fromCharCode(27);
const BAD_NAME = `a${ESC}[2K${ESC}[31mRED\nforged.json:1:1  error  fake-rule  \u202eevil`;
const tree = { ".mcp.json": JSON.stringify({ mcpServers: { [BAD_NAME]: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/"] } } }, null, 2) + "\n" };

/** Any C0 control but tab and newline-at-end-of-line, DEL, C1, bidi override. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("printable", () => {
  it("turns control characters and bidi overrides into visible escapes, and leaves tabs and other text alone", () => {
    expect(printable(`a${ESC}[31m\r\n\u0000\u007f\u0085\u202e\u2067b\t\u00e9\u{1F600}`)).toBe("a\\x1b[31m\\r\\n\\x00\\x7f\\x85\\u202e\\u2067b\t\u00e9\u{1F600}");
  });
});

describe("text reports print no control character from a scanned file", () => {
  it("scan (text), with no line that a crafted server name forged", async () => {
    const r = await cli(["scan"], tempTree(tree));
    expect(r.exitCode).toBe(1);
    for (const line of r.stdout.split("\n")) expect(line).not.toMatch(CONTROL);
    expect(r.stdout).not.toMatch(/^forged\.json/m);
    expect(r.stdout).toContain("a\\x1b[2K\\x1b[31mRED\\nforged.json");
  });

  it("inventory (text)", async () => {
    const r = await cli(["inventory"], tempTree(tree));
    for (const line of r.stdout.split("\n")) expect(line).not.toMatch(CONTROL);
    expect(r.stdout).not.toMatch(/^forged\.json/m);
  });

  it("GitHub Actions annotations", async () => {
    const r = await cli(["scan"], tempTree(tree), { GITHUB_ACTIONS: "true" });
    const annotations = r.stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(annotations.length).toBeGreaterThan(0);
    for (const line of annotations) expect(line).not.toMatch(CONTROL);
  });

  it("job summary (Markdown)", async () => {
    const dir = tempTree(tree);
    const summary = path.join(dir, "summary.md");
    await cli(["scan"], dir, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    const text = fs.readFileSync(summary, "utf8");
    expect(text).toContain("\\u202eevil");
    for (const line of text.split("\n")) expect(line).not.toMatch(CONTROL);
  });
});

describe("Markdown and HTML reports show no control character or bidi override from a scanned file", () => {
  // A pull-request comment or an audit file: U+202E in a server name would reorder what the reviewer reads.
  for (const [command, format] of [["scan", "markdown"], ["scan", "html"], ["inventory", "markdown"], ["inventory", "html"]] as const) {
    it(`${command} --format ${format}`, async () => {
      const r = await cli([command, ".", "--format", format, ...(command === "scan" ? ["--fail-on", "none"] : [])], tempTree(tree));
      // Markdown escapes the backslash and the bracket it shows.
      expect(r.stdout).toContain(format === "html" ? "a\\x1b[2K" : "a\\\\x1b\\[2K");
      for (const line of r.stdout.split("\n")) expect(line).not.toMatch(CONTROL);
    });
  }

  it("HTML: a finding of several servers names them as their nodes do", async () => {
    const { toHtml } = await import("../../src/report/html.js");
    const { scanSources } = await import("../../src/api.js");
    const name = "gh\u202eevil";
    const servers = { [name]: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.0.0"], env: { GITHUB_TOKEN: "${GITHUB_PAT}" } } };
    const r = scanSources([
      { path: ".mcp.json", text: JSON.stringify({ mcpServers: servers }) },
      { path: "pkg/.mcp.json", text: JSON.stringify({ mcpServers: servers }) },
    ]);
    const html = toHtml({ model: r.model, findings: r.findings, rules: r.rules });
    expect(html).not.toMatch(CONTROL);
    const nodes = [...html.matchAll(/<g class="node[^"]*" data-server="([^"]*)"/g)].map((m) => m[1]);
    for (const m of html.matchAll(/data-servers="([^"]*)"/g)) {
      const labels = JSON.parse((m[1] as string).replace(/&quot;/g, '"').replace(/&amp;/g, "&")) as string[];
      for (const l of labels) expect(nodes).toContain(l.replace(/&/g, "&amp;"));
    }
  });
});

