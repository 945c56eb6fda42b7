/**
 * A configuration written on one line (a minified .mcp.json, a generated gateway file) puts all its
 * servers and their secrets on line 1. Whatever looked for a server's secrets among those of its
 * line, or of its file, was quadratic there: for 4,000 servers with a literal key each, the
 * inventory took 8.9 s (hitsWithin), the lock 11 s (every secret of the file for each value), and
 * unpinned-package 1.1 s (every secret of the model for each package). Each step is timed alone
 * on models of 500 and 2,000 servers: four times the servers must cost well under sixteen times.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { buildLock } from "../../src/engine/lock.js";
import { runRules } from "../../src/engine/run-rules.js";
import { inventoryJson } from "../../src/report/inventory.js";
import unpinnedPackage from "../../src/rules/unpinned-server/unpinned-package.js";
import { costRatio } from "../helpers.js";

/** n servers on one line, each launched unpinned with a literal key of its own. */
function oneLineConfig(n: number): string {
  const servers: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) servers[`srv${i}`] = { command: "npx", args: ["-y", `@acme/pkg${i}`], env: { ACME_API_KEY: `Zq8${i}xK2mP9vL4wR7tY1nB6cJ3hF5gD0sA` } };
  return JSON.stringify({ mcpServers: servers });
}

const models = new Map([500, 2_000].map((n) => [n, scanSources([{ path: ".mcp.json", text: oneLineConfig(n) }]).model]));
const modelOf = (n: number) => models.get(n) as NonNullable<ReturnType<typeof models.get>>;


describe("a configuration of many servers on one line", () => {
  it("is read whole: every server, every key, every unpinned package", () => {
    const model = modelOf(2_000);
    expect(model.servers).toHaveLength(2_000);
    expect(model.secrets.filter((h) => h.loc.line === 1)).toHaveLength(2_000);
    const { findings } = runRules(model, [unpinnedPackage]);
    expect(findings).toHaveLength(2_000);
    expect(buildLock(model).servers.every((e) => e.credentials.length === 1 && e.credentials[0]?.startsWith("ACME_API_KEY=literal:"))).toBe(true);
  });

  it.each([
    ["the inventory", (m: ReturnType<typeof modelOf>) => inventoryJson(m)],
    ["the lock", (m: ReturnType<typeof modelOf>) => buildLock(m)],
    ["unpinned-package", (m: ReturnType<typeof modelOf>) => runRules(m, [unpinnedPackage])],
  ])("%s costs in proportion to the servers", (_name, step) => {
    const ratio = costRatio(() => step(modelOf(500)), () => step(modelOf(2_000)), 8);
    // x4 when linear, x16 when quadratic (the old code: x11-x16 for each of the three).
    expect(ratio, `x${ratio.toFixed(1)}`).toBeLessThan(8);
  }, 60_000);
});

/** One server given n literal keys as `--api-key=` arguments (each argument its own credential). */
function manyArgsConfig(n: number): string {
  const args = Array.from({ length: n }, (_, i) => `--api-key=Zq8${i}xK2mP9vL4wR7tY1nB6cJ3hF5gD0sA`);
  return JSON.stringify({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0", ...args] } } });
}

const argModels = new Map([500, 2_000].map((n) => [n, scanSources([{ path: ".mcp.json", text: manyArgsConfig(n) }]).model]));
const argModelOf = (n: number) => argModels.get(n) as NonNullable<ReturnType<typeof argModels.get>>;

describe("one server with many literal keys in its arguments", () => {
  it("is read whole: every argument a credential with its key's hash in the lock", () => {
    const model = argModelOf(2_000);
    expect(model.secrets).toHaveLength(2_000);
    const entry = buildLock(model).servers[0];
    expect(entry?.credentials).toHaveLength(2_000);
    expect(entry?.args.filter((a) => a === "--api-key=[REDACTED]" || a.endsWith("\u2026[REDACTED]"))).toHaveLength(2_000);
  });

  it.each([
    ["the inventory", (m: ReturnType<typeof argModelOf>) => inventoryJson(m)],
    ["the lock", (m: ReturnType<typeof argModelOf>) => buildLock(m)],
  ])("%s costs in proportion to the arguments", (_name, step) => {
    const ratio = costRatio(() => step(argModelOf(500)), () => step(argModelOf(2_000)), 8);
    // x4 when linear, x16 when quadratic (every secret filtered for each argument and credential: x14-x16).
    expect(ratio, `x${ratio.toFixed(1)}`).toBeLessThan(8);
  }, 60_000);
});
