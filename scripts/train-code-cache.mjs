#!/usr/bin/env node
/**
 * Makes the bundled CLI's code cache (called by scripts/build-cli.mjs):
 * loads dist/cli/mcplint.cjs as bin/mcplint.js does, runs it on three sample
 * client configurations with the text, JSON and SARIF reports (what a
 * pre-commit hook and a CI step run), then saves the code V8 compiled for
 * those runs to mcplint.cjs.cache, after a line with the bundle's build id and
 * the code's SHA-256.
 *
 *   node scripts/train-code-cache.mjs dist/cli/mcplint.cjs
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createRequire } from "node:module";

const { cacheFileOf, cacheHeader, loadCli } = createRequire(import.meta.url)("../bin/load-cli.js");

const bundle = path.resolve(process.argv[2] ?? "");
if (!fs.existsSync(bundle)) {
  process.stderr.write(`train-code-cache: no bundle at ${bundle}\n`);
  process.exit(2);
}

/** Sample configurations: references, a launcher, a remote server with a header, a broad filesystem root. */
const SAMPLES = {
  ".mcp.json": {
    mcpServers: {
      github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: "${GITHUB_TOKEN}" } },
      files: { command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/"] },
    },
  },
  ".cursor/mcp.json": {
    mcpServers: { remote: { url: "https://mcp.example.com/mcp", headers: { Authorization: "Bearer ${env:MCP_TOKEN}" } } },
  },
  ".vscode/mcp.json": {
    inputs: [{ type: "promptString", id: "api-key", description: "API key", password: true }],
    servers: { search: { type: "stdio", command: "node", args: ["server.js"], env: { API_KEY: "${input:api-key}" } } },
  },
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-train-"));
try {
  for (const [rel, json] of Object.entries(SAMPLES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), `${JSON.stringify(json, null, 2)}\n`);
  }
  const { exports: cli, script, buildLine } = loadCli({ bundle, useCache: false });
  const io = { cwd: dir, env: { PATH: process.env.PATH ?? "" }, stdoutIsTTY: false };
  const files = Object.keys(SAMPLES);
  for (const format of ["text", "json", "sarif"]) {
    const result = await cli.run(["scan", ...files, "--format", format, "--fail-on", "none"], io);
    if (result.exitCode !== 0 || !result.stdout) throw new Error(`training run (--format ${format}) failed with exit code ${result.exitCode}: ${result.stderr}`);
  }
  const target = cacheFileOf(bundle);
  const data = script.createCachedData();
  fs.writeFileSync(`${target}.tmp`, Buffer.concat([Buffer.from(`${cacheHeader(buildLine, data)}\n`, "latin1"), data]));
  fs.renameSync(`${target}.tmp`, target);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
