/**
 * The npm package: what `npm pack` ships (what runs, nothing else) and an
 * offline install of the tarball into a fresh project running its bin (the
 * bundled CLI, with the modules it loads on first use found from there).
 * The bundle's own results and lazy loading: bundle.test.ts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fakeAnthropicKey } from "../../src/rules/fake-secrets.js";
import { REPO_ROOT, tempTree } from "../helpers.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
// A key with no lifetime facts, so that only hardcoded-secret reports it.
const token = fakeAnthropicKey("package-test");

/** Packs once (this runs `prepare`, i.e. a clean build of dist/). */
function pack(): { tarball: string; files: string[] } {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-pack-"));
  const r = spawnSync(npm, ["pack", "--json", "--pack-destination", dest], { cwd: REPO_ROOT, encoding: "utf8", shell: process.platform === "win32" });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
  if (!info) throw new Error("npm pack printed no package");
  return { tarball: path.join(dest, info.filename), files: info.files.map((f) => f.path).sort() };
}

describe("the npm package", { timeout: 240_000 }, () => {
  let packed: ReturnType<typeof pack> | undefined;
  const packedOnce = () => (packed ??= pack());

  it("ships what runs and nothing else", () => {
    const { files } = packedOnce();
    const allowed = /^(package\.json|README\.md|LICENSE|bin\/(mcplint\.js|load-cli\.js|package\.json)|dist\/cli\/([^/]+\.js|mcplint\.cjs|mcplint\.cjs\.cache)|dist\/src\/.+\.(js|d\.ts)|schemas\/mcplint\.schema\.json|rules\/.+\.md)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    for (const needed of ["package.json", "LICENSE", "bin/mcplint.js", "bin/load-cli.js", "bin/package.json", "dist/cli/mcplint.cjs", "dist/cli/mcplint.cjs.cache", "dist/cli/scan-worker.js", "dist/src/api.js", "dist/src/api.d.ts"]) expect(files).toContain(needed);
    expect(files.some((f) => /^(test|fixtures|scripts|src)\//.test(f) || f.startsWith("dist/test"))).toBe(false);
  });

  it("installs offline into a fresh project and its bin scans", (ctx) => {
    const { tarball } = packedOnce();
    const project = tempTree({ "package.json": '{ "name": "consumer", "version": "1.0.0", "private": true }\n' });
    const install = spawnSync(npm, ["install", "--offline", "--no-audit", "--no-fund", tarball], { cwd: project, encoding: "utf8", shell: process.platform === "win32" });
    if (install.status !== 0) {
      if (/ENOTCACHED|offline/i.test(install.stderr)) {
        console.warn(`SKIPPED: npm install --offline needs the dependencies in the local npm cache (run npm ci once):\n${install.stderr.split("\n").slice(0, 3).join("\n")}`);
        ctx.skip();
      }
      throw new Error(`npm install failed: ${install.stderr}`);
    }
    const bin = path.join(project, "node_modules", "mcplint", "bin", "mcplint.js");
    for (const dir of [".cursor", ".continue", ".codex"]) fs.mkdirSync(path.join(project, "cfg", dir), { recursive: true });
    fs.writeFileSync(path.join(project, "cfg", ".cursor", "mcp.json"), JSON.stringify({ mcpServers: { gh: { command: "npx", env: { GITHUB_TOKEN: token } } } }, null, 2));
    // YAML and TOML: their parsers are required on first use from the installed bundle's folder.
    fs.writeFileSync(path.join(project, "cfg", ".continue", "config.yaml"), `mcpServers:\n  - name: gh\n    command: npx\n    env:\n      GITHUB_TOKEN: ${token}\n`);
    fs.writeFileSync(path.join(project, "cfg", ".codex", "config.toml"), `[mcp_servers.gh]\ncommand = "npx"\nenv = { GITHUB_TOKEN = "${token}" }\n`);
    const r = spawnSync(process.execPath, [bin, "scan", "cfg", "--no-color"], { cwd: project, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(1);
    for (const at of ["cfg/.cursor/mcp.json:6:", "cfg/.continue/config.yaml:5:21", "cfg/.codex/config.toml:3:25"]) expect(r.stdout).toMatch(new RegExp(`${at.replace(/\./g, "\\.")}\\S*\\s+error\\s+hardcoded-secret`));
    expect(r.stdout).not.toContain(token);
    const shim = path.join(project, "node_modules", ".bin", process.platform === "win32" ? "mcplint.cmd" : "mcplint");
    expect(fs.existsSync(shim)).toBe(true);
    const v = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect(v.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).version);
  });
});
